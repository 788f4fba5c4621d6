"""Block features: named numbers for the learned labeller, on invented blocks."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text

from newsclean.blocks.shape import body_bounds
from newsclean.learn.features import (
    block_features,
    feature_names,
    paragraph_distance,
    shape_features,
    short_run,
)
from newsclean.model import Block, Span

PARA = (
    "The ferry company said on Monday that fares would rise by a tenth from spring, "
    "blaming the cost of fuel."
)
HEADLINE = "Ferry fares to rise by a tenth"


def page(*texts: str, headline: bool = False) -> list[Block]:
    blocks = [Block(t, i + 1, Span(0, len(t))) for i, t in enumerate(texts)]
    if headline:
        blocks[0] = Block(texts[0], 1, Span(0, len(texts[0])), "headline")
    return blocks


def features_at(blocks: list[Block], index: int) -> dict[str, float]:
    return block_features(blocks, index, body_bounds(blocks))


@pytest.mark.parametrize(
    ("texts", "index", "name", "value"),
    [
        pytest.param(("Advertisement",), 0, "boilerplate:furniture-phrase", 1.0, id="furniture"),
        pytest.param(
            (PARA, "Photo: Ann Lee/Harbour Press", PARA), 1, "caption:credit", 1.0, id="credit"
        ),
        pytest.param(
            (PARA, "Photo: Ann Lee/Harbour Press", PARA),
            0,
            "next1:credit-pattern",
            1.0,
            id="credit-next",
        ),
        pytest.param(
            (PARA, "Rough seas ahead", PARA), 1, "short-between-paragraphs", 1.0, id="short-between"
        ),
        pytest.param((PARA, "Rough seas ahead", PARA), 1, "inside-body", 1.0, id="inside"),
        pytest.param(("Share", PARA, "Share"), 2, "repeats", 1.0, id="repeats"),
        pytest.param(("Home", "Travel", "Ferries", PARA), 1, "in-short-run", 1.0, id="run"),
        pytest.param(("Floods Hit The Valley",), 0, "title-case", 1.0, id="title-case"),
        pytest.param(("Who pays?",), 0, "ends-question", 1.0, id="question"),
        pytest.param(('"We had no choice," she said.',), 0, "opens-quote", 1.0, id="quote"),
        pytest.param(("A", PARA), 0, "next1:full-paragraph", 1.0, id="next-full"),
        pytest.param(("A",), 0, "prev1:missing", 1.0, id="edge"),
        # look-alikes: the same features stay off
        pytest.param((PARA, PARA, PARA), 1, "short-between-paragraphs", 0.0, id="long-between"),
        pytest.param(
            (PARA, "Rough seas ahead.", PARA),
            1,
            "short-between-paragraphs",
            0.0,
            id="finished-line",
        ),
        pytest.param(("Share", PARA, "Print"), 2, "repeats", 0.0, id="no-repeat"),
        pytest.param(("Home", PARA, "Ferries", PARA), 2, "in-short-run", 0.0, id="lone-short"),
        pytest.param((PARA,), 0, "caption:credit", 0.0, id="prose-no-credit"),
        pytest.param(("Fears grow over the harbour",), 0, "title-case", 0.0, id="sentence-case"),
    ],
)
def test_feature_values(texts: tuple[str, ...], index: int, name: str, value: float) -> None:
    assert features_at(page(*texts), index)[name] == value


def test_headline_similarity() -> None:
    other = "Walkers crowded the cliff path on Sunday as the weather turned warm at last."
    blocks = page(HEADLINE, other, "Fares rise by a tenth on the ferry", PARA, headline=True)
    assert features_at(blocks, 2)["headline-similarity"] > 0.5
    assert (
        features_at(blocks, 1)["headline-similarity"]
        < features_at(blocks, 2)["headline-similarity"]
    )


def test_previous_headline() -> None:
    blocks = page(HEADLINE, PARA, headline=True)
    assert features_at(blocks, 1)["prev1:headline"] == 1.0


@pytest.mark.parametrize(
    ("texts", "index", "expected"),
    [
        pytest.param(("Home", "News", PARA), 1, 2, id="run-of-two"),
        pytest.param((PARA, "Home", PARA), 1, 1, id="alone"),
        pytest.param((PARA, "Home"), 0, 0, id="not-short"),
    ],
)
def test_short_run(texts: tuple[str, ...], index: int, expected: int) -> None:
    assert short_run(page(*texts), index) == expected


@pytest.mark.parametrize(
    ("texts", "index", "step", "expected"),
    [
        pytest.param((PARA, "Home", "News"), 2, -1, 2, id="two-back"),
        pytest.param((PARA, "Home", "News"), 2, 1, None, id="none-after"),
        pytest.param(("Home", PARA), 0, 1, 1, id="next"),
    ],
)
def test_paragraph_distance(
    texts: tuple[str, ...], index: int, step: int, expected: int | None
) -> None:
    assert paragraph_distance(page(*texts), index, step) == expected


def test_signal_features_are_named_by_module() -> None:
    names = feature_names()
    assert "caption:credit" in names
    assert "boilerplate:byline" in names
    assert "subheading:heading-shaped" in names
    assert len(set(names)) == len(names)


def test_shape_shares() -> None:
    shape = shape_features("In 2024 the 3 ferries")
    assert shape["digit-share"] == pytest.approx(2 / 5)
    assert shape["capital-share"] == pytest.approx(1 / 5)


# --- properties ------------------------------------------------------------------------


@given(st.lists(any_text, min_size=1, max_size=5), st.data())
def test_any_text_gives_every_feature_in_range(texts: list[str], data: st.DataObject) -> None:
    blocks = page(*texts)
    index = data.draw(st.integers(0, len(blocks) - 1))
    features = features_at(blocks, index)
    assert tuple(features) == feature_names()
    assert all(math.isfinite(v) and 0.0 <= v <= 2.0 for v in features.values())


@given(st.lists(any_text, min_size=1, max_size=4))
def test_neighbours_matter(texts: list[str]) -> None:
    # A full paragraph placed before a block shows in its features: what a function that
    # looked at the block alone (or returned a constant) would miss.
    blocks = page(*texts)
    with_para = page(PARA, *texts)
    assert features_at(blocks, 0)["prev1:missing"] == 1.0
    assert features_at(with_para, 1)["prev1:full-paragraph"] == 1.0
