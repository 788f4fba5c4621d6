"""Markup detection: tell a saved web page (HTML) from the extracted text newsclean expects.

newsclean cleans text already pulled out of a page; given the page itself it would label
the markup as an article. :func:`looks_like_html` lets the command line warn instead. It
reads only the start of a text, and errs towards "not HTML": Markdown with some inline
HTML, or prose that mentions a tag, must not be refused by the linter.
"""

from __future__ import annotations

import regex

from newsclean.arguments import require_text
from newsclean.chars import lazy_compile

#: Characters read from the start of a text: a page shows what it is early, and a long
#: input stays cheap to test.
SAMPLE_CHARS = 20_000
#: Tags must make up at least this share of the sample's non-space characters ...
TAG_SHARE = 0.25
#: ... or lines that are a tag or wrapped in tags must hold this share of those characters
#: (by characters, not lines, so a few short tag lines around Markdown prose do not count) ...
TAGGED_LINE_SHARE = 0.6
#: ... and there must be at least this many tags for either share to count.
MIN_TAGS = 4

#: A page's opening tag on a line of its own start: what a saved page begins with.
PAGE_START_RE = lazy_compile(
    r"""
    ^ [\ \t]* <
    (?: !doctype \s+ html \b         # <!DOCTYPE html ...>
      | html (?: \s [^<>]* )? >      # <html lang="en">
      | head >                       # <head>
    )
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.MULTILINE,
)

#: An HTML tag or comment; not a Markdown autolink (``<https://…>``) or address (``<a@b.c>``).
TAG_RE = lazy_compile(
    r"""
      < /? [A-Za-z] [A-Za-z0-9-]* (?: \s [^<>]* )? /? >   # <p>, </div>, <img src="x" />
    | <!-- .*? -->                                       # a comment
    """,
    regex.VERBOSE | regex.DOTALL,
)

#: A line that opens with a tag and ends with one: ``<p>Text.</p>``, ``<div class="x">``.
TAGGED_LINE_RE = lazy_compile(r"^[\ \t]*<[A-Za-z/!][^\n]*>[\ \t]*\r?$", regex.MULTILINE)

#: Runs of whitespace, left out of the share of characters that tags make up.
SPACE_RE = lazy_compile(r"\s+")


def looks_like_html(text: str) -> bool:
    """Return whether ``text`` is plainly HTML markup rather than extracted article text.

    True when a line starts with ``<!DOCTYPE html``, ``<html`` or ``<head>``, or when there
    are at least :data:`MIN_TAGS` tags and they make up :data:`TAG_SHARE` of the
    non-space characters, or lines that are tags or wrapped in them hold
    :data:`TAGGED_LINE_SHARE` of those characters. Only the first :data:`SAMPLE_CHARS`
    characters are read.

    >>> looks_like_html("<!DOCTYPE html>\\n<html><head><title>Rain</title>")
    True
    >>> looks_like_html("Rain\\n\\nUse <b> for bold, the <i> tag for italics.")
    False
    """
    sample = require_text(text, "looks_like_html")[:SAMPLE_CHARS]
    if PAGE_START_RE.search(sample):
        return True
    tags = TAG_RE.findall(sample)
    if len(tags) < MIN_TAGS:
        return False
    ink = _ink(sample)
    if sum(len(tag) for tag in tags) >= TAG_SHARE * ink:
        return True
    tagged = sum(_ink(line) for line in TAGGED_LINE_RE.findall(sample))
    return tagged >= TAGGED_LINE_SHARE * ink


def _ink(text: str) -> int:
    """The number of non-space characters in ``text``."""
    return len(SPACE_RE.sub("", text))
