"""label_blocks: the classifiers run over an article's blocks, in their declared order.

First the rules over the whole text that go before any pass (the reader-comment section),
then one pass per classifier over every block (``PASSES``: boilerplate, captions,
subheadings), then the layout rules over the passes' labels. Each pass says which earlier
labels it reads, since the order is part of the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from newsclean.arguments import require_blocks
from newsclean.blocks.shape import Context, body_bounds, context_of
from newsclean.classify import boilerplate
from newsclean.classify.boilerplate import is_boilerplate
from newsclean.classify.captions import is_caption
from newsclean.classify.layout import apply_layout
from newsclean.classify.subheadings import is_subheading
from newsclean.model import Block, Decision, Kind

Classifier = Callable[[Block, Context], Decision]


@dataclass(frozen=True, slots=True)
class Pass:
    """One classifier run over every block still an unexplained paragraph, in text order.

    ``kind`` is the kind ``decide`` gives; ``reads`` names the kinds given before this pass
    (by the rules that go first or by earlier passes) that ``decide`` reads in a block's
    neighbours, through their ``kind`` or ``why``. A pass reads no kind given after it.
    """

    kind: Kind
    decide: Classifier
    reads: tuple[Kind, ...] = ()


#: The kinds labelled before any pass: the reader-comment section is boilerplate.
FIRST_KINDS: tuple[Kind, ...] = tuple(rule.kind for rule in boilerplate.RULES)
#: The passes, in the order they run; each sees the labels of the passes before it.
#: ``shape.reads_as_prose`` is False unless a block is still a paragraph, so a pass that
#: asks whether a neighbour is prose reads the labels given before it. Hence the order:
#: boilerplate reads no labels (only text and the body bounds) and fences the furniture off
#: first; a caption wedged between paragraphs needs prose around it, which a furniture
#: neighbour is not; subheadings come last, as a short caption or a "Read more" line also
#: looks like a heading, and a live blog's first crosshead sits under a dateline.
PASSES: tuple[Pass, ...] = (
    Pass("boilerplate", is_boilerplate),
    Pass("caption", is_caption, reads=("boilerplate",)),
    Pass("subheading", is_subheading, reads=("boilerplate", "caption")),
)


def is_top_furniture(block: Block) -> bool:
    """Whether ``block`` on its own is furniture (the headline finder skips such blocks).

    >>> from newsclean.model import Span
    >>> is_top_furniture(Block("Advertisement", 1, Span(0, 13)))
    True
    """
    return bool(is_boilerplate(block, context_of([block], 0)))


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

    The rules that go first (the comment section), then each of ``PASSES`` over the whole
    article, then the layout rules (:func:`newsclean.classify.layout.apply_layout`). The
    article body's bounds are taken once, from the blocks as given.

    >>> from newsclean.model import Span
    >>> [b.kind for b in label_blocks([Block("Share this", 1, Span(0, 10))])]
    ['boilerplate']
    """
    out = tuple(require_blocks(blocks, "label_blocks"))
    bounds = body_bounds(out)
    for rule in boilerplate.RULES:
        out = rule(out)
    for step in PASSES:
        out = _run_pass(out, step.decide, bounds)
    return apply_layout(out)
