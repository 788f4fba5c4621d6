"""Features: a block and its neighbourhood turned into named numbers for the learned labeller.

Every rule signal of the caption, boilerplate and subheading modules becomes a 0/1
feature; shape facts (length, final punctuation, case, share of digits or capitals) and
the same facts about the neighbours, runs of short lines, the distance to the article's
full paragraphs and the relation to the headline become numbers in about ``[0, 1]``, so a
linear model's weights compare and its explanations read directly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import regex

from newsclean.blocks.headlines import similarity
from newsclean.blocks.shape import (
    OPENS_QUOTE_RE,
    WORD_RE,
    context_of,
    ends_sentence,
    is_full_paragraph,
    is_title_case,
    short_unfinished,
    word_count,
)
from newsclean.chars import lazy_compile
from newsclean.classify import boilerplate, captions, subheadings
from newsclean.classify.signal import Predicate
from newsclean.model import HEADLINE_KINDS, Block, Span

#: The rule signals, by the feature names they get: ``<kind>:<signal>``.
SIGNAL_FEATURES: tuple[tuple[str, Predicate], ...] = (
    *((f"caption:{s.name}", s.predicate) for s in captions.SIGNALS),
    *((f"boilerplate:{s.name}", s.predicate) for s in boilerplate.SIGNALS),
    *((f"subheading:{s.name}", s.predicate) for s in subheadings.SIGNALS),
)
#: Words so common that prose is full of them and furniture is not.
STOPWORDS = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been has have "
    "had it its this that he she they we i you his her their our not no will would said says "
    "after over into about than who which what when there".split()
)
#: A character that is neither a letter, a digit nor a space.
PUNCT_RE = lazy_compile(
    r"""
    [^\p{L}\p{N}\s]  # punctuation and symbols: share bars and credits are full of them
    """,
    regex.VERBOSE,
)
#: White space as the punctuation pattern counts it (so the shares stay within 0 and 1).
SPACE_RE = lazy_compile(
    r"""
    \s  # any white space
    """,
    regex.VERBOSE,
)
#: Word counts at which a log-scaled length reaches 1.0.
LENGTH_SCALE = math.log1p(100)
#: Distances and runs are counted up to this many blocks.
REACH = 5
#: A short line has at most this many words.
SHORT_WORDS = 14
#: Word-count bins: (name, lowest, highest).
LENGTH_BINS: tuple[tuple[str, int, int], ...] = (
    ("words:0-3", 0, 3),
    ("words:4-9", 4, 9),
    ("words:10-19", 10, 19),
    ("words:20+", 20, 1_000_000),
)
#: The neighbours described, by name and offset.
NEIGHBOURS: tuple[tuple[str, int], ...] = (("prev2", -2), ("prev1", -1), ("next1", 1), ("next2", 2))


def _flag(value: bool) -> float:
    return 1.0 if value else 0.0


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def length_score(words: int) -> float:
    """Scale a word count logarithmically: 0 words is 0.0, 100 words is 1.0.

    >>> length_score(0), round(length_score(100), 3)
    (0.0, 1.0)
    """
    return math.log1p(words) / LENGTH_SCALE


def is_short_unfinished(block: Block) -> bool:
    """Whether ``block`` is a short line that does not end a sentence (a list item, a link).

    >>> from newsclean.model import Span
    >>> is_short_unfinished(Block("More from the coast", 1, Span(0, 1)))
    True
    """
    return word_count(block.text) > 0 and short_unfinished(block.text, SHORT_WORDS)


def shape_features(text: str) -> dict[str, float]:
    """Describe the shape of one text: length, ending, case, and character shares.

    >>> shape_features("Floods Hit the Valley")["title-case"]
    1.0
    """
    found = WORD_RE.findall(text)
    n = len(found)
    visible = len(text) - len(SPACE_RE.findall(text))
    stripped = text.rstrip()
    out = {
        "length": length_score(n),
        "ends-sentence": _flag(ends_sentence(text)),
        "title-case": _flag(is_title_case(text)),
        "opens-quote": _flag(OPENS_QUOTE_RE.match(text) is not None),
        "ends-colon": _flag(stripped.endswith(":")),
        "ends-question": _flag(stripped.endswith("?")),
        "digit-share": _share(sum(1 for w in found if w[0].isdigit()), n),
        "capital-share": _share(sum(1 for w in found if w[0].isupper()), n),
        "stopword-share": _share(sum(1 for w in found if w.casefold() in STOPWORDS), n),
        "punct-share": _share(len(PUNCT_RE.findall(text)), visible),
    }
    out.update({name: _flag(low <= n <= high) for name, low, high in LENGTH_BINS})
    return out


def neighbour_features(name: str, block: Block | None) -> dict[str, float]:
    """Describe a neighbour in a few numbers, each named ``<name>:<fact>``.

    A missing neighbour (the block is at an edge) has only ``<name>:missing`` set.

    >>> neighbour_features("next1", None)["next1:missing"]
    1.0
    """
    facts = {
        "missing": block is None,
        "full-paragraph": is_full_paragraph(block),
        "headline": block is not None and block.kind in HEADLINE_KINDS,
        "short-unfinished": block is not None and is_short_unfinished(block),
        "ends-sentence": block is not None and ends_sentence(block.text),
        "title-case": block is not None and is_title_case(block.text),
        # the caption patterns alone, not the signals (which also weigh length and case)
        "credit-pattern": block is not None and captions.CREDIT_RE.search(block.text) is not None,
        "label-pattern": block is not None and captions.LABEL_RE.match(block.text) is not None,
    }
    out = {f"{name}:{fact}": _flag(value) for fact, value in facts.items()}
    out[f"{name}:length"] = 0.0 if block is None else length_score(word_count(block.text))
    return out


def short_run(blocks: Sequence[Block], index: int) -> int:
    """Count the consecutive short unfinished blocks around ``index``, itself included.

    >>> from newsclean.model import Span
    >>> bs = [Block(t, 1, Span(0, 1)) for t in ("Home", "World", "A full stop ends this.")]
    >>> short_run(bs, 0), short_run(bs, 2)
    (2, 0)
    """
    if not is_short_unfinished(blocks[index]):
        return 0
    start = index
    while start > 0 and is_short_unfinished(blocks[start - 1]):
        start -= 1
    end = index
    while end + 1 < len(blocks) and is_short_unfinished(blocks[end + 1]):
        end += 1
    return end - start + 1


def paragraph_distance(blocks: Sequence[Block], index: int, step: int) -> int | None:
    """Blocks from ``index`` to the nearest full paragraph in direction ``step`` (±1), if any.

    >>> from newsclean.model import Span
    >>> full = "The council met on Tuesday and voted to close the harbour road for good."
    >>> bs = [Block(t, 1, Span(0, 1)) for t in (full, "Home", "News")]
    >>> paragraph_distance(bs, 2, -1), paragraph_distance(bs, 2, 1)
    (2, None)
    """
    i = index + step
    while 0 <= i < len(blocks):
        if is_full_paragraph(blocks[i]):
            return abs(i - index)
        i += step
    return None


def _distance_score(distance: int | None) -> float:
    return 1.0 if distance is None else min(distance, REACH) / REACH


def _headline_text(blocks: Sequence[Block]) -> str:
    return next((b.text for b in blocks if b.kind in HEADLINE_KINDS), "")


def _repeats(blocks: Sequence[Block], index: int) -> bool:
    key = " ".join(blocks[index].text.casefold().split())
    return bool(key) and any(
        j != index and " ".join(b.text.casefold().split()) == key for j, b in enumerate(blocks)
    )


def position_features(
    blocks: Sequence[Block], index: int, bounds: tuple[int, int]
) -> dict[str, float]:
    """Where the block sits: fractions from the start and end, and against the body bounds.

    >>> from newsclean.model import Span
    >>> bs = [Block(t, 1, Span(0, 1)) for t in "abc"]
    >>> position_features(bs, 2, (-1, -1))["from-start"]
    1.0
    """
    last = max(len(blocks) - 1, 1)
    first_body, last_body = bounds
    comments = boilerplate.comments_start(blocks)
    return {
        "from-start": index / last,
        "from-end": (len(blocks) - 1 - index) / last,
        "no-body": _flag(first_body < 0),
        "before-body": _flag(0 <= index < first_body),
        "inside-body": _flag(first_body <= index <= last_body and first_body >= 0),
        "after-body": _flag(last_body >= 0 and index > last_body),
        "in-comments": _flag(comments is not None and index >= comments),
    }


def context_features(blocks: Sequence[Block], index: int) -> dict[str, float]:
    """Facts about the run the block is in and its relation to the rest of the page.

    >>> from newsclean.model import Span
    >>> bs = [Block(t, 1, Span(0, 1)) for t in ("Share", "Read more", "Share")]
    >>> context_features(bs, 0)["repeats"]
    1.0
    """
    run = short_run(blocks, index)
    headline = _headline_text(blocks)
    out = {
        "short-run": min(run, 2 * REACH) / (2 * REACH),
        "in-short-run": _flag(run >= 3),
        "paragraph-before": _distance_score(paragraph_distance(blocks, index, -1)),
        "paragraph-after": _distance_score(paragraph_distance(blocks, index, 1)),
        "headline-similarity": similarity(blocks[index].text, headline) if headline else 0.0,
        "repeats": _flag(_repeats(blocks, index)),
    }
    for name, offset in NEIGHBOURS:
        j = index + offset
        out.update(neighbour_features(name, blocks[j] if 0 <= j < len(blocks) else None))
    out.update(conjunctions(out, is_short_unfinished(blocks[index])))
    return out


def conjunctions(facts: dict[str, float], short: bool) -> dict[str, float]:
    """Pairs of facts a linear model cannot form by itself: a short line *between* paragraphs.

    >>> conjunctions({"prev1:full-paragraph": 1.0, "next1:full-paragraph": 1.0}, True)[
    ...     "short-between-paragraphs"]
    1.0
    """
    before = facts.get("prev1:full-paragraph", 0.0) > 0
    after = facts.get("next1:full-paragraph", 0.0) > 0
    return {
        "between-paragraphs": _flag(before and after),
        "short-between-paragraphs": _flag(short and before and after),
        "short-before-paragraph": _flag(short and after and not before),
        "short-after-paragraph": _flag(short and before and not after),
        "short-between-shorts": _flag(short and not before and not after),
    }


def block_features(
    blocks: Sequence[Block], index: int, bounds: tuple[int, int]
) -> dict[str, float]:
    """Return every named feature of ``blocks[index]``, given the body ``bounds``.

    ``bounds`` are the first and last full paragraphs (:func:`newsclean.blocks.shape.body_bounds`).
    The names are the same for every block, so a weight table can be checked against them.

    >>> from newsclean.model import Span
    >>> bs = [Block("Advertisement", 1, Span(0, 13))]
    >>> features = block_features(bs, 0, (-1, -1))
    >>> features["boilerplate:furniture-phrase"], features["caption:credit"]
    (1.0, 0.0)
    """
    block = blocks[index]
    context = context_of(blocks, index, first_body=bounds[0], last_body=bounds[1])
    out = {name: _flag(signal(block, context)) for name, signal in SIGNAL_FEATURES}
    out.update(shape_features(block.text))
    out["label-pattern"] = _flag(captions.LABEL_RE.match(block.text) is not None)
    out.update(position_features(blocks, index, bounds))
    out.update(context_features(blocks, index))
    return out


def feature_names() -> tuple[str, ...]:
    """Return the names :func:`block_features` emits, in its order.

    >>> "caption:credit" in feature_names()
    True
    """
    return tuple(block_features([Block("", 1, Span(0, 0))], 0, (-1, -1)))
