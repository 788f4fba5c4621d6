"""The shared values: spans, fixes, replay and composition laws."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import edits, messy_lines

from newsclean.model import (
    Article,
    AtDeletion,
    Block,
    Cleaned,
    Fix,
    LineIndex,
    Span,
    apply_fixes,
    compose_fixes,
    map_back,
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
def test_map_back_lands_in_the_original(case: tuple[str, Cleaned, Cleaned]) -> None:
    original, first, _ = case
    offsets = list(range(len(first.text) + 1))
    mapped = map_back(first.fixes, offsets, end=False, at_deletion="after")
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


def test_map_back_after_a_shrinking_fix() -> None:
    fixes = (Fix(Span(5, 13), "\n\n", "blank-lines"),)
    # offset 7 is the first character after the replacement: original offset 13
    mapped = map_back(fixes, [0, 5, 6, 7, 9], end=False, at_deletion="after")
    assert mapped == [0, 5, 5, 13, 15]


# --- the one offset mapper, against the three it replaced ---------------------------
#
# Until issue 14 three functions mapped offsets back: compose_fixes's sweep, the article's
# map_offsets and the linter's map_back. They agreed except at a deletion point, each in
# its own way; kept here verbatim as oracles, each must equal map_back with its edge rule.


def _old_sweep(fixes: tuple[Fix, ...], offsets: list[int], *, end: bool) -> list[int]:
    """model._sweep before issue 14 (compose_fixes)."""
    mapped: list[int] = []
    index = delta = 0
    for offset in offsets:
        inside = False
        while index < len(fixes):
            fix = fixes[index]
            new_start = fix.span.start + delta
            new_end = new_start + len(fix.replacement)
            at_start = offset == new_start and (not end or new_start != new_end)
            if offset < new_start or at_start:
                break
            if offset < new_end:
                inside = True
                break
            delta += len(fix.replacement) - (fix.span.end - fix.span.start)
            index += 1
        if inside:
            mapped.append(fixes[index].span.end if end else fixes[index].span.start)
        else:
            mapped.append(offset - delta)
    return mapped


def _old_map_offsets(fixes: tuple[Fix, ...], offsets: list[int]) -> list[int]:
    """model.map_offsets before issue 14 (the article's block lines)."""
    result = []
    delta = 0
    index = 0
    for offset in offsets:
        while index < len(fixes):
            fix = fixes[index]
            new_end = fix.span.start + delta + len(fix.replacement)
            if new_end > offset:
                break
            delta += len(fix.replacement) - (fix.span.end - fix.span.start)
            index += 1
        if index < len(fixes) and fixes[index].span.start + delta <= offset:
            result.append(fixes[index].span.start)
        else:
            result.append(offset - delta)
    return result


def _old_lint_map_back(fixes: Sequence[Fix], offsets: Sequence[int], *, ends: bool) -> list[int]:
    """lint/rules.map_back before issue 14 (the linter's block spans and quote marks)."""
    new_starts, new_ends, deltas = [], [], []
    delta = 0
    for fix in fixes:
        new_starts.append(fix.span.start + delta)
        delta += len(fix.replacement) - (fix.span.end - fix.span.start)
        new_ends.append(fix.span.end + delta)
        deltas.append(delta)
    out = []
    for offset in offsets:
        index = (bisect_left if ends else bisect_right)(new_ends, offset)
        inside = index < len(fixes) and (
            new_starts[index] < offset if ends else new_starts[index] <= offset
        )
        if inside:
            out.append(fixes[index].span.end if ends else fixes[index].span.start)
        else:
            out.append(offset - (deltas[index - 1] if index else 0))
    return out


Oracle = Callable[[tuple[Fix, ...], list[int]], list[int]]

#: Each old mapper and the edge rule that reproduces it: (end, at_deletion).
ORACLES = [
    pytest.param(lambda f, o: _old_sweep(f, o, end=False), False, "before", id="sweep-start"),
    pytest.param(lambda f, o: _old_sweep(f, o, end=True), True, "after", id="sweep-end"),
    pytest.param(_old_map_offsets, False, "after", id="map-offsets"),
    pytest.param(
        lambda f, o: _old_lint_map_back(f, o, ends=False), False, "after", id="lint-start"
    ),
    pytest.param(lambda f, o: _old_lint_map_back(f, o, ends=True), True, "before", id="lint-end"),
]


@pytest.mark.parametrize(("oracle", "end", "at_deletion"), ORACLES)
@given(case=edits())
def test_map_back_agrees_with_the_mapper_it_replaced(
    oracle: Oracle, end: bool, at_deletion: AtDeletion, case: tuple[str, Cleaned, Cleaned]
) -> None:
    _, first, _ = case
    offsets = list(range(len(first.text) + 1))
    assert map_back(first.fixes, offsets, end=end, at_deletion=at_deletion) == oracle(
        first.fixes, offsets
    )


@given(edits(), st.booleans(), st.sampled_from(["before", "after"]), st.randoms())
def test_map_back_takes_offsets_in_any_order(
    case: tuple[str, Cleaned, Cleaned], end: bool, at_deletion: AtDeletion, rnd: Random
) -> None:
    _, first, _ = case
    offsets = list(range(len(first.text) + 1))
    expected = map_back(first.fixes, offsets, end=end, at_deletion=at_deletion)
    order = sorted(range(len(offsets)), key=lambda _: rnd.random())
    shuffled = map_back(first.fixes, [offsets[i] for i in order], end=end, at_deletion=at_deletion)
    assert shuffled == [expected[i] for i in order]


@given(edits(), st.booleans(), st.sampled_from(["before", "after"]))
def test_map_back_is_monotone_and_lands_in_the_original(
    case: tuple[str, Cleaned, Cleaned], end: bool, at_deletion: AtDeletion
) -> None:
    original, first, _ = case
    mapped = map_back(first.fixes, range(len(first.text) + 1), end=end, at_deletion=at_deletion)
    assert mapped == sorted(mapped)
    assert all(0 <= m <= len(original) for m in mapped)


@pytest.mark.parametrize(
    ("end", "at_deletion", "expected"),
    [
        pytest.param(False, "before", [0, 1, 4], id="start-before"),
        pytest.param(False, "after", [0, 3, 4], id="start-after"),
        pytest.param(True, "before", [0, 1, 4], id="end-before"),
        pytest.param(True, "after", [0, 3, 4], id="end-after"),
    ],
)
def test_map_back_at_a_deletion_point(
    end: bool, at_deletion: AtDeletion, expected: list[int]
) -> None:
    # "abcd" with "bc" deleted is "ad": offset 1 sits where "bc" was.
    fixes = (Fix(Span(1, 3), "", "drop"),)
    assert map_back(fixes, [0, 1, 2], end=end, at_deletion=at_deletion) == expected


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        pytest.param(False, [0, 1, 1, 3, 4], id="start"),
        pytest.param(True, [0, 1, 3, 3, 4], id="end"),
    ],
)
def test_map_back_inside_a_replacement(end: bool, expected: list[int]) -> None:
    # "abcd" with "bc" made "xyz" is "axyzd": offsets inside "xyz" map to its start or end.
    fixes = (Fix(Span(1, 3), "xyz", "grow"),)
    assert map_back(fixes, [0, 1, 2, 4, 5], end=end, at_deletion="before") == expected


# --- the one line index -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "position"),
    [
        pytest.param("ab\ncd", 3, (2, 1), id="lf-line-start"),
        pytest.param("ab\ncd", 4, (2, 2), id="lf"),
        pytest.param("ab\r\ncd", 4, (2, 1), id="crlf"),
        pytest.param("ab\r\ncd", 3, (1, 4), id="between-cr-and-lf"),
        pytest.param("ab\rcd", 3, (2, 1), id="lone-cr"),
        pytest.param("ab\u2028cd", 3, (1, 4), id="separator-is-text-not-layout"),
        pytest.param("ab\n", 3, (2, 1), id="end"),
        pytest.param("", 0, (1, 1), id="empty"),
    ],
)
def test_line_index_position(text: str, offset: int, position: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == position


@given(messy_lines())
def test_line_index_counts_the_breaks_before_an_offset(text: str) -> None:
    # The article counted lines this way before issue 14: LFs, plus CRs not before an LF.
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        crs = text.count("\r", 0, offset) - text.count("\r\n", 0, offset + 1)
        assert index.line(offset) == 1 + text.count("\n", 0, offset) + crs


@given(messy_lines())
def test_line_index_positions_round_trip(text: str) -> None:
    index = LineIndex(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for offset in range(0, len(text) + 1, 7):
        if offset and text[offset - 1] == "\r" and text[offset : offset + 1] == "\n":
            continue  # between CR and LF: not a position anyone reports
        line, column = index.position(offset)
        assert 1 <= line <= len(lines)
        assert 1 <= column <= len(lines[line - 1]) + 1
