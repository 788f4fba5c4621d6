"""Subheadings: the short crossheads that break a long article into sections.

A crosshead is short, does not end a sentence with a full stop, and introduces the
paragraphs that follow it. The signals are named in ``SIGNALS``; :func:`is_subheading`
combines them. It reads the labels of the boilerplate and caption passes before it.
"""

from __future__ import annotations

import regex

from newsclean.arguments import require_block, require_instance
from newsclean.blocks.shape import (
    CONTEXT_HOW,
    FULL_STOP,
    PARAGRAPH_WORDS,
    SCORE_RE,
    Context,
    ends_sentence,
    is_full_paragraph,
    is_title_case,
    short_unfinished,
    word_count,
)
from newsclean.chars import lazy_compile
from newsclean.classify.boilerplate import is_dateline
from newsclean.classify.signal import Signal, fired, signal
from newsclean.lexicon import people, words
from newsclean.lexicon.build import alternation, capitalized, without
from newsclean.model import Block, Decision

#: A summary box's title has at most this many words...
BOX_WORDS = 3
#: ... and at least this many points under it.
BOX_POINTS = 2
#: A crosshead stacked under a section heading has at most this many words.
STACK_WORDS = 6
#: A subheading has at most this many words.
MAX_WORDS = 14
#: Short enough to be a heading whatever its case.
SHORT_WORDS = 10
# Pronoun subjects and the conjunctions that open a sentence ("So" is not one, as
# first written).
_SUBJECT_OR_CONJUNCTION = alternation(
    capitalized(
        (
            *people.FIRST_PERSON_SUBJECTS,
            *people.SECOND_PERSON_SUBJECTS,
            *people.THIRD_PERSON_SUBJECTS,
            *without(words.COORDINATORS, "nor", "so"),
            *words.SUBORDINATORS,
        )
    )
)
#: Openings that make a line a sentence or a list item, not a heading: a pronoun
#: subject, a conjunction carrying on from the sentence before ("But are all …?"), a
#: quote, a number or quantity ("3 tbsp", "1."), an interview's "Q:".
SENTENCE_START_RE = lazy_compile(
    rf"""^(?:
      [\"“'‘„«(\p{{N}}\p{{Pd}}]  # a quote, a number, a dash (a post's signature)
    | {_SUBJECT_OR_CONJUNCTION}\s  # a pronoun subject or a conjunction
    | \p{{Lu}}:\s                 # an interview's "Q:"
    )""",
    regex.VERBOSE,
)
#: A label and a figure and nothing else: a row of statistics.
STAT_ROW_RE = lazy_compile(r"^[\p{L} ]{1,30}:\s*[\p{N}.,%/()\s-]+$")
#: A line wrapped whole in single quotes, apostrophes aside: a quoted crosshead, as
#: British papers set quotations in headings (speech in body text takes double quotes).
#: The repetition is possessive: it never takes a closing quote (an apostrophe needs a
#: letter after it), and giving characters back made a failed match quadratic (#13).
QUOTED_HEAD_RE = lazy_compile(r"^['‘](?:[^'‘’\"“”]++|(?<=\p{L})['’](?=\p{L}))++['’]$")
#: A full stop (not an abbreviation's) at the end.
FULL_STOP_END_RE = lazy_compile(r"(?<!\b\p{Lu})" + FULL_STOP + "$")


@signal("heading-shaped")
def is_heading_shaped(block: Block, context: Context) -> bool:
    """Short, not closed by a full stop, and not opening like a sentence.

    A quotation in single quotes, the way headings quote, is a heading's opening.
    """
    text = block.text
    return (
        0 < word_count(text) <= MAX_WORDS
        and FULL_STOP_END_RE.search(text) is None
        and (SENTENCE_START_RE.match(text) is None or _quoted_head(text))
    )


def _quoted_head(text: str) -> bool:
    return QUOTED_HEAD_RE.match(text.strip()) is not None


@signal("reads-as-heading")
def reads_as_heading(block: Block, context: Context) -> bool:
    """Title Case, a question, or ten words at most, and neither a lead-in nor figures.

    Not a lead-in (final colon or comma), a sentence trailing off (final ellipsis), a row
    of figures or a score.
    """
    text = block.text.rstrip()
    if STAT_ROW_RE.match(text) or SCORE_RE.match(text):
        return False  # "Assists: 3" or "Lakeview 31, Carrollton 27" is a row of figures
    if text.endswith((":", ",", "\N{HORIZONTAL ELLIPSIS}", "...")):
        # a lead-in to a list ("Recipients include:"), a salutation ("Hey,"), or a
        # sentence trailing off into the next block ("Here's the thing …")
        return False
    return is_title_case(text) or text.endswith("?") or word_count(text) <= SHORT_WORDS


def _led_in(before: tuple[Block, ...]) -> bool:
    """Whether the run of short unfinished lines just before opens with a lead-in colon
    ("Cons:"): a list announced that way runs on to the next paragraph."""
    for block in reversed(before):
        if block.text.rstrip().endswith(":"):
            return True
        if block.kind != "paragraph" or not short_unfinished(block.text, MAX_WORDS):
            return False
    return False


def _stands_out(block: Block, context: Context) -> bool:
    """A heading after a list: a question, a quotation in single quotes, or a
    one-to-three-word capitalised label after a list with no lead-in, with a paragraph
    after it."""
    nxt = context.next
    if nxt is None or word_count(nxt.text) < PARAGRAPH_WORDS:
        return False
    if block.text.rstrip().endswith("?") or _quoted_head(block.text):
        return True
    words = word_count(block.text)
    return (
        words <= 3
        and block.text[:1].isupper()
        and word_count(nxt.text) >= 2 * words + 2
        and not _led_in(context.before)
    )


def _opens_section(block: Block, context: Context) -> bool:
    """What follows the block opens a section under it: a longer block, a lead-in to a
    list ("Experts advise:") or a table row ("Days with a discharge: 212"), or the first
    short crosshead of the section, itself over a paragraph."""
    nxt, prev = context.next, context.prev
    after = context.next_but_one
    if nxt is None or prev is None:
        return False
    if word_count(nxt.text) > word_count(block.text):
        return True
    if nxt.kind != "paragraph" or after is None:
        return False
    lead_in = nxt.text.rstrip().endswith(":")
    if lead_in and after.kind == "paragraph" and short_unfinished(after.text, MAX_WORDS):
        return True
    if STAT_ROW_RE.match(nxt.text) is not None and not STAT_ROW_RE.match(block.text):
        return True
    return (
        not lead_in
        and short_unfinished(nxt.text, STACK_WORDS)
        and nxt.text[:1].isupper()
        and word_count(after.text) >= PARAGRAPH_WORDS
        and is_full_paragraph(prev)
    )


@signal("introduces-paragraph")
def introduces_paragraph(block: Block, context: Context) -> bool:
    """Inside the article, and followed by a longer block that is not a list item.

    Inside means after the article's first full paragraph (or, in a live blog, just after
    a timestamp and just before that paragraph); what follows must open a section under
    the block (:func:`_opens_section`), and the block before must be neither a lead-in
    colon nor a short unfinished line (a list's items are body text) unless the block
    stands out from the list (a question, or a short label closing a list that no lead-in
    announced, before a paragraph).
    """
    nxt, prev = context.next, context.prev
    if nxt is None or prev is None or prev.text.rstrip().endswith(":"):
        return False
    if (
        prev.kind == "paragraph"
        and short_unfinished(prev.text, MAX_WORDS)
        and not _stands_out(block, context)
    ):
        return False  # a run of short lines is a list, and its items are body text
    inside = context.index > context.first_body >= 0
    # a live blog's first entry: timestamp, title, then the first full paragraph
    first_entry = context.index == context.first_body - 1 and fired(prev, is_dateline)
    return (inside or first_entry) and _opens_section(block, context)


@signal("box-title")
def is_box_title(block: Block, context: Context) -> bool:
    """The title of a summary box above the body ("Key points:") over its points.

    One to three capitalised words and a colon, before the article's first full paragraph,
    over at least two unfinished body lines (the box's points). A lead-in inside the body
    ("Cons:", "Experts advise:") opens a list of body text instead.

    >>> from newsclean.model import Span
    >>> from newsclean.blocks.shape import context_of
    >>> texts = ["Key points:", "Fares rise in May", "Two lines close", "The rail operator said."]
    >>> blocks = [Block(t, 1, Span(0, 1)) for t in texts]
    >>> is_box_title(blocks[0], context_of(blocks, 0, first_body=3))
    True
    """
    text = block.text.rstrip()
    if not (text.endswith(":") and text[:1].isupper() and word_count(text) <= BOX_WORDS):
        return False
    if not 0 <= context.index < context.first_body or len(context.after) < BOX_POINTS:
        return False
    points = context.after[:BOX_POINTS]
    return all(p.kind == "paragraph" and not ends_sentence(p.text) for p in points)


#: Every one of these must hold for a crosshead.
CROSSHEAD: tuple[Signal, ...] = (is_heading_shaped, reads_as_heading, introduces_paragraph)
#: The subheading signals: a crosshead (all of ``CROSSHEAD``) or a summary box's title.
SIGNALS: tuple[Signal, ...] = (*CROSSHEAD, is_box_title)


def is_subheading(block: Block, context: Context) -> Decision:
    """Decide whether ``block`` is a crosshead: all of ``CROSSHEAD`` must hold, or it is
    the title of a summary box above the body (:func:`is_box_title`).

    Run it after the caption and boilerplate classifiers: a short caption or a "Read
    more" line also looks like a heading.

    >>> from newsclean.model import Span
    >>> from newsclean.blocks.shape import context_of
    >>> para = ("The council met on Tuesday to discuss the plan for the harbour, "
    ...         "and members spoke for hours.")
    >>> blocks = [Block(t, 1, Span(0, 1)) for t in (para, "What Happens Next", para)]
    >>> is_subheading(blocks[1], context_of(blocks, 1, first_body=0)).kind
    'subheading'
    """
    require_block(block, "is_subheading")
    require_instance(context, Context, "is_subheading", CONTEXT_HOW)
    if is_box_title.predicate(block, context):
        return Decision("subheading", (is_box_title.name,))
    if all(s.predicate(block, context) for s in CROSSHEAD):
        return Decision("subheading", tuple(s.name for s in CROSSHEAD))
    return Decision(None)
