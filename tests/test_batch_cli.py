"""Tests for batch runs: JSON Lines input, ordered parallel maps, progress and summary,
pickling for worker processes (adversarial input: test_pathological.py).
"""

from __future__ import annotations

import functools
import io
import json
import pickle
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from newsclean.article import parse_article
from newsclean.cli import batch, pool
from newsclean.cli import commands as cli
from newsclean.cli.batch import clean_chunk
from newsclean.cli.clean import clean_one
from newsclean.cli.main import main
from newsclean.cli.pool import ordered_map, run_tasks
from newsclean.cli.task import Outcome, Task
from newsclean.io import progress
from newsclean.io.jsonl import LineOptions, LineOutcome
from newsclean.io.progress import (
    Meter,
    Tally,
    format_bar,
    format_progress,
    format_summary,
    plural,
)
from newsclean.io.render import CleanOptions
from newsclean.model import Article

STORY = "Harbour wall gives way\n\nThe  old harbour wall gave way before dawn on Tuesday.\n"


def _jsonl(root: Path, name: str, *records: object) -> Path:
    """Write a JSON Lines file: dicts are dumped, str and bytes are written as given."""
    lines = []
    for record in records:
        if isinstance(record, bytes):
            lines.append(record)
        elif isinstance(record, str):
            lines.append(record.encode())
        else:
            lines.append(json.dumps(record).encode())
    path = root / name
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _records(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


# --- JSON Lines input ---------------------------------------------------------------


def test_jsonl_cleans_each_line_in_order_and_passes_fields_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(
        tmp_path,
        "in.jsonl",
        {"id": 1, "text": "It&#39;s  raining.", "lang": "en"},
        {"id": 2, "text": "Ice  on the roads."},
    )
    code, out, err = _run(capsys, "--input-format", "jsonl", path)
    assert (code, err) == (0, "")
    assert _records(out) == [
        {"id": 1, "text": "It's raining.", "lang": "en"},
        {"id": 2, "text": "Ice on the roads."},
    ]


def test_jsonl_format_adds_the_parsed_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path, "in.jsonl", {"text": STORY})
    code, out, _ = _run(capsys, "--input-format", "jsonl", "--format", "jsonl", path)
    (record,) = _records(out)
    assert code == 0
    assert record["text"] == STORY.replace("  ", " ")
    article = record["newsclean"]
    assert isinstance(article, dict)
    assert article["headline"] == "Harbour wall gives way"


def test_text_field_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _jsonl(tmp_path, "in.jsonl", {"body": "A  b.", "text": 5})
    code, out, _ = _run(capsys, "--input-format", "jsonl", "--text-field", "body", path)
    assert (code, _records(out)) == (0, [{"body": "A b.", "text": 5}])


def test_bad_lines_are_reported_with_their_line_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(
        tmp_path,
        "in.jsonl",
        {"id": 1, "text": "One."},
        "[1]",
        "",
        '{"id": 4}',
        b'{"text": "\xff"}',
        {"id": 6, "text": "Six."},
    )
    code, out, err = _run(capsys, "--input-format", "jsonl", path)
    assert code == 0
    assert [r["id"] for r in _records(out)] == [1, 6]
    assert [line.split(": error: ")[0] for line in err.splitlines()] == [
        f"{path}:2",
        f"{path}:4",
        f"{path}:5",
    ]


@pytest.mark.parametrize("policy", [[], ["--on-error", "skip"], ["--on-error", "fail"]])
def test_plain_text_as_jsonl_is_one_error_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], policy: list[str]
) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Ferry strike ends\n\nCrews return on Monday.\n\nTimes: see the website.\n")
    code, out, err = _run(capsys, "--input-format", "jsonl", *policy, path)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"newsclean: error: {path}: not JSON Lines: the first line starts with "
        "'Ferry strike ends', not '{'; leave out --input-format jsonl to clean a plain text file"
    ]


def test_a_json_array_is_one_error_and_the_next_file_still_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    array = tmp_path / "all.json"
    array.write_text('\n[{"text": "One."},\n {"text": "Two."}]\n')
    good = _jsonl(tmp_path, "good.jsonl", {"text": "Fine."})
    code, out, err = _run(capsys, "--input-format", "jsonl", array, good)
    assert (code, _records(out)) == (2, [{"text": "Fine."}])
    assert (
        err
        == f"newsclean: error: {array}: a JSON array, not JSON Lines: write one object per line\n"
    )


def test_no_readable_record_is_exit_2_with_a_closing_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _jsonl(tmp_path, "bad.jsonl", {"body": "One."}, "", "{oops", {"body": "Three."})
    good = _jsonl(tmp_path, "good.jsonl", {"text": "Fine."}, "{oops")
    code, out, err = _run(capsys, "--input-format", "jsonl", bad, good)
    assert (code, _records(out)) == (2, [{"text": "Fine."}])
    lines = err.splitlines()
    assert [line.split(": error: ")[0] for line in lines[:-1]] == [
        f"{bad}:1",
        f"{bad}:3",
        f"{bad}:4",
        f"{good}:2",
    ]
    assert lines[-1] == f"newsclean: error: {bad}: none of its 3 lines could be read as a record"


@pytest.mark.parametrize(
    ("options", "hidden"),
    [
        pytest.param((), "; 2 blocks (4 words) hidden as captions/boilerplate", id="text"),
        pytest.param(("--keep", "boilerplate"), None, id="kept"),
        pytest.param(("--format", "jsonl"), None, id="jsonl-keeps-every-word"),
    ],
)
def test_jsonl_summary_says_how_many_blocks_the_text_hid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], hidden: str | None
) -> None:
    text = f"{STORY}\nShare this\n"
    path = _jsonl(tmp_path, "in.jsonl", {"text": text}, {"text": text})
    code, _, err = _run(capsys, "--input-format", "jsonl", "-v", *options, path)
    assert (code, err.split(" in ")[0]) == (0, "newsclean: 1 file, 2 articles, 2 fixes")
    assert (hidden in err) if hidden else err.endswith(" s\n")


def test_an_empty_jsonl_file_is_no_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    assert _run(capsys, "--input-format", "jsonl", path) == (0, "", "")


def test_on_error_fail_stops_and_leaves_the_output_file_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path, "in.jsonl", {"text": "One."}, "oops", {"text": "Three."})
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    argv = ("--input-format", "jsonl", "--on-error", "fail", "-o", target, path)
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}:2: error: invalid JSON")
    assert err.count("\n") == 1
    assert target.read_text() == "old\n"


def test_on_error_fail_with_good_input_writes_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path, "in.jsonl", {"text": "One."}, {"text": "Two."})
    code, out, _ = _run(capsys, "--input-format", "jsonl", "--on-error", "fail", path)
    assert (code, [r["text"] for r in _records(out)]) == (0, ["One.", "Two."])


def test_jsonl_from_stdin_names_it_in_messages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = b'\xef\xbb\xbf{"text": "A  b."}\r\n{"text": 1}\r\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = _run(capsys, "--input-format", "jsonl", "-")
    assert (code, _records(out)) == (0, [{"text": "A b."}])
    assert err.startswith("<stdin>:2: error: ")


def test_missing_jsonl_file_is_an_input_error_and_the_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _jsonl(tmp_path, "good.jsonl", {"text": "Fine."})
    code, out, err = _run(capsys, "--input-format", "jsonl", tmp_path / "nope.jsonl", good)
    assert code == 2
    assert _records(out) == [{"text": "Fine."}]
    assert err.startswith(f"newsclean: error: {tmp_path / 'nope.jsonl'}: ")


class FailingStream(io.BytesIO):
    """Gives one line, then fails as a disk read error would."""

    def __iter__(self) -> Iterator[bytes]:
        yield b'{"text": "First."}\n'
        raise OSError(5, "Input/output error")


def test_read_error_midway_is_an_input_error_of_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "_opened", lambda name: FailingStream())
    code, out, err = _run(capsys, "--input-format", "jsonl", tmp_path / "disk.jsonl")
    assert (code, _records(out)) == (2, [{"text": "First."}])
    assert err == f"newsclean: error: {tmp_path / 'disk.jsonl'}: Input/output error\n"


def test_json_format_is_refused_for_jsonl_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path, "in.jsonl", {"text": "A."})
    code, out, err = _run(capsys, "--input-format", "jsonl", "--format", "json", path)
    assert (code, out) == (2, "")
    assert "use --format text or jsonl" in err


def test_jsonl_two_jobs_many_chunks_same_output_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "CHUNK_LINES", 3)
    records = [{"n": n, "text": f"Day  {n} was wet."} for n in range(40)]
    path = _jsonl(tmp_path, "in.jsonl", *records[:20], "bad", *records[20:])
    one = _run(capsys, "--input-format", "jsonl", "-j", "1", path)
    two = _run(capsys, "--input-format", "jsonl", "-j", "2", path)
    assert one == two
    assert [r["n"] for r in _records(two[1])] == list(range(40))
    assert two[2].startswith(f"{path}:21: error: ")


def test_jsonl_smoke_subprocess(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsclean", "--input-format", "jsonl", "-", "-v"],
        input=b'{"text": "A  calm day."}\n',
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"text": "A calm day."}
    assert done.stderr.decode().startswith("newsclean: 1 file, 1 article, 1 fix in ")


# --- summary and progress through the command line -----------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_summary_only_with_verbose_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(STORY)
    assert _run(capsys, path)[2] == ""
    code, _, err = _run(capsys, "-v", path, path)
    assert code == 0
    assert err.startswith("newsclean: 2 files, 2 articles, 2 fixes in ")
    assert err.endswith(" s\n")
    assert err.count("\n") == 1


def test_summary_on_a_terminal_without_verbose_and_no_progress_for_a_short_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(STORY)
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([str(path)]) == 0
    assert terminal.getvalue().startswith("newsclean: 1 file, 1 article, 1 fix in ")
    assert "\r" not in terminal.getvalue()


@pytest.mark.parametrize(
    ("terminal", "argv", "progress", "summary"),
    [
        pytest.param(True, [], True, True, id="terminal"),
        pytest.param(True, ["--no-progress"], False, True, id="terminal-no-progress"),
        pytest.param(False, [], False, False, id="pipe"),
        pytest.param(False, ["-v"], False, True, id="pipe-verbose"),
    ],
)
def test_meter_choices(
    monkeypatch: pytest.MonkeyPatch, terminal: bool, argv: list[str], progress: bool, summary: bool
) -> None:
    outside_ci(monkeypatch)
    monkeypatch.setattr(sys, "stderr", FakeTerminal() if terminal else io.StringIO())
    args = cli.build_parser().parse_args([*argv, "x.txt"])
    meter = batch.make_meter(args, None)
    assert (meter.show_progress, meter.show_summary) == (progress, summary)


@pytest.mark.parametrize(("name", "value"), [("CI", "true"), ("TERM", "dumb")])
def test_no_progress_in_ci_or_on_a_dumb_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    terminal = eager_terminal(monkeypatch)
    monkeypatch.setenv(name, value)
    assert main(["-j", "1", str(tmp_path), str(tmp_path)]) == 0
    assert "\r" not in terminal.getvalue()
    assert terminal.getvalue().startswith("newsclean: 2 files, 2 articles")  # the summary stays
    assert main(["check", "-j", "1", "--isolated", str(tmp_path)]) == 1
    assert "\r" not in terminal.getvalue()


def eager_terminal(monkeypatch: pytest.MonkeyPatch) -> FakeTerminal:
    """Make stderr claim to be a terminal, and the progress line drawn at every update.

    Called in the test itself: pytest's capture puts its own stderr back after fixtures.
    """
    terminal = FakeTerminal()
    outside_ci(monkeypatch)
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(progress, "PROGRESS_DELAY", 0.0)
    monkeypatch.setattr(progress, "REDRAW_INTERVAL", 0.0)
    return terminal


def outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment of a person at a terminal, whatever runs the tests."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def drawn_bars(stream: str, prog: str) -> list[str]:
    """The progress lines with a bar drawn on ``stream``, in order."""
    return [line for line in stream.split("\r\x1b[K") if line.startswith(f"{prog}: [")]


@pytest.mark.parametrize("as_directory", [True, False], ids=["directory", "files"])
def test_clean_draws_a_bar_for_a_directory_as_for_files(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    as_directory: bool,
) -> None:
    terminal = eager_terminal(monkeypatch)
    paths = [tmp_path / f"{name}.txt" for name in "abc"]
    for path in paths:
        path.write_text(STORY)
    argv = [str(tmp_path)] if as_directory else [str(p) for p in paths]
    assert main(["-j", "1", *argv]) == 0
    bars = drawn_bars(terminal.getvalue(), "newsclean")
    assert [bar.split(" files")[0].split("] ")[1] for bar in bars[1:]] == [" 67% 2", "100% 3"]
    assert bars[0].startswith("newsclean: [######--------------]  33% 1 file, ")
    assert capsys.readouterr().out.count("==> ") == 3


def test_counting_first_does_not_read_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = eager_terminal(monkeypatch)
    (tmp_path / "a.txt").write_text(STORY)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    assert main(["-j", "1", "-o", str(tmp_path / "out.txt"), "-", str(tmp_path)]) == 0
    assert drawn_bars(terminal.getvalue(), "newsclean")[-1].startswith(
        "newsclean: [####################] 100% 2 files, 2 articles"
    )
    assert (tmp_path / "out.txt").read_text().count("Harbour wall gives way") == 2


# --- progress formatting and the meter ----------------------------------------------

PLURALS = [
    pytest.param(0, "file", "0 files", id="zero"),
    pytest.param(1, "fix", "1 fix", id="one"),
    pytest.param(2, "fix", "2 fixes", id="fixes"),
    pytest.param(1234567, "article", "1,234,567 articles", id="thousands"),
]


@pytest.mark.parametrize(("count", "noun", "expected"), PLURALS)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_summary_mentions_skipped_lines_only_when_there_are_some() -> None:
    tally = Tally(files=1, articles=9, fixes=0, skipped=2)
    assert (
        format_summary("p", tally, 0.04)
        == "p: 1 file, 9 articles, 0 fixes, 2 lines skipped in 0.0 s"
    )
    assert "skipped" not in format_summary("p", Tally(), 1.0)


@pytest.mark.parametrize(
    ("done", "total", "expected"),
    [
        pytest.param(0, 10, "[----]   0%", id="empty"),
        pytest.param(5, 10, "[##--]  50%", id="half"),
        pytest.param(10, 10, "[####] 100%", id="full"),
        pytest.param(15, 10, "[####] 100%", id="overshoot"),
        pytest.param(0, 0, "[####] 100%", id="nothing-to-do"),
    ],
)
def test_format_bar(done: int, total: int, expected: str) -> None:
    assert format_bar(done, total, width=4) == expected


def test_progress_without_total_has_no_bar() -> None:
    line = format_progress("p", Tally(articles=10), 5.0)
    assert line == "p: 0 files, 10 articles, 0 fixes, 5 s, 2 articles/s"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_meter_draws_only_after_the_delay_and_clears_before_the_summary() -> None:
    stream, clock = io.StringIO(), FakeClock()
    meter = Meter(stream, "p", show_progress=True, show_summary=True, total=4, clock=clock)
    meter.update(files=1, articles=1, done=1)
    assert stream.getvalue() == ""
    clock.now += 2
    meter.update(files=1, articles=1, done=1)
    assert (
        stream.getvalue()
        == "\r\x1b[Kp: [##########----------]  50% 2 files, 2 articles, 0 fixes, 2 s, 1 articles/s"
    )
    clock.now += 0.01
    meter.update(files=1)
    assert stream.getvalue().count("\r") == 1
    meter.finish()
    assert stream.getvalue().endswith("\r\x1b[Kp: 3 files, 2 articles, 0 fixes in 2.0 s\n")


def test_progress_line_is_cut_to_the_terminal_width() -> None:
    stream, clock = io.StringIO(), FakeClock()
    meter = Meter(stream, "p", show_progress=True, show_summary=False, clock=clock, columns=12)
    clock.now += 5
    meter.update(articles=1)
    assert stream.getvalue() == "\r\x1b[Kp: 0 files,"


def test_meter_off_writes_nothing() -> None:
    stream, clock = io.StringIO(), FakeClock()
    meter = Meter(stream, "p", show_progress=False, show_summary=False, clock=clock)
    clock.now += 10
    meter.update(articles=5)
    meter.finish()
    assert (stream.getvalue(), meter.tally.articles) == ("", 5)


# --- ordered parallel maps: order and bounded memory ---------------------------------


def slow_square(n: int) -> int:
    """Early items take longest, so a pool finishes them last."""
    time.sleep(0.002 * (10 - n % 10))
    return n * n


@pytest.mark.parametrize("jobs", [1, 2])
def test_ordered_map_keeps_input_order(jobs: int) -> None:
    assert list(ordered_map(slow_square, range(30), jobs)) == [n * n for n in range(30)]


def _counting(items: range, pulled: list[int]) -> Iterator[int]:
    for item in items:
        pulled.append(item)
        yield item


def test_ordered_map_pulls_a_bounded_number_of_items_ahead() -> None:
    pulled: list[int] = []
    results = ordered_map(slow_square, _counting(range(1000), pulled), 2)
    assert next(results) == 0
    assert len(pulled) <= 2 * pool.CHUNKS_PER_JOB + 1
    results.close()


def _missing_tasks(root: Path, count: int, pulled: list[int]) -> Iterator[Task | Outcome]:
    """Tasks for files that do not exist (a worker answers each at once), with an outcome
    already made (a bad path) every seventh item."""
    for n in _counting(range(count), pulled):
        yield Outcome(f"bad-{n}") if n % 7 == 3 else Task(str(root / f"missing-{n}.txt"))


def test_run_tasks_keeps_order_and_streams_with_a_bounded_number_in_flight(
    tmp_path: Path,
) -> None:
    """#17.3: no windows. Outcomes handed on let as many inputs in, so the pool is never
    starved at a window's end (32-task windows capped two workers at ~1.9x) and never
    holds more than ``TASKS_PER_JOB`` inputs per worker, give or take a chunk."""
    pulled: list[int] = []
    total, limit = 300, 2 * pool.TASKS_PER_JOB
    outcomes = run_tasks(
        _missing_tasks(tmp_path, total, pulled),
        2,
        functools.partial(clean_one, options=CleanOptions()),
    )
    names = []
    for handed_on, outcome in enumerate(outcomes, start=1):
        names.append(Path(outcome.name).stem)
        if len(pulled) < total:  # a chunk of files is handed on at once
            slack = 2 * pool.FILES_PER_CHUNK
            assert handed_on + limit - slack <= len(pulled) <= handed_on + limit + slack
    expected = [f"bad-{n}" if n % 7 == 3 else f"missing-{n}" for n in range(total)]
    assert names == expected


def test_run_tasks_runs_one_task_here_without_a_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool costs a process start: one file (a pre-commit hook's usual run) needs none,
    however many bad paths come with it."""
    monkeypatch.setattr(pool._Workers, "started", None)  # would fail if called
    items = [Outcome("bad-1"), Task(str(tmp_path / "missing.txt")), Outcome("bad-2")]
    outcomes = list(run_tasks(items, 2, functools.partial(clean_one, options=CleanOptions())))
    assert [Path(o.name).stem for o in outcomes] == ["bad-1", "missing", "bad-2"]
    assert outcomes[1].error is not None


# --- pickling: what worker processes receive and return ------------------------------

TEXTS = [
    "Storm hits coast\n\nWaves  battered the town overnight, and the harbour wall gave way.",
    "Caf\u00c3\u00a9 opens\n\nThe \u201cnew\u201d caf\u00e9 opened on Monday.\n\nShare this",
]


def test_library_values_and_functions_pickle() -> None:
    article = parse_article(TEXTS[0])
    assert pickle.loads(pickle.dumps(parse_article)) is parse_article
    copy = pickle.loads(pickle.dumps(article))
    assert copy == article
    assert (copy.text, copy.fixes) == (article.text, article.fixes)
    for value in (
        LineOptions("body", CleanOptions(quotes="curly")),
        LineOutcome(3, error="bad"),
        CleanOptions(fmt="jsonl"),
        Outcome("a", output="x", fixes=2),
        functools.partial(clean_chunk, options=LineOptions()),
    ):
        assert pickle.loads(pickle.dumps(value)) == value or callable(value)


def test_parse_article_runs_in_a_process_pool() -> None:
    with ProcessPoolExecutor(max_workers=2) as pool:
        remote = list(pool.map(parse_article, TEXTS))
    local = [parse_article(text) for text in TEXTS]
    assert remote == local
    assert [a.text for a in remote] == [a.text for a in local]
    assert all(isinstance(a, Article) for a in remote)
    assert remote[1].text.startswith("Café opens")


@pytest.mark.parametrize("option", [("--text-field", "body"), ("--on-error", "fail")])
def test_jsonl_options_are_refused_for_text_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: tuple[str, str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Storm hits coast\n\nWaves battered the town overnight.\n", encoding="utf-8")
    code, out, err = _run(capsys, *option, str(path))
    assert code == 2
    assert out == ""
    assert "--input-format jsonl" in err


# --- JSON Lines input that broke the run (#13.9) -------------------------------------

HOSTILE_LINES = [
    pytest.param('{"n": ' + "7" * 4301 + ', "text": "x"}', "integer of 4301 digits", id="big-int"),
    pytest.param('{"n": ' + "[" * 100_000 + "]" * 100_000 + ', "text": "x"}', "nested", id="deep"),
    pytest.param('{"n": NaN, "text": "x"}', "NaN is not a JSON number", id="nan"),
    pytest.param('{"n": -Infinity, "text": "x"}', "-Infinity is not", id="minus-infinity"),
    pytest.param('{"n": 1e999, "text": "x"}', "1e999 is too large", id="float-overflow"),
]


def _strict_records(out: str) -> list[dict[str, object]]:
    """Parse JSON Lines output strictly: UTF-8 bytes, no NaN or infinities."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in the output")

    return [json.loads(line.encode("utf-8"), parse_constant=refuse) for line in out.splitlines()]


@pytest.mark.parametrize(("line", "problem"), HOSTILE_LINES)
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output-file"])
def test_a_hostile_line_is_one_error_and_every_good_line_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, problem: str, to_file: bool
) -> None:
    path = _jsonl(tmp_path, "in.jsonl", {"id": 1, "text": "One  a."}, line, {"id": 3, "text": "C."})
    target = tmp_path / "out.jsonl"
    output = ("-o", target) if to_file else ()
    code, out, err = _run(capsys, "--input-format", "jsonl", *output, path)
    assert code == 0
    records = _strict_records(target.read_text(encoding="utf-8") if to_file else out)
    assert records == [{"id": 1, "text": "One a."}, {"id": 3, "text": "C."}]
    assert err.startswith(f"{path}:2: error: ")
    assert err.count("\n") == 1
    assert problem in err


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output-file"])
def test_a_lone_surrogate_key_is_written_as_an_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], to_file: bool
) -> None:
    path = _jsonl(
        tmp_path, "in.jsonl", {"id": 1, "text": "A."}, '{"\\ud800": 1, "text": "B."}', {"id": 3}
    )
    target = tmp_path / "out.jsonl"
    output = ("-o", target) if to_file else ()
    code, out, err = _run(capsys, "--input-format", "jsonl", "--format", "jsonl", *output, path)
    assert code == 0
    written = target.read_text(encoding="utf-8") if to_file else out
    assert '{"\\ud800":1,"text":"B."' in written
    records = _strict_records(written)
    assert [r["text"] for r in records] == ["A.", "B."]
    assert records[1]["\ud800"] == 1
    assert err.startswith(f'{path}:3: error: no "text" field')


def test_text_field_named_like_the_article_key_is_refused_for_jsonl_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path, "in.jsonl", {"newsclean": "Rain  falls."})
    argv = ("--input-format", "jsonl", "--text-field", "newsclean")
    code, out, err = _run(capsys, *argv, "--format", "jsonl", path)
    assert (code, out) == (2, "")
    assert err.startswith("newsclean: error: ")
    assert err.count("\n") == 1
    assert "--text-field newsclean" in err
    code, out, err = _run(capsys, *argv, path)  # text output adds no key: nothing collides
    assert (code, _strict_records(out), err) == (0, [{"newsclean": "Rain falls."}], "")
