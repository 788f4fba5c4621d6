"""Quotation marks: one style per text, each mark pointing the right way. (STUB)"""

from newsclean.model import Cleaned, QuoteStyle


def clean_quotes(text: str, style: QuoteStyle = "straight") -> Cleaned:
    """Bring every quotation mark and apostrophe to ``style``, reporting each change.

    >>> clean_quotes("a").text
    'a'
    """
    return Cleaned(text)


def normalize_quotes(text: str, style: QuoteStyle = "straight") -> str:
    """Bring every quotation mark and apostrophe to ``style``.

    >>> normalize_quotes("a")
    'a'
    """
    return clean_quotes(text, style).text
