"""A page's whole visible text: outside the body, a line that ends no sentence is furniture."""

from __future__ import annotations

import pytest
from hypothesis import given

from newsclean.article import parse_article
from newsclean.classify.page import drop_page_furniture
from newsclean.model import Block, Kind, Span
from tests.strategies import extractor_output

PROSE = (
    "The harbour board voted on Tuesday to repair the old pier, which has been closed "
    "since the winter storms damaged its timber supports."
)


def block(text: str, kind: Kind = "paragraph") -> Block:
    return Block(text, 1, Span(0, len(text)), kind)


@pytest.mark.parametrize(
    ("index", "line", "kind"),
    [
        pytest.param(0, "Home News Sport Weather", "boilerplate", id="menu-above"),
        pytest.param(3, "Contact us", "boilerplate", id="footer-below"),
        pytest.param(0, "Council says the pier will reopen!", "paragraph", id="sentence-above"),
        pytest.param(2, "What the repairs will cost", "paragraph", id="inside-body"),
        pytest.param(3, "Pier works", "subheading", id="labelled-kinds-stay"),
    ],
)
def test_outside_the_body_an_unfinished_line_is_furniture(
    index: int, line: str, kind: Kind
) -> None:
    blocks = [block(PROSE), block(PROSE), block(PROSE)]
    blocks.insert(index, block(line, kind if kind == "subheading" else "paragraph"))
    assert drop_page_furniture(blocks)[index].kind == kind


NAVIGATED = f"Home\n\nWorld\n\nSport\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nAbout us\n\nJobs"


def test_page_mode_drops_navigation_that_article_mode_keeps() -> None:
    text = NAVIGATED
    # the rules leave a short line in article mode (the learned labeller, the default, reads
    # "About us" as furniture there too); page mode takes it out whoever labels
    article = parse_article(text, source="article", labeller="rules")
    page = parse_article(text, source="page", labeller="rules")
    assert page.source == "page"
    footer = ("About us", "Jobs")
    assert [b.kind for b in page.blocks if b.text in footer] == ["boilerplate"] * 2
    assert [b.kind for b in article.blocks if b.text in footer] == ["paragraph"] * 2


def test_page_mode_drops_the_footer_under_the_default_labeller() -> None:
    page = parse_article(NAVIGATED, source="page")
    assert [b.kind for b in page.blocks if b.text in ("About us", "Jobs")] == ["boilerplate"] * 2


@pytest.mark.xfail(
    strict=True, reason="the learned labeller reads the menu item 'Sport' as a subheading"
)
def test_page_mode_drops_the_menu_under_the_default_labeller() -> None:
    page = parse_article(NAVIGATED, source="page")
    assert [b.kind for b in page.blocks if b.text in ("World", "Sport")] == ["boilerplate"] * 2


@given(extractor_output())
def test_page_mode_only_takes_unfinished_paragraphs_out(text: str) -> None:
    ruled = parse_article(text, source="article")
    page = parse_article(text, source="page")
    for before, after in zip(ruled.blocks, page.blocks, strict=True):
        assert after.kind == before.kind or (
            before.kind == "paragraph" and after.kind == "boilerplate"
        )
