"""Scorer: a small multinomial logistic regression over the named block features.

Each body kind has a bias and, per feature name of :mod:`newsclean.learn.features`, a weight;
a block's score for a kind is the weighted sum of its features, turned into probabilities by
softmax. The weights live in ``newsclean/learn/weights.json`` (written by ``bench/train.py``),
keyed by feature name: a feature the table does not name (a signal added since training)
weighs nothing, and a weight for a feature no longer emitted is never used, so a signal
change needs no retraining to keep working (:func:`weight_drift` says what to retrain).
Every decision can be explained by the features that pushed it most, and nothing but the
standard library runs at score time. Not on the ``parse_article`` path.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from newsclean.blocks.shape import body_bounds, context_of
from newsclean.classify import boilerplate, captions
from newsclean.classify.boilerplate import comment_section, comments_start, is_boilerplate
from newsclean.classify.captions import LABEL_RE, is_caption
from newsclean.classify.layout import apply_layout
from newsclean.classify.signal import fired, names
from newsclean.learn.features import block_features, feature_names
from newsclean.model import HEADLINE_KINDS, Block, Kind

#: The kinds the scorer chooses among (headlines are found by :mod:`newsclean.blocks.headlines`).
SCORED_KINDS: tuple[Kind, ...] = ("paragraph", "subheading", "caption", "boilerplate")
#: The classifiers whose decisions may overrule the scorer, with their signals.
RULED = ((is_boilerplate, boilerplate.SIGNALS), (is_caption, captions.SIGNALS))
#: Rule signals specific enough to overrule the scorer (a "Pictured:" opening, a share bar):
#: the ``strong`` signals of the classifiers in ``RULED``.
STRONG_SIGNALS = names(s for _, signals in RULED for s in signals if s.strong)
#: The scorer overrules a rule's label only when it is at least this sure of another kind.
CONFIDENT = 0.8


@dataclass(frozen=True, slots=True)
class Weights:
    """A trained weight table keyed by feature name: per kind a bias, and for each feature
    name its weight for each kind (in the order of ``kinds``)."""

    kinds: tuple[Kind, ...]
    bias: tuple[float, ...]
    table: Mapping[str, tuple[float, ...]]  # table[name][k]: weight of feature name for kinds[k]
    about: Mapping[str, Any]

    @property
    def features(self) -> tuple[str, ...]:
        """The feature names weighed, in the table's order."""
        return tuple(self.table)

    def weight(self, kind: Kind, feature: str) -> float:
        """The weight of ``feature`` for ``kind``: 0.0 for a feature the table does not name."""
        row = self.table.get(feature)
        return 0.0 if row is None else row[self.kinds.index(kind)]


def _check_kinds(kinds: Sequence[str]) -> None:
    unknown = set(kinds) - set(SCORED_KINDS)
    if unknown:
        raise ValueError(f"weights name kinds the scorer cannot give: {sorted(unknown)}")


def make_weights(
    kinds: Sequence[Kind],
    bias: Sequence[float],
    table: Mapping[str, Sequence[float]],
    about: Mapping[str, Any] | None = None,
) -> Weights:
    """Build a frozen :class:`Weights`, refusing kinds the scorer cannot give.

    >>> w = make_weights(["paragraph", "caption"], [0.0, 0.5], {"f": [1.0, -1.0]})
    >>> w.weight("caption", "f"), w.weight("caption", "new-signal")
    (-1.0, 0.0)
    """
    _check_kinds(kinds)
    rows = {name: tuple(float(w) for w in row) for name, row in table.items()}
    if any(len(row) != len(kinds) for row in rows.values()):
        raise ValueError(f"every feature needs one weight per kind: {list(kinds)}")
    return Weights(tuple(kinds), tuple(float(b) for b in bias), MappingProxyType(rows), about or {})


def weights_from_data(data: Mapping[str, Any]) -> Weights:
    """Build :class:`Weights` from the JSON layout of ``weights.json``.

    ``features`` gives the names in order; a name a kind's weights leave out weighs 0.0.

    >>> w = weights_from_data({"kinds": ["paragraph", "caption"], "features": ["f"],
    ...     "bias": {"paragraph": 0.5, "caption": 0.0},
    ...     "weights": {"paragraph": {"f": 1.0}, "caption": {"f": -1.0}}})
    >>> dict(w.table)
    {'f': (1.0, -1.0)}
    """
    kinds = tuple(data["kinds"])
    _check_kinds(kinds)
    table = {f: [data["weights"][k].get(f, 0.0) for k in kinds] for f in data["features"]}
    about = {k: v for k, v in data.items() if k not in ("bias", "weights")}
    return make_weights(kinds, [data["bias"][k] for k in kinds], table, about)


@cache
def load_weights() -> Weights:
    """Load the packaged ``weights.json`` once.

    >>> "paragraph" in load_weights().kinds
    True
    """
    text = resources.files("newsclean.learn").joinpath("weights.json").read_text(encoding="utf-8")
    return weights_from_data(json.loads(text))


def _logits(features: Mapping[str, float], weights: Weights) -> list[float]:
    # only the table's names are looked up: an unknown feature weighs nothing
    present = [(row, x) for name, row in weights.table.items() if (x := features.get(name, 0.0))]
    return [bias + sum(row[k] * x for row, x in present) for k, bias in enumerate(weights.bias)]


def softmax(scores: Sequence[float]) -> list[float]:
    """Turn scores into probabilities that sum to 1.

    >>> softmax([0.0, 0.0])
    [0.5, 0.5]
    """
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def score_block(features: Mapping[str, float], weights: Weights | None = None) -> dict[Kind, float]:
    """Return the probability of each scored kind for a block's features.

    >>> w = weights_from_data({"kinds": ["paragraph", "caption"], "features": ["f"],
    ...     "bias": {"paragraph": 0.0, "caption": 0.0},
    ...     "weights": {"paragraph": {"f": 0.0}, "caption": {"f": 2.0}}})
    >>> probs = score_block({"f": 1.0}, w)
    >>> max(probs, key=probs.__getitem__)
    'caption'
    """
    table = weights or load_weights()
    probs = softmax(_logits(features, table))
    return dict(zip(table.kinds, probs, strict=True))


def best_kind(features: Mapping[str, float], weights: Weights | None = None) -> Kind:
    """Return the most probable kind for a block's features."""
    probs = score_block(features, weights)
    return max(probs, key=probs.__getitem__)


def explain(
    features: Mapping[str, float], kind: Kind, top: int = 3, weights: Weights | None = None
) -> tuple[str, ...]:
    """Name the features that pushed ``kind`` up most against the other kinds' average.

    A feature's push is its value times how much its weight for ``kind`` exceeds its mean
    weight over all kinds; only positive pushes are named, strongest first.

    >>> w = weights_from_data({"kinds": ["paragraph", "caption"], "features": ["f", "g"],
    ...     "bias": {"paragraph": 0.0, "caption": 0.0},
    ...     "weights": {"paragraph": {"f": 0.0, "g": 1.0}, "caption": {"f": 2.0, "g": 0.0}}})
    >>> explain({"f": 1.0, "g": 1.0}, "caption", weights=w)
    ('f',)
    """
    table = weights or load_weights()
    k = table.kinds.index(kind)
    pushes = []
    for name, row in table.table.items():
        value = features.get(name, 0.0)
        if value:
            mean = sum(row) / len(row)
            pushes.append(((row[k] - mean) * value, name))
    ranked = sorted((p for p in pushes if p[0] > 0), key=lambda p: (-p[0], p[1]))
    return tuple(name for _, name in ranked[:top])


def _rule_decision(
    block: Block, blocks: Sequence[Block], index: int, bounds: tuple[int, int]
) -> Block | None:
    context = context_of(blocks, index, first_body=bounds[0], last_body=bounds[1])
    for decide, _ in RULED:
        decision = decide(block, context)
        if decision and STRONG_SIGNALS & set(decision.why):
            return replace(
                block, kind=decision.kind or "paragraph", why=decision.why, label=decision.label
            )
    return None


def score_one(
    blocks: Sequence[Block], index: int, bounds: tuple[int, int], weights: Weights | None = None
) -> Block:
    """Label ``blocks[index]`` by the scorer alone; ``why`` is ``scored`` and its top features.

    >>> from newsclean.model import Span
    >>> score_one([Block("Share this", 1, Span(0, 10))], 0, (-1, -1)).why[0]
    'scored'
    """
    block = blocks[index]
    features = block_features(blocks, index, bounds)
    kind = best_kind(features, weights)
    match = LABEL_RE.match(block.text) if kind == "caption" else None
    why = ("scored", *explain(features, kind, weights=weights))
    return replace(block, kind=kind, why=why, label=match["label"] if match else None)


def label_blocks_scored(
    blocks: Sequence[Block], weights: Weights | None = None
) -> tuple[Block, ...]:
    """Label every block not already a headline: strong rule signals first, else the scorer.

    Headlines stay as :func:`newsclean.blocks.headlines.split_headlines` left them; a reader-comment
    section is boilerplate as in :func:`newsclean.classify.run.label_blocks`; a block on which a
    strong boilerplate or caption signal fires (see ``STRONG_SIGNALS``) keeps the rule's
    decision; every other block gets the scorer's most probable kind. The layout pass runs last.

    >>> from newsclean.model import Span
    >>> [b.kind for b in label_blocks_scored([Block("Share this", 1, Span(0, 10))])]
    ['boilerplate']
    """
    comments = comments_start(blocks)
    bounds = body_bounds(blocks)
    out = []
    for index, block in enumerate(blocks):
        if block.kind in HEADLINE_KINDS:
            out.append(block)
        elif comments is not None and index >= comments:
            out.append(replace(block, kind="boilerplate", why=(comment_section.name,)))
        else:
            ruled = _rule_decision(block, blocks, index, bounds)
            out.append(ruled or score_one(blocks, index, bounds, weights))
    return apply_layout(out)


def unlabelled(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Reset every non-headline block to an unexplained paragraph, as the scorer was trained.

    >>> from newsclean.model import Span
    >>> unlabelled([Block("Share", 1, Span(0, 5), "boilerplate", why=("x",))])[0].kind
    'paragraph'
    """
    return tuple(
        b if b.kind in HEADLINE_KINDS else replace(b, kind="paragraph", why=(), label=None)
        for b in blocks
    )


def rescore_confident(
    labelled: Sequence[Block], threshold: float = CONFIDENT, weights: Weights | None = None
) -> tuple[Block, ...]:
    """Keep the rules' labels, except where the scorer is at least ``threshold`` sure of another.

    ``labelled`` is the rules' output (:func:`newsclean.classify.run.label_blocks`). Headlines and
    the reader-comment section are never touched. An overruled block keeps the rule's ``why``
    and adds ``scorer-overrode`` and the scorer's top features.

    >>> from newsclean.model import Span
    >>> [b.kind for b in rescore_confident([Block("Share this", 1, Span(0, 10), "boilerplate")])]
    ['boilerplate']
    """
    base = unlabelled(labelled)
    bounds = body_bounds(base)
    out = []
    for index, block in enumerate(labelled):
        if block.kind in HEADLINE_KINDS or fired(block, comment_section):
            out.append(block)
            continue
        features = block_features(base, index, bounds)
        probs = score_block(features, weights)
        kind = max(probs, key=probs.__getitem__)
        if kind == block.kind or probs[kind] < threshold:
            out.append(block)
            continue
        why = (*block.why, "scorer-overrode", *explain(features, kind, weights=weights))
        out.append(replace(block, kind=kind, why=why, label=None))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Drift:
    """How a weight table and today's features differ: ``missing`` names are emitted but not
    weighed (they weigh 0 until retrained), ``stale`` names are weighed but no longer emitted
    (their weights are ignored)."""

    missing: tuple[str, ...]
    stale: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.missing or self.stale)


def weight_drift(weights: Weights | None = None, names: Sequence[str] | None = None) -> Drift:
    """Compare a weight table (the packaged one by default) with the feature names emitted
    today (:func:`newsclean.learn.features.feature_names` by default).

    >>> w = make_weights(["paragraph", "caption"], [0.0, 0.0], {"f": [1.0, 0.0], "g": [0.0, 1.0]})
    >>> weight_drift(w, ["f", "new-signal"])
    Drift(missing=('new-signal',), stale=('g',))
    """
    table = weights or load_weights()
    emitted = feature_names() if names is None else tuple(names)
    known = set(emitted)
    return Drift(
        missing=tuple(n for n in emitted if n not in table.table),
        stale=tuple(n for n in table.table if n not in known),
    )
