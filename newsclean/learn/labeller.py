"""The learned labeller: every block's kind weighed from rule signals, words, shape and place.

Each block is described once (one tokenisation, one casefold) by named features: every rule
signal of :mod:`newsclean.classify` as 0/1 evidence (asked only of blocks of ``SIGNAL_CHARS``
characters or fewer: a long block is no heading, credit or furniture line), its words and
word shapes (first and last tokens, the opening words and pairs), its shape, where it sits in
the page and against the body, and the same facts about its neighbours. A first multinomial
logistic regression gives each block a probability per kind; a second one reads those
probabilities of the block and its neighbours as well (stacking, trained on out-of-fold
predictions), so a caption between two paragraphs or a run of furniture is seen as such. The
weights are package data (``labeller.json``, written by ``bench/train.py``) keyed by feature
name: a name the model does not know weighs nothing, and a model that lacks a feature simply
never uses it."""

from __future__ import annotations

import itertools
import json
import math
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, TypeVar, overload

from newsclean.arguments import require_blocks
from newsclean.blocks.headlines import similarity, split_headlines
from newsclean.blocks.shape import (
    WORD_RE,
    Context,
    body_bounds,
    context_of,
    ends_sentence,
    is_full_paragraph,
    is_title_case,
)
from newsclean.chars import lazy_compile
from newsclean.classify import boilerplate
from newsclean.classify.captions import LABEL_RE
from newsclean.classify.run import is_top_furniture
from newsclean.classify.signal import Predicate, Signal
from newsclean.learn.features import (
    LENGTH_BINS,
    LENGTH_SCALE,
    SIGNAL_FEATURES,
    STOPWORDS,
    is_short_unfinished,
)
from newsclean.model import BODY_KINDS, HEADLINE_KINDS, Block, Kind

Features = dict[str, float]
_Key = TypeVar("_Key")
_Found = TypeVar("_Found")
#: The kinds the labeller chooses among (headlines are found by :mod:`newsclean.blocks.headlines`).
LEARNED_KINDS: tuple[Kind, ...] = ("paragraph", "subheading", "caption", "boilerplate")
#: Tokens read from the start of a block for its bag of words (the rest add little and cost).
HEAD_TOKENS = 16
#: Characters of a block read for its words and shares (a long paragraph says enough early).
READ_CHARS = 400
#: Characters read from the end of a block for its last word.
LAST_CHARS = 40
#: Tokens read from the start of a block for the shares of capitals, digits and stopwords.
SHARE_TOKENS = 16
#: A block longer than this many characters is never compared with the headline.
HEADLINE_CHARS = 300
#: Tokens read from the start of a block for its word pairs.
PAIR_TOKENS = 6
#: Characters read from the end of a block for its closing words (credits close captions).
TAIL_CHARS = 120
#: Closing words of a block in its bag of tail words.
TAIL_TOKENS = 6
#: Characters read from the start of a neighbour for its first word.
FIRST_CHARS = 60
#: The neighbours described, by name and offset.
NEIGHBOURS: tuple[tuple[str, int], ...] = (("p2", -2), ("p1", -1), ("n1", 1), ("n2", 2))
#: A digit, so that years, scores and counts share one token shape.
DIGIT_RE = lazy_compile(r"\d")
#: The number of kinds of the shipped model (its scoring loop is unrolled for them).
FOUR = 4
#: How sure the model must be to call a plain full paragraph (no furniture signal) furniture.
SURE_FURNITURE = 0.9
#: The feature a block has when no block follows it: the last block of what is read.
LAST_FEATURE = "n1:missing"
#: The rule signals the model reads as features, by feature name (``sig:<kind>:<signal>``).
READ_SIGNALS: tuple[tuple[str, Predicate], ...] = SIGNAL_FEATURES
#: A block longer than this many characters is described without its signals.
SIGNAL_CHARS = 300
#: The furniture signals :func:`choose` asks of a full paragraph the model doubts (found only
#: for those blocks, whether or not the model reads them).
FURNITURE_SIGNALS: tuple[tuple[str, Predicate], ...] = tuple(
    (name, fires) for name, fires in SIGNAL_FEATURES if name.startswith("boilerplate:")
)
#: A page of more blocks than this keeps its features packed (:class:`PackedFeatures`): about
#: a fifth of the memory, some 5 % more time (a news page has a few dozen blocks).
PACK_BLOCKS = 200
#: How many features a decision's ``why`` names.
WHY_TOP = 3


@dataclass(frozen=True, slots=True)
class Stage:
    """One logistic regression: per kind a bias, per feature name a weight for each kind.

    ``centred`` holds each row less its mean over the kinds (what a feature does for one
    kind against the others); ``columns`` holds the same numbers by kind and negated (one
    mapping per kind, so the strongest push sorts first), found once for :func:`explain`.
    ``names`` maps each feature name to the stage's own copy of it, so the features a page
    keeps share their names with the model instead of holding one string per block.
    ``signals`` names the rule signals the stage weighs (:func:`weighed_signals`), the only
    ones :func:`first_features` asks for it; ``None`` (a stage built by hand) asks them all.
    """

    bias: tuple[float, ...]
    table: Mapping[str, tuple[float, ...]]
    centred: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    columns: tuple[Mapping[str, float], ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)
    signals: frozenset[str] | None = None


def make_stage(bias: Sequence[float], table: Mapping[str, Sequence[float]]) -> Stage:
    """Build a frozen :class:`Stage`, with its centred rows for explanations.

    >>> make_stage([0.0, 0.0], {"f": [1.0, 3.0]}).centred["f"]
    (-1.0, 1.0)
    """
    rows = {name: tuple(float(w) for w in row) for name, row in table.items()}
    centred = {n: tuple(w - sum(row) / len(row) for w in row) for n, row in rows.items()}
    columns = tuple({n: -row[k] for n, row in centred.items()} for k in range(len(bias)))
    # plain dicts, typed read-only and never written after this: they are looked up some
    # 50 times per block, and a MappingProxyType's get costs half as much again
    names = {name: name for name in rows}
    return Stage(
        tuple(float(b) for b in bias), rows, centred, columns, names, weighed_signals(rows)
    )


@dataclass(frozen=True, slots=True)
class Model:
    """The two stages of the labeller and the kinds they give, in weight order."""

    kinds: tuple[Kind, ...]
    first: Stage
    second: Stage
    about: Mapping[str, Any]


def _stage(data: Mapping[str, Any], kinds: Sequence[str]) -> Stage:
    table = data["weights"]
    if len(data["bias"]) != len(kinds) or any(len(row) != len(kinds) for row in table.values()):
        raise ValueError(f"every feature of a stage needs one weight per kind: {list(kinds)}")
    return make_stage(data["bias"], table)


def model_from_data(data: Mapping[str, Any]) -> Model:
    """Build a :class:`Model` from the JSON layout of ``labeller.json``.

    >>> stage = {"bias": [0.0, 1.0], "weights": {"w:photo": [0.0, 2.0]}}
    >>> m = model_from_data({"kinds": ["paragraph", "caption"], "first": stage, "second": stage})
    >>> m.first.table["w:photo"]
    (0.0, 2.0)
    """
    kinds = tuple(data["kinds"])
    unknown = set(kinds) - set(LEARNED_KINDS)
    if unknown:
        raise ValueError(f"the model names kinds the labeller cannot give: {sorted(unknown)}")
    about = {k: v for k, v in data.items() if k not in ("first", "second")}
    return Model(kinds, _stage(data["first"], kinds), _stage(data["second"], kinds), about)


def weighed_signals(table: Mapping[str, object]) -> frozenset[str]:
    """Name the rule signals a stage's ``table`` has a weight for, on the block or a neighbour.

    A signal no feature of the model reads is never asked (signals are most of the
    features' cost).

    >>> sorted(weighed_signals({"p1:sig:caption:credit": (1.0,)}))
    ['caption:credit']
    """
    prefixes = ("", *(f"{name}:" for name, _ in NEIGHBOURS))
    return frozenset(
        name for name, _ in READ_SIGNALS if any(f"{p}sig:{name}" in table for p in prefixes)
    )


@cache
def load_model() -> Model:
    """Load the packaged ``labeller.json`` once.

    >>> "caption" in load_model().kinds
    True
    """
    text = resources.files("newsclean.learn").joinpath("labeller.json").read_text(encoding="utf-8")
    return model_from_data(json.loads(text))


# --- features ----------------------------------------------------------------------------


def _token_shape(token: str) -> str:
    if token[0].isdigit():
        return "0"
    if token.isupper() and len(token) > 1:
        return "A"
    return "X" if token[0].isupper() else "x"


def lexical_features(text: str) -> Features:
    """Name the words and shape of a block from one tokenisation and one casefold.

    Words: the opening words and pairs, first and last tokens, the shapes of the first four
    (digits read as ``0``; the bag of words is scaled so a long paragraph weighs no more than
    a short line). Shape: length bins, final and opening characters, shares of capitals,
    digits, stopwords and punctuation.

    >>> f = lexical_features("Photo: Jane Doe")
    >>> f["first:photo"], f["last:doe"], f["shape:XXX"], f["end:a"], f["words:0-3"]
    (1.0, 1.0, 1.0, 1.0, 1.0)
    """
    tokens = WORD_RE.findall(text, 0, READ_CHARS)
    if not tokens:
        return {"wordless": 1.0}
    folded = [
        f if (f := t.casefold()).isalpha() else DIGIT_RE.sub("0", f) for t in tokens[:SHARE_TOKENS]
    ]  # _fold, inlined: it runs for every token read
    head = sorted(set(folded[:HEAD_TOKENS]))
    scale = 1.0 / math.sqrt(len(head))
    out: Features = {f"w:{w}": scale for w in head}
    out.update({f"b:{a}_{b}": 1.0 for a, b in itertools.pairwise(folded)})
    out[f"first:{folded[0]}"] = 1.0
    out[f"last:{_fold(WORD_RE.findall(text[-LAST_CHARS:])[-1:] or tokens[-1:])}"] = 1.0
    out["shape:" + "".join(_token_shape(t) for t in tokens[:4])] = 1.0
    stripped = text.strip()
    out[f"start:{_char_class(stripped[0])}"] = 1.0
    out[f"end:{_char_class(stripped[-1])}"] = 1.0
    out.update(_shares(tokens, folded, stripped))
    return out


def _fold(token: str | list[str]) -> str:
    word = token if isinstance(token, str) else token[0]
    folded = word.casefold()
    return folded if folded.isalpha() else DIGIT_RE.sub("0", folded)


def _shares(tokens: Sequence[str], folded: Sequence[str], text: str) -> Features:
    # length from a cheap split (tokens stop after READ_CHARS); shares from the opening words
    n = len(tokens) if len(text) < READ_CHARS else len(text.split())
    firsts = [t[0] for t in tokens[: len(folded)]]
    visible = len("".join(text[:READ_CHARS].split()))
    letters = sum(map(len, tokens))
    bins = next(name for name, low, high in LENGTH_BINS if low <= n <= high)
    return {
        bins: 1.0,
        "length": min(math.log1p(n) / LENGTH_SCALE, 1.5),
        "capital-share": sum(map(str.isupper, firsts)) / len(firsts),
        "digit-share": sum(map(str.isdigit, firsts)) / len(firsts),
        "stopword-share": sum(map(STOPWORDS.__contains__, folded)) / len(folded),
        "punct-share": max(visible - letters, 0) / visible if visible else 0.0,
    }


def _char_class(char: str) -> str:
    if char.isalpha():
        return "a" if char.islower() else "A" if char.isupper() else "e"
    return "0" if char.isdigit() else DIGIT_RE.sub("0", char)


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What every block's features need from the whole page, found once."""

    bounds: tuple[int, int]
    comments: int | None
    headline: str
    repeats: tuple[bool, ...]
    full: tuple[bool, ...]
    short: tuple[bool, ...]
    runs: tuple[int, ...]  # the length of the run of short lines each block is in (0: none)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def page_facts(blocks: Sequence[Block]) -> PageFacts:
    """Find the body bounds, comment section, headline and repeated lines of a page once."""
    headline = next((b.text for b in blocks if b.kind in HEADLINE_KINDS), "")
    full = tuple(is_full_paragraph(b) for b in blocks)
    found = [i for i, f in enumerate(full) if f]  # body_bounds, from the flags found once
    keys = [_key(b.text) for b in blocks]
    counts = Counter(keys)
    short = tuple(is_short_unfinished(b) for b in blocks)
    return PageFacts(
        bounds=(found[0], found[-1]) if found else (-1, -1),
        comments=boilerplate.comments_start(blocks),
        headline=headline,
        repeats=tuple(counts[key] > 1 for key in keys),
        full=full,
        short=short,
        runs=run_lengths(short),
    )


def position_features(facts: PageFacts, index: int, count: int) -> Features:
    """Where a block sits: fractions from the start and end, against the body, in comments,
    and its place counted from either end.

    >>> facts = page_facts([])
    >>> position_features(facts, 0, 1)["no-body"], position_features(facts, 1, 3)["end-index:1"]
    (1.0, 1.0)
    """
    last = max(count - 1, 1)
    first_body, last_body = facts.bounds
    inside = first_body >= 0 and first_body <= index <= last_body
    return {
        "from-start": index / last,
        "from-end": (count - 1 - index) / last,
        "no-body": float(first_body < 0),
        "before-body": float(0 <= index < first_body),
        "inside-body": float(inside),
        "after-body": float(last_body >= 0 and index > last_body),
        "in-comments": float(facts.comments is not None and index >= facts.comments),
        f"index:{min(index, 3)}": 1.0,
        f"end-index:{min(count - 1 - index, 3)}": 1.0,
    }


def run_lengths(flags: Sequence[bool]) -> tuple[int, ...]:
    """The length of the run of true flags each position is in (0 where the flag is false),
    in one pass: a page of thousands of short lines costs no more per line than a short one.

    >>> run_lengths([True, True, False, True])
    (2, 2, 0, 1)
    """
    out: list[int] = []
    for value, run in itertools.groupby(flags):
        size = len(list(run))
        out.extend([size if value else 0] * size)
    return tuple(out)


def _distance(flags: Sequence[bool], index: int, step: int) -> float:
    i = index + step
    while 0 <= i < len(flags) and abs(i - index) <= 5:
        if flags[i]:
            return abs(i - index) / 5
        i += step
    return 1.0


def context_features(blocks: Sequence[Block], facts: PageFacts, index: int) -> Features:
    """The run of short lines a block is in, the nearest full paragraphs, headline, repeats."""
    run = facts.runs[index]
    text = blocks[index].text
    before = index > 0 and facts.full[index - 1]
    after = index + 1 < len(blocks) and facts.full[index + 1]
    short = facts.short[index]
    return {
        "short-run": min(run, 10) / 10,
        "in-short-run": float(run >= 3),
        "paragraph-before": _distance(facts.full, index, -1),
        "paragraph-after": _distance(facts.full, index, 1),
        "headline-similarity": similarity(text, facts.headline)
        if facts.headline and len(text) <= HEADLINE_CHARS
        else 0.0,
        "repeats": float(facts.repeats[index]),
        "between-paragraphs": float(before and after),
        "short-between-paragraphs": float(short and before and after),
        "short-before-paragraph": float(short and after and not before),
        "short-after-paragraph": float(short and before and not after),
    }


def first_word(text: str) -> str:
    """Return the first word of ``text``, folded (digits as ``0``), or ``""``.

    >>> first_word("Photo: Jane Doe")
    'photo'
    """
    found = WORD_RE.search(text, 0, FIRST_CHARS)
    return _fold(found[0]) if found else ""


def edge_features(blocks: Sequence[Block], index: int, firsts: Sequence[str]) -> Features:
    """The block's closing words, the first words of its neighbours and whether the text
    around it runs on across it (a pasted caption splits a sentence).

    ``firsts`` are the blocks' :func:`first_word`.

    >>> from newsclean.model import Span
    >>> bs = [Block(t, 1, Span(0, 1)) for t in ("The mayor said", "A crowd. (AP Photo)", "that")]
    >>> f = edge_features(bs, 1, [first_word(b.text) for b in bs])
    >>> f["runs-on-across"], f["t:ap"] > 0, f["n1:first:that"]
    (1.0, True, 1.0)
    """
    text = blocks[index].text
    tail = sorted({_fold(t) for t in WORD_RE.findall(text[-TAIL_CHARS:])[-TAIL_TOKENS:]})
    scale = 1.0 / math.sqrt(len(tail)) if tail else 0.0
    out: Features = {f"t:{w}": scale for w in tail}
    for name, j in (("p1", index - 1), ("n1", index + 1)):
        if 0 <= j < len(blocks) and firsts[j]:
            out[f"{name}:first:{firsts[j]}"] = 1.0
    if 0 < index < len(blocks) - 1:
        before, after = blocks[index - 1].text.strip(), blocks[index + 1].text.strip()
        if before and after and not ends_sentence(before) and after[0].islower():
            out["runs-on-across"] = 1.0
    return out


@dataclass(frozen=True, slots=True)
class Memo:
    """What describing a block found that another reading of the same page can reuse.

    A checking reading (:func:`settled`) sees most blocks with the same neighbours: their
    words, and the rule signals asked of the same block in an equal neighbourhood (see
    :func:`signal_key`), are found once per page.
    """

    signals: dict[tuple[object, ...], tuple[str, ...]] = field(default_factory=dict)
    lexical: dict[str, Features] = field(default_factory=dict)


def signal_key(block: Block, context: Context) -> tuple[object, ...]:
    """Everything of a block and its neighbourhood that a rule signal reads.

    Signals read the block, the blocks within reach each side, whether the block is outside
    the body, and where it sits against the first full paragraph (before it, the line just
    before it, on it, after it): two neighbourhoods with equal keys give equal answers.

    >>> from newsclean.model import Span
    >>> bs = [Block(t, 1, Span(0, 1)) for t in ("Menu", "Home", "World", "Sport", "Share")]
    >>> key = signal_key(bs[4], context_of(bs, 4))
    >>> far, near = context_of(bs[1:], 3), context_of(bs[2:], 2)  # "Menu", "Home" gone
    >>> key == signal_key(bs[4], far), key == signal_key(bs[4], near)
    (True, False)
    """
    against = max(min(context.index - context.first_body, 1), -2)
    placed = (context.first_body >= 0, context.outside_body, against)
    return (block, context.before, context.after, *placed)


def _signals(
    blocks: Sequence[Block],
    facts: PageFacts,
    index: int,
    wanted: frozenset[str] | None,
    memo: Memo | None = None,
) -> tuple[str, ...]:
    if not READ_SIGNALS or len(blocks[index].text) > SIGNAL_CHARS or wanted == frozenset():
        return ()  # a long block is no heading, and asking costs most on long blocks
    context = context_of(blocks, index, first_body=facts.bounds[0], last_body=facts.bounds[1])
    block = blocks[index]
    if memo is None:
        return _ask(block, context, wanted)
    return _remembered(memo.signals, signal_key(block, context), _ask, block, context, wanted)


def _ask(block: Block, context: Context, wanted: frozenset[str] | None) -> tuple[str, ...]:
    asked = READ_SIGNALS if wanted is None else [s for s in READ_SIGNALS if s[0] in wanted]
    return tuple(name for name, fires in asked if fires(block, context))


def _remembered(
    store: dict[_Key, _Found], key: _Key, find: Callable[..., _Found], *args: Any
) -> _Found:
    """``find(*args)``, found once per ``key`` in ``store`` (a :class:`Memo`'s)."""
    found = store.get(key)
    if found is None:
        found = store[key] = find(*args)
    return found


def _described(block: Block, fired: Sequence[str], full: bool, short: bool) -> Features:
    facts = {
        "full-paragraph": full,
        "headline": block.kind in HEADLINE_KINDS,
        "short-unfinished": short,
        "ends-sentence": ends_sentence(block.text),
        # a title-case line is short; a long block's capitals say nothing (and cost)
        "title-case": len(block.text) <= HEADLINE_CHARS and is_title_case(block.text),
    }
    out = {fact: 1.0 for fact, value in facts.items() if value}
    out.update({f"sig:{s}": 1.0 for s in fired})
    return out


def _own(block: Block, fired: Sequence[str], memo: Memo | None = None) -> Features:
    features = {f"sig:{name}": 1.0 for name in fired}
    if memo is None:
        features.update(lexical_features(block.text))
    else:
        lexical: Features = _remembered(memo.lexical, block.text, lexical_features, block.text)
        features.update(lexical)
    return features


def first_features(
    blocks: Sequence[Block], model: Model | None = None, memo: Memo | None = None
) -> tuple[Features, ...]:
    """Return the first stage's named features of every block, each block described once.

    A block's own facts (signals, shape, words) are found once and reused as its
    neighbours' ``p2:``, ``p1:``, ``n1:`` and ``n2:`` facts. Given a ``model``, only the rule
    signals it weighs are asked (:attr:`Model.signals`); without one, every signal (training).

    >>> from newsclean.model import Span
    >>> f = first_features([Block("Advertisement", 1, Span(0, 13))])[0]
    >>> f["sig:boilerplate:furniture-phrase"], f["first:advertisement"], f["n1:missing"]
    (1.0, 1.0, 1.0)
    """
    return tuple(each_first_features(blocks, model, memo))


def each_first_features(
    blocks: Sequence[Block], model: Model | None = None, memo: Memo | None = None
) -> Iterator[Features]:
    """Yield :func:`first_features` one block at a time (a caller need not keep every dict).

    >>> from newsclean.model import Span
    >>> [f["index:0"] for f in each_first_features([Block("Advertisement", 1, Span(0, 13))])]
    [1.0]
    """
    facts = page_facts(blocks)
    wanted = model.first.signals if model else None
    fired = [_signals(blocks, facts, i, wanted, memo) for i in range(len(blocks))]
    about = [_described(b, fired[i], facts.full[i], facts.short[i]) for i, b in enumerate(blocks)]
    firsts = [first_word(b.text) for b in blocks]
    for index, block in enumerate(blocks):
        features = _own(block, fired[index], memo)
        features.update(edge_features(blocks, index, firsts))
        features.update(about[index])
        features.update(position_features(facts, index, len(blocks)))
        features.update(context_features(blocks, facts, index))
        for name, offset in NEIGHBOURS:
            j = index + offset
            if 0 <= j < len(blocks):
                features.update({f"{name}:{k}": v for k, v in about[j].items()})
            else:
                features[f"{name}:missing"] = 1.0
        yield {k: v for k, v in features.items() if v}


def second_features(
    first: Sequence[Features], probs: Sequence[Sequence[float]], kinds: Sequence[Kind]
) -> tuple[Features, ...]:
    """Describe each block by the first stage's probabilities for it and its neighbours.

    The second stage reads only these (stacking): the first stage's verdict on the block and
    the verdicts around it, so a short line between two paragraphs or a run of furniture is
    seen as a whole.

    >>> f = second_features([{"x": 1.0}, {}], [[0.9, 0.1], [0.2, 0.8]], ["paragraph", "caption"])
    >>> f[0]["s2:n1:caption"], f[1]["s2:n1:missing"], "x" in f[0]
    (0.8, 1.0, False)
    """
    out = []
    for index, _ in enumerate(first):
        row: Features = {}
        for name, offset in (("self", 0), *NEIGHBOURS):
            j = index + offset
            if not 0 <= j < len(first):
                row[f"s2:{name}:missing"] = 1.0
                continue
            row.update({f"s2:{name}:{k}": p for k, p in zip(kinds, probs[j], strict=True)})
        row.update(_stacked(probs, index, kinds))
        out.append(row)
    return tuple(out)


def _stacked(probs: Sequence[Sequence[float]], index: int, kinds: Sequence[Kind]) -> Features:
    # the block's own log-odds (probabilities flatten near 0 and 1) and the "same kind on
    # both sides" products a linear model cannot form from the neighbours' numbers alone
    out = {f"s2:log:{k}": math.log(max(p, 1e-6)) for k, p in zip(kinds, probs[index], strict=True)}
    if 0 < index < len(probs) - 1:
        before, after = probs[index - 1], probs[index + 1]
        out.update({f"s2:both:{k}": before[i] * after[i] for i, k in enumerate(kinds)})
    return out


# --- scoring -----------------------------------------------------------------------------


def softmax(scores: Sequence[float]) -> tuple[float, ...]:
    """Turn scores into probabilities that sum to 1.

    >>> softmax([0.0, 0.0])
    (0.5, 0.5)
    """
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return tuple(e / total for e in exps)


def stage_probabilities(stage: Stage, features: Mapping[str, float]) -> tuple[float, ...]:
    """Score one block's features with one stage; a name the stage lacks weighs nothing.

    >>> s = make_stage((0.0, 0.0), {"f": (0.0, 2.0)})
    >>> [round(p, 2) for p in stage_probabilities(s, {"f": 1.0, "unknown": 5.0})]
    [0.12, 0.88]
    """
    if len(stage.bias) == FOUR:
        return softmax(_four_logits(stage, features))
    get = stage.table.get
    found = [(row, value) for name, value in features.items() if (row := get(name)) is not None]
    return softmax([b + sum(row[k] * v for row, v in found) for k, b in enumerate(stage.bias)])


def _four_logits(stage: Stage, features: Mapping[str, float]) -> list[float]:
    # the shipped model's case: the rows are looked up in one C-level pass
    rows = map(stage.table.get, features)
    return _accumulate(stage.bias, zip(rows, features.values(), strict=True))


def _accumulate(
    bias: Sequence[float], pairs: Iterable[tuple[Sequence[float] | None, float]]
) -> list[float]:
    # unrolled for four kinds: this loop is most of the labeller's own time
    a, b, c, d = bias
    for row, value in pairs:
        if row is not None:
            w, x, y, z = row
            a += w * value
            b += x * value
            c += y * value
            d += z * value
    return [a, b, c, d]


def explain(
    stage: Stage, features: Mapping[str, float], k: int, top: int = WHY_TOP
) -> tuple[str, ...]:
    """Name the features that pushed kind number ``k`` up most against the other kinds' mean.

    >>> s = make_stage((0.0, 0.0), {"f": (0.0, 2.0), "g": (1.0, 0.0)})
    >>> explain(s, {"f": 1.0, "g": 1.0}, 1)
    ('f',)
    """
    column = stage.columns[k] if stage.columns else _negated(stage, k)
    # C-level lookups (a name the stage lacks pulls 0.0): this runs once per labelled block
    keys = map(operator.mul, map(column.get, features, itertools.repeat(0.0)), features.values())
    # a key below 0 is a push up; ties go by name, as the keys are (key, name) pairs
    pushes = [pair for pair in zip(keys, features, strict=False) if pair[0] < 0]
    return tuple(name for _, name in sorted(pushes)[:top])


def _negated(stage: Stage, k: int) -> Mapping[str, float]:
    # a Stage built by hand, without make_stage
    return {n: -row[k] for n, row in stage.centred.items()}


@dataclass(frozen=True, slots=True)
class PackedFeatures(Sequence[Features]):
    """Blocks' features kept as names and values, each block's dict rebuilt when asked for.

    A page's features held as dicts cost about 20 bytes per byte of text; as tuples whose
    names are the model's own strings (:attr:`Stage.names`), a few.

    >>> packed = pack_features([{"w:photo": 0.5}], {})
    >>> packed[0], len(packed)
    ({'w:photo': 0.5}, 1)
    """

    names: tuple[tuple[str, ...], ...]
    values: tuple[tuple[float, ...], ...]

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, index: int) -> Features: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Features]: ...
    def __getitem__(self, index: int | slice) -> Features | Sequence[Features]:
        if isinstance(index, slice):
            return tuple(map(_unpacked, self.names[index], self.values[index]))
        return _unpacked(self.names[index], self.values[index])

    def __iter__(self) -> Iterator[Features]:
        return map(_unpacked, self.names, self.values)


def _unpacked(names: Sequence[str], values: Sequence[float]) -> Features:
    return dict(zip(names, values, strict=True))


def pack_features(features: Iterable[Features], names: Mapping[str, str]) -> PackedFeatures:
    """Keep ``features`` as :class:`PackedFeatures`, a name found in ``names`` as its value."""
    kept_names, kept_values = [], []
    for block in features:
        kept_names.append(tuple(map(names.get, block, block)))
        kept_values.append(tuple(block.values()))
    return PackedFeatures(tuple(kept_names), tuple(kept_values))


@dataclass(frozen=True, slots=True)
class Scored:
    """The labeller's verdict on a page: each block's probabilities and explaining features."""

    probs: tuple[tuple[float, ...], ...]
    features: Sequence[Features]


def score_page(
    blocks: Sequence[Block],
    model: Model | None = None,
    first: Sequence[Features] = (),
    memo: Memo | None = None,
) -> Scored:
    """Run both stages over a page's blocks (headlines included, as context).

    ``first`` are the blocks' :func:`first_features` when the caller has them already;
    ``memo`` what an earlier reading of the page found (not kept for long pages). A page
    of more than ``PACK_BLOCKS`` blocks is scored block by block as its features are made,
    and keeps them packed, so its memory grows by a few bytes per byte of text, not ~20.
    """
    m = model or load_model()
    if len(blocks) > PACK_BLOCKS and not first:
        probs1, first = _first_stage(blocks, m)
    else:
        first = tuple(first) or first_features(blocks, m, memo)
        probs1 = tuple(stage_probabilities(m.first, f) for f in first)
    if not m.second.table:
        return Scored(probs1, first)  # a one-stage model
    if len(m.kinds) == FOUR:
        return Scored(second_probabilities(m.second, probs1, m.kinds), first)
    second = second_features(first, probs1, m.kinds)
    return Scored(tuple(stage_probabilities(m.second, f) for f in second), first)


def _first_stage(
    blocks: Sequence[Block], m: Model
) -> tuple[tuple[tuple[float, ...], ...], PackedFeatures]:
    # each block scored as its features are made, then packed: a page never holds every dict
    probs = []

    def scored(features: Features) -> Features:
        probs.append(stage_probabilities(m.first, features))
        return features

    packed = pack_features(map(scored, each_first_features(blocks, m)), m.first.names)
    return tuple(probs), packed


@dataclass(frozen=True, slots=True)
class _SecondRows:
    """The second stage's weight rows for :func:`second_features`' names, looked up once."""

    missing: tuple[Sequence[float] | None, ...]  # per position (self, then NEIGHBOURS)
    seen: tuple[tuple[Sequence[float] | None, ...], ...]  # per position, per kind
    log: tuple[Sequence[float] | None, ...]
    both: tuple[Sequence[float] | None, ...]


def _second_rows(stage: Stage, kinds: Sequence[Kind]) -> _SecondRows:
    get = stage.table.get
    names = ("self", *(name for name, _ in NEIGHBOURS))
    return _SecondRows(
        missing=tuple(get(f"s2:{n}:missing") for n in names),
        seen=tuple(tuple(get(f"s2:{n}:{k}") for k in kinds) for n in names),
        log=tuple(get(f"s2:log:{k}") for k in kinds),
        both=tuple(get(f"s2:both:{k}") for k in kinds),
    )


def second_probabilities(
    stage: Stage, probs: Sequence[Sequence[float]], kinds: Sequence[Kind]
) -> tuple[tuple[float, ...], ...]:
    """Score :func:`second_features` of every block without building them (same sums, same order).

    >>> s = make_stage((0.0,) * 4, {"s2:self:caption": (0.0, 0.0, 4.0, 0.0)})
    >>> [round(p, 2) for p in second_probabilities(s, [(0.0, 0.0, 1.0, 0.0)], LEARNED_KINDS)[0]]
    [0.02, 0.02, 0.95, 0.02]
    """
    rows = _second_rows(stage, kinds)
    offsets = (0, *(offset for _, offset in NEIGHBOURS))
    out = []
    for index, own in enumerate(probs):
        pairs: list[tuple[Sequence[float] | None, float]] = []
        for missing, seen, offset in zip(rows.missing, rows.seen, offsets, strict=True):
            j = index + offset
            if 0 <= j < len(probs):
                pairs.extend(zip(seen, probs[j], strict=True))
            else:
                pairs.append((missing, 1.0))
        pairs.extend(zip(rows.log, [math.log(max(p, 1e-6)) for p in own], strict=True))
        if 0 < index < len(probs) - 1:
            both = map(operator.mul, probs[index - 1], probs[index + 1])
            pairs.extend(zip(rows.both, both, strict=False))
        out.append(softmax(_accumulate(stage.bias, pairs)))
    return tuple(out)


def probabilities(
    blocks: Sequence[Block], model: Model | None = None
) -> tuple[Mapping[Kind, float], ...]:
    """Return each block's probability per kind; a headline block is its own kind, surely.

    ``blocks`` are a page's blocks after :func:`newsclean.blocks.headlines.split_headlines`
    (or any labelled blocks: only the headline kinds are read). Pure: the same blocks give
    the same numbers.

    >>> from newsclean.model import Span
    >>> p = probabilities([Block("Advertisement", 1, Span(0, 13))])[0]
    >>> max(p, key=p.__getitem__), round(sum(p.values()), 6)
    ('boilerplate', 1.0)
    """
    m = model or load_model()
    scored = score_page(blocks, m)
    return tuple(
        MappingProxyType({b.kind: 1.0})
        if b.kind in HEADLINE_KINDS
        else MappingProxyType(dict(zip(m.kinds, p, strict=True)))
        for b, p in zip(blocks, scored.probs, strict=True)
    )


def _is_plain_prose(features: Features) -> bool:
    return _guarded(features) and not any(n.startswith("sig:boilerplate:") for n in features)


def _guarded(features: Features) -> bool:
    # a full paragraph, or the last block read: where the model's "pages end in furniture"
    # prior speaks loudest, and where a cleaned text read again ends
    return features.get("full-paragraph", 0.0) > 0 or features.get(LAST_FEATURE, 0.0) > 0


def choose(probs: Sequence[float], features: Features, kinds: Sequence[Kind]) -> int:
    """Pick the most probable kind, but keep a full paragraph, or the last block read, on
    which no furniture signal fires as prose unless the model is ``SURE_FURNITURE`` sure it
    is boilerplate.

    Real pages nearly always end in furniture, so the model leans on "last block" evidence;
    a short article whose last block is a plain paragraph must not lose it on that alone,
    nor a cleaned article its last line each time it is cleaned again.

    >>> choose([0.3, 0.0, 0.0, 0.7], {"full-paragraph": 1.0}, LEARNED_KINDS)
    0
    >>> choose([0.3, 0.0, 0.0, 0.7], {"full-paragraph": 1.0, "sig:boilerplate:promo": 1.0},
    ...     LEARNED_KINDS)
    3
    >>> choose([0.3, 0.0, 0.0, 0.7], {LAST_FEATURE: 1.0}, LEARNED_KINDS)
    0
    """
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    k = order[0]
    furniture = kinds[k] == "boilerplate" and probs[k] < SURE_FURNITURE
    if furniture and len(order) > 1 and _is_plain_prose(features):
        return order[1]
    return k


def _decide(
    block: Block, probs: Sequence[float], features: Features, m: Model, shown_why: bool = True
) -> Block:
    k = choose(probs, features, m.kinds)
    kind = m.kinds[k]
    match = LABEL_RE.match(block.text) if kind == "caption" else None
    # a checking reading keeps only what it hides: a block it shows needs no explanation
    quiet = not shown_why and kind in SHOWN_KINDS
    why = ("learned",) if quiet else ("learned", *explain(m.first, features, k))
    return replace(block, kind=kind, why=why, label=match["label"] if match else None)


def label_prepared(
    blocks: Sequence[Block],
    first: Sequence[Features] = (),
    model: Model | None = None,
    top: Sequence[Block] | None = None,
) -> tuple[Block, ...]:
    """Label ``blocks`` (headlines found) given their :func:`first_features`, if known.

    The near-certain rules go first and decide alone (a reader-comment section is furniture:
    ``boilerplate.RULES``); every other block not a headline gets its most probable kind,
    with ``why`` = ``learned`` and the features that pushed that kind most. The labels are
    then :func:`settled` (``top`` as there): a cleaned text read again keeps what it shows.
    """
    m = model or load_model()
    memo = Memo() if len(blocks) <= PACK_BLOCKS else None  # a long page keeps memory low
    return settled(blocks, _label_once(blocks, first, m, memo=memo), m, top, memo)


def _label_once(
    blocks: Sequence[Block],
    first: Sequence[Features],
    m: Model,
    shown_why: bool = True,
    memo: Memo | None = None,
) -> tuple[Block, ...]:
    ruled = tuple(blocks)
    for rule in boilerplate.RULES:
        ruled = rule(ruled)
    scored = score_page(blocks, m, first, memo)
    bounds = body_bounds(blocks)  # once: asking each doubted block would cost a pass each
    features = (
        with_furniture_signals(blocks, i, f, bounds) if _doubted(p, f, m.kinds) else f
        for i, (p, f) in enumerate(zip(scored.probs, scored.features, strict=True))
    )
    out = tuple(
        r if r.kind in HEADLINE_KINDS or r.why else _decide(b, p, f, m, shown_why)
        for b, r, p, f in zip(blocks, ruled, scored.probs, features, strict=True)
    )
    return keep_some_body(out, scored.probs, m.kinds)


#: The kinds a cleaned text keeps (text output, the JSON Lines text field): what a second
#: reading of it sees. An alt_headline, a caption and boilerplate are left out.
SHOWN_KINDS: frozenset[Kind] = frozenset({"headline", *BODY_KINDS})


#: Readings :func:`settled` makes at most, so that the work stays linear in the page: a run
#: of furniture-like lines at an edge can lose a line or two per reading. Measured on 1,370
#: real pages (train-pages, dev-corpus, corpus): 99.6 % settle within 4; 3 pages do not.
MAX_READINGS = 4


def settled(
    blocks: Sequence[Block],
    labelled: Sequence[Block],
    model: Model | None = None,
    top: Sequence[Block] | None = None,
    memo: Memo | None = None,
) -> tuple[Block, ...]:
    """Return ``labelled`` (the labels of ``blocks``) with every shown block taken out that
    a reading of the shown blocks alone takes out, until a reading takes out none.

    Labels depend on neighbours and on where the body ends: without the furniture after
    it, a short last paragraph is read as the page's last line, and cleaning the clean
    text would take it out. Settling takes it out the first time, so a second cleaning
    changes nothing. ``top`` are the blocks a cleaned text shows in place of the first
    headline (the headline without its site suffix, the ``site:`` line; default: that
    block as it is). The shown blocks only shrink; after :data:`MAX_READINGS` readings what
    is left stays shown.

    >>> from newsclean.model import Span
    >>> full = "The council met on Tuesday and voted to close the harbour road for good."
    >>> blocks = [Block(full, 1, Span(0, 72)), Block("Share this", 3, Span(74, 84))]
    >>> [b.kind for b in settled(blocks, label_blocks_learned(blocks))]
    ['paragraph', 'boilerplate']
    """
    m = model or load_model()
    out = list(labelled)
    texts = [b.text for b in blocks]
    for _ in range(MAX_READINGS):
        indices, view = _second_reading(blocks, out, top)
        if [b.text for b in view] == texts:
            break  # nothing left out: the second reading is this one
        again = _label_once(view, (), m, shown_why=False, memo=memo)
        pairs = zip(indices, again, strict=True)
        hidden = [(i, b) for i, b in pairs if i is not None and b.kind not in SHOWN_KINDS]
        if not hidden:
            break
        for i, block in hidden:
            out[i] = block
    return tuple(out)


def _second_reading(
    blocks: Sequence[Block], labelled: Sequence[Block], top: Sequence[Block] | None
) -> tuple[list[int | None], tuple[Block, ...]]:
    """The blocks a reading of the shown blocks sees, headlines found again as
    :func:`newsclean.article.parse_article` finds them, each with its index in ``blocks``
    (None for a block of ``top``, which replaces the first headline)."""
    indices: list[int | None] = []
    view: list[Block] = []
    first = next((i for i, b in enumerate(labelled) if b.kind == "headline"), None)
    for i, (block, label) in enumerate(zip(blocks, labelled, strict=True)):
        if i == first and top is not None:
            indices.extend([None] * len(top))
            view.extend(top)
        elif label.kind in SHOWN_KINDS:
            indices.append(i)
            view.append(block)
    plain = [replace(b, kind="paragraph", why=(), label=None) for b in view]
    return indices, split_headlines(plain, skip=is_top_furniture).blocks


def _doubted(probs: Sequence[float], features: Features, kinds: Sequence[Kind]) -> bool:
    # a full paragraph the model calls furniture, but not surely: choose() asks its signals
    k = max(range(len(probs)), key=probs.__getitem__)
    furniture = kinds[k] == "boilerplate" and probs[k] < SURE_FURNITURE
    return furniture and _guarded(features)


def with_furniture_signals(
    blocks: Sequence[Block],
    index: int,
    features: Features,
    bounds: tuple[int, int] | None = None,
) -> Features:
    """Add to a block's ``features`` the furniture signals that fire on ``blocks[index]``.

    The model need not read them: :func:`choose` does, for the few full paragraphs the model
    doubts, so they are found for those blocks only. ``bounds`` are the blocks'
    :func:`~newsclean.blocks.shape.body_bounds`, when the caller asks for many blocks.

    >>> from newsclean.model import Span
    >>> with_furniture_signals([Block("Advertisement", 1, Span(0, 13))], 0, {})
    {'sig:boilerplate:furniture-phrase': 1.0}
    """
    first_body, last_body = bounds or body_bounds(blocks)
    context = context_of(blocks, index, first_body=first_body, last_body=last_body)
    block = blocks[index]
    fired = {f"sig:{name}": 1.0 for name, fires in FURNITURE_SIGNALS if fires(block, context)}
    return {**features, **fired}


def keep_some_body(
    blocks: Sequence[Block], probs: Sequence[Sequence[float]], kinds: Sequence[Kind]
) -> tuple[Block, ...]:
    """Give a page the model left without body its likeliest paragraph back.

    A text is an article: one whose every block came out furniture (a lone paragraph, the
    body of an article cleaned once already) keeps the block the model finds most like body,
    of those on which no furniture signal fires (a share bar stays furniture).

    >>> from newsclean.model import Span
    >>> b = (Block("Floods close the road.", 1, Span(0, 22), "boilerplate", why=("learned",)),)
    >>> keep_some_body(b, [(0.4, 0.0, 0.0, 0.6)], LEARNED_KINDS)[0].kind
    'paragraph'
    >>> b = (Block("Share this", 1, Span(0, 10), "boilerplate", why=("learned",)),)
    >>> keep_some_body(b, [(0.4, 0.0, 0.0, 0.6)], LEARNED_KINDS)[0].kind
    'boilerplate'
    """
    if "paragraph" not in kinds or any(b.kind == "paragraph" for b in blocks):
        return tuple(blocks)
    k = kinds.index("paragraph")
    bounds = body_bounds(blocks)
    free = [
        i
        for i, b in enumerate(blocks)
        if b.why[:1] == ("learned",) and not with_furniture_signals(blocks, i, {}, bounds)
    ]
    if not free:
        return tuple(blocks)
    best = max(free, key=lambda i: probs[i][k])
    kept = replace(blocks[best], kind="paragraph", label=None, why=("learned", "only-body"))
    return (*blocks[:best], kept, *blocks[best + 1 :])


def label_blocks_learned(
    blocks: Sequence[Block], model: Model | None = None, top: Sequence[Block] | None = None
) -> tuple[Block, ...]:
    """Label every block not already a headline: near-certain rules first, then the model;
    ``top`` as :func:`settled` reads it.

    >>> from newsclean.model import Span
    >>> full = "The council met on Tuesday and voted to close the harbour road for good."
    >>> blocks = [Block(full, 1, Span(0, 72)), Block("Share this", 3, Span(74, 84))]
    >>> [b.kind for b in label_blocks_learned(blocks)]
    ['paragraph', 'boilerplate']
    """
    blocks = require_blocks(blocks, "label_blocks_learned")
    return label_prepared(blocks, (), model, None if top is None else tuple(top))


def signal_feature(signal: Signal, kind: Kind) -> str:
    """The feature name a rule signal of ``kind``'s module gets.

    >>> from newsclean.classify.captions import SIGNALS
    >>> signal_feature(SIGNALS[0], "caption").startswith("sig:caption:")
    True
    """
    return f"sig:{kind}:{signal.name}"
