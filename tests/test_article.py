"""parse_article: the pipeline's laws on any text, and its shape on invented articles."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from strategies import any_text, furnished_articles, prose

from newsclean.article import parse_article
from newsclean.io.render import render_text
from newsclean.model import LABELLERS, Labeller
from newsclean.text.pipeline import fix_text

WORD_RE = regex.compile(r"\w+")
PROSE = (
    "Crews on the island ferries voted on Monday to accept a pay offer, ending a strike "
    "that had stranded hundreds of passengers over the weekend."
)

ARTICLE = """\
Ferry Strike Ends As Crews Accept Pay Offer | The Coast Courier

Ferry Strike Ends As Crews Accept Deal

By Ann Lee

Crews on the island ferries voted on Monday to accept a pay offer, ending a strike that had \
stranded hundreds of passengers over the weekend.

Stranded: Passengers wait at the harbour terminal in Port Ellen

The union said members had backed the deal by a large majority, and sailings would resume \
on Tuesday morning.

Share this article
"""


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD_RE.findall(text)]


#: The byline's kind under the learned labeller (the default): its second stage reads
#: "By Ann Lee" as a caption, because a labelled caption sits two blocks below (hidden
#: either way; the lead retrains). A strict xfail: a model that gets it right shows up.
_BYLINE_READ_AS_CAPTION = pytest.mark.xfail(
    strict=True, reason="the learned labeller reads the byline 'By Ann Lee' as a caption"
)


@pytest.mark.parametrize(
    "labeller",
    [
        pytest.param("rules", id="rules"),
        pytest.param("learned", marks=_BYLINE_READ_AS_CAPTION, id="learned-default"),
    ],
)
def test_invented_article_kinds(labeller: Labeller) -> None:
    article = parse_article(ARTICLE, labeller=labeller)
    assert [b.kind for b in article.blocks] == [
        "headline",
        "alt_headline",
        "boilerplate",
        "paragraph",
        "caption",
        "paragraph",
        "boilerplate",
    ]


def test_invented_article_headline_site_caption_label_and_lines() -> None:
    article = parse_article(ARTICLE)
    assert [b.kind for b in article.blocks if b.kind in ("paragraph", "headline")] == [
        "headline",
        "paragraph",
        "paragraph",
    ]
    assert article.site == "The Coast Courier"
    assert article.headline == "Ferry Strike Ends As Crews Accept Pay Offer"
    assert article.blocks[4].label == "Stranded"
    assert [b.line for b in article.blocks] == [1, 3, 5, 7, 9, 11, 13]


def test_lines_refer_to_the_input_even_when_blank_lines_collapse() -> None:
    article = parse_article("Title\r\n\r\n\r\n\r\nBody text here.\r\n")
    assert [b.line for b in article.blocks] == [1, 5]


def test_rejects_bytes() -> None:
    with pytest.raises(TypeError, match="takes the text as a str"):
        parse_article(b"bytes")  # type: ignore[arg-type]


@given(any_text)
def test_never_raises_and_loses_no_word(text: str) -> None:
    article = parse_article(text, quotes="keep")
    joined = " ".join(b.text for b in article.blocks)
    assert words(joined) == words(fix_text(text, quotes="keep"))


@given(prose())
def test_text_output_parses_back_to_the_same_article(text: str) -> None:
    first = parse_article(text)
    shown = [b.text for b in first.blocks if b.kind in ("headline", "paragraph")]
    second = parse_article("\n\n".join(shown) + "\n")
    assert second.headline == first.headline
    assert second.body == first.body


@given(prose())
def test_kinds_do_not_depend_on_trailing_whitespace_or_line_endings(text: str) -> None:
    kinds = [b.kind for b in parse_article(text).blocks]
    messy = "\r\n".join(line + "  \t" for line in text.split("\n"))
    assert [b.kind for b in parse_article(messy).blocks] == kinds


def test_the_identity_would_fail_the_round_trip() -> None:
    # the law above is not vacuous: the fixed text differs from a messy input
    assert fix_text("Caf\u00c3\u00a9  au\u00a0lait") == "Café au lait"


# --- cleaning a cleaned text changes nothing, whoever labels ----------------------------


@settings(max_examples=300, deadline=None)
@given(furnished_articles)
def test_cleaning_the_clean_text_again_changes_nothing(text: str) -> None:
    once = render_text(parse_article(text))
    assert render_text(parse_article(once)) == once


@pytest.mark.xfail(strict=True, reason="the rules do not settle: a repeat of the headline")
def test_the_rules_clean_a_clean_text_again_to_the_same() -> None:
    # furniture between the headline and its repeat: once it is gone, the repeat is read as
    # an alt_headline and left out; the learned labeller's settling reads it so at once
    once = render_text(parse_article("A a a.\n\nShare this\n\nA a a.\n", labeller="rules"))
    assert render_text(parse_article(once, labeller="rules")) == once


@pytest.mark.parametrize("labeller", LABELLERS)
def test_the_text_outputs_site_line_is_read_back_as_the_site(labeller: Labeller) -> None:
    text = f"Storm hits coast | The Ledger\n\n{PROSE}\n\nShare this\n"
    once = render_text(parse_article(text, labeller=labeller))
    again = parse_article(once, labeller=labeller)
    assert once.startswith("Storm hits coast\n\nsite: The Ledger\n\n")
    assert (again.headline, again.site) == ("Storm hits coast", "The Ledger")
    assert render_text(again) == once


def test_a_site_line_elsewhere_is_text() -> None:
    text = f"Storm hits coast\n\n{PROSE}\n\nsite: The Ledger\n"
    assert parse_article(text, labeller="rules").site is None
