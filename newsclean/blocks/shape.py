"""Shape of a block and of its neighbourhood: the shallow facts every classifier reads.

Classifiers never look at raw strings twice: they ask these small predicates (how many
words, does it end a sentence, is it Title Case, does the next block run on from the
previous one) and combine them by rules stated in their own docstrings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from newsclean.arguments import require_blocks
from newsclean.chars import CLOSER_CLASS, OPENER_CLASS, SENTENCE_MARK_CLASS, lazy_compile
from newsclean.lexicon import people, words
from newsclean.lexicon.build import alternation, capitalized, only, without
from newsclean.model import Block

#: A word, for counting.
WORD_RE = lazy_compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
#: A sentence's final mark and the closing quotes or brackets after it: the one
#: sentence end every pattern below builds on.
SENTENCE_END = rf"[{SENTENCE_MARK_CLASS}][{CLOSER_CLASS}]*"
#: A full stop and the closing quotes or brackets after it.
FULL_STOP = rf"\.[{CLOSER_CLASS}]*"
#: Sentence-final punctuation, optionally followed by closing quotes or brackets (an
#: ellipsis ends a sentence here too, and guillemets and square brackets close one).
TERMINAL_RE = lazy_compile(
    rf"[{SENTENCE_MARK_CLASS}\N{{HORIZONTAL ELLIPSIS}}]"
    rf"[{CLOSER_CLASS}\N{{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}}\]]*\s*$"
)
#: How much of a block's end can hold its final punctuation and closing marks.
TAIL = 12
#: Any double quotation mark, straight or curly.
DOUBLE_QUOTE_RE = lazy_compile(r"[\"“”„]")
#: Reporting verbs: a block that reports speech is body text, whatever is around it.
REPORTED_RE = lazy_compile(
    rf"\b{alternation((*without(words.REPORTING_VERBS, 'asked', 'tells'), *words.ATTRIBUTIONS))}\b"
)
#: A block that opens with a quotation mark.
OPENS_QUOTE_RE = lazy_compile(r"^[\"“„'‘«]")
# Subjects and owners that point back (not "I", as first written), and the
# conjunctions and connectives that carry a sentence on.
_BACK_REFERENCES = alternation(
    capitalized(
        (
            *people.THIRD_PERSON_SUBJECTS,
            *people.THIRD_PERSON_POSSESSIVES,
            *without(people.FIRST_PERSON_SUBJECTS, "i"),
            *words.DEMONSTRATIVES,
        )
    )
)
_CONTINUATIONS = alternation(capitalized((*without(words.COORDINATORS, "nor"), *words.CONNECTIVES)))
#: Words that only make sense after the sentence before them (so the text runs on).
RUN_ON_RE = lazy_compile(
    rf"""^(?:
      {_BACK_REFERENCES}\b  # He, Their, This, We …
    | {_CONTINUATIONS}\b    # But, However …
    | \p{{Ll}}               # a lower-case start
    )""",
    regex.VERBOSE,
)
#: Small words that stay lower case in Title Case.
MINOR_WORDS = frozenset(
    (
        *words.ARTICLES,
        *words.COORDINATORS,
        *without(words.PREPOSITIONS, "about"),
        *words.SMALL_WORDS,
        *only(words.BE_FORMS, "be", "is"),
    )
)
#: A body paragraph is at least this long when it is a full paragraph.
PARAGRAPH_WORDS = 10
#: A score line: two sides and their points ("Lakeview State 31, Carrollton 27").
SCORE_RE = lazy_compile(
    r"^\p{Lu}[\p{L}.'’&\- ]{0,40}?\ \d{1,3},\ \p{Lu}[\p{L}.'’&\- ]{0,40}?\ \d{1,3}\b"
)
#: A row of figures holds at least this many.
FIGURES = 2
#: A finished sentence of at least this many words reads as prose.
SENTENCE_WORDS = 5
#: A sentence ending inside a block: the block holds more than one sentence.
SENTENCE_BREAK_RE = lazy_compile(rf"{SENTENCE_END}\s+[{OPENER_CLASS}]*\p{{Lu}}")
#: A gallery counter: "3 of 10", "3/10" (what it counts, "Photo 3 of 10", is the
#: lexicon's ``media.GALLERY_ITEMS``).
COUNTER = r"\d+\s*(?:of|/)\s*\d+"


@lru_cache(maxsize=16_384)
def word_count(text: str) -> int:
    """Count the words of ``text``.

    Every classifier asks this of the same blocks many times, so answers are memoised
    (a pure function of its argument, bounded in size).

    >>> word_count("It's a well-known fact, 2 times.")
    6
    """
    return len(WORD_RE.findall(text))  # one list built in C: a third of a Python count loop


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence-final punctuation (quotes may follow).

    >>> ends_sentence('He said: "Yes."'), ends_sentence("Grim: a view")
    (True, False)
    """
    tail = text.rstrip()[-TAIL:]  # only the end matters; searching all of it is slow
    return TERMINAL_RE.search(tail) is not None


def short_unfinished(text: str, max_words: int) -> bool:
    """Whether ``text`` has at most ``max_words`` words and does not end a sentence: the
    shape of list items, links, menu entries and headings.

    >>> short_unfinished("More from the coast", 5), short_unfinished("It rained.", 5)
    (True, False)
    """
    return word_count(text) <= max_words and not ends_sentence(text)


def hinted(hint: re.Pattern[str], pattern: regex.Pattern[str], text: str) -> bool:
    """Search ``pattern`` in ``text`` only where the cheap ``hint`` finds, in the case-folded
    text, one of the key words every match of ``pattern`` holds.

    >>> hinted(re.compile("photo"), regex.compile(r"Photo: \\w+"), "Photo: Ann Lee")
    True
    """
    return hint.search(text.casefold()) is not None and pattern.search(text) is not None


@lru_cache(maxsize=16_384)
def is_title_case(text: str) -> bool:
    """Whether most words of ``text`` (minor words aside) start with a capital.

    Memoised like :func:`word_count`: the subheading signals and the learned labeller ask
    it of the same blocks.

    >>> is_title_case("Fears Grow Over the Harbour"), is_title_case("Fears grow over it")
    (True, False)
    """
    words = [w for w in WORD_RE.findall(text) if w.casefold() not in MINOR_WORDS]
    if not words:
        return False
    capitals = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitals >= 0.85 * len(words) and len(words) >= 2


def has_open_quote(text: str) -> bool:
    """Whether a double quotation opened in ``text`` is still open at its end.

    >>> has_open_quote('He said: "We will go.'), has_open_quote('"Go," he said.')
    (True, False)
    """
    marks = DOUBLE_QUOTE_RE.findall(text)
    if not marks:
        return False
    if any(m in "“”„" for m in marks):
        return marks[-1] in "“„" or (marks.count("“") + marks.count("„") > marks.count("”"))
    return len(marks) % 2 == 1


def is_full_paragraph(block: Block | None) -> bool:
    """Whether ``block`` reads as a complete body paragraph (long, ends a sentence).

    >>> from newsclean.model import Span
    >>> is_full_paragraph(Block("Short.", 1, Span(0, 6)))
    False
    """
    if block is None:
        return False
    text = block.text
    return word_count(text) >= PARAGRAPH_WORDS and (ends_sentence(text) or has_open_quote(text))


def is_figures_row(text: str) -> bool:
    """Whether ``text`` holds words and at least two figures, making up a third of its
    tokens or more: a score, a row of statistics, a table line (body facts, however
    short).

    >>> is_figures_row("Pruett: 9 carries, 71 yards"), is_figures_row("More from Sport")
    (True, False)
    """
    tokens = text.split()
    figures = sum(1 for t in tokens if t[0].isdigit())
    # two figures at least: a lone "1" numbers a list, "24/7 News" names a channel
    return figures >= FIGURES and figures < len(tokens) and 3 * figures >= len(tokens)


def sentence_breaks(text: str) -> int:
    """Count the sentence ends inside ``text`` (not at its end).

    >>> sentence_breaks("It rained. The river rose. Roads shut."), sentence_breaks("Rain, 1.5in")
    (2, 0)
    """
    return len(SENTENCE_BREAK_RE.findall(text))


def reads_as_prose(block: Block | None) -> bool:
    """Whether ``block`` is body text that reads as running text: a finished sentence of
    some length, or a long block that leaves a quotation open or holds more than one
    sentence (a scraper may have dropped the final full stop).

    >>> from newsclean.model import Span
    >>> reads_as_prose(Block("She said she would not stand again.", 1, Span(0, 1)))
    True
    """
    if block is None or block.kind != "paragraph":
        return False  # headlines, furniture and captions are no running text
    text = block.text
    words = word_count(text)
    if ends_sentence(text):
        return words >= SENTENCE_WORDS
    return words >= PARAGRAPH_WORDS and (has_open_quote(text) or sentence_breaks(text) > 0)


@dataclass(frozen=True, slots=True)
class Context:
    """A block's neighbourhood: the blocks around it and where it sits."""

    before: tuple[Block, ...]
    after: tuple[Block, ...]
    index: int
    count: int
    first_body: int = -1  # index of the article's first full paragraph, -1 if none
    last_body: int = -1  # index of its last full paragraph, -1 if none

    @property
    def outside_body(self) -> bool:
        """Whether the block sits before the first or after the last full paragraph."""
        return self.first_body < 0 or not self.first_body <= self.index <= self.last_body

    @property
    def prev(self) -> Block | None:
        """The block just before, if any."""
        return self.before[-1] if self.before else None

    @property
    def next(self) -> Block | None:
        """The block just after, if any."""
        return self.after[0] if self.after else None

    @property
    def next_but_one(self) -> Block | None:
        """The block after the next one, if any."""
        return self.after[1] if len(self.after) > 1 else None


def body_bounds(blocks: Sequence[Block]) -> tuple[int, int]:
    """Indexes of the first and last full paragraphs, ``(-1, -1)`` when there are none.

    >>> from newsclean.model import Span
    >>> body_bounds([Block("Title", 1, Span(0, 5))])
    (-1, -1)
    """
    full = [i for i, b in enumerate(blocks) if is_full_paragraph(b)]
    return (full[0], full[-1]) if full else (-1, -1)


#: How to get the ``Context`` a block signal takes, for argument errors.
CONTEXT_HOW = "get it with newsclean.context_of(blocks, index)"


def context_of(
    blocks: Sequence[Block],
    index: int,
    reach: int = 3,
    *,
    first_body: int = -1,
    last_body: int = -1,
) -> Context:
    """Return the neighbourhood of ``blocks[index]``, ``reach`` blocks each way.

    >>> from newsclean.model import Span
    >>> bs = [Block(t, i, Span(0, 1)) for i, t in enumerate("abc")]
    >>> ctx = context_of(bs, 1)
    >>> ctx.prev.text, ctx.next.text, ctx.count
    ('a', 'c', 3)
    """
    blocks = require_blocks(blocks, "context_of")
    return Context(
        before=tuple(blocks[max(0, index - reach) : index]),
        after=tuple(blocks[index + 1 : index + 1 + reach]),
        index=index,
        count=len(blocks),
        first_body=first_body,
        last_body=last_body,
    )


def runs_on(context: Context) -> bool:
    """Whether the text around the block reads on across it, as if it were not there.

    True when the previous block leaves a quotation open or ends mid-sentence, or the
    next one starts with a back-reference (He, This…), a conjunction or a lower-case
    word: a sign the block between them was pasted in (a caption).

    >>> from newsclean.model import Span
    >>> b = lambda t: Block(t, 1, Span(0, 1))
    >>> runs_on(Context((b('He said: "We go.'),), (b('"Now."'),), 1, 3))
    True
    """
    prev, nxt = context.prev, context.next
    if prev is None or nxt is None:
        return False
    if has_open_quote(prev.text) or not ends_sentence(prev.text):
        return True
    return RUN_ON_RE.match(nxt.text) is not None
