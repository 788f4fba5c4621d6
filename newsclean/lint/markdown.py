"""The parts of a Markdown file the linter must leave alone, as one sorted tuple of spans.

:func:`protected_spans` finds code (fenced, indented, inline), front matter, HTML blocks,
tags and comments, link destinations, URLs and autolinks, reference definitions, tables,
list and quote markers with every line's indentation, and two-space hard line breaks. The
rule runner drops each finding whose span or edit touches one, so the safe fixes change
prose characters only. It errs towards protecting: a construct it cannot tell from prose
is protected, and loses its prose fixes rather than risk its layout.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator

import regex

from newsclean.chars import lazy_compile
from newsclean.model import Span

# A line, with its line break (the last line may have none).
_LINE_RE = lazy_compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
# Front matter opening the file: YAML between --- lines, TOML between +++ lines.
_FRONT_MATTER_RE = lazy_compile(
    r"""
      \A --- [ \t]* \r?\n (?: .*? \r?\n )?? (?: --- | \.\.\. ) [ \t]* (?: \r?\n | \Z )   # YAML
    | \A \+\+\+ [ \t]* \r?\n (?: .*? \r?\n )?? \+\+\+ [ \t]* (?: \r?\n | \Z )           # TOML
    """,
    regex.VERBOSE | regex.DOTALL,
)
# A fence line: any indentation or quote markers (inside a list item or a quote too),
# three or more backticks or tildes, then the info string.
_FENCE_RE = lazy_compile(r"[ \t>]* (?P<fence> `{3,} | ~{3,} )", regex.VERBOSE)
# Indentation that makes an indented code block: four columns, on a line with something on
# it (a line of spaces alone is a blank line in Markdown, and fixing it is fixing prose).
_CODE_INDENT_RE = lazy_compile(r"(?: \t | [ ]{4} ) (?= [ \t]* [^ \t\r\n] )", regex.VERBOSE)
# A line an HTML block starts with: a tag, a closing tag, a comment or a declaration.
_HTML_BLOCK_RE = lazy_compile(r"[ ]{0,3} < (?: [A-Za-z] | / [A-Za-z] | ! | \? )", regex.VERBOSE)
# A table's delimiter row: cells of dashes with optional alignment colons.
_TABLE_DELIMITER_RE = lazy_compile(
    r"[ \t]* \|? [ \t]* :? -+ :? [ \t]* (?: \| [ \t]* :? -+ :? [ \t]* )* \|? [ \t]* $",
    regex.VERBOSE,
)
# A link reference definition: [label]: destination "title".
_REFERENCE_RE = lazy_compile(r"[ ]{0,3} \[ [^\]\r\n]+ \] : [ \t]* \S", regex.VERBOSE)
_BLANK_RE = lazy_compile(r"[ \t]*(?:\r\n|\r|\n)?")
# Within a line: what a fix must not touch.
_INLINE_RE = lazy_compile(
    r"""
      (?<! [^\r\n] ) (?= [ \t>]* [^ \t>\r\n] )   # a line with something on it (not blank):
      [ \t]* (?: > [ \t]* )*                      # its indentation and quote markers
      (?: (?: [-*+] | [0-9]{1,9} [.)] ) (?: [ \t]+ | (?= [\r\n] | \Z ) ) )?   # a list marker
    | (?<= \S ) [ ]{2,} (?= \r?\n | \r )          # a hard break: two spaces or more after text
    | < [A-Za-z][A-Za-z0-9+.-]{1,31} : [^\s<>]* >  # an autolink
    | < [^\s<>@]+ @ [^\s<>]+ >                    # an email autolink
    | </? [A-Za-z][A-Za-z0-9-]* (?: \s [^<>]* )? /? >   # an HTML tag
    | \] \( [ \t]* (?: < [^<>\r\n]*+ > | (?&destination) )   # a link destination
      (?: [ \t]+ (?: "[^"\r\n]*+" | '[^'\r\n]*+' ) )? [ \t]* \)   # and its title
    | \b (?: https? | ftp ) :// [^\s<>]* [^\s<>.,;:!?'")\]] # a bare URL
    | \b www \. [^\s<>]* [^\s<>.,;:!?'")\]]       # a bare web address
    (?(DEFINE) (?P<destination>                  # possessive: no backtracking, so a text
      [^()\s]*+ (?: \( [^()\s]*+ \) [^()\s]*+ )*+  # of many "](" stays linear
    ) )
    """,
    regex.VERBOSE,
)
# An HTML comment, across lines and blank lines.
_COMMENT_RE = lazy_compile(r"<!--.*?(?:-->|\Z)", regex.DOTALL)
_BACKTICKS_RE = lazy_compile(r"`+")
_PARAGRAPH_BREAK_RE = lazy_compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


def protected_spans(text: str) -> tuple[Span, ...]:
    """Return the spans of ``text`` (Markdown) a fix must not touch, sorted and merged.

    >>> text = "Run `a  b` now.\\n\\n```sh\\nx  y\\n```\\n"
    >>> [s.slice(text) for s in protected_spans(text)]
    ['`a  b`', '```sh\\nx  y\\n```\\n']
    """
    blocks = _block_spans(text)
    inline = _inline_spans(text, blocks)
    comments = (Span(m.start(), m.end()) for m in _COMMENT_RE.finditer(text))
    return _merged(itertools.chain(blocks, inline, comments))


def _merged(spans: Iterable[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for span in sorted(s for s in spans if s.end > s.start):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return tuple(out)


def _lines(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end()) for m in _LINE_RE.finditer(text)]
    return [s for s in spans if s.end > s.start]


def _is_blank(text: str, line: Span) -> bool:
    return _BLANK_RE.fullmatch(text, line.start, line.end) is not None


def _block_spans(text: str) -> list[Span]:
    """Whole-line constructs: front matter, fenced and indented code, HTML blocks,
    tables and reference definitions."""
    front = _FRONT_MATTER_RE.match(text)
    start = front.end() if front else 0
    spans = [Span(0, start)] if front else []
    lines = [line for line in _lines(text) if line.start >= start]
    index = 0
    while index < len(lines):
        end = _block_end(text, lines, index)
        if end > index:
            spans.append(Span(lines[index].start, lines[end - 1].end))
            index = end
        else:
            index += 1
    return spans


def _block_end(text: str, lines: list[Span], index: int) -> int:
    """The index after the block starting at line ``index``, or ``index`` if none does."""
    line = lines[index]
    previous_blank = index == 0 or _is_blank(text, lines[index - 1])
    if fence := _FENCE_RE.match(text, line.start, line.end):
        return _fence_end(text, lines, index, fence["fence"])
    if previous_blank and _CODE_INDENT_RE.match(text, line.start, line.end):
        return _indented_end(text, lines, index)
    if previous_blank and _HTML_BLOCK_RE.match(text, line.start, line.end):
        return _until_blank(text, lines, index)
    if _REFERENCE_RE.match(text, line.start, line.end):
        return index + 1
    if _is_table(text, lines, index):
        return _until_blank(text, lines, index, needs="|")
    return index


def _fence_end(text: str, lines: list[Span], index: int, fence: str) -> int:
    """A fence closes at a line of the same character, at least as long; else at the end."""
    closing = _closing_fence(fence[0], len(fence))
    for after in range(index + 1, len(lines)):
        if closing.fullmatch(text, lines[after].start, lines[after].end):
            return after + 1
    return len(lines)


@functools.cache
def _closing_fence(char: str, length: int) -> regex.Pattern[str]:
    return regex.compile(rf"[ \t>]*{regex.escape(char)}{{{length},}}[ \t]*(?:\r\n|\r|\n)?")


def _indented_end(text: str, lines: list[Span], index: int) -> int:
    """Indented lines and the blank lines between them; trailing blank lines stay out."""
    end = index + 1
    for after in range(index + 1, len(lines)):
        if _CODE_INDENT_RE.match(text, lines[after].start, lines[after].end):
            end = after + 1
        elif not _is_blank(text, lines[after]):
            break
    return end


def _until_blank(text: str, lines: list[Span], index: int, needs: str = "") -> int:
    end = index
    while end < len(lines) and not _is_blank(text, lines[end]):
        if needs and needs not in lines[end].slice(text):
            break
        end += 1
    return end


def _is_table(text: str, lines: list[Span], index: int) -> bool:
    """A header row with a pipe, then a delimiter row."""
    if index + 1 >= len(lines) or "|" not in lines[index].slice(text):
        return False
    below = lines[index + 1].slice(text).rstrip("\r\n")
    return "-" in below and _TABLE_DELIMITER_RE.match(below) is not None


def _inline_spans(text: str, blocks: list[Span]) -> Iterator[Span]:
    """Code spans, markers, hard breaks, links, tags and comments outside the blocks."""
    for start, end in _gaps(blocks, len(text)):
        yield from _code_spans(text, start, end)
        for match in _INLINE_RE.finditer(text, start, end):
            yield Span(match.start(), match.end())


def _gaps(blocks: list[Span], length: int) -> Iterator[tuple[int, int]]:
    at = 0
    for span in sorted(blocks):
        if span.start > at:
            yield at, span.start
        at = max(at, span.end)
    if at < length:
        yield at, length


def _code_spans(text: str, start: int, end: int) -> Iterator[Span]:
    """Backtick runs closed by the next run of the same length in their paragraph."""
    at = start
    for brk in [*_PARAGRAPH_BREAK_RE.finditer(text, start, end), None]:
        stop = brk.start() if brk else end
        yield from _paired_runs(list(_BACKTICKS_RE.finditer(text, at, stop)))
        at = brk.end() if brk else end


def _paired_runs(runs: list[regex.Match[str]]) -> Iterator[Span]:
    # The next run of each length, found from the end: one pass, however many runs.
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = len(runs[index].group())
        following[index] = seen.get(length)
        seen[length] = index
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
            continue
        yield Span(runs[index].start(), runs[closing].end())
        index = closing + 1
