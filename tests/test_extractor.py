"""After an extractor: the body's middle keeps its lines but for near-certain evidence."""

from __future__ import annotations

import pytest
from hypothesis import given

from newsclean.article import parse_article
from newsclean.classify.extractor import LONG_LINE_WORDS, keep_body_first
from newsclean.model import BODY_KINDS, Block, Kind, Span
from tests.strategies import extractor_output

PROSE = (
    "The harbour board voted on Tuesday to repair the old pier, which has been closed "
    "since the winter storms damaged its timber supports."
)


def block(text: str, kind: Kind = "paragraph", why: tuple[str, ...] = ()) -> Block:
    return Block(text, 1, Span(0, len(text)), kind, why=why)


def middle(*lines: Block) -> list[Block]:
    """``lines`` between two full paragraphs: the middle of the body."""
    return [block(PROSE), *lines, block(PROSE)]


LONG_CREDITED = " ".join(["word"] * LONG_LINE_WORDS) + " (Photo: Ann Lee/Coast Pictures)"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        pytest.param(block("Photo: Ann Lee/Coast", "caption", ("credit",)), "caption", id="credit"),
        pytest.param(block("Share this", "boilerplate", ("share-bar",)), "boilerplate", id="share"),
        pytest.param(block("By Ann Lee", "boilerplate", ("byline",)), "boilerplate", id="byline"),
        pytest.param(
            block("More on the pier", "boilerplate", ("in-furniture-run",)),
            "boilerplate",
            id="furniture-run",
        ),
        pytest.param(
            block("Boats in the harbour at dusk", "caption", ("descriptive-line",)),
            "paragraph",
            id="weak-caption",
        ),
        pytest.param(
            block("Maria Lopez, 34, a fisher", "boilerplate", ("author-bio",)),
            "paragraph",
            id="weak-furniture",
        ),
        pytest.param(block(LONG_CREDITED, "caption", ("credit",)), "paragraph", id="long-line"),
        pytest.param(block("Pier works", "subheading"), "subheading", id="subheading-stays"),
    ],
)
def test_the_middle_keeps_a_line_but_for_near_certain_evidence(line: Block, kind: Kind) -> None:
    assert keep_body_first(middle(line))[1].kind == kind


def test_a_kept_line_says_why() -> None:
    kept = keep_body_first(middle(block("Boats at dusk", "caption", ("descriptive-line",))))[1]
    assert kept.why == (keep_body_first.name,)


@pytest.mark.parametrize(
    "edge",
    [pytest.param(0, id="top"), pytest.param(-1, id="bottom")],
)
def test_the_edges_keep_their_labels(edge: int) -> None:
    weak = block("Boats in the harbour at dusk", "caption", ("descriptive-line",))
    blocks = [block(PROSE), block(PROSE), block(PROSE)]
    blocks.insert(0 if edge == 0 else len(blocks), weak)
    assert keep_body_first(blocks)[edge].kind == "caption"


def test_a_page_losing_too_much_on_weak_evidence_keeps_the_extractors_body() -> None:
    # The rules would take out half the page's words at its edges on weak evidence (more
    # than the share allowed): every weakly removed line goes back; the share bar stays out.
    weak = block("Boats in the harbour at dusk today", "caption", ("descriptive-line",))
    blocks = [
        weak,
        weak,
        block(PROSE),
        weak,
        weak,
        block("Share this", "boilerplate", ("share-bar",)),
    ]
    kinds = [b.kind for b in keep_body_first(blocks)]
    assert kinds == ["paragraph"] * 5 + ["boilerplate"]


def test_a_page_losing_little_on_weak_evidence_keeps_its_edge_labels() -> None:
    weak = block("Boats in the harbour at dusk today", "caption", ("descriptive-line",))
    kinds = [b.kind for b in keep_body_first([weak, block(PROSE), block(PROSE), block(PROSE)])]
    assert kinds == ["caption"] + ["paragraph"] * 3


DESCRIBED = f"{PROSE}\nBoats in the harbour at dusk, as seen from the old lighthouse steps\n{PROSE}"


def test_extractor_mode_keeps_a_caption_article_mode_takes_out() -> None:
    # the rules' descriptive-line signal makes it a caption (the learned labeller: furniture)
    assert parse_article(DESCRIBED, source="article", labeller="rules").blocks[1].kind == "caption"
    assert (
        parse_article(DESCRIBED, source="extractor", labeller="rules").blocks[1].kind == "paragraph"
    )


def test_extractor_mode_keeps_a_described_scene_the_default_takes_out() -> None:
    assert parse_article(DESCRIBED, source="article").blocks[1].kind not in BODY_KINDS
    assert parse_article(DESCRIBED, source="extractor").blocks[1].kind == "paragraph"


@given(extractor_output())
def test_extractor_mode_only_puts_lines_back_into_the_body(text: str) -> None:
    ruled = parse_article(text, source="article")
    kept = parse_article(text, source="extractor")
    assert kept.source == "extractor"
    assert [b.text for b in kept.blocks] == [b.text for b in ruled.blocks]
    for before, after in zip(ruled.blocks, kept.blocks, strict=True):
        assert after.kind == before.kind or after.kind in BODY_KINDS


def test_near_certain_evidence_is_read_from_the_line_not_only_from_why() -> None:
    # A labeller that names features, not signals, in ``why``: the signals are asked anew.
    share = block("Advertisement", "boilerplate", ("learned",))
    weak = block("Boats in the harbour at dusk", "caption", ("learned",))
    kinds = [b.kind for b in keep_body_first(middle(share, weak))]
    assert kinds == ["paragraph", "boilerplate", "paragraph", "paragraph"]
