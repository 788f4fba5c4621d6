"""parse_article: the one-way pipeline from raw scraped text to a labelled Article.

raw text -> text fixes -> paragraph blocks -> headlines -> per-block classification
(comment section, boilerplate, caption, subheading, else paragraph) -> Article.
Every block of the fixed text is kept, labelled; the output formats decide what to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsclean.boilerplate import comments_start, is_boilerplate
from newsclean.captions import is_caption
from newsclean.headlines import split_headlines
from newsclean.layout import apply_layout
from newsclean.model import Article, Block, Decision, Fix, QuoteStyle, map_offsets
from newsclean.paragraphs import segment_paragraphs
from newsclean.shape import body_bounds, context_of
from newsclean.subheadings import is_subheading
from newsclean.text import clean_text


def _original_lines(original: str, fixes: tuple[Fix, ...], blocks: Sequence[Block]) -> list[int]:
    """1-based line in ``original`` where each block (of the fixed text) starts."""
    starts = map_offsets(fixes, [b.span.start for b in blocks])
    lines = []
    line, pos = 1, 0
    for start in starts:
        line += original.count("\n", pos, start) + _lone_crs(original, pos, start)
        pos = max(pos, start)
        lines.append(line)
    return lines


def _lone_crs(text: str, start: int, end: int) -> int:
    """Count old-Mac line breaks (a CR not followed by LF) in ``text[start:end]``."""
    crs = text.count("\r", start, end)
    return crs - text.count("\r\n", start, end + 1) if crs else 0


def _is_top_furniture(block: Block) -> bool:
    blocks = [block]
    return bool(is_boilerplate(block, context_of(blocks, 0)))


def classify(
    block: Block, blocks: Sequence[Block], index: int, bounds: tuple[int, int] = (-1, -1)
) -> Decision:
    """Label one body block: boilerplate, caption, subheading, or paragraph.

    >>> from newsclean.model import Span
    >>> classify(Block("Advertisement", 1, Span(0, 13)), [], 0).kind
    'boilerplate'
    """
    context = context_of(blocks, index, first_body=bounds[0], last_body=bounds[1])
    for decide in (is_boilerplate, is_caption, is_subheading):
        decision = decide(block, context)
        if decision:
            return decision
    return Decision("paragraph")


def label_blocks(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Label every block not already labelled a headline, in order.

    >>> from newsclean.model import Span
    >>> [b.kind for b in label_blocks([Block("Share this", 1, Span(0, 10))])]
    ['boilerplate']
    """
    comments = comments_start(blocks)
    bounds = body_bounds(blocks)
    out = []
    for index, block in enumerate(blocks):
        if block.kind in ("headline", "alt_headline"):
            out.append(block)
        elif comments is not None and index >= comments:
            out.append(replace(block, kind="boilerplate", why=("comment-section",)))
        else:
            decision = classify(block, blocks, index, bounds)
            kind = decision.kind or "paragraph"
            out.append(replace(block, kind=kind, why=decision.why, label=decision.label))
    return apply_layout(out)


def parse_article(text: str, *, quotes: QuoteStyle = "straight") -> Article:
    """Fix ``text``, cut it into blocks and say what each block is.

    Block ``line`` numbers refer to ``text`` as given; block texts are the fixed text.

    >>> article = parse_article("Storm hits coast\\n\\nWaves battered the town overnight, "
    ...     "and the harbour wall gave way before dawn on Tuesday.\\n\\nShare this")
    >>> article.headline, [b.kind for b in article.blocks]
    ('Storm hits coast', ['headline', 'paragraph', 'boilerplate'])
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_article needs a str, got {type(text).__name__}")
    cleaned = clean_text(text, quotes=quotes)
    blocks = segment_paragraphs(cleaned.text)
    lines = _original_lines(text, cleaned.fixes, blocks)
    blocks = tuple(replace(b, line=n) for b, n in zip(blocks, lines, strict=True))
    heads = split_headlines(blocks, skip=_is_top_furniture)
    return Article(
        headline=heads.headline,
        alt_headlines=heads.alt_headlines,
        site=heads.site,
        blocks=label_blocks(heads.blocks),
        fixes=cleaned.fixes,
        text=cleaned.text,
    )
