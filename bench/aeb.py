"""Score newsclean as a cleaner after an HTML extractor, by the extraction benchmark's metric.

Usage: python bench/aeb.py DIR [--only trafilatura|html-text] [--source S] [--labeller L]
                             [--pages] [--per-page] [--simulate [--split S]]

DIR holds ground-truth.json and one <system>.json per extractor, in the benchmark's layout
({"output": {page: {"articleBody": text}}}). For each extractor it prints precision, recall
and F1 of the extractor's raw text and of that text after newsclean, where "after newsclean"
keeps paragraphs and subheadings only (``parse_article(text, source=...).body_text()``;
trafilatura's output is read with ``source="auto"``, html-text's whole-page text with
``source="page"``, or every system with ``--source``), and counts the pages newsclean made
worse than raw by more than .01 F1. ``--per-page`` prints each page's raw and cleaned F1;
``--pages`` lists, worst page first, the blocks newsclean removed that the reference keeps
and the blocks it kept that the reference lacks.

``--simulate`` reads DIR as labelled real pages instead (``../shared/train-pages``: the
format of newsclean.evaluate, with an index.json naming each page's split) and lays each
page of ``--split`` out as extractor output — every labelled block on its own line, no
blank lines, "unknown" blocks left out — with its body and subheading blocks as the
reference. Whole sites sit on one side of the split, so the train split is where the
extractor mode's errors are studied and the validation split only measures it. Run by
hand; no test reads DIR.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsclean.article import parse_article
from newsclean.evaluate.shingles import (
    PageMatch,
    Score,
    Shingle,
    match_counts,
    score_pages,
    shingles,
)
from newsclean.model import DEFAULT_LABELLER, LABELLERS, SOURCES, Article, Block, Labeller, Source

#: The systems, and the input shape newsclean is told each one gives.
SYSTEMS: dict[str, Source | Literal["auto"]] = {"trafilatura": "auto", "html-text": "page"}
#: The name of labelled pages laid out as extractor output, and the gold labels of its body.
SIMULATED = "labelled pages"
GOLD_BODY = frozenset({"body", "subheading"})
#: A page is "made worse" when its cleaned F1 is lower than raw by more than this.
WORSE_BY = 0.01
BODY_KINDS = frozenset({"paragraph", "subheading"})


@dataclass(frozen=True, slots=True)
class PageRun:
    """One page of one system: the raw and cleaned scores and the parsed article."""

    key: str
    raw: PageMatch
    cleaned: PageMatch
    article: Article
    reference: Counter[Shingle]


def _bodies(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = data.get("output", data)
    return {key: page.get("articleBody") or "" for key, page in pages.items()}


def run_page(
    key: str,
    reference: str,
    extracted: str,
    source: Source | Literal["auto"] = "auto",
    labeller: Labeller = DEFAULT_LABELLER,
) -> PageRun:
    """Score one page raw and after newsclean."""
    article = parse_article(extracted, quotes="keep", source=source, labeller=labeller)
    ref = shingles(reference)
    return PageRun(
        key,
        raw=match_counts(ref, shingles(extracted)),
        cleaned=match_counts(ref, shingles(article.body_text())),
        article=article,
        reference=ref,
    )


def _row(name: str, score: Score) -> str:
    return f"{name:<30}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"


def _shared(block: Block, reference: Counter[Shingle]) -> tuple[int, int]:
    own = shingles(block.text)
    return sum((own & reference).values()), own.total()


def _describe(block: Block, shared: int, total: int) -> str:
    text = " ".join(block.text.split())[:90]
    return f"    {block.kind:<12} {shared:>3}/{total:<3} [{','.join(block.why)}] {text}"


def page_report(run: PageRun) -> list[str]:
    """List the blocks behind a page's lost recall and lost precision."""
    lost_recall, lost_precision = [], []
    for block in run.article.blocks:
        shared, total = _shared(block, run.reference)
        if block.kind not in BODY_KINDS and shared:
            lost_recall.append(_describe(block, shared, total))
        elif block.kind in BODY_KINDS and shared < total:
            lost_precision.append(_describe(block, total - shared, total))
    head = (
        f"{run.key[:16]}  F1 raw {run.raw.f1:.3f} -> newsclean {run.cleaned.f1:.3f}"
        f"  (P {run.cleaned.precision or 0:.3f} R {run.cleaned.recall or 0:.3f})"
    )
    lines = [head]
    if lost_recall:
        lines += ["  lost recall: removed, the reference keeps (shared/shingles)", *lost_recall]
    if lost_precision:
        lines += ["  lost precision: kept, the reference lacks (missing/shingles)", *lost_precision]
    return lines


def worse_pages(runs: Sequence[PageRun]) -> list[PageRun]:
    """The pages newsclean made worse than the extractor's raw text (F1 down by > .01)."""
    return [r for r in runs if r.cleaned.f1 < r.raw.f1 - WORSE_BY]


def per_page_lines(runs: Sequence[PageRun]) -> list[str]:
    """One line per page, worst change first: raw F1, cleaned F1 and the difference."""
    ordered = sorted(runs, key=lambda r: (r.cleaned.f1 - r.raw.f1, r.key))
    return [
        f"  {r.key[:16]:<16} raw {r.raw.f1:.3f} -> {r.cleaned.f1:.3f}  "
        f"({r.cleaned.f1 - r.raw.f1:+.3f})"
        for r in ordered
    ]


Benchmark = tuple[dict[str, str], dict[str, dict[str, str]]]


def load_benchmark(directory: Path, only: str | None) -> Benchmark:
    """The reference bodies and each system's output, by page key."""
    truth = _bodies(directory / "ground-truth.json")
    systems = [only] if only else list(SYSTEMS)
    return truth, {name: _bodies(directory / f"{name}.json") for name in systems}


def simulate(directory: Path, split: str) -> Benchmark:
    """Labelled pages of ``split`` laid out as extractor output, with their gold bodies."""
    index = json.loads((directory / "index.json").read_text(encoding="utf-8"))
    truth, output = {}, {}
    for key in sorted(k for k, page in index.items() if page.get("split") == split):
        data = json.loads((directory / f"{key}.json").read_text(encoding="utf-8"))
        blocks = [b for b in data["blocks"] if b["label"] != "unknown"]
        output[key] = "\n".join(" ".join(b["text"].split()) for b in blocks)
        truth[key] = "\n".join(b["text"] for b in blocks if b["label"] in GOLD_BODY)
    return truth, {SIMULATED: output}


def main(argv: Sequence[str] | None = None) -> int:
    """Print the benchmark table (and with ``--pages`` the per-page losses)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--only", choices=SYSTEMS)
    parser.add_argument("--source", choices=SOURCES, help="read every system's text as this")
    parser.add_argument("--per-page", action="store_true", help="each page's raw and cleaned F1")
    parser.add_argument("--pages", action="store_true", help="per-page losses, worst first")
    parser.add_argument("--labeller", choices=LABELLERS, default=DEFAULT_LABELLER)
    parser.add_argument("--simulate", action="store_true", help="DIR holds labelled pages")
    parser.add_argument("--split", default="train", help="with --simulate: the split to read")
    args = parser.parse_args(argv)
    try:
        truth, outputs = (
            simulate(args.directory, args.split)
            if args.simulate
            else load_benchmark(args.directory, args.only)
        )
    except (OSError, ValueError, KeyError) as exc:
        print(f"{args.directory}: error: {exc}", file=sys.stderr)
        return 2
    print(f"{f'{len(truth)} pages':<30}{'P':>7}{'R':>7}{'F1':>7}{'worse':>7}")
    runs = {}
    for name, output in outputs.items():
        source = args.source or SYSTEMS.get(name, "auto")
        runs[name] = [
            run_page(key, truth[key], output.get(key, ""), source, args.labeller)
            for key in sorted(truth)
        ]
        print(_row(f"{name} raw", score_pages(r.raw for r in runs[name])))
        worse = len(worse_pages(runs[name]))
        print(_row(f"{name} -> newsclean", score_pages(r.cleaned for r in runs[name])), end="")
        print(f"{worse:>7}")
    if args.per_page:
        for name, page_runs in runs.items():
            print(f"\n== {name}, per page (F1), worst change first")
            print("\n".join(per_page_lines(page_runs)))
    if args.pages:
        for name, page_runs in runs.items():
            print(f"\n== {name}, worst pages first")
            for run in sorted(page_runs, key=lambda r: (r.cleaned.f1, r.key)):
                print("\n".join(page_report(run)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
