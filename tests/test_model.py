"""The shared values: spans, fixes, replay and composition laws."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from strategies import edits

from newsclean.model import (
    Article,
    Block,
    Cleaned,
    Fix,
    Span,
    apply_fixes,
    compose_fixes,
    map_offsets,
)


def test_span_rejects_backwards_range() -> None:
    with pytest.raises(ValueError, match="start <= end"):
        Span(3, 1)


def test_apply_fixes_rejects_overlap() -> None:
    fixes = [Fix(Span(0, 2), "x", "a"), Fix(Span(1, 3), "y", "b")]
    with pytest.raises(ValueError, match="overlap"):
        apply_fixes("abcd", fixes)


@pytest.mark.parametrize(
    ("text", "fixes", "expected"),
    [
        pytest.param("abc", [], "abc", id="no-fix"),
        pytest.param("abc", [Fix(Span(1, 1), "X", "insert")], "aXbc", id="insert"),
        pytest.param("abc", [Fix(Span(0, 3), "", "delete")], "", id="delete-all"),
        pytest.param(
            "a  b  c",
            [Fix(Span(4, 6), " ", "s"), Fix(Span(1, 3), " ", "s")],
            "a b c",
            id="unsorted-input",
        ),
    ],
)
def test_apply_fixes(text: str, fixes: list[Fix], expected: str) -> None:
    assert apply_fixes(text, fixes) == expected


@given(edits())
def test_compose_replays_to_the_final_text(case: tuple[str, Cleaned, Cleaned]) -> None:
    original, first, second = case
    composed = compose_fixes(original, first, second)
    assert apply_fixes(original, composed.fixes) == second.text
    spans = sorted(f.span for f in composed.fixes)
    assert all(a.end <= b.start for a, b in pairwise(spans))


@given(edits())
def test_map_offsets_lands_in_the_original(case: tuple[str, Cleaned, Cleaned]) -> None:
    original, first, _ = case
    offsets = list(range(len(first.text) + 1))
    mapped = map_offsets(first.fixes, offsets)
    assert mapped == sorted(mapped)
    assert all(0 <= m <= len(original) for m in mapped)


def test_compose_merges_a_fix_of_a_fix() -> None:
    first = Cleaned("a-b", (Fix(Span(1, 3), "-", "dash"),))
    second = Cleaned("a–b", (Fix(Span(1, 2), "–", "en-dash"),))
    composed = compose_fixes("a--b", first, second)
    assert composed.fixes == (Fix(Span(1, 3), "–", "dash+en-dash"),)


def test_article_views() -> None:
    blocks = (
        Block("Title", 1, Span(0, 5), "headline"),
        Block("Part one", 3, Span(7, 15), "subheading"),
        Block("Body.", 5, Span(17, 22)),
        Block("Pic: a view", 7, Span(24, 35), "caption", label="Pic"),
    )
    article = Article(headline="Title", blocks=blocks)
    assert article.body == ("Body.",)
    assert article.body_text() == "Part one\n\nBody."
    data = article.to_dict()
    assert [b["kind"] for b in data["blocks"]] == [
        "headline",
        "subheading",
        "paragraph",
        "caption",
    ]
    assert data["blocks"][3]["label"] == "Pic"


def test_map_offsets_after_a_shrinking_fix() -> None:
    fixes = (Fix(Span(5, 13), "\n\n", "blank-lines"),)
    # offset 7 is the first character after the replacement: original offset 13
    assert map_offsets(fixes, [0, 5, 6, 7, 9]) == [0, 5, 5, 13, 15]
