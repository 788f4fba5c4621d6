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
import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import quote
from xml.sax.saxutils import quoteattr

from newsclean.io.render import escape_for_terminal, escape_surrogates, json_text
from newsclean.lint.registry import ALL_RULES, RULES_BY_CODE
from newsclean.lint.run import noqa_line
from newsclean.model import Finding, LineIndex

#: The output formats of ``check --output-format``, in the order --help lists them.
OutputFormat = Literal[
    "concise",
    "full",
    "grouped",
    "json",
    "json-lines",
    "junit",
    "gitlab",
    "github",
    "azure",
    "pylint",
    "sarif",
]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
#: Where a line of the ``full`` format stops: longer lines are cut around the finding.
FULL_WIDTH = 120


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
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc.why},
            "help": {
                "text": f"Bad: {r.doc.bad} Good: {r.doc.good}",
                "markdown": f"Bad: {r.doc.bad}\n\nGood: {r.doc.good}",
            },
            "properties": {"fix": r.fix_kind},
        }
        for r in ALL_RULES
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


def render_grouped(reports: Iterable[FileReport], *, unsafe: bool = False) -> str:
    """The findings under their file's name, ``line:col`` aligned (ruff's ``grouped``).

    >>> from newsclean.model import Span
    >>> report = FileReport("a.txt", "ab\\n", (Finding("NC405", "run", Span(1, 2)),))
    >>> print(render_grouped([report]), end="")
    a.txt:
      1:2 NC405 run
    <BLANKLINE>
    """
    out = []
    for report in reports:
        index = LineIndex(report.text)
        places = [":".join(map(str, index.position(f.span.start))) for f in report.findings]
        width = max(map(len, places), default=0)
        out.append(f"{escape_for_terminal(report.path)}:")
        for place, finding in zip(places, report.findings, strict=True):
            marker = _marker(finding, unsafe)
            out.append(f"  {place:<{width}} {finding.code}{marker} {finding.message}")
        out.append("")
    return "".join(line + "\n" for line in out)


def render_pylint(reports: Iterable[FileReport]) -> str:
    """``path:line: [CODE] message``, as pylint's parsable format (ruff's ``pylint``).

    >>> from newsclean.model import Span
    >>> render_pylint([FileReport("a.txt", "ab", (Finding("NC403", "no newline", Span(2, 2)),))])
    'a.txt:1: [NC403] no newline\\n'
    """
    lines = []
    for report in reports:
        index = LineIndex(report.text)
        path = escape_for_terminal(report.path)
        lines += [
            f"{path}:{index.line(f.span.start)}: [{f.code}] {f.message}" for f in report.findings
        ]
    return "".join(line + "\n" for line in lines)


def _azure_escape(value: str, *, prop: bool = False) -> str:
    # Azure Pipelines reads a logging command to the line's end, properties to ";" or "]".
    value = escape_surrogates(value).replace("%", "%AZP25")
    value = value.replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(";", "%3B").replace("]", "%5D") if prop else value


def render_azure(reports: Iterable[FileReport]) -> str:
    """Azure Pipelines logging commands: one ``##vso[task.logissue]`` per finding.

    >>> from newsclean.model import Span
    >>> report = FileReport("a;b.txt", "ab", (Finding("NC403", "no newline", Span(2, 2)),))
    >>> render_azure([report]).split(";")[1:3]
    ['sourcepath=a%3Bb.txt', 'linenumber=1']
    """
    lines = []
    for record in _records(reports):
        start = record["location"]
        props = (
            f"type=warning;sourcepath={_azure_escape(record['filename'], prop=True)};"
            f"linenumber={start['row']};columnnumber={start['column']};code={record['code']};"
        )
        lines.append(f"##vso[task.logissue {props}]{_azure_escape(record['message'])}")
    return "".join(line + "\n" for line in lines)


def render_json_lines(reports: Iterable[FileReport]) -> str:
    """One compact JSON record per line (see :func:`finding_record`), as ruff's json-lines.

    >>> render_json_lines([])
    ''
    """
    return "".join(json_text(record) + "\n" for record in _records(reports))


def _line_text(index: LineIndex, line: int) -> str:
    """Line ``line`` (1-based) of the indexed text, without its line break."""
    starts = index.starts
    end = starts[line] if line < len(starts) else len(index.text)
    return index.text[starts[line - 1] : end].rstrip("\r\n")


def _snippet(index: LineIndex, finding: Finding) -> list[str]:
    """The finding's first line with a caret under its span (cut to that line), ruff's way.

    Characters are escaped as the terminal sees them, so the caret stays under the span.
    """
    row, column = index.position(finding.span.start)
    line = _line_text(index, row)
    end_row, end_column = index.position(finding.span.end)
    stop = end_column - 1 if end_row == row else len(line)
    before = escape_for_terminal(line[: column - 1])
    marked = escape_for_terminal(line[column - 1 : max(stop, column - 1)])
    shown = escape_for_terminal(line)
    if len(before) > FULL_WIDTH:  # a long line: keep the part around the finding
        cut = len(before) - FULL_WIDTH // 2
        before, shown = "…" + before[cut:], "…" + shown[cut:]
    gutter = " " * len(str(row))
    return [
        f"{gutter} |",
        f"{row} | {shown[: len(before) + FULL_WIDTH]}",
        f"{gutter} | {' ' * len(before)}{'^' * max(1, len(marked))}",
        f"{gutter} |",
    ]


def render_full(reports: Iterable[FileReport], *, unsafe: bool = False) -> str:
    """Each finding with its source line and a caret under the span (ruff's ``full``).

    >>> from newsclean.model import Span
    >>> finding = Finding("NC405", "'  ' for one space", Span(3, 5))
    >>> print(render_full([FileReport("a.txt", "One  two.\\n", (finding,))]), end="")
    NC405 '  ' for one space
     --> a.txt:1:4
      |
    1 | One  two.
      |    ^^
      |
    <BLANKLINE>
    """
    out = []
    for report in reports:
        index = LineIndex(report.text)
        path = escape_for_terminal(report.path)
        for finding in report.findings:
            row, column = index.position(finding.span.start)
            out.append(f"{finding.code}{_marker(finding, unsafe)} {finding.message}")
            out.append(f" --> {path}:{row}:{column}")
            out += [*_snippet(index, finding), ""]
    return "".join(line + "\n" for line in out)


def _junit_case(record: dict[str, Any]) -> list[str]:
    start = record["location"]
    where = f"line {start['row']}, col {start['column']}, {record['message']}"
    classname = os.path.splitext(record["filename"])[0]
    return [
        f"        <testcase name={_attr('newsclean.' + record['code'])} "
        f'classname={_attr(classname)} line="{start["row"]}" column="{start["column"]}">',
        "            <properties>",
        '                <property name="severity" value="warning"/>',
        "            </properties>",
        f"            <failure message={_attr(record['message'])}>{_xml_text(where)}</failure>",
        "        </testcase>",
    ]


def _xml_safe(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold (controls, lone surrogates from undecodable
    file names) written as escapes: such a character would make the whole report unreadable.
    """
    text = escape_surrogates(text)
    return "".join(c if c in "\t\n\r" or c >= " " else f"\\x{ord(c):02x}" for c in text)


def _attr(value: str) -> str:
    return quoteattr(_xml_safe(value))


def _xml_text(text: str) -> str:
    return _xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _junit_suite(name: str, records: list[dict[str, Any]]) -> list[str]:
    count = len(records)
    head = (
        f'    <testsuite name={_attr(name)} tests="{count}" skipped="0" errors="0" '
        f'failures="{count}" package="org.newsclean">'
    )
    return [head, *(line for r in records for line in _junit_case(r)), "    </testsuite>"]


def render_junit(reports: Iterable[FileReport]) -> str:
    """A JUnit XML report as ruff writes it: a test suite per file, a failing test case
    per finding; with no finding, one passing case, "No errors found".

    >>> print(render_junit([]).splitlines()[3].strip())
    <testcase name="No errors found" classname="newsclean"/>
    """
    by_file: dict[str, list[dict[str, Any]]] = {}
    for record in _records(reports):
        by_file.setdefault(record["filename"], []).append(record)
    total = sum(len(v) for v in by_file.values())
    suites = [line for name, rs in by_file.items() for line in _junit_suite(name, rs)]
    if not by_file:
        suites = [
            '    <testsuite name="newsclean" tests="1" skipped="0" errors="0" failures="0" '
            'package="org.newsclean">',
            '        <testcase name="No errors found" classname="newsclean"/>',
            "    </testsuite>",
        ]
    tests = total or 1
    head = (
        f'<testsuites name="newsclean" tests="{tests}" skipped="0" failures="{total}" errors="0">'
    )
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', head, *suites, "</testsuites>"]
    return "\n".join(lines) + "\n"


def _fingerprint(record: dict[str, Any], seen: Counter[tuple[str, str, str]]) -> str:
    """A stable id for a GitLab finding: file, code, message and which repeat it is (not the
    line, so a finding keeps its id when lines are added above it)."""
    key = (record["filename"], record["code"], record["message"])
    seen[key] += 1
    data = json_text([*key, seen[key]]).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]


def render_gitlab(reports: Iterable[FileReport]) -> str:
    """A GitLab Code Quality report: description, check_name, fingerprint, severity and
    location (path, lines.begin and lines.end), one object per finding.

    >>> render_gitlab([])
    '[]\\n'
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = [
        {
            "description": f"{record['code']}: {record['message']}",
            "check_name": record["code"],
            "fingerprint": _fingerprint(record, seen),
            "severity": "minor",
            "location": {
                "path": record["filename"],
                "lines": {
                    "begin": record["location"]["row"],
                    "end": record["end_location"]["row"],
                },
            },
        }
        for record in _records(reports)
    ]
    return json_text(issues, indent=2) + "\n"


def render_findings(
    fmt: OutputFormat, reports: Sequence[FileReport], *, unsafe: bool = False, version: str = "0"
) -> str:
    """Return the findings of every report in format ``fmt``.

    >>> render_findings("json", [])
    '[]\\n'
    """
    if fmt == "json":
        return render_json(reports)
    if fmt == "json-lines":
        return render_json_lines(reports)
    if fmt == "grouped":
        return render_grouped(reports, unsafe=unsafe)
    if fmt == "pylint":
        return render_pylint(reports)
    if fmt == "azure":
        return render_azure(reports)
    if fmt == "full":
        return render_full(reports, unsafe=unsafe)
    if fmt == "junit":
        return render_junit(reports)
    if fmt == "gitlab":
        return render_gitlab(reports)
    if fmt == "github":
        return render_github(reports)
    if fmt == "sarif":
        return render_sarif(reports, version=version)
    return render_concise(reports, unsafe=unsafe)


def statistics(findings: Iterable[Finding], *, unsafe: bool = False) -> list[dict[str, Any]]:
    """Count the findings per code, most first (then by code), as ruff's ``--statistics``.

    >>> from newsclean.model import Span
    >>> statistics([Finding("NC202", "open", Span(0, 1))])
    [{'code': 'NC202', 'name': 'unbalanced-quote', 'count': 1, 'fixable': False, \
'fixable_count': 0}]
    """
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for finding in findings:
        counts[finding.code] += 1
        fixable[finding.code] += bool(_marker(finding, unsafe))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {
            "code": code,
            "name": RULES_BY_CODE[code].name if code in RULES_BY_CODE else None,
            "count": count,
            "fixable": fixable[code] > 0,
            "fixable_count": fixable[code],
        }
        for code, count in rows
    ]


def render_statistics(rows: Sequence[dict[str, Any]], fmt: OutputFormat = "concise") -> str:
    """The statistics as ruff prints them: count, code, ``[*]`` when fixable, rule name;
    as a JSON array for ``json``.

    >>> print(render_statistics([{"code": "NC405", "name": "space-run", "count": 12,
    ...                           "fixable": True, "fixable_count": 12}]), end="")
    12\tNC405\t[*] space-run
    """
    if fmt in ("json", "json-lines"):
        return json_text(list(rows), indent=2) + "\n"
    width = max((len(str(row["count"])) for row in rows), default=0)
    return "".join(
        f"{row['count']:>{width}}\t{row['code']}\t{'[*]' if row['fixable'] else '[ ]'} "
        f"{row['name']}\n"
        for row in rows
    )


def render_fixed(fixed: Sequence[tuple[str, Sequence[str]]]) -> str:
    """What ``--fix --show-fixes`` fixed, per file and code, as ruff lists it.

    >>> print(render_fixed([("a.txt", ["NC405", "NC405", "NC401"])]), end="")
    Fixed 3 findings:
    - a.txt:
        2 × NC405 (space-run)
        1 × NC401 (trailing-whitespace)
    """
    total = sum(len(codes) for _, codes in fixed)
    if not total:
        return ""
    lines = [f"Fixed {total} finding{'s' * (total != 1)}:"]
    for path, codes in fixed:
        if codes:
            lines.append(f"- {escape_for_terminal(path)}:")
            for code, count in sorted(Counter(codes).items(), key=lambda i: (-i[1], i[0])):
                name = RULES_BY_CODE[code].name if code in RULES_BY_CODE else code
                lines.append(f"    {count} × {code} ({name})")
    return "".join(line + "\n" for line in lines)


def summary(
    findings: Sequence[Finding],
    *,
    fixed: int = 0,
    unsafe: bool = False,
    unchecked: int = 0,
    skipped: int = 0,
) -> str:
    """Return the one-line summary printed on stderr after the findings.

    ``unchecked`` inputs could not be read (errors), ``skipped`` files were passed over
    (warnings): either way "All clean." would claim more than was checked.

    >>> from newsclean.model import Fix, Span
    >>> summary([Finding("NC405", "run", Span(0, 2), (Fix(Span(0, 2), " ", "r"),))])
    'Found 1 finding (1 fixable with --fix).'
    >>> summary([], unchecked=1)
    'No findings in the files checked; 1 input could not be checked.'
    """
    if not (unchecked or skipped):
        return _findings_part(findings, fixed=fixed, unsafe=unsafe)
    missed = [_count(unchecked, "input") + " could not be checked"] if unchecked else []
    if skipped:
        missed.append(f"{_count(skipped, 'file')} skipped")
    if findings:
        return f"{_findings_part(findings, fixed=fixed, unsafe=unsafe)} {', '.join(missed)}."
    done = f"Fixed {_count(fixed, 'finding')}, none left" if fixed else "No findings"
    return f"{done} in the files checked; {', '.join(missed)}."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _findings_part(findings: Sequence[Finding], *, fixed: int, unsafe: bool) -> str:
    """The summary's findings half: found or fixed, and how many more fixes could fix."""
    if not findings:
        return f"Fixed {_count(fixed, 'finding')}; all clean." if fixed else "All clean."
    safe = sum(1 for f in findings if f.fix and f.safe)
    hidden = sum(1 for f in findings if f.fix and not f.safe)
    text = (
        f"Fixed {fixed}, {len(findings)} remaining"
        if fixed
        else "Found " + _count(len(findings), "finding")
    )
    notes = []
    if safe:
        notes.append(f"{safe} fixable with --fix")
    if hidden:
        # "more" only beside a safe count: alone it would count the same findings twice
        how = "fixable" if unsafe or not safe else "more"
        notes.append(f"{hidden} {how} with --fix --unsafe-fixes")
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
