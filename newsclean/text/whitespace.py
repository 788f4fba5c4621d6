"""Whitespace normalisation: line endings, trailing spaces, space runs, blank-line runs.

One compiled pattern finds every stretch of whitespace worth looking at; each stretch is
rewritten to its normal form and reported as one :class:`Fix` (reasons joined by ``+``
when a stretch had several problems, as :func:`newsclean.model.compose_fixes` does).
"""

from __future__ import annotations

import functools

import regex

from newsclean.arguments import require_text
from newsclean.chars import HSPACE_CLASS, NEWLINE, lazy_compile, lazy_compile_re
from newsclean.model import Cleaned, rewrite_at

#: Every stretch of whitespace that may need rewriting.
WHITESPACE_RE = lazy_compile(
    rf"""
      (?P<breaks> [{HSPACE_CLASS}]* (?: {NEWLINE} [{HSPACE_CLASS}]* )+ )  # line end(s) and indent
    | (?P<trailing> [{HSPACE_CLASS}]+ \Z )                               # spaces ending the text
    | (?P<indent> \A [{HSPACE_CLASS}]+ )                                 # first line's indent
    | (?P<run> [{HSPACE_CLASS}]{{2,}} | \N{{CHARACTER TABULATION}} )      # inside a line
    """,
    regex.VERBOSE,
)

#: Whitespace characters that are never right in clean text.
ODD_WHITESPACE_RE = lazy_compile_re(
    "[\N{CARRIAGE RETURN}\N{CHARACTER TABULATION}\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}]"
)

#: Pairs and triples of spaces and line feeds that clean text never holds.
TROUBLE_NEEDLES = ("  ", " \n", "\n ", "\n\n\n")

#: What a stretch of whitespace is made of.
_STRETCH_CHARS = frozenset(" \t\n\r\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}")

#: One line break inside a stretch; a paragraph separator counts as a blank line.
BREAK_RE = lazy_compile(
    rf"""
      \N{{PARAGRAPH SEPARATOR}}    # a paragraph break
    | {NEWLINE}                   # any other line break
    """,
    regex.VERBOSE,
)


def _break_count(stretch: str) -> int:
    """Count line breaks, a paragraph separator as two (it ends a paragraph)."""
    return sum(2 if m[0] == "\N{PARAGRAPH SEPARATOR}" else 1 for m in BREAK_RE.finditer(stretch))


def _breaks_reason(stretch: str, new: str, at_start: bool, at_end: bool) -> str:
    """Name what was wrong with a stretch of line breaks that became ``new``."""
    middle = stretch.strip(" \t")
    reasons = []
    if middle.replace("\n", "").strip(" \t"):
        reasons.append("line-ending")
    # Spaces before the first break end a line; between breaks they fill a blank line.
    if (stretch[0] in " \t" and not at_start) or " " in middle or "\t" in middle:
        reasons.append("trailing-space")
    if at_start or _break_count(stretch) > new.count("\n"):
        reasons.append("blank-lines")
    if stretch[-1] in " \t":
        reasons.append("trailing-space" if at_end else "indent")
    return "+".join(dict.fromkeys(reasons))


def _rewrite(match: regex.Match[str], text: str) -> tuple[str, str]:
    stretch = match[0]
    form = _remembered_form if len(stretch) <= _MEMO_CHARS else _normal_form
    return form(match.lastgroup or "", stretch, match.start() == 0, match.end() == len(text))


def _normal_form(kind: str, stretch: str, at_start: bool, at_end: bool) -> tuple[str, str]:
    """The normal form of a stretch of whitespace of ``kind``, and the reason it changed."""
    if kind == "breaks":
        count = _break_count(stretch)
        new = "" if at_start else "\n" if at_end or count == 1 else "\n\n"
        if new == stretch:
            return new, ""
        return new, _breaks_reason(stretch, new, at_start, at_end)
    if kind == "trailing":
        return "", "trailing-space"
    if kind == "indent":
        return "", "indent"
    return " ", "space-run" if len(stretch) > 1 else "tab"


#: Stretches up to this long have their normal form remembered: a text with old Mac line
#: ends has one stretch per line, nearly all alike ("\r", "\r\r"), and working each out
#: again made it many times slower than the same text with line feeds (issue #13).
_MEMO_CHARS = 8
_remembered_form = functools.lru_cache(maxsize=1024)(_normal_form)


def _stretch_starts(text: str) -> list[int]:
    """Return where each stretch of whitespace that may need a fix begins, in order.

    Clean text has only single spaces and single or double line feeds, so only the
    needles below can start trouble; ``str.find`` and a stdlib class search find them at
    C speed, then each hit steps back to the start of its whitespace stretch.
    """
    hits = [m.start() for m in ODD_WHITESPACE_RE.finditer(text)]
    for needle in TROUBLE_NEEDLES:
        at = text.find(needle)
        while at != -1:
            hits.append(at)
            at = text.find(needle, at + len(needle))
    if text[:1].isspace():
        hits.append(0)
    if text[-1:].isspace():
        hits.append(len(text) - 1)
    starts: list[int] = []
    prev_hit, prev_start = -1, -1
    for hit in sorted(set(hits)):
        at = hit
        # Walk back no further than the previous hit: a long run of spaces holds a hit at
        # every other character, and walking each one back to the run's start is quadratic.
        while at > prev_hit + 1 and text[at - 1] in _STRETCH_CHARS:
            at -= 1
        same_stretch = at == prev_hit + 1 and prev_hit >= 0 and text[prev_hit] in _STRETCH_CHARS
        start = prev_start if same_stretch else at
        if not starts or starts[-1] != start:
            starts.append(start)
        prev_hit, prev_start = hit, start
    return starts


def clean_whitespace(text: str) -> Cleaned:
    """Normalise whitespace, reporting each change as a Fix.

    Line endings become ``\\n`` (a paragraph separator a blank line); trailing spaces and
    indents go; space runs and tabs inside a line become one space; blank-line runs become
    one blank line; leading blank lines go; a text that ended with a line break ends with
    exactly one, and one that did not still does not.

    >>> cleaned = clean_whitespace("  One\\ttwo  three \\r\\n\\n\\n\\nFour\\n\\n")
    >>> cleaned.text
    'One two three\\n\\nFour\\n'
    >>> [fix.reason for fix in cleaned.fixes]
    ['indent', 'tab', 'space-run', 'line-ending+trailing-space+blank-lines', 'blank-lines']
    """
    text = require_text(text, "clean_whitespace")
    return rewrite_at(text, _stretch_starts(text), WHITESPACE_RE, lambda m: _rewrite(m, text))


def normalize_whitespace(text: str) -> str:
    """Normalise line endings, trailing spaces, space runs and blank lines.

    >>> normalize_whitespace("Hello   world \\n\\n\\n\\nBye")
    'Hello world\\n\\nBye'
    """
    text = require_text(text, "normalize_whitespace")
    return clean_whitespace(text).text
