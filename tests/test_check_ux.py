"""Tests for the linter as ruff and pre-commit users expect it (issue 16, items 4 to 7).

``newsclean rule``; the ruff options of ``check`` (--statistics, --show-fixes, the exit
status options, --extend-select, --config and newsclean.toml, --show-settings,
--show-files) and its output formats (full, json-lines, junit, gitlab); finding the
command and reading stdin; the summary line, messages, and one encoding policy for
``clean`` and ``check``. CLI tests call ``main([...])`` on files in a temp dir; a
subprocess only where stdin has to be a real pipe.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from newsclean.cli.main import main
from newsclean.lint.registry import ALL_RULES

MESSY = "One  two.\n"  # NC405 at 1:4, safe fix
#: Two unsafe findings and nothing safe: a duplicate headline and a caption in the body.
UNSAFE_ONLY = (
    "Storm hits the coast\n\n"
    "Storm hits the coast\n\n"
    "Waves battered the town overnight, and the harbour wall gave way before dawn.\n\n"
    "Waves break over the wall. Photograph: Jane Doe/Agency\n\n"
    "The council said repairs would start next week and cost several million pounds.\n"
)


@pytest.fixture(autouse=True)
def _outside_the_repo(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a directory with no settings file above it."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "-j", "1", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# --- 4. newsclean rule -----------------------------------------------------------------


def test_rule_explains_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "NC101"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# mojibake (NC101)\n")
    for part in ("Fix is safe", "## What it finds", "## Why it matters", "Bad: `Caf", "Good:"):
        assert part in out


@pytest.mark.parametrize("name", ["space-run", "nc405", "NC405"])
def test_rule_takes_a_name_or_a_code_in_any_case(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert main(["rule", name, "--output-format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["code"], record["name"], record["fix"]) == ("NC405", "space-run", "safe")


def test_rule_all_as_json_documents_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "--all", "--output-format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in records] == [r.code for r in ALL_RULES]
    assert all(r["summary"] and r["why"] and r["bad"] and r["good"] for r in records)
    fixes = {r["code"]: r["fix"] for r in records}
    assert fixes["NC202"] == "none"
    assert fixes["NC302"] == "unsafe"
    assert fixes["NC101"] == "safe"


def test_rule_all_as_text_has_a_section_per_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "--all"]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("# ")] == [
        f"# {r.name} ({r.code})" for r in ALL_RULES
    ]


@pytest.mark.parametrize("argv", [["NC999"], ["no-such-rule"], [], ["NC101", "--all"]])
def test_rule_unknown_or_missing_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(["rule", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith("newsclean rule: error: ")


# --- 5. ruff's options -----------------------------------------------------------------


def test_statistics_count_per_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", 'One  two.  Three  four.\n\u201cHi\u201d "yo"\n')
    code, out, _ = _check(capsys, "--statistics", str(story))
    assert code == 1
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == ["3", "NC405", "[*] space-run"]
    assert ["1", "NC201", "[*] mixed-quotes"] in rows
    code, out, _ = _check(capsys, "--statistics", "--output-format", "json", str(story))
    stats = json.loads(out)
    assert stats[0] == {
        "code": "NC405",
        "name": "space-run",
        "count": 3,
        "fixable": True,
        "fixable_count": 3,
    }


def test_statistics_mark_what_only_unsafe_fixes_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", UNSAFE_ONLY)
    _, out, _ = _check(capsys, "--statistics", str(story))
    assert out.splitlines() == ["1\tNC301\t[ ] duplicate-headline", "1\tNC302\t[ ] caption-in-body"]
    _, out, _ = _check(capsys, "--statistics", "--unsafe-fixes", str(story))
    assert out.splitlines() == ["1\tNC301\t[*] duplicate-headline", "1\tNC302\t[*] caption-in-body"]


def test_show_fixes_lists_what_was_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", "One  two.  \nThree  four.\n")
    code, out, err = _check(capsys, "--fix", "--show-fixes", str(story))
    assert code == 0
    assert out.splitlines() == [
        "Fixed 3 findings:",
        f"- {story}:",
        "    2 × NC405 (space-run)",
        "    1 × NC401 (trailing-whitespace)",
    ]
    assert err == "Fixed 3 findings; all clean.\n"


def test_fix_exits_0_when_nothing_remains_and_1_when_something_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", MESSY)
    assert _check(capsys, "--fix", str(story))[0] == 0  # as ruff: nothing left
    assert story.read_text(encoding="utf-8") == "One two.\n"  # pre-commit sees the change
    again = _write(tmp_path / "b.txt", MESSY)
    assert _check(capsys, "--fix", "--exit-non-zero-on-fix", str(again))[0] == 1
    assert _check(capsys, "--fix", "--exit-non-zero-on-fix", str(again))[0] == 0  # unchanged
    unsafe = _write(tmp_path / "c.txt", UNSAFE_ONLY)
    assert _check(capsys, "--fix", str(unsafe))[0] == 1  # findings remain


def test_exit_zero_hides_findings_but_not_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", MESSY)
    code, out, _ = _check(capsys, "--exit-zero", str(story))
    assert code == 0
    assert "NC405" in out
    assert _check(capsys, "--exit-zero", str(tmp_path / "missing.txt"))[0] == 2


def _codes(out: str) -> set[str]:
    return {record["code"] for record in json.loads(out)} if out.strip() else set()


def test_extend_select_adds_to_the_selection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", "Caf\u00c3\u00a9  open\n")
    _write(tmp_path / "newsclean.toml", 'select = ["NC1"]\n')
    _, out, _ = _check(capsys, "--output-format", "json", str(story))
    assert _codes(out) == {"NC101"}
    _, out, _ = _check(capsys, "--output-format", "json", "--extend-select", "NC405", str(story))
    assert _codes(out) == {"NC101", "NC405"}
    args = ("--select", "NC4", "--extend-select", "mojibake")
    _, out, _ = _check(capsys, "--output-format", "json", *args, str(story))
    assert _codes(out) == {"NC101", "NC405"}


def test_newsclean_toml_takes_precedence_over_pyproject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "news" / "a.txt", "Caf\u00c3\u00a9  open\n")
    _write(tmp_path / "pyproject.toml", '[tool.newsclean]\nselect = ["NC4"]\n')
    _, out, _ = _check(capsys, "--output-format", "json", str(story))
    assert _codes(out) == {"NC405"}
    _write(tmp_path / "newsclean.toml", 'select = ["NC1"]\n')
    _, out, _ = _check(capsys, "--output-format", "json", str(story))
    assert _codes(out) == {"NC101"}
    # the nearest settings file wins, as ruff's: a closer pyproject.toml beats it
    _write(tmp_path / "news" / "pyproject.toml", '[tool.newsclean]\nignore = ["NC1"]\n')
    _, out, _ = _check(capsys, "--output-format", "json", str(story))
    assert _codes(out) == {"NC405"}


def test_config_names_the_settings_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", "Caf\u00c3\u00a9  open\n")
    _write(tmp_path / "pyproject.toml", '[tool.newsclean]\nselect = ["NC4"]\n')
    own = _write(tmp_path / "elsewhere" / "lint.toml", 'select = ["NC1"]\n')
    _, out, _ = _check(capsys, "--output-format", "json", "--config", str(own), str(story))
    assert _codes(out) == {"NC101"}
    project = _write(tmp_path / "other" / "pyproject.toml", '[tool.newsclean]\nignore = ["NC1"]\n')
    _, out, _ = _check(capsys, "--output-format", "json", "--config", str(project), str(story))
    assert _codes(out) == {"NC405"}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(None, "no such file", id="missing"),
        pytest.param('quotes = "fancy"\n', "quotes must be one of", id="bad-value"),
        pytest.param("select = [\n", "invalid TOML", id="bad-toml"),
    ],
)
def test_a_bad_config_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, problem: str
) -> None:
    config = tmp_path / "lint.toml"
    if content is not None:
        _write(config, content)
    story = _write(tmp_path / "a.txt", MESSY)
    code, out, err = _check(capsys, "--config", str(config), str(story))
    assert code == 2
    assert out == ""
    assert err.splitlines() == [err.splitlines()[0]]
    assert err.startswith(f"newsclean: error: {config}: ")
    assert problem in err


def test_config_and_isolated_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--config", "x.toml", "--isolated", "a.txt"]) == 2
    assert "not allowed with" in capsys.readouterr().err


def test_show_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _write(tmp_path / "newsclean.toml", 'quotes = "curly"\nignore = ["NC4"]\n')
    story = _write(tmp_path / "a.txt", MESSY)
    code, out, _ = _check(capsys, "--show-settings", "--extend-select", "NC405", str(story))
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == [f"Resolved settings for: {story}", f"Settings file: {settings}"]
    assert 'quotes = "curly"' in lines
    assert 'select = ["NC", "NC405"]' in lines
    assert 'ignore = ["NC4"]' in lines
    enabled = next(line for line in lines if line.startswith("# rules enabled:")).split()
    assert "NC405" in enabled
    assert "NC401" not in enabled
    assert ": NC405 " not in out  # it checked nothing


def test_show_files_lists_what_a_check_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "b.txt", MESSY)
    _write(tmp_path / "a.md", MESSY)
    _write(tmp_path / "a.md.removed.txt", MESSY)
    _write(tmp_path / "node_modules" / "x.txt", MESSY)
    _write(tmp_path / "notes.py", MESSY)
    code, out, err = _check(capsys, "--show-files", str(tmp_path))
    assert code == 0
    assert out.splitlines() == [str(tmp_path / "a.md"), str(tmp_path / "b.txt")]
    assert err == ""


# --- 5. output formats -----------------------------------------------------------------


def test_json_lines_is_one_json_record_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", "One  two.  \n")
    _, whole, _ = _check(capsys, "--output-format", "json", str(story))
    _, lines, _ = _check(capsys, "--output-format", "json-lines", str(story))
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(whole)
    assert len(lines.splitlines()) == 2


def test_full_shows_the_line_and_a_caret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", "Title\n\nOne  two.\n")
    _, out, _ = _check(capsys, "--output-format", "full", str(story))
    assert out.splitlines() == [
        "NC405 [*] '  ' for one space",
        f" --> {story}:3:4",
        "  |",
        "3 | One  two.",
        "  |    ^^",
        "  |",
        "",
    ]


def test_full_escapes_the_line_and_keeps_the_caret_under_the_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", "\x1b[31mRed\x1b[0m  text.\n")
    _, out, _ = _check(capsys, "--output-format", "full", "--select", "NC405", str(story))
    source, caret = out.splitlines()[3:5]
    assert "\x1b" not in out
    assert source[caret.index("^") : caret.rindex("^") + 1] == "  "


def _junit(out: str) -> ET.Element:
    return ET.fromstring(out)


def test_junit_as_ruff_writes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a\x07<b>.txt", "One  two.  \n")
    _, out, _ = _check(capsys, "--output-format", "junit", str(story))
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = _junit(out)
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "2", "2")
    (suite,) = root
    assert suite.get("name") == str(story).replace("\x07", "\\x07")
    cases = list(suite)
    assert [c.get("name") for c in cases] == ["newsclean.NC405", "newsclean.NC401"]
    assert (cases[0].get("line"), cases[0].get("column")) == ("1", "4")
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.get("message") == "'  ' for one space"
    assert failure.text == "line 1, col 4, '  ' for one space"


def test_junit_without_findings_has_one_passing_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", "One two.\n")
    code, out, _ = _check(capsys, "--output-format", "junit", str(story))
    assert code == 0
    case = _junit(out).find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == "No errors found"


def _gitlab(out: str) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(out)
    for issue in issues:  # the fields GitLab's Code Quality report requires
        assert isinstance(issue["description"], str)
        assert isinstance(issue["check_name"], str)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["fingerprint"], str)
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)
    return issues


def test_gitlab_code_quality(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", "One  two.\n\nOne  two.\n")
    gitlab = ("--output-format", "gitlab", "--select", "NC405")
    _, out, _ = _check(capsys, *gitlab, str(story))
    issues = _gitlab(out)
    assert [i["location"]["lines"]["begin"] for i in issues] == [1, 3]
    assert issues[0]["check_name"] == "NC405"
    assert issues[0]["description"] == "NC405: '  ' for one space"
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]  # same message, twice
    # lines added above keep a finding's fingerprint
    _write(tmp_path / "a.txt", "Title\n\nOne  two.\n\nOne  two.\n")
    _, moved, _ = _check(capsys, *gitlab, str(story))
    assert [i["fingerprint"] for i in _gitlab(moved)] == [i["fingerprint"] for i in issues]


# --- 6. finding the command, reading stdin ---------------------------------------------


def test_help_names_the_other_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "newsclean check" in out
    assert "newsclean rule" in out


def test_check_flag_after_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", MESSY)
    assert main([str(story), "--check", "-j", "1"]) == 1
    assert capsys.readouterr().out.startswith(f"{story}:1:4: NC405")


def test_stdin_filename_without_a_dash_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, MESSY.encode())
    code, out, _ = _check(capsys, "--stdin-filename", "story.txt")
    assert code == 1
    assert out == "story.txt:1:4: NC405 [*] '  ' for one space\n"


def _check_with_no_path(folder: Path, **stdin: Any) -> subprocess.CompletedProcess[str]:
    """``newsclean check`` with no PATH, in a real process (stdin must be a real pipe)."""
    return subprocess.run(
        [sys.executable, "-m", "newsclean", "check"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        **stdin,
    )


def _run(argv: list[str], stdin: Any, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsclean", *argv],
        stdin=stdin,
        input=None,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_no_path_with_data_piped_in_reads_stdin(tmp_path: Path) -> None:
    _write(tmp_path / "other.txt", "Three  four.\n")  # not read: stdin is
    run = _check_with_no_path(tmp_path, input=MESSY)
    assert run.returncode == 1, run.stderr
    assert run.stdout == "-:1:4: NC405 [*] '  ' for one space\n"


@pytest.mark.parametrize("stdin", ["devnull", "empty-pipe"])
def test_no_path_and_nothing_on_stdin_checks_the_directory(tmp_path: Path, stdin: str) -> None:
    _write(tmp_path / "other.txt", MESSY)
    if stdin == "devnull":
        run = _check_with_no_path(tmp_path, stdin=subprocess.DEVNULL)
    else:
        run = _check_with_no_path(tmp_path, input="")
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith("other.txt:1:4: NC405")


# --- 7. messages and the encoding policy -----------------------------------------------


def test_a_directory_with_an_unreadable_file_is_never_all_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "legacy.txt", b"caf\xe9 au lait\n")
    _write(tmp_path / "wide.txt", "caf\u00e9\n".encode("utf-16"))
    code, out, err = _check(capsys, str(tmp_path))
    assert code == 2
    lines = err.splitlines()
    assert lines[0].startswith(f"newsclean: warning: {tmp_path / 'legacy.txt'}: ")
    assert "decoded as cp1252" in lines[0]
    assert lines[1].startswith(f"newsclean: error: {tmp_path / 'wide.txt'}: looks like UTF-16")
    assert lines[2] == "No findings in the files checked; 1 input could not be checked."
    assert "All clean" not in err
    assert out == ""


def test_a_missing_file_is_never_all_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _check(capsys, str(tmp_path / "missing.txt"))
    assert code == 2
    assert err.splitlines()[-1] == "No findings in the files checked; 1 input could not be checked."


def test_unsafe_only_findings_are_not_counted_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", UNSAFE_ONLY)
    _, _, err = _check(capsys, str(story))
    assert err == "Found 2 findings (2 fixable with --fix --unsafe-fixes).\n"


def test_a_config_error_names_the_keys_not_a_tuple(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.newsclean]\nselekt = []\n")
    story = _write(tmp_path / "a.txt", MESSY)
    code, _, err = _check(capsys, str(story))
    assert code == 2
    assert "known keys: quotes, select, ignore," in err
    assert "('" not in err


def test_an_odd_line_break_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    story = _write(tmp_path / "a.txt", "One.\u2028Two.\u2029Three.\n")
    _, out, _ = _check(capsys, "--select", "NC404", str(story))
    assert out.splitlines() == [
        f"{story}:1:5: NC404 [*] LINE SEPARATOR (U+2028) used as a line break",
        f"{story}:1:10: NC404 [*] PARAGRAPH SEPARATOR (U+2029) used as a line break",
    ]


def test_clean_and_check_read_cp1252_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", b"Caf\xe9  \x93open\x94\n")
    assert main([str(story)]) == 0
    clean_warning = capsys.readouterr().err.splitlines()[0]
    code, out, err = _check(capsys, str(story))
    assert code == 1
    assert err.splitlines()[0] == clean_warning
    assert out == f"{story}:1:5: NC405 [*] '  ' for one space\n"


def test_fix_writes_a_cp1252_file_back_in_cp1252(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", b"Caf\xe9  \x93open\x94  \r\n")
    assert _check(capsys, "--fix", str(story))[0] == 0
    assert story.read_bytes() == b"Caf\xe9 \x93open\x94\r\n"


def test_fix_refuses_what_cp1252_cannot_hold_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = b"Gamma &gamma;  rays\n"  # the entity's fix is a character cp1252 lacks
    story = _write(tmp_path / "a.txt", b"\xe9 " + before)
    code, _, err = _check(capsys, "--fix", str(story))
    assert code == 2
    assert f"newsclean: error: {story}: not fixed, nothing written: " in err
    assert "cannot be written in cp1252" in err
    assert story.read_bytes() == b"\xe9 " + before


# --- 5. more of ruff's options: --fix-only, -o, -e, -s -----------------------------------


def test_fix_only_fixes_and_neither_reports_nor_fails_on_what_is_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", UNSAFE_ONLY.replace("overnight,", "overnight ,"))
    code, out, err = _check(capsys, "--fix-only", str(story))
    assert code == 0
    assert out == ""
    assert "overnight," in story.read_text(encoding="utf-8")
    assert err == "Fixed 1, 2 remaining (2 fixable with --fix --unsafe-fixes).\n"
    assert _check(capsys, "--fix-only", str(story))[0] == 0


def test_output_file_takes_the_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", MESSY)
    report = tmp_path / "report.json"
    code, out, _ = _check(capsys, "-e", "-o", str(report), "--output-format", "json", str(story))
    assert code == 0
    assert out == ""
    assert [r["code"] for r in json.loads(report.read_text(encoding="utf-8"))] == ["NC405"]
    code, _, err = _check(capsys, "-o", str(tmp_path / "no" / "dir.json"), str(story))
    assert code == 2
    assert err.splitlines()[0].startswith("newsclean: error: ")
    assert "could not be checked" not in err


def test_silent_prints_nothing_but_the_status_tells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", MESSY)
    assert _check(capsys, "-s", str(story)) == (1, "", "")


def test_sarif_rules_carry_the_docstrings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", MESSY)
    _, out, _ = _check(capsys, "--output-format", "sarif", str(story))
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    space_run = next(r for r in rules if r["id"] == "NC405")
    assert space_run["fullDescription"]["text"].startswith("runs of spaces")
    assert space_run["help"]["markdown"] == "Bad: `a   b`\n\nGood: `a b`"
    assert space_run["properties"]["fix"] == "safe"


def test_grouped_pylint_and_azure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a;b].txt", "One  two.\n\n" + "x " * 5 + "end.  \n")
    _, out, _ = _check(capsys, "--output-format", "grouped", str(story))
    assert out.splitlines() == [
        f"{story}:",
        "  1:4  NC405 [*] '  ' for one space",
        "  3:15 NC401 [*] trailing whitespace",
        "",
    ]
    _, out, _ = _check(capsys, "--output-format", "pylint", str(story))
    assert out.splitlines() == [
        f"{story}:1: [NC405] '  ' for one space",
        f"{story}:3: [NC401] trailing whitespace",
    ]
    _, out, _ = _check(capsys, "--output-format", "azure", str(story))
    first = out.splitlines()[0]
    path = str(story).replace(";", "%3B").replace("]", "%5D")
    assert first == (
        f"##vso[task.logissue type=warning;sourcepath={path};linenumber=1;columnnumber=4;"
        "code=NC405;]'  ' for one space"
    )


def test_exclude_replaces_the_excludes_and_gitignore_can_be_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "node_modules" / "a.txt", MESSY)
    _write(tmp_path / "drafts" / "b.txt", MESSY)
    _write(tmp_path / "ignored" / "c.txt", MESSY)
    _write(tmp_path / ".gitignore", "ignored/\n")

    def shown(*argv: str) -> list[str]:
        _, out, _ = _check(capsys, "--show-files", *argv, str(tmp_path))
        return [Path(line).relative_to(tmp_path).as_posix() for line in out.splitlines()]

    assert shown() == ["drafts/b.txt"]
    assert shown("--exclude", "drafts") == ["node_modules/a.txt"]
    assert shown("--no-respect-gitignore") == ["drafts/b.txt", "ignored/c.txt"]
