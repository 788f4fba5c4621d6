"""Whitespace normalisation: line endings, trailing spaces, space runs, blank-line runs. (STUB)"""

from newsclean.model import Cleaned


def clean_whitespace(text: str) -> Cleaned:
    """Normalise whitespace, reporting each change as a Fix.

    >>> clean_whitespace("a").text
    'a'
    """
    return Cleaned(text)


def normalize_whitespace(text: str) -> str:
    """Normalise whitespace.

    >>> normalize_whitespace("a")
    'a'
    """
    return clean_whitespace(text).text
