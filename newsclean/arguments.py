"""Argument checks for the public API: a wrong type gets a message that says what to pass.

Python's own errors name the wrong thing ("cannot use a string pattern on a bytes-like
object", "'str' object has no attribute 'text'"); these name the function, what it takes,
and how to get it. Each check is one ``isinstance``, cheap enough for every call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from newsclean.model import LABELLERS, QUOTE_STYLES, SOURCES, Block, Labeller, QuoteStyle, Source

#: How to turn what a caller has into what a function takes.
_HOW_TO_GET = {
    "bytes": "decode it first, e.g. data.decode('utf-8'), or read the file with "
    "newsclean.io.files.read_text_file",
    "Block": "get blocks from newsclean.segment_paragraphs(text) or parse_article(text).blocks",
}


def _type_name(value: object) -> str:
    return "None" if value is None else type(value).__name__


def require_text(value: object, function: str) -> str:
    """Return ``value`` if it is a ``str``; else raise a TypeError saying what to pass.

    >>> require_text(b"caf\\xc3\\xa9", "fix_text")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: fix_text() takes the text as a str, not bytes: decode it first, e.g. ...
    """
    if isinstance(value, str):
        return value
    problem = f"{function}() takes the text as a str, not {_type_name(value)}"
    if isinstance(value, bytes | bytearray | memoryview):
        problem += f": {_HOW_TO_GET['bytes']}"
    raise TypeError(problem)


def require_quotes(value: object, function: str) -> QuoteStyle:
    """Return ``value`` if it is a quote style; else raise a ValueError listing the styles.

    >>> require_quotes("curly", "fix_text")
    'curly'
    """
    if isinstance(value, str) and value in QUOTE_STYLES:
        return value
    raise _not_one_of(value, QUOTE_STYLES, "quotes", function)


def _not_one_of(value: object, choices: Sequence[str], keyword: str, function: str) -> ValueError:
    listed = ", ".join(repr(choice) for choice in choices)
    return ValueError(f"{function}() takes {keyword}= one of {listed}, not {value!r}")


def require_source(value: object, function: str) -> Source | Literal["auto"]:
    """Return ``value`` if it names an input shape; else raise a ValueError listing them.

    >>> require_source("extractor", "parse_article")
    'extractor'
    """
    if isinstance(value, str) and value in SOURCES:
        return value
    raise _not_one_of(value, SOURCES, "source", function)


def require_labeller(value: object, function: str) -> Labeller:
    """Return ``value`` if it names a labeller; else raise a ValueError listing them.

    >>> require_labeller("learned", "parse_article")
    'learned'
    """
    if isinstance(value, str) and value in LABELLERS:
        return value
    raise _not_one_of(value, LABELLERS, "labeller", function)


def require_block(value: object, function: str) -> Block:
    """Return ``value`` if it is a :class:`Block`; else raise a TypeError saying how to get one.

    >>> require_block("Storm hits coast", "is_caption")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: is_caption() takes a Block, not str: get blocks from ...
    """
    if isinstance(value, Block):
        return value
    raise TypeError(f"{function}() takes a Block, not {_type_name(value)}: {_HOW_TO_GET['Block']}")


def require_blocks(value: object, function: str) -> Sequence[Block]:
    """Return ``value`` if it is a sequence of :class:`Block` values; else raise a TypeError.

    Only the first item is looked at, so a call per block stays constant time; that is
    enough to catch a str, a list of strings or a generator.

    >>> require_blocks("Storm hits coast", "split_headlines")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: split_headlines() takes a sequence of Block values, not str: get blocks from ...
    """
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        if not value or isinstance(value[0], Block):
            return value
        got = f"a sequence holding {_type_name(value[0])}"
    else:
        got = _type_name(value)
    raise TypeError(
        f"{function}() takes a sequence of Block values, not {got}: {_HOW_TO_GET['Block']}"
    )


def require_instance(value: object, kind: type[Any], function: str, how: str) -> Any:
    """Return ``value`` if it is a ``kind``; else raise a TypeError naming ``how`` to get one.

    >>> require_instance({}, tuple, "f", "pass a tuple of codes")
    Traceback (most recent call last):
    ...
    TypeError: f() takes a tuple, not dict: pass a tuple of codes
    """
    if isinstance(value, kind):
        return value
    raise TypeError(f"{function}() takes a {kind.__name__}, not {_type_name(value)}: {how}")
