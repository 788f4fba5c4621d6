from typing import Any

from datasets import load_dataset

from newsclean.batch import clean_batch


def clean(batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
    rows = clean_batch(batch["text"], fmt="jsonl")
    return {
        "text": [row["text"] for row in rows],
        "headline": [row["newsclean"]["headline"] for row in rows],
    }


def main() -> None:
    ds = load_dataset("json", data_files="crawl-*.jsonl", split="train")
    ds = ds.map(clean, batched=True, num_proc=2)
    ds.to_json("clean.jsonl")


if __name__ == "__main__":  # num_proc=2 starts worker processes
    main()
