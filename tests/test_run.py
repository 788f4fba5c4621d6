"""label_blocks: the comment section, the passes in their declared order, then the layout."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text

from newsclean.blocks.shape import body_bounds, context_of
from newsclean.classify.run import FIRST_KINDS, PASSES, is_top_furniture, label_blocks
from newsclean.classify.subheadings import is_subheading
from newsclean.model import Block, Span

PROSE = (
    "The harbour board voted on Tuesday to repair the old pier, which has been closed "
    "since the winter storms damaged its timber supports."
)
LATER = (
    "Work on the timber supports will start in the spring, the board said, and should "
    "take the best part of a year to finish."
)


def page(*texts: str) -> list[Block]:
    return [Block(t, i + 1, Span(0, len(t))) for i, t in enumerate(texts)]


def test_each_pass_reads_only_labels_given_before_it() -> None:
    given_before = set(FIRST_KINDS)
    for step in PASSES:
        assert set(step.reads) <= given_before, step.kind
        given_before.add(step.kind)


def test_passes_give_distinct_kinds() -> None:
    kinds = [step.kind for step in PASSES]
    assert len(kinds) == len(set(kinds))


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        pytest.param(
            (PROSE, "Advertisement", PROSE),
            [("paragraph", ()), ("boilerplate", ("furniture-phrase",)), ("paragraph", ())],
            id="furniture",
        ),
        pytest.param(
            (PROSE, "Comments", "Great piece, thanks!", "Read more"),
            [("paragraph", ())] + [("boilerplate", ("comment-section",))] * 3,
            id="comment-section-first",
        ),
        pytest.param(
            (PROSE, "What Happens Next", LATER, LATER),
            [("paragraph", ()), ("subheading", ("heading-shaped",))] + [("paragraph", ())] * 2,
            id="crosshead",
        ),
    ],
)
def test_label_blocks(texts: tuple[str, ...], expected: list[tuple[str, tuple[str, ...]]]) -> None:
    out = label_blocks(page(*texts))
    assert [(b.kind, b.why[:1]) for b in out] == [(k, w[:1]) for k, w in expected]


def test_captions_go_before_subheadings() -> None:
    # a line describing a picture is also heading-shaped: the caption pass takes it first
    blocks = page(PROSE, "Workers on the pier at low tide", LATER, LATER)
    first, last = body_bounds(blocks)
    assert is_subheading(blocks[1], context_of(blocks, 1, first_body=first, last_body=last))
    assert label_blocks(blocks)[1].kind == "caption"


def test_headlines_stay() -> None:
    head = Block("Pier to reopen", 1, Span(0, 14), "headline")
    assert label_blocks([head, *page(PROSE)])[0] == head


def test_label_blocks_refuses_text() -> None:
    with pytest.raises(TypeError, match="sequence of Block"):
        label_blocks("Share this")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Advertisement", True, id="furniture"),
        pytest.param("By Ann Lee", True, id="byline"),
        pytest.param("Pier to reopen after storm repairs", False, id="headline"),
    ],
)
def test_is_top_furniture(text: str, expected: bool) -> None:
    assert is_top_furniture(Block(text, 1, Span(0, len(text)))) is expected


@given(st.lists(any_text, max_size=6))
def test_every_block_is_kept_in_order(texts: list[str]) -> None:
    out = label_blocks(page(*texts))
    assert [b.text for b in out] == texts


@given(st.lists(any_text, max_size=3))
def test_furniture_is_labelled(texts: list[str]) -> None:
    # Paired with the property above, which returning the blocks unchanged would pass.
    assert label_blocks(page(PROSE, *texts, "Advertisement"))[-1].kind == "boilerplate"
