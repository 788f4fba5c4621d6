"""The article-extraction-benchmark metric (newsclean/shingles.py) on tiny invented texts.

Every expectation is counted by hand in the comment beside it.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from strategies import any_text, shingle_texts

from newsclean.evaluate.shingles import PageMatch, match_page, score_pages, shingles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", {}, id="empty-none"),
        pytest.param(" , ; — ", {}, id="punctuation-only-none"),
        pytest.param("Gulls", {("Gulls",): 1}, id="one-word"),
        pytest.param("gulls over docks", {("gulls", "over", "docks"): 1}, id="three-words-one"),
        pytest.param("gulls over the docks", {("gulls", "over", "the", "docks"): 1}, id="four"),
        pytest.param(
            "gulls over the docks again",
            {("gulls", "over", "the", "docks"): 1, ("over", "the", "docks", "again"): 1},
            id="five-words-two",
        ),
        pytest.param(
            "Gulls, over—the docks!", {("Gulls", "over", "the", "docks"): 1}, id="punct-split"
        ),
        pytest.param(
            # ha ha ha ha ha: five words, two shingles, both the same
            "ha ha ha ha ha",
            {("ha", "ha", "ha", "ha"): 2},
            id="duplicate-shingles-counted",
        ),
    ],
)
def test_shingles(text: str, expected: dict[tuple[str, ...], int]) -> None:
    assert shingles(text) == Counter(expected)


def test_shingles_keep_case() -> None:
    assert shingles("Gulls over the docks") != shingles("gulls over the docks")


def test_shingle_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least one word"):
        shingles("a b", size=0)


@pytest.mark.parametrize(
    ("reference", "prediction", "tp", "fp", "fn"),
    [
        # 3 shingles each, all shared
        pytest.param("the tide came in fast", "the tide came in fast", 1.0, 0.0, 0.0, id="same"),
        # 2 + 2 shingles, none shared: tp 0, fp 2, fn 2 -> 0, 1/2, 1/2
        pytest.param("a b c d e", "v w x y z", 0.0, 0.5, 0.5, id="disjoint"),
        # ref {abcd, bcde}, pred {abcd, bcdx}: tp 1, fp 1, fn 1 -> thirds
        pytest.param("a b c d e", "a b c d x", 1 / 3, 1 / 3, 1 / 3, id="one-of-two"),
        # a 3-word reference is the single shingle (one two three), which the
        # 4-word prediction's single shingle (one two three four) is not
        pytest.param("one two three", "one two three four", 0.0, 0.5, 0.5, id="three-words"),
        # ref, 8 words: xyzw x2, yzwx, zwxy, wxyz (5); pred: xyzw (1)
        # tp 1, fp 0, fn 4 -> 1/5, 0, 4/5
        pytest.param("x y z w x y z w", "x y z w", 0.2, 0.0, 0.8, id="multiset"),
    ],
)
def test_match_page(reference: str, prediction: str, tp: float, fp: float, fn: float) -> None:
    match = match_page(reference, prediction)
    assert (match.tp, match.fp, match.fn) == pytest.approx((tp, fp, fn))


def test_repeat_case_counts_shingles_across_the_repeat() -> None:
    # "x y z w. x y z w" (the full stop is no word): xyzw x2, yzwx, zwxy, wxyz = 5;
    # the reference's one xyzw matches one copy only: tp 1, fp 4, fn 0 -> 1/5, 4/5, 0
    match = match_page("x y z w", "x y z w. x y z w")
    assert (match.tp, match.fp, match.fn) == pytest.approx((0.2, 0.8, 0.0))


@pytest.mark.parametrize(
    ("match", "precision", "recall"),
    [
        pytest.param(PageMatch(1.0, 0.0, 0.0), 1.0, 1.0, id="perfect"),
        pytest.param(PageMatch(0.5, 0.5, 0.0), 0.5, 1.0, id="half-precision"),
        pytest.param(PageMatch(0.0, 0.5, 0.5), 0.0, 0.0, id="disjoint"),
        # both texts without words: fp == fn == 0, a perfect page by the README
        pytest.param(PageMatch(0.0, 0.0, 0.0), 1.0, 1.0, id="both-empty"),
        # empty prediction: no precision at all; nothing of the reference found
        pytest.param(PageMatch(0.0, 0.0, 1.0), None, 0.0, id="empty-prediction"),
        # empty reference: every predicted shingle is wrong; recall undefined
        pytest.param(PageMatch(0.0, 1.0, 0.0), 0.0, None, id="empty-reference"),
    ],
)
def test_page_precision_recall(
    match: PageMatch, precision: float | None, recall: float | None
) -> None:
    assert match.precision == precision
    assert match.recall == recall


@pytest.mark.parametrize(
    ("match", "f1"),
    [
        pytest.param(PageMatch(0.0, 0.0, 0.0), 1.0, id="both-empty"),
        pytest.param(PageMatch(0.5, 0.5, 0.0), 2 / 3, id="half-precision"),  # 1 / 1.5
        pytest.param(PageMatch(0.0, 1.0, 0.0), 0.0, id="all-wrong"),
    ],
)
def test_page_f1(match: PageMatch, f1: float) -> None:
    assert match.f1 == pytest.approx(f1)


def test_empty_texts_match_as_the_readme_says() -> None:
    assert match_page("", "") == PageMatch(0.0, 0.0, 0.0)
    assert match_page("...", "a b c d").precision == 0.0
    assert match_page("a b c d", "").precision is None


def test_score_is_a_mean_of_per_page_ratios_not_pooled_counts() -> None:
    # page 1: 10 words, 7 shingles, predicted exactly: P = R = 1
    # page 2: P = R = 1/2 (the one-of-two case)
    # means: P = R = 3/4, F1 = 3/4; pooled raw counts would give tp 8 of 9 instead
    long = "one two three four five six seven eight nine ten"
    pages = [match_page(long, long), match_page("a b c d e", "a b c d x")]
    score = score_pages(pages)
    assert (score.precision, score.recall, score.f1) == pytest.approx((0.75, 0.75, 0.75))
    assert score.pages == 2


def test_score_normalises_each_page() -> None:
    # 40 words against the same 40 plus 40 new ones: 37 shared, 40 extra shingles
    # (3 straddle the join, 37 in the new words): tp 37/77, fp 40/77, fn 0
    base = " ".join(f"w{i}" for i in range(40))
    extra = " ".join(f"n{i}" for i in range(40))
    match = match_page(base, f"{base} {extra}")
    assert (match.tp, match.fp, match.fn) == pytest.approx((37 / 77, 40 / 77, 0.0))
    assert match.tp + match.fp + match.fn == pytest.approx(1.0)


def test_score_leaves_undefined_pages_out_of_that_mean_only() -> None:
    # page 1 perfect; page 2 empty prediction: precision undefined, recall 0
    # P = mean(1) = 1, R = mean(1, 0) = 1/2, F1 = 2 * 1 * 0.5 / 1.5 = 2/3
    score = score_pages([PageMatch(1.0, 0.0, 0.0), PageMatch(0.0, 0.0, 1.0)])
    assert (score.precision, score.recall, score.f1) == pytest.approx((1.0, 0.5, 2 / 3))


def test_score_of_all_wrong_pages_is_zero() -> None:
    score = score_pages([PageMatch(0.0, 0.5, 0.5)])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_score_needs_pages() -> None:
    with pytest.raises(ValueError, match="no pages"):
        score_pages([])


# --- properties -------------------------------------------------------------------------


@given(any_text, any_text)
def test_swapping_texts_swaps_precision_and_recall(a: str, b: str) -> None:
    forward, backward = match_page(a, b), match_page(b, a)
    assert forward.precision == backward.recall
    assert forward.recall == backward.precision


@given(any_text)
def test_a_text_scores_one_against_itself(text: str) -> None:
    assert score_pages([match_page(text, text)]).f1 == 1.0


@given(shingle_texts)
def test_extra_words_cost_precision_not_recall(text: str) -> None:
    # the paired check a constant-1 metric fails: digits never occur in shingle_texts
    match = match_page(text, f"{text} 1 2 3 4")
    assert match.recall == 1.0
    assert match.precision is not None
    assert match.precision < 1.0


@given(any_text)
def test_no_exception_and_counts_normalised(text: str) -> None:
    match = match_page(text, "a reference of five words")
    assert match.tp + match.fp + match.fn == pytest.approx(1.0)
