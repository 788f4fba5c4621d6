"""Tests for the command line: ``main([...])`` in-process, plus two subprocess smoke tests.

Most tests replace ``parse_article`` with a fake whose labels come from a prefix word, so
they test the shell (paths, options, formats, exit codes), not the classifier.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsclean import __version__
from newsclean.cli import clean
from newsclean.cli.main import main
from newsclean.model import Article, Block, Kind, QuoteStyle, Span

PREFIX_KINDS: dict[str, Kind] = {
    "CAPTION": "caption",
    "BOILER": "boilerplate",
    "ALT": "alt_headline",
    "SUB": "subheading",
}


def fake_parse(
    text: str, *, quotes: QuoteStyle = "straight", source: str = "auto", labeller: str = "rules"
) -> Article:
    """Blocks split at blank lines: the first is the headline, a prefix word labels the
    rest; ``alt_headlines`` records the quote style asked for."""
    blocks = []
    pos = 0
    for index, part in enumerate(text.replace("\r\n", "\n").strip().split("\n\n")):
        kind = "headline" if index == 0 else PREFIX_KINDS.get(part.split(" ")[0], "paragraph")
        blocks.append(Block(part, 1 + 2 * index, Span(pos, pos + len(part)), kind))
        pos += len(part) + 2
    head = blocks[0].text if blocks and blocks[0].text else None
    return Article(
        headline=head, alt_headlines=(quotes,), blocks=tuple(b for b in blocks if b.text)
    )


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clean, "parse_article", fake_parse)


STORY = (
    "Storm hits coast\n\nALT Coast battered\n\nWaves rose.\n\nCAPTION Spray: a pier\n\n"
    "BOILER Share\n"
)


def _write(root: Path, name: str, content: str | bytes = STORY) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- text output --------------------------------------------------------------------

TEXT_CASES = [
    pytest.param((), "Storm hits coast\n\nWaves rose.\n", id="default"),
    pytest.param(
        ("--keep", "captions,boilerplate"),
        "Storm hits coast\n\nWaves rose.\n\n[caption] CAPTION Spray: a pier\n\n"
        "[boilerplate] BOILER Share\n",
        id="keep-captions-boilerplate",
    ),
    pytest.param(
        ("--keep", "alt_headlines"),
        "Storm hits coast\n\n[alt_headline] ALT Coast battered\n\nWaves rose.\n",
        id="keep-alt-headlines",
    ),
    pytest.param(("--only", "body"), "Waves rose.\n", id="only-body"),
]


@pytest.mark.usefixtures("fake")
@pytest.mark.parametrize(("options", "expected"), TEXT_CASES)
def test_text_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], expected: str
) -> None:
    code, out, err = _run(capsys, *options, _write(tmp_path, "a.txt"))
    assert (code, out, err) == (0, expected, "")


@pytest.mark.usefixtures("fake")
def test_text_output_for_several_files_has_a_header_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _write(tmp_path, "a.txt", "A head\n\nA body.\n")
    b = _write(tmp_path, "b.txt", "B head\n")
    code, out, _ = _run(capsys, a, b)
    assert code == 0
    assert out == f"==> {a} <==\nA head\n\nA body.\n\n==> {b} <==\nB head\n"


def test_one_headline_in_every_format_with_the_site_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        "sited.txt",
        "Lighthouse keeper retires after forty years | World | News | Harbour Herald\n\n"
        "The last keeper of the north light locked its door for the final time on Friday, "
        "after four decades of climbing the same spiral stair.\n",
    )
    _, text, _ = _run(capsys, path)
    _, out, _ = _run(capsys, "--format", "json", path)
    data = json.loads(out)
    assert (data["headline"], data["site"]) == (
        "Lighthouse keeper retires after forty years | World | News",
        "Harbour Herald",
    )
    assert text.split("\n\n")[:2] == [data["headline"], "site: Harbour Herald"]


def test_html_input_warns_once_per_file_and_is_still_cleaned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(
        tmp_path,
        "page.html",
        "<!DOCTYPE html>\n<html>\n<head><title>Ferry strike ends</title></head>\n"
        "<body><p>Crews return on Monday.</p><p>Fares stay the same.</p></body>\n</html>\n",
    )
    text = _write(tmp_path, "story.txt", "Ferry strike ends\n\nCrews return on Monday.\n")
    code, out, err = _run(capsys, "--format", "json", page, text)
    assert code == 0
    assert [record["path"] for record in json.loads(out)] == [str(page), str(text)]
    assert err.splitlines() == [
        f"newsclean: warning: {page}: looks like HTML; run an extractor (e.g. trafilatura) first"
    ]


@pytest.mark.usefixtures("fake")
@pytest.mark.parametrize(
    ("options", "hidden"),
    [
        pytest.param((), "; 4 blocks (12 words) hidden as captions/boilerplate", id="text"),
        pytest.param(("--keep", "captions"), "; 2 blocks (4 words) hidden as", id="keep-one"),
        pytest.param(("--keep", "captions,boilerplate"), None, id="keep-both"),
        pytest.param(("--only", "body"), "; 4 blocks (12 words) hidden as", id="only-body"),
        pytest.param(("--format", "json"), None, id="json-hides-nothing"),
    ],
)
def test_summary_says_how_many_blocks_the_text_hid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], hidden: str | None
) -> None:
    code, _, err = _run(
        capsys, "-v", *options, _write(tmp_path, "a.txt"), _write(tmp_path, "b.txt")
    )
    summary = err.splitlines()[-1]
    assert (code, summary.split(" in ")[0]) == (0, "newsclean: 2 files, 2 articles, 0 fixes")
    if hidden is None:
        assert summary.endswith(" s")
    else:
        assert hidden in summary
        assert summary.endswith(" hidden as captions/boilerplate (--keep to show)")


# --- JSON output --------------------------------------------------------------------


@pytest.mark.usefixtures("fake")
def test_json_one_file_is_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "a.txt")
    code, out, _ = _run(capsys, "--format", "json", path)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"path", "headline", "alt_headlines", "site", "source", "blocks", "fixes"}
    assert data["path"] == str(path)
    assert data["headline"] == "Storm hits coast"
    assert [b["kind"] for b in data["blocks"]] == [
        "headline",
        "alt_headline",
        "paragraph",
        "caption",
        "boilerplate",
    ]
    assert set(data["blocks"][0]) == {"kind", "text", "line", "label", "why"}


@pytest.mark.usefixtures("fake")
def test_json_several_files_is_an_array_in_argument_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = _write(tmp_path, "b.txt", "Bee\n")
    a = _write(tmp_path, "a.txt", "Ay\n")
    code, out, _ = _run(capsys, "--format", "json", b, a)
    assert code == 0
    assert [(d["path"], d["headline"]) for d in json.loads(out)] == [
        (str(b), "Bee"),
        (str(a), "Ay"),
    ]


@pytest.mark.usefixtures("fake")
def test_jsonl_one_object_per_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [_write(tmp_path, f"{n}.txt", f"Head {n}\n") for n in range(3)]
    code, out, _ = _run(capsys, "--format", "jsonl", *paths)
    assert code == 0
    assert [json.loads(line)["headline"] for line in out.splitlines()] == [
        "Head 0",
        "Head 1",
        "Head 2",
    ]


@pytest.mark.usefixtures("fake")
def test_directory_is_recursed_sorted_text_files_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ["b.txt", "a/z.md", "a/y.txt", "photo.jpg", ".hidden.txt", ".cache/c.txt"]:
        _write(tmp_path / "in", name, "Head\n")
    code, out, _ = _run(capsys, "--format", "json", tmp_path / "in")
    assert code == 0
    found = [Path(d["path"]).relative_to(tmp_path / "in").as_posix() for d in json.loads(out)]
    assert found == ["a/y.txt", "a/z.md", "b.txt"]


@pytest.mark.usefixtures("fake")
@pytest.mark.parametrize("style", ["straight", "curly", "keep"])
def test_quotes_choice_reaches_the_pipeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], style: str
) -> None:
    code, out, _ = _run(capsys, "--quotes", style, "--format", "json", _write(tmp_path, "a.txt"))
    assert (code, json.loads(out)["alt_headlines"]) == (0, [style])


@pytest.mark.usefixtures("fake")
def test_default_quote_style_is_straight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "--format", "json", _write(tmp_path, "a.txt"))
    assert (code, json.loads(out)["alt_headlines"]) == (0, ["straight"])


# --- stdin and -o -------------------------------------------------------------------


@pytest.mark.usefixtures("fake")
def test_stdin_in_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = b"\xef\xbb\xbfFrom stdin\r\n\r\nBody.\r\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = _run(capsys, "--format", "json", "-")
    assert code == 0
    record = json.loads(out)
    assert (record["path"], record["headline"]) == ("-", "From stdin")


@pytest.mark.usefixtures("fake")
def test_output_file_gets_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path, "a.txt", "Ay\n")
    target = _write(tmp_path, "out/result.json", "old contents")
    code, out, _ = _run(capsys, "--format", "json", "-o", target, a, tmp_path / "missing.txt")
    assert (code, out) == (2, "")
    assert [d["headline"] for d in json.loads(target.read_text(encoding="utf-8"))] == ["Ay"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["result.json"]


@pytest.mark.usefixtures("fake")
def test_output_dash_is_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "-o", "-", _write(tmp_path, "a.txt", "Ay\n"))
    assert (code, out) == (0, "Ay\n")


def test_output_into_missing_directory_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "-o", tmp_path / "no" / "out.txt", _write(tmp_path, "a.txt"))
    assert code == 2
    assert err.startswith(f"newsclean: error: {tmp_path / 'no' / 'out.txt'}: ")


# --- errors -------------------------------------------------------------------------

BAD_INPUTS = [
    pytest.param(None, "no such file", id="missing-path"),
    pytest.param({}, "no text files", id="empty-directory"),
    pytest.param({"x.png": b"\x89PNG"}, "no text files", id="directory-without-text-files"),
    pytest.param(b"GIF89a\x00\x01\x00", "binary file", id="binary-file"),
    pytest.param(b"ok \x81 not cp1252", "invalid UTF-8 (byte 0x81 at offset 3)", id="bad-utf8"),
    pytest.param(b"\xc3\xa9 then \xe9", "mixed or unknown encoding", id="mixed-encoding"),
]


@pytest.mark.usefixtures("fake")
@pytest.mark.parametrize(("content", "problem"), BAD_INPUTS)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, problem: str
) -> None:
    target = tmp_path / "in.txt"
    if isinstance(content, dict):
        target.mkdir()
        for name, data in content.items():
            _write(target, name, data)
    elif content is not None:
        target.write_bytes(content)
    code, out, err = _run(capsys, target)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"newsclean: error: {target}: ")
    assert problem in err


@pytest.mark.usefixtures("fake")
def test_one_bad_file_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _write(tmp_path, "a.txt", "Ay\n")
    bad = _write(tmp_path, "bad.txt", b"\x00\x00")
    c = _write(tmp_path, "c.txt", "See\n")
    code, out, err = _run(capsys, "--format", "jsonl", "-j", "1", a, bad, c)
    assert code == 2
    assert [json.loads(line)["path"] for line in out.splitlines()] == [str(a), str(c)]
    assert err.startswith(f"newsclean: error: {bad}: binary")


@pytest.mark.usefixtures("fake")
def test_legacy_cp1252_is_read_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "old.txt", b"Caf\xe9 opens\n")
    code, out, err = _run(capsys, "--format", "json", path)
    assert code == 0
    assert json.loads(out)["headline"] == "Café opens"
    assert err.startswith(f"newsclean: warning: {path}: ")


@pytest.mark.usefixtures("fake")
def test_binary_stdin_is_an_input_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02")))
    code, out, err = _run(capsys, "-")
    assert (code, out) == (2, "")
    assert err.startswith("newsclean: error: <stdin>: binary")


@pytest.mark.usefixtures("fake")
def test_legacy_stdin_warns_under_the_stdin_name(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Caf\xe9\n")))
    code, out, err = _run(capsys, "-")
    assert (code, out) == (0, "Café\n")
    assert err.startswith("newsclean: warning: <stdin>: invalid UTF-8")


def test_unreadable_file_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(clean, "read_text_file", refuse)
    path = _write(tmp_path, "locked.txt")
    code, _, err = _run(capsys, path)
    assert (code, err) == (2, f"newsclean: error: {path}: Permission denied\n")


def test_interrupt_exits_130_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(text: str, *, quotes: str, source: str, labeller: str) -> Article:
        raise KeyboardInterrupt

    monkeypatch.setattr(clean, "parse_article", interrupted)
    code, _, err = _run(capsys, _write(tmp_path, "a.txt"))
    assert (code, err) == (130, "newsclean: interrupted\n")


def test_empty_file_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, _write(tmp_path, "empty.txt", b""))
    assert (code, out, err) == (0, "", "")


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--frobnicate", "a.txt"], id="unknown-option"),
        pytest.param([], id="no-paths"),
        pytest.param(["--quotes", "fancy", "a.txt"], id="bad-quote-style"),
        pytest.param(["--format", "xml", "a.txt"], id="bad-format"),
        pytest.param(["--keep", "ads", "a.txt"], id="bad-keep-name"),
        pytest.param(["--keep", "captions", "--only", "body", "a.txt"], id="keep-with-only"),
        pytest.param(["--format", "json", "--keep", "captions", "a.txt"], id="keep-with-json"),
        pytest.param(["-j", "0", "a.txt"], id="zero-jobs"),
        pytest.param(["-j", "many", "a.txt"], id="jobs-not-a-number"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert "newsclean: error: " in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "--version")[:2] == (0, f"newsclean {__version__}\n")
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    assert "--format" in out


@pytest.mark.usefixtures("fake")
def test_explicit_clean_command_is_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "a.txt")
    assert _run(capsys, "clean", path) == _run(capsys, path)


@pytest.mark.usefixtures("fake")
def test_broken_pipe_exits_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, _: str) -> int:
            raise BrokenPipeError

    path = _write(tmp_path, "a.txt")
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main([str(path)]) == 0
    assert capsys.readouterr().err == ""


# --- parallel runs ------------------------------------------------------------------


def test_two_jobs_give_the_same_output_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real pipeline, many small files (several windows): order and content must match."""
    for n in range(40):
        _write(tmp_path / "in", f"{n:02d}/story.txt", f"Title {n}\n\nIt's  day {n}.\n")
    one = _run(capsys, "--format", "jsonl", "-j", "1", tmp_path / "in")
    two = _run(capsys, "--format", "jsonl", "-j", "2", tmp_path / "in")
    assert one[0] == 0
    assert one == two
    paths = [json.loads(line)["path"] for line in two[1].splitlines()]
    assert paths == sorted(paths)
    assert len(paths) == 40


def test_two_jobs_match_one_byte_for_byte_over_many_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """#17.3: tasks stream through the pool, finishing out of order (sizes differ ten
    times over; more files than are ever in flight); the output is the input order, bad
    files in their place, from ``clean`` and ``check`` alike."""
    for n in range(80):
        body = "\n\n".join(f"It's  day {n}, part {k}." for k in range(1 + (n * 7) % 10))
        _write(tmp_path / "in", f"{n:03d}.txt", f"Title {n}\n\n{body}\n")
    for n in (5, 77):
        (tmp_path / "in" / f"{n:03d}.txt").write_bytes(b"\x00\x01binary\xff")
    runs = {}
    for command in (["--format", "jsonl"], ["check", "--output-format", "json"]):
        one = _run(capsys, *command, "-j", "1", tmp_path / "in", tmp_path / "missing.txt")
        two = _run(capsys, *command, "-j", "2", tmp_path / "in", tmp_path / "missing.txt")
        assert one == two
        assert one[0] == 2
        runs[command[0]] = two[1]
    paths = [Path(json.loads(line)["path"]).name for line in runs["--format"].splitlines()]
    assert paths == [f"{n:03d}.txt" for n in range(80) if n not in (5, 77)]


# --- subprocess smoke tests ---------------------------------------------------------


def test_python_dash_m_smoke(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", "A calm headline\n\nIt was a quiet day.\n")
    done = subprocess.run(
        [sys.executable, "-m", "newsclean", "--format", "json", str(path)],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout)["path"] == str(path)


def test_stdin_smoke() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsclean", "--format", "jsonl", "-"],
        input=b"A calm headline\n\nIt was a quiet day.\n",
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    record = json.loads(done.stdout)
    assert record["path"] == "-"
    assert "It was a quiet day." in [b["text"] for b in record["blocks"]]


# --- input shapes -------------------------------------------------------------------

PIER = (
    "The harbour board voted on Tuesday to repair the old pier, which has been closed "
    "since the winter storms damaged its timber supports."
)


@pytest.mark.parametrize(
    ("argv", "source"),
    [
        pytest.param((), "extractor", id="auto-detects"),
        pytest.param(("--input", "article"), "article", id="named"),
        pytest.param(("--input", "page"), "page", id="page"),
    ],
)
def test_input_names_the_shape_of_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], source: str
) -> None:
    path = tmp_path / "extracted.txt"
    path.write_text(f"Pier to reopen\n{PIER}\nBoats in the harbour at dusk\n{PIER}\n")
    code, out, _ = _run(capsys, *argv, "--format", "json", path)
    assert code == 0
    assert json.loads(out)["source"] == source


def test_input_refuses_an_unknown_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nBody.\n")
    code, out, err = _run(capsys, "--input", "html", path)
    assert (code, out) == (2, "")
    assert "invalid choice: 'html'" in err
