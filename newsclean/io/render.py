"""Output formats: an :class:`Article` in, the string to print out; nothing here does I/O.

``text`` is the clean article for reading; ``json`` and ``jsonl`` carry every block with
its label, built by one serializer (:func:`article_record`). The framing functions join
per-file outputs so the command line can stream them one at a time. Two guards serve every
output of the package: :func:`escape_for_terminal` for a name or message shown to people,
:func:`json_text` for JSON that must stay strict and encodable as UTF-8.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

import regex

from newsclean.chars import lazy_compile
from newsclean.model import (
    BODY_KINDS,
    DEFAULT_LABELLER,
    SITE_PREFIX,
    Article,
    Block,
    Kind,
    Labeller,
    QuoteStyle,
    Source,
)

Format = Literal["text", "json", "jsonl"]
FORMATS: tuple[Format, ...] = ("text", "json", "jsonl")


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """How every article of a run is cleaned (its quote style, the shape of its input) and
    shown (the format, the kinds kept in text output, body only); the same for files and
    JSON Lines records.

    >>> CleanOptions(fmt="jsonl").quotes
    'straight'
    """

    quotes: QuoteStyle = "straight"
    fmt: Format = "text"
    keep: frozenset[str] = frozenset()
    only_body: bool = False
    source: Source | Literal["auto"] = "auto"
    labeller: Labeller = DEFAULT_LABELLER


#: What ``--keep`` accepts, and the block kind each name brings back into text output.
KEEPABLE: MappingProxyType[str, Kind] = MappingProxyType(
    {"captions": "caption", "boilerplate": "boilerplate", "alt_headlines": "alt_headline"}
)

# What must not reach a terminal or a CI log raw, where a file name or other untrusted text is
# shown to people: a line break would start a forged line (a GitHub "::error" command), an
# escape sequence would drive the terminal, a bidi control would show a name in a false order.
_TERMINAL_UNSAFE_RE = lazy_compile(
    r"""
      \p{Cc}              # controls: C0 (line feed, escape), DEL and C1 (next line, CSI)
    | \p{Zl} | \p{Zp}     # the line and paragraph separators, line breaks to some viewers
    | \p{Bidi_Control}    # marks, embeddings, overrides and isolates that reorder the text
    | \p{Cs}              # a lone surrogate: a file name byte that is not UTF-8
    | \\                  # the escape character itself, so that every escape reads one way
    """,
    regex.VERBOSE,
)

# The escapes of characters that have a short one in Python and C.
_SHORT_ESCAPES: MappingProxyType[str, str] = MappingProxyType(
    {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
)

# A lone surrogate: what Python makes of a file name byte that is not UTF-8 (surrogateescape),
# or of a JSON "\ud800" escape; no UTF-8 encoder takes it.
_LONE_SURROGATE_RE = lazy_compile(r"\p{Cs}")

# Kinds always shown in text output, unmarked; the rest only when kept, marked by kind.


def _escape(char: str) -> str:
    point = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if point < 0x100:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"


def escape_for_terminal(text: str) -> str:
    """Return ``text`` safe to show on a terminal or in a CI log, as Python would escape it.

    Controls (C0, DEL, C1), line and paragraph separators, bidi controls and lone
    surrogates (bytes of a file name that are not UTF-8) become ``\\n``, ``\\x1b``,
    ``\\u202e``, ``\\udcff``; a backslash is doubled, so an escaped name never reads
    as another name. Every other character, any script, is kept.

    >>> print(escape_for_terminal("x\\n::error::\\u202etxt.exe caf\\u00e9\\\\"))
    x\\n::error::\\u202etxt.exe café\\\\
    """
    return str(_TERMINAL_UNSAFE_RE.sub(lambda match: _escape(match[0]), text))


def json_text(value: Any, *, indent: int | None = None) -> str:
    """Return ``value`` as strict JSON: non-ASCII kept, lone surrogates as ``\\uXXXX``.

    Compact (no spaces) by default, else indented by ``indent``. A lone surrogate (a file
    name byte that is not UTF-8, or an escape a JSON line held) is written as its JSON
    escape, so the text always encodes as UTF-8 and parses back to the same value. NaN and
    the infinities raise ``ValueError``: no JSON parser has to accept them.

    >>> print(json_text({"path": "bad\\udcff.txt", "site": "Caf\\u00e9"}))
    {"path":"bad\\udcff.txt","site":"Café"}
    """
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(
        value, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators
    )
    # Outside strings json.dumps writes ASCII only, and inside them every backslash it
    # writes is paired: a surrogate it left raw can only be a character of a string.
    return escape_surrogates(text)


def escape_surrogates(text: str) -> str:
    """Return ``text`` with each lone surrogate written as its escape, ``\\udcff``.

    The one change that makes any ``str`` encodable as UTF-8; in JSON it is the standard
    escape of that code point.

    >>> escape_surrogates("bad\\udcff.txt")
    'bad\\\\udcff.txt'
    """
    return str(_LONE_SURROGATE_RE.sub(lambda match: f"\\u{ord(match[0]):04x}", text))


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


def _text_line(block: Block, kinds: frozenset[Kind], headline: str | None) -> str | None:
    """Return how ``block`` shows in text output, or None if it is left out."""
    if block.kind in BODY_KINDS:
        return block.text
    if block.kind == "headline" and "headline" in kinds:
        return block.text if headline is None else headline
    if block.kind in kinds:
        return f"[{block.kind}] {block.text}"
    return None


def _site_line(article: Article) -> str:
    return f"{SITE_PREFIX}{article.site}" if article.site else ""


def render_text(article: Article, *, keep: Collection[str] = (), only_body: bool = False) -> str:
    """Return the clean article: blocks separated by blank lines, ending in one newline.

    The headline comes first (unless ``only_body``), as JSON's ``headline`` has it (a
    site-name suffix split off), then the site name on a line of its own, if any, then
    paragraphs and subheadings. Each ``keep`` name (see :data:`KEEPABLE`) brings back its
    blocks in their place, marked with their kind: ``[caption] …``. An article with no
    text renders as "".

    >>> from newsclean.model import Span
    >>> art = Article(headline="Rain", site="The Bugle", blocks=(
    ...     Block("Rain | The Bugle", 1, Span(0, 16), "headline"),
    ...     Block("It rained.", 3, Span(18, 28)),
    ...     Block("Wet: a street", 5, Span(30, 43), "caption"),
    ... ))
    >>> print(render_text(art, keep={"captions"}), end="")
    Rain
    <BLANKLINE>
    site: The Bugle
    <BLANKLINE>
    It rained.
    <BLANKLINE>
    [caption] Wet: a street
    """
    kinds = frozenset(KEEPABLE[name] for name in keep)
    if not only_body:
        kinds |= {"headline"}
    first = next((i for i, block in enumerate(article.blocks) if block.kind == "headline"), None)
    shown: list[str | None] = []
    for index, block in enumerate(article.blocks):
        line = _text_line(block, kinds, article.headline if index == first else None)
        shown.append(line)
        if line and index == first:
            shown.append(_site_line(article))
    if article.headline and not only_body and first is None:
        shown[:0] = [article.headline, _site_line(article)]
    lines = [line for line in shown if line]
    return "\n\n".join(lines) + "\n" if lines else ""


#: Kinds text output leaves out unless kept that can hold words of the article: a block
#: mislabelled as one of them is body text the reader never sees (an alt_headline repeats
#: the headline, so it is not counted).
HIDDEN_KINDS: frozenset[Kind] = frozenset({"caption", "boilerplate"})


def hidden_blocks(article: Article, *, keep: Collection[str] = ()) -> tuple[Block, ...]:
    """Return the caption and boilerplate blocks text output leaves out (not in ``keep``).

    >>> from newsclean.model import Span
    >>> art = Article(blocks=(Block("Rain.", 1, Span(0, 5)),
    ...     Block("Photo: A. Lens", 3, Span(7, 21), "caption")))
    >>> [b.text for b in hidden_blocks(art)], hidden_blocks(art, keep={"captions"})
    (['Photo: A. Lens'], ())
    """
    kept = {KEEPABLE[name] for name in keep}
    return tuple(b for b in article.blocks if b.kind in HIDDEN_KINDS and b.kind not in kept)


def article_record(path: str, article: Article) -> dict[str, Any]:
    """Return the JSON-ready record of one input: its path, then the article's fields.

    This is the only place JSON output is built; ``json`` and ``jsonl`` differ in layout.

    >>> list(article_record("a.txt", Article(headline="Hi")))
    ['path', 'headline', 'alt_headlines', 'site', 'source', 'blocks', 'fixes']
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
      "source": "article",
      "blocks": [],
      "fixes": []
    }
    """
    return json_text(article_record(path, article), indent=2)


def render_jsonl(path: str, article: Article) -> str:
    """Return the record as one compact line of JSON, ending in a newline.

    >>> render_jsonl("a.txt", Article())[:28]
    '{"path":"a.txt","headline":n'
    """
    return json_text(article_record(path, article)) + "\n"


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
    would lay it out), ``text`` gets a ``==> path <==`` header line per article (the path
    escaped by :func:`escape_for_terminal`) and a blank line between articles, and
    ``jsonl`` lines are simply concatenated.

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
            yield f"{separator}==> {escape_for_terminal(path)} <==\n{rendered}"


def _frame_json_array(objects: Iterable[str]) -> Iterator[str]:
    """Yield a JSON array around already-rendered objects, indented one more level."""
    first = True
    for rendered in objects:
        yield ("[\n" if first else ",\n") + "\n".join("  " + line for line in rendered.split("\n"))
        first = False
    yield "[]\n" if first else "\n]\n"
