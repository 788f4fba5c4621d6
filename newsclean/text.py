"""The text-fixing pipeline: encoding, whitespace, scraper spacing, quotes, in that order.

Encoding comes first because every later step matches characters that mojibake hides;
spacing runs before quotes because a gap inside ``“ Wild Rose ”`` is only recognisable
while the marks still show their direction.
"""

from __future__ import annotations

from collections.abc import Callable

from newsclean.encoding import clean_encoding
from newsclean.model import QUOTE_STYLES, Cleaned, QuoteStyle, compose_fixes
from newsclean.quotes import clean_quotes
from newsclean.spacing import clean_spacing
from newsclean.whitespace import clean_whitespace


def _steps(quotes: QuoteStyle) -> tuple[Callable[[str], Cleaned], ...]:
    if quotes not in QUOTE_STYLES:
        raise ValueError(f"quotes must be one of {', '.join(QUOTE_STYLES)}, not {quotes!r}")
    return (
        clean_encoding,
        clean_whitespace,
        clean_spacing,
        lambda text: clean_quotes(text, quotes),
    )


def clean_text(text: str, *, quotes: QuoteStyle = "straight") -> Cleaned:
    """Fix encoding, whitespace, spacing and quotes; report every fix against ``text``.

    >>> cleaned = clean_text("It&#39;s  here.")
    >>> cleaned.text
    "It's here."
    >>> sorted({fix.reason for fix in cleaned.fixes})
    ['html-entity', 'space-run']
    """
    result = Cleaned(text)
    for step in _steps(quotes):
        result = compose_fixes(text, result, step(result.text))
    return result


def fix_text(text: str, *, quotes: QuoteStyle = "straight") -> str:
    """Return ``text`` with encoding, whitespace, scraper spacing and quotes fixed.

    ``quotes`` is ``"straight"``, ``"curly"`` or ``"keep"`` (leave quote marks alone).

    >>> fix_text("Caf\\u00c3\\u00a9 “menu”  today")
    'Café "menu" today'
    """
    return clean_text(text, quotes=quotes).text
