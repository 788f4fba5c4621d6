"""Paragraph segmentation: cut a text into blocks, each with its span and first line.

Scrapers emit three shapes, often mixed: blocks separated by blank lines, hard-wrapped
paragraphs (lines of similar width joined back together), and one paragraph per line with
no blank lines at all (the shape HTML extractors print). Every character of the text
lands in exactly one block's span or in the whitespace between blocks, so no word is lost
or reordered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from newsclean.arguments import require_text
from newsclean.chars import lazy_compile
from newsclean.model import Block, Span

#: One line and its line break (``\r\n``, ``\n`` or a lone ``\r``).
LINE_RE = lazy_compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")

#: A line ending in a word and a hyphen: a compound word broken at the wrap.
HYPHEN_BREAK_RE = lazy_compile(r"\p{L}-$")
#: Hard wrapping happens at fixed widths, rarely beyond this many characters.
MAX_WRAP_WIDTH = 100
#: Narrower "wrapping" is just a list of short lines.
MIN_WRAP_WIDTH = 40
#: A wrapped text may hold this share of unwrapped (longer) lines.
UNWRAPPED_SHARE = 0.1
#: A wrapped line fills at least this share of the wrap width.
WRAP_FILL = 0.6


@dataclass(frozen=True, slots=True)
class _Line:
    # The whole text and where the line lies in it, not a copy of the line: the copies of
    # every line would cost as much memory as the text again, for as long as blocks are cut.
    source: str = field(repr=False, compare=False)
    start: int
    end: int  # before its line break
    number: int  # 1-based

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]

    @property
    def blank(self) -> bool:
        # str.strip's idea of whitespace, so blocks and their spans agree with split()
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    if "\r" not in text:
        return _lf_lines(text)
    lines = []
    for number, match in enumerate(LINE_RE.finditer(text), start=1):
        if match.start() == len(text) and match.start() == match.end():
            break
        end = match.start() + len(match.group().rstrip("\r\n"))
        lines.append(_Line(text, match.start(), end, number))
    return lines


def _lf_lines(text: str) -> list[_Line]:
    """The same as :func:`_lines` for text with LF line breaks only, at ``str.split`` speed."""
    lines = []
    start = 0
    for number, body in enumerate(text.split("\n"), start=1):
        lines.append(_Line(text, start, start + len(body), number))
        start += len(body) + 1
    if lines and lines[-1].start == lines[-1].end == len(text):
        lines.pop()  # the empty "line" after a final line break (or of an empty text) is none
    return lines


def _chunks(lines: list[_Line]) -> list[list[_Line]]:
    """Group non-blank lines into runs separated by blank lines."""
    chunks: list[list[_Line]] = [[]]
    for line in lines:
        if line.blank:
            if chunks[-1]:
                chunks.append([])
        else:
            chunks[-1].append(line)
    return [chunk for chunk in chunks if chunk]


def wrap_width(text: str) -> int | None:
    """Estimate the width ``text`` was hard-wrapped at, or ``None`` if it was not.

    A text is taken as wrapped when its longest line (a few longer, unwrapped lines
    aside, such as a pasted footer) is 40 to 100 characters long and at least a third of
    its lines come within 15 characters of it.

    >>> wrap_width("The rain fell on the old town all night, and\\n"
    ...            "the river rose over its banks before dawn came\\n"
    ...            "to the valley.")
    46
    >>> wrap_width("One long paragraph per line.\\nAnother one.") is None
    True
    """
    return _wrap_width(_lines(text))


def _wrap_width(lines: list[_Line]) -> int | None:
    every = [len(line.text.strip()) for line in lines if not line.blank]
    lengths = [n for n in every if n <= MAX_WRAP_WIDTH]
    if len(lengths) < 3 or len(every) - len(lengths) > UNWRAPPED_SHARE * len(every):
        return None
    width = max(lengths)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    near = sum(1 for n in lengths if n >= width - 15)
    return width if near * 3 >= len(lengths) and near >= 2 else None


def _joins(previous: _Line, line: _Line, width: int | None) -> bool:
    """Whether ``line`` continues the paragraph of ``previous`` (hard wrapping)."""
    if width is None:
        return False
    filled = len(previous.text.strip()) >= WRAP_FILL * width
    return filled or line.text.lstrip()[:1].islower()


def _block(lines: list[_Line]) -> Block:
    parts = [" ".join(line.text.split()) for line in lines]
    pieces = [parts[0]]
    for previous, part in pairwise(parts):
        # a compound broken at the wrap ("first-" / "floor") is joined back whole
        broken = HYPHEN_BREAK_RE.search(previous[-2:]) is not None and part[:1].islower()
        pieces.extend(("" if broken else " ", part))
    text = "".join(pieces)
    first, last = lines[0], lines[-1]
    offset = len(first.text) - len(first.text.lstrip())
    trail = len(last.text) - len(last.text.rstrip())
    return Block(text, first.number, Span(first.start + offset, last.end - trail))


def _split_chunk(chunk: list[_Line], width: int | None, spaced: bool) -> list[list[_Line]]:
    """Split one blank-line-free chunk into paragraphs.

    Hard-wrapped lines are joined. Otherwise, in blank-line separated text a chunk of
    short lines (a byline and a date, a menu) is one block, while a chunk holding a line
    longer than any wrap width is a one-paragraph-per-line dump (extractor output with a
    stray blank line): every line a block. In
    text with no blank lines at all, every line is a block.
    """
    long_lines = sum(1 for line in chunk if len(line.text) > MAX_WRAP_WIDTH)
    # in hard-wrapped text one unwrapped line (a pasted footer) does not make a dump
    dump = long_lines > (0 if width is None else 1)
    keep_together = spaced and not dump
    groups: list[list[_Line]] = [[chunk[0]]]
    for previous, line in pairwise(chunk):
        if keep_together or _joins(previous, line, width):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def segment_paragraphs(text: str) -> tuple[Block, ...]:
    """Cut ``text`` into paragraph blocks with their spans and 1-based first lines.

    Handles blank-line separated blocks, hard-wrapped paragraphs (joined back with single
    spaces), one paragraph per line, CRLF and whitespace-only lines. A block's ``text``
    has its internal whitespace runs collapsed to single spaces; its ``span`` covers the
    original lines, so nothing is lost.

    >>> [(b.line, b.text) for b in segment_paragraphs("Title\\n\\nFirst.\\nSecond.\\n")]
    [(1, 'Title'), (3, 'First. Second.')]
    >>> [b.text for b in segment_paragraphs("One.\\nTwo.\\nThree.")]
    ['One.', 'Two.', 'Three.']
    """
    text = require_text(text, "segment_paragraphs")
    chunks = _chunks(_lines(text))  # the blank lines go now: they take memory, not part
    spaced = len(chunks) > 1
    width = _wrap_width([line for chunk in chunks for line in chunk])  # not split again
    return tuple(_block(group) for chunk in chunks for group in _split_chunk(chunk, width, spaced))
