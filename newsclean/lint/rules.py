"""The linter's rules: one generator per problem, each with a stable code, grouped by family.

A rule reads a :class:`LintSource` (the text, the cleaning pipeline's fixes, and the parsed
article when a structure rule needs it) and yields ``(span, message, fixes)`` triples; its
:class:`Rule` turns them into :class:`~newsclean.model.Finding` values carrying the code.
Text rules map the pipeline's fix reasons to codes, so a finding's fix is exactly the edit
``newsclean clean`` would make. Families: NC1xx encoding, NC2xx quotes and spacing,
NC3xx structure, NC4xx whitespace and layout. Codes are never reused.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import regex

from newsclean.article import parse_article
from newsclean.blocks.shape import OPENS_QUOTE_RE, ends_sentence, has_open_quote
from newsclean.chars import LINE_END_RE
from newsclean.model import Article, Block, Cleaned, Finding, Fix, QuoteStyle, Span
from newsclean.text.encoding import keep_repair_stable
from newsclean.text.pipeline import clean_text
from newsclean.text.quotes import clean_quotes

#: What a rule function yields: where, the one-line message, and the edits that resolve it.
Yielded = tuple[Span, str, tuple[Fix, ...]]

#: The reason of a structural fix: its replaced text goes to the sidecar file, not away.
SIDECAR_REASON = "move-to-sidecar"

CODE_RE = re.compile(r"NC[1-9][0-9]{2}")
NAME_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")

#: The family of each hundred.
FAMILIES: MappingProxyType[str, str] = MappingProxyType(
    {"1": "encoding", "2": "quotes", "3": "structure", "4": "whitespace"}
)

# A blank line (possibly holding spaces): the paragraph boundary for quote balance.
_PARAGRAPH_BREAK_RE = regex.compile(
    r"""
    (?: \r\n | \r(?!\n) | \n ) [\ \t]* (?: \r\n | \r(?!\n) | \n )  # a line end, an empty line's end
    """,
    regex.VERBOSE,
)

# Double quotation marks that open, close, or (straight) either, for the balance check.
_DOUBLE_MARK_RE = regex.compile(
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
_STYLED_MARK_RE = regex.compile(
    rf"""
      (?<! [0-9] ) (?P<straight> [\N{{QUOTATION MARK}}\N{{APOSTROPHE}}] )  # not feet or inches
    | (?P<curly> [{_CURLY_CLASS}] )                                      # any curly mark
    """,
    regex.VERBOSE,
)


# Quoting styles whose pairing this balance check does not model: German, French.
_FOREIGN_QUOTES_RE = regex.compile(
    r"[\N{DOUBLE LOW-9 QUOTATION MARK}\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}]"
)


@dataclass(frozen=True, slots=True)
class LintSource:
    """What every rule reads: the text as given, the pipeline's fixes, the article.

    ``cleaned`` holds ``clean_text(text, quotes=quotes)``, fixes relative to ``text``;
    ``article`` is parsed only when a structure rule runs (else None), and ``placed``
    then holds its blocks with their spans in ``text`` (mapped once, not once per rule:
    the mapping walks every fix, and a text can hold a fix per character).
    """

    text: str
    quotes: QuoteStyle
    cleaned: Cleaned
    article: Article | None = None
    placed: tuple[_Placed, ...] = ()


def prepare(text: str, quotes: QuoteStyle = "keep", *, structure: bool = True) -> LintSource:
    """Run the pipeline over ``text`` once, and parse the article if ``structure``.

    >>> prepare("Caf\\u00c3\\u00a9", structure=False).cleaned.text
    'Café'
    """
    if not structure:
        return LintSource(text, quotes, clean_text(text, quotes=quotes))
    article = parse_article(text, quotes=quotes)
    cleaned = Cleaned(article.text, article.fixes)
    return LintSource(text, quotes, cleaned, article, _placed(article))


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule: stable ``code``, kebab ``name``, one-line ``summary``, the check.

    ``safe`` says whether its fixes only change characters (applied by ``--fix``) or
    change what the article says (applied only with ``--unsafe-fixes``).
    """

    code: str
    name: str
    summary: str
    function: Callable[[LintSource], Iterator[Yielded]]
    safe: bool = True

    @property
    def family(self) -> str:
        """The family named by the code's hundred: encoding, quotes, structure, whitespace."""
        return FAMILIES[self.code[2]]

    def check(self, source: LintSource) -> Iterator[Finding]:
        """Yield this rule's findings in ``source``."""
        for span, message, fixes in self.function(source):
            yield Finding(self.code, message, span, fixes, self.safe)


def rule(
    code: str, name: str, *, safe: bool = True
) -> Callable[[Callable[..., Iterator[Yielded]]], Rule]:
    """Wrap a rule generator as an immutable :class:`Rule`; registers nothing.

    >>> @rule("NC999", "always")
    ... def always(source):
    ...     '''Flag the first character.'''
    ...     yield Span(0, 1), "always", ()
    >>> always.code, always.summary
    ('NC999', 'Flag the first character.')
    """
    if not CODE_RE.fullmatch(code) or not NAME_RE.fullmatch(name):
        raise ValueError(f"rule code must look like NC123 and name like kebab-case: {code} {name}")

    def wrap(function: Callable[..., Iterator[Yielded]]) -> Rule:
        doc = (function.__doc__ or "").strip()
        if not doc:
            raise ValueError(f"rule {code} needs a docstring: its first line is the summary")
        return Rule(code, name, doc.splitlines()[0], function, safe)

    return wrap


# --- helpers ------------------------------------------------------------------------


def show(text: str, limit: int = 30) -> str:
    """Quote ``text`` for a message: invisible and odd characters by code point, cut short.

    >>> show("a\\u200bb"), show("x" * 40, 5)
    ("'a<U+200B>b'", "'xxxxx…'")
    """
    cut = text[:limit]
    shown = "".join(
        c
        if c == " " or (c.isprintable() and not c.isspace() and unicodedata.category(c) != "Cf")
        else f"<U+{ord(c):04X}>"
        for c in cut
    )
    return f"'{shown}{'…' if len(text) > limit else ''}'"


def reasons_of(fix: Fix) -> frozenset[str]:
    """Return the reasons a (possibly merged) fix was made for.

    >>> sorted(reasons_of(Fix(Span(0, 1), "", "a+b")))
    ['a', 'b']
    """
    return _reason_set(fix.reason)


@functools.lru_cache(maxsize=1024)
def _reason_set(reason: str) -> frozenset[str]:
    # Every rule asks of every fix, and a text has few distinct reasons but can have a
    # fix per character: split each reason once.
    return frozenset(reason.split("+"))


def _stage_fixes(
    source: LintSource, reasons: frozenset[str], describe: Callable[[str, str], str]
) -> Iterator[Yielded]:
    """Yield a finding for each pipeline fix made for any of ``reasons``."""
    for fix in source.cleaned.fixes:
        if reasons_of(fix) & reasons:
            old = fix.span.slice(source.text)
            yield fix.span, describe(old, fix.replacement), (fix,)


def map_back(fixes: Sequence[Fix], offsets: Sequence[int], *, ends: bool) -> list[int]:
    """Map offsets of the fixed text to the text the ``fixes`` were made on.

    An offset inside a replacement maps to the start of what it replaced (for ``ends``,
    to its end); one at the edge of a replacement stays outside it, so a block that
    starts just after a rewritten line break starts after it in the original too.

    >>> fixes = (Fix(Span(2, 5), "\\n", "line-ending"),)
    >>> map_back(fixes, [3], ends=False), map_back(fixes, [2], ends=True)
    ([5], [2])
    """
    new_starts, new_ends, deltas = [], [], []
    delta = 0
    for fix in fixes:
        new_starts.append(fix.span.start + delta)
        delta += len(fix.replacement) - (fix.span.end - fix.span.start)
        new_ends.append(fix.span.end + delta)
        deltas.append(delta)
    out = []
    for offset in offsets:
        # Fixes wholly before ``offset``: their end is at or before it (before, for ends).
        index = (bisect_left if ends else bisect_right)(new_ends, offset)
        inside = index < len(fixes) and (
            new_starts[index] < offset if ends else new_starts[index] <= offset
        )
        if inside:
            out.append(fixes[index].span.end if ends else fixes[index].span.start)
        else:
            out.append(offset - (deltas[index - 1] if index else 0))
    return out


# --- encoding: NC1xx ----------------------------------------------------------------


@rule("NC101", "mojibake")
def mojibake(source: LintSource) -> Iterator[Yielded]:
    """Mojibake: text decoded with the wrong encoding, repaired by ftfy."""
    yield from _stage_fixes(
        source, frozenset({"mojibake"}), lambda old, new: f"mojibake {show(old)}, read {show(new)}"
    )


@rule("NC102", "html-entity")
def html_entity(source: LintSource) -> Iterator[Yielded]:
    """An HTML entity left in the text."""
    yield from _stage_fixes(
        source,
        frozenset({"html-entity"}),
        lambda old, new: f"HTML entity {show(old)} for {show(new)}",
    )


@rule("NC103", "invisible-character")
def invisible_character(source: LintSource) -> Iterator[Yielded]:
    """A control, zero-width, soft-hyphen or terminal-escape character."""
    yield from _stage_fixes(
        source,
        frozenset({"control-char", "zero-width", "soft-hyphen", "terminal-escape"}),
        lambda old, new: f"invisible character {show(old)}",
    )


@rule("NC104", "odd-space")
def odd_space(source: LintSource) -> Iterator[Yielded]:
    """A non-breaking or other unusual space character."""
    yield from _stage_fixes(
        source, frozenset({"odd-space"}), lambda old, new: f"unusual space {show(old)}"
    )


@rule("NC105", "unnormalized-character")
def unnormalized_character(source: LintSource) -> Iterator[Yielded]:
    """A typographic ligature or a decomposed (non-NFC) character."""
    yield from _stage_fixes(
        source,
        frozenset({"ligature", "nfc"}),
        lambda old, new: f"unnormalized {show(old)}, write {show(new)}",
    )


ENCODING_RULES: tuple[Rule, ...] = (
    mojibake,
    html_entity,
    invisible_character,
    odd_space,
    unnormalized_character,
)


# --- quotes and spacing: NC2xx ------------------------------------------------------


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


@rule("NC201", "mixed-quotes")
def mixed_quotes(source: LintSource) -> Iterator[Yielded]:
    """Straight and curly quotation marks mixed in one text (when no style is configured).

    Reported once, at the first mark of the less used style; the fix brings every mark to
    the more used style (straight on a tie), as ``clean --quotes`` would.
    """
    if source.quotes != "keep":
        return  # with a style set, NC204 reports every mark of the other style
    # Counted in the cleaned text, so marks inside mojibake and entities count too.
    marks = [(m.lastgroup or "", m.start()) for m in _STYLED_MARK_RE.finditer(source.cleaned.text)]
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


def _unbalanced(text: str, span: Span, continued: bool) -> tuple[int, str] | None:
    """Where a paragraph's double quotation marks fail to pair, and how, if they do."""
    depth = 0
    opened: list[int] = []
    for match in _DOUBLE_MARK_RE.finditer(text, span.start, span.end):
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


def _original(source: LintSource, offset: int) -> int:
    """Map an offset of the cleaned text to the text as given."""
    return map_back(source.cleaned.fixes, [offset], ends=False)[0]


def _continues(following: Sequence[str]) -> bool:
    """Whether the next paragraph re-opens the quotation, maybe after one with no marks at
    all (a caption or an advert scraped into the middle of a long quotation)."""
    for paragraph in following:
        if OPENS_QUOTE_RE.match(paragraph):
            return True
        if _DOUBLE_MARK_RE.search(paragraph):
            return False
    return False


@rule("NC202", "unbalanced-quote")
def unbalanced_quote(source: LintSource) -> Iterator[Yielded]:
    """A double quotation left open, or closed without being opened, within a paragraph."""
    # Read in the cleaned text: mojibake can hold a quotation mark ("â€”" is an em dash).
    text = source.cleaned.text
    spans = list(_paragraphs(text))
    for index, span in enumerate(spans):
        if _FOREIGN_QUOTES_RE.search(text, span.start, span.end):
            continue
        following = [s.slice(text) for s in spans[index + 1 : index + 3]]
        found = _unbalanced(text, span, continued=_continues(following))
        if found:
            at = _original(source, found[0])
            yield Span(at, at + 1), found[1], ()


@rule("NC203", "quote-direction")
def quote_direction(source: LintSource) -> Iterator[Yielded]:
    """A curly quotation mark pointing the wrong way (checked in curly style)."""
    yield from _stage_fixes(
        source,
        frozenset({"quote-direction"}),
        lambda old, new: f"quotation mark {show(old)} points the wrong way: {show(new)}",
    )


@rule("NC204", "quote-style")
def quote_style(source: LintSource) -> Iterator[Yielded]:
    """A quotation mark or apostrophe not in the configured style (straight or curly)."""
    yield from _stage_fixes(
        source,
        frozenset({"straight-quote", "curly-quote"}),
        lambda old, new: f"{show(old)} is not in {source.quotes} style: {show(new)}",
    )


@rule("NC205", "space-inside-quotes")
def space_inside_quotes(source: LintSource) -> Iterator[Yielded]:
    """A scraper's space just inside curly quotation marks."""
    yield from _stage_fixes(
        source, frozenset({"space-inside-quote"}), lambda old, new: "space inside quotation marks"
    )


@rule("NC206", "space-before-punctuation")
def space_before_punctuation(source: LintSource) -> Iterator[Yielded]:
    """A scraper's space before a comma, full stop, bracket or 's-type suffix."""
    yield from _stage_fixes(
        source,
        frozenset({"space-before-punctuation", "space-before-apostrophe"}),
        lambda old, new: "space before punctuation",
    )


QUOTE_RULES: tuple[Rule, ...] = (
    mixed_quotes,
    unbalanced_quote,
    quote_direction,
    quote_style,
    space_inside_quotes,
    space_before_punctuation,
)


# --- structure: NC3xx ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Placed:
    """A block with its span in the text as given (block spans refer to the fixed text)."""

    block: Block
    span: Span


def _placed(article: Article) -> tuple[_Placed, ...]:
    """Map every block's span back to the text as given."""
    blocks = article.blocks
    starts = map_back(article.fixes, [b.span.start for b in blocks], ends=False)
    ends = map_back(article.fixes, [b.span.end for b in blocks], ends=True)
    return tuple(
        _Placed(b, Span(s, max(s, e))) for b, s, e in zip(blocks, starts, ends, strict=True)
    )


def _body_range(placed: Sequence[_Placed]) -> range:
    """Indexes strictly between the first and the last paragraph."""
    paragraphs = [i for i, p in enumerate(placed) if p.block.kind == "paragraph"]
    return range(paragraphs[0] + 1, paragraphs[-1]) if paragraphs else range(0)


def _removal(placed: Sequence[_Placed], index: int, text: str) -> Fix:
    """The edit that moves block ``index`` (and the blank line after it) to the sidecar."""
    span = placed[index].span
    if index + 1 < len(placed):
        span = Span(span.start, placed[index + 1].span.start)
    elif index:
        span = Span(placed[index - 1].span.end, span.end)
    return Fix(span, "", SIDECAR_REASON)


def _split_runs(placed: Sequence[_Placed]) -> Iterator[tuple[int, int]]:
    """Yield ``(before, after)`` paragraph indexes with only captions between them."""
    for index, item in enumerate(placed):
        if item.block.kind != "paragraph":
            continue
        after = index + 1
        while after < len(placed) and placed[after].block.kind == "caption":
            after += 1
        if after > index + 1 and after < len(placed) and placed[after].block.kind == "paragraph":
            yield index, after


def _runs_on(before: str, after: str) -> bool:
    """Whether ``before`` reads on into ``after``: unfinished, or a quotation carries on."""
    if not ends_sentence(before) or after[:1].islower():
        return True
    return has_open_quote(before) and not OPENS_QUOTE_RE.match(after)


def _splits(source: LintSource) -> list[tuple[int, int]]:
    if source.article is None:
        return []
    placed = source.placed
    return [
        (a, b)
        for a, b in _split_runs(placed)
        if _runs_on(placed[a].block.text, placed[b].block.text)
    ]


@rule("NC301", "duplicate-headline", safe=False)
def duplicate_headline(source: LintSource) -> Iterator[Yielded]:
    """A second, duplicate or variant headline (standfirst copies, social titles)."""
    if source.article is None:
        return
    placed = source.placed
    for index, item in enumerate(placed):
        if item.block.kind == "alt_headline":
            message = f"duplicate or variant headline {show(item.block.text)}"
            yield item.span, message, (_removal(placed, index, source.text),)


def _in_body(source: LintSource, kind: str, label: str) -> Iterator[Yielded]:
    if source.article is None:
        return
    placed = source.placed
    split = {i for a, b in _splits(source) for i in range(a + 1, b)}
    for index in _body_range(placed):
        item = placed[index]
        if item.block.kind == kind and index not in split:
            message = f"{label} inside the body: {show(item.block.text)}"
            yield item.span, message, (_removal(placed, index, source.text),)


@rule("NC302", "caption-in-body", safe=False)
def caption_in_body(source: LintSource) -> Iterator[Yielded]:
    """A photo caption or credit between the first and the last paragraph."""
    yield from _in_body(source, "caption", "caption")


@rule("NC303", "boilerplate-in-body", safe=False)
def boilerplate_in_body(source: LintSource) -> Iterator[Yielded]:
    """Site furniture (share links, adverts, sign-up prompts) between paragraphs."""
    yield from _in_body(source, "boilerplate", "boilerplate")


@rule("NC304", "split-paragraph", safe=False)
def split_paragraph(source: LintSource) -> Iterator[Yielded]:
    """A paragraph cut in two by a caption: the text before it runs on after it."""
    if source.article is None:
        return
    placed = source.placed
    for before, after in _splits(source):
        gap = Span(placed[before].span.end, placed[after].span.start)
        caption = placed[before + 1]
        message = f"paragraph split by caption {show(caption.block.text)}"
        yield caption.span, message, (Fix(gap, " ", SIDECAR_REASON),)


STRUCTURE_RULES: tuple[Rule, ...] = (
    duplicate_headline,
    caption_in_body,
    boilerplate_in_body,
    split_paragraph,
)


# --- whitespace and layout: NC4xx ---------------------------------------------------


@rule("NC401", "trailing-whitespace")
def trailing_whitespace(source: LintSource) -> Iterator[Yielded]:
    """Spaces or tabs at the end of a line."""
    yield from _stage_fixes(
        source, frozenset({"trailing-space"}), lambda old, new: "trailing whitespace"
    )


@rule("NC402", "blank-lines")
def blank_lines(source: LintSource) -> Iterator[Yielded]:
    """More than one blank line in a row, or blank lines opening the text."""
    yield from _stage_fixes(
        source, frozenset({"blank-lines"}), lambda old, new: "too many blank lines"
    )


@rule("NC403", "missing-final-newline")
def missing_final_newline(source: LintSource) -> Iterator[Yielded]:
    """The text does not end with a line break."""
    text = source.text
    if text and not text.endswith(("\n", "\r")):
        end = Span(len(text), len(text))
        yield end, "no newline at end of file", (Fix(end, "\n", "final-newline"),)


def _line_ends(text: str) -> list[regex.Match[str]]:
    return list(LINE_END_RE.finditer(text))


def _is_layout_only(old: str, newline: str) -> bool:
    """Whether a line-ending fix only rewrites the file's own line endings."""
    return not old.replace(newline, "").strip(" \t\n")


@rule("NC404", "line-endings")
def line_endings(source: LintSource) -> Iterator[Yielded]:
    """CRLF, LF or CR line endings mixed in one file, or Unicode line separators."""
    ends = _line_ends(source.text)
    styles = [m.group() for m in ends]
    counts = {style: styles.count(style) for style in dict.fromkeys(styles)}
    fixes = [f for f in source.cleaned.fixes if "line-ending" in reasons_of(f)]
    if len(counts) > 1:
        major = max(counts, key=lambda s: counts[s])
        first = next(m for m in ends if m.group() != major)
        names = ", ".join(f"{n} {_NEWLINE_NAMES[s]}" for s, n in counts.items())
        span = Span(first.start(), first.end())
        yield span, f"mixed line endings ({names}); first odd one here", tuple(fixes)
        return
    newline = styles[0] if styles else "\n"
    for fix in fixes:
        old = fix.span.slice(source.text)
        if not _is_layout_only(old, newline):
            yield fix.span, f"unusual line break in {show(old)}", (fix,)


_NEWLINE_NAMES = MappingProxyType({"\r\n": "CRLF", "\n": "LF", "\r": "CR"})


@rule("NC405", "space-run")
def space_run(source: LintSource) -> Iterator[Yielded]:
    """Several spaces, or a tab, inside a line."""
    yield from _stage_fixes(
        source, frozenset({"space-run", "tab"}), lambda old, new: f"{show(old)} for one space"
    )


@rule("NC406", "indentation")
def indentation(source: LintSource) -> Iterator[Yielded]:
    """Spaces or tabs at the start of a line."""
    yield from _stage_fixes(source, frozenset({"indent"}), lambda old, new: "indented line")


WHITESPACE_RULES: tuple[Rule, ...] = (
    trailing_whitespace,
    blank_lines,
    missing_final_newline,
    line_endings,
    space_run,
    indentation,
)


#: Every rule, by family, in code order.
ALL_RULES: tuple[Rule, ...] = ENCODING_RULES + QUOTE_RULES + STRUCTURE_RULES + WHITESPACE_RULES

#: Each rule by its code.
RULES_BY_CODE: MappingProxyType[str, Rule] = MappingProxyType({r.code: r for r in ALL_RULES})

#: Every pipeline fix reason and the code reporting it (``line-ending``: NC404).
REASON_CODES: MappingProxyType[str, str] = MappingProxyType(
    {
        "mojibake": "NC101",
        "html-entity": "NC102",
        "control-char": "NC103",
        "zero-width": "NC103",
        "soft-hyphen": "NC103",
        "terminal-escape": "NC103",
        "odd-space": "NC104",
        "ligature": "NC105",
        "nfc": "NC105",
        "quote-direction": "NC203",
        "straight-quote": "NC204",
        "curly-quote": "NC204",
        "space-inside-quote": "NC205",
        "space-before-punctuation": "NC206",
        "space-before-apostrophe": "NC206",
        "trailing-space": "NC401",
        "blank-lines": "NC402",
        "line-ending": "NC404",
        "space-run": "NC405",
        "tab": "NC405",
        "indent": "NC406",
    }
)
