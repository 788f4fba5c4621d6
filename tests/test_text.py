"""The text pipeline: fix_text and clean_text run encoding, whitespace, spacing, quotes.

The laws: cleaning is idempotent, replays from its fixes, and loses no letter that ftfy
alone would keep — a later step never hands encoding repair a pair the input did not hold.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import ftfy
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import (
    any_text,
    encoding_soup,
    extended_letters,
    letters_beside_marks,
    quote_soup,
    whitespace_soup,
    words,
)

from newsclean.model import QUOTE_STYLES, Fix, QuoteStyle, Span, apply_fixes
from newsclean.text.encoding import FTFY_CONFIG, is_repairable, keep_repair_stable
from newsclean.text.pipeline import clean_text, fix_text

# Cases a fix used to turn into mojibake that the next fix "repaired" away, losing letters.
PAIRS_MADE_BY_FIXES = [
    pytest.param('"Ã" x', "curly", '“Ã" x', id="curled-quote-after-A-tilde"),
    pytest.param('He wrote "Â" on it.', "curly", 'He wrote “Â" on it.', id="curled-after-A-hat"),
    pytest.param(
        '“Sim,” disse ela. “Não.” E depois "IRMÃ".',
        "curly",
        '“Sim,” disse ela. “Não.” E depois “IRMÃ".',
        id="portuguese-capitals",
    ),
    pytest.param("x “Â\u2060” y", "keep", "x “Â\u2060” y", id="word-joiner-kept"),
    pytest.param("Ð\u200b” y", "keep", "Ð\u200b” y", id="zero-width-kept-after-eth"),
    # A stand-in control turned before ftfy made a pair ("Ã " reads as "à") or cut a line
    # that ftfy judges as a whole (found by fuzzing): it waits, and stays where unsafe.
    pytest.param("Ana\u00c3\x1f", "keep", "Ana\u00c3\x1f", id="separator-kept-after-a-leader"),
    pytest.param(
        "\u00e2\u20ac\x1f\u2013", "keep", "\u00e2\u20ac\x1f\u2013", id="separator-in-a-pair"
    ),
    pytest.param(
        "Ana \u00f0\u201c\x0cSaw \u20ac\u00e9 here",
        "keep",
        "Ana \u00f0\u201c\x0cSaw \u20ac\u00e9 here",
        id="form-feed-kept-where-a-line-break-makes-mojibake",
    ),
    # Look-alikes that are fixed: nothing mojibake-like forms.
    pytest.param('"Ana" x', "curly", "“Ana” x", id="plain-name-curled"),
    pytest.param("a\u200bb “c”", "keep", "ab “c”", id="zero-width-between-ascii-dropped"),
    pytest.param("Ãé\u00a0x", "keep", "Ãé x", id="no-break-space-after-clean-letters"),
    pytest.param("Ana\x1fSaw", "keep", "Ana Saw", id="separator-between-ascii-is-a-space"),
    # An entity beside another is not between ASCII: "&nbsp;" after "&ndash;" turned into a
    # space before ftfy made "Å– " of "Å–\u00a0", which ftfy then read as "Ŗ" (fuzzing).
    pytest.param(
        "It\u00e2\u20ac\u2122s \u00c5&ndash;&nbsp;x",
        "keep",
        "It\u2019s \u00c5\u2013 x",
        id="entity-after-an-entity-waits",
    ),
    pytest.param("caf\u00e9\x0cnext", "keep", "caf\u00e9\nnext", id="form-feed-is-a-line-break"),
    # Closing a gap after curling gives a mark new neighbours: it is read again.
    pytest.param("' ”", "curly", "‘”", id="gap-closed-after-curling"),
    pytest.param("0 .‘", "straight", "0.'", id="gap-closed-after-straightening"),
    # Straightening makes an apostrophe whose gap spacing closes (found by fuzzing).
    pytest.param("Ana \u2018s car", "straight", "Ana's car", id="apostrophe-made-by-straightening"),
    pytest.param("do n\u2018t go", "straight", "don't go", id="n-t-made-by-straightening"),
    pytest.param(
        "\u00d0(\u00a0 \u00c5\u00a0\u2018s", "straight", "\u00d0( \u00c5's", id="after-a-leader"
    ),
    pytest.param("a \u2018quote\u2019 b", "straight", "a 'quote' b", id="quote-opened-after-a-gap"),
]


@pytest.mark.parametrize(("text", "quotes", "expected"), PAIRS_MADE_BY_FIXES)
def test_fixes_make_no_mojibake(text: str, quotes: QuoteStyle, expected: str) -> None:
    once = fix_text(text, quotes=quotes)
    assert once == expected
    assert fix_text(once, quotes=quotes) == once


# Real mojibake is still repaired, as it came in (the identity fails these).
REPAIRED = [
    pytest.param("CafÃ© “open”", "keep", "Café “open”", id="mojibake-beside-curly-quotes"),
    pytest.param('N\u00c3\u00a3o "sim"', "curly", "Não “sim”", id="mojibake-then-curled"),
    pytest.param("&Atilde;&copy; x", "keep", "é x", id="entity-encoded-mojibake"),
    pytest.param("Ã\u00ad x", "keep", "í x", id="soft-hyphen-is-evidence"),
]


@pytest.mark.parametrize(("text", "quotes", "expected"), REPAIRED)
def test_mojibake_as_it_came_in_is_repaired(text: str, quotes: QuoteStyle, expected: str) -> None:
    assert fix_text(text, quotes=quotes) == expected


def _letters(text: str) -> Counter[str]:
    return Counter(c for c in unicodedata.normalize("NFKC", text) if c.isalpha())


def _ftfy_alone(text: str) -> str:
    return ftfy.fix_text(text, FTFY_CONFIG)


# Enough examples for CI's fixed seed to meet a letter beside a mark that a fix turns.
@pytest.mark.parametrize("quotes", QUOTE_STYLES)
@settings(max_examples=400)
@given(text=letters_beside_marks)
def test_idempotent_beside_quotes_dashes_invisibles(quotes: QuoteStyle, text: str) -> None:
    once = fix_text(text, quotes=quotes)
    assert fix_text(once, quotes=quotes) == once


@pytest.mark.parametrize("quotes", QUOTE_STYLES)
@settings(max_examples=400)
@given(text=letters_beside_marks)
@example(text="&\x1b[Amp;")
@example(text="Ana\u00c3\x1f")
@example(text="Ana \u00f0\u201c\x0cSaw \u20ac\u00e9 here")
def test_no_letter_lost_that_ftfy_keeps(quotes: QuoteStyle, text: str) -> None:
    """Only ftfy's repair of the input as given may turn letters into fewer ones."""
    twice = fix_text(fix_text(text, quotes=quotes), quotes=quotes)
    lost = _letters(text) - _letters(twice)
    assert lost <= _letters(text) - _letters(_ftfy_alone(text))


@given(letters=st.lists(extended_letters, min_size=1, max_size=12), word=words)
def test_mojibake_of_letters_comes_back(letters: list[str], word: str) -> None:
    clean = unicodedata.normalize("NFC", f"{word} {''.join(letters)} “{word}”")
    garbled = clean.encode("utf-8").decode("cp1252", errors="replace")
    if "\ufffd" in garbled or clean == garbled:
        return  # bytes cp1252 cannot show, or nothing to garble
    assert fix_text(garbled, quotes="keep") == clean


@given(text=letters_beside_marks)
def test_replays_from_its_fixes(text: str) -> None:
    cleaned = clean_text(text, quotes="curly")
    assert apply_fixes(text, cleaned.fixes) == cleaned.text


REPAIRABLE = [
    pytest.param("IRMÃ\u201d.", True, id="A-tilde-before-closing-quote"),
    pytest.param("a &amp; b", True, id="entity"),
    pytest.param("e\u0301", True, id="decomposed"),
    pytest.param('IRMÃ".', False, id="A-tilde-before-straight-quote"),
    pytest.param("Não “sim”", False, id="clean-portuguese"),
    pytest.param("a &bogus; b", False, id="unknown-entity-name"),
    pytest.param("plain", False, id="ascii"),
]


@pytest.mark.parametrize(("text", "expected"), REPAIRABLE)
def test_is_repairable(text: str, expected: bool) -> None:
    assert is_repairable(text) is expected


def test_keep_repair_stable_keeps_what_it_can_in_a_line() -> None:
    text = '"Ana" and "Ã" here\n"Bo"'
    curls = [
        Fix(Span(start, start + 1), mark, "curly-quote")
        for start, mark in [(0, "“"), (4, "”"), (10, "“"), (12, "”"), (19, "“"), (22, "”")]
    ]
    kept = keep_repair_stable(text, curls)
    assert apply_fixes(text, kept) == '“Ana” and “Ã" here\n“Bo”'


@pytest.mark.parametrize("quotes", QUOTE_STYLES)
@given(text=st.one_of(any_text, encoding_soup, whitespace_soup, quote_soup))
@example(text="&\x1b[Amp;")
@example(text="\u00d0(\u00a0 \u00c5\u00a0\u2018s")
def test_idempotent_on_any_text(quotes: QuoteStyle, text: str) -> None:
    once = fix_text(text, quotes=quotes)
    assert fix_text(once, quotes=quotes) == once
