"""parse_article: the one-way pipeline from raw text to a labelled Article. (STUB)"""

from __future__ import annotations

from newsclean.model import Article, Block, QuoteStyle, Span
from newsclean.text import clean_text


def parse_article(text: str, *, quotes: QuoteStyle = "straight") -> Article:
    """Fix ``text`` and label each of its blocks.

    >>> parse_article("Title\\n\\nBody.").headline
    'Title'
    """
    cleaned = clean_text(text, quotes=quotes)
    blocks = []
    pos = 0
    for i, part in enumerate(cleaned.text.split("\n\n")):
        kind = "headline" if i == 0 else "paragraph"
        blocks.append(Block(part, 1 + cleaned.text.count("\n", 0, pos), Span(pos, pos + len(part)), kind))
        pos += len(part) + 2
    headline = blocks[0].text if blocks else None
    return Article(headline=headline, blocks=tuple(blocks), fixes=cleaned.fixes, text=cleaned.text)
