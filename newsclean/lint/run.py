"""Select and run the rules over a text, honour ``noqa`` comments, and apply the fixes.

:func:`lint_text` returns the findings of the enabled rules; in Markdown mode it drops
those that touch the protected spans :mod:`newsclean.lint.markdown` finds (see
:func:`outside`), so fixes change prose only. :func:`fix_until_clean` applies the fixes
round by round (a fix can reveal another problem) until nothing is left to fix,
re-applying the file's own line endings after each round. The findings are shown by
:mod:`newsclean.io.findings`. Nothing here touches files.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import regex

from newsclean.arguments import require_instance, require_text
from newsclean.chars import LINE_END_RE, NOQA_RE, lazy_compile
from newsclean.lint.config import Config
from newsclean.lint.markdown import protected_spans
from newsclean.lint.registry import ALL_RULES, CODES_BY_NAME
from newsclean.lint.rule import SIDECAR_REASON, Rule, prepare
from newsclean.model import Finding, Fix, LineIndex, Span, apply_fixes, newline_style
from newsclean.text.encoding import keep_repair_stable

#: Fix rounds before giving up on a text whose fixes keep revealing new ones.
MAX_ROUNDS = 10

# The word every noqa comment starts with, found before anything else is done: a search,
# where ``"newsclean" in text.lower()`` would make a lowered copy of the whole text (and
# take twelve bytes a character on the way).
NOQA_HINT_RE = lazy_compile(r"newsclean", regex.IGNORECASE)


# --- selecting and suppressing -------------------------------------------------------


def enabled_rules(config: Config) -> tuple[Rule, ...]:
    """Return the rules ``config`` selects, in code order.

    >>> [r.code for r in enabled_rules(Config(select=("NC10",), ignore=("NC102",)))][:2]
    ['NC101', 'NC103']
    """
    return tuple(rule for rule in ALL_RULES if config.is_enabled(rule.code))


def _codes(value: str | None) -> frozenset[str] | None:
    """The selectors a noqa comment names (None: every code)."""
    if not value:
        return None
    return frozenset(CODES_BY_NAME.get(v.strip(), v.strip().upper()) for v in value.split(","))


def _silences(selectors: frozenset[str] | None, code: str) -> bool:
    return selectors is None or any(code.startswith(s) for s in selectors)


def suppress(text: str, findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Drop the findings silenced by ``newsclean: noqa`` comments in ``text``: a
    ``noqa-file`` anywhere, or a ``noqa`` on a line the finding's span covers.

    >>> text = "a  b newsclean: noqa: NC405\\n"
    >>> suppress(text, [Finding("NC405", "run", Span(1, 3))])
    ()
    """
    found = list(findings)
    if not found or NOQA_HINT_RE.search(text) is None:
        return tuple(found)
    index = LineIndex(text)
    whole: list[frozenset[str] | None] = []
    lines: dict[int, list[frozenset[str] | None]] = {}
    for match in NOQA_RE.finditer(text):
        selectors = _codes(match["codes"])
        if match["file"]:
            whole.append(selectors)
        else:
            lines.setdefault(index.line(match.start()), []).append(selectors)

    def silenced(finding: Finding) -> bool:
        # Any line the finding covers: excess blank lines can only be silenced on the
        # line after them, where their span ends (as ruff's E303 is).
        first, last = index.line(finding.span.start), index.line(finding.span.end)
        here = [s for n in range(first, last + 1) for s in lines.get(n, [])]
        return any(_silences(s, finding.code) for s in (*whole, *here))

    return tuple(f for f in found if not silenced(f))


def noqa_line(index: LineIndex, span: Span) -> int:
    """Return the line a ``noqa`` comment silencing a finding at ``span`` goes on: its
    first line, or for a span that starts on a blank line, the line where it ends.

    >>> noqa_line(LineIndex("Title.\\n\\n\\n\\nBody.\\n"), Span(8, 10))
    5
    """
    first = index.line(span.start)
    end = index.starts[first] if first < len(index.starts) else len(index.text)
    if index.text[index.starts[first - 1] : end].strip() or span.start == span.end:
        return first
    return index.line(span.end)


def _require_config(config: object, function: str) -> Config:
    """``config``, or the defaults for None; anything else is a TypeError saying what to pass."""
    if config is None:
        return Config()
    how = "build one with newsclean.Config(select=(...), quotes=...), or pass None"
    return cast(Config, require_instance(config, Config, function, how))


def lint_text(text: str, config: Config | None = None) -> tuple[Finding, ...]:
    """Return the findings of the rules ``config`` enables, noqa applied, in text order.

    >>> [f.code for f in lint_text("Caf\\u00c3\\u00a9  open\\n")]
    ['NC101', 'NC405']
    """
    text = require_text(text, "lint_text")
    config = _require_config(config, "lint_text")
    rules = enabled_rules(config)
    if config.markdown:  # a Markdown document has no article blocks to put in order
        rules = tuple(rule for rule in rules if rule.family != "structure")
    if not rules:
        return ()
    structure = any(rule.family == "structure" for rule in rules)
    protected = protected_spans(text) if config.markdown else ()
    source = prepare(text, config.quotes, structure=structure, protected=protected)
    findings = [finding for rule in rules for finding in rule.check(source)]
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    if protected:
        findings = list(outside(protected, findings))
    return suppress(text, findings)


def _touches(protected: Sequence[Span], starts: Sequence[int], span: Span) -> bool:
    """Whether ``span`` overlaps a protected span, or inserts strictly inside one."""
    index = bisect_left(starts, span.end) - 1
    while index >= 0 and protected[index].end > span.start - 1:
        guard = protected[index]
        if span.start < guard.end and guard.start < span.end:
            return True
        if span.start == span.end and guard.start < span.start < guard.end:
            return True
        index -= 1
    return False


def outside(protected: Sequence[Span], findings: Iterable[Finding]) -> Iterator[Finding]:
    """Yield the findings whose span and edits touch none of the ``protected`` spans.

    ``protected`` is sorted and disjoint (what
    :func:`~newsclean.lint.markdown.protected_spans` returns).

    >>> run = Finding("NC405", "run", Span(5, 7), (Fix(Span(5, 7), " ", "space-run"),))
    >>> list(outside([Span(4, 9)], [run])), len(list(outside([Span(0, 4)], [run])))
    ([], 1)
    """
    starts = [span.start for span in protected]
    for finding in findings:
        spans = (finding.span, *(fix.span for fix in finding.fix))
        if not any(_touches(protected, starts, span) for span in spans):
            yield finding


# --- fixing -------------------------------------------------------------------------


def _conflicts(a: Span, b: Span) -> bool:
    """Whether two edits cannot both be applied (touching is fine; one insert per place)."""
    if a == b:
        return True
    if max(a.start, b.start) < min(a.end, b.end):
        return True
    return (a.start == a.end and b.start < a.start < b.end) or (
        b.start == b.end and a.start < b.start < a.end
    )


def _fits(accepted: list[tuple[int, int]], span: Span) -> bool:
    """Whether ``span`` conflicts with none of the accepted, sorted, disjoint spans."""
    index = bisect_left(accepted, (span.start, span.start))
    if index and _conflicts(Span(*accepted[index - 1]), span):
        return False
    while index < len(accepted) and accepted[index][0] <= span.end:
        if _conflicts(Span(*accepted[index]), span):
            return False
        index += 1
    return True


def choose_fixes(findings: Iterable[Finding], *, unsafe: bool = False) -> tuple[Fix, ...]:
    """Pick the fixes to apply now: each finding's edits all or none, none overlapping.

    Findings go in text order; one whose edits collide with edits already picked waits
    for the next round. Unsafe fixes are picked only when ``unsafe``.

    >>> a = Finding("NC405", "run", Span(0, 2), (Fix(Span(0, 2), " ", "space-run"),))
    >>> b = Finding("NC401", "trail", Span(1, 3), (Fix(Span(1, 3), "", "trailing-space"),))
    >>> choose_fixes([a, b])
    (Fix(span=Span(start=0, end=2), replacement=' ', reason='space-run'),)
    """
    chosen: dict[Fix, None] = {}
    accepted: list[tuple[int, int]] = []
    for finding in findings:
        if not finding.fix or not (finding.safe or unsafe):
            continue
        new = [fix for fix in finding.fix if fix not in chosen]
        if not all(_fits(accepted, fix.span) for fix in new) or _self_conflict(new):
            continue
        for fix in new:
            chosen[fix] = None
            insort(accepted, (fix.span.start, fix.span.end))
    return tuple(sorted(chosen, key=lambda f: (f.span.start, f.span.end)))


def _self_conflict(fixes: Sequence[Fix]) -> bool:
    spans = sorted(f.span for f in fixes)
    return any(_conflicts(a, b) for a, b in itertools.pairwise(spans))


def _majority_newline(text: str) -> str:
    ends = [m.group() for m in LINE_END_RE.finditer(text)]
    return max(dict.fromkeys(ends), key=ends.count) if ends else "\n"


def relayout(new: str, old: str) -> str:
    """Give ``new`` (``old`` after fixes) the line endings of ``old``.

    Fixes write ``\\n``; a file with one line-ending style gets that style back. A file
    with mixed endings keeps them, unless the fixes made them uniform (NC404 was fixed):
    then it gets the style most of its lines had.

    >>> relayout("a\\nb\\r\\n", "a  \\r\\nb\\r\\n")
    'a\\r\\nb\\r\\n'
    """
    style: str = newline_style(old)
    if style == "mixed":
        if newline_style(new) == "mixed":
            return new
        style = _majority_newline(old)
    if style == "\n" and "\r" not in new:
        return new
    return str(LINE_END_RE.sub(style, new))


@dataclass(frozen=True, slots=True)
class FixResult:
    """What fixing a text did: the new ``text``, how many ``fixed`` findings, the texts
    ``removed`` to the sidecar (structural fixes), the findings left ``remaining``, and the
    code of each fixed finding (``fixed_codes``, for ``--show-fixes``)."""

    text: str
    fixed: int
    removed: tuple[str, ...]
    remaining: tuple[Finding, ...]
    fixed_codes: tuple[str, ...] = ()


def fix_until_clean(text: str, config: Config | None = None, *, unsafe: bool = False) -> FixResult:
    """Apply the enabled rules' fixes until none is left (at most :data:`MAX_ROUNDS` rounds).

    >>> result = fix_until_clean("Caf\\u00c3\\u00a9  open  \\n")
    >>> result.text, result.fixed, result.remaining
    ('Café open\\n', 3, ())
    """
    text = require_text(text, "fix_until_clean")
    config = _require_config(config, "fix_until_clean")
    findings = lint_text(text, config)
    fixed: list[str] = []
    removed: list[str] = []
    for _ in range(MAX_ROUNDS):
        # Fixes are chosen finding by finding; together they must still hand encoding
        # repair nothing new, or the next round would "repair" what this one made.
        fixes = keep_repair_stable(text, choose_fixes(findings, unsafe=unsafe))
        if not fixes:
            break
        chosen = set(fixes)
        fixed += [f.code for f in findings if f.fix and chosen.issuperset(f.fix)]
        removed += [f.span.slice(text).strip() for f in fixes if f.reason == SIDECAR_REASON]
        new = relayout(apply_fixes(text, fixes), text)
        if new == text:
            break
        text = new
        # Let this round's findings and fixes go before the next lint, not after it: they
        # hold several objects a fix, and the lint's parse is the peak of a text's memory.
        findings = fixes = ()
        chosen.clear()
        findings = lint_text(text, config)
    return FixResult(text, len(fixed), tuple(r for r in removed if r), findings, tuple(fixed))


def sidecar_text(removed: Sequence[str], existing: str = "") -> str:
    """Return the sidecar file's new text: ``existing`` then each removed block.

    >>> sidecar_text(["Photo: a pier"], "Old caption\\n")
    'Old caption\\n\\nPhoto: a pier\\n'
    """
    parts = [existing.rstrip("\r\n")] if existing.strip() else []
    return "\n\n".join([*parts, *removed]) + "\n"
