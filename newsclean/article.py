"""parse_article: the one-way pipeline from raw scraped text to a labelled Article.

raw text -> text fixes (``clean_text``) -> paragraph blocks (``segment_paragraphs``) ->
headlines (``split_headlines``) -> a label for every other block (the learned labeller,
``label_blocks_learned``, which weighs the rule signals with words, shape and neighbours) ->
Article. Every block of the fixed text is kept, labelled; the output formats decide what
to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsclean.arguments import require_quotes, require_text
from newsclean.blocks.headlines import split_headlines
from newsclean.blocks.paragraphs import segment_paragraphs
from newsclean.classify.run import is_top_furniture
from newsclean.learn.labeller import label_blocks_learned
from newsclean.model import Article, Block, Fix, LineIndex, QuoteStyle, map_back
from newsclean.text.pipeline import clean_text


def _original_lines(original: str, fixes: tuple[Fix, ...], blocks: Sequence[Block]) -> list[int]:
    """1-based line in ``original`` where each block (of the fixed text) starts."""
    starts = map_back(fixes, [b.span.start for b in blocks], end=False, at_deletion="after")
    index = LineIndex(original)
    return [index.line(start) for start in starts]


def parse_article(text: str, *, quotes: QuoteStyle = "straight") -> Article:
    """Fix ``text``, cut it into blocks and say what each block is.

    Block ``line`` numbers refer to ``text`` as given; block texts are the fixed text.

    >>> article = parse_article("Storm hits coast\\n\\nWaves battered the town overnight, "
    ...     "and the harbour wall gave way before dawn on Tuesday.\\n\\nShare this")
    >>> article.headline, [b.kind for b in article.blocks]
    ('Storm hits coast', ['headline', 'paragraph', 'boilerplate'])
    """
    text = require_text(text, "parse_article")
    quotes = require_quotes(quotes, "parse_article")
    cleaned = clean_text(text, quotes=quotes)
    blocks = segment_paragraphs(cleaned.text)
    lines = _original_lines(text, cleaned.fixes, blocks)
    blocks = tuple(replace(b, line=n) for b, n in zip(blocks, lines, strict=True))
    heads = split_headlines(blocks, skip=is_top_furniture)
    return Article(
        headline=heads.headline,
        alt_headlines=heads.alt_headlines,
        site=heads.site,
        blocks=label_blocks_learned(heads.blocks),
        fixes=cleaned.fixes,
        text=cleaned.text,
    )
