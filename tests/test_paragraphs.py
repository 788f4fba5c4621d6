"""segment_paragraphs: blank-line, hard-wrapped and one-line-per-paragraph text."""

from __future__ import annotations

import regex
from hypothesis import given
from strategies import any_text, prose

from newsclean.blocks.paragraphs import segment_paragraphs, wrap_width

WRAPPED = """\
The harbour board met on Tuesday evening to decide the future of
the old pier, which has been closed to visitors since the winter
storms damaged its timber supports.

Members voted by seven to two to seek funding for the repairs,
and the chair said work could begin in the spring if the money
came through in time.
"""

DUMP = (
    "Harbour pier to reopen after repairs\n"
    "The harbour board voted on Tuesday to repair the old pier, closed since the winter "
    "storms damaged its timber supports, and to reopen it to visitors next summer.\n"
    "Members voted by seven to two, and the chair said work could begin in the spring if the "
    "money for the repairs came through in time.\n"
    "A view of the pier from the beach\n"
)


def test_blank_lines_separate_blocks() -> None:
    blocks = segment_paragraphs("Title\n\nFirst paragraph.\n\n\n\nSecond one.\n")
    assert [(b.line, b.text) for b in blocks] == [
        (1, "Title"),
        (3, "First paragraph."),
        (7, "Second one."),
    ]


def test_hard_wrapped_lines_are_joined() -> None:
    blocks = segment_paragraphs(WRAPPED)
    assert len(blocks) == 2
    assert blocks[0].text.startswith("The harbour board met")
    assert blocks[0].text.endswith("timber supports.")
    assert "\n" not in blocks[0].text
    assert blocks[1].line == 5


def test_one_paragraph_per_line_without_blank_lines() -> None:
    blocks = segment_paragraphs(DUMP)
    assert [b.line for b in blocks] == [1, 2, 3, 4]
    assert blocks[-1].text == "A view of the pier from the beach"


def test_a_dump_chunk_inside_spaced_text_is_split_by_line() -> None:
    text = "Harbour pier to reopen\n\n" + DUMP
    assert len(segment_paragraphs(text)) == 5


def test_short_lines_in_a_spaced_chunk_stay_together() -> None:
    text = "Title\n\nBy Ann Lee\n3 March 2024\n\nThe body of the article."
    assert [b.text for b in segment_paragraphs(text)] == [
        "Title",
        "By Ann Lee 3 March 2024",
        "The body of the article.",
    ]


def test_crlf_and_whitespace_lines() -> None:
    crlf = segment_paragraphs("Title\r\n \t \r\nBody one.\r\n\r\nBody two.\r\n")
    assert [(b.line, b.text) for b in crlf] == [(1, "Title"), (3, "Body one."), (5, "Body two.")]


def test_spans_cover_the_block_text() -> None:
    text = "  Title  \n\nBody   text here.\n"
    for block in segment_paragraphs(text):
        assert " ".join(block.span.slice(text).split()) == block.text


def test_wrap_width_needs_many_lines_near_one_width() -> None:
    assert wrap_width(WRAPPED) == 64
    assert wrap_width("short\nlines\nonly\nhere") is None
    assert wrap_width(DUMP) is None


@given(any_text)
def test_no_word_lost_or_reordered(text: str) -> None:
    words = regex.findall(r"\w+", text)
    joined = " ".join(b.text for b in segment_paragraphs(text))
    assert regex.findall(r"\w+", joined) == words


@given(prose())
def test_rendered_paragraphs_segment_back_to_themselves(text: str) -> None:
    blocks = segment_paragraphs(text)
    again = segment_paragraphs("\n\n".join(b.text for b in blocks))
    assert [b.text for b in again] == [b.text for b in blocks]
    # the identity segmentation (one block) would fail this on multi-paragraph prose
    assert len(blocks) == text.strip().count("\n\n") + 1


def test_a_long_line_makes_its_chunk_a_dump() -> None:
    # A title, a standfirst longer than any wrap width and a byline with no blank lines
    # between them are three blocks: extractor output, not one wrapped paragraph.
    top = (
        "Quartet returns\n"
        "After eleven years apart, the quartet return with a record that sounds as if they "
        "never left the studio at all.\n"
        "Review by Ann Lee"
    )
    assert len(segment_paragraphs(top + "\n\nBody.")) == 4


@given(any_text)
def test_crlf_and_lf_texts_segment_alike(text: str) -> None:
    lf = text.replace("\r", "")
    crlf = lf.replace("\n", "\r\n")
    first, second = segment_paragraphs(lf), segment_paragraphs(crlf)
    assert [(b.text, b.line) for b in first] == [(b.text, b.line) for b in second]


def test_one_unwrapped_line_in_wrapped_text_keeps_its_chunk_together() -> None:
    footer = (
        "--\n"
        "You are receiving this because you asked for harbour news. To stop it, reply with "
        "the word stop and we will take you off the list.\n"
        "The Harbour Bulletin, 1 Quay Street\n"
    )
    text = f"{WRAPPED}\n{WRAPPED}\n{footer}"
    assert wrap_width(text) is not None
    blocks = segment_paragraphs(text)
    assert len(blocks) == 5
    assert blocks[-1].text.startswith("-- You are receiving")
    assert blocks[-1].text.endswith("1 Quay Street")


def test_a_compound_broken_at_the_wrap_is_joined_whole() -> None:
    text = WRAPPED.replace("the old pier, which", "the old pier, a well-\nknown landmark, which")
    first = segment_paragraphs(text)[0].text
    assert "well-known landmark" in first
    assert "\n" not in first
