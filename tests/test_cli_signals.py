"""Tests for how a run ends on a signal: real processes, real signals.

The end-to-end tests start ``python -m newsclean ... -j 2`` on a directory of many
generated articles, wait for evidence that the work is under way (a file fixed, a first
output), send one signal and then check the promises: exit status 128+N, no traceback, no
worker process left (read from Linux ``/proc``), no temporary file left, and every file
either untouched or fully fixed. The waits are bounded safety nets with generous limits,
never speed assertions. Smaller tests pin each piece: the trap in ``main``, a worker's
handler, and the temp file of an atomic write.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsclean.cli import clean, pool
from newsclean.cli.main import main
from newsclean.io import files
from newsclean.io.files import atomic_output
from newsclean.model import Article

needs_proc = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or not hasattr(signal, "SIGHUP"),
    reason="reads worker processes from /proc and sends POSIX signals",
)
needs_signals = pytest.mark.skipif(
    not hasattr(signal, "SIGHUP"), reason="sends POSIX signals to its own process"
)
needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods() or not hasattr(signal, "SIGHUP"),
    reason="runs a test function in a forked child and sends POSIX signals",
)

#: Articles in the tree: far more than two workers get through before the signal.
FILES = 800  # enough that no run can end between "under way" and the signal
#: A generous bound on every wait; a healthy run needs a fraction of it.
PATIENCE = 60.0

PARAGRAPH = (
    'The council said  "it would act" on the plan.  Residents of the caf\u00c3\u00a9 quarter '
    "were not told , officials admitted.  Work starts in May."
)
ARTICLE = (
    "Harbour plan delayed\n\n" + "\n\n".join(f"{PARAGRAPH} Item {n}." for n in range(60)) + "\n"
)


@dataclass(frozen=True, slots=True)
class Started:
    """A run under way: its process, and the tree and files it works on."""

    process: subprocess.Popen[bytes]
    root: Path
    stdout: Path
    stderr: Path


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    for n in range(FILES):
        path = root / f"{n // 100:02d}" / f"story{n:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")
    return root


def _fixed_bytes(tmp_path: Path) -> bytes:
    """What ``check --fix`` makes of one article, done in-process on a copy."""
    copy = tmp_path / "reference" / "story.txt"
    copy.parent.mkdir()
    copy.write_text(ARTICLE, encoding="utf-8")
    assert (
        main(["check", "--isolated", "--fix", "--exit-non-zero-on-fix", "-q", "-j", "1", str(copy)])
        == 1
    )
    return copy.read_bytes()


def _start(tmp_path: Path, args: list[str], *, session: bool = False) -> Started:
    root = _tree(tmp_path)
    stdout, stderr = tmp_path / "stdout", tmp_path / "stderr"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "newsclean", *args, "-j", "2", str(root)],
            stdout=out,
            stderr=err,
            cwd=tmp_path,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=session,
        )
    return Started(process, root, stdout, stderr)


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name, or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rpartition(")")[2].split()


def _descendants(pid: int) -> set[tuple[int, str]]:
    """Every process below ``pid``, as (pid, start time) so a reused pid is not mistaken."""
    children: dict[int, list[tuple[int, str]]] = {}
    for entry in os.listdir("/proc"):
        fields = _stat_fields(int(entry)) if entry.isdigit() else None
        if fields:  # state, ppid, ... field 22 of stat (index 19 here) is the start time
            children.setdefault(int(fields[1]), []).append((int(entry), fields[19]))
    found: set[tuple[int, str]] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child[0])
    return found


def _a_pool_worker(processes: set[tuple[int, str]]) -> int:
    """A worker of the pool among ``processes``: a process with no child of its own that
    is not multiprocessing's resource tracker (started beside a fork server)."""
    parents = {int(fields[1]) for pid, _ in processes if (fields := _stat_fields(pid))}
    return min(
        pid
        for pid, _ in processes
        if pid not in parents
        and b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    )


def _running(process: tuple[int, str]) -> bool:
    fields = _stat_fields(process[0])
    return fields is not None and fields[19] == process[1] and fields[0] not in "ZX"


def _temp_files(root: Path) -> list[str]:
    return [name for _, _, names in os.walk(root) for name in names if name.endswith(".tmp")]


def _articles(root: Path) -> Iterator[bytes]:
    yield from (path.read_bytes() for path in sorted(root.rglob("*.txt")))


def _any_fixed(root: Path) -> bool:
    size = len(ARTICLE.encode("utf-8"))
    return any(path.stat().st_size != size for path in root.rglob("*.txt"))


@pytest.fixture
def leftovers() -> Iterator[list[tuple[int, str]]]:
    """Processes a test started; any still running at the end are killed, failed or not."""
    started: list[tuple[int, str]] = []
    yield started
    for process in started:
        if _running(process):
            os.kill(process[0], signal.SIGKILL)


def _workers_once_started(
    run: Started, started: Callable[[], bool], leftovers: list[tuple[int, str]]
) -> set[tuple[int, str]]:
    """Wait until the run shows progress and has its workers; return the workers."""
    fields = _stat_fields(run.process.pid)
    assert fields is not None
    leftovers.append((run.process.pid, fields[19]))
    _wait_for(lambda: started() or run.process.poll() is not None, "the run to start")
    assert run.process.poll() is None, "the run ended before the signal: make it longer"
    _wait_for(lambda: len(_descendants(run.process.pid)) >= 2, "the worker processes")
    workers = _descendants(run.process.pid)
    leftovers.extend(workers)
    return workers


def _ended_cleanly(run: Started, workers: set[tuple[int, str]], status: int) -> None:
    assert run.process.wait(PATIENCE) == status
    _wait_for(lambda: not any(_running(worker) for worker in workers), "the workers to end")
    assert "Traceback" not in run.stderr.read_text(errors="replace")
    assert _temp_files(run.root) == []


STOP_SIGNALS = [
    pytest.param(signal.SIGINT, id="SIGINT"),
    pytest.param(signal.SIGTERM, id="SIGTERM"),
    pytest.param(signal.SIGHUP, id="SIGHUP"),
]


@needs_proc
@pytest.mark.parametrize("signum", STOP_SIGNALS)
def test_signal_during_check_fix_ends_everything_and_leaves_whole_files(
    tmp_path: Path, signum: signal.Signals, leftovers: list[tuple[int, str]]
) -> None:
    fixed = _fixed_bytes(tmp_path)
    run = _start(tmp_path, ["check", "--isolated", "--fix", "-q"])
    workers = _workers_once_started(run, lambda: _any_fixed(run.root), leftovers)
    os.kill(run.process.pid, signum)
    _ended_cleanly(run, workers, 128 + signum)
    states = set(_articles(run.root))
    assert states <= {ARTICLE.encode("utf-8"), fixed}
    assert fixed in states


@needs_proc
@pytest.mark.parametrize("signum", STOP_SIGNALS)
def test_signal_during_clean_ends_everything(
    tmp_path: Path, signum: signal.Signals, leftovers: list[tuple[int, str]]
) -> None:
    run = _start(tmp_path, [])
    workers = _workers_once_started(run, lambda: run.stdout.stat().st_size > 0, leftovers)
    os.kill(run.process.pid, signum)
    _ended_cleanly(run, workers, 128 + signum)
    assert set(_articles(run.root)) == {ARTICLE.encode("utf-8")}


@needs_proc
def test_ctrl_c_reaches_the_whole_process_group_without_worker_tracebacks(
    tmp_path: Path, leftovers: list[tuple[int, str]]
) -> None:
    """A terminal's Ctrl-C sends SIGINT to the parent and every worker at once."""
    fixed = _fixed_bytes(tmp_path)
    run = _start(tmp_path, ["check", "--isolated", "--fix", "-q"], session=True)
    workers = _workers_once_started(run, lambda: _any_fixed(run.root), leftovers)
    os.killpg(run.process.pid, signal.SIGINT)
    _ended_cleanly(run, workers, 130)
    assert set(_articles(run.root)) <= {ARTICLE.encode("utf-8"), fixed}


@needs_proc
def test_workers_die_with_a_killed_parent(tmp_path: Path, leftovers: list[tuple[int, str]]) -> None:
    """SIGKILL cannot be caught: the workers must notice their parent is gone and stop."""
    fixed = _fixed_bytes(tmp_path)
    run = _start(tmp_path, ["check", "--isolated", "--fix", "-q"])
    workers = _workers_once_started(run, lambda: _any_fixed(run.root), leftovers)
    run.process.kill()
    assert run.process.wait(PATIENCE) == -signal.SIGKILL
    _wait_for(lambda: not any(_running(worker) for worker in workers), "the workers to end")
    assert _temp_files(run.root) == []
    assert set(_articles(run.root)) <= {ARTICLE.encode("utf-8"), fixed}


@needs_proc
def test_a_worker_killed_from_outside_is_one_error_line(
    tmp_path: Path, leftovers: list[tuple[int, str]]
) -> None:
    run = _start(tmp_path, [])
    workers = _workers_once_started(run, lambda: run.stdout.stat().st_size > 0, leftovers)
    os.kill(_a_pool_worker(workers), signal.SIGKILL)
    assert run.process.wait(PATIENCE) == 2
    _wait_for(lambda: not any(_running(worker) for worker in workers), "the workers to end")
    assert run.stderr.read_text() == (
        "newsclean: error: a worker process ended unexpectedly (out of memory?)\n"
    )


# --- the pieces: main's trap, a worker's handler, the temp file of an atomic write ------


def _signalled_on_second_call(signum: int) -> Callable[..., Article]:
    calls: list[str] = []

    def parse(text: str, *, quotes: str, source: str = "auto", labeller: str = "rules") -> Article:
        calls.append(text)
        if len(calls) == 2:
            os.kill(os.getpid(), signum)
        return Article(headline=text.strip(), blocks=())

    return parse


@pytest.fixture
def guarded() -> Iterator[list[int]]:
    """A recording handler for every stop signal, so a signal main does not trap cannot end
    the test run; the handlers from before are put back afterwards."""
    seen: list[int] = []
    trapped = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {n: signal.signal(n, lambda n, _: seen.append(n)) for n in trapped}
    yield seen
    for signum, handler in previous.items():
        signal.signal(signum, handler)


@needs_signals
@pytest.mark.parametrize("signum", STOP_SIGNALS)
def test_main_turns_a_signal_into_its_exit_status_and_restores_the_handlers(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    guarded: list[int],
    signum: signal.Signals,
) -> None:
    before = signal.getsignal(signum)
    monkeypatch.setattr(clean, "parse_article", _signalled_on_second_call(signum))
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"Story {name}\n", encoding="utf-8")
    output = tmp_path / "out.txt"
    assert main(["-j", "1", "-o", str(output), str(tmp_path)]) == 128 + signum
    shown = "" if signum == signal.SIGINT else f" by {signum.name}"
    assert capsys.readouterr().err == f"newsclean: interrupted{shown}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt"]
    assert signal.getsignal(signum) is before
    assert guarded == []


def _in_child(target: Callable[[Path], None], path: Path) -> int | None:
    child = multiprocessing.get_context("fork").Process(target=target, args=(path,))
    child.start()
    child.join(PATIENCE)
    if child.is_alive():
        child.kill()
    return child.exitcode


def _write_when_signalled(path: Path) -> None:
    pool._start_worker()

    def work(target: Path) -> None:
        with atomic_output(target) as stream:
            stream.write(b"half of the new text")
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(PATIENCE)  # the handler raises long before this ends

    pool._run_task(work, path)


class _SignalledWhenCollected:
    """An object whose finalizer is where a stop signal arrives (as on a loaded machine,
    when the garbage collector runs a regex object's ``__del__`` at that moment)."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGTERM)


def _signalled_in_a_finalizer(path: Path) -> None:
    pool._start_worker()
    os.dup2(os.open(path.with_suffix(".err"), os.O_WRONLY | os.O_CREAT), 2)

    def work(target: Path) -> None:
        _SignalledWhenCollected()  # collected at once: the handler runs inside __del__
        with atomic_output(target) as stream:
            stream.write(b"the new text")

    pool._run_task(work, path)
    path.with_suffix(".next").write_text("took the next task")


@needs_fork
def test_a_stop_signal_inside_a_finalizer_ends_the_worker_after_its_task_without_a_traceback(
    tmp_path: Path,
) -> None:
    target = tmp_path / "story.txt"
    target.write_bytes(b"the old text")
    assert _in_child(_signalled_in_a_finalizer, target) == 128 + signal.SIGTERM
    assert target.read_bytes() == b"the new text"  # whole: the task ran to its end
    assert (tmp_path / "story.err").read_text() == ""  # no "Exception ignored" traceback
    assert not (tmp_path / "story.next").exists()


def _idle_when_signalled(path: Path) -> None:
    pool._start_worker()
    os.kill(os.getpid(), signal.SIGHUP)
    time.sleep(PATIENCE)


def _ignore_ctrl_c(path: Path) -> None:
    pool._start_worker()
    os.kill(os.getpid(), signal.SIGINT)
    path.write_text("still here")


@needs_fork
def test_a_worker_signalled_mid_write_removes_its_temp_file_and_exits_143(
    tmp_path: Path,
) -> None:
    target = tmp_path / "story.txt"
    target.write_bytes(b"the old text")
    assert _in_child(_write_when_signalled, target) == 143
    assert [path.name for path in tmp_path.iterdir()] == ["story.txt"]
    assert target.read_bytes() == b"the old text"


@needs_fork
def test_an_idle_worker_exits_at_once_and_ctrl_c_is_left_to_the_parent(tmp_path: Path) -> None:
    assert _in_child(_idle_when_signalled, tmp_path / "unused") == 129
    assert _in_child(_ignore_ctrl_c, tmp_path / "left") == 0
    assert (tmp_path / "left").read_text() == "still here"


def test_a_signal_just_after_the_temp_file_appears_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window between creating the temp file and entering the write's cleanup."""
    real_open = os.open

    def open_then_interrupted(path: str, flags: int, mode: int = 0o777) -> int:
        real_open(path, flags, mode)
        raise KeyboardInterrupt  # as the trap's exception would arrive here

    target = tmp_path / "story.txt"
    target.write_bytes(b"the old text")
    monkeypatch.setattr(files.os, "open", open_then_interrupted)  # os.open, until the end
    with pytest.raises(KeyboardInterrupt), atomic_output(target) as stream:
        stream.write(b"new")
    assert [path.name for path in tmp_path.iterdir()] == ["story.txt"]


def test_check_stops_quietly_when_its_output_pipe_closes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, _: str) -> int:
            raise BrokenPipeError

    for name in "abc":
        (tmp_path / f"{name}.txt").write_text("One  two.\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["check", "--isolated", "--diff", "-j", "1", str(tmp_path)]) == 141
    assert capsys.readouterr().err == ""
