"""``python -m newsclean.evaluate PATH...``: score the labeller against labelled pages.

Reads the pages (:mod:`newsclean.io.pages`), scores them (:mod:`newsclean.evaluate.measure`)
and prints the tables or JSON; exits 0 when measured, 2 on bad input.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Sequence

from newsclean.article import parse_article
from newsclean.evaluate.measure import ParseFn, evaluate, render_text, to_json
from newsclean.io.pages import find_pages, load_page
from newsclean.model import DEFAULT_LABELLER, LABELLERS, Article, InputError, Labeller


def _default_parse(text: str, labeller: Labeller = DEFAULT_LABELLER) -> Article:
    return parse_article(text, quotes="keep", labeller=labeller)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m newsclean.evaluate",
        description="Score newsclean's block labels against hand-labelled texts.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a .txt file or a directory")
    parser.add_argument("--errors", action="store_true", help="list every misclassified block")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--split", help="only the pages a directory's index.json puts in this split (validation)"
    )
    parser.add_argument(
        "--labeller",
        choices=LABELLERS,
        default=DEFAULT_LABELLER,
        help="who labels: learned (default) or rules",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, *, parse: ParseFn | None = None) -> int:
    """Evaluate the labelled texts under the given paths; 0 when measured, 2 on bad input."""
    try:
        args = _arguments(argv)
    except SystemExit as exc:  # argparse has printed its usage message already
        return 0 if exc.code in (0, None) else 2
    try:
        pages = [load_page(*found) for found in find_pages(args.paths, args.split)]
    except InputError as exc:
        print(f"{exc.path}: error: {exc.problem}", file=sys.stderr)
        return 2
    summaries = evaluate(pages, parse or functools.partial(_default_parse, labeller=args.labeller))
    if args.json:
        print(json.dumps(to_json(summaries, errors=args.errors), indent=2, ensure_ascii=False))
    else:
        print(render_text(summaries, errors=args.errors), end="")
    return 0
