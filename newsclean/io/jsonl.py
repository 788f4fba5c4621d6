"""JSON Lines records: one article per input line in, one cleaned object per output line out.

Pure functions, no I/O: the command line reads the lines and writes what these return, so a
worker process can clean a chunk of lines from their bytes alone. Every field of a record is
passed through unchanged except the text field, which gets the clean text; ``jsonl`` output
also adds the parsed article under :data:`ARTICLE_KEY`.

Input is held to strict JSON, so that every output line is strict JSON too: a line with
``NaN`` or an infinity (``Infinity``, or a number such as ``1e999`` that overflows a float),
an integer longer than Python converts (4,300 digits), or nesting too deep to decode is a bad
line, reported like any other. A lone surrogate (``"\\ud800"``) passes through as the same
escape.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from newsclean.io.render import CleanOptions, hidden_blocks, json_text, render_text
from newsclean.model import Article

ErrorPolicy = Literal["skip", "fail"]
ERROR_POLICIES: tuple[ErrorPolicy, ...] = ("skip", "fail")
#: The key the parsed article (headline, alt_headlines, site, blocks, fixes) is added under.
ARTICLE_KEY = "newsclean"

_JSON_TYPES: tuple[tuple[type, str], ...] = (
    # bool before int: True is an int to isinstance
    (bool, "a boolean"),
    (int, "a number"),
    (float, "a number"),
    (str, "a string"),
    (list, "an array"),
    (dict, "an object"),
)


class RecordError(ValueError):
    """A line that is not a usable record; ``str()`` says what is wrong and what to do."""


@dataclass(frozen=True, slots=True)
class LineOptions:
    """How every record of a run is cleaned: the field to read, and the article options.

    ``clean.fmt`` ``"text"`` puts the article as ``--format text`` shows it (``keep`` and
    ``only_body`` apply) in the text field; ``"jsonl"`` puts the whole fixed text there and
    adds the parsed article under :data:`ARTICLE_KEY` (records are never written as one
    ``"json"`` array: the command line refuses that format for JSON Lines input).
    """

    text_field: str = "text"
    clean: CleanOptions = field(default_factory=CleanOptions)

    def __post_init__(self) -> None:
        if self.clean.fmt == "jsonl" and self.text_field == ARTICLE_KEY:
            raise ValueError(
                f"--text-field {ARTICLE_KEY} with --format jsonl: the parsed article is "
                f'written under "{ARTICLE_KEY}" and would replace the clean text; rename '
                "the field or use --format text"
            )


@dataclass(frozen=True, slots=True)
class LineOutcome:
    """The result for one input line: its output line (with newline) or an error message."""

    line: int
    output: str | None = None
    error: str | None = None
    fixes: int = 0
    hidden: int = 0  # blocks the text left out as captions or boilerplate, and their words
    hidden_words: int = 0


def json_type_name(value: object) -> str:
    """Return the JSON name of a decoded value's type, with its article.

    >>> json_type_name([1]), json_type_name(True), json_type_name(None)
    ('an array', 'a boolean', 'null')
    """
    for kind, name in _JSON_TYPES:
        if isinstance(value, kind):
            return name
    return "null"


def is_blank(raw: bytes) -> bool:
    """Return whether a line holds only whitespace: it carries no record and is passed over.

    >>> is_blank(b"  \\r\\n"), is_blank(b"{}\\n")
    (True, False)
    """
    return not raw.strip()


#: How much of a first line :func:`not_jsonl_reason` quotes.
_SHOWN_BYTES = 30


def not_jsonl_reason(first: bytes) -> str | None:
    """Say why an input whose first non-blank line is ``first`` is plainly not JSON Lines.

    Every JSON Lines record here is an object, so the first line must open with ``{``
    (after a byte-order mark and spaces); a file that does not is reported once, instead
    of once per line. A JSON array gets its own hint. Returns None for a likely input.

    >>> not_jsonl_reason(b'  {"text": "Hi"}\\n') is None
    True
    >>> print(not_jsonl_reason(b"Storm hits coast\\n").split(";")[0])
    not JSON Lines: the first line starts with 'Storm hits coast', not '{'
    """
    line = first.removeprefix(b"\xef\xbb\xbf").strip()
    if line.startswith(b"{"):
        return None
    if line.startswith(b"["):
        return "a JSON array, not JSON Lines: write one object per line"
    shown = line[:_SHOWN_BYTES].decode("utf-8", errors="replace")
    more = "\N{HORIZONTAL ELLIPSIS}" if len(line) > _SHOWN_BYTES else ""
    return (
        f"not JSON Lines: the first line starts with {shown + more!r}, not '{{'; leave out "
        "--input-format jsonl to clean a plain text file"
    )


def read_record(raw: bytes, text_field: str, *, first: bool = False) -> tuple[dict[str, Any], str]:
    """Decode one line into its JSON object and the text in ``text_field``.

    ``first`` allows a UTF-8 byte-order mark (the start of a file). Raises
    :class:`RecordError` for bad UTF-8, bad JSON, a non-object, or a missing or
    non-string field.

    >>> read_record(b'{"id": 7, "text": "Hi"}\\n', "text")
    ({'id': 7, 'text': 'Hi'}, 'Hi')
    """
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
        ) from None
    if first:
        line = line.removeprefix("\N{ZERO WIDTH NO-BREAK SPACE}")
    record = _decode_json(line)
    return record, record_text(record, text_field)


def record_text(record: object, text_field: str) -> str:
    """Return the article text a decoded record holds in ``text_field``.

    Raises :class:`RecordError` for a non-object, or a missing or non-string field.

    >>> record_text({"id": 7, "body": "Hi"}, "body")
    'Hi'
    """
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {json_type_name(record)}")
    if text_field not in record:
        raise RecordError(
            f'no "{text_field}" field (name the text field with --text-field, '
            "or text_field= from Python)"
        )
    text = record[text_field]
    if not isinstance(text, str):
        raise RecordError(f'"{text_field}" is {json_type_name(text)}, expected a string')
    return text


def _decode_json(line: str) -> Any:
    """Decode strict JSON: NaN, infinities, overlong integers and deep nesting are refused."""
    try:
        return json.loads(
            line, parse_constant=_refuse_constant, parse_float=_finite, parse_int=_integer
        )
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise RecordError(_TOO_DEEP) from None


_TOO_DEEP = "arrays or objects nested too deeply to decode; flatten the record"


def _refuse_constant(name: str) -> float:
    raise RecordError(f"{name} is not a JSON number; write null or a string")


def _finite(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise RecordError(f"the number {literal} is too large for a float; write it as a string")
    return number


def _integer(literal: str) -> int:
    try:
        return int(literal)
    except ValueError:  # Python's limit on converting long digit strings (CVE-2020-10735)
        digits = len(literal.lstrip("-"))
        raise RecordError(
            f"an integer of {digits} digits is too long to convert; write it as a string"
        ) from None


def record_output(record: dict[str, Any], article: Article, options: LineOptions) -> dict[str, Any]:
    """Return ``record`` with the clean text in the text field (and the article, for jsonl).

    Keys keep their order; an existing :data:`ARTICLE_KEY` field is replaced.

    >>> record_output({"id": 1, "text": "x"}, Article(text="X"),
    ...               LineOptions(clean=CleanOptions(fmt="jsonl")))
    {'id': 1, 'text': 'X', 'newsclean': {'headline': None, 'alt_headlines': [], 'site': None, \
'source': 'article', 'blocks': [], 'fixes': []}}
    """
    clean = options.clean
    if clean.fmt == "jsonl":
        return {**record, options.text_field: article.text, ARTICLE_KEY: article.to_dict()}
    shown = render_text(article, keep=clean.keep, only_body=clean.only_body)
    return {**record, options.text_field: shown.removesuffix("\n")}


def clean_record(raw: bytes, options: LineOptions, *, first: bool = False) -> tuple[str, int]:
    """Clean one line; return the output line (ending in a newline) and the number of fixes.

    Raises :class:`RecordError` for a line that is not a usable record.

    >>> clean_record(b'{"text": "Rain  falls.", "n": 2}', LineOptions())
    ('{"text":"Rain falls.","n":2}\\n', 1)
    """
    output, article = _clean_record(raw, options, first=first)
    return output, len(article.fixes)


def _clean_record(raw: bytes, options: LineOptions, *, first: bool) -> tuple[str, Article]:
    from newsclean.article import parse_article  # here: the command line's start stays light

    record, text = read_record(raw, options.text_field, first=first)
    article = parse_article(
        text,
        quotes=options.clean.quotes,
        source=options.clean.source,
        labeller=options.clean.labeller,
    )
    try:  # a record decoded near the recursion limit may not encode from a deeper stack
        output = json_text(record_output(record, article, options))
    except RecursionError:
        raise RecordError(_TOO_DEEP) from None
    return output + "\n", article


def clean_line(number: int, raw: bytes, options: LineOptions) -> LineOutcome:
    """Clean line ``number`` (1-based) of an input; a bad line becomes an error value.

    With ``--format text`` the outcome counts the blocks (and words) the text left out
    as captions or boilerplate.

    >>> clean_line(3, b"[1, 2]", LineOptions()).error
    'expected a JSON object, got an array'
    """
    try:
        output, article = _clean_record(raw, options, first=number == 1)
    except RecordError as exc:
        return LineOutcome(number, error=str(exc))
    clean = options.clean
    hidden = hidden_blocks(article, keep=clean.keep) if clean.fmt == "text" else ()
    words = sum(len(block.text.split()) for block in hidden)
    fixes = len(article.fixes)
    return LineOutcome(number, output, fixes=fixes, hidden=len(hidden), hidden_words=words)


def clean_lines(
    lines: Sequence[tuple[int, bytes]], options: LineOptions
) -> tuple[LineOutcome, ...]:
    """Clean a chunk of ``(number, raw line)`` pairs in order: the unit a worker gets.

    >>> [o.line for o in clean_lines([(1, b'{"text": "A."}'), (2, b"nope")], LineOptions())]
    [1, 2]
    """
    return tuple(clean_line(number, raw, options) for number, raw in lines)
