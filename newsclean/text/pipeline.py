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

from newsclean.arguments import require_quotes, require_text
from newsclean.model import Cleaned, QuoteStyle, apply_fixes, compose_fixes
from newsclean.text.encoding import clean_invisibles, keep_repair_stable, repair_encoding
from newsclean.text.quotes import clean_quotes
from newsclean.text.spacing import clean_spacing
from newsclean.text.whitespace import clean_whitespace

#: Passes of the later steps allowed: a fix refused in one pass (see :func:`_stable`) may
#: be safe in the next, once the fixes after it have been made.
_MAX_PASSES = 4


def _later_steps(quotes: QuoteStyle) -> tuple[Callable[[str], Cleaned], ...]:
    restyle = functools.partial(clean_quotes, style=quotes)
    # Spacing needs the marks' direction: it reads them before straightening, after curling.
    if quotes == "curly":
        return clean_invisibles, clean_whitespace, restyle, clean_spacing
    return clean_invisibles, clean_whitespace, clean_spacing, restyle


def clean_text(text: str, *, quotes: QuoteStyle = "straight") -> Cleaned:
    """Fix encoding, whitespace, spacing and quotes; report every fix against ``text``.

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
        made, refused = _later_pass(result.text, steps)
        result = compose_fixes(text, result, made)
        if not (refused and made.fixes):
            break
    return result


def _later_pass(text: str, steps: tuple[Callable[[str], Cleaned], ...]) -> tuple[Cleaned, bool]:
    """Run ``steps`` over ``text``, each kept stable; also whether any fix was refused."""
    result = Cleaned(text)
    refused = False
    for step in steps:
        made = step(result.text)
        kept = _stable(result.text, made)
        refused = refused or len(kept.fixes) < len(made.fixes)
        result = compose_fixes(text, result, kept)
    return result, refused


def _stable(before: str, step: Cleaned) -> Cleaned:
    """The part of ``step`` (fixes of ``before``) that gives encoding repair nothing new."""
    if not step.fixes:
        return step
    kept = keep_repair_stable(before, step.fixes)
    if len(kept) == len(step.fixes):
        return step
    return Cleaned(apply_fixes(before, kept), kept)


def fix_text(text: str, *, quotes: QuoteStyle = "straight") -> str:
    """Return ``text`` with encoding, whitespace, scraper spacing and quotes fixed.

    ``quotes`` is ``"straight"``, ``"curly"`` or ``"keep"`` (leave quote marks alone).

    >>> fix_text("Caf\\u00c3\\u00a9 “menu”  today")
    'Café "menu" today'
    """
    text = require_text(text, "fix_text")
    return clean_text(text, quotes=quotes).text
