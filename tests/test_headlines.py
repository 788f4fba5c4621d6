"""Headlines: variants, repeats, site-name suffixes, glued repeats."""

from __future__ import annotations

import pytest

from newsclean.blocks.headlines import (
    is_headline_shaped,
    similarity,
    split_glued,
    split_headlines,
    split_site,
)
from newsclean.model import Block, Span

BODY = "The council approved the budget on Tuesday after a long and heated debate."


def blocks(*texts: str) -> list[Block]:
    return [Block(t, 1 + 2 * i, Span(0, len(t))) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("title", "h1", "expected"),
    [
        pytest.param(
            "Bridge reopens | The Valley Echo",
            None,
            ("Bridge reopens", "The Valley Echo"),
            id="pipe",
        ),
        pytest.param(
            "Rates rise again - WSJ", None, ("Rates rise again", "WSJ"), id="dash-acronym"
        ),
        pytest.param(
            "Bridge reopens — Riverside Gazette",
            None,
            ("Bridge reopens", "Riverside Gazette"),
            id="em-dash",
        ),
        pytest.param(
            "Bridge reopens · example.com", None, ("Bridge reopens", "example.com"), id="domain"
        ),
        pytest.param(
            "Bridge reopens after two years - The Harbour Town Weekly Post",
            "Bridge reopens after two years",
            ("Bridge reopens after two years", "The Harbour Town Weekly Post"),
            id="long-site-confirmed-by-h1",
        ),
        pytest.param(
            "Valley Echo | Bridge reopens",
            "Bridge reopens",
            ("Bridge reopens", "Valley Echo"),
            id="prefix-confirmed",
        ),
        pytest.param(
            "Valley Echo | Bridge reopens",
            None,
            ("Valley Echo | Bridge reopens", None),
            id="prefix-unconfirmed-left-alone",
        ),
    ],
)
def test_split_site(title: str, h1: str | None, expected: tuple[str, str]) -> None:
    assert split_site(title, h1) == expected


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("Brexit talks - what happens next", id="lowercase-tail"),
        pytest.param("Storm hits coast", id="no-separator"),
        pytest.param(
            "Ten years on - The Long Road Back From The Floods Of 2014", id="long-dash-tail"
        ),
        pytest.param("Vote count: a guide", id="colon-is-not-a-site-separator"),
    ],
)
def test_split_site_leaves_headlines_alone(title: str) -> None:
    assert split_site(title) == (title, None)


def test_split_glued() -> None:
    assert split_glued("Ferry strike ends Ferry strike ends") == "Ferry strike ends"
    assert split_glued("Ferry strike endsFerry strike ends") == "Ferry strike ends"
    assert split_glued("Ferry strike ends strike ends") is None
    assert split_glued("no no") is None


def test_similarity_is_symmetric_and_bounded() -> None:
    a, b = "Hospital wing opens in Hull", "New wing opens at Hull hospital"
    assert similarity(a, b) == similarity(b, a) == 1.0
    assert similarity("", b) == 0.0


def test_headline_shape() -> None:
    assert is_headline_shaped("Minister Quits Over Expenses Row")
    assert is_headline_shaped("Who will pay for the new bridge?")
    assert not is_headline_shaped(BODY)
    assert not is_headline_shaped("")


def test_variant_headlines_on_top() -> None:
    result = split_headlines(
        blocks(
            "Crisis Talks: Mayor Urges Calm After Night Of Flooding Leaves Hundreds Homeless",
            "Flooding: Mayor Urges Calm As Hundreds Left Homeless",
            BODY,
        )
    )
    assert [b.kind for b in result.blocks] == ["headline", "alt_headline", "paragraph"]
    assert result.alt_headlines == ("Flooding: Mayor Urges Calm As Hundreds Left Homeless",)


def test_exact_repeat_and_site() -> None:
    result = split_headlines(blocks("Ferry strike ends | Coast News", "Ferry strike ends", BODY))
    assert (result.headline, result.site) == ("Ferry strike ends", "Coast News")
    assert [b.kind for b in result.blocks] == ["headline", "alt_headline", "paragraph"]


def test_glued_headline_keeps_its_words_in_one_block() -> None:
    result = split_headlines(blocks("Ferry strike ends Ferry strike ends", BODY))
    assert result.headline == "Ferry strike ends"
    assert result.alt_headlines == ("Ferry strike ends",)
    assert result.blocks[0].text == "Ferry strike ends Ferry strike ends"


def test_a_standfirst_is_not_a_variant() -> None:
    result = split_headlines(
        blocks(
            "Ferry strike ends",
            "Crews return to work after a deal on pay was agreed overnight.",
            BODY,
        )
    )
    assert [b.kind for b in result.blocks] == ["headline", "paragraph", "paragraph"]


def test_no_headline_when_the_text_starts_with_prose() -> None:
    result = split_headlines(blocks(BODY, BODY))
    assert result.headline is None
    assert all(b.kind == "paragraph" for b in result.blocks)


def test_skipped_furniture_before_the_headline() -> None:
    result = split_headlines(
        blocks("Home > News > Local", "Ferry strike ends", BODY),
        skip=lambda b: ">" in b.text,
    )
    assert [b.kind for b in result.blocks] == ["paragraph", "headline", "paragraph"]


def test_a_long_finished_sentence_under_the_headline_is_a_standfirst() -> None:
    result = split_headlines(
        blocks(
            "Ferry strike ends",
            "Ferry strike ends after crews accept a late pay offer from the operator.",
            BODY,
        )
    )
    assert [b.kind for b in result.blocks] == ["headline", "paragraph", "paragraph"]


def test_a_title_may_end_in_an_abbreviation() -> None:
    assert is_headline_shaped("The 4 Stocks That Slid on Monday - Harbour Wall St.")


def test_a_score_line_is_not_a_variant() -> None:
    result = split_headlines(
        blocks("Saints edge Rovers in derby thriller", "Saints 19 Rovers 16", BODY)
    )
    assert [b.kind for b in result.blocks] == ["headline", "paragraph", "paragraph"]


def test_a_colon_prefix_is_a_site_only_when_confirmed_and_named_again() -> None:
    title = "Harbour Weekly: Pier review - the best walk on the coast"
    h1 = "Pier review: the best walk on the coast"
    page = ["Photo: Ann Lee/Harbour Weekly", "Harbour Weekly may earn a commission."]
    assert split_site(title, h1, page) == (
        "Pier review - the best walk on the coast",
        "Harbour Weekly",
    )
    assert split_site(title, h1) == (title, None)  # a topic kicker also ends in a colon
    assert split_site(title, None, page) == (title, None)
    kicker = "Syria Crisis: Monitors reach the town"
    assert split_site(kicker, "Monitors reach the town", ["The Syria crisis deepened."]) == (
        kicker,
        None,
    )
