"""Finding output formats: the linter's findings in, the string to print out; no I/O here.

``concise`` is one line per finding for people, ``json`` a list of records modelled on
ruff's, ``github`` workflow commands for Actions annotations, ``sarif`` a SARIF 2.1.0 log
for code-scanning tools; :func:`unified_diff` is what ``check --diff`` prints. Every format
is built from :meth:`Finding.to_dict` and the line and column
:class:`~newsclean.model.LineIndex` derives from each span; text shown to people goes
through :func:`~newsclean.io.render.escape_for_terminal`, JSON through
:func:`~newsclean.io.render.json_text`.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

from newsclean.io.render import escape_for_terminal, escape_surrogates, json_text
from newsclean.lint.registry import ALL_RULES, RULES_BY_CODE
from newsclean.lint.run import noqa_line
from newsclean.model import Finding, LineIndex

OutputFormat = Literal["concise", "json", "github", "sarif"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("concise", "json", "github", "sarif")


@dataclass(frozen=True, slots=True)
class FileReport:
    """The findings of one file, with the text their spans point into."""

    path: str
    text: str
    findings: tuple[Finding, ...]


def _location(index: LineIndex, offset: int) -> dict[str, int]:
    row, column = index.position(offset)
    return {"row": row, "column": column}


def _end_location(index: LineIndex, start: int, end: int) -> dict[str, int]:
    # A finding's region ends on its last character's line; an edit's end stays exact
    # (the start of the next line), as ruff's edits do.
    row, column = index.end_position(start, end)
    return {"row": row, "column": column}


def finding_record(report: FileReport, finding: Finding, index: LineIndex) -> dict[str, Any]:
    """Return one finding as a JSON record modelled on ruff's: rows and columns, 1-based.

    >>> from newsclean.model import Fix, Span
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
        "end_location": _end_location(index, data["start"], data["end"]),
        "fix": fix,
        "noqa_row": noqa_line(index, finding.span),
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

    >>> from newsclean.model import Fix, Span
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

    >>> from newsclean.model import Span
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


def _sarif_result(record: dict[str, Any], order: dict[str, int]) -> dict[str, Any]:
    """One finding record as a SARIF result: its rule, message and region."""
    start, end = record["location"], record["end_location"]
    region = {
        "startLine": start["row"],
        "startColumn": start["column"],
        "endLine": end["row"],
        "endColumn": end["column"],
    }
    location = {"artifactLocation": {"uri": _uri(record["filename"])}}
    return {
        "ruleId": record["code"],
        "ruleIndex": order.get(record["code"], -1),
        "level": "warning",
        "message": {"text": record["message"]},
        "locations": [{"physicalLocation": {**location, "region": region}}],
    }


def _sarif_driver(version: str) -> dict[str, Any]:
    """The tool's SARIF description: name, version, and every rule.

    No ``informationUri``: SARIF makes it optional, and no public page of the project
    could be confirmed; a URL pointing elsewhere would mislead. Add it here (and to
    ``[project.urls]``) once one exists.
    """
    rules = [
        {"id": r.code, "name": r.name, "shortDescription": {"text": r.summary}} for r in ALL_RULES
    ]
    return {
        "name": "newsclean",
        "version": version,
        "rules": rules,
    }


def render_sarif(reports: Iterable[FileReport], *, version: str = "0") -> str:
    """A minimal SARIF 2.1.0 log: the rules, then one result per finding.

    >>> '"version": "2.1.0"' in render_sarif([])
    True
    """
    order = {r.code: i for i, r in enumerate(ALL_RULES)}
    results = [_sarif_result(record, order) for record in _records(reports)]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _sarif_driver(version)},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
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

    >>> from newsclean.model import Fix, Span
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
