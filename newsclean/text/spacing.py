"""Scraper spacing: gaps left at inline-tag boundaries around quotes and punctuation.

A scraper that joins inline elements with spaces writes ``“ Wild Rose ”``, ``Senate ’s``
and ``word , word``. Only gaps whose wrongness is certain are closed: runs of ASCII spaces
and tabs, never no-break spaces (French typography puts those before ; : ! ? and inside
« »), and never where the gap could be legitimate (ellipses, decimals, emoticons, code).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from newsclean.arguments import require_text
from newsclean.chars import lazy_compile, lazy_compile_re
from newsclean.model import Cleaned, Fix, Span, apply_fixes

# Pattern pieces. A gap is a run of ASCII spaces or tabs on one line.
_GAP = r"[\ \t]+"
_OPENING_MARKS = r"\N{LEFT DOUBLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}"
# What may follow a suffix for it to end a word (not a single mark: the letter 's').
_WORD_END = r"(?=[\s.,;:!?)\]\"\N{RIGHT DOUBLE QUOTATION MARK}\N{HORIZONTAL ELLIPSIS}]|\Z)"
# What may follow a punctuation mark for it to end a clause.
_CLAUSE_END = (
    r"(?=[\s.,;:!?)\]\"'\N{RIGHT DOUBLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
    r"\N{HORIZONTAL ELLIPSIS}]|\Z)"
)

SCRAPER_GAP_RE = lazy_compile(
    r"""
      (?<= (?:^|[\s\p{Ps}\p{Pd}]) ["""
    + _OPENING_MARKS
    + r"""] )
      (?P<quote> """
    + _GAP
    + r""" )
      (?= [\p{L}\p{N}\p{Ps}\N{HORIZONTAL ELLIPSIS}] )
      # after an opening curly mark standing where a quotation opens: “ Wild Rose (but
      # “ ‘ is left: a space between nested marks is a typographic choice)
    | (?<= [^\s\p{Ps}\N{RIGHT SINGLE QUOTATION MARK}"""
    + _OPENING_MARKS
    + r"""] )
      (?P<quote> """
    + _GAP
    + r""" )
      (?= \N{RIGHT DOUBLE QUOTATION MARK} (?:\Z|[\s\p{P}]) )
      # before a closing double mark standing where a quotation closes: Rose ” said (but
      # not ’ ”, nested marks spaced apart on purpose)
    | (?<= [\p{L}\p{N}] )
      (?P<apostrophe> """
    + _GAP
    + r""" )
      (?= ['\N{RIGHT SINGLE QUOTATION MARK}] (?:s|re|ll|ve|d|m) """
    + _WORD_END
    + r""" )
      # before a contraction or possessive suffix: Senate ’s, it 'll
    | (?<= \p{L} )
      (?P<apostrophe> """
    + _GAP
    + r""" )
      (?= n['\N{RIGHT SINGLE QUOTATION MARK}]t """
    + _WORD_END
    + r""" )
      # before n't: do n't
    | (?<= [\p{L}\p{N}%)\]\N{RIGHT DOUBLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}] )
      (?P<punct> """
    + _GAP
    + r""" )
      (?= [,.] """
    + _CLAUSE_END
    + r""" )
      (?! [,.] [\ \t]* [\p{N}.\N{HORIZONTAL ELLIPSIS}] )
      # before a comma or full stop ending a clause: word , word; end . -- but not an
      # ellipsis (. . .) or a figure (3 . 5)
    """,
    regex.VERBOSE,
)

BRACKET_GAP_RE = lazy_compile(
    r"""
      \( (?=[^\s)]) [^()\n]{0,200}? [^\s()] (?P<punct> """
    + _GAP
    + r""" ) \)
      # before the ) of a bracket opened without a gap: (NASDAQ: ABC ) -- "( ABC )" is left,
      # as is a ) with no ( on its line: list markers, emoticons
    | \[ (?=[^\s\]]) [^\[\]\n]{0,200}? [^\s\[\]] (?P<punct> """
    + _GAP
    + r""" ) \]
      # the same for square brackets
    """,
    regex.VERBOSE,
)

#: Every gap the patterns above close touches one of these: a space or tab before a mark,
#: or after an opening quotation mark. Searched first, with the fast stdlib engine.
GAP_HINT_RE = lazy_compile_re(
    "[ \t](?:[,.)\\]\N{RIGHT SINGLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}]"
    "|'[srlvdm]|n['\N{RIGHT SINGLE QUOTATION MARK}]t)"
    "|[\N{LEFT DOUBLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}][ \t]"
)

_REASONS = {
    "quote": "space-inside-quote",
    "apostrophe": "space-before-apostrophe",
    "punct": "space-before-punctuation",
}


def _gaps(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, reason)`` for every gap either pattern finds."""
    if GAP_HINT_RE.search(text) is None:
        return  # most texts have no gap next to a mark at all: skip the costly patterns
    for pattern in (SCRAPER_GAP_RE, BRACKET_GAP_RE):
        for match in pattern.finditer(text):
            group = match.lastgroup or "punct"
            yield match.start(group), match.end(group), _REASONS[group]


def clean_spacing(text: str) -> Cleaned:
    """Close the gaps scrapers leave inside quotes and before suffixes and punctuation.

    Closed: a gap just inside a curly quotation mark whose direction fits its place
    (“ Wild Rose ” -> “Wild Rose”; an opening ‘ too, but not ’, which may be an apostrophe);
    a gap before ’s ’re ’ll ’ve ’d ’m n’t (curly or straight) ending a word; a gap before a
    comma or full stop ending a clause; a gap before the ) or ] of a bracket opened without
    one. Left alone, because the gap may be meant: straight " marks (direction unknown),
    ; : ! ? (French spacing), ellipses (. . .), figures (3 . 5, .45), .NET, emoticons,
    anything at the start of a line, and every no-break space.

    >>> clean_spacing("He said “ no ” , twice .").text
    'He said “no”, twice.'
    """
    text = require_text(text, "clean_spacing")
    fixes: list[Fix] = []
    end = -1
    for start, stop, reason in sorted(_gaps(text)):
        if start >= end:
            fixes.append(Fix(Span(start, stop), "", reason))
            end = stop
    return Cleaned(apply_fixes(text, fixes), tuple(fixes))


def fix_spacing(text: str) -> str:
    """Close the gaps scrapers leave inside quotes and before suffixes and punctuation.

    >>> fix_spacing("The Senate ’s vote (in May ) .")
    'The Senate’s vote (in May).'
    """
    text = require_text(text, "fix_spacing")
    return clean_spacing(text).text
