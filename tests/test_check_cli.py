"""Tests for ``newsclean check``: main([...]) in-process on files in a temp dir.

Covers the done-when scenario (a messy CRLF, BOM, 0o640 article: check, fix, fix again),
input errors, --diff, output formats, selection, pyproject settings, excludes, stdin,
parallel runs and the pre-commit hooks as pre-commit runs them.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from strategies import BIDI_CONTROLS

from newsclean.cli import check
from newsclean.cli.main import main
from newsclean.io import files, progress


@pytest.fixture(autouse=True)
def _outside_the_repo(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a directory with no pyproject above it: the repo's own settings stay out."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


REPO = Path(__file__).parent.parent

BODY_A = (
    "Waves battered the town overnight, and the harbour wall gave way before dawn on "
    "Tuesday, residents said."
)
BODY_B = "The council said repairs would start next week and cost several million pounds."
CAPTION = "Waves break over the harbour wall on Tuesday. Photograph: Jane Doe/Agency"

#: The done-when article: mojibake, mixed quotes, trailing spaces, CRLF, a BOM, and a
#: caption inside the body.
MESSY = (
    "\ufeffStorm batters the coast\r\n\r\n"
    "The caf\u00c3\u00a9 owner said \u201cthe sea came in\u201d before dawn, and the harbour "
    'master said "it was the worst in years" on Tuesday.   \r\n\r\n'
    f"{CAPTION}\r\n\r\n"
    f"{BODY_B}\r\n"
)
CLEAN = f"Storm batters the coast\n\n{BODY_A}\n\n{BODY_B}\n"


def _write(path: Path, content: str | bytes, mode: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    if mode is not None:
        path.chmod(mode)
    return path


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", "-j", "1", "--output-format", "json", *argv])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else []


# --- the done-when scenario ----------------------------------------------------------


def test_check_fix_fix_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "story.txt", MESSY, mode=0o640)
    before = story.read_bytes()

    code, records = _json(capsys, str(story))
    assert code == 1
    codes = {r["code"] for r in records}
    assert {"NC101", "NC201", "NC401", "NC302"} <= codes
    assert story.read_bytes() == before

    assert main(["check", "-j", "1", "--fix", str(story)]) == 1
    fixed = story.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf")
    assert b"caf\xc3\xa9 owner" in fixed
    assert b'years" on Tuesday.\r\n\r\n' in fixed
    assert fixed.count(b"\r\n") == fixed.count(b"\n")
    assert stat.S_IMODE(story.stat().st_mode) == 0o640
    capsys.readouterr()

    assert b"\xe2\x80\x9c" not in fixed  # two curly, two straight: all straight now
    code, records = _json(capsys, str(story))
    assert code == 1  # moving the caption out is not a safe fix
    assert {r["code"] for r in records} == {"NC302"}

    # ruff's --fix status: 1 while findings remain (the caption), though nothing changed
    assert main(["check", "-j", "1", "--fix", str(story)]) == 1
    assert story.read_bytes() == fixed


def test_unsafe_fixes_move_the_caption_to_the_sidecar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "story.txt", MESSY, mode=0o640)
    assert main(["check", "-j", "1", "--fix", "--unsafe-fixes", str(story)]) == 0  # none left
    text = story.read_bytes().decode("utf-8-sig")
    assert CAPTION not in text
    assert BODY_B in text
    sidecar = tmp_path / "story.txt.removed.txt"
    assert sidecar.read_text(encoding="utf-8") == CAPTION + "\n"
    assert stat.S_IMODE(story.stat().st_mode) == 0o640
    capsys.readouterr()
    # The sidecar is never linted itself when a directory is walked.
    _, records = _json(capsys, str(tmp_path))
    assert {r["filename"] for r in records} <= {str(story)}


def test_nothing_to_fix_leaves_the_file_alone(tmp_path: Path) -> None:
    story = _write(tmp_path / "clean.txt", CLEAN)
    os.utime(story, (1_000_000, 1_000_000))
    assert main(["check", "-j", "1", "--fix", str(story)]) == 0
    assert story.stat().st_mtime == 1_000_000
    assert main(["check", "-j", "1", str(story)]) == 0


# --- input errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(b"PK\x03\x04\x00\x00binary", "binary", id="binary"),
        pytest.param(b"caf\xc3\xa9 and \xff\n", "invalid UTF-8", id="invalid-utf8"),
    ],
)
def test_bad_file_named_explicitly_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    bad = _write(tmp_path / "bad.txt", content)
    assert main(["check", "-j", "1", "--fix", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"newsclean: error: {bad}: ")
    assert problem in err[0]
    assert bad.read_bytes() == content


def test_bad_file_found_in_a_directory_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "a.bin.txt", b"\x00\x01\x02\x03")
    _write(tmp_path / "b.txt", CLEAN)
    assert main(["check", "-j", "1", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "warning" in err
    assert "skipped" in err


#: A saved web page: what a user may pass before running an extractor.
PAGE = (
    '<!DOCTYPE html>\n<html lang="en">\n<head><title>Ferry strike ends | Bay News</title></head>'
    "\n<body>\n<p>Crews return on Monday.</p>\n</body>\n</html>\n"
)


@pytest.mark.parametrize("walked", [False, True], ids=["named", "in-a-directory"])
def test_html_is_reported_not_called_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], walked: bool
) -> None:
    page = _write(tmp_path / "page.txt", PAGE)
    _write(tmp_path / "b.txt", CLEAN)
    assert main(["check", "-j", "1", "--fix", str(tmp_path if walked else page)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"newsclean: error: {page}: looks like HTML; run an extractor (e.g. trafilatura) first, "
        "then check the text"
    )
    assert len(err) == 2  # the error, then the summary (which counts it)
    assert page.read_text() == PAGE


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True], ids=["bar", "quiet"])
def test_check_draws_a_progress_bar_on_a_terminal(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    quiet: bool,
) -> None:
    for name in ("a", "b", "c", "d"):
        _write(tmp_path / f"{name}.txt", CLEAN)
    terminal = FakeTerminal()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(progress, "PROGRESS_DELAY", 0.0)
    monkeypatch.setattr(progress, "REDRAW_INTERVAL", 0.0)
    assert main(["check", "-j", "1", *(["-q"] if quiet else []), str(tmp_path)]) == 0
    pieces = terminal.getvalue().split("\r\x1b[K")
    bars = [piece.split(", ")[0] for piece in pieces if piece.startswith("newsclean check: [")]
    if quiet:
        assert (bars, terminal.getvalue()) == ([], "")
        return
    assert bars == [
        "newsclean check: [#####---------------]  25% 1 file",
        "newsclean check: [##########----------]  50% 2 files",
        "newsclean check: [###############-----]  75% 3 files",
        "newsclean check: [####################] 100% 4 files",
    ]
    assert pieces[-1] == "All clean.\n"  # the bar is erased before anything else is written
    assert capsys.readouterr().out == ""


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_bad_selector_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--select", "NC9", "x.txt"]) == 2
    assert "unknown rule" in capsys.readouterr().err


def test_bad_pyproject_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.newsclean]\nquotes = "fancy"\n')
    story = _write(tmp_path / "a.txt", CLEAN)
    assert main(["check", "-j", "1", str(story)]) == 2
    assert "pyproject.toml" in capsys.readouterr().err


# --- diff and formats ----------------------------------------------------------------


def test_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", "One  two.\n")
    assert main(["check", "-j", "1", "--diff", str(story)]) == 1
    out = capsys.readouterr().out
    assert "-One  two." in out
    assert "+One two." in out
    assert story.read_text(encoding="utf-8") == "One  two.\n"
    assert main(["check", "-j", "1", "--diff", str(_write(tmp_path / "b.txt", CLEAN))]) == 0


def test_concise_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", "One  two.\n")
    assert main(["check", "-j", "1", str(story)]) == 1
    captured = capsys.readouterr()
    assert captured.out == f"{story}:1:4: NC405 [*] '  ' for one space\n"
    assert captured.err == "Found 1 finding (1 fixable with --fix).\n"


def test_json_output_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", "One  two.\n")
    code, records = _json(capsys, str(story))
    assert code == 1
    (record,) = records
    assert record["code"] == "NC405"
    assert record["filename"] == str(story)
    assert record["location"] == {"row": 1, "column": 4}
    assert record["end_location"] == {"row": 1, "column": 6}
    assert record["fix"]["applicability"] == "safe"
    assert record["fix"]["edits"][0]["content"] == " "


@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_other_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    story = _write(tmp_path / "a.txt", "One  two.\n")
    assert main(["check", "-j", "1", "--output-format", fmt, str(story)]) == 1
    out = capsys.readouterr().out
    if fmt == "github":
        assert out.startswith(f"::warning title=newsclean (NC405),file={story},line=1,col=4")
    else:
        assert json.loads(out)["runs"][0]["results"][0]["ruleId"] == "NC405"


# --- selection and settings ----------------------------------------------------------


def test_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", "Caf\u00c3\u00a9  open.")
    assert {r["code"] for r in _json(capsys, str(story))[1]} == {"NC101", "NC405", "NC403"}
    assert {r["code"] for r in _json(capsys, "--select", "NC1", str(story))[1]} == {"NC101"}
    codes = {r["code"] for r in _json(capsys, "--ignore", "NC4,NC101", str(story))[1]}
    assert codes == set()


def test_pyproject_settings_and_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.newsclean]\nquotes = "straight"\nignore = ["NC4"]\n')
    story = _write(tmp_path / "news" / "a.txt", "She said \u201cyes\u201d.  ")
    assert {r["code"] for r in _json(capsys, str(story))[1]} == {"NC204"}
    codes = {r["code"] for r in _json(capsys, "--quotes", "keep", str(story))[1]}
    assert codes == set()
    assert {r["code"] for r in _json(capsys, "--isolated", str(story))[1]} >= {"NC401"}


def test_directory_walk_honours_excludes_and_gitignore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.newsclean]\nextend-exclude = ["drafts"]\n')
    _write(tmp_path / ".gitignore", "# scratch\n*.tmp.txt\nbuild/\n")
    messy = "One  two.\n"
    kept = _write(tmp_path / "news" / "a.txt", messy)
    _write(tmp_path / "news" / "drafts" / "b.txt", messy)
    _write(tmp_path / "news" / "c.tmp.txt", messy)
    _write(tmp_path / "news" / "d.html", messy)
    _write(tmp_path / "node_modules" / "e.txt", messy)
    _write(tmp_path / "news" / "f.md", messy)
    code, records = _json(capsys, str(tmp_path))
    assert code == 1
    assert sorted({r["filename"] for r in records}) == [str(kept), str(tmp_path / "news" / "f.md")]


def test_force_exclude_applies_to_named_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.newsclean]\nextend-exclude = ["drafts"]\n')
    draft = _write(tmp_path / "drafts" / "a.txt", "One  two.\n")
    assert main(["check", "-j", "1", str(draft)]) == 1
    assert main(["check", "-j", "1", "--force-exclude", str(draft)]) == 0
    capsys.readouterr()


def test_noqa_file_silences(tmp_path: Path) -> None:
    story = _write(tmp_path / "a.txt", "One  two.\n<!-- newsclean: noqa-file -->\n")
    assert main(["check", "-j", "1", str(story)]) == 0


# --- stdin, the alias, parallel runs -------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_with_filename(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"One  two.\n")
    assert main(["check", "--stdin-filename", "story.txt", "-"]) == 1
    assert capsys.readouterr().out.startswith("story.txt:1:4: NC405")


def test_stdin_fix_prints_the_fixed_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"One  two.\n")
    assert main(["check", "--fix", "-"]) == 0  # nothing remains (ruff's status)
    assert capsys.readouterr().out == "One two.\n"


def test_check_flag_is_the_check_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "a.txt", "One  two.\n")
    assert main(["--check", "-j", "1", str(story)]) == 1
    assert "NC405" in capsys.readouterr().out


def test_parallel_output_in_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(_write(tmp_path / f"{n}.txt", "One  two.\n")) for n in "abcd"]
    assert main(["check", "-j", "1", *paths]) == 1
    serial = capsys.readouterr().out
    assert main(["check", "-j", "2", *paths]) == 1
    assert capsys.readouterr().out == serial


def test_subprocess_smoke(tmp_path: Path) -> None:
    story = _write(tmp_path / "a.txt", "One  two.\n")
    run = subprocess.run(
        [sys.executable, "-m", "newsclean", "--check", str(story)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "NC405" in run.stdout


# --- pre-commit ----------------------------------------------------------------------


def _hook_entries() -> dict[str, list[str]]:
    """Read each hook's id and entry from .pre-commit-hooks.yaml (a flat list of maps)."""
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if match := re.match(r"-\s+id:\s*(\S+)", line):
            current = match.group(1)
        elif match := re.match(r"\s+entry:\s*(.+)", line):
            hooks[current] = match.group(1).split()
    return hooks


def test_hooks_declared() -> None:
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = _hook_entries()
    assert hooks == {
        "newsclean-check": ["newsclean", "check", "--force-exclude"],
        "newsclean-fix": ["newsclean", "check", "--fix", "--force-exclude"],
    }
    assert text.count("language: python") == 2
    assert text.count("require_serial: true") == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hooks_run_as_pre_commit_runs_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "pyproject.toml", '[tool.newsclean]\nextend-exclude = ["vendor"]\n')
    story = _write(tmp_path / "story.txt", "One  two.  \n")
    vendored = _write(tmp_path / "vendor" / "x.txt", "One  two.\n")
    files = ["story.txt", "vendor/x.txt"]  # pre-commit passes paths relative to the root
    hooks = _hook_entries()
    assert main([*hooks["newsclean-check"][1:], *files]) == 1
    # ruff's status: 0 when --fix leaves nothing; pre-commit fails the hook on the change
    assert main([*hooks["newsclean-fix"][1:], *files]) == 0
    assert story.read_text(encoding="utf-8") == "One two.\n"
    assert vendored.read_text(encoding="utf-8") == "One  two.\n"
    assert main([*hooks["newsclean-fix"][1:], *files]) == 0
    assert main([*hooks["newsclean-check"][1:], *files]) == 0
    capsys.readouterr()


@pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None,
    reason="pre-commit is not installed",
)
def test_pre_commit_try_repo(tmp_path: Path) -> None:  # pragma: no cover - optional tool
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _write(tmp_path / "story.txt", "One  two.\n")
    subprocess.run(["git", "add", "story.txt"], cwd=tmp_path, check=True)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(REPO),
            "newsclean-check",
            "--all-files",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "NC405" in run.stdout


# --- smaller paths -------------------------------------------------------------------


def test_empty_directory_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-j", "1", str(tmp_path)]) == 0
    assert "no text files" in capsys.readouterr().err


def test_quiet_has_no_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = _write(tmp_path / "a.txt", "One  two.\n")
    assert main(["check", "-j", "1", "-q", str(story)]) == 1
    assert capsys.readouterr().err == ""


def test_stdin_filename_can_be_force_excluded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.newsclean]\nextend-exclude = ["drafts"]\n')
    _stdin(monkeypatch, b"One  two.\n")
    name = str(tmp_path / "drafts" / "a.txt")
    assert main(["check", "--force-exclude", "--stdin-filename", name, "-"]) == 0
    assert capsys.readouterr().out == ""


def test_stdin_fix_sends_what_is_left_to_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b'He said "we go.  \n')
    assert main(["check", "--fix", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.out == 'He said "we go.\n'
    assert "NC202" in captured.err


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anyway")
def test_unwritable_directory_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # pragma: no cover - depends on the user
    story = _write(tmp_path / "locked" / "a.txt", "One  two.\n")
    story.parent.chmod(0o500)
    try:
        assert main(["check", "-j", "1", "--fix", str(story)]) == 2
        assert "cannot write" in capsys.readouterr().err
    finally:
        story.parent.chmod(0o700)


def test_nested_gitignore_and_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    messy = "One  two.\n"
    _write(tmp_path / "news" / ".gitignore", "/local.txt\n")
    _write(tmp_path / "news" / "deep" / ".gitignore", "*.draft.txt\n")
    _write(tmp_path / "news" / "local.txt", messy)
    _write(tmp_path / "news" / "deep" / "local.txt", messy)  # "/local.txt" is anchored above
    _write(tmp_path / "news" / "deep" / "a.draft.txt", messy)
    _write(tmp_path / "news" / "build" / "b.txt", messy)
    code, records = _json(capsys, "news")
    assert code == 1
    assert [r["filename"] for r in records] == [str(Path("news/deep/local.txt"))]


def test_own_exclude_list_still_skips_sidecars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.newsclean]\nexclude = ["old"]\n')
    _write(tmp_path / "a.txt.removed.txt", "One  two.\n")
    _write(tmp_path / "old" / "b.txt", "One  two.\n")
    kept = _write(tmp_path / "build" / "c.txt", "One  two.\n")  # defaults replaced
    _, records = _json(capsys, str(tmp_path))
    assert [r["filename"] for r in records] == [str(kept)]


# --- file names that try to break the output (#13.6, #13.8) ---------------------------

#: A file name that would start a GitHub workflow command, clear the screen and turn the
#: rest of the line around if it were printed raw.
INJECTED = "x\n::error title=Injected::pwned\x1b[2J\u202etxt.txt"


def _assert_nothing_raw(stream: str) -> None:
    """No line starts a workflow command; no control (but the line feeds), separator, bidi
    control or lone surrogate is left in ``stream``."""
    assert not [line for line in stream.splitlines() if line.startswith("::error")]
    for char in stream:
        unsafe = unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in BIDI_CONTROLS
        assert char == "\n" or not unsafe, f"{char!r} reached the output raw"


NAME_CASES = [
    pytest.param(["check", "{f}"], b"Rain  falls.\n", 1, id="check-concise"),
    pytest.param(["check", "--diff", "{f}"], b"Rain  falls.\n", 1, id="check-diff"),
    pytest.param(["check", "{d}"], b"Rain  falls.\n", 1, id="check-walked-directory"),
    pytest.param(["check", "{f}"], b"\x00\x01\x02 binary", 2, id="check-error"),
    pytest.param(["check", "{f}.gone"], None, 2, id="check-missing-file"),
    pytest.param(["{f}", "{f}"], b"Rain falls.\n", 0, id="clean-text-headers"),
    pytest.param(["{f}"], b"\x00\x01\x02 binary", 2, id="clean-error"),
    pytest.param(["{f}"], b"Caf\xe9 opens.\n", 0, id="clean-legacy-warning"),
    pytest.param(["-o", "{d}/gone/out.txt", "{f}"], b"Rain.\n", 2, id="clean-output-error"),
    pytest.param(["--input-format", "jsonl", "{f}"], b'{"text": "A."}\n[1]\n', 0, id="jsonl"),
]


@pytest.mark.parametrize(("argv", "content", "code"), NAME_CASES)
def test_a_file_name_cannot_inject_lines_into_any_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    content: bytes | None,
    code: int,
) -> None:
    folder = tmp_path / INJECTED
    path = folder / INJECTED
    if content is not None:
        _write(path, content)
    args = [arg.format(f=path, d=folder) for arg in argv]
    assert main(["check", "-j", "1", *args[1:]] if args[0] == "check" else args) == code
    out, err = capsys.readouterr()
    _assert_nothing_raw(out)
    _assert_nothing_raw(err)
    assert "x\\n::error title=Injected::pwned\\x1b[2J\\u202etxt.txt" in out + err


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["check", "--" + INJECTED], id="unknown-option"),
        pytest.param(["--keep", INJECTED, "a.txt"], id="bad-option-value"),
        pytest.param(
            ["check", "--select", "NC1", INJECTED, "--output-format", INJECTED], id="bad-choice"
        ),
    ],
)
def test_usage_errors_escape_the_arguments_they_quote(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    _assert_nothing_raw(err)
    assert "::error title=Injected" in err


@pytest.fixture
def undecodable(tmp_path: Path) -> Path:
    """A messy article whose file name holds the byte 0xFF, which is not UTF-8."""
    raw = os.fsencode(tmp_path) + b"/bad\xff name.txt"
    try:
        with open(raw, "wb") as stream:
            stream.write(b"Rain  falls.\n")
    except OSError:  # pragma: no cover - macOS and Windows refuse such names
        pytest.skip("this file system takes UTF-8 file names only")
    return Path(os.fsdecode(raw))


@pytest.mark.parametrize("fmt", ["concise", "json", "github", "sarif"])
def test_check_writes_an_undecodable_file_name_in_every_format(
    undecodable: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    # capsys encodes to UTF-8 strictly, as a real stdout does: a lone surrogate raises
    assert main(["check", "-j", "1", "--output-format", fmt, str(undecodable)]) == 1
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out)[0]["filename"] == str(undecodable)
    elif fmt == "sarif":
        (result,) = json.loads(out)["runs"][0]["results"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.endswith("/bad%FF%20name.txt")
    else:
        assert "bad\\udcff name.txt" in out


def test_check_diff_and_errors_show_an_undecodable_file_name(
    undecodable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "-j", "1", "--diff", str(undecodable)]) == 1
    assert "+++ " + str(undecodable).replace("\udcff", "\\udcff") in capsys.readouterr().out
    undecodable.write_bytes(b"\x00\x01\x02")
    assert main(["check", "-j", "1", str(undecodable)]) == 2
    assert "bad\\udcff name.txt: binary" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output-file"])
def test_clean_writes_an_undecodable_file_name_in_every_format(
    undecodable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, to_file: bool
) -> None:
    target = tmp_path / "out"
    output = ["-o", str(target)] if to_file else []
    other = _write(tmp_path / "b.txt", "Snow.\n")
    assert main(["--format", fmt, *output, str(undecodable), str(other)]) == 0
    out = target.read_text(encoding="utf-8") if to_file else capsys.readouterr().out
    if fmt == "text":
        assert out.startswith("==> " + str(undecodable).replace("\udcff", "\\udcff") + " <==\n")
        return
    records = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert [record["path"] for record in records] == [str(undecodable), str(other)]


# --- special files and directory walks (#13) --------------------------------------


@pytest.fixture
def no_hang() -> Any:
    """A safety net only: a read that blocks (the bug) fails the test instead of hanging it."""

    def stop(*_: object) -> None:
        pytest.fail("blocked: the input should have been refused before reading")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _fix(*argv: str) -> int:
    """Fix; exit 1 means a file was written (--exit-non-zero-on-fix), 0 nothing changed."""
    return main(["check", "-j", "1", "--fix", "--exit-non-zero-on-fix", *argv])


@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize(
    "command",
    [[], ["check"], ["check", "--fix"], ["--input-format", "jsonl"]],
    ids=" ".join,
)
def test_a_fifo_is_refused_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert main([*command, "-j", "1", str(fifo)]) == 2
    err = capsys.readouterr().err.splitlines()
    problem = "not a regular file (a FIFO); name a file or - for stdin"
    assert err[0] == f"newsclean: error: {fifo}: {problem}"


@pytest.mark.usefixtures("no_hang")
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("command", [[], ["check"], ["--input-format", "jsonl"]], ids=" ".join)
def test_a_device_is_refused_not_read(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main([*command, "-j", "1", "/dev/zero"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("newsclean: error: /dev/zero: not a regular file (a character device)")


def test_a_walk_does_not_fix_through_a_symlinked_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ln -s ../outside/victim.txt repo/evil.txt; newsclean check --fix repo``."""
    victim = _write(tmp_path / "outside" / "victim.txt", "One  two.\n")
    own = _write(tmp_path / "repo" / "own.txt", "One  two.\n")
    (tmp_path / "repo" / "evil.txt").symlink_to(Path("..") / "outside" / "victim.txt")
    assert _fix(str(tmp_path / "repo")) == 1
    assert victim.read_text(encoding="utf-8") == "One  two.\n"
    assert own.read_text(encoding="utf-8") == "One two.\n"
    assert (tmp_path / "repo" / "evil.txt").is_symlink()
    capsys.readouterr()


def test_a_symlink_named_explicitly_is_fixed_through(tmp_path: Path) -> None:
    target = _write(tmp_path / "outside" / "victim.txt", "One  two.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert _fix(str(link)) == 1
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "One two.\n"


def test_clean_walk_warns_about_a_symlink_loop_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "a.txt", CLEAN)
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    _write(tmp_path / "z.txt", CLEAN)
    assert main(["-j", "1", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    warning = f"newsclean: warning: {tmp_path / 'loop.txt'}: skipped: a symbolic link loop"
    assert captured.err.splitlines() == [warning]
    assert captured.out.count("Storm batters the coast") == 2


def test_a_symlink_loop_in_a_walk_is_skipped_and_the_rest_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messy = "One  two.\n"
    _write(tmp_path / "a.txt", messy)
    (tmp_path / "loop").symlink_to("loop")
    _write(tmp_path / "one" / "in-one.txt", messy)
    _write(tmp_path / "two" / "in-two.txt", messy)
    (tmp_path / "one" / "to-two").symlink_to(Path("..") / "two", target_is_directory=True)
    (tmp_path / "two" / "to-one").symlink_to(Path("..") / "one", target_is_directory=True)
    _write(tmp_path / "z.txt", messy)
    (tmp_path / "node_modules").mkdir()  # excluded: nothing inside is reported
    (tmp_path / "node_modules" / "loop").symlink_to("loop")
    code, records = _json(capsys, str(tmp_path))
    assert code == 1
    assert [Path(r["filename"]).relative_to(tmp_path).as_posix() for r in records] == [
        "a.txt",
        "one/in-one.txt",
        "two/in-two.txt",
        "z.txt",
    ]
    assert main(["check", "-j", "1", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"newsclean: warning: {tmp_path / 'loop'}: skipped: a symbolic link loop",
        "Found 4 findings (4 fixable with --fix). 1 file skipped.",
    ]


# --- files fixed in place: changed files, sidecars, modes, owners, links (#13) ----


def test_an_edit_made_while_fixing_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file is appended to after it was read and before the fix is written back."""
    story = _write(tmp_path / "story.txt", "One  two.\n")
    real_fix = check.fix_until_clean

    def fix_then_someone_appends(*args: Any, **kwargs: Any) -> Any:
        result = real_fix(*args, **kwargs)
        with story.open("ab") as stream:
            stream.write(b"A line typed meanwhile.\n")
        return result

    monkeypatch.setattr(check, "fix_until_clean", fix_then_someone_appends)
    assert _fix(str(story)) == 2
    assert story.read_bytes() == b"One  two.\nA line typed meanwhile.\n"
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"newsclean: error: {story}: changed while being fixed; not written"
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]


def test_a_failure_between_the_two_writes_then_a_rerun_does_not_double_the_sidecar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "story.txt", MESSY)
    real_replace = os.replace
    failed = False

    def disk_full_once(src: Any, dst: Any) -> None:
        nonlocal failed
        if Path(dst).name == "story.txt" and not failed:
            failed = True
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", disk_full_once)
    assert _fix("--unsafe-fixes", str(story)) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert _fix("--unsafe-fixes", str(story)) == 1
    sidecar = (tmp_path / "story.txt.removed.txt").read_text(encoding="utf-8")
    assert sidecar.count(CAPTION) == 1
    assert CAPTION not in story.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt", "story.txt.removed.txt"]


def test_an_existing_sidecar_keeps_its_bom_and_crlf(tmp_path: Path) -> None:
    story = _write(tmp_path / "story.txt", MESSY)
    sidecar = _write(tmp_path / "story.txt.removed.txt", b"\xef\xbb\xbfOld caption\r\n")
    assert _fix("--unsafe-fixes", str(story)) == 1
    data = sidecar.read_bytes()
    assert data == f"\ufeffOld caption\r\n\r\n{CAPTION}\r\n".encode()


def _fix_in_a_process(path: str, barrier: Any) -> None:  # pragma: no cover - child process
    barrier.wait()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - the process ends here
    os._exit(
        main(["check", "-j", "1", "-q", "--fix", "--exit-non-zero-on-fix", "--unsafe-fixes", path])
    )


def _race(story: Path, count: int) -> list[int | None]:
    """Start ``count`` processes that fix ``story`` at the same moment; their exit codes."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(count)
    runs = [
        context.Process(target=_fix_in_a_process, args=(str(story), barrier)) for _ in range(count)
    ]
    for run in runs:
        run.start()
    try:
        for run in runs:
            run.join(timeout=120)  # a safety net against a hang, not a time bound
    finally:
        for run in runs:
            if run.is_alive():
                run.kill()
                run.join()
    return [run.exitcode for run in runs]


def test_concurrent_unsafe_fixes_take_turns(tmp_path: Path) -> None:
    """Three processes fix the same file at once: the lock makes them take turns, so one
    fixes it, the others find it fixed, and the sidecar holds the caption once."""
    story = _write(tmp_path / "story.txt", MESSY)
    assert sorted(_race(story, 3)) == [0, 0, 1]
    sidecar = (tmp_path / "story.txt.removed.txt").read_text(encoding="utf-8")
    assert sidecar == CAPTION + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt", "story.txt.removed.txt"]


def test_concurrent_unsafe_fixes_without_locks_never_double_a_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without locks the runs race, but the order of reads, checks and
    renames still lets no block into the sidecar twice (a loser finds the file changed)."""
    monkeypatch.setattr(files, "_lock", lambda fd: None)  # inherited by the forked runs
    story = _write(tmp_path / "story.txt", MESSY)
    codes = _race(story, 4)
    assert set(codes) <= {0, 1, 2}  # 2: "changed while being fixed"
    assert 1 in codes
    sidecar = (tmp_path / "story.txt.removed.txt").read_text(encoding="utf-8")
    assert sidecar == CAPTION + "\n"
    assert CAPTION not in story.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt", "story.txt.removed.txt"]


@pytest.fixture
def umask_022() -> Any:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.usefixtures("umask_022")
def test_a_new_sidecar_takes_the_files_mode(tmp_path: Path) -> None:
    story = _write(tmp_path / "story.txt", MESSY, mode=0o600)
    assert _fix("--unsafe-fixes", str(story)) == 1
    assert stat.S_IMODE((tmp_path / "story.txt.removed.txt").stat().st_mode) == 0o600
    assert stat.S_IMODE(story.stat().st_mode) == 0o600


@pytest.mark.usefixtures("umask_022")
def test_an_existing_sidecar_keeps_its_own_mode(tmp_path: Path) -> None:
    story = _write(tmp_path / "story.txt", MESSY, mode=0o600)
    sidecar = _write(tmp_path / "story.txt.removed.txt", "Old caption\n", mode=0o640)
    assert _fix("--unsafe-fixes", str(story)) == 1
    assert stat.S_IMODE(sidecar.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_fixing_keeps_owner_and_group_of_file_and_new_sidecar(tmp_path: Path) -> None:
    story = _write(tmp_path / "story.txt", MESSY, mode=0o640)
    os.chown(story, 12345, 23456)
    assert _fix("--unsafe-fixes", str(story)) == 1
    for path in (story, tmp_path / "story.txt.removed.txt"):
        after = path.stat()
        assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (12345, 23456, 0o640)


def test_a_hard_linked_file_is_refused_not_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _write(tmp_path / "story.txt", "One  two.\n")
    twin = tmp_path / "twin.txt"
    os.link(story, twin)
    assert _fix(str(story)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"newsclean: error: {story}: has 2 hard links")
    assert story.read_bytes() == twin.read_bytes() == b"One  two.\n"
    assert story.stat().st_ino == twin.stat().st_ino
    assert main(["check", "-j", "1", "--diff", str(story)]) == 1  # still checked and diffed
    clean = _write(tmp_path / "clean.txt", CLEAN)
    os.link(clean, tmp_path / "clean-twin.txt")
    assert _fix(str(clean)) == 0  # nothing to write: nothing refused


def test_a_symlinked_sidecar_is_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = _write(tmp_path / "outside" / "victim.txt", "Private notes.\n")
    story = _write(tmp_path / "repo" / "story.txt", MESSY)
    (tmp_path / "repo" / "story.txt.removed.txt").symlink_to(victim)
    assert _fix("--unsafe-fixes", str(story)) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2  # the error and the summary line
    assert err[0].startswith(f"newsclean: error: {story}.removed.txt: a symbolic link")
    assert victim.read_text(encoding="utf-8") == "Private notes.\n"
    assert story.read_bytes() == MESSY.encode("utf-8")
    assert sorted(p.name for p in (tmp_path / "repo").iterdir()) == [
        "story.txt",
        "story.txt.removed.txt",
    ]
