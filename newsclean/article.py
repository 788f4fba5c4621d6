"""parse_article: the one-way pipeline from raw scraped text to a labelled Article.

raw text -> text fixes -> paragraph blocks -> headlines -> per-block classification
(comment section, boilerplate, caption, subheading, else paragraph) -> Article.
Every block of the fixed text is kept, labelled; the output formats decide what to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from newsclean.arguments import require_quotes, require_text
from newsclean.blocks.headlines import split_headlines
from newsclean.blocks.paragraphs import segment_paragraphs
from newsclean.blocks.shape import Context, body_bounds, context_of
from newsclean.classify.boilerplate import comments_start, is_boilerplate
from newsclean.classify.captions import is_caption
from newsclean.classify.layout import apply_layout
from newsclean.classify.subheadings import is_subheading
from newsclean.model import Article, Block, Decision, Fix, QuoteStyle, map_offsets
from newsclean.text.pipeline import clean_text

Classifier = Callable[[Block, Context], Decision]


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


#: The classifiers, in the order they run over the whole article: each pass sees the
#: labels of the passes before it (a caption check knows which neighbours are furniture).
PASSES = (is_boilerplate, is_caption, is_subheading)


def _run_pass(
    blocks: tuple[Block, ...], decide: Classifier, bounds: tuple[int, int]
) -> tuple[Block, ...]:
    out = list(blocks)
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or block.why:
            continue  # decided already (the default kind carries no reasons)
        context = context_of(blocks, index, first_body=bounds[0], last_body=bounds[1])
        decision = decide(block, context)
        if decision.kind is not None:
            out[index] = replace(block, kind=decision.kind, why=decision.why, label=decision.label)
    return tuple(out)


def label_blocks(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Label every block not already labelled a headline, in order.

    The comment section goes first, then one pass per classifier over the whole
    article (boilerplate, captions, subheadings), then the layout rules.

    >>> from newsclean.model import Span
    >>> [b.kind for b in label_blocks([Block("Share this", 1, Span(0, 10))])]
    ['boilerplate']
    """
    comments = comments_start(blocks)
    bounds = body_bounds(blocks)
    out = tuple(
        replace(b, kind="boilerplate", why=("comment-section",))
        if comments is not None and i >= comments and b.kind == "paragraph"
        else b
        for i, b in enumerate(blocks)
    )
    for decide in PASSES:
        out = _run_pass(out, decide, bounds)
    return apply_layout(out)


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
    heads = split_headlines(blocks, skip=_is_top_furniture)
    return Article(
        headline=heads.headline,
        alt_headlines=heads.alt_headlines,
        site=heads.site,
        blocks=label_blocks(heads.blocks),
        fixes=cleaned.fixes,
        text=cleaned.text,
    )
