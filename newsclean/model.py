"""The values that flow through newsclean, and the one way to apply a change.

Every cleaner returns a :class:`Cleaned` (the new text plus the :class:`Fix` edits
that produce it from the input); classifiers return labelled :class:`Block` values;
the pipeline ends in an :class:`Article`; the linter speaks in :class:`Finding`.
Offsets of a fixed text map back to the text it came from by :func:`map_back` alone,
and become lines and columns by :class:`LineIndex` alone. All values are frozen, so they
can be shared between threads and processes freely.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import regex

from newsclean.chars import LINE_END_RE

Kind = Literal["headline", "alt_headline", "subheading", "paragraph", "caption", "boilerplate"]
KINDS: tuple[Kind, ...] = (
    "headline",
    "alt_headline",
    "subheading",
    "paragraph",
    "caption",
    "boilerplate",
)
#: The kinds of the headline blocks at the top of an article.
HEADLINE_KINDS: tuple[Kind, ...] = ("headline", "alt_headline")
#: The kinds that make up the article's body text.
BODY_KINDS: tuple[Kind, ...] = ("paragraph", "subheading")
QuoteStyle = Literal["straight", "curly", "keep"]
#: A text's line-ending style: one kind throughout, or ``"mixed"``.
Newline = Literal["\n", "\r\n", "\r", "mixed"]
QUOTE_STYLES: tuple[QuoteStyle, ...] = ("straight", "curly", "keep")
#: What made a text, which decides how its blocks are read: an ``article`` as a scraper or a
#: person writes it (blank-line separated), an HTML ``extractor``'s output (one paragraph per
#: line, furniture at the edges) or the whole visible text of a ``page`` (menus and all).
Source = Literal["article", "extractor", "page"]
#: Who labels the blocks: the ``learned`` labeller (:mod:`newsclean.learn.labeller`, the
#: default), which weighs the rules' signals with words, shape and neighbours and carries
#: better to sites it has never seen, or the hand-written ``rules`` alone (faster, and each
#: label names the one rule that gave it).
Labeller = Literal["rules", "learned"]
LABELLERS: tuple[Labeller, ...] = ("rules", "learned")
#: The labeller used where none is named: by ``parse_article``, the command line, the batch
#: functions, the linter and the evaluation.
DEFAULT_LABELLER: Labeller = "learned"
#: How text output shows the site name split off the headline: on its own line after it,
#: ``site: The Ledger``; read back as the site when a cleaned text is cleaned again.
SITE_PREFIX = "site: "
#: The shapes a caller may name; ``auto`` reads the shape from the text.
SOURCES: tuple[Source | Literal["auto"], ...] = ("auto", "article", "extractor", "page")


class InputError(ValueError):
    """An input that cannot be used as given: ``str()`` is ``"<path>: <what is wrong>"``.

    >>> str(InputError("news/a.txt", "binary file"))
    'news/a.txt: binary file'
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path = path
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into a text.

    >>> Span(2, 5).slice("abcdefg")
    'cde'
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"a span needs 0 <= start <= end, got {self.start}..{self.end}")

    def slice(self, text: str) -> str:
        """Return the part of ``text`` this span covers."""
        return text[self.start : self.end]

    def shift(self, offset: int) -> Span:
        """Return the same span moved ``offset`` characters to the right.

        >>> Span(1, 3).shift(10)
        Span(start=11, end=13)
        """
        return Span(self.start + offset, self.end + offset)


@dataclass(frozen=True, slots=True)
class Fix:
    """One edit: replace ``span`` of the input with ``replacement``, for ``reason``.

    ``reason`` is a short kebab-case name of the fix (``"mojibake"``, ``"curly-quote"``…);
    the linter maps each reason to a rule code.

    >>> Fix(Span(0, 1), "x", "example").apply("abc")
    'xbc'
    """

    span: Span
    replacement: str
    reason: str

    def apply(self, text: str) -> str:
        """Return ``text`` with this one fix applied."""
        return text[: self.span.start] + self.replacement + text[self.span.end :]

    def to_dict(self) -> dict[str, Any]:
        """Return the fix as JSON-ready data."""
        return {
            "start": self.span.start,
            "end": self.span.end,
            "replacement": self.replacement,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A cleaner's result: the new ``text`` and the ``fixes`` that made it.

    Law: ``apply_fixes(original, cleaned.fixes) == cleaned.text``.

    >>> Cleaned("abc").changed
    False
    """

    text: str
    fixes: tuple[Fix, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether any fix was made."""
        return bool(self.fixes)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """Apply non-overlapping ``fixes`` (spans relative to ``text``) and return the result.

    >>> apply_fixes("a  b", [Fix(Span(1, 3), " ", "space-run")])
    'a b'
    """
    if not isinstance(text, str):
        raise TypeError(f"apply_fixes() takes the text as a str, not {type(text).__name__}")
    parts: list[str] = []
    pos = 0
    for fix in sorted(fixes, key=lambda f: (f.span.start, f.span.end)):
        if fix.span.start < pos:
            raise ValueError(f"fixes overlap at offset {fix.span.start}; merge them first")
        parts.append(text[pos : fix.span.start])
        parts.append(fix.replacement)
        pos = fix.span.end
    parts.append(text[pos:])
    return "".join(parts)


def fixes_from_pieces(
    pieces: Iterable[tuple[int, int, str]], text: str, reason: str
) -> tuple[Fix, ...]:
    """Turn ``(start, end, replacement)`` triples into fixes, skipping no-op ones.

    >>> fixes_from_pieces([(0, 1, "a"), (1, 2, "B")], "ab", "upper")
    (Fix(span=Span(start=1, end=2), replacement='B', reason='upper'),)
    """
    return tuple(
        Fix(Span(start, end), new, reason) for start, end, new in pieces if text[start:end] != new
    )


def rewrite_at(
    text: str,
    starts: Iterable[int],
    pattern: regex.Pattern[str],
    replace: Callable[[regex.Match[str]], tuple[str, str]],
) -> Cleaned:
    """Match ``pattern`` at each of the ascending ``starts``; ``replace`` a match by its
    ``(new text, reason)``. Starts inside an earlier rewrite are skipped.

    The shared loop of the cleaners that find candidate places cheaply, then look closer.

    >>> import regex
    >>> rewrite_at("a  b", [1], regex.compile(" +"), lambda m: (" ", "space-run")).text
    'a b'
    """
    fixes: list[Fix] = []
    parts: list[str] = []
    pos = 0
    for at in starts:
        match = pattern.match(text, at) if at >= pos else None
        if match is None:
            continue
        new, reason = replace(match)
        start, end = match.span()
        if new != match[0]:
            parts += (text[pos:start], new)
            fixes.append(Fix(Span(start, end), new, reason))
            pos = end
    if not fixes:
        return Cleaned(text)
    parts.append(text[pos:])
    return Cleaned("".join(parts), tuple(fixes))


#: Where an offset at a deletion point (a fix with an empty replacement) maps: to the
#: original offset before the deleted text, or after it.
AtDeletion = Literal["before", "after"]


def map_back(
    fixes: Sequence[Fix], offsets: Iterable[int], *, end: bool, at_deletion: AtDeletion
) -> list[int]:
    """Map offsets of the fixed text back to the text the ``fixes`` were made on.

    ``fixes`` are sorted and non-overlapping, as every cleaner returns them; ``offsets``
    may come in any order. An offset inside a replacement maps to the start of what it
    replaced, or for an ``end`` to its end. An offset at the edge of a replacement stays
    outside it. An offset at a deletion point (where the fixed text holds nothing of a fix)
    maps to the original offset ``before`` the deleted text, or ``after`` it.

    The two choices are the two ways to map a span: starts ``"before"`` and ends
    ``"after"`` give the widest original span (an edit touching a deletion takes it in,
    as :func:`compose_fixes` needs); starts ``"after"`` and ends ``"before"`` the narrowest
    (a block starting after a deleted space starts after it, as the linter reports it).

    >>> fixes = (Fix(Span(2, 4), "", "drop"), Fix(Span(6, 7), "xyz", "grow"))
    >>> map_back(fixes, [2, 5, 7], end=False, at_deletion="before")
    [2, 6, 7]
    >>> map_back(fixes, [2, 5, 7], end=True, at_deletion="after")
    [4, 7, 7]
    """
    keys, new_starts, deltas = _new_edges(fixes, at_deletion)
    mapped = []
    for offset in offsets:
        # Fixes wholly before ``offset`` have a key at or below twice it (see _new_edges).
        index = bisect_right(keys, 2 * offset)
        if index < len(fixes) and new_starts[index] < offset:
            mapped.append(fixes[index].span.end if end else fixes[index].span.start)
        else:
            mapped.append(offset - (deltas[index - 1] if index else 0))
    return mapped


def _new_edges(
    fixes: Sequence[Fix], at_deletion: AtDeletion
) -> tuple[list[int], list[int], list[int]]:
    """Per fix: a sort key for "lies wholly before an offset", its start in the fixed
    text, and the length change of the text up to its end.

    The key is twice the fix's end in the fixed text, plus one for a deletion an offset at
    its point maps ``before``: then an offset there does not pass it (keys ascend, as a
    nonempty replacement ending at a point comes before the deletions at that point).
    """
    keys, new_starts, deltas = [], [], []
    delta = 0
    for fix in fixes:
        new_start = fix.span.start + delta
        delta += len(fix.replacement) - (fix.span.end - fix.span.start)
        held = not fix.replacement and at_deletion == "before"
        keys.append(2 * (new_start + len(fix.replacement)) + held)
        new_starts.append(new_start)
        deltas.append(delta)
    return keys, new_starts, deltas


def newline_style(text: str) -> Newline:
    """Return the line-ending style of ``text``: one style, ``"mixed"``, or ``"\\n"`` if none.

    >>> newline_style("one\\rtwo\\r"), newline_style("one\\ntwo\\r\\n")
    ('\\r', 'mixed')
    """
    styles = {match.group() for match in LINE_END_RE.finditer(text)}
    if len(styles) > 1:
        return "mixed"
    style = styles.pop() if styles else "\n"
    return "\r\n" if style == "\r\n" else "\r" if style == "\r" else "\n"


@dataclass(frozen=True, slots=True)
class LineIndex:
    """Line and column (both 1-based, columns in characters) of offsets into one text.

    Lines end at CRLF, LF or a lone CR (:data:`~newsclean.chars.LINE_END_RE`); an offset
    between a CR and its LF is on the CR's line. The one place offsets become positions.

    >>> LineIndex("ab\\r\\ncd").position(5)
    (2, 2)
    """

    text: str = field(repr=False)
    starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = (0, *(match.end() for match in LINE_END_RE.finditer(self.text)))
        object.__setattr__(self, "starts", starts)

    def line(self, offset: int) -> int:
        """Return the 1-based line holding ``offset``.

        >>> LineIndex("one\\ntwo\\n").line(4)
        2
        """
        return bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """Return ``(line, column)`` of ``offset``.

        >>> LineIndex("one\\ntwo\\n").position(6)
        (2, 3)
        """
        line = self.line(offset)
        return line, offset - self.starts[line - 1] + 1

    def end_position(self, start: int, end: int) -> tuple[int, int]:
        """Return ``(line, column)`` of the end of the span ``start``..``end``, exclusive.

        A span that ends with a line break ends on that break's line (one column past
        it), not at the start of the next: a region must not run one line too far.

        >>> LineIndex("one\\ntwo\\n").end_position(0, 4), LineIndex("ab").end_position(2, 2)
        ((1, 5), (1, 3))
        """
        if end > start and self.starts[self.line(end) - 1] == end and end:
            line, column = self.position(end - 1)
            return line, column + 1
        return self.position(end)


def _span_order(fix: Fix) -> tuple[int, int]:
    return fix.span.start, fix.span.end


def compose_fixes(original: str, first: Cleaned, second: Cleaned) -> Cleaned:
    """Compose two cleaning steps into one, with every fix relative to ``original``.

    ``first`` cleaned ``original``; ``second`` cleaned ``first.text``. A fix of the
    second step that touches a fix of the first is merged with it (their reasons joined
    by ``+``), so the result never overlaps and replaying it on ``original`` gives
    ``second.text``.

    >>> a = Cleaned("ab", (Fix(Span(0, 2), "a", "dedupe"),))
    >>> b = Cleaned("aB", (Fix(Span(1, 2), "B", "upper"),))
    >>> composed = compose_fixes("aab", a, b)
    >>> apply_fixes("aab", composed.fixes)
    'aB'
    """
    if not first.fixes:  # ``first.text`` is ``original``: the second's fixes stand as they are
        return Cleaned(second.text, tuple(sorted(second.fixes, key=_span_order)))
    firsts = tuple(sorted(first.fixes, key=_span_order))
    if not second.fixes:
        return Cleaned(second.text, firsts)
    # Each entry: the span in ``original``, the fix's length change, its reason.
    pieces = [(f.span, len(f.replacement) - (f.span.end - f.span.start), f.reason) for f in firsts]
    seconds = sorted(second.fixes, key=lambda f: (f.span.start, f.span.end))
    starts = map_back(firsts, [f.span.start for f in seconds], end=False, at_deletion="before")
    ends = map_back(firsts, [f.span.end for f in seconds], end=True, at_deletion="after")
    for fix, start, stop in zip(seconds, starts, ends, strict=True):
        growth = len(fix.replacement) - (fix.span.end - fix.span.start)
        pieces.append((Span(start, stop), growth, fix.reason))
    return Cleaned(second.text, _regroup(pieces, second.text))


def _regroup(pieces: list[tuple[Span, int, str]], final: str) -> tuple[Fix, ...]:
    """Merge touching pieces into groups and read each group's replacement from ``final``.

    Each group becomes its fix as soon as it is complete: a list of every group first
    would hold several objects a fix at the memory peak of a text's cleaning.
    """
    pieces.sort(key=lambda p: (p[0].start, p[0].end))  # in place: a sorted copy costs too
    fixes: list[Fix] = []
    delta = 0
    group: tuple[int, int, int, list[str]] | None = None
    open_end = False  # a zero-width piece sits at the current group's end
    for span, growth, reason in pieces:
        empty = span.start == span.end
        if group is not None:
            start, end, total, reasons = group
            if span.start < end or (span.start == end and (empty or open_end)):
                reasons.append(reason)
                open_end = (open_end and span.end == end) or (empty and span.end >= end)
                group = (start, max(end, span.end), total + growth, reasons)
                continue
            fixes.append(_group_fix(group, final, delta))
            delta += total
        group = (span.start, span.end, growth, [reason])
        open_end = empty
    if group is not None:
        fixes.append(_group_fix(group, final, delta))
    return tuple(fixes)


def _group_fix(group: tuple[int, int, int, list[str]], final: str, delta: int) -> Fix:
    """The fix of one group: its span, and its replacement read from ``final``."""
    start, end, growth, reasons = group
    out_start = start + delta
    out_end = out_start + (end - start) + growth
    reason = _merged_reason("+".join(reasons))
    return Fix(Span(start, end), final[out_start:out_end], reason)


@functools.lru_cache(maxsize=1024)
def _merged_reason(reasons: str) -> str:
    """``+``-joined reasons with each named once, in first-seen order (cached: a text can
    hold a fix per character, with few distinct reasons)."""
    return "+".join(dict.fromkeys(reasons.split("+")))


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found in a text: rule ``code``, one-line ``message``, where, and the fix.

    >>> Finding("NC201", "mixed quotes", Span(0, 1)).fixable
    False
    """

    code: str
    message: str
    span: Span
    fix: tuple[Fix, ...] = ()
    safe: bool = True

    @property
    def fixable(self) -> bool:
        """Whether the finding carries an edit that resolves it."""
        return bool(self.fix)

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data (positions as offsets)."""
        return {
            "code": self.code,
            "message": self.message,
            "start": self.span.start,
            "end": self.span.end,
            "fix": [f.to_dict() for f in self.fix] or None,
            "safe": self.safe,
        }


@dataclass(frozen=True, slots=True)
class Block:
    """A block of text (paragraph-sized) with where it starts and what it is.

    ``line`` is 1-based; ``span`` covers the block's text in the text it came from
    (for a hard-wrapped paragraph the span covers the wrapped lines, while ``text``
    has them joined by single spaces). ``why`` names the signals behind ``kind``.

    >>> Block("Hello.", line=1, span=Span(0, 6)).kind
    'paragraph'
    """

    text: str
    line: int
    span: Span
    kind: Kind = "paragraph"
    label: str | None = None
    why: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the block as JSON-ready data."""
        return {
            "kind": self.kind,
            "text": self.text,
            "line": self.line,
            "label": self.label,
            "why": list(self.why),
        }


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: every block labelled, nothing dropped.

    >>> a = Article(headline="Hi", blocks=(
    ...     Block("Hi", 1, Span(0, 2), "headline"),
    ...     Block("Body.", 3, Span(4, 9)),
    ... ))
    >>> a.body
    ('Body.',)
    """

    headline: str | None = None
    alt_headlines: tuple[str, ...] = ()
    site: str | None = None
    blocks: tuple[Block, ...] = ()
    fixes: tuple[Fix, ...] = field(default=(), compare=False)
    source: Source = "article"
    text: str = field(default="", compare=False, repr=False)

    @property
    def body(self) -> tuple[str, ...]:
        """The paragraph texts, in order."""
        return tuple(b.text for b in self.blocks if b.kind == "paragraph")

    def body_text(self) -> str:
        """Return paragraphs and subheadings only, one blank line between blocks.

        >>> Article(blocks=(Block("Intro", 1, Span(0, 5), "subheading"),)).body_text()
        'Intro'
        """
        return "\n\n".join(b.text for b in self.blocks if b.kind in BODY_KINDS)

    def to_dict(self) -> dict[str, Any]:
        """Return the article as JSON-ready data."""
        return {
            "headline": self.headline,
            "alt_headlines": list(self.alt_headlines),
            "site": self.site,
            "source": self.source,
            "blocks": [b.to_dict() for b in self.blocks],
            "fixes": [f.to_dict() for f in self.fixes],
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """A classifier's verdict on one block: the kind (or None) and the signals behind it.

    Truthy when a kind was decided, so ``if is_caption(block, ctx):`` reads naturally.

    >>> bool(Decision("caption", ("credit",))), bool(Decision(None))
    (True, False)
    """

    kind: Kind | None
    why: tuple[str, ...] = ()
    label: str | None = None

    def __bool__(self) -> bool:
        return self.kind is not None
