"""What a lint rule is: a :class:`Rule` value made by ``@rule`` or from a :class:`ReasonRow`.

A rule reads a :class:`LintSource` (the text, the cleaning pipeline's fixes, and the parsed
article when a structure rule needs it) and yields ``(span, message, fixes)`` triples; its
:class:`Rule` turns them into :class:`~newsclean.model.Finding` values carrying the code, so
the code is written once. A rule that only reports the pipeline's fixes made for some reasons
is a :class:`ReasonRow`, one line of its family's table, so a finding's fix is exactly the edit
``newsclean clean`` would make. Nothing here registers a rule: the families' ``RULES`` tuples
do, gathered by :mod:`newsclean.lint.registry`.
"""

from __future__ import annotations

import functools
import inspect
import re
import string
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from newsclean.article import parse_article
from newsclean.chars import lazy_compile_re
from newsclean.lint.edits import own_fixes
from newsclean.model import (
    Article,
    Block,
    Cleaned,
    Finding,
    Fix,
    Newline,
    QuoteStyle,
    Span,
    map_back,
    newline_style,
)
from newsclean.text.pipeline import clean_text, refused_fixes

#: What a rule function yields: where, the one-line message, and the edits that resolve it.
Yielded = tuple[Span, str, tuple[Fix, ...]]

#: The reason of a structural fix: its replaced text goes to the sidecar file, not away.
SIDECAR_REASON = "move-to-sidecar"

CODE_RE = lazy_compile_re(r"NC[1-9][0-9]{2}")
# A section of a rule's docstring: "Why: ...", "Bad: ...", "Good: ..." (one paragraph each).
DOC_SECTION_RE = lazy_compile_re(r"(?P<label>Why|Bad|Good):\s+(?P<body>.+)", re.DOTALL)
# A blank line between two paragraphs of a docstring.
PARAGRAPH_BREAK_RE = lazy_compile_re(r"\n[ \t]*\n")
NAME_RE = lazy_compile_re(r"[a-z]+(?:-[a-z]+)*")

#: The family of each hundred.
FAMILIES: MappingProxyType[str, str] = MappingProxyType(
    {"1": "encoding", "2": "quotes", "3": "structure", "4": "whitespace"}
)

#: The fields a :class:`ReasonRow` message may name: the fixed text and its replacement
#: (both quoted by :func:`show`) and the configured quote style.
MESSAGE_FIELDS = frozenset({"old", "new", "quotes"})


@dataclass(frozen=True, slots=True)
class Placed:
    """A block with its span in the text as given (block spans refer to the fixed text)."""

    block: Block
    span: Span


@dataclass(frozen=True, slots=True)
class LintSource:
    """What every rule reads: the text as given, the pipeline's fixes, the article.

    ``cleaned`` holds ``clean_text(text, quotes=quotes)``, fixes relative to ``text``;
    ``refused`` the fixes cleaning refused (see :func:`refused_fixes`), spans in ``text``;
    ``article`` is parsed only when a structure rule runs (else None), and ``placed``
    then holds its blocks with their spans in ``text`` (mapped once, not once per rule:
    the mapping walks every fix, and a text can hold a fix per character). ``newline`` is
    the text's line-ending style, which the reported edits keep. ``protected`` holds the
    sorted spans of ``text`` that are not prose (Markdown code, links...): the runner
    drops findings touching them, and rules that count marks leave them out.
    """

    text: str
    quotes: QuoteStyle
    cleaned: Cleaned
    article: Article | None = None
    placed: tuple[Placed, ...] = ()
    protected: tuple[Span, ...] = ()
    refused: tuple[Fix, ...] = ()
    newline: Newline = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "newline", newline_style(self.text))


def prepare(
    text: str,
    quotes: QuoteStyle = "keep",
    *,
    structure: bool = True,
    protected: tuple[Span, ...] = (),
) -> LintSource:
    """Run the pipeline over ``text`` once, and parse the article if ``structure``.

    >>> prepare("Caf\\u00c3\\u00a9", structure=False).cleaned.text
    'Café'
    """
    if not structure:
        cleaned = clean_text(text, quotes=quotes)
        refused = _refused(cleaned, quotes)
        return LintSource(text, quotes, cleaned, protected=protected, refused=refused)
    # The noqa comments stay: the rules' fixes must not take them out of the file.
    article = parse_article(text, quotes=quotes, keep_noqa=True)
    cleaned = Cleaned(article.text, article.fixes)
    placed = place_blocks(article)
    return LintSource(text, quotes, cleaned, article, placed, protected, _refused(cleaned, quotes))


def in_prose(source: LintSource, offsets: Sequence[int]) -> list[bool]:
    """Whether each offset of the cleaned text lies outside ``source.protected``.

    >>> source = prepare("a `b` c", structure=False, protected=(Span(2, 5),))
    >>> in_prose(source, [0, 3, 6])
    [True, False, True]
    """
    if not source.protected:
        return [True] * len(offsets)
    protected = source.protected
    starts = [span.start for span in protected]
    original = map_back(source.cleaned.fixes, offsets, end=False, at_deletion="after")
    out = []
    for offset in original:
        index = bisect_right(starts, offset) - 1
        out.append(index < 0 or protected[index].end <= offset)
    return out


def _refused(cleaned: Cleaned, quotes: QuoteStyle) -> tuple[Fix, ...]:
    """The fixes cleaning refused, with their spans in the text as given."""
    refused = refused_fixes(cleaned.text, quotes=quotes)
    if not refused:
        return ()
    fixes = cleaned.fixes
    starts = map_back(fixes, [f.span.start for f in refused], end=False, at_deletion="after")
    ends = map_back(fixes, [f.span.end for f in refused], end=True, at_deletion="before")
    return tuple(
        Fix(Span(start, max(start, end)), f.replacement, f.reason)
        for f, start, end in zip(refused, starts, ends, strict=True)
    )


def place_blocks(article: Article) -> tuple[Placed, ...]:
    """Map every block's span back to the text as given, as narrow as it goes: a block
    starting just after a deleted space starts after it there too.

    >>> from newsclean.model import Block
    >>> article = Article(blocks=(Block("Hi.", 1, Span(0, 3)),),
    ...                   fixes=(Fix(Span(0, 2), "", "indent"),))
    >>> place_blocks(article)[0].span
    Span(start=2, end=5)
    """
    blocks = article.blocks
    starts = map_back(article.fixes, [b.span.start for b in blocks], end=False, at_deletion="after")
    ends = map_back(article.fixes, [b.span.end for b in blocks], end=True, at_deletion="before")
    return tuple(
        Placed(b, Span(s, max(s, e))) for b, s, e in zip(blocks, starts, ends, strict=True)
    )


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """What a rule's docstring says: the one-sentence ``summary`` (its first paragraph),
    ``details`` (the paragraphs without a label), and the ``Why:``, ``Bad:`` and ``Good:``
    paragraphs (Markdown, as the README shows them). The one source for the README's
    rules table and ``newsclean rule``."""

    summary: str
    details: str = ""
    why: str = ""
    bad: str = ""
    good: str = ""


def parse_rule_doc(doc: str) -> RuleDoc:
    """Split a rule's docstring into its summary, details and labelled sections.

    >>> parse_rule_doc('''A run of
    ...     spaces.
    ...
    ...     Why: it shows.
    ...
    ...     Bad: `a  b`''').summary
    'A run of spaces.'
    """
    paragraphs = [
        " ".join(line.strip() for line in part.splitlines())
        for part in PARAGRAPH_BREAK_RE.split(inspect.cleandoc(doc))
        if part.strip()
    ]
    if not paragraphs:
        return RuleDoc("")
    sections: dict[str, str] = {}
    details = []
    for paragraph in paragraphs[1:]:
        match = DOC_SECTION_RE.fullmatch(paragraph)
        if match:
            sections[match["label"].lower()] = match["body"]
        else:
            details.append(paragraph)
    return RuleDoc(paragraphs[0], "\n\n".join(details), **sections)


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule: stable ``code``, kebab ``name``, one-line ``summary``, the check.

    ``safe`` says whether its fixes only change characters (applied by ``--fix``) or
    change what the article says (applied only with ``--unsafe-fixes``); ``fixable``
    whether it offers a fix at all. ``reasons`` names the pipeline fix reasons the rule
    reports (each reason is reported by one rule). ``doc`` is its parsed docstring.
    """

    code: str
    name: str
    summary: str
    function: Callable[[LintSource], Iterator[Yielded]]
    safe: bool = True
    reasons: tuple[str, ...] = ()
    fixable: bool = True
    doc: RuleDoc = RuleDoc("")

    @property
    def fix_kind(self) -> str:
        """``safe`` (``--fix`` applies it), ``unsafe`` (only with ``--unsafe-fixes``) or
        ``none`` (no fix: the finding needs a person)."""
        if not self.fixable:
            return "none"
        return "safe" if self.safe else "unsafe"

    @property
    def family(self) -> str:
        """The family named by the code's hundred: encoding, quotes, structure, whitespace."""
        return FAMILIES[self.code[2]]

    def check(self, source: LintSource) -> Iterator[Finding]:
        """Yield this rule's findings in ``source``."""
        for span, message, fixes in self.function(source):
            yield Finding(self.code, message, span, fixes, self.safe)


def _require_code_and_name(code: str, name: str) -> None:
    if not CODE_RE.fullmatch(code) or not NAME_RE.fullmatch(name):
        raise ValueError(f"rule code must look like NC123 and name like kebab-case: {code} {name}")


def rule(
    code: str,
    name: str,
    *,
    safe: bool = True,
    reasons: tuple[str, ...] = (),
    fixable: bool = True,
) -> Callable[[Callable[..., Iterator[Yielded]]], Rule]:
    """Wrap a rule generator as an immutable :class:`Rule`; registers nothing.

    The docstring is the rule's documentation (see :func:`parse_rule_doc`): its first
    paragraph the summary, then ``Why:``, ``Bad:`` and ``Good:`` paragraphs.

    >>> @rule("NC999", "always")
    ... def always(source):
    ...     '''Flag the first character.'''
    ...     yield Span(0, 1), "always", ()
    >>> always.code, always.summary
    ('NC999', 'Flag the first character.')
    """
    _require_code_and_name(code, name)

    def wrap(function: Callable[..., Iterator[Yielded]]) -> Rule:
        doc = parse_rule_doc(function.__doc__ or "")
        if not doc.summary:
            raise ValueError(f"rule {code} needs a docstring: its first paragraph is the summary")
        return Rule(code, name, doc.summary, function, safe, reasons, fixable, doc)

    return wrap


# --- rules that report the pipeline's fixes -------------------------------------------


@dataclass(frozen=True, slots=True)
class ReasonRow:
    """A rule that reports each pipeline fix made for one of its ``reasons``, as a table row.

    ``message`` is a template naming ``{old}`` and ``{new}`` (the fixed text and its
    replacement, quoted by :func:`show`) and ``{quotes}`` (the configured style);
    ``doc`` is the rule's docstring (see :func:`parse_rule_doc`).

    >>> ReasonRow("NC999", "odd-dash", ("odd-dash",), "dash {old}", "An odd dash.").code
    'NC999'
    """

    code: str
    name: str
    reasons: tuple[str, ...]
    message: str
    doc: str

    def __post_init__(self) -> None:
        _require_code_and_name(self.code, self.name)
        fields = {f for _, f, _, _ in string.Formatter().parse(self.message) if f is not None}
        if not self.reasons or not self.doc.strip() or not fields <= MESSAGE_FIELDS:
            allowed = ", ".join(sorted(MESSAGE_FIELDS))
            raise ValueError(
                f"rule {self.code} needs reasons, a summary, and a message naming only {allowed}"
            )


def reason_rule(row: ReasonRow) -> Rule:
    """Make the :class:`Rule` that reports the pipeline's fixes ``row`` names.

    >>> row = ReasonRow("NC999", "runs", ("space-run",), "{old} for one space", "A run.")
    >>> [f.message for f in reason_rule(row).check(prepare("a  b", structure=False))]
    ["'  ' for one space"]
    """
    doc = parse_rule_doc(row.doc)
    return Rule(
        row.code,
        row.name,
        doc.summary,
        functools.partial(_report_reasons, row, frozenset(row.reasons)),
        reasons=row.reasons,
        doc=doc,
    )


def reason_rules(rows: tuple[ReasonRow, ...]) -> tuple[Rule, ...]:
    """Make the rule of each row, in order.

    >>> reason_rules(())
    ()
    """
    return tuple(reason_rule(row) for row in rows)


def _report_reasons(
    row: ReasonRow, reasons: frozenset[str], source: LintSource
) -> Iterator[Yielded]:
    """Yield a finding for each pipeline fix made for any of ``reasons``, as an edit of
    the text's own bytes narrowed to the fault (see :func:`~newsclean.lint.edits.own_fixes`),
    and one with no fix for each such fix cleaning refused (a refused fix must not hide its
    finding)."""
    for merged in source.cleaned.fixes:
        if not reasons_of(merged) & reasons:
            continue
        for fix in own_fixes(source.text, merged, source.newline):
            if reasons_of(fix) & reasons:
                yield fix.span, _reason_message(row, source, fix), (fix,)
    for fix in source.refused:
        if reasons_of(fix) & reasons:
            yield fix.span, _reason_message(row, source, fix) + REFUSED_NOTE, ()


#: What a refused fix's finding adds to its message.
REFUSED_NOTE = " (not fixed: the fix would make it read as mojibake)"


def _reason_message(row: ReasonRow, source: LintSource, fix: Fix) -> str:
    old = show(fix.span.slice(source.text))
    return row.message.format(old=old, new=show(fix.replacement), quotes=source.quotes)


def in_code_order(*rules: Rule) -> tuple[Rule, ...]:
    """Return ``rules`` sorted by code: how a family lists its ``RULES``.

    >>> later = reason_rule(ReasonRow("NC999", "later", ("b",), "b", "B."))
    >>> first = reason_rule(ReasonRow("NC998", "first", ("a",), "a", "A."))
    >>> [r.code for r in in_code_order(later, first)]
    ['NC998', 'NC999']
    """
    return tuple(sorted(rules, key=lambda r: r.code))


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
