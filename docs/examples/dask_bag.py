import json

import dask.bag as db

from newsclean.batch import map_record


def main() -> None:
    records = db.read_text("crawl-*.jsonl").map(json.loads)
    cleaned = records.map(map_record, fmt="jsonl")  # the whole text, and the parsed article
    cleaned.map(json.dumps).to_textfiles("clean-*.jsonl", last_endline=True)


if __name__ == "__main__":  # dask's process pool starts workers that import this file
    main()
