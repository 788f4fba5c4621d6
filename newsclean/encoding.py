"""Encoding repair: mojibake through ftfy, then what ftfy leaves behind. (STUB: being written.)"""

from newsclean.model import Cleaned


def clean_encoding(text: str) -> Cleaned:
    """Repair encoding problems, reporting each change as a Fix.

    >>> clean_encoding("abc").text
    'abc'
    """
    return Cleaned(text)


def fix_encoding(text: str) -> str:
    """Repair encoding problems.

    >>> fix_encoding("abc")
    'abc'
    """
    return clean_encoding(text).text
