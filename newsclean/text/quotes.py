"""Quotation marks: one style per text, each mark pointing the right way.

``straight`` turns every curly quotation mark and apostrophe into ``"`` or ``'``; ``curly``
decides each mark's role (apostrophe, opening, closing) from its neighbours and settles the
undecidable ones by pairing per paragraph; ``keep`` changes nothing. Primes (′ ″) and other
languages' marks (« » ‹ › 「 」) are never touched; German „…“ is kept in ``curly`` style.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

import regex

from newsclean.arguments import require_quotes, require_text
from newsclean.chars import lazy_compile
from newsclean.model import Cleaned, Fix, QuoteStyle, Span

Role = Literal["open", "close", "apostrophe", "keep", "foreign-close"]

#: Curly double quotation marks; ``straight`` style turns each into ``"``.
CURLY_DOUBLES = frozenset(
    "\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
    "\N{DOUBLE LOW-9 QUOTATION MARK}\N{DOUBLE HIGH-REVERSED-9 QUOTATION MARK}"
)
#: Curly single quotation marks and apostrophes; ``straight`` style turns each into ``'``.
CURLY_SINGLES = frozenset(
    "\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
    "\N{SINGLE LOW-9 QUOTATION MARK}\N{SINGLE HIGH-REVERSED-9 QUOTATION MARK}"
)
#: Every curly mark either style may produce or remove.
CURLY_QUOTES = CURLY_DOUBLES | CURLY_SINGLES

_OPEN_DOUBLE = "\N{LEFT DOUBLE QUOTATION MARK}"
_CLOSE_DOUBLE = "\N{RIGHT DOUBLE QUOTATION MARK}"
_OPEN_SINGLE = "\N{LEFT SINGLE QUOTATION MARK}"
_CLOSE_SINGLE = "\N{RIGHT SINGLE QUOTATION MARK}"
# The direction a curly mark claims; look-alikes (‟ ‛ ´) and straight marks claim none.
# Every character the curly style may change.
_MARKS = frozenset("\"'\N{ACUTE ACCENT}") | CURLY_QUOTES
_GIVEN: dict[str, Role] = {
    _OPEN_DOUBLE: "open",
    _CLOSE_DOUBLE: "close",
    _OPEN_SINGLE: "open",
    _CLOSE_SINGLE: "close",
}

# Pattern pieces: character-class members, written by name (a class must stay on one line,
# since VERBOSE keeps whitespace inside a class).
_DOUBLE_CURLY = r"\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
_DOUBLE_ODD = r"\N{DOUBLE HIGH-REVERSED-9 QUOTATION MARK}"
_SINGLE_CURLY = r"\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
_SINGLE_ODD = r"\N{SINGLE HIGH-REVERSED-9 QUOTATION MARK}"
_LOW_NINES = r"\N{DOUBLE LOW-9 QUOTATION MARK}\N{SINGLE LOW-9 QUOTATION MARK}"
_CODE = r"""
    ` [^`\n]* `
    # inline code between backticks on one line
  | (?<=[\w-]=) (?: "[^"\n]*" | '[^'\n]*' )
    # an attribute-like value right after key=: key="value"
"""

STRAIGHTEN_RE = lazy_compile(
    r"""
      (?P<double> [\N{DOUBLE LOW-9 QUOTATION MARK}"""
    + _DOUBLE_CURLY
    + _DOUBLE_ODD
    + r"""] )
      # curly double marks, German low-9 included
    | (?P<single> [\N{SINGLE LOW-9 QUOTATION MARK}"""
    + _SINGLE_CURLY
    + _SINGLE_ODD
    + r"""] )
      # curly single marks and apostrophes
    | (?<=\p{L}) (?P<single> \N{ACUTE ACCENT} ) (?=\p{L})
      # an acute accent typed for an apostrophe between letters: don´t
    """,
    regex.VERBOSE,
)

#: Stretches where straight marks are code, not prose: ``curly`` style leaves them straight.
CODE_SPAN_RE = lazy_compile(_CODE, regex.VERBOSE)

MARK_RE = lazy_compile(
    r"""
      (?P<code> """
    + _CODE
    + r""" )
      # code-like stretches: skipped whole
    | (?P<newline> \n )
      # a line break ends a paragraph for pairing (scraped text is often a paragraph a line)
    | (?P<foreign> ["""
    + _LOW_NINES
    + r"""] )
      # a German-style low-9 opener: kept, and so is its curly closer
    | (?P<double> ["""
    + '"'
    + _DOUBLE_CURLY
    + _DOUBLE_ODD
    + r"""] )
      # a double mark, straight or curly
    | (?P<single> ['"""
    + _SINGLE_CURLY
    + _SINGLE_ODD
    + r"""] )
      # a single mark or apostrophe, straight or curly
    | (?<=\p{L}) (?P<single> \N{ACUTE ACCENT} ) (?=\p{L})
      # an acute accent typed for an apostrophe between letters: don´t
    """,
    regex.VERBOSE,
)

ELISION_RE = lazy_compile(
    r"""
      n (?=['\N{RIGHT SINGLE QUOTATION MARK}]) (?!.\p{L})
      # rock 'n' roll: the n is followed by its own closing apostrophe
    | (?: tis | twas | twere | twill | til | em | cause | cos | bout | nuff | cept | neath
        | gainst )
      \b (?!['\N{RIGHT SINGLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}])
      # words that start with an elision: 'tis, 'em, 'cause; not a quoted word: 'em'
    | \d\d s? \b (?!['\N{RIGHT SINGLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}])
      # a two-digit year or decade: '90s, '08
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

#: After a mark: a contraction or possessive suffix ending a word (the 1990's, the U.K.'s).
SUFFIX_RE = lazy_compile(
    r"""
    (?: s | re | ll | ve | d | m ) \b (?!['\N{RIGHT SINGLE QUOTATION MARK}])
    # the suffix, and no closing mark right after it: the letter 's' is a quotation
    """,
    regex.VERBOSE,
)

#: Feet and inches ending right before a double mark: 5'10", 6′2.5″.
FEET_INCHES_RE = lazy_compile(
    r"""
    \d ['\N{RIGHT SINGLE QUOTATION MARK}\N{PRIME}] \d+ (?:\.\d+)? \Z
    # feet mark, then the inches figure the double mark belongs to
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Pairing:
    """Which quotations are open in the current paragraph."""

    double: bool = False
    single: bool = False
    foreign_double: bool = False
    foreign_single: bool = False


def _char_class(char: str, side: Literal["before", "after"]) -> str:
    """Class a neighbour as space, word, digit, opener, closer or other."""
    if char.isspace():
        return "space"
    category = unicodedata.category(char)
    if category[0] in "LM":
        return "word"
    if category[0] == "N":
        return "digit"
    # Dashes open a quotation before it (—"Yes") and close one after it ("Yes"—).
    if side == "before" and category in ("Ps", "Pi", "Pd"):
        return "opener"
    if char in _MARKS:
        return "other"  # a neighbouring mark may yet change; only its settled role counts
    if side == "after" and (category in ("Pe", "Pf", "Pd") or char in ",;:!?"):
        return "closer"
    return "other"


def _before(text: str, pos: int, last: tuple[int, Role]) -> str:
    """Class the character before ``pos``; an adjacent mark counts by its settled role."""
    if pos == 0:
        return "space"
    if last[0] == pos - 1:
        return {"open": "opener", "apostrophe": "word"}.get(last[1], "other")
    return _char_class(text[pos - 1], "before")


def _after(text: str, pos: int) -> str:
    """Class the character after ``pos``."""
    return "space" if pos + 1 >= len(text) else _char_class(text[pos + 1], "after")


def _context(before: str, after: str) -> Role | None:
    """Return the role the neighbours imply for a quotation mark, or None if they do not."""
    if after == "space":
        return None if before == "space" else "close"
    if before in ("space", "opener"):
        return "open"
    if before in ("word", "digit") and after not in ("word", "digit"):
        return "close"  # goin'. / "Yes".
    return "close" if after == "closer" else None


def _single_context(text: str, pos: int, before: str, after: str) -> Role | None:
    """Return the role the neighbours imply for a single mark, apostrophes first."""
    if before == "word" and after in ("word", "digit"):
        return "apostrophe"  # it's, o'clock, d'affaires, don‘t
    if before == "digit" and after == "digit":
        return "keep"  # a prime: 45°30'15
    suffix = SUFFIX_RE.match(text, pos + 1) is not None
    # A curly ’ keeps its apostrophe role even after a scraper's gap: Senate ’s.
    if suffix and (before in ("digit", "other") or text[pos] == _CLOSE_SINGLE):
        return "apostrophe"  # the 1990's, the U.K.'s
    if before in ("space", "opener") and ELISION_RE.match(text, pos + 1):
        return "apostrophe"  # 'tis, 'n', the '90s
    return _context("word" if before == "digit" else before, after)


def _settle(given: Role | None, context: Role | None, expected: Role) -> Role:
    """Combine what a curly mark claims, what its neighbours imply and what pairing expects.

    A curly mark is turned around only when both its neighbours and the pairing disagree
    with it; a straight mark follows its neighbours, then the pairing.
    """
    if context in ("apostrophe", "keep"):
        return context
    if given is None:
        return context or expected
    if context is None or context == given or expected == given:
        return given
    return context


def _role_double(
    text: str, pos: int, before: str, after: str, state: _Pairing
) -> tuple[Role, _Pairing]:
    """Settle one double mark and return it with the updated pairing."""
    char = text[pos]
    is_open = state.double or state.foreign_double
    if char == '"' and before == "digit":
        inches = after in ("word", "digit") or FEET_INCHES_RE.search(text[max(0, pos - 12) : pos])
        role: Role = "close" if is_open and not inches else "keep"
    else:
        expected: Role = "close" if is_open else "open"
        role = _settle(_GIVEN.get(char), _context(before, after), expected)
    if role == "close" and state.foreign_double:
        return "foreign-close", replace(state, foreign_double=False)  # „Ja“: closer stays
    if role in ("open", "close") and state.double != (role == "open"):
        state = replace(state, double=role == "open")
    return role, state


def _role_single(
    text: str, pos: int, before: str, after: str, state: _Pairing
) -> tuple[Role, _Pairing]:
    """Settle one single mark or apostrophe and return it with the updated pairing."""
    char = text[pos]
    context = _single_context(text, pos, before, after)
    is_open = state.single or state.foreign_single
    isolated = before == after == "space"
    if char == "'" and (isolated or (before == "digit" and context not in ("apostrophe", "keep"))):
        # An isolated ' cannot be told; one after a figure is feet unless a quote is open.
        role: Role = "close" if before == "digit" and is_open else "keep"
    else:
        expected: Role = "close" if is_open else "open"
        role = _settle(_GIVEN.get(char), context, expected)
    if role == "close" and state.foreign_single:
        return "foreign-close", replace(state, foreign_single=False)  # ‚ja‘: closer stays
    if role in ("open", "close") and state.single != (role == "open"):
        state = replace(state, single=role == "open")
    return role, state


def _curl(char: str, kind: str, role: Role) -> str:
    """Return the mark ``role`` asks for; a German-style closer keeps its curly form."""
    if role == "keep" or (role == "foreign-close" and char in _GIVEN):
        return char
    if kind == "double":
        return _OPEN_DOUBLE if role == "open" else _CLOSE_DOUBLE
    return _OPEN_SINGLE if role == "open" else _CLOSE_SINGLE


def _curly_fix(char: str, new: str, pos: int) -> Fix | None:
    """Return the fix turning ``char`` at ``pos`` into ``new``, named for what it does."""
    if new == char:
        return None
    reason = "quote-direction" if char in _GIVEN else "curly-quote"
    return Fix(Span(pos, pos + 1), new, reason)


def _curly(text: str) -> Cleaned:
    """Curl every quotation mark, paragraph by paragraph."""
    fixes: list[Fix] = []
    state = _Pairing()
    last: tuple[int, Role] = (-2, "keep")
    for match in MARK_RE.finditer(text):
        kind = match.lastgroup or ""
        pos = match.start()
        if kind == "newline":
            state = _Pairing()
        elif kind == "foreign":
            double = match.group() == "\N{DOUBLE LOW-9 QUOTATION MARK}"
            state = replace(state, **{"foreign_double" if double else "foreign_single": True})
            last = (pos, "open")
        elif kind in ("double", "single"):
            before, after = _before(text, pos, last), _after(text, pos)
            settle = _role_double if kind == "double" else _role_single
            role, state = settle(text, pos, before, after, state)
            last = (pos, role)
            fix = _curly_fix(text[pos], _curl(text[pos], kind, role), pos)
            if fix is not None:
                fixes.append(fix)
    return Cleaned(_apply(text, fixes), tuple(fixes))


def _apply(text: str, fixes: list[Fix]) -> str:
    """Apply one-character fixes given in text order.

    Joins the slices between the fixes: a list of every character would take eight
    bytes a character, more than the text itself.
    """
    if not fixes:
        return text
    parts: list[str] = []
    pos = 0
    for fix in fixes:
        parts += (text[pos : fix.span.start], fix.replacement)
        pos = fix.span.end
    parts.append(text[pos:])
    return "".join(parts)


def _straight(text: str) -> Cleaned:
    """Straighten every curly quotation mark and apostrophe."""
    fixes = [
        Fix(Span(m.start(), m.end()), '"' if m.lastgroup == "double" else "'", "straight-quote")
        for m in STRAIGHTEN_RE.finditer(text)
    ]
    return Cleaned(_apply(text, fixes), tuple(fixes))


def clean_quotes(text: str, style: QuoteStyle = "straight") -> Cleaned:
    """Bring every quotation mark and apostrophe to ``style``, reporting each change.

    ``straight`` maps “ ” „ ‟ to ``"`` and ‘ ’ ‚ ‛ (and ´ between letters) to ``'``.
    ``curly`` classes each mark by its neighbours: between letters it is an apostrophe;
    so is one before an elision ('tis, 'n', 'em, the '90s) or before a suffix after a
    figure or stop (the 1990's, the U.K.'s, a stray Senate ’s); after a space, bracket, dash or
    opening mark it opens; before a space or closing punctuation it closes. Marks the
    neighbours leave open are settled by pairing within the line; a curly mark is turned
    round only when neighbours and pairing both disagree with it. It errs towards leaving
    marks as they are: primes, marks after figures (5'10"), code (`x="y"`, backticks),
    isolated straight single marks, « » and German „…“ stay as typed. ``keep`` changes
    nothing.

    >>> clean_quotes("\N{LEFT DOUBLE QUOTATION MARK}Hi\N{RIGHT DOUBLE QUOTATION MARK}").text
    '"Hi"'
    >>> clean_quotes('She said: "It is mine, as in the 90s."', "curly").text
    'She said: “It is mine, as in the 90s.”'
    """
    text = require_text(text, "clean_quotes")
    style = require_quotes(style, "clean_quotes")
    if style == "keep":
        return Cleaned(text)
    return _curly(text) if style == "curly" else _straight(text)


def normalize_quotes(text: str, style: QuoteStyle = "straight") -> str:
    """Bring every quotation mark and apostrophe to ``style``.

    >>> normalize_quotes('He called it "rock \\'n\\' roll".', "curly")
    'He called it “rock ’n’ roll”.'
    """
    text = require_text(text, "normalize_quotes")
    return clean_quotes(text, style).text
