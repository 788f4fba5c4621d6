"""Tests for newsclean.lint.edits and the positions findings report (issue 16, item 2).

A finding's span is the text it is about, in the file's own offsets; its edits are in the
file's own bytes; line:col in every output format map back to the span.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import lint_soup, linted_files, messy_lines

from newsclean.cli.main import main
from newsclean.lint.edits import own_fixes
from newsclean.lint.run import lint_text, relayout
from newsclean.model import Fix, LineIndex, Span, apply_fixes, newline_style
from newsclean.text.pipeline import clean_text


@pytest.fixture(autouse=True)
def _outside_the_repo(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


# --- own_fixes ----------------------------------------------------------------------

OWN = [
    pytest.param(
        "Title\n\n  indented line here.\n",
        Fix(Span(5, 9), "\n\n", "indent"),
        [("  ", "", "indent")],
        id="indent-only",
    ),
    pytest.param(
        "Title \r\n\r\nBody.\r\n",
        Fix(Span(5, 10), "\n\n", "line-ending+trailing-space"),
        [(" ", "", "trailing-space")],
        id="crlf-trailing",
    ),
    pytest.param(
        "Title  \n\n\n\n  Body\n",
        Fix(Span(5, 13), "\n\n", "trailing-space+blank-lines+indent"),
        [("  ", "", "trailing-space"), ("\n\n", "", "blank-lines"), ("  ", "", "indent")],
        id="merged-split",
    ),
    pytest.param(
        "a  b\n", Fix(Span(1, 3), " ", "space-run"), [("  ", " ", "space-run")], id="within-line"
    ),
    pytest.param("Title\r\n\r\n", Fix(Span(5, 7), "\n", "line-ending"), [], id="own-style-no-op"),
    pytest.param(
        "x\u2028y\r\n",
        Fix(Span(1, 2), "\n", "line-ending"),
        [("\u2028", "\r\n", "line-ending")],
        id="unusual-break-in-file-style",
    ),
]


@pytest.mark.parametrize(("text", "fix", "expected"), OWN)
def test_own_fixes(text: str, fix: Fix, expected: list[tuple[str, str, str]]) -> None:
    pieces = own_fixes(text, fix, newline_style(text))
    assert [(p.span.slice(text), p.replacement, p.reason) for p in pieces] == expected


@pytest.mark.parametrize(("text", "fix", "expected"), OWN)
def test_own_fixes_replay_the_fix(text: str, fix: Fix, expected: object) -> None:
    style = newline_style(text)
    whole = apply_fixes(text, (fix,))
    if style != "\n":
        whole = whole.replace("\r\n", "\n").replace("\n", style)
    assert apply_fixes(text, own_fixes(text, fix, style)) == whole


# --- the cases of the issue -----------------------------------------------------------


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    main(["check", "-j", "1", "--isolated", "--output-format", "json", *argv])
    out = capsys.readouterr().out
    return json.loads(out) if out.strip() else []


def test_indented_line_is_reported_on_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "a.txt"
    story.write_bytes(b"Title\n\n  indented line here.\n")
    [record] = _json(capsys, str(story))
    assert (record["code"], record["location"]) == ("NC406", {"row": 3, "column": 1})
    assert record["end_location"] == {"row": 3, "column": 3}


@pytest.mark.parametrize(
    ("noqa_line", "silenced"),
    [pytest.param(3, True, id="own-line"), pytest.param(1, False, id="other-line")],
)
def test_noqa_on_the_findings_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], noqa_line: int, silenced: bool
) -> None:
    lines = ["Title", "", "  indented line here."]
    lines[noqa_line - 1] += " newsclean: noqa: NC406"
    story = tmp_path / "a.txt"
    story.write_text("\n".join(lines) + "\n", encoding="utf-8")
    codes = [r["code"] for r in _json(capsys, str(story))]
    assert ("NC406" not in codes) is silenced


def test_excess_blank_lines_are_silenced_on_the_line_after_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "b.txt"
    story.write_bytes(b"Title.\n\n\n\nBody text here.\n")
    [record] = _json(capsys, str(story))
    assert (record["code"], record["location"]["row"], record["noqa_row"]) == ("NC402", 3, 5)
    story.write_bytes(b"Title.\n\n\n\nBody text here. newsclean: noqa: NC402\n")
    assert _json(capsys, str(story)) == []


def test_crlf_edit_is_in_the_files_own_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "c.txt"
    story.write_bytes(b"Title \r\n\r\nBody text here.\r\n")
    [record] = _json(capsys, str(story))
    assert record["code"] == "NC401"
    assert record["fix"]["edits"] == [
        {
            "content": "",
            "location": {"row": 1, "column": 6},
            "end_location": {"row": 1, "column": 7},
        }
    ]


def test_region_does_not_run_a_line_too_far(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "b.txt"
    story.write_bytes(b"Title.\n\n\n\nBody text here.\n")
    main(["check", "-j", "1", "--isolated", "--output-format", "sarif", str(story)])
    [result] = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert result["ruleId"] == "NC402"
    assert (region["startLine"], region["endLine"]) == (3, 4)


# --- properties -----------------------------------------------------------------------


def _offset(index: LineIndex, location: dict[str, int]) -> int:
    return index.starts[location["row"] - 1] + location["column"] - 1


def _edited(text: str, records: list[dict[str, Any]]) -> str:
    """Apply the safe edits of JSON records to ``text``, skipping any that collide, as
    a client applying ruff's JSON would (non-overlapping edits, in order)."""
    index = LineIndex(text)
    edits = sorted(
        {
            (_offset(index, e["location"]), _offset(index, e["end_location"]), e["content"])
            for r in records
            if r["fix"] and r["fix"]["applicability"] == "safe"
            for e in r["fix"]["edits"]
        }
    )
    out, at = [], 0
    for start, end, content in edits:
        if start < at:
            continue
        out += [text[at:start], content]
        at = end
    return "".join([*out, text[at:]])


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(linted_files())
@example(b"A a a.\r\n\xc2\xa0\r\n")  # NC404 gave its edit in LF in a CRLF file
@example(b"\xe2\x80\x9c quoted \xe2\x80\x9d\r   ")  # NC403 added a line break after the last one
@example(b"A.\r\nB.")  # NC403 gave its line break in LF in a CRLF file
def test_positions_map_back_and_json_edits_replay_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(data)
    text = data.decode("utf-8").removeprefix("\ufeff")
    index = LineIndex(text)
    findings = {(f.code, f.span.start, f.span.end) for f in lint_text(text)}
    records = _json(capsys, str(story))
    for record in records:
        start, end = _offset(index, record["location"]), _offset(index, record["end_location"])
        assert (record["code"], start, end) in findings
        assert record["noqa_row"] in (record["location"]["row"], index.line(end))
    edited = _edited(text, records)
    if not lint_text(edited):  # one round fixed it all: --fix writes exactly that
        main(["check", "-j", "1", "--isolated", "--fix", "-q", str(story)])
        capsys.readouterr()
        written = story.read_bytes().decode("utf-8").removeprefix("\ufeff")
        assert written == edited


@given(st.one_of(lint_soup, messy_lines()))
@example("\x1f")  # a control character str.strip takes for space: its fix was lost
@example("a\x1c \n")
def test_own_fixes_replay_every_pipeline_fix(text: str) -> None:
    # Each fix's pieces give what the fix gives, in the text's own line endings
    # (a mixed text: the fix's own piece of text decides).
    style = newline_style(text)
    for fix in clean_text(text).fixes:
        pieces = own_fixes(text, fix, style)
        old = fix.span.slice(text)
        new = apply_fixes(
            old, tuple(replace(p, span=p.span.shift(-fix.span.start)) for p in pieces)
        )
        assert relayout(new, old) == relayout(fix.replacement, old) or style == "mixed"
        assert all(fix.span.start <= p.span.start <= p.span.end <= fix.span.end for p in pieces)
