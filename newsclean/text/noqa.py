"""Keep the linter's ``newsclean: noqa`` comments out of the cleaned article text.

A comment silences the linter in the file; it is not part of the article. Each comment is
removed with the spaces that set it off, and a line that held only a comment goes with
its line break, so the text reads as if it had never been there and no other word goes.
"""

from __future__ import annotations

from newsclean.arguments import require_text
from newsclean.chars import NOQA_RE
from newsclean.model import Cleaned, Fix, Span, apply_fixes

_HSPACE = " \t"


def clean_noqa_comments(text: str) -> Cleaned:
    """Remove every ``newsclean: noqa`` comment from ``text`` (line breaks as ``\\n``).

    >>> clean_noqa_comments("The pier  newsclean: noqa: NC405 reopened.\\n").text
    'The pier reopened.\\n'
    >>> clean_noqa_comments("<!-- newsclean: noqa-file -->\\nThe pier reopened.\\n").text
    'The pier reopened.\\n'
    """
    text = require_text(text, "clean_noqa_comments")
    fixes = tuple(
        Fix(_comment_span(text, m.start(), m.end()), "", "noqa-comment")
        for m in NOQA_RE.finditer(text)
    )
    return Cleaned(apply_fixes(text, fixes), fixes) if fixes else Cleaned(text, ())


def _comment_span(text: str, start: int, end: int) -> Span:
    """The comment with the spaces setting it off: before it, or after it at a line's
    start; a line holding nothing else goes with its line break."""
    before, after = start, end
    while before and text[before - 1] in _HSPACE:
        before -= 1
    while after < len(text) and text[after] in _HSPACE:
        after += 1
    line_start = before == 0 or text[before - 1] == "\n"
    line_end = after == len(text) or text[after] == "\n"
    if line_start and line_end:
        return Span(before, min(after + 1, len(text)))
    if line_start:
        return Span(before, after)
    return Span(before, end)
