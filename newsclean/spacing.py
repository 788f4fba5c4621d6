"""Scraper spacing: gaps left at inline-tag boundaries around quotes and punctuation. (STUB)"""

from newsclean.model import Cleaned


def clean_spacing(text: str) -> Cleaned:
    """Repair scraper spacing, reporting each change as a Fix.

    >>> clean_spacing("a").text
    'a'
    """
    return Cleaned(text)


def fix_spacing(text: str) -> str:
    """Repair scraper spacing.

    >>> fix_spacing("a")
    'a'
    """
    return clean_spacing(text).text
