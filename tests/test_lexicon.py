"""The lexicon: its word lists as data (sorted, unique, lower case, each entry in one list
unless declared), and the helpers that build patterns from them."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from types import ModuleType

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from newsclean.lexicon import dates, furniture, media, people, words
from newsclean.lexicon.build import (
    Keyed,
    alternation,
    capitalized,
    first_words,
    hint_pattern,
    joined,
    named,
    only,
    plurals,
    without,
)

MODULES = (dates, furniture, media, people, words)
#: Each table of the lexicon, with the forms its rows may name.
TABLES = {
    "media.AGENCIES": (media.AGENCIES, media.AGENCY_FORMS),
    "media.CHANNELS": (media.CHANNELS, media.CHANNEL_FORMS),
}


def _short(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[1]


def _data(module: ModuleType) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every word list of ``module`` by name, a table as the list of its names (the forms
    of tables, and the declared overlaps, are no word lists)."""
    for name, value in vars(module).items():
        if not name.isupper() or not isinstance(value, tuple) or name.endswith("_FORMS"):
            continue
        yield name, tuple(row[0] if isinstance(row, tuple) else row for row in value)


LISTS = [
    pytest.param(entries, id=f"{_short(module)}.{name}")
    for module in MODULES
    for name, entries in _data(module)
]


# --- the data ---------------------------------------------------------------------------


@pytest.mark.parametrize("entries", LISTS)
def test_every_list_is_sorted_and_unique(entries: tuple[str, ...]) -> None:
    assert entries, "an empty list: remove it"
    assert list(entries) == sorted(set(entries))


@pytest.mark.parametrize("entries", LISTS)
def test_entries_are_lower_case_and_trimmed(entries: tuple[str, ...]) -> None:
    # patterns match the lists in any case or capitalise them (lexicon.build.capitalized),
    # and pre-checks look for them in case-folded text
    for entry in entries:
        assert entry == entry.casefold(), entry
        assert entry == entry.strip(), repr(entry)
        assert "  " not in entry, repr(entry)


@pytest.mark.parametrize("module", MODULES, ids=_short)
def test_no_entry_is_in_two_lists_unless_declared(module: ModuleType) -> None:
    lists = dict(_data(module))
    shared = set()
    for (_, first), (_, second) in itertools.combinations(lists.items(), 2):
        shared |= set(first) & set(second)
    assert shared == set(getattr(module, "OVERLAPS", frozenset()))


@pytest.mark.parametrize(("table", "forms"), TABLES.values(), ids=TABLES.keys())
def test_table_rows_name_known_forms(
    table: tuple[tuple[str, str], ...], forms: tuple[str, ...]
) -> None:
    assert list(forms) == sorted(set(forms))
    used = set()
    for name, row_forms in table:
        split = row_forms.split()
        assert split == sorted(set(split)), name
        assert set(split) <= set(forms), name
        used |= set(split)
    assert used == set(forms), "a form no row is written in"


def test_every_table_is_listed() -> None:
    found = {
        f"{_short(module)}.{name}"
        for module in MODULES
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, tuple) and value and isinstance(value[0], tuple)
    }
    assert found == set(TABLES)


# --- the helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "text", "found"),
    [
        pytest.param(("photo", "photos"), "photos", "photos", id="longest-first"),
        pytest.param(("a.b",), "axb", None, id="escaped-dot"),
        pytest.param(
            ("view/post comments",), "view/post comments", "view/post comments", id="space"
        ),
        pytest.param(("e-mail", "#tag"), "#tag", "#tag", id="verbose-comment-mark"),
    ],
)
def test_alternation(entries: tuple[str, ...], text: str, found: str | None) -> None:
    match = regex.compile(alternation(entries), regex.VERBOSE).match(text)
    assert (match and match.group()) == found


def test_alternation_keeps_the_order_given_when_asked() -> None:
    assert alternation(("b", "ab"), longest_first=False) == "(?:b|ab)"


def test_alternation_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one word"):
        alternation(())


@given(
    st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=6, unique=True),
    st.text(max_size=8),
)
def test_alternation_matches_the_longest_listed_prefix(entries: list[str], text: str) -> None:
    for flags in (0, regex.VERBOSE):
        pattern = regex.compile(alternation(entries), flags)
        assert all(pattern.fullmatch(entry) for entry in entries)
        match = pattern.match(text)
        prefixes = [entry for entry in entries if text.startswith(entry)]
        assert (match and match.group()) == (max(prefixes, key=len) if prefixes else None)


def test_list_helpers() -> None:
    assert capitalized(("i", "however")) == ("I", "However")
    assert plurals(("photo",)) == ("photos",)
    assert without(("a", "b", "c"), "b") == ("a", "c")
    assert only(("a", "b", "c"), "c", "a") == ("a", "c")
    assert first_words(("write to", "contact", "write for")) == ("contact", "write")
    assert named((("ap", "slash via"), ("pool", "slash")), "slash") == ("ap", "pool")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda: without(("a", "b"), "c"), "not in the list", id="without-unlisted"),
        pytest.param(lambda: only(("a", "b"), "c"), "not in the list", id="only-unlisted"),
        pytest.param(lambda: named((("ap", "slash"),), "slahs"), "no entry", id="misspelt-form"),
        pytest.param(lambda: Keyed("AP", ("AP",)), "case-folded", id="key-not-case-folded"),
        pytest.param(lambda: Keyed("AP", ()), "needs keys", id="no-keys"),
    ],
)
def test_helpers_refuse_what_would_go_wrong_silently(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    ("place", "text", "found"),
    [
        pytest.param("word", "(ap photo", True, id="word"),
        pytest.param("word", "a map", False, id="word-inside-a-word"),
        pytest.param("anywhere", "a map", True, id="anywhere"),
        pytest.param("start", "(ap photo", True, id="start-after-bracket"),
        pytest.param("start", "the ap", False, id="start-elsewhere"),
    ],
)
def test_hint_places(place: str, text: str, found: bool) -> None:
    hint = hint_pattern([Keyed("AP", ("ap",), place)])  # type: ignore[arg-type]
    assert (hint.search(text) is not None) is found


def test_hint_keeps_only_the_keys_that_matter() -> None:
    hint = hint_pattern([Keyed("x", ("photo", "photograph", "image"))])
    assert hint.pattern == "image|photo"


def test_joined_keeps_each_alternative_whole() -> None:
    pattern = regex.compile(joined([Keyed("a|b", ("a", "b")), Keyed("c", ("c",))]))
    assert [bool(pattern.fullmatch(t)) for t in ("a", "b", "c", "ab")] == [1, 1, 1, 0]
