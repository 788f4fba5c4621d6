"""Select and run the rules over a text, honour ``noqa`` comments, and apply the fixes.

:func:`lint_text` returns the findings of the enabled rules; :func:`fix_until_clean`
applies their fixes round by round (a fix can reveal another problem) until nothing is
left to fix, re-applying the file's own line endings after each round. The finding
formats (concise, json, github, sarif) are built here too, from :meth:`Finding.to_dict`
and the line and column derived from each span by :class:`LineIndex`, the one place that
turns offsets into positions. Nothing here touches files.
"""

from __future__ import annotations

import difflib
import itertools
import os
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast
from urllib.parse import quote

import regex

from newsclean.arguments import require_instance, require_text
from newsclean.chars import LINE_END_RE
from newsclean.io.files import newline_style
from newsclean.io.render import escape_for_terminal, escape_surrogates, json_text
from newsclean.lint.config import Config
from newsclean.lint.rules import ALL_RULES, RULES_BY_CODE, SIDECAR_REASON, Rule, prepare
from newsclean.model import Finding, Fix, Span, apply_fixes
from newsclean.text.encoding import keep_repair_stable

OutputFormat = Literal["concise", "json", "github", "sarif"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("concise", "json", "github", "sarif")

#: Fix rounds before giving up on a text whose fixes keep revealing new ones.
MAX_ROUNDS = 10

# An inline suppression: "newsclean: noqa" silences its line, "noqa-file" the whole text;
# either may name codes, prefixes or rule names after a colon.
NOQA_RE = regex.compile(
    r"""
    newsclean: [\ \t]* noqa (?P<file> -file )?              # the marker, line or file
    (?: : [\ \t]* (?P<codes> [\w-]+ (?: [\ \t]* , [\ \t]* [\w-]+ )* ) )?   # optional codes
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# The word every noqa comment starts with, found before anything else is done: a search,
# where ``"newsclean" in text.lower()`` would make a lowered copy of the whole text (and
# take twelve bytes a character on the way).
NOQA_HINT_RE = regex.compile(r"newsclean", regex.IGNORECASE)


class LineIndex:
    """Line and column (both 1-based, columns in characters) of offsets into one text.

    >>> LineIndex("ab\\r\\ncd").position(5)
    (2, 2)
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in LINE_END_RE.finditer(text))]

    def line(self, offset: int) -> int:
        """Return the 1-based line holding ``offset``."""
        return bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """Return ``(line, column)`` of ``offset``."""
        line = self.line(offset)
        return line, offset - self._starts[line - 1] + 1


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
    names = {r.name: r.code for r in ALL_RULES}
    return frozenset(names.get(v.strip(), v.strip().upper()) for v in value.split(","))


def _silences(selectors: frozenset[str] | None, code: str) -> bool:
    return selectors is None or any(code.startswith(s) for s in selectors)


def suppress(text: str, findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Drop the findings silenced by ``newsclean: noqa`` comments in ``text``.

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
        here = lines.get(index.line(finding.span.start), [])
        return any(_silences(s, finding.code) for s in (*whole, *here))

    return tuple(f for f in found if not silenced(f))


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
    if not rules:
        return ()
    structure = any(rule.family == "structure" for rule in rules)
    source = prepare(text, config.quotes, structure=structure)
    findings = [finding for rule in rules for finding in rule.check(source)]
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    return suppress(text, findings)


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
    ``removed`` to the sidecar (structural fixes), and the findings left ``remaining``."""

    text: str
    fixed: int
    removed: tuple[str, ...]
    remaining: tuple[Finding, ...]


def fix_until_clean(text: str, config: Config | None = None, *, unsafe: bool = False) -> FixResult:
    """Apply the enabled rules' fixes until none is left (at most :data:`MAX_ROUNDS` rounds).

    >>> result = fix_until_clean("Caf\\u00c3\\u00a9  open  \\n")
    >>> result.text, result.fixed, result.remaining
    ('Café open\\n', 3, ())
    """
    text = require_text(text, "fix_until_clean")
    config = _require_config(config, "fix_until_clean")
    findings = lint_text(text, config)
    fixed = 0
    removed: list[str] = []
    for _ in range(MAX_ROUNDS):
        # Fixes are chosen finding by finding; together they must still hand encoding
        # repair nothing new, or the next round would "repair" what this one made.
        fixes = keep_repair_stable(text, choose_fixes(findings, unsafe=unsafe))
        if not fixes:
            break
        chosen = set(fixes)
        fixed += sum(1 for f in findings if f.fix and chosen.issuperset(f.fix))
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
    return FixResult(text, fixed, tuple(r for r in removed if r), findings)


def sidecar_text(removed: Sequence[str], existing: str = "") -> str:
    """Return the sidecar file's new text: ``existing`` then each removed block.

    >>> sidecar_text(["Photo: a pier"], "Old caption\\n")
    'Old caption\\n\\nPhoto: a pier\\n'
    """
    parts = [existing.rstrip("\r\n")] if existing.strip() else []
    return "\n\n".join([*parts, *removed]) + "\n"


def unified_diff(path: str, old: str, new: str) -> str:
    """Return a unified diff from ``old`` to ``new``, marking a missing final newline.

    The ``---``/``+++`` headers show ``path`` escaped by :func:`escape_for_terminal`.

    >>> print(unified_diff("a.txt", "x  \\n", "x\\n"), end="")
    --- a.txt
    +++ a.txt
    @@ -1 +1 @@
    -x
    +x
    """
    shown = escape_for_terminal(path)
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), shown, shown
    )
    out = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --- output formats -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileReport:
    """The findings of one file, with the text their spans point into."""

    path: str
    text: str
    findings: tuple[Finding, ...]


def _location(index: LineIndex, offset: int) -> dict[str, int]:
    row, column = index.position(offset)
    return {"row": row, "column": column}


def finding_record(report: FileReport, finding: Finding, index: LineIndex) -> dict[str, Any]:
    """Return one finding as a JSON record modelled on ruff's: rows and columns, 1-based.

    >>> report = FileReport("a.txt", "x  y\\n", ())
    >>> fix = Fix(Span(1, 3), " ", "space-run")
    >>> record = finding_record(report, Finding("NC405", "run", Span(1, 3), (fix,)),
    ...                         LineIndex(report.text))
    >>> record["location"], record["fix"]["applicability"]
    ({'row': 1, 'column': 2}, 'safe')
    """
    data = finding.to_dict()
    fix = None
    if data["fix"]:
        edits = [
            {
                "content": edit["replacement"],
                "location": _location(index, edit["start"]),
                "end_location": _location(index, edit["end"]),
            }
            for edit in data["fix"]
        ]
        fix = {"applicability": "safe" if data["safe"] else "unsafe", "edits": edits}
    rule = RULES_BY_CODE.get(finding.code)
    return {
        "code": data["code"],
        "name": rule.name if rule else None,
        "message": data["message"],
        "filename": report.path,
        "location": _location(index, data["start"]),
        "end_location": _location(index, data["end"]),
        "fix": fix,
        "noqa_row": index.line(data["start"]),
    }


def _records(reports: Iterable[FileReport]) -> list[dict[str, Any]]:
    out = []
    for report in reports:
        index = LineIndex(report.text)
        out += [finding_record(report, f, index) for f in report.findings]
    return out


def _marker(finding: Finding, unsafe: bool) -> str:
    return " [*]" if finding.fix and (finding.safe or unsafe) else ""


def render_concise(reports: Iterable[FileReport], *, unsafe: bool = False) -> str:
    """One line per finding: ``path:line:col: CODE [*] message`` (``[*]``: ``--fix`` fixes it).

    The path is escaped by :func:`escape_for_terminal` (the messages quote text through
    the rules' own visible form), so a file name cannot start a line of its own.

    >>> report = FileReport("a.txt", "ab", (Finding("NC403", "no newline", Span(2, 2),
    ...                                             (Fix(Span(2, 2), "\\n", "final-newline"),)),))
    >>> print(render_concise([report]), end="")
    a.txt:1:3: NC403 [*] no newline
    """
    lines = []
    for report in reports:
        index = LineIndex(report.text)
        path = escape_for_terminal(report.path)
        for finding in report.findings:
            row, column = index.position(finding.span.start)
            marker = _marker(finding, unsafe)
            lines.append(f"{path}:{row}:{column}: {finding.code}{marker} {finding.message}")
    return "".join(line + "\n" for line in lines)


def render_json(reports: Iterable[FileReport]) -> str:
    """A JSON array of finding records (see :func:`finding_record`), indented.

    >>> render_json([])
    '[]\\n'
    """
    return json_text(_records(reports), indent=2) + "\n"


def _github_escape(value: str, *, prop: bool = False) -> str:
    # The runner reads a command to the line's end: its own escapes keep it on one line.
    value = escape_surrogates(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def render_github(reports: Iterable[FileReport]) -> str:
    """GitHub Actions workflow commands: one ``::warning`` annotation per finding.

    >>> report = FileReport("a.txt", "ab", (Finding("NC403", "no newline", Span(2, 2)),))
    >>> render_github([report]).split("::")[1:]
    ['warning title=newsclean (NC403),file=a.txt,line=1,col=3,endLine=1,endColumn=3', \
'NC403 no newline\\n']
    """
    lines = []
    for record in _records(reports):
        start, end = record["location"], record["end_location"]
        props = (
            f"title={_github_escape('newsclean (' + record['code'] + ')', prop=True)},"
            f"file={_github_escape(record['filename'], prop=True)},"
            f"line={start['row']},col={start['column']},"
            f"endLine={end['row']},endColumn={end['column']}"
        )
        lines.append(f"::warning {props}::{record['code']} {_github_escape(record['message'])}")
    return "".join(line + "\n" for line in lines)


def _uri(path: str) -> str:
    """A relative URI for ``path``: its bytes percent-encoded, undecodable ones included.

    >>> _uri("news\\\\bad\\udcff name.txt")
    'news/bad%FF%20name.txt'
    """
    return quote(os.fsencode(path.replace("\\", "/")))


def render_sarif(reports: Iterable[FileReport], *, version: str = "0") -> str:
    """A minimal SARIF 2.1.0 log: the rules, then one result per finding.

    >>> '"version": "2.1.0"' in render_sarif([])
    True
    """
    rules = [
        {"id": r.code, "name": r.name, "shortDescription": {"text": r.summary}} for r in ALL_RULES
    ]
    order = {r.code: i for i, r in enumerate(ALL_RULES)}
    results = []
    for record in _records(reports):
        start, end = record["location"], record["end_location"]
        region = {
            "startLine": start["row"],
            "startColumn": start["column"],
            "endLine": end["row"],
            "endColumn": end["column"],
        }
        location = {"artifactLocation": {"uri": _uri(record["filename"])}}
        results.append(
            {
                "ruleId": record["code"],
                "ruleIndex": order.get(record["code"], -1),
                "level": "warning",
                "message": {"text": record["message"]},
                "locations": [{"physicalLocation": {**location, "region": region}}],
            }
        )
    driver = {
        "name": "newsclean",
        "version": version,
        "informationUri": "https://pypi.org/project/newsclean/",
        "rules": rules,
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
        ],
    }
    return json_text(log, indent=2) + "\n"


def render_findings(
    fmt: OutputFormat, reports: Sequence[FileReport], *, unsafe: bool = False, version: str = "0"
) -> str:
    """Return the findings of every report in format ``fmt``.

    >>> render_findings("json", [])
    '[]\\n'
    """
    if fmt == "json":
        return render_json(reports)
    if fmt == "github":
        return render_github(reports)
    if fmt == "sarif":
        return render_sarif(reports, version=version)
    return render_concise(reports, unsafe=unsafe)


def summary(findings: Sequence[Finding], *, fixed: int = 0, unsafe: bool = False) -> str:
    """Return the one-line summary printed on stderr after the findings.

    >>> summary([Finding("NC405", "run", Span(0, 2), (Fix(Span(0, 2), " ", "r"),))])
    'Found 1 finding (1 fixable with --fix).'
    """
    if not findings:
        return f"Fixed {fixed} finding{'s' * (fixed != 1)}; all clean." if fixed else "All clean."
    count = len(findings)
    safe = sum(1 for f in findings if f.fix and f.safe)
    hidden = sum(1 for f in findings if f.fix and not f.safe)
    text = f"Found {count} finding{'s' * (count != 1)}"
    if fixed:
        text = f"Fixed {fixed}, {count} remaining"
    notes = []
    if safe:
        notes.append(f"{safe} fixable with --fix")
    if hidden and not unsafe:
        notes.append(f"{hidden} more with --fix --unsafe-fixes")
    elif hidden:
        notes.append(f"{hidden} fixable with --fix --unsafe-fixes")
    return text + (f" ({'; '.join(notes)})." if notes else ".")
