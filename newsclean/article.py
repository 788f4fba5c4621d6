"""parse_article: the one-way pipeline from raw scraped text to a labelled Article.

raw text -> text fixes (``clean_text``) -> paragraph blocks (``segment_paragraphs``) ->
headlines (``split_headlines``) -> a label for every other block (``label_blocks``, the rules,
or ``label_blocks_learned``, the learned labeller), revised
for the input's shape (``keep_body_first`` after an extractor, ``drop_page_furniture`` on a
whole page) -> Article. Every block of
the fixed text is kept, labelled; the output formats decide what to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from newsclean.arguments import require_labeller, require_quotes, require_text
from newsclean.blocks.headlines import Headlines, split_headlines
from newsclean.blocks.paragraphs import segment_paragraphs
from newsclean.blocks.source import resolve_source
from newsclean.classify.extractor import keep_body_first
from newsclean.classify.page import drop_page_furniture
from newsclean.classify.run import is_top_furniture, label_blocks
from newsclean.learn.labeller import label_blocks_learned
from newsclean.model import (
    DEFAULT_LABELLER,
    SITE_PREFIX,
    Article,
    Block,
    Fix,
    Labeller,
    LineIndex,
    QuoteStyle,
    Source,
    compose_fixes,
    map_back,
)
from newsclean.text.noqa import clean_noqa_comments
from newsclean.text.pipeline import clean_text


def _original_lines(original: str, fixes: tuple[Fix, ...], blocks: Sequence[Block]) -> list[int]:
    """1-based line in ``original`` where each block (of the fixed text) starts."""
    starts = map_back(fixes, [b.span.start for b in blocks], end=False, at_deletion="after")
    index = LineIndex(original)
    return [index.line(start) for start in starts]


def shown_top(heads: Headlines) -> tuple[Block, ...]:
    """The blocks text output shows in place of the first headline block: the headline
    (without its site suffix or glued repeat), then the ``site:`` line, if any.

    >>> from newsclean.blocks.headlines import Headlines, split_headlines
    >>> from newsclean.model import Span
    >>> heads = split_headlines([Block("Storm hits coast | The Ledger", 1, Span(0, 29))])
    >>> [b.text for b in shown_top(heads)]
    ['Storm hits coast', 'site: The Ledger']
    """
    first = next((b for b in heads.blocks if b.kind == "headline"), None)
    if first is None or heads.headline is None:
        return ()
    title = replace(first, text=heads.headline)
    if heads.site is None:
        return (title,)
    line = Block(f"{SITE_PREFIX}{heads.site}", first.line, first.span, "boilerplate")
    return (title, replace(line, why=("site-line",)))


def _labels_for(heads: Headlines, source: Source, labeller: Labeller) -> tuple[Block, ...]:
    blocks = heads.blocks
    if labeller == "learned":
        labelled = label_blocks_learned(blocks, top=shown_top(heads))
    else:
        labelled = label_blocks(blocks)
    if source == "extractor":
        return keep_body_first(labelled)
    return drop_page_furniture(labelled) if source == "page" else labelled


def parse_article(
    text: str,
    *,
    quotes: QuoteStyle = "straight",
    source: Source | Literal["auto"] = "auto",
    keep_noqa: bool = False,
    labeller: Labeller = DEFAULT_LABELLER,
) -> Article:
    """Fix ``text``, cut it into blocks and say what each block is.

    Block ``line`` numbers refer to ``text`` as given; block texts are the fixed text.
    ``source`` says what made the text (:data:`newsclean.model.SOURCES`); ``auto`` tells
    an extractor's one paragraph per line from an article's blank-line separated blocks.
    The linter's ``newsclean: noqa`` comments are not part of the article: they are
    removed (fix reason ``noqa-comment``) unless ``keep_noqa`` (the linter's own view).
    ``labeller`` says who labels the blocks (:data:`newsclean.model.LABELLERS`): the learned
    labeller (the default), which carries better to unseen sites, or the rules alone, faster.

    >>> article = parse_article("Storm hits coast\\n\\nWaves battered the town overnight, "
    ...     "and the harbour wall gave way before dawn on Tuesday.\\n\\nShare this")
    >>> article.headline, [b.kind for b in article.blocks]
    ('Storm hits coast', ['headline', 'paragraph', 'boilerplate'])
    """
    text = require_text(text, "parse_article")
    quotes = require_quotes(quotes, "parse_article")
    labeller = require_labeller(labeller, "parse_article")
    shape = resolve_source(text, source)
    cleaned = clean_text(text, quotes=quotes)
    if not keep_noqa:
        cleaned = compose_fixes(text, cleaned, clean_noqa_comments(cleaned.text))
    blocks = segment_paragraphs(cleaned.text)
    lines = _original_lines(text, cleaned.fixes, blocks)
    blocks = tuple(replace(b, line=n) for b, n in zip(blocks, lines, strict=True))
    heads = split_headlines(blocks, skip=is_top_furniture)
    return Article(
        headline=heads.headline,
        alt_headlines=heads.alt_headlines,
        site=heads.site,
        blocks=_labels_for(heads, shape, labeller),
        fixes=cleaned.fixes,
        text=cleaned.text,
        source=shape,
    )
