"""Captions: both forms, credits, agency captions, and the body text that resembles them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text

from newsclean.blocks.shape import context_of
from newsclean.classify.captions import (
    CREDIT_HINT_RE,
    CREDIT_RE,
    POSITION_HINT_RE,
    POSITION_RE,
    is_caption,
)
from newsclean.model import Block, Span

BEFORE = (
    "The council said on Monday that the flood barrier had held through the night, "
    "although water had reached the doors of several shops."
)
AFTER_RUNNING_ON = (
    "He said the repairs to the sea wall would take at least another month to finish, "
    "and that residents should stay away."
)
AFTER_NEW = (
    "Engineers from the regional water authority arrived in the town on Tuesday to "
    "inspect the damage to the riverside path."
)


def decide(
    text: str, before: str | None = BEFORE, after: str | None = AFTER_NEW
) -> tuple[str, ...]:
    texts = [t for t in (before, text, after) if t is not None]
    blocks = [Block(t, i, Span(0, len(t))) for i, t in enumerate(texts)]
    index = texts.index(text)
    decision = is_caption(blocks[index], context_of(blocks, index))
    return decision.why if decision else ()


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        pytest.param(
            "Flooded: Shops on the high street under a foot of water", "labelled", id="labelled"
        ),
        pytest.param(
            "Cleaning Up: Volunteers clear mud from the church hall",
            "labelled",
            id="two-word-label",
        ),
        pytest.param("Photograph: Ann Lee/Harbour Pictures", "credit", id="photograph-credit"),
        pytest.param("Photo by Sam Cole/AFP via Getty Images", "credit", id="photo-by"),
        pytest.param(
            "A volunteer carries sandbags along Mill Lane in Eastwick. (AP Photo/Jo Ray)",
            "credit",
            id="agency-credit",
        ),
        pytest.param("\N{COPYRIGHT SIGN} Harbour Pictures 2024", "credit", id="copyright-sign"),
        pytest.param(
            "Media caption The mayor visits the flood barrier",
            "caption-opening",
            id="media-caption",
        ),
        pytest.param("Pictured: the flood barrier at dawn", "caption-opening", id="pictured"),
        pytest.param(
            "In this March 5, 2024, file photo, volunteers fill sandbags on Mill Lane.",
            "caption-opening",
            id="in-this-file-photo",
        ),
        pytest.param(
            "Mayor Ann Lee, left, speaks with a shop owner in Eastwick, Tuesday, March 5, 2024.",
            "position-words",
            id="agency-left",
        ),
        pytest.param(
            "Residents gather outside the town hall in Eastwick on March 5, 2024",
            "agency-caption",
            id="agency-date",
        ),
        pytest.param(
            "Mayor Ann Lee waves to the crowd in Eastwick on Tuesday, March 5, 2024, in "
            "Eastwick, Del. Lee was re-elected in May.",
            "agency-caption",
            id="agency-date-then-remark",
        ),
        pytest.param(
            "A drone video appearing to show the flooded market square",
            "descriptive-line",
            id="unlabelled-media",
        ),
    ],
)
def test_captions(text: str, signal: str) -> None:
    assert signal in decide(text)


def test_unlabelled_line_between_paragraphs_that_run_on() -> None:
    line = "The barrier was built after the great flood of the last century"
    assert decide(line, after=AFTER_RUNNING_ON) == ("descriptive-line",)
    # the same line, with no sign the paragraphs around it belong together, stays body
    assert decide(line, after=AFTER_NEW) == ()


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        pytest.param(
            'He told reporters: "We will rebuild the wall before the winter storms."',
            BEFORE,
            AFTER_NEW,
            id="colon-in-body-sentence",
        ),
        pytest.param(
            "The council has promised to publish the full report on the flood in the spring and "
            "residents will be able to comment on it at public meetings across the district",
            BEFORE,
            AFTER_NEW,
            id="long-paragraph-without-full-stop",
        ),
        pytest.param("He denied it.", BEFORE, AFTER_NEW, id="short-sentence"),
        pytest.param("Flood Defences: What Went Wrong", BEFORE, AFTER_NEW, id="title-case-heading"),
        pytest.param(
            "Flood Warning: The River Is Expected To Peak Tonight",
            None,
            BEFORE,
            id="headline-at-top",
        ),
        pytest.param(
            "Update: The road has now reopened.",
            BEFORE,
            AFTER_NEW,
            id="labelled-sentence-with-stop",
        ),
        pytest.param(
            "Last winter the same street was under water for a week",
            None,
            AFTER_NEW,
            id="no-paragraph-before",
        ),
    ],
)
def test_body_text_is_not_a_caption(text: str, before: str | None, after: str | None) -> None:
    assert decide(text, before, after) == ()


def test_label_is_reported() -> None:
    blocks = [Block("Grief: Mourners outside the chapel", 1, Span(0, 34))]
    assert is_caption(blocks[0], context_of(blocks, 0)).label == "Grief"
    blocks = [Block("Step 2: the pastry rolled out and chilled", 1, Span(0, 1))]
    assert is_caption(blocks[0], context_of(blocks, 0)).label == "Step 2"
    blocks = [Block("Pictured: the pier at dusk", 1, Span(0, 1))]
    assert is_caption(blocks[0], context_of(blocks, 0)).label == "Pictured"


@pytest.mark.xfail(strict=True, reason="a caption that ends with a full stop and names no date")
def test_known_failure_plain_sentence_caption() -> None:
    assert decide("A view of the flooded square from the church tower.")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("NEW: Crowds at the harbour tonight", id="capitals-label"),
        pytest.param(
            "Update: Road closures remain in force until the evening", id="discourse-label"
        ),
        pytest.param("WATCH:", id="bare-opening"),
        pytest.param(
            "Still, the barrier held through the night and the shops on the quay stayed dry",
            id="leans-on-the-sentence-before",
        ),
    ],
)
def test_announcements_and_run_on_lines_are_not_captions(text: str) -> None:
    assert decide(text, after=AFTER_NEW) == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Crowds on the quay at dusk. \N{COPYRIGHT SIGN} 2024 Ann Lee", id="dated-copyright"
        ),
        pytest.param("Volunteers fill sandbags on Mill Lane. Supplied", id="supplied"),
        pytest.param("Screenshot by Ann Lee/Harbour Games", id="screenshot-by"),
        pytest.param("Harbour Board archive via AP", id="via-agency"),
    ],
)
def test_credits_at_the_end(text: str) -> None:
    assert "credit" in decide(text)


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        pytest.param("An artist's view of the new pier. Coastline Studio", True, id="company"),
        pytest.param("The flooded square from the tower. Ann Lee", True, id="person"),
        pytest.param("The pier was rebuilt by Gov. Ann Lee", False, id="abbreviation"),
        pytest.param("The works were approved by Sen. Ann Lee.", False, id="finished"),
        pytest.param("The tide was out. Ann Lee said so", False, id="lower-case-tail"),
        pytest.param("The pier will reopen soon, the mayor said. Ann Lee", False, id="reported"),
    ],
)
def test_a_credit_glued_to_its_caption(text: str, glued: bool) -> None:
    assert ("glued-credit" in decide(text)) is glued


def test_a_caption_may_point_at_its_picture() -> None:
    line = "This photo appears to show the flooded market square at dawn"
    assert decide(line, after=AFTER_RUNNING_ON) == ("caption-opening", "descriptive-line")


@given(
    st.one_of(
        any_text,
        st.sampled_from(
            [
                "Ann Lee, left, greets a voter",
                "The mayor (pictured) at the pier",
                "Photo: Ann Lee/Getty Images",
                "A view of the bay (AP Photo/Jo Ray)",
                "\N{COPYRIGHT SIGN} Harbour Pictures",
            ]
        ),
    )
)
def test_the_cheap_hints_never_hide_a_caption_pattern(text: str) -> None:
    folded = text.casefold()
    if CREDIT_HINT_RE.search(folded) is None:
        assert CREDIT_RE.search(text) is None
    if POSITION_HINT_RE.search(folded) is None:
        assert POSITION_RE.search(text) is None


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        pytest.param("Ann Lee/Harbour Pictures", False, id="two-word-outlet-not-alone"),
        pytest.param("Ann Lee/HarbourPics", True, id="name-slash-outlet"),
        pytest.param("Ann Lee, AP", True, id="name-comma-agency"),
        pytest.param("Ann Lee, Leeds", False, id="name-comma-place"),
    ],
)
def test_name_and_outlet_credits(text: str, credit: bool) -> None:
    assert ("credit" in decide(text)) is credit


SHORT_SENTENCE = "The mayor did not comment."
UNFINISHED = (
    'Shopkeepers said the floods had cost them a season. "We lost the whole summer," '
    'one said, "and nobody has offered a penny"'
)


@pytest.mark.parametrize(
    ("text", "before", "after", "caption"),
    [
        pytest.param(
            "Volunteers stack sandbags along the quay wall as the tide rises",
            BEFORE,
            AFTER_NEW,
            True,
            id="scene",
        ),
        pytest.param(
            "The flooded square seen from the church tower on the morning after the storm",
            UNFINISHED,
            SHORT_SENTENCE,
            True,
            id="scene-between-looser-prose",
        ),
        pytest.param(
            "The council has promised to publish the full report in the spring",
            BEFORE,
            AFTER_NEW,
            False,
            id="narrated",
        ),
        pytest.param(
            "Sandbags sold out across the county in two days at up to 40% above the usual price",
            BEFORE,
            AFTER_NEW,
            False,
            id="figures",
        ),
        pytest.param(
            "Volunteers stack sandbags along the quay wall as the tide rises",
            "Key dates",
            AFTER_NEW,
            False,
            id="no-prose-before",
        ),
    ],
)
def test_a_described_scene_between_paragraphs(
    text: str, before: str, after: str, caption: bool
) -> None:
    assert ("descriptive-line" in decide(text, before, after)) is caption


def test_a_described_scene_may_close_a_section_before_its_crosshead() -> None:
    scene = "Volunteers stack sandbags along the quay wall as the tide rises"
    texts = [BEFORE, scene, "The cost", AFTER_NEW]
    blocks = [Block(t, i, Span(0, len(t))) for i, t in enumerate(texts)]
    assert "descriptive-line" in is_caption(blocks[1], context_of(blocks, 1)).why
    # a headline above is no prose: the scene line there is a standfirst
    blocks[0] = Block(BEFORE, 0, Span(0, 1), "headline")
    assert is_caption(blocks[1], context_of(blocks, 1)).kind is None
