"""Output formats: an :class:`Article` in, the string to print out; nothing here does I/O.

``text`` is the clean article for reading; ``json`` and ``jsonl`` carry every block with
its label, built by one serializer (:func:`article_record`). The framing functions join
per-file outputs so the command line can stream them one at a time.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from newsclean.model import Article, Block, Kind, QuoteStyle

Format = Literal["text", "json", "jsonl"]
FORMATS: tuple[Format, ...] = ("text", "json", "jsonl")


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """How every article of a run is cleaned (its quote style) and shown (the format, the
    kinds kept in text output, body only); the same for files and JSON Lines records.

    >>> CleanOptions(fmt="jsonl").quotes
    'straight'
    """

    quotes: QuoteStyle = "straight"
    fmt: Format = "text"
    keep: frozenset[str] = frozenset()
    only_body: bool = False


#: What ``--keep`` accepts, and the block kind each name brings back into text output.
KEEPABLE: MappingProxyType[str, Kind] = MappingProxyType(
    {"captions": "caption", "boilerplate": "boilerplate", "alt_headlines": "alt_headline"}
)

# Kinds always shown in text output, unmarked; the rest only when kept, marked by kind.
_BODY_KINDS: frozenset[Kind] = frozenset({"paragraph", "subheading"})


def parse_keep(value: str) -> frozenset[str]:
    """Return the names in a comma-separated ``--keep`` list, checking each one.

    >>> sorted(parse_keep("captions, boilerplate"))
    ['boilerplate', 'captions']
    """
    names = frozenset(name.strip() for name in value.split(",") if name.strip())
    unknown = sorted(names - KEEPABLE.keys())
    if unknown:
        choices = ", ".join(KEEPABLE)
        raise ValueError(f"cannot keep {', '.join(unknown)}; choose from {choices}")
    return names


def _text_line(block: Block, kinds: frozenset[Kind]) -> str | None:
    """Return how ``block`` shows in text output, or None if it is left out."""
    if block.kind in _BODY_KINDS or (block.kind == "headline" and "headline" in kinds):
        return block.text
    if block.kind in kinds:
        return f"[{block.kind}] {block.text}"
    return None


def render_text(article: Article, *, keep: Collection[str] = (), only_body: bool = False) -> str:
    """Return the clean article: blocks separated by blank lines, ending in one newline.

    The headline comes first (unless ``only_body``), then paragraphs and subheadings.
    Each ``keep`` name (see :data:`KEEPABLE`) brings back its blocks in their place,
    marked with their kind: ``[caption] …``. An article with no text renders as "".

    >>> from newsclean.model import Span
    >>> art = Article(headline="Rain", blocks=(
    ...     Block("Rain", 1, Span(0, 4), "headline"),
    ...     Block("It rained.", 3, Span(6, 16)),
    ...     Block("Wet: a street", 5, Span(18, 31), "caption"),
    ... ))
    >>> print(render_text(art, keep={"captions"}), end="")
    Rain
    <BLANKLINE>
    It rained.
    <BLANKLINE>
    [caption] Wet: a street
    """
    kinds = frozenset(KEEPABLE[name] for name in keep)
    if not only_body:
        kinds |= {"headline"}
    lines = [line for block in article.blocks if (line := _text_line(block, kinds))]
    has_headline_block = any(block.kind == "headline" for block in article.blocks)
    if article.headline and not only_body and not has_headline_block:
        lines.insert(0, article.headline)
    return "\n\n".join(lines) + "\n" if lines else ""


def article_record(path: str, article: Article) -> dict[str, Any]:
    """Return the JSON-ready record of one input: its path, then the article's fields.

    This is the only place JSON output is built; ``json`` and ``jsonl`` differ in layout.

    >>> list(article_record("a.txt", Article(headline="Hi")))
    ['path', 'headline', 'alt_headlines', 'site', 'blocks', 'fixes']
    """
    return {"path": path, **article.to_dict()}


def render_json(path: str, article: Article) -> str:
    """Return the record as indented JSON (2 spaces), non-ASCII kept, no final newline.

    >>> print(render_json("a.txt", Article(site="Café Times")))
    {
      "path": "a.txt",
      "headline": null,
      "alt_headlines": [],
      "site": "Café Times",
      "blocks": [],
      "fixes": []
    }
    """
    return json.dumps(article_record(path, article), ensure_ascii=False, indent=2)


def render_jsonl(path: str, article: Article) -> str:
    """Return the record as one compact line of JSON, ending in a newline.

    >>> render_jsonl("a.txt", Article())[:28]
    '{"path":"a.txt","headline":n'
    """
    record = article_record(path, article)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def render(
    fmt: Format,
    path: str,
    article: Article,
    *,
    keep: Collection[str] = (),
    only_body: bool = False,
) -> str:
    """Return one input's output in format ``fmt`` (``keep``/``only_body`` are for text).

    >>> render("jsonl", "-", Article()).startswith('{"path":"-"')
    True
    """
    if fmt == "json":
        return render_json(path, article)
    if fmt == "jsonl":
        return render_jsonl(path, article)
    return render_text(article, keep=keep, only_body=only_body)


def frame_outputs(fmt: Format, outputs: Iterable[tuple[str, str]], *, many: bool) -> Iterator[str]:
    """Yield the pieces to print for ``(path, rendered)`` pairs, in order, lazily.

    For one input its output is printed as is (``json`` gets a final newline). For
    ``many``: ``json`` becomes one array (exactly as ``json.dumps(list, indent=2)``
    would lay it out), ``text`` gets a ``==> path <==`` header line per article and a
    blank line between articles, and ``jsonl`` lines are simply concatenated.

    >>> "".join(frame_outputs("json", [("a", "{}"), ("b", "{}")], many=True))
    '[\\n  {},\\n  {}\\n]\\n'
    """
    if fmt == "jsonl":
        yield from (rendered for _, rendered in outputs)
    elif not many:
        yield from (rendered + "\n" if fmt == "json" else rendered for _, rendered in outputs)
    elif fmt == "json":
        yield from _frame_json_array(rendered for _, rendered in outputs)
    else:
        for index, (path, rendered) in enumerate(outputs):
            separator = "\n" if index else ""
            yield f"{separator}==> {path} <==\n{rendered}"


def _frame_json_array(objects: Iterable[str]) -> Iterator[str]:
    """Yield a JSON array around already-rendered objects, indented one more level."""
    first = True
    for rendered in objects:
        yield ("[\n" if first else ",\n") + "\n".join("  " + line for line in rendered.split("\n"))
        first = False
    yield "[]\n" if first else "\n]\n"
