"""Layout: second-pass rules that read the labels of a block's neighbours.

The first pass labels each block from its own shape and its immediate surroundings.
Some regularities only show across runs of blocks: a caption sits just before its photo
credit; a list of related headlines follows a "Related" header; a short line wedged
between two pieces of furniture is furniture too; items of a list are body text, not
captions. Each rule here is one such regularity, applied to the first pass's labels: a
``LayoutRule`` value (made by ``@layout_rule``) that adds its name to a relabelled block's
``why``, listed in ``RULES`` in the order they run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from newsclean.arguments import require_blocks
from newsclean.blocks.shape import (
    COUNTER,
    OPENS_QUOTE_RE,
    REPORTED_RE,
    ends_sentence,
    is_figures_row,
    is_full_paragraph,
    is_title_case,
    sentence_breaks,
    short_unfinished,
    word_count,
)
from newsclean.chars import CURRENCY_CLASS, lazy_compile
from newsclean.classify import boilerplate
from newsclean.classify.captions import CREDIT_RE, has_credit, is_descriptive_line, is_labelled
from newsclean.classify.signal import LayoutRule, fired, layout_rule, names
from newsclean.lexicon import furniture, media
from newsclean.lexicon.build import alternation
from newsclean.model import BODY_KINDS, HEADLINE_KINDS, Block

_LIST_HEADER = alternation((*furniture.LINK_LABELS, *furniture.LIST_HEADERS))
#: Boilerplate that heads a list of links: "Related", "More on this", "Topics".
LIST_HEADER_RE = lazy_compile(
    rf"""^\W*+(?:
      {_LIST_HEADER}
    | don['’]?t\ miss | editor['’]?s?\ picks?
    )\b""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: Gallery counters such as "3 of 10": the blocks beside them describe the photos.
COUNTER_RE = lazy_compile(
    rf"^(?:{alternation(media.GALLERY_ITEMS)}\s+)?{COUNTER}$", regex.IGNORECASE
)
#: A price at the end of a line: a listing ("… is published by X, £10.99"), not a caption.
PRICE_END_RE = lazy_compile(rf"[{CURRENCY_CLASS}]\s?\d[\d,.]*\W*$")
#: A furniture block or a short unfinished line costs the body region this much.
SCRAP_PENALTY = 8
#: Boilerplate that belongs to the article's own frame (the ``header`` signals): it does not
#: fence the body off.
HEADER_SIGNALS = names(s for s in boilerplate.SIGNALS if s.header)
#: A "Label: text" line: a capitalised label of up to four words, a colon, more text.
LABEL_FORM_RE = lazy_compile(r"^\p{Lu}[\p{L}\p{N}'’\-]*(?:\ [\p{L}\p{N}'’\-]+){0,3}:\ +\S")
#: A series of crossheads has at least this many members found by the first pass...
SERIES_HEADS = 2
#: ... and each member has at most this many words.
SERIES_WORDS = 12
#: A page captions its pictures in the text when it has this many captions...
CAPTIONS_FOR_STYLE = 2
#: ... and a lone line among them of at least this many words is one more.
CLAUSE_WORDS = 5
#: A menu item has at most this many words.
MENU_WORDS = 12
#: A finished sentence before the body is furniture only past this many pieces of it
#: (one share bar may sit between a standfirst and the body).
PROSE_FENCES_BEFORE = 2
#: Texts with fewer blocks are taken whole: the region rule is for whole pages.
MIN_PAGE_BLOCKS = 12
#: A list header has at most this many words (unless it ends with a colon).
LIST_HEADER_WORDS = 4
#: A short headline-like link in a list: at most this many words.
LINK_WORDS = 16
#: A credit line on its own ("Photo: Ann Lee/Agency") is at most this many words.
BARE_WORDS = 8
#: A name before a credit pattern has at most this many words.
NAME_WORDS = 3
#: A caption before a credit is at most this many words.
CAPTION_WORDS = 60
#: ... or, if it holds two sentences (a scene and a remark on it), this many.
TWO_SENTENCE_WORDS = 30


def _short_unfinished(block: Block) -> bool:
    return short_unfinished(block.text, LINK_WORDS)


def _relabel(block: Block, rule: LayoutRule) -> Block:
    return replace(block, kind=rule.kind, why=(*block.why, rule.name))


def _bare_credit(block: Block) -> bool:
    """A credit line with nothing else: at most a name before the credit pattern
    ("Photo: Ann Lee", "Ann Lee/Pool/Getty Images"), where "The old school gates
    (Image: Ann Lee)" is a caption with its own credit."""
    if block.kind != "caption" or not fired(block, has_credit):
        return False
    credit = CREDIT_RE.search(block.text)
    before = word_count(block.text[: credit.start()]) if credit else 0
    return before <= NAME_WORDS and word_count(block.text) <= BARE_WORDS


def _may_caption(block: Block) -> bool:
    """Body text short enough to caption a picture, and not reporting speech."""
    return (
        block.kind == "paragraph"
        and word_count(block.text) <= CAPTION_WORDS
        # a block that reports speech is body text, whatever is around it
        and REPORTED_RE.search(block.text) is None
    )


@layout_rule("before-credit", kind="caption")
def caption_before_credit(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """A sentence or two short ones just before a bare photo credit is its caption.

    A longer body paragraph before a credit belongs to a photo without a caption; reported
    speech and a listing line ending in a price stay body text.

    >>> from newsclean.model import Span
    >>> bs = [Block("A view of the bay at dusk", 1, Span(0, 1)),
    ...       Block("Photo: Ann Lee", 3, Span(0, 1), "caption", why=("credit",))]
    >>> [b.kind for b in caption_before_credit(bs)]
    ['caption', 'caption']
    """
    out = list(blocks)
    for i, block in enumerate(blocks):
        if not _may_caption(block):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        after_credit = blocks[i + 2] if i + 2 < len(blocks) else None
        # "Image source, X" then "Image caption, …": the credit leads its own caption
        credit_leads = after_credit is not None and after_credit.kind == "caption"
        if nxt is not None and _bare_credit(nxt) and not credit_leads and _describes(block):
            out[i] = _relabel(block, caption_before_credit)
    return tuple(out)


@layout_rule("after-gallery-counter", kind="caption")
def caption_after_counter(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """One sentence just after a gallery counter ("3 of 10") describes that photo.

    Run after :func:`caption_before_credit`: a block it took is no longer body text.

    >>> from newsclean.model import Span
    >>> bs = [Block("3 of 10", 1, Span(0, 1), "boilerplate"),
    ...       Block("Lanterns float on the lake", 2, Span(0, 1))]
    >>> caption_after_counter(bs)[1].why
    ('after-gallery-counter',)
    """
    out = list(blocks)
    for i, block in enumerate(blocks):
        counted = i > 0 and COUNTER_RE.match(blocks[i - 1].text) is not None
        if counted and _may_caption(block) and not sentence_breaks(block.text):
            out[i] = _relabel(block, caption_after_counter)
    return tuple(out)


def _describes(block: Block) -> bool:
    """One sentence, or two short ones, and no listing that ends in a price."""
    breaks = sentence_breaks(block.text)
    short = breaks <= 1 and word_count(block.text) <= TWO_SENTENCE_WORDS
    return (breaks == 0 or short) and PRICE_END_RE.search(block.text) is None


def _label_form(block: Block) -> bool:
    """A short unfinished "Label: text" line ("Third quarter: Visitors take the lead")."""
    return LABEL_FORM_RE.match(block.text) is not None and short_unfinished(
        block.text, SERIES_WORDS
    )


@layout_rule("crosshead-series", kind="subheading")
def crosshead_series(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Lines shaped like the article's own "Label: text" crossheads are crossheads too.

    When at least two subheadings of the article share the "Label: text" form (a live
    blog's "Third quarter: …", a guide's "Step two: …"), another short unfinished line
    of that form is one of the series, whatever stood after it or whether the first
    pass read it as a labelled caption; lines of that form next to each other are a
    list (rows of statistics, a schedule) and stay as they are. Photo credits are never
    taken.

    >>> from newsclean.model import Span
    >>> bs = [Block(t, 1, Span(0, 1), k) for t, k in (("Q1: Rain", "subheading"),
    ...       ("Q2: Sun", "subheading"), ("Q3: Fog and sleet", "caption"))]
    >>> [b.kind for b in crosshead_series(bs)]
    ['subheading', 'subheading', 'subheading']
    """
    form = [_label_form(b) for b in blocks]
    heads = sum(1 for b, f in zip(blocks, form, strict=True) if f and b.kind == "subheading")
    if heads < SERIES_HEADS:
        return tuple(blocks)
    out = list(blocks)
    for i, block in enumerate(blocks):
        if not form[i] or block.kind not in ("paragraph", "caption") or fired(block, has_credit):
            continue
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
        if not any(form[j] and blocks[j].kind != "subheading" for j in neighbours):
            out[i] = replace(_relabel(block, crosshead_series), label=None)
    return tuple(out)


@layout_rule("lone-line-among-captions", kind="caption")
def lone_line_among_captions(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """A page's only crosshead, among captions, is one more caption.

    Crossheads come in series; a page that already captions its pictures with lines
    pasted between paragraphs (at least two such captions, labelled or described) and
    shows a single sentence-case "crosshead" between two full paragraphs — a clause
    of five words or more, no question, no colon, no Title Case — has captioned one more
    picture that way ("Mount Caldera Rosa last erupted in 1955").

    >>> from newsclean.model import Span
    >>> prose = "The harbour wall gave way before dawn, and the water reached the shops."
    >>> kinds = [("paragraph", ()), ("caption", ("labelled",)), ("paragraph", ()),
    ...          ("subheading", ()), ("paragraph", ()), ("caption", ("labelled",))]
    >>> texts = [prose, "Flood: A", prose, "The pier was built in 1871", prose, "Rain: B"]
    >>> bs = [Block(t, 1, Span(0, 1), k, why=w) for t, (k, w) in zip(texts, kinds)]
    >>> lone_line_among_captions(bs)[3].kind
    'caption'
    """
    heads = [i for i, b in enumerate(blocks) if b.kind == "subheading"]
    pictured = sum(
        1
        for b in blocks
        if b.kind == "caption" and (fired(b, is_labelled) or fired(b, is_descriptive_line))
    )
    if len(heads) != 1 or pictured < CAPTIONS_FOR_STYLE:
        return tuple(blocks)
    i = heads[0]
    text = blocks[i].text
    framed = 0 < i < len(blocks) - 1 and all(is_full_paragraph(blocks[j]) for j in (i - 1, i + 1))
    clause = (
        word_count(text) >= CLAUSE_WORDS
        and not is_title_case(text)
        and not any(mark in text for mark in "?:")
        and not OPENS_QUOTE_RE.match(text)
    )
    if not (framed and clause):
        return tuple(blocks)
    out = list(blocks)
    out[i] = _relabel(blocks[i], lone_line_among_captions)
    return tuple(out)


def _list_header(block: Block) -> bool:
    """A header that a list of links follows: "Related", "More on this story:" (not a
    one-line link such as "Read more: Bridge reopens", whose target is on the line)."""
    text = block.text.rstrip()
    short = word_count(text) <= LIST_HEADER_WORDS or text.endswith(":")
    return short and LIST_HEADER_RE.match(text) is not None


@layout_rule("in-furniture-run", kind="boilerplate")
def furniture_runs(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Short unfinished body lines that follow a list header, or sit between furniture.

    After a boilerplate header such as "Related" or "Topics", the run of short lines
    without a full stop that follows is its list of links. A short unfinished line
    with furniture on both sides (or furniture before it and nothing after) is
    furniture as well.

    >>> from newsclean.model import Span
    >>> bs = [Block("Related", 1, Span(0, 1), "boilerplate"),
    ...       Block("Bridge reopens after repairs", 3, Span(0, 1))]
    >>> [b.kind for b in furniture_runs(bs)]
    ['boilerplate', 'boilerplate']
    """
    out = list(blocks)
    in_list = False
    for i, block in enumerate(out):
        if block.kind == "boilerplate":
            in_list = _list_header(block) or (in_list and _short_unfinished(block))
            continue
        if block.kind not in BODY_KINDS or not _short_unfinished(block):
            in_list = False
            continue
        prev = out[i - 1] if i else None
        nxt = out[i + 1] if i + 1 < len(out) else None
        wedged = (
            prev is not None
            and prev.kind == "boilerplate"
            and (nxt is None or nxt.kind == "boilerplate")
        )
        if in_list or wedged:
            out[i] = _relabel(block, furniture_runs)
    return tuple(out)


@layout_rule("list-item", kind="paragraph")
def list_items(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Labelled-caption look-alikes in a run of same-shaped lines are list items (body).

    "Wednesday: Clear and cold" followed by "Thursday: Sunny" is a schedule, not two
    captions: a labelled caption stands alone between paragraphs.

    >>> from newsclean.model import Span
    >>> bs = [Block("Mon: Dry", 1, Span(0, 1), "caption", label="Mon"),
    ...       Block("Tue: Wet", 2, Span(0, 1), "caption", label="Tue")]
    >>> [b.kind for b in list_items(bs)]
    ['paragraph', 'paragraph']
    """
    out = list(blocks)
    labelled = [
        b.label is not None and b.kind == "caption" and not fired(b, has_credit) for b in blocks
    ]
    lead_in = [b.text.rstrip().endswith(":") for b in blocks]
    for i, block in enumerate(blocks):
        if not labelled[i]:
            continue
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
        if any(labelled[j] for j in neighbours) or (i and lead_in[i - 1]):
            out[i] = replace(_relabel(block, list_items), label=None)
    return tuple(out)


def _region_score(block: Block) -> int:
    """How much a block says "article body": words of prose, minus for scraps."""
    words = word_count(block.text)
    if block.kind == "boilerplate":
        # a live blog's timestamps and bylines frame entries, and a gallery's counters
        # ("6 of 10") its photos: they barely cut the body
        framing = set(block.why) <= HEADER_SIGNALS or COUNTER_RE.match(block.text)
        return -1 if framing else -SCRAP_PENALTY
    if block.kind != "paragraph" and block.kind != "subheading":
        return 0  # headlines and captions neither extend nor cut the body
    if ends_sentence(block.text) or words > LINK_WORDS:
        return words
    if is_figures_row(block.text):
        return 0  # a score or a row of statistics is short but no scrap
    return -SCRAP_PENALTY


def body_region(blocks: Sequence[Block]) -> tuple[int, int] | None:
    """The run of blocks with the most body text: ``(first, last)`` indexes, or None.

    Each block scores its word count if it reads as prose (a finished sentence or a
    long block), a penalty if it is furniture or a short unfinished line, nothing if it
    is a headline, a caption or a row of figures; the best-scoring contiguous run
    (Kadane's algorithm) is the article body, as in boilerplate-removal tools that look
    for the densest text.

    >>> from newsclean.model import Span
    >>> texts = ["Home", "News", "A long first paragraph of the story that ends here.",
    ...          "And a second paragraph that also ends in the usual way.", "Contact us"]
    >>> body_region([Block(t, 1, Span(0, 1)) for t in texts])
    (2, 3)
    """
    best: tuple[int, int] | None = None
    best_sum = 0
    start, running = 0, 0
    for index, block in enumerate(blocks):
        score = _region_score(block)
        if running <= 0:
            start, running = index, 0
        running += score
        if running > best_sum:
            best_sum, best = running, (start, index)
    return best


def _fences(block: Block) -> bool:
    """Page furniture, not the article's own frame (bylines, dates, rules)."""
    return block.kind == "boilerplate" and not set(block.why) <= HEADER_SIGNALS


@layout_rule("outside-body-region", kind="boilerplate")
def outside_body(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Body-looking blocks beyond page furniture, outside the densest prose, are furniture.

    Walking out from the body region, once a piece of page furniture has been passed —
    boilerplate other than bylines, datelines and rules, which frame the article itself
    — the paragraphs and subheadings further out belong to the page: menus, teasers,
    footers. Blocks between the region and the first piece of furniture stay as they are
    (a list closing the article is still the article). Before the body a finished
    sentence needs two pieces of furniture between it and the body, since a standfirst
    often sits beyond a byline or a share bar. Applies only to texts with many blocks
    (whole pages).

    >>> outside_body([])
    ()
    """
    region = body_region(blocks)
    if region is None or len(blocks) < MIN_PAGE_BLOCKS:
        return tuple(blocks)
    first, last = region
    out = list(blocks)
    after, before = range(last + 1, len(blocks)), range(first - 1, -1, -1)
    for side, prose_fences in ((after, 1), (before, PROSE_FENCES_BEFORE)):
        fences = 0  # runs of page furniture between this block and the body
        fenced_before = False
        for i in side:
            block = blocks[i]
            fence = _fences(block)
            fences += fence and not fenced_before  # a share bar over four lines is one fence
            fenced_before = fence
            menu_item = short_unfinished(block.text, MENU_WORDS)
            needed = (
                1 if menu_item or (side is after and _short_unfinished(block)) else prose_fences
            )
            standfirst = i > 0 and blocks[i - 1].kind in HEADLINE_KINDS
            if fences >= needed and block.kind in BODY_KINDS and not standfirst:
                out[i] = _relabel(block, outside_body)
    return tuple(out)


#: The rules, in the order they run.
RULES: tuple[LayoutRule, ...] = (
    list_items,
    crosshead_series,
    caption_before_credit,
    caption_after_counter,
    furniture_runs,
    outside_body,
    lone_line_among_captions,  # counts the crossheads left once the furniture is fenced off
)


def apply_layout(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Run every layout rule over first-pass labels, in order.

    >>> apply_layout([])
    ()
    """
    blocks = require_blocks(blocks, "apply_layout")
    out = tuple(blocks)
    for rule in RULES:
        out = rule(out)
    return out
