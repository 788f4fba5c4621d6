"""The text-fixing pipeline: encoding, whitespace, scraper spacing and quotes.

Encoding comes first because every later step matches characters that mojibake hides.
A gap inside ``“ Wild Rose ”`` is only recognisable while the marks show their direction,
so spacing runs before quotes are straightened and after they are curled. Encoding repair
sees only the text as it came in: a later step's fix that would hand it a new
mojibake-looking pair (a curled quote after "Ã" reads as "Ô") is not made, so cleaning
twice changes nothing more than cleaning once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from newsclean.arguments import require_quotes, require_text
from newsclean.chars import lazy_compile_re
from newsclean.model import Cleaned, Fix, QuoteStyle, compose_fixes
from newsclean.text.encoding import (
    clean_invisibles,
    could_refuse,
    keep_repair_stable,
    repair_encoding,
    stable_part,
)
from newsclean.text.quotes import clean_quotes
from newsclean.text.spacing import clean_spacing
from newsclean.text.whitespace import clean_whitespace

#: Passes of the later steps allowed: a fix refused in one pass (see
#: :func:`~newsclean.text.encoding.stable_part`) may be safe in the next, once the fixes
#: after it have been made; and a gap closed after curling can change how a mark reads.
_MAX_PASSES = 4


@dataclass(frozen=True, slots=True)
class _Step:
    """A later step, and whether its fixes can change what an earlier step would do."""

    run: Callable[[str], Cleaned]
    feeds_back: Callable[[str, tuple[Fix, ...]], bool] | None = None


def _later_steps(quotes: QuoteStyle) -> tuple[_Step, ...]:
    restyle = functools.partial(clean_quotes, style=quotes)
    first = (_Step(clean_invisibles), _Step(clean_whitespace))
    # Spacing needs the marks' direction: it reads them before straightening, after
    # curling. Each of the two can change the other's context (a gap closed after curling
    # gives a mark new neighbours, "' ”"; a mark straightened after " ." ends a gap,
    # "0 .‘"), so such fixes send the text round again.
    if quotes == "curly":
        return (*first, _Step(restyle), _Step(clean_spacing, feeds_back=_near_a_gap))
    return (*first, _Step(clean_spacing), _Step(restyle, feeds_back=_after_a_gap))


def clean_text(text: str, *, quotes: QuoteStyle = "straight") -> Cleaned:
    """Fix encoding, whitespace, spacing and quotes; report every fix against ``text``.

    Idempotent: the later steps run again while a pass refused a fix or made one that an
    earlier step reads (rarely more than once).

    >>> cleaned = clean_text("It&#39;s  here.")
    >>> cleaned.text
    "It's here."
    >>> sorted({fix.reason for fix in cleaned.fixes})
    ['html-entity', 'space-run']
    """
    text = require_text(text, "clean_text")
    quotes = require_quotes(quotes, "clean_text")
    steps = _later_steps(quotes)
    result = repair_encoding(text)
    for _ in range(_MAX_PASSES):
        made, again = _later_pass(result.text, steps)
        result = compose_fixes(text, result, made)
        if not (again and made.fixes):
            break
    return result


def _later_pass(text: str, steps: tuple[_Step, ...]) -> tuple[Cleaned, bool]:
    """Run ``steps`` over ``text``, each kept stable; also whether another pass may change
    more: a fix was refused, or a step that feeds back made one."""
    result = Cleaned(text)
    again = False
    for step in steps:
        made = step.run(result.text)
        kept = stable_part(result.text, made)
        refused = len(kept.fixes) < len(made.fixes)
        fed = step.feeds_back is not None and step.feeds_back(result.text, kept.fixes)
        again = again or refused or fed
        result = compose_fixes(text, result, kept)
    return result, again


#: How close to a space a fix must be for the other of spacing and quotes to read it anew.
_GAP_REACH = 2


def _near_a_gap(text: str, fixes: tuple[Fix, ...]) -> bool:
    """Whether any of ``fixes`` (of ``text``) lies within reach of a space or tab: only
    there can closing a gap or turning a mark change what the other step does.

    >>> from newsclean.model import Span
    >>> _near_a_gap("a ”", (Fix(Span(2, 3), "'", "straight-quote"),))
    True
    >>> _near_a_gap("“”“”", (Fix(Span(0, 1), "'", "straight-quote"),))
    False
    """
    for fix in fixes:
        start = max(0, fix.span.start - _GAP_REACH)
        near = text[start : fix.span.end + _GAP_REACH]
        if " " in near or "\t" in near:
            return True
    return False


#: A space, then one punctuation mark: the gap a mark turned just after it may end.
_GAP_THEN_MARK_RE = lazy_compile_re(r"[ \t][^\w\s]\Z")


def _after_a_gap(text: str, fixes: tuple[Fix, ...]) -> bool:
    """Whether any of ``fixes`` (of ``text``) turns a mark just after a space and one
    punctuation mark, where spacing reads the mark to decide on the gap ("0 .‘"), or makes
    an apostrophe whose gap spacing closes ("Ana ‘s" becomes "Ana 's").

    >>> from newsclean.model import Span
    >>> _after_a_gap("0 .‘", (Fix(Span(3, 4), "'", "straight-quote"),))
    True
    >>> _after_a_gap("a ‘b’", (Fix(Span(2, 3), "'", "straight-quote"),))
    False
    >>> _after_a_gap("Ana ‘s car", (Fix(Span(4, 5), "'", "straight-quote"),))
    True
    """
    return any(
        _GAP_THEN_MARK_RE.search(text, max(0, f.span.start - 2), f.span.start)
        or _makes_an_apostrophe_gap(text, f)
        for f in fixes
    )


#: A gap, maybe then the "n" of "n't": where a mark turned next may be an apostrophe.
_GAP_BEFORE_MARK_RE = lazy_compile_re(r"[ \t]n?\Z")

#: Characters either side of a turned mark that spacing reads to close an apostrophe's
#: gap: a letter and the gap before it, the suffix ("ll", "ve") and what ends it after.
_APOSTROPHE_REACH = 4


def _makes_an_apostrophe_gap(text: str, fix: Fix) -> bool:
    """Whether ``fix`` turns a mark after a gap into one spacing closes the gap before."""
    start, end = fix.span.start, fix.span.end
    if not _GAP_BEFORE_MARK_RE.search(text, max(0, start - 2), start):
        return False
    before = text[max(0, start - _APOSTROPHE_REACH) : start]
    after = text[end : end + _APOSTROPHE_REACH]
    return clean_spacing(before + fix.replacement + after).changed


def refused_fixes(cleaned: str, *, quotes: QuoteStyle = "straight") -> tuple[Fix, ...]:
    """Return the fixes of ``cleaned`` (:func:`clean_text`'s output) that cleaning refused.

    A later step's fix that would hand encoding repair a new mojibake-looking pair is not
    made (see :func:`~newsclean.text.encoding.keep_repair_stable`), so its mark is still
    there after cleaning; the linter reports it, with no fix, so the user knows. Each step
    is run once over ``cleaned``; a text holding nothing encoding repair reads cannot have
    had a fix refused, and costs one search.

    >>> [(f.span.start, f.replacement) for f in refused_fixes('E “IRMÃ".', quotes="curly")]
    [(7, '”')]
    """
    cleaned = require_text(cleaned, "refused_fixes")
    quotes = require_quotes(quotes, "refused_fixes")
    if not could_refuse(cleaned):
        return ()
    refused: list[Fix] = []
    for step in _later_steps(quotes):
        made = step.run(cleaned).fixes
        kept = set(keep_repair_stable(cleaned, made))
        refused += (fix for fix in made if fix not in kept)
    return tuple(sorted(refused, key=lambda f: (f.span.start, f.span.end)))


def fix_text(text: str, *, quotes: QuoteStyle = "straight") -> str:
    """Return ``text`` with encoding, whitespace, scraper spacing and quotes fixed.

    ``quotes`` is ``"straight"``, ``"curly"`` or ``"keep"`` (leave quote marks alone).

    >>> fix_text("Caf\\u00c3\\u00a9 “menu”  today")
    'Café "menu" today'
    """
    text = require_text(text, "fix_text")
    return clean_text(text, quotes=quotes).text
