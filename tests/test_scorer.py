"""The block scorer: the packaged weights, scores, explanations and combined labelling."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text

from newsclean.blocks.shape import body_bounds
from newsclean.learn.features import block_features, feature_names
from newsclean.learn.scorer import (
    SCORED_KINDS,
    Drift,
    explain,
    label_blocks_scored,
    load_weights,
    make_weights,
    rescore_confident,
    score_block,
    softmax,
    weight_drift,
    weights_from_data,
)
from newsclean.model import Block, Span

PARA = (
    "The lighthouse keepers' union said on Friday that the last two staffed towers on the "
    "coast would close in the autumn, ending a job that has outlasted radar."
)
LATER = (
    "Both towers were built in the 1870s, and their lamps were turned by clockwork until "
    "the keepers fitted electric motors a century later."
)
TINY = {
    "kinds": ["paragraph", "caption"],
    "features": ["f", "g"],
    "bias": {"paragraph": 0.0, "caption": 0.0},
    "weights": {"paragraph": {"f": 0.0, "g": 1.0}, "caption": {"f": 2.0, "g": 0.0}},
}


def page(*texts: str) -> list[Block]:
    return [Block(t, i + 1, Span(0, len(t))) for i, t in enumerate(texts)]


def test_packaged_weights_load() -> None:
    # Not "cover every feature": a signal added since training weighs 0 until retrained,
    # and bench/train.py reports it (weight_drift).
    weights = load_weights()
    assert set(weights.kinds) == set(SCORED_KINDS)
    assert set(weights.features) & set(feature_names())
    assert all(math.isfinite(w) for row in weights.table.values() for w in (*row, *weights.bias))


def test_unknown_feature_weighs_nothing() -> None:
    tiny = weights_from_data(TINY)
    assert tiny.weight("caption", "new-signal") == 0.0
    with_new = score_block({"f": 1.0, "new-signal": 1.0}, tiny)
    assert with_new == score_block({"f": 1.0}, tiny)
    assert "new-signal" not in explain({"f": 1.0, "new-signal": 5.0}, "caption", weights=tiny)


def test_weight_for_a_gone_feature_is_ignored() -> None:
    gone = {
        **TINY,
        "features": ["f", "g", "gone"],
        "weights": {"paragraph": {"f": 0.0, "g": 1.0, "gone": 9.0}, "caption": {"f": 2.0}},
    }
    features = {"f": 1.0, "g": 0.5}
    assert score_block(features, weights_from_data(gone)) == score_block(
        features, weights_from_data(TINY)
    )


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param(("f", "g"), Drift((), ()), id="covered"),
        pytest.param(("f", "g", "new"), Drift(("new",), ()), id="missing"),
        pytest.param(("f",), Drift((), ("g",)), id="stale"),
        pytest.param(("g", "h"), Drift(("h",), ("f",)), id="renamed"),
    ],
)
def test_weight_drift(names: tuple[str, ...], expected: Drift) -> None:
    drift = weight_drift(weights_from_data(TINY), names)
    assert drift == expected
    assert bool(drift) is bool(expected.missing or expected.stale)


def test_packaged_weight_drift_names_real_features() -> None:
    drift = weight_drift()
    assert set(drift.missing) <= set(feature_names())
    assert not set(drift.stale) & set(feature_names())


def test_a_row_per_kind_is_required() -> None:
    with pytest.raises(ValueError, match="one weight per kind"):
        make_weights(["paragraph", "caption"], [0.0, 0.0], {"f": [1.0]})


def test_packaged_weights_say_what_they_were_trained_on() -> None:
    about = load_weights().about
    assert about["trained_on"]
    assert about["trained_at"]


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kinds"):
        weights_from_data({**TINY, "kinds": ["paragraph", "headline"]})


@pytest.mark.parametrize(
    ("features", "kind", "expected"),
    [
        pytest.param({"f": 1.0, "g": 1.0}, "caption", ("f",), id="caption-by-f"),
        pytest.param({"f": 1.0, "g": 1.0}, "paragraph", ("g",), id="paragraph-by-g"),
        pytest.param({"f": 0.0, "g": 0.0}, "caption", (), id="nothing-fired"),
    ],
)
def test_explain_tiny_table(
    features: dict[str, float], kind: str, expected: tuple[str, ...]
) -> None:
    assert explain(features, kind, weights=weights_from_data(TINY)) == expected  # type: ignore[arg-type]


def test_score_tiny_table() -> None:
    probs = score_block({"f": 1.0}, weights_from_data(TINY))
    assert probs["caption"] == pytest.approx(math.exp(2) / (1 + math.exp(2)))


def test_softmax_is_shift_invariant() -> None:
    assert softmax([1000.0, 1000.0]) == [0.5, 0.5]


@pytest.mark.parametrize(
    ("texts", "index"),
    [
        pytest.param((PARA, "Photo: Ann Lee/Harbour Press", PARA), 1, id="credit"),
        pytest.param((PARA, "Share this article"), 1, id="furniture"),
        pytest.param((PARA, "What Happens Next", PARA), 1, id="crosshead"),
        pytest.param((PARA,), 0, id="paragraph"),
    ],
)
def test_explain_names_real_features(texts: tuple[str, ...], index: int) -> None:
    blocks = page(*texts)
    features = block_features(blocks, index, body_bounds(blocks))
    probs = score_block(features)
    kind = max(probs, key=probs.__getitem__)
    named = explain(features, kind)
    assert named
    assert set(named) <= set(feature_names())


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        pytest.param(
            ("Keepers to leave the last lighthouses", PARA, "Share this article"),
            ["headline", "paragraph", "boilerplate"],
            id="headline-body-furniture",
        ),
        pytest.param(
            (PARA, "Photo: Ann Lee/Harbour Press", LATER),
            ["paragraph", "caption", "paragraph"],
            id="credit-between",
            # the model weighs "last block, after a short line" as furniture on a tiny page
            marks=pytest.mark.xfail(strict=True),
        ),
        pytest.param(
            (PARA, "Copyright 2026 The Harbour Press. All rights reserved."),
            ["paragraph", "boilerplate"],
            id="copyright",
        ),
        pytest.param(
            (PARA, PARA.replace("Friday", "Monday"), PARA.replace("Friday", "Sunday")),
            ["paragraph", "paragraph", "paragraph"],
            id="all-body",
        ),
        pytest.param(
            (PARA, "The Keepers Who Stayed", LATER, LATER.replace("1870s", "1880s")),
            ["paragraph", "subheading", "paragraph", "paragraph"],
            id="title-case-crosshead",
        ),
        pytest.param(
            (PARA, "Who Keeps The Light Now?", LATER, LATER.replace("1870s", "1880s")),
            ["paragraph", "subheading", "paragraph", "paragraph"],
            id="question-crosshead",
            # a final "?" counts as ending a sentence, which weighs heavily for paragraph
            marks=pytest.mark.xfail(strict=True),
        ),
    ],
)
def test_label_blocks_scored(texts: tuple[str, ...], expected: list[str]) -> None:
    blocks = page(*texts)
    if expected[0] == "headline":
        blocks[0] = Block(texts[0], 1, Span(0, len(texts[0])), "headline")
    assert [b.kind for b in label_blocks_scored(blocks)] == expected


def test_scored_blocks_say_why() -> None:
    blocks = label_blocks_scored(page(PARA, PARA.replace("Friday", "Monday")))
    assert blocks[0].why[0] == "scored"
    assert set(blocks[0].why[1:]) <= set(feature_names())


# --- properties ------------------------------------------------------------------------


@given(st.lists(any_text, min_size=1, max_size=5))
def test_scores_are_probabilities(texts: list[str]) -> None:
    blocks = page(*texts)
    bounds = body_bounds(blocks)
    for i in range(len(blocks)):
        probs = score_block(block_features(blocks, i, bounds))
        assert set(probs) == set(SCORED_KINDS)
        assert sum(probs.values()) == pytest.approx(1.0)


@given(st.lists(any_text, min_size=1, max_size=5))
def test_labelling_keeps_every_block(texts: list[str]) -> None:
    blocks = page(*texts)
    out = label_blocks_scored(blocks)
    assert [b.text for b in out] == texts
    assert all(b.kind in SCORED_KINDS for b in out)


@given(st.lists(any_text, max_size=3))
def test_labelling_labels_furniture(texts: list[str]) -> None:
    # Paired with the property above, which returning the blocks unchanged would pass.
    out = label_blocks_scored(page(PARA, *texts, "Advertisement"))
    assert out[-1].kind == "boilerplate"


# --- rescore_confident: the rules' labels, overruled only when the scorer is sure ----------


def test_confident_scorer_fixes_a_wrong_label() -> None:
    blocks = page(PARA, LATER, LATER.replace("1870s", "1880s"))
    wrong = [blocks[0], Block(LATER, 2, Span(0, len(LATER)), "caption"), blocks[2]]
    out = rescore_confident(wrong, threshold=0.0)
    assert out[1].kind == "paragraph"
    assert "scorer-overrode" in out[1].why


def test_headlines_and_comments_are_never_overruled() -> None:
    blocks = [
        Block("Keepers leave the last lighthouses", 1, Span(0, 1), "headline"),
        Block(PARA, 2, Span(0, 1), "boilerplate", why=("comment-section",)),
    ]
    assert rescore_confident(blocks, threshold=0.0) == tuple(blocks)


@given(st.lists(any_text, min_size=1, max_size=5))
def test_unreachable_threshold_keeps_the_rules(texts: list[str]) -> None:
    blocks = [replace(b, kind="caption") for b in page(*texts)]
    assert rescore_confident(blocks, threshold=1.01) == tuple(blocks)
