"""Layout rules: labels that depend on the neighbours' labels."""

from __future__ import annotations

from newsclean.blocks.shape import is_figures_row
from newsclean.classify.layout import (
    body_region,
    caption_after_counter,
    caption_before_credit,
    crosshead_series,
    furniture_runs,
    list_items,
    lone_line_among_captions,
    outside_body,
)
from newsclean.model import Block, Kind, Span

PROSE = (
    "The harbour board voted on Tuesday to repair the old pier, which has been closed "
    "since the winter storms damaged its timber supports."
)


def block(text: str, kind: Kind = "paragraph", why: tuple[str, ...] = ()) -> Block:
    return Block(text, 1, Span(0, len(text)), kind, why=why)


def test_caption_before_a_bare_credit() -> None:
    blocks = [
        block(PROSE),
        block("Workers on the pier at low tide"),
        block("Photo: Ann Lee/Coast Pictures", "caption", ("credit",)),
    ]
    kinds = [b.kind for b in caption_before_credit(blocks)]
    assert kinds == ["paragraph", "caption", "caption"]


def test_two_short_sentences_before_a_credit_are_its_caption() -> None:
    scene = "The pier from the beach at dusk. The new decking will run along the left side."
    blocks = [block(PROSE), block(scene), block("Photo: Ann Lee", "caption", ("credit",))]
    assert caption_before_credit(blocks)[1].kind == "caption"
    # a paragraph of three sentences before a credit belongs to an uncaptioned photo
    paragraph = f"{scene} Work starts in May. It will take a year."
    blocks[1] = block(paragraph)
    assert caption_before_credit(blocks)[1].kind == "paragraph"


def test_reported_speech_before_a_credit_stays_body() -> None:
    blocks = [
        block("The minister said the pier would reopen in May."),
        block("Photo: Ann Lee/Coast Pictures", "caption", ("credit",)),
    ]
    assert caption_before_credit(blocks)[0].kind == "paragraph"


def test_gallery_counters_mark_captions() -> None:
    blocks = [block("3 of 10", "boilerplate"), block("Lanterns float on the lake")]
    assert caption_after_counter(blocks)[1].why[-1] == "after-gallery-counter"


def test_a_run_of_labelled_lines_is_a_list() -> None:
    blocks = [
        Block("Monday: Dry and bright", 1, Span(0, 1), "caption", label="Monday"),
        Block("Tuesday: Rain later", 2, Span(0, 1), "caption", label="Tuesday"),
    ]
    assert [b.kind for b in list_items(blocks)] == ["paragraph", "paragraph"]


def test_body_region_is_the_densest_prose() -> None:
    blocks = [block(t) for t in ("Home", "World", PROSE, PROSE, "Contact us", "Jobs")]
    assert body_region(blocks) == (2, 3)
    assert body_region([block("Home")]) is None


def test_page_furniture_beyond_the_body_is_furniture() -> None:
    menu = [block(t) for t in ("Home", "World", "Sport", "Weather")]
    footer = [
        block("Share this article", "boilerplate", ("furniture-phrase",)),
        block("Our other sites"),
        block("A teaser for another story that ends with a full stop here."),
    ]
    page = [*menu, block("Advertisement", "boilerplate", ("furniture-phrase",)), *menu]
    page += [block(PROSE)] * 6 + footer
    kinds = [b.kind for b in outside_body(page)]
    assert kinds[:4] == ["boilerplate"] * 4  # a menu beyond the advert
    assert kinds[5:9] == ["paragraph"] * 4  # short lines next to the body stay as they are
    assert kinds[-2:] == ["boilerplate", "boilerplate"]  # footer lines and teasers


def test_short_texts_are_taken_whole() -> None:
    blocks = [block("Home"), block("Share this", "boilerplate", ("x",)), block(PROSE)]
    assert outside_body(blocks) == tuple(blocks)


def test_a_one_line_link_is_not_a_list_header() -> None:
    blocks = [
        block(PROSE),
        block("Read more: Bridge reopens after repairs", "boilerplate", ("furniture-phrase",)),
        block("Traders count the cost"),
        block(PROSE),
    ]
    assert [b.kind for b in furniture_runs(blocks)][2] == "paragraph"
    header = [block("Related", "boilerplate", ("furniture-phrase",)), block("Bridge reopens")]
    assert [b.kind for b in furniture_runs(header)] == ["boilerplate", "boilerplate"]


def test_a_credit_that_leads_its_caption_does_not_caption_the_block_before() -> None:
    blocks = [
        block("The jury took three hours to reach its verdict."),
        block("Image source, Harbour Pictures", "caption", ("credit",)),
        block("Image caption, The court in Eastwick", "caption", ("caption-opening",)),
    ]
    assert caption_before_credit(blocks)[0].kind == "paragraph"


def test_a_share_bar_over_several_lines_is_one_fence() -> None:
    standfirst = block("The baker said sales rose sharply in the third quarter of the year")
    bar = [block(t, "boilerplate", ("share-bar",)) for t in ("Facebook", "X", "Email")]
    page = [block("Home"), standfirst, *bar, *[block(PROSE)] * 10]
    kinds = [b.kind for b in outside_body(page)]
    assert kinds[1] == "paragraph"  # one fence: the standfirst stays
    assert kinds[0] == "boilerplate"  # a menu item needs only one


def test_reported_speech_after_a_gallery_counter_stays_body() -> None:
    blocks = [block("2 of 10", "boilerplate"), block("The organiser said entries were up.")]
    assert caption_before_credit(blocks)[1].kind == "paragraph"


def test_lines_shaped_like_the_articles_crossheads_join_the_series() -> None:
    heads = [block(f"Day {n}: The walkers reach the coast", "subheading") for n in (1, 2)]
    lone = block("Day 3: Rain stops play", "caption", ("labelled",))
    rows = [block("Miles: 14 on the first day"), block("Climb: 900 metres in all")]
    credit = block("Photo: Ann Lee", "caption", ("credit",))
    out = crosshead_series([heads[0], block(PROSE), lone, block(PROSE), *rows, heads[1], credit])
    assert [b.kind for b in out] == [
        "subheading",
        "paragraph",
        "subheading",
        "paragraph",
        "paragraph",  # neighbouring lines of the form are a list of figures
        "paragraph",
        "subheading",
        "caption",  # a credit is never a crosshead
    ]
    assert out[2].label is None


def test_one_crosshead_is_no_series() -> None:
    blocks = [block("Day 1: The walkers set off", "subheading"), block(PROSE)]
    blocks.append(block("Day 2: Rain stops play", "caption", ("labelled",)))
    assert crosshead_series(blocks)[2].kind == "caption"


def test_rows_of_figures_do_not_cut_the_body_region() -> None:
    rows = ["Harbour 31, Town 27", "Harbour 24, Town 20"]
    texts = [PROSE, rows[0], PROSE, rows[1], PROSE]
    assert body_region([block(t) for t in texts]) == (0, 4)


def test_a_caption_with_its_own_credit_does_not_caption_the_block_before() -> None:
    sentence = "Inspectors visited the harbour office over two days in October."
    own = block("The harbour office on Quay Street (Image: Ann Lee)", "caption", ("credit",))
    assert caption_before_credit([block(PROSE), block(sentence), own])[1].kind == "paragraph"
    named = block("Ann Lee/Pool/Getty Images", "caption", ("credit",))
    assert caption_before_credit([block(PROSE), block(sentence), named])[1].kind == "caption"


def test_gallery_counters_and_the_standfirst_stay_with_the_body() -> None:
    standfirst = "The harbour board says the old pier will reopen to walkers by the late summer"
    counted = [block(f"{n} of 4", "boilerplate", ("furniture-phrase",)) for n in (1, 2, 3, 4)]
    blocks = [
        block("Pier to reopen", "headline"),
        block(standfirst),
        block("News", "boilerplate", ("section-label",)),
        block("By Ann Lee", "boilerplate", ("byline",)),
        block("Share", "boilerplate", ("share-bar",)),
        *[block(PROSE)] * 6,
        counted[0],
        block("Workers on the pier at low tide", "caption", ("descriptive-line",)),
        counted[1],
        block("The pier's owners say repairs will cost about £2m, most of it from grants."),
        counted[2],
        block("The first boats moor at the new landing stage", "caption", ("descriptive-line",)),
        counted[3],
    ]
    out = outside_body(blocks)
    assert out[1].kind == "paragraph"  # the block under the headline is its standfirst
    assert out[14].kind == "paragraph"  # counters frame the gallery inside the body
    # two pieces of furniture fence off a finished sentence that is no standfirst
    assert outside_body(blocks[1:])[0].kind == "boilerplate"


def test_a_listing_that_ends_in_a_price_is_no_caption() -> None:
    listing = block("Ann Lee: Tide Tables is published by Harbour Press, £10.99")
    credit = block("Photograph: Harbour Press", "caption", ("credit",))
    assert caption_before_credit([block(PROSE), listing, credit])[1].kind == "paragraph"


def test_a_lone_line_among_captions_is_one_more_caption() -> None:
    scenes = [
        block("Crowds: Walkers on the new decking", "caption", ("labelled",)),
        block("Gulls over the harbour at dawn on Sunday", "caption", ("descriptive-line",)),
    ]
    fact = block("The pier first opened to walkers in 1871", "subheading", ("heading-shaped",))
    blocks = [block(PROSE), scenes[0], block(PROSE), fact, block(PROSE), scenes[1], block(PROSE)]
    assert lone_line_among_captions(blocks)[3].kind == "caption"
    # a second crosshead makes a series, and crossheads in a series stay
    blocks.insert(1, block("Repairs Begin", "subheading"))
    assert lone_line_among_captions(blocks)[4].kind == "subheading"


def test_a_row_of_figures_needs_words_and_two_figures() -> None:
    assert is_figures_row("Harbour 31, Town 27")
    assert not is_figures_row("1")
    assert not is_figures_row("24/7 Harbour News Network")
