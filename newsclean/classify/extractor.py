"""Recall first after an HTML extractor: its middle is body, its edges are where furniture is.

An extractor has already cut the page down to the article, so a line it kept in the middle
of the body is body unless near-certain evidence says otherwise, and losing a body line
costs the reader more than keeping a stray one. Labels given by the classifiers are
revised, never added: a line the rules took out of the body goes back in unless

- it sits at an edge (before the first full paragraph or after the last one), where
  captions, bylines, share prompts and "Related" lines gather; or
- near-certain evidence took it out — a ``strong`` signal, furniture that frames the
  article (a ``header`` signal: a byline, a name and role), or a line in a run of links
  under a "Related" header — and it is not a long line (a credit or a share bar is short;
  a long line a signal fired on is prose far more often).

Per page, a bounded share of the words may leave on anything less than a near-certain
signal; when the rules would take out more, the page keeps the body as the extractor gave
it. Measured by ``bench/aeb.py`` (extraction benchmark) and ``--simulate`` (labelled pages
laid out as extractor output).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsclean.arguments import require_blocks
from newsclean.blocks.shape import body_bounds, context_of, word_count
from newsclean.classify import boilerplate, captions
from newsclean.classify.layout import furniture_runs
from newsclean.classify.signal import layout_rule, names
from newsclean.model import BODY_KINDS, HEADLINE_KINDS, Block

#: Signals near-certain enough to take a line out of the middle of the body: the strong ones
#: and those of furniture that frames the article. They are asked of the line directly, so
#: the rule holds whichever labeller gave the labels (the learned one names features).
CERTAIN_SIGNALS = tuple(
    s for s in (*boilerplate.SIGNALS, *captions.SIGNALS) if s.strong or s.header
)
#: The same, and the layout rule of link runs under a "Related" header, as ``why`` names.
STRONG = names([*CERTAIN_SIGNALS, furniture_runs])
#: In the middle, a line longer than this stays in the body whatever fired on it: on
#: labelled pages laid out as extractor output, such lines were body five times in six.
LONG_LINE_WORDS = 30
#: At most this share of a page's words may leave the body on less than strong evidence.
MAX_WEAK_SHARE = 0.3


def _removed(block: Block) -> bool:
    return block.kind not in BODY_KINDS and block.kind not in HEADLINE_KINDS


def _certain(blocks: Sequence[Block], index: int, bounds: tuple[int, int]) -> bool:
    block = blocks[index]
    if word_count(block.text) > LONG_LINE_WORDS:
        return False
    if STRONG.intersection(block.why):
        return True  # the rules said so already
    context = context_of(blocks, index, first_body=bounds[0], last_body=bounds[1])
    return any(signal(block, context) for signal in CERTAIN_SIGNALS)


def _kept(block: Block) -> Block:
    return replace(block, kind="paragraph", label=None, why=(keep_body_first.name,))


def _weak_share(blocks: Sequence[Block], certain: Sequence[bool]) -> float:
    total = sum(word_count(b.text) for b in blocks)
    weak = sum(
        word_count(b.text)
        for b, sure in zip(blocks, certain, strict=True)
        if _removed(b) and not sure
    )
    return weak / total if total else 0.0


@layout_rule("extractor-body", kind="paragraph")
def keep_body_first(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """After an extractor, a line in the body's middle stays body but on near-certain evidence.

    The rules are the module's; ``why`` names this rule on every line it kept.

    >>> from newsclean.model import Span
    >>> long = "The council voted on Tuesday to close the old harbour road for good. "
    >>> bs = [Block(long, 1, Span(0, 1)),
    ...       Block("Boats in the harbour at dusk", 2, Span(0, 1), "caption",
    ...             why=("descriptive-line",)),
    ...       Block(long, 3, Span(0, 1)),
    ...       Block("Share this", 4, Span(0, 1), "boilerplate", why=("share-bar",))]
    >>> [b.kind for b in keep_body_first(bs)]
    ['paragraph', 'paragraph', 'paragraph', 'boilerplate']
    """
    out = tuple(require_blocks(blocks, "keep_body_first"))
    bounds = body_bounds(out)
    certain = [_removed(b) and _certain(out, i, bounds) for i, b in enumerate(out)]
    out = tuple(
        _kept(b) if _removed(b) and bounds[0] < i < bounds[1] and not certain[i] else b
        for i, b in enumerate(out)
    )
    if _weak_share(out, certain) > MAX_WEAK_SHARE:
        out = tuple(
            _kept(b) if _removed(b) and not sure else b
            for b, sure in zip(out, certain, strict=True)
        )
    return out


#: The rules of this module, for the registry.
RULES = (keep_body_first,)
