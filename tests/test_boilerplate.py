"""Boilerplate: furniture phrases, share bars, bylines, datelines, comments."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text, breadcrumb_soup, breadcrumb_trails

from newsclean.blocks.shape import body_bounds, context_of
from newsclean.classify import boilerplate
from newsclean.classify.boilerplate import comments_start, is_boilerplate
from newsclean.model import Block, Span

HINTED = (
    (boilerplate.COPYRIGHT_HINT_RE, boilerplate.COPYRIGHT_RE),
    (boilerplate.SIGN_OFF_HINT_RE, boilerplate.SIGN_OFF_RE),
    (boilerplate.PROMO_HINT_RE, boilerplate.PROMO_RE),
)
HINTED_EXAMPLES = (
    "\N{COPYRIGHT SIGN} 2024 Valley Echo",
    "All Rights Reserved",
    "Ann Lee CONTRIBUTED TO THIS REPORT.",
    "Write to Ann Lee at ann@example.org",
    "Sign up for our Weekly Newsletter",
    "Follow Valley Echo on Instagram",
    "Get it delivered to your inbox",
    "Try it free for 30 days",
    "We may earn a commission from links on this page",
)

PARA = (
    "The festival drew more than twelve thousand visitors over the weekend, the organisers "
    "said, the highest number since it began."
)


def blocks(*texts: str) -> list[Block]:
    return [Block(t, i, Span(0, len(t))) for i, t in enumerate(texts)]


def why(
    text: str, *, before: tuple[str, ...] = (PARA,), after: tuple[str, ...] = (PARA,)
) -> tuple[str, ...]:
    bs = blocks(*before, text, *after)
    index = len(before)
    first, last = body_bounds(bs)
    context = context_of(bs, index, first_body=first, last_body=last)
    return is_boilerplate(bs[index], context).why


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        pytest.param("What's Hot", "furniture-phrase", id="whats-hot"),
        pytest.param("Related Articles", "furniture-phrase", id="related"),
        pytest.param(
            "Read more: Festival crowds break record", "furniture-phrase", id="read-more-lead"
        ),
        pytest.param("ADVERTISEMENT", "furniture-phrase", id="advert-upper"),
        pytest.param("Story continues below advertisement", "furniture-phrase", id="continues"),
        pytest.param("Sign up for our weekly newsletter", "furniture-phrase", id="newsletter"),
        pytest.param("Tags: festival, music, summer", "furniture-phrase", id="tags"),
        pytest.param("Facebook Twitter Email WhatsApp", "share-bar", id="share-bar"),
        pytest.param(
            "\N{COPYRIGHT SIGN} 2024 Valley Echo. All rights reserved.", "copyright", id="copyright"
        ),
        pytest.param("By Priya Nair, Arts Correspondent", "byline", id="byline"),
        pytest.param("Updated 14:32 GMT, 3 March 2024", "dateline", id="dateline"),
        pytest.param("Home > News > Local", "breadcrumb", id="breadcrumb"),
        pytest.param("Jo Ray contributed to this report.", "sign-off", id="sign-off"),
    ],
)
def test_boilerplate(text: str, signal: str) -> None:
    assert signal in why(text)


def test_short_lines_need_a_signal_of_their_own() -> None:
    assert why("The match ended in a draw", after=()) == ()
    assert "name-at-edge" in why("Ann Lee", after=())
    assert "name-at-edge" not in why("Ann Lee", after=(PARA,))
    assert "no-words" in why("* * *")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(PARA, id="paragraph"),
        pytest.param(
            "She said the share of tickets sold online rose again this year.",
            id="share-in-sentence",
        ),
        pytest.param("By the end of the night, the field was empty.", id="by-in-sentence"),
        pytest.param("More than 300 volunteers helped run the site.", id="more-in-sentence"),
        pytest.param(
            "On 3 March 2024 the council approved the festival licence for five years.",
            id="date-in-sentence",
        ),
        pytest.param(
            "Email and text alerts were sent to residents before the storm hit the town.",
            id="email-word",
        ),
    ],
)
def test_body_text_is_not_boilerplate(text: str) -> None:
    assert why(text) == ()


def test_comment_section_starts_at_its_header() -> None:
    texts = (PARA, PARA, "Comments (2)", "Posted by: kite_flyer | 4 March 2024", "Great day out!")
    assert comments_start(blocks(*texts)) == 2


def test_posted_by_line_opens_comments() -> None:
    texts = (PARA, "Posted by: kite_flyer | 4 March 2024", "Great day out!")
    assert comments_start(blocks(*texts)) == 1


def test_no_comment_section_before_the_body() -> None:
    assert comments_start(blocks("Comments", PARA)) is None


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        pytest.param(
            "MAYOR UNVEILS PLAN FOR NEW HARBOUR BRIDGE AFTER VOTE", "shouted-link", id="caps"
        ),
        pytest.param("[Harbour Radio]", "bracketed-tag", id="bracket"),
        pytest.param("https://example.org/news/bridge-vote", "bare-url", id="url"),
        pytest.param("Rating: ★★★★☆", "no-words", id="rating"),
        pytest.param("Culture | Books", "breadcrumb", id="two-sections"),
        pytest.param("Join the Valley Echo WhatsApp community for alerts", "promo", id="join"),
    ],
)
def test_more_furniture(text: str, signal: str) -> None:
    assert signal in why(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("WHAT HAPPENS NEXT?", id="caps-question"),
        pytest.param("ON THE MOVE", id="short-caps"),
        pytest.param(
            "See https://example.org for the full list of closures.", id="url-in-sentence"
        ),
        pytest.param("Latest figures show the harbour is busier than ever.", id="latest-figures"),
        pytest.param("Engineers found the fault here.", id="here-in-a-sentence"),
        pytest.param("From Harbour to Hill", id="from-to-heading"),
        pytest.param("Tested by: Ann Lee RRP: £23.99", id="product-line-with-price"),
    ],
)
def test_look_alikes_stay_body(text: str) -> None:
    assert why(text) == ()


def test_a_table_row_in_capitals_is_not_a_shouted_link() -> None:
    assert "shouted-link" not in why("| HBR | HARBOUR BOARD INC. | 12.40 | -0.20 |")


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        pytest.param("WhatsApp", "share-bar", id="one-network-per-line"),
        pytest.param("Posted 4h ago, updated 2h ago", "dateline", id="relative-time"),
        pytest.param("Posted 4h ago4 hours ago", "dateline", id="glued-relative-time"),
        pytest.param("Watch Harbour v Town live on Coast TV at 3pm", "promo", id="broadcast"),
        pytest.param("£349 at Harbour Electrics", "promo", id="price-box"),
        pytest.param("Latest harbour news", "furniture-phrase", id="latest-news"),
        pytest.param("Keep an eye on your inbox for the harbour news.", "promo", id="on-inbox"),
        pytest.param("Top stories in Sport", "furniture-phrase", id="top-stories-in"),
        pytest.param("Get the full timetable for the ferries here.", "promo", id="link-here"),
        pytest.param(
            "You are receiving this email because you signed up. Unsubscribe",
            "promo",
            id="mailing-footer",
        ),
        pytest.param("Valley Desk Leeds | 3 May 2024 10:20 IST", "dateline", id="desk-and-zone"),
        pytest.param("With files from Reuters", "sign-off", id="with-files"),
        pytest.param("Rating: 4 out of 5 stars", "no-words", id="rating-words"),
    ],
)
def test_edge_furniture(text: str, signal: str) -> None:
    assert signal in why(text)


def test_a_section_name_before_the_body() -> None:
    assert "section-label" in why("Obituaries", before=(), after=(PARA,))
    assert "section-label" not in why("Obituaries", before=(PARA,), after=(PARA,))


@given(st.one_of(any_text, st.sampled_from(HINTED_EXAMPLES)))
def test_the_cheap_hints_never_hide_a_match(text: str) -> None:
    # A hint only lets its pattern be skipped: whenever it finds nothing, the pattern must
    # find nothing either.
    for hint, pattern in HINTED:
        if hint.search(text.casefold()) is None:
            assert pattern.search(text) is None, (hint.pattern, text)


def test_the_hinted_examples_match() -> None:
    assert all(any(p.search(t) for _, p in HINTED) for t in HINTED_EXAMPLES)


def test_a_score_with_a_clock_is_not_a_dateline() -> None:
    assert "dateline" not in why("Harbour Town 31, Lakeside 27, 4:12 left")


def test_a_sentence_with_a_date_is_not_a_dateline() -> None:
    assert "dateline" not in why("The new opening hours at the library take effect Jan. 4.")
    assert "dateline" in why("Updated Jan. 4")


def test_names_and_bylines() -> None:
    assert "name-at-edge" in why("Ann Lee", after=("Technology reporter", PARA))
    assert "byline" in why("From Ann Lee")
    assert "byline" not in why("From The Harbour to the Hills, the Year's Best Walks")


@pytest.mark.parametrize("text", ["Photo gallery", "Image gallery", "Popular on Harbour TV"])
def test_player_and_gallery_furniture(text: str) -> None:
    assert "furniture-phrase" in why(text)


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        pytest.param("Leave a Reply", "furniture-phrase", id="leave-a-reply"),
        pytest.param("1 of 8 1 of 8", "furniture-phrase", id="doubled-counter"),
        pytest.param("share tweet post email comments", "share-bar", id="lowercase-bar"),
        pytest.param("Try our newsletters free for 30 days", "promo", id="free-trial"),
        pytest.param("ann.lee@example.org", "bare-url", id="email-address"),
    ],
)
def test_more_page_furniture(text: str, signal: str) -> None:
    assert signal in why(text)


#: Lines of one site's furniture each, which tuning on a few pages had written into the
#: word lists and patterns; the train pages showed none carrying to other sites (#18.4).
ONE_SITE_LINES = (
    "Video Ad Feedback",
    "View full size",
    "View/Post Comments",
    "On our radar",
    "Just for you",
    "Keep up to date",
    "Reuse this content",
    "Key events",
    "Explore further",
    "Comments powered by Disqus",
    "Sign the guest book",
    "To send a wreath, please visit our Memorial Store.",
    "Ann Lee owns shares of Harbour Holdings.",
    "For personal, non-commercial use only",
    "Receive updates by email",
    "Get the Harbour Post delivered to your letterbox",
    "ann.lee@example.org (END)",
)


@pytest.mark.parametrize("text", ONE_SITE_LINES)
def test_no_word_list_names_one_sites_furniture(text: str) -> None:
    # These are left to the layout pass and the learned labeller, which learns a site's
    # words from its pages; the lists keep furniture that many sites print.
    assert why(text) == ()


@pytest.mark.parametrize("header", ["Memories and Condolences", "Read/Post Comments"])
def test_one_sites_comment_header_opens_no_comment_section(header: str) -> None:
    assert comments_start(blocks(PARA, header, "So sorry to hear this.")) is None


def test_comment_prompts_open_the_comment_section() -> None:
    texts = (PARA, "36 comments. Share your thoughts »", "Great piece!")
    assert comments_start(blocks(*texts)) == 1


def test_first_name_bios_only_after_the_body() -> None:
    assert "author-bio" in why("Ann is a reporter for the Valley Echo.", after=())
    assert "author-bio" not in why("Ann is a reporter for the Valley Echo.", after=(PARA,))


#: The trail pattern as it was before issue #13: right, but it re-split every level of a
#: long line that failed at its end (quadratic time). The oracle for the atomic rewrite.
BACKTRACKING_BREADCRUMB_RE = regex.compile(
    r"^[^>»/|]{1,30}(?:(?:\s*[>»›|]\s*|\s+/\s+)[^>»›/|]{1,30}){2,}$"
    r"|^\p{Lu}\w*(?:\ \p{Lu}\w*)?\ [|>»›]\ \p{Lu}\w*(?:\ \p{Lu}\w*)?$"
)


@pytest.mark.parametrize(
    ("text", "trail"),
    [
        pytest.param("Home > News > World", True, id="arrows"),
        pytest.param("Home \u203a News \u203a Local", True, id="single-guillemets"),
        pytest.param("Home / News / World", True, id="spaced-slashes"),
        pytest.param("Culture | Books", True, id="two-sections"),
        pytest.param("Home >  > World", True, id="blank-level"),
        pytest.param("Home/News/World", False, id="unspaced-slashes"),
        pytest.param("Home > News > " + "x" * 31, False, id="level-too-long"),
        pytest.param("Home > News >", False, id="trailing-separator"),
    ],
)
def test_breadcrumb_pattern(text: str, trail: bool) -> None:
    assert (boilerplate.BREADCRUMB_RE.match(text) is not None) is trail


@given(st.one_of(breadcrumb_soup, breadcrumb_trails()))
def test_the_breadcrumb_pattern_matches_what_the_backtracking_one_did(text: str) -> None:
    old = BACKTRACKING_BREADCRUMB_RE.match(text)
    new = boilerplate.BREADCRUMB_RE.match(text)
    assert (old and old.span()) == (new and new.span())
