"""Tests for newsclean.text.quotes: tables of invented cases, then properties."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from strategies import any_text, curly_prose, prose, quote_soup

from newsclean.model import apply_fixes
from newsclean.text.quotes import CODE_SPAN_RE, CURLY_QUOTES, clean_quotes, normalize_quotes

QUOTE_CHARS = frozenset("\"'´") | CURLY_QUOTES

CURLY = [
    pytest.param("it's late", "it’s late", id="contraction"),
    pytest.param("the charge d'affaires", "the charge d’affaires", id="elision-inside-word"),
    pytest.param("a rock 'n' roll band", "a rock ’n’ roll band", id="rock-n-roll"),
    pytest.param("back in the '90s", "back in the ’90s", id="decade"),
    pytest.param("since '08 at least", "since ’08 at least", id="two-digit-year"),
    pytest.param("'Tis the season", "’Tis the season", id="tis"),
    pytest.param("tell 'em now", "tell ’em now", id="em"),
    pytest.param("at five o'clock", "at five o’clock", id="oclock"),
    pytest.param("the students' books", "the students’ books", id="plural-possessive"),
    pytest.param("James' car", "James’ car", id="s-possessive"),
    pytest.param("just goin'. Then", "just goin’. Then", id="elision-at-word-end"),
    pytest.param("in the 1990's", "in the 1990’s", id="figure-plural"),
    pytest.param("a 'quiet' word", "a ‘quiet’ word", id="single-quotation"),
    pytest.param("the U.K.'s best", "the U.K.’s best", id="suffix-after-full-stop"),
    pytest.param("the letter 's' here", "the letter ‘s’ here", id="quoted-letter-s"),
    pytest.param("\"He said 'no' to me\"", "“He said ‘no’ to me”", id="nested"),
    pytest.param("\"She said 'no'\"", "“She said ‘no’”", id="nested-closing-together"),
    pytest.param('"\'Tis late," she said', "“’Tis late,” she said", id="elision-after-open"),
    pytest.param('no\N{EM DASH}"Yes"', "no\N{EM DASH}“Yes”", id="after-em-dash"),
    pytest.param('no\N{EN DASH}"Yes"', "no\N{EN DASH}“Yes”", id="after-en-dash"),
    pytest.param('no -- "Yes"', "no -- “Yes”", id="after-double-hyphen"),
    pytest.param('no--"Yes"', "no--“Yes”", id="after-double-hyphen-tight"),
    pytest.param('a ("Yes") b', "a (“Yes”) b", id="after-parenthesis"),
    pytest.param('a ["Yes"] b', "a [“Yes”] b", id="after-bracket"),
    pytest.param('He said:"Yes."', "He said:“Yes.”", id="after-colon-tight"),
    pytest.param('He said: "Yes."', "He said: “Yes.”", id="after-colon"),
    pytest.param('He said,"yes."', "He said,“yes.”", id="after-comma-tight"),
    pytest.param('"Yes"and no', "“Yes”and no", id="close-before-letter"),
    pytest.param('"Yes."\n"No."', "“Yes.”\n“No.”", id="line-starts"),
    pytest.param(
        '"First part.\n\n"Second part.\n\n"Last part."',
        "“First part.\n\n“Second part.\n\n“Last part.”",
        id="multi-paragraph",
    ),
    pytest.param('said: "Not closed.\n\nNext.', "said: “Not closed.\n\nNext.", id="unclosed"),
    pytest.param(
        "\N{RIGHT DOUBLE QUOTATION MARK}Bird flu is here,\N{RIGHT DOUBLE QUOTATION MARK} he said",
        "“Bird flu is here,” he said",
        id="wrong-way-double",
    ),
    pytest.param(
        "\N{LEFT DOUBLE QUOTATION MARK}Go,\N{LEFT DOUBLE QUOTATION MARK} he said",
        "“Go,” he said",
        id="wrong-way-closer",
    ),
    pytest.param("don\N{LEFT SINGLE QUOTATION MARK}t", "don’t", id="wrong-way-apostrophe"),
    pytest.param("the \N{LEFT SINGLE QUOTATION MARK}90s", "the ’90s", id="wrong-way-decade"),
    pytest.param("don\N{ACUTE ACCENT}t", "don’t", id="acute-apostrophe"),
    pytest.param('"In town.\N{RIGHT DOUBLE QUOTATION MARK}', "“In town.”", id="mixed-styles"),
    pytest.param('say " no " twice', "say “ no ” twice", id="isolated-doubles-paired"),
    pytest.param(
        "\N{DOUBLE HIGH-REVERSED-9 QUOTATION MARK}Odd,\N{RIGHT DOUBLE QUOTATION MARK} he said",
        "“Odd,” he said",
        id="reversed-9",
    ),
    pytest.param('He is 5\'10" and "tall"', "He is 5'10\" and “tall”", id="inches-then-quote"),
    pytest.param('"I was 10" then', "“I was 10” then", id="figure-closes-open-quote"),
    pytest.param(
        "“A Most Odd Year, ”out now",
        "“A Most Odd Year, ”out now",
        id="curly-closer-kept-by-pairing",
    ),
    pytest.param(
        "'Allo 'allo",
        "’Allo ’allo",
        id="elision-not-listed",
        marks=pytest.mark.xfail(strict=True, reason="only listed elisions are apostrophes"),
    ),
    pytest.param(
        "'Cause I said so,' she said",
        "‘Cause I said so,’ she said",
        id="elision-word-opening-quote",
        marks=pytest.mark.xfail(strict=True, reason="'cause is read as an elision"),
    ),
]

CURLY_UNCHANGED = [
    pytest.param("5\N{PRIME}10\N{DOUBLE PRIME}", id="primes"),
    pytest.param("45\N{DEGREE SIGN}30\N{PRIME}", id="minutes"),
    pytest.param("He is 5'10\" tall", id="feet-inches"),
    pytest.param('a 12" pizza', id="inches"),
    pytest.param("a 6' wall", id="feet"),
    pytest.param('a 4"x6" card', id="inches-by"),
    pytest.param("„Ja“, sagte sie", id="german"),
    pytest.param("‚ja‘ und so", id="german-single"),
    pytest.param("«oui» et ‹non›", id="guillemets"),
    pytest.param("「はい」", id="corner-brackets"),
    pytest.param('run `x = "y"` now', id="backtick-code"),
    pytest.param('<a href="x">', id="attribute"),
    pytest.param("don`t", id="backtick-apostrophe"),
    pytest.param("a ' b", id="isolated-single"),
    pytest.param("the Senate ’s vote", id="gap-before-suffix"),
    pytest.param("“Fine,” she said. It’s ‘done’.", id="already-curly"),
    pytest.param("a b c", id="no-marks"),
]

STRAIGHT = [
    pytest.param("“Hi,” she said", '"Hi," she said', id="doubles"),
    pytest.param("it’s ‘fine’", "it's 'fine'", id="singles"),
    pytest.param("„Ja“", '"Ja"', id="german-low-9"),
    pytest.param("‚ja‘", "'ja'", id="german-single-low-9"),
    pytest.param("‟odd” ‛odd’", "\"odd\" 'odd'", id="reversed-9"),
    pytest.param("don´t", "don't", id="acute-apostrophe"),
    pytest.param("5’10”", "5'10\"", id="curly-feet-inches"),
]

STRAIGHT_UNCHANGED = [
    pytest.param("5\N{PRIME}10\N{DOUBLE PRIME}", id="primes"),
    pytest.param("«oui» ‹non›", id="guillemets"),
    pytest.param("「はい」", id="corner-brackets"),
    pytest.param('He\'s "here"', id="already-straight"),
    pytest.param("caf\N{ACUTE ACCENT} ´ x", id="acute-not-between-letters"),
    pytest.param("don`t", id="backtick"),
]

REASONS = [
    pytest.param("a “b”", "straight", "straight-quote", id="straight-quote"),
    pytest.param('a "b"', "curly", "curly-quote", id="curly-quote"),
    pytest.param("don‘t", "curly", "quote-direction", id="quote-direction"),
]


@pytest.mark.parametrize(("text", "expected"), CURLY)
def test_curly(text: str, expected: str) -> None:
    assert normalize_quotes(text, "curly") == expected


@pytest.mark.parametrize("text", CURLY_UNCHANGED)
def test_curly_leaves(text: str) -> None:
    assert normalize_quotes(text, "curly") == text


@pytest.mark.parametrize(("text", "expected"), STRAIGHT)
def test_straight(text: str, expected: str) -> None:
    assert normalize_quotes(text) == expected


@pytest.mark.parametrize("text", STRAIGHT_UNCHANGED)
def test_straight_leaves(text: str) -> None:
    assert normalize_quotes(text, "straight") == text


@pytest.mark.parametrize(("text", "style", "reason"), REASONS)
def test_reasons(text: str, style: str, reason: str) -> None:
    cleaned = clean_quotes(text, style)  # type: ignore[arg-type]
    assert {fix.reason for fix in cleaned.fixes} == {reason}


def test_keep_changes_nothing() -> None:
    assert clean_quotes("“it's”", "keep").fixes == ()


def test_unknown_style() -> None:
    with pytest.raises(ValueError, match="one of"):
        clean_quotes("a", "fancy")  # type: ignore[arg-type]


def test_one_fix_per_mark() -> None:
    cleaned = clean_quotes("\"It's 'fine',\" he said", "curly")
    assert [(f.span.start, f.span.end) for f in cleaned.fixes] == [
        (0, 1),
        (3, 4),
        (6, 7),
        (11, 12),
        (13, 14),
    ]


# --- properties -----------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w.casefold() for w in regex.findall(r"\w+", text)]


def _masked(text: str) -> str:
    return "".join("Q" if c in QUOTE_CHARS else c for c in text)


@given(any_text)
def test_never_raises_and_replays(text: str) -> None:
    for style in ("straight", "curly", "keep"):
        cleaned = clean_quotes(text, style)  # type: ignore[arg-type]
        assert apply_fixes(text, cleaned.fixes) == cleaned.text


@given(quote_soup)
def test_replay_on_quote_soup(text: str) -> None:
    for style in ("straight", "curly"):
        cleaned = clean_quotes(text, style)  # type: ignore[arg-type]
        assert apply_fixes(text, cleaned.fixes) == cleaned.text
        assert all(len(f.replacement) == f.span.end - f.span.start == 1 for f in cleaned.fixes)


@given(quote_soup)
def test_idempotent(text: str) -> None:
    for style in ("straight", "curly"):
        once = normalize_quotes(text, style)  # type: ignore[arg-type]
        assert normalize_quotes(once, style) == once  # type: ignore[arg-type]


@given(any_text)
def test_idempotent_any_text(text: str) -> None:
    once = normalize_quotes(text, "curly")
    assert normalize_quotes(once, "curly") == once


@given(quote_soup)
def test_straight_after_curly_is_straight(text: str) -> None:
    assert normalize_quotes(normalize_quotes(text, "curly")) == normalize_quotes(text)


@given(quote_soup)
def test_curly_changes_only_quote_marks(text: str) -> None:
    assert _masked(normalize_quotes(text, "curly")) == _masked(text)
    assert _words(normalize_quotes(text, "curly")) == _words(text)


@given(quote_soup)
def test_straight_leaves_no_curly_quote(text: str) -> None:
    assert not CURLY_QUOTES & set(normalize_quotes(text))


@given(quote_soup)
def test_curly_leaves_straight_double_only_in_code_or_after_figures(text: str) -> None:
    curled = normalize_quotes(text, "curly")
    code = [range(m.start(), m.end()) for m in CODE_SPAN_RE.finditer(curled)]
    for index, char in enumerate(curled):
        if char == '"' and not any(index in r for r in code):
            assert index > 0
            assert curled[index - 1].isdigit(), curled


@given(prose())
def test_plain_prose_untouched(text: str) -> None:
    assert clean_quotes(text, "curly").fixes == ()
    assert clean_quotes(text, "straight").fixes == ()


@given(curly_prose())
def test_straightened_prose_curls_back(text: str) -> None:
    straight = normalize_quotes(text)
    assert not CURLY_QUOTES & set(straight)  # the identity would fail here ...
    assert normalize_quotes(straight, "curly") == text  # ... and a style-blind curler here


@given(curly_prose())
def test_curly_prose_is_a_fixed_point(text: str) -> None:
    assert clean_quotes(text, "curly").fixes == ()
