"""Subheadings: crossheads between paragraphs, and their look-alikes."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from strategies import quoted_head_soup

from newsclean.blocks.shape import context_of
from newsclean.classify.subheadings import QUOTED_HEAD_RE, is_subheading
from newsclean.model import Block, Span

PARA = (
    "The committee heard evidence from three engineers on Wednesday, each of whom said the "
    "bridge needed urgent work."
)


def kind(
    text: str, before: tuple[str, ...] = (PARA,), after: tuple[str, ...] = (PARA,)
) -> str | None:
    texts = (*before, text, *after)
    blocks = [Block(t, i, Span(0, len(t))) for i, t in enumerate(texts)]
    first_body = 0 if before else -1
    context = context_of(blocks, len(before), first_body=first_body)
    return is_subheading(blocks[len(before)], context).kind


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A Costly Delay", id="title-case"),
        pytest.param("What happens next?", id="question"),
        pytest.param("Repairs stalled", id="short"),
        pytest.param("Engineers warn the bridge could close by spring", id="headline-style"),
    ],
)
def test_subheadings(text: str) -> None:
    assert kind(text) == "subheading"


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        pytest.param("He denied it.", (PARA,), (PARA,), id="short-sentence"),
        pytest.param("Q: Why did the repairs stall?", (PARA,), (PARA,), id="interview-question"),
        pytest.param("Here is what the engineers found:", (PARA,), (PARA,), id="lead-in-colon"),
        pytest.param('"We will fix it"', (PARA,), (PARA,), id="quote"),
        pytest.param("But will the bridge ever reopen?", (PARA,), (PARA,), id="conjunction"),
        pytest.param(
            "Here is the thing \N{HORIZONTAL ELLIPSIS}", (PARA,), (PARA,), id="trailing-off"
        ),
        pytest.param("And so, to the vote...", (PARA,), (PARA,), id="trailing-dots"),
        pytest.param("A Costly Delay", (), (PARA,), id="before-any-paragraph"),
        pytest.param("A Costly Delay", (PARA,), (), id="at-the-end"),
        pytest.param(
            "The bridge was closed to traffic after engineers raised concerns about its supports",
            (PARA,),
            (PARA,),
            id="long-line",
        ),
    ],
)
def test_not_subheadings(text: str, before: tuple[str, ...], after: tuple[str, ...]) -> None:
    assert kind(text, before, after) is None


def test_lead_ins_and_signatures_are_not_headings() -> None:
    assert kind("Key points:") is None  # a lead-in: the list that follows is the content
    assert kind("Hey babe,") is None
    assert kind("\N{EM DASH} Ann Lee (@annlee) May 3, 2024") is None


def test_a_live_blog_entry_title_before_the_first_paragraph() -> None:
    stamp = Block("16.42 GMT", 0, Span(0, 9), "boilerplate", why=("dateline",))
    title = Block("Ferries cancelled until Friday", 1, Span(0, 30))
    blocks = [stamp, title, Block(PARA, 2, Span(0, len(PARA)))]
    context = context_of(blocks, 1, first_body=2)
    assert is_subheading(title, context).kind == "subheading"


def test_a_row_of_figures_is_not_a_heading() -> None:
    assert kind("Assists: 3") is None
    assert kind("Harbour Town 24, Lakeside 20") is None


def test_a_heading_may_open_with_a_lead_in_to_its_list() -> None:
    after = ("Engineers advise:", "Keep off the bridge", PARA)
    assert kind("What to do in a closure", after=after) == "subheading"
    # furniture after the line is no lead-in, and a colon line with prose after is none
    assert kind("What to do in a closure", after=("Engineers advise:", PARA)) is None


def test_a_question_after_a_list_is_a_heading_but_the_last_item_is_not() -> None:
    items = ("You will need:", "A photo card", "A utility bill")
    question = "Why were the checks brought in?"
    assert kind(question, before=(PARA, *items), after=(PARA,)) == "subheading"
    assert kind("Passport", before=(PARA, *items), after=(question, PARA)) is None


def test_the_last_item_of_an_announced_list_is_not_a_heading() -> None:
    items = ("Cons:", "Heavy to carry", "Slow to charge")
    assert kind("No case included", before=(PARA, *items), after=(PARA,)) is None
    # a list with no lead-in may end at a short label that heads the next section
    assert kind("Verdict", before=(PARA, *items[1:]), after=(PARA,)) == "subheading"


def test_a_quotation_in_single_quotes_is_a_crosshead() -> None:
    assert (
        kind("\N{LEFT SINGLE QUOTATION MARK}It wasn't safe to cross\N{RIGHT SINGLE QUOTATION MARK}")
        == "subheading"
    )
    assert kind("'A bridge too far'", before=(PARA, "Source: council figures")) == "subheading"
    assert kind('"A bridge too far"') is None  # speech in double quotes is body text


def test_a_heading_may_open_a_table_of_figures() -> None:
    after = ("Days closed: 212", "Repairs logged: 61", PARA)
    assert kind("Closures in 2025", after=after) == "subheading"
    assert kind("Days closed: 212", after=after[1:]) is None


def test_a_summary_box_title_above_the_body() -> None:
    points = ("Repairs will cost about two million pounds", "Work starts in the spring", PARA)
    texts = ("Key facts:", *points)
    blocks = [Block(t, i, Span(0, len(t))) for i, t in enumerate(texts)]
    context = context_of(blocks, 0, first_body=3)
    assert is_subheading(blocks[0], context).why == ("box-title",)
    # inside the body the same line is a lead-in to a list of body text
    assert kind("Key facts:", after=points) is None


def test_a_section_heading_over_its_first_crosshead() -> None:
    assert kind("How the repairs were paid for", after=("Grants", PARA)) == "subheading"
    # a list's first item under a paragraph-less lead is no heading
    assert kind("Ann Lee, Harbour", after=("Eggs", "Milk")) is None


#: The quoted-heading pattern before issue #13, which gave back characters one by one
#: when a long line failed at its end (quadratic time): the oracle for the possessive one.
BACKTRACKING_QUOTED_HEAD_RE = regex.compile(r"^['‘](?:[^'‘’\"“”]|(?<=\p{L})['’](?=\p{L}))+['’]$")


@given(quoted_head_soup)
def test_the_quoted_head_pattern_matches_what_the_backtracking_one_did(text: str) -> None:
    old = BACKTRACKING_QUOTED_HEAD_RE.match(text)
    new = QUOTED_HEAD_RE.match(text)
    assert (old and old.span()) == (new and new.span())
