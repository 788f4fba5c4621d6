"""Tests for newsclean.text.whitespace: example tables, then properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text, short_prose, whitespace_soup, words

from newsclean.model import Cleaned, Fix, Span, apply_fixes
from newsclean.text.whitespace import (
    WHITESPACE_RE,
    _rewrite,
    clean_whitespace,
    normalize_whitespace,
)

# --- tables ------------------------------------------------------------------

FIXED = [
    pytest.param("a\r\nb\r\n", "a\nb\n", id="crlf"),
    pytest.param("a\rb\r", "a\nb\n", id="lone-cr"),
    pytest.param("a\u2028b", "a\nb", id="line-separator"),
    pytest.param("a\u2029b", "a\n\nb", id="paragraph-separator-is-a-blank-line"),
    pytest.param("end.  \nnext\t\n", "end.\nnext\n", id="trailing-space"),
    pytest.param("one  two\t\tthree", "one two three", id="space-runs"),
    pytest.param("one\ttwo", "one two", id="tab-inside-line"),
    pytest.param("   indented\n\tline", "indented\nline", id="indent"),
    pytest.param("a\n   \nb", "a\n\nb", id="whitespace-only-line"),
    pytest.param("a\n\n\n\n\nb", "a\n\nb", id="blank-line-run"),
    pytest.param("a\n \n\t\n  \nb", "a\n\nb", id="blank-lines-with-spaces"),
    pytest.param("\n\n  \nTitle", "Title", id="leading-blank-lines"),
    pytest.param("Body.\n\n\n", "Body.\n", id="trailing-blank-lines"),
    pytest.param("Body.\n  ", "Body.\n", id="spaces-after-final-newline"),
    pytest.param("Body.  ", "Body.", id="no-final-newline-stays-none"),
    pytest.param("a\r\n\r\n\r\nb", "a\n\nb", id="crlf-blank-run"),
    pytest.param("   \n\t\n", "", id="whitespace-only-text"),
]

UNCHANGED = [
    pytest.param("", id="empty"),
    pytest.param("One line", id="one-line"),
    pytest.param("One line\n", id="one-line-newline"),
    pytest.param("Para one.\n\nPara two.\n", id="paragraphs"),
    pytest.param("Hard\nwrapped\nlines", id="single-breaks"),
    pytest.param("a\u00a0\u00a0b\u200bc", id="odd-spaces-are-encodings-job"),
    pytest.param("a\x0cb\x0bc", id="form-feed-is-encodings-job"),
]

KNOWN_FAILURES = [
    pytest.param(
        "Name:\tAlice\nAge:\t42",
        "Name:\tAlice\nAge:\t42",
        id="tab-separated-columns-flattened",
        marks=pytest.mark.xfail(strict=True, reason="tabs inside lines always become spaces"),
    ),
    pytest.param(
        "    def f():\n        return 1\n",
        "    def f():\n        return 1\n",
        id="code-indentation-lost",
        marks=pytest.mark.xfail(strict=True, reason="news text has no meaningful indentation"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIXED + KNOWN_FAILURES)
def test_normalize_whitespace_table(text: str, expected: str) -> None:
    assert normalize_whitespace(text) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_normal_text_is_left_alone(text: str) -> None:
    assert clean_whitespace(text) == Cleaned(text)


@pytest.mark.parametrize(
    ("text", "fixes"),
    [
        pytest.param("a\r\nb", [(1, 3, "\n", "line-ending")], id="line-ending"),
        pytest.param("a \nb", [(1, 3, "\n", "trailing-space")], id="trailing-space"),
        pytest.param("a\n b", [(1, 3, "\n", "indent")], id="indent-after-break"),
        pytest.param(" a", [(0, 1, "", "indent")], id="indent-first-line"),
        pytest.param("a  b", [(1, 3, " ", "space-run")], id="space-run"),
        pytest.param("a\tb", [(1, 2, " ", "tab")], id="tab"),
        pytest.param("a\n\n\nb", [(1, 4, "\n\n", "blank-lines")], id="blank-lines"),
        pytest.param("\na", [(0, 1, "", "blank-lines")], id="leading-blank-line"),
        pytest.param("a\n\n", [(1, 3, "\n", "blank-lines")], id="trailing-blank-line"),
        pytest.param("a ", [(1, 2, "", "trailing-space")], id="trailing-space-at-end"),
        pytest.param(
            "a \r\n\r\n\r\n b",
            [(1, 9, "\n\n", "line-ending+trailing-space+blank-lines+indent")],
            id="everything-at-once",
        ),
    ],
)
def test_fixes_and_reasons(text: str, fixes: list[tuple[int, int, str, str]]) -> None:
    got = clean_whitespace(text).fixes
    assert [(f.span.start, f.span.end, f.replacement, f.reason) for f in got] == fixes


# --- properties ----------------------------------------------------------------

WORD_RE = re.compile(r"\w+")


def _reference(text: str) -> Cleaned:
    """Slow oracle: every match of the pattern over the whole text, no shortcuts."""
    fixes = []
    for match in WHITESPACE_RE.finditer(text):
        new, reason = _rewrite(match, text)
        if new != match[0]:
            fixes.append(Fix(Span(*match.span()), new, reason))
    return Cleaned(apply_fixes(text, fixes), tuple(fixes))


@given(st.one_of(any_text, whitespace_soup))
def test_never_raises_and_replays(text: str) -> None:
    cleaned = clean_whitespace(text)
    assert apply_fixes(text, cleaned.fixes) == cleaned.text


@given(st.one_of(any_text, whitespace_soup))
def test_shortcuts_agree_with_the_plain_scan(text: str) -> None:
    assert clean_whitespace(text) == _reference(text)


@given(st.one_of(any_text, whitespace_soup))
def test_idempotent(text: str) -> None:
    once = normalize_whitespace(text)
    assert normalize_whitespace(once) == once


@given(st.one_of(any_text, whitespace_soup))
def test_every_word_kept_in_order(text: str) -> None:
    assert WORD_RE.findall(normalize_whitespace(text)) == WORD_RE.findall(text)


@given(st.one_of(any_text, whitespace_soup))
def test_final_newline_presence_kept(text: str) -> None:
    out = normalize_whitespace(text)
    if out.strip():
        ended = bool(re.search(r"[\n\r\u2028\u2029][ \t\n\r\u2028\u2029]*\Z", text))
        assert out.endswith("\n") == ended
        assert not out.endswith("\n\n")


@given(short_prose)
def test_clean_prose_is_untouched(text: str) -> None:
    assert clean_whitespace(text) == Cleaned(text)


@given(
    short_prose,
    st.lists(st.sampled_from([" ", "  ", "\t", " \t "]), min_size=1),
    st.lists(st.sampled_from(["\n", "\r\n", " \n", "\n ", "\n\n\n", "\u2028"]), min_size=1),
)
def test_messed_up_prose_comes_back(text: str, spaces: list[str], breaks: list[str]) -> None:
    # The identity fails this one: junk whitespace is spliced in, and must go again.
    pieces = re.split(r"( |\n)", text)
    messy = "".join(
        spaces[i % len(spaces)]
        if piece == " "
        else breaks[i % len(breaks)]
        if piece == "\n"
        else piece
        for i, piece in enumerate(pieces)
    )
    assert normalize_whitespace("\n " + messy + " ") == text


@given(st.lists(words, min_size=1, max_size=6), st.text(" \t", min_size=1, max_size=4))
def test_lines_never_start_or_end_with_space(parts: list[str], gap: str) -> None:
    out = normalize_whitespace(gap + (gap + "\n" + gap).join(parts) + gap)
    assert all(line == line.strip(" \t") for line in out.split("\n"))
