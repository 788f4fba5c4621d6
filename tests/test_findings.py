"""Tests for newsclean/io/findings.py: the concise, json, github and sarif formats, the diff."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from strategies import BIDI_CONTROLS, hostile_lines, hostile_names

from newsclean.io.findings import (
    OUTPUT_FORMATS,
    FileReport,
    render_concise,
    render_findings,
    render_github,
    render_json,
    render_sarif,
    summary,
    unified_diff,
)
from newsclean.lint.run import lint_text
from newsclean.model import Finding, Fix, Span


def _finding(code: str, start: int, end: int, new: str = "", safe: bool = True) -> Finding:
    return Finding(code, "m", Span(start, end), (Fix(Span(start, end), new, "r"),), safe)


TEXT = "Caf\u00c3\u00a9 one.\nTwo  here.\n"


def _report() -> FileReport:
    return FileReport("news/a.txt", TEXT, lint_text(TEXT))


def test_concise() -> None:
    assert render_concise([_report()]).splitlines() == [
        "news/a.txt:1:4: NC101 [*] mojibake 'Ã©', read 'é'",
        "news/a.txt:2:4: NC405 [*] '  ' for one space",
    ]


def test_concise_marks_unsafe_only_with_unsafe_fixes() -> None:
    finding = _finding("NC303", 0, 3, safe=False)
    report = FileReport("a.txt", "abc\n", (finding,))
    assert "[*]" not in render_concise([report])
    assert "[*]" in render_concise([report], unsafe=True)


def test_json_fields() -> None:
    records = json.loads(render_json([_report()]))
    first = records[0]
    assert set(first) >= {"code", "message", "filename", "location", "end_location", "fix"}
    assert first["code"] == "NC101"
    assert first["filename"] == "news/a.txt"
    assert first["location"] == {"row": 1, "column": 4}
    assert first["end_location"] == {"row": 1, "column": 6}
    assert first["fix"]["applicability"] == "safe"
    assert first["fix"]["edits"] == [
        {
            "content": "é",
            "location": {"row": 1, "column": 4},
            "end_location": {"row": 1, "column": 6},
        }
    ]


def test_github_escapes() -> None:
    finding = Finding("NC202", "50% odd, here:\nsee", Span(0, 1))
    (line,) = render_github([FileReport("a,b.txt", "x", (finding,))]).splitlines()
    assert line.startswith("::warning title=newsclean (NC202),file=a%2Cb.txt,line=1,col=1,")
    assert line.endswith("::NC202 50%25 odd, here:%0Asee")


def test_sarif_minimal_valid_shape() -> None:
    log = json.loads(render_sarif([_report()], version="1.2"))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "newsclean"
    assert driver["version"] == "1.2"
    rule_ids = [r["id"] for r in driver["rules"]]
    result = run["results"][0]
    assert rule_ids[result["ruleIndex"]] == result["ruleId"] == "NC101"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 4, "endLine": 1, "endColumn": 6}
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a.txt"


@pytest.mark.parametrize("fmt", ["concise", "json", "github", "sarif"])
def test_render_findings_dispatch(fmt: str) -> None:
    out = render_findings(fmt, [_report()])  # type: ignore[arg-type]
    assert "NC101" in out


INJECTED = "x\n::error title=Injected::pwned.txt"


def test_concise_escapes_a_path_that_would_start_a_new_line() -> None:
    (line,) = render_concise([FileReport(INJECTED, "a  b\n", lint_text("a  b\n"))]).splitlines()
    assert line == "x\\n::error title=Injected::pwned.txt:1:2: NC405 [*] '  ' for one space"


def test_github_keeps_an_injected_path_on_one_line() -> None:
    (line,) = render_github([FileReport(INJECTED, "a  b\n", lint_text("a  b\n"))]).splitlines()
    assert line.startswith("::warning title=newsclean (NC405),file=x%0A%3A%3Aerror title=")


#: A file name that is not UTF-8, as Python hands it over on Linux (byte 0xFF escaped).
UNDECODABLE = "news/bad\udcff name.txt"


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_every_format_writes_an_undecodable_path_as_utf8(fmt: str) -> None:
    report = FileReport(UNDECODABLE, TEXT, lint_text(TEXT))
    out = render_findings(fmt, [report])  # type: ignore[arg-type]
    out.encode("utf-8")  # a lone surrogate would raise here, as writing it to stdout does
    assert ("%FF" if fmt == "sarif" else "bad\\udcff name") in out


def test_json_and_sarif_encode_an_undecodable_path_so_it_comes_back() -> None:
    report = FileReport(UNDECODABLE, TEXT, lint_text(TEXT))
    assert json.loads(render_json([report]))[0]["filename"] == UNDECODABLE
    (result, *_) = json.loads(render_sarif([report]))["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "news/bad%FF%20name.txt"


@pytest.mark.parametrize(
    ("findings", "fixed", "expected"),
    [
        pytest.param([], 0, "All clean.", id="clean"),
        pytest.param([], 3, "Fixed 3 findings; all clean.", id="fixed"),
        pytest.param(
            [_finding("NC405", 0, 1), _finding("NC302", 2, 3, safe=False)],
            0,
            "Found 2 findings (1 fixable with --fix; 1 more with --fix --unsafe-fixes).",
            id="found",
        ),
        pytest.param(
            [Finding("NC201", "m", Span(0, 1))], 2, "Fixed 2, 1 remaining.", id="remaining"
        ),
    ],
)
def test_summary(findings: list[Finding], fixed: int, expected: str) -> None:
    assert summary(findings, fixed=fixed) == expected


def test_unified_diff_marks_missing_final_newline() -> None:
    diff = unified_diff("a.txt", "x", "x\n")
    assert diff.splitlines() == [
        "--- a.txt",
        "+++ a.txt",
        "@@ -1 +1 @@",
        "-x",
        "\\ No newline at end of file",
        "+x",
    ]
    assert unified_diff("a.txt", "same\n", "same\n") == ""


def test_diff_headers_escape_the_path() -> None:
    diff = unified_diff(INJECTED + "\u202e", "x  \n", "x\n")
    assert diff.splitlines()[:2] == [
        "--- x\\n::error title=Injected::pwned.txt\\u202e",
        "+++ x\\n::error title=Injected::pwned.txt\\u202e",
    ]


# --- properties ---------------------------------------------------------------------


@given(hostile_names, hostile_lines)
def test_concise_output_is_one_clean_line_per_finding(name: str, text: str) -> None:
    """Whatever the file is called and holds, each finding shows as one line without a
    control, separator or bidi character: messages quote text in a visible form."""
    findings = lint_text(text)
    out = render_concise([FileReport(name, text, findings)], unsafe=True)
    assert out.count("\n") == len(findings)
    for char in out.replace("\n", ""):
        assert unicodedata.category(char) not in ("Cc", "Cs", "Zl", "Zp")
        assert char not in BIDI_CONTROLS
