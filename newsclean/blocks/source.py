"""Input shapes: which kind of tool made a text, read from its layout alone.

An HTML extractor (trafilatura, readability, newspaper) writes one paragraph per line with
no blank lines between them; a scraper or a person separates blocks with blank lines or
wraps them. Only that first shape is told apart here, and only where it is unambiguous: a
whole page of visible text looks too much like a long article to be guessed, so callers
name it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from newsclean.arguments import require_source, require_text
from newsclean.blocks.paragraphs import MAX_WRAP_WIDTH
from newsclean.chars import LINE_END_RE
from newsclean.model import Source

#: Lines a text needs before its layout says anything.
MIN_LINES = 3
#: Lines longer than any wrap width a text needs to be one paragraph per line: hard-wrapped
#: text has none (a pasted footer may make one), extractor output has one per paragraph.
MIN_LONG_LINES = 2


def detect_source(text: str) -> Source:
    """Say which shape ``text`` has: ``extractor`` or ``article`` (never ``page``).

    ``extractor`` needs every block on one line (no blank line between the first and the
    last line of text), at least three lines, and two or more lines longer than any wrap
    width; anything else is read as an ``article``, the shape that keeps every rule on.

    >>> long = "The council voted on Tuesday to close the old harbour road. " * 3
    >>> detect_source(f"Harbour road to close\\n{long}\\n{long}\\nShare this")
    'extractor'
    >>> detect_source(f"Harbour road to close\\n\\n{long}\\n\\n{long}")
    'article'
    """
    lines = long_lines = 0
    gap = False  # a blank line after text: a second line of text after it makes an article
    for line in _stripped_lines(require_text(text, "detect_source")):
        if not line:
            gap = lines > 0
        elif gap:
            return "article"
        else:
            lines += 1
            long_lines += len(line) > MAX_WRAP_WIDTH
    return "extractor" if lines >= MIN_LINES and long_lines >= MIN_LONG_LINES else "article"


def _stripped_lines(text: str) -> Iterator[str]:
    # One line at a time: every parse asks this of its whole input, which is not copied.
    start = 0
    for end in LINE_END_RE.finditer(text):
        yield text[start : end.start()].strip()
        start = end.end()
    yield text[start:].strip()


def resolve_source(text: str, source: Source | Literal["auto"]) -> Source:
    """The shape to read ``text`` as: ``source`` itself, or the detected one for ``auto``.

    >>> resolve_source("Title\\n\\nBody.", "page"), resolve_source("Title\\n\\nBody.", "auto")
    ('page', 'article')
    """
    source = require_source(source, "resolve_source")
    return detect_source(text) if source == "auto" else source
