"""Quote and spacing rules, NC2xx: quotation marks that disagree, and a scraper's spaces.

Two rules read the text themselves: :data:`mixed_quotes` counts the marks of each style,
:data:`unbalanced_quote` pairs double marks within a paragraph. The rest report the
pipeline's fixes for their reasons, one row of :data:`TABLE` each.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

import regex

from newsclean.blocks.shape import OPENS_QUOTE_RE
from newsclean.chars import lazy_compile
from newsclean.lint.rule import (
    LintSource,
    ReasonRow,
    Rule,
    Yielded,
    in_code_order,
    in_prose,
    reason_rules,
    rule,
)
from newsclean.model import Fix, QuoteStyle, Span, map_back
from newsclean.text.encoding import keep_repair_stable
from newsclean.text.quotes import clean_quotes

# A blank line (possibly holding spaces): the paragraph boundary for quote balance.
_PARAGRAPH_BREAK_RE = lazy_compile(
    r"""
    (?: \r\n | \r(?!\n) | \n ) [\ \t]* (?: \r\n | \r(?!\n) | \n )  # a line end, an empty line's end
    """,
    regex.VERBOSE,
)

# Double quotation marks that open, close, or (straight) either, for the balance check.
_DOUBLE_MARK_RE = lazy_compile(
    r"""
      (?P<open> \N{LEFT DOUBLE QUOTATION MARK} )       # curly opener
    | (?P<close> \N{RIGHT DOUBLE QUOTATION MARK} )     # curly closer
    | (?<! [0-9] ) (?P<straight> \N{QUOTATION MARK} )  # straight; after a figure it is inches
    """,
    regex.VERBOSE,
)

# Curly marks counted against straight ones (not German or angle marks: other styles).
_CURLY_CLASS = (
    r"\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
    r"\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
)

# Quotation marks and apostrophes by style, for the mixed-style count.
_STYLED_MARK_RE = lazy_compile(
    rf"""
      (?<! [0-9] ) (?P<straight> [\N{{QUOTATION MARK}}\N{{APOSTROPHE}}] )  # not feet or inches
    | (?P<curly> [{_CURLY_CLASS}] )                                      # any curly mark
    """,
    regex.VERBOSE,
)


# Quoting styles whose pairing this balance check does not model: German, French.
_FOREIGN_QUOTES_RE = lazy_compile(
    r"[\N{DOUBLE LOW-9 QUOTATION MARK}\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}]"
)


def _untouched(fixes: Sequence[Fix], pipeline: Sequence[Fix]) -> tuple[Fix, ...]:
    """The ``fixes`` that lie outside every ``pipeline`` fix (sorted, disjoint spans).

    A quotation mark inside mojibake ("â€”" holds a ”) is left for the next round, once
    the encoding fix has turned the mojibake back into what it was.
    """
    starts = [f.span.start for f in pipeline]
    out = []
    for fix in fixes:
        index = bisect_right(starts, fix.span.start) - 1
        if index < 0 or pipeline[index].span.end <= fix.span.start:
            out.append(fix)
    return tuple(out)


def _original(source: LintSource, offset: int) -> int:
    """Map an offset of the cleaned text to the text as given (after a deleted space)."""
    return map_back(source.cleaned.fixes, [offset], end=False, at_deletion="after")[0]


@rule("NC201", "mixed-quotes")
def mixed_quotes(source: LintSource) -> Iterator[Yielded]:
    """Straight and curly quotation marks mixed in one text (no style configured); the fix
    brings every mark to the style used more, straight on a tie.

    Reported once, at the first mark of the less used style; the fix restyles as
    `newsclean clean --quotes` would.

    Why: mixed marks show text pasted from two sources, and a search for a quotation in one
    style misses it in the other.

    Bad: `"Yes," she said. “No.”`

    Good: `"Yes," she said. "No."`
    """
    if source.quotes != "keep":
        return  # with a style set, NC204 reports every mark of the other style
    # Counted in the cleaned text, so marks inside mojibake and entities count too; not
    # in protected text (Markdown code), whose marks are no style the prose chose.
    found = [(m.lastgroup or "", m.start()) for m in _STYLED_MARK_RE.finditer(source.cleaned.text)]
    prose = in_prose(source, [pos for _, pos in found])
    marks = [mark for mark, keep in zip(found, prose, strict=True) if keep]
    straight = sum(1 for kind, _ in marks if kind == "straight")
    curly = len(marks) - straight
    if not straight or not curly:
        return
    minority = "straight" if straight < curly else "curly"
    first = _original(source, next(pos for kind, pos in marks if kind == minority))
    style: QuoteStyle = "curly" if minority == "straight" else "straight"
    restyled = [
        f
        for f in clean_quotes(source.text, style).fixes
        if f.reason in ("curly-quote", "straight-quote")
    ]
    message = f"quotes mixed: {curly} curly, {straight} straight; first {minority} mark here"
    fixes = keep_repair_stable(source.text, _untouched(restyled, source.cleaned.fixes))
    yield Span(first, first + 1), message, fixes


def _paragraphs(text: str) -> Iterator[Span]:
    """Yield the spans of the blank-line separated paragraphs of ``text``."""
    start = 0
    for match in _PARAGRAPH_BREAK_RE.finditer(text):
        yield Span(start, match.start())
        start = match.end()
    yield Span(start, len(text))


def _unbalanced(
    text: str, span: Span, continued: bool, skip: frozenset[int] = frozenset()
) -> tuple[int, str] | None:
    """Where a paragraph's double quotation marks fail to pair, and how, if they do;
    marks at the ``skip`` offsets (protected text) do not count."""
    depth = 0
    opened: list[int] = []
    for match in _DOUBLE_MARK_RE.finditer(text, span.start, span.end):
        if match.start() in skip:
            continue
        kind = match.lastgroup
        if kind == "open" or (kind == "straight" and not depth):
            depth += 1
            opened.append(match.start())
        elif depth:
            depth -= 1
            opened.pop()
        else:
            return match.start(), "closing quotation mark with no opening one"
    # A quotation running over several paragraphs leaves each but the last one open, and
    # the next paragraph starts by re-opening it.
    if opened and not continued:
        return opened[-1], "quotation opened here is never closed in its paragraph"
    return None


def _continues(following: Sequence[str]) -> bool:
    """Whether the next paragraph re-opens the quotation, maybe after one with no marks at
    all (a caption or an advert scraped into the middle of a long quotation)."""
    for paragraph in following:
        if OPENS_QUOTE_RE.match(paragraph):
            return True
        if _DOUBLE_MARK_RE.search(paragraph):
            return False
    return False


def _protected_marks(source: LintSource) -> frozenset[int]:
    """Offsets in the cleaned text of the double marks inside protected text."""
    if not source.protected:
        return frozenset()
    offsets = [m.start() for m in _DOUBLE_MARK_RE.finditer(source.cleaned.text)]
    prose = in_prose(source, offsets)
    return frozenset(o for o, keep in zip(offsets, prose, strict=True) if not keep)


@rule("NC202", "unbalanced-quote", fixable=False)
def unbalanced_quote(source: LintSource) -> Iterator[Yielded]:
    """A double quotation left open or closed without opening, within a paragraph (a
    quotation continued in the next paragraph is fine).

    Why: an unclosed quotation usually means the scraper dropped words or a line, and it
    makes every later quotation read inside out.

    Bad: `He said: "We go.` + `Then he left.`

    Good: close the quotation
    """
    # Read in the cleaned text: mojibake can hold a quotation mark ("â€”" is an em dash).
    text = source.cleaned.text
    spans = list(_paragraphs(text))
    skip = _protected_marks(source)
    for index, span in enumerate(spans):
        if _FOREIGN_QUOTES_RE.search(text, span.start, span.end):
            continue
        following = [s.slice(text) for s in spans[index + 1 : index + 3]]
        found = _unbalanced(text, span, _continues(following), skip)
        if found:
            at = _original(source, found[0])
            yield Span(at, at + 1), found[1], ()


#: The quote and spacing rules that report the pipeline's fixes: code, name, the
#: reasons reported, message, docstring.
TABLE: tuple[ReasonRow, ...] = (
    ReasonRow(
        "NC203",
        "quote-direction",
        ("quote-direction",),
        "quotation mark {old} points the wrong way: {new}",
        """A curly quotation mark pointing the wrong way (curly style).

        Why: a closing mark where an opening one belongs is a scraping or typing slip that
        readers notice and tools cannot pair.

        Bad: `”Bird flu,” he said`

        Good: `“Bird flu,” he said`
        """,
    ),
    ReasonRow(
        "NC204",
        "quote-style",
        ("straight-quote", "curly-quote"),
        "{old} is not in {quotes} style: {new}",
        """A quotation mark or apostrophe not in the configured style.

        Why: the project chose one style (`quotes` setting); a mark in the other style is
        inconsistent and defeats exact-match search.

        Bad: style curly: `it's`

        Good: `it’s`
        """,
    ),
    ReasonRow(
        "NC205",
        "space-inside-quotes",
        ("space-inside-quote",),
        "space inside quotation marks",
        """A scraper's space just inside curly quotation marks.

        Why: scrapers that join inline elements leave a space where a tag was; the quotation
        reads as set apart from its words.

        Bad: `“ Wild Rose ”`

        Good: `“Wild Rose”`
        """,
    ),
    ReasonRow(
        "NC206",
        "space-before-punctuation",
        ("space-before-punctuation", "space-before-apostrophe"),
        "space before punctuation",
        """A scraper's space before a comma, full stop, bracket or 's-type suffix.

        Why: the space is a scraping artefact (a tag boundary), not the writer's; it splits a
        possessive from its noun.

        Bad: `Senate ’s vote ,`

        Good: `Senate’s vote,`
        """,
    ),
)

RULES: tuple[Rule, ...] = in_code_order(mixed_quotes, unbalanced_quote, *reason_rules(TABLE))
