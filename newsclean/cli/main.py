"""The command line: parse options, feed files through ``parse_article``, print the results.

A thin shell: the reading rules live in :mod:`newsclean.io.files`, the output formats in
:mod:`newsclean.io.render`, the text logic in the library. Commands are looked up in
:data:`COMMANDS` by the first argument ("clean" when it names none), so a new command
adds its arguments and its run function there without touching the rest.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import functools
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, MappingProxyType, TracebackType
from typing import BinaryIO, NoReturn, TypeVar

from newsclean import __version__
from newsclean.article import parse_article
from newsclean.io.files import (
    STDIN_NAME,
    TEXT_SUFFIXES,
    BinaryFileError,
    DecodeError,
    InputError,
    NoTextFilesError,
    NotRegularFileError,
    Replacement,
    Skipped,
    SourceText,
    atomic_output,
    encode_text,
    iter_paths,
    locked_text_file,
    open_regular_file,
    read_stdin,
    read_text_file,
    replace_files,
)
from newsclean.io.findings import (
    OUTPUT_FORMATS,
    FileReport,
    render_findings,
    summary,
    unified_diff,
)
from newsclean.io.jsonl import ERROR_POLICIES, LineOptions, LineOutcome, clean_lines, is_blank
from newsclean.io.progress import Meter, is_terminal
from newsclean.io.render import (
    FORMATS,
    KEEPABLE,
    CleanOptions,
    escape_for_terminal,
    frame_outputs,
    parse_keep,
    render,
)
from newsclean.lint.config import (
    Config,
    config_from_pyproject,
    gitignore_patterns,
    is_excluded,
    is_included,
    matches,
    relative_to_root,
    with_overrides,
)
from newsclean.lint.run import FixResult, fix_until_clean, lint_text, sidecar_text
from newsclean.model import QUOTE_STYLES, Finding

PROG = "newsclean"
DEFAULT_COMMAND = "clean"
#: Inputs handed to the worker pool at a time, per worker: bounds memory in the file count.
WINDOW_PER_JOB = 16


class ExitCode(enum.IntEnum):
    """What the exit status means (1 is reserved for the linter: findings or files changed)."""

    OK = 0
    FINDINGS = 1
    USAGE_OR_INPUT = 2
    INTERRUPTED = 130  # SIGINT; every stop signal N exits 128 + N


@dataclass(frozen=True, slots=True)
class Task:
    """One input to clean: a file path, or standard input already read (``source``)."""

    name: str
    source: SourceText | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result for one input: the rendered output, or an error message, plus a note."""

    name: str
    output: str | None = None
    error: str | None = None
    note: str | None = None
    fixes: int = 0


def clean_one(task: Task, options: CleanOptions) -> Outcome:
    """Read, parse and render one input; bad input becomes an error value, not an exception.

    Runs in worker processes, so it takes and returns plain picklable values.
    """
    try:
        source = task.source or read_text_file(task.name)
    except InputError as exc:
        return Outcome(task.name, error=str(exc))
    except OSError as exc:
        return Outcome(task.name, error=f"{task.name}: {exc.strerror or exc}")
    article = parse_article(source.text, quotes=options.quotes)
    output = render(options.fmt, task.name, article, keep=options.keep, only_body=options.only_body)
    return Outcome(task.name, output=output, note=source.note, fixes=len(article.fixes))


# --- arguments ----------------------------------------------------------------------


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _keep_list(value: str) -> frozenset[str]:
    try:
        return parse_keep(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_jobs_argument(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """Add ``-j``/``--jobs``, the same for cleaning and checking."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: the number of CPUs); output stays in input order",
    )


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments every command that reads articles shares: paths, quotes, jobs."""
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="a text file, a directory (recursed: .txt .text .md .markdown files), or - for stdin",
    )
    parser.add_argument(
        "--quotes",
        choices=QUOTE_STYLES,
        default="straight",
        help="quote marks in the output: straight (default), curly, or keep as found",
    )
    add_jobs_argument(parser)


def add_clean_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of the default command, ``clean``."""
    add_input_arguments(parser)
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=FORMATS,
        default="text",
        help="text (default): the clean article; json: one object, or an array for several "
        "files; jsonl: one object per line",
    )
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "--keep",
        type=_keep_list,
        default=frozenset(),
        metavar="LIST",
        help=f"text format: also show these blocks, marked [kind] (any of {', '.join(KEEPABLE)})",
    )
    shown.add_argument(
        "--only",
        choices=("body",),
        help="text format: body = paragraphs and subheadings only, no headline",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write all output to FILE, replacing it atomically (- = stdout, the default)",
    )
    add_batch_arguments(parser)


# --- running ------------------------------------------------------------------------


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _tasks(paths: Sequence[str]) -> Iterator[Task | Outcome]:
    """Yield a task per input file, in order, or an error value where a path is bad."""
    for raw in paths:
        if raw == "-":
            yield _stdin_task()
            continue
        try:
            yield from (_task_or_note(path) for path in iter_paths([raw]))
        except InputError as exc:
            yield Outcome(raw, error=str(exc))
        except OSError as exc:
            yield Outcome(raw, error=f"{exc.filename or raw}: {exc.strerror or exc}")


def _task_or_note(path: Path | Skipped) -> Task | Outcome:
    """A task for a file found; a warning for an entry a directory walk had to pass over."""
    if isinstance(path, Skipped):
        return Outcome(str(path.path), note=f"skipped: {path.problem}")
    return Task(str(path))


def _stdin_task() -> Task | Outcome:
    try:
        return Task("-", source=read_stdin())
    except InputError as exc:
        return Outcome("-", error=str(exc))
    except OSError as exc:
        return Outcome("-", error=f"{STDIN_NAME}: {exc.strerror or exc}")


def _windows(items: Iterable[Task | Outcome], size: int) -> Iterator[list[Task | Outcome]]:
    iterator = iter(items)
    while window := list(itertools.islice(iterator, size)):
        yield window


# --- worker processes and signals ---------------------------------------------------

#: The signals that end a run. Each becomes an :class:`Interrupted` exception wherever the
#: main thread is, so an atomic write under way removes its temp file on the way out, the
#: workers are ended, and the exit status is 128 + the signal's number.
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
#: Seconds ended workers get to unwind (remove their temp file) before they are killed.
WORKER_GRACE_SECONDS = 10.0
#: The exit status when the output pipe closes under ``check``: 128 + SIGPIPE, as a shell
#: shows for a command that SIGPIPE ended (Python ignores SIGPIPE and gets an error instead).
BROKEN_PIPE_STATUS = 128 + getattr(signal, "SIGPIPE", 13)


class Interrupted(BaseException):
    """A stop signal arrived; like ``KeyboardInterrupt``, ordinary handlers let it pass."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _StopTrap:
    """While installed, the first stop signal raises :class:`Interrupted` in the main thread.

    Later signals are ignored, so they cannot cut short the cleanup the first one started
    (removing a temp file, ending the workers); that cleanup is bounded by
    :data:`WORKER_GRACE_SECONDS`, so a stuck run still ends.
    """

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.signum: int | None = None

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self.pid:  # a just-forked worker whose initializer has not run
            os._exit(128 + signum)
        _ignore_stop_signals()
        self.signum = signum
        raise Interrupted(signum)


@contextlib.contextmanager
def _stop_signals_raised() -> Iterator[_StopTrap]:
    """Install a :class:`_StopTrap` for the block, then put the old handlers back.

    Handlers can only be set from the main thread; elsewhere the signals keep their effect.
    """
    trap = _StopTrap()
    try:
        previous = {signum: signal.signal(signum, trap) for signum in STOP_SIGNALS}
    except ValueError:  # not the main thread
        previous = {}
    try:
        yield trap
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _ignore_stop_signals() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def _start_worker() -> None:
    """Set up a worker process: stop signals and the parent's end stop it, cleanly.

    A terminal's Ctrl-C reaches every process of the group, but only the parent acts on it
    (it ends the workers with SIGTERM): a worker that raised KeyboardInterrupt itself would
    print a traceback, or report the interruption as a task's result and take the next one.
    SIGTERM and SIGHUP unwind the task under way, so its atomic write removes its temp file.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOP_SIGNALS:
        if signum != signal.SIGINT:
            signal.signal(signum, _stop_worker)
    parent = multiprocessing.parent_process()
    if parent is not None and hasattr(signal, "pthread_kill"):
        threading.Thread(target=_stop_with_parent, args=(parent.sentinel,), daemon=True).start()


def _stop_with_parent(sentinel: int) -> None:
    """Wait until the parent process is gone, then stop this worker as SIGTERM would.

    The parent ends its workers itself on every signal it can catch; this covers the rest
    (SIGKILL, a crash), where the workers would take the tasks already queued, rewriting
    files for minutes, then wait for work forever. The sentinel is a pipe whose writing end
    only the parent holds: multiprocessing gives one to every child, whatever the platform
    and start method, and waiting on it costs nothing until it closes. The alternatives
    fall short: prctl's PR_SET_PDEATHSIG is Linux only and fires when the *thread* that
    started the worker ends; polling os.getppid() needs a period, and under the forkserver
    start method the parent it sees is the fork server. Under "fork" a later worker also
    holds an earlier one's writing end, so the workers notice in turn, last started first.
    """
    multiprocessing.connection.wait([sentinel])
    signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGTERM)


def _stop_worker(signum: int, frame: FrameType | None) -> None:
    """End a worker: unwind the task under way (see :func:`_run_task`), or exit at once."""
    _ignore_stop_signals()
    while frame is not None:
        if frame.f_code is _run_task.__code__:
            raise Interrupted(signum)
        frame = frame.f_back
    os._exit(128 + signum)


def _run_task(work: Callable[[_Item], _Result], item: _Item) -> _Result:
    """Run one task in a worker; once a stop signal has unwound it, end the process.

    Leaving by an exception instead would hand the interruption back as the task's result
    and let the worker take its next task.
    """
    try:
        return work(item)
    except Interrupted as exc:
        os._exit(128 + exc.signum)


class _Workers:
    """A pool of worker processes, started on first use and ended with the ``with`` block.

    A block left normally waits for the workers to finish; one left by an exception (a
    stop signal, a closed output, an early ``close()``) ends them at once.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.pool is None:
            return
        if kind is not None:
            _end_workers(self.pool)
            return
        try:
            self.pool.shutdown()
        except BaseException:  # a signal while the last tasks finish
            _end_workers(self.pool)
            raise

    def started(self) -> ProcessPoolExecutor:
        """The pool, started now if it is not yet."""
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.jobs, initializer=_start_worker)
        return self.pool


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel the queued tasks and end the workers now: SIGTERM, then SIGKILL if stuck."""
    processes = list((pool._processes or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for stuck in _still_running(processes, WORKER_GRACE_SECONDS):
        stuck.kill()


def _still_running(
    processes: Sequence[multiprocessing.process.BaseProcess], seconds: float
) -> list[multiprocessing.process.BaseProcess]:
    """Wait up to ``seconds`` for ``processes`` to end; return those that have not."""
    deadline = time.monotonic() + seconds
    running = {process.sentinel: process for process in processes}
    while running and (left := deadline - time.monotonic()) > 0:
        ended = set(multiprocessing.connection.wait(list(running), left))
        running = {key: process for key, process in running.items() if key not in ended}
    return list(running.values())


def run_tasks(
    items: Iterable[Task | Outcome],
    options: CleanOptions,
    jobs: int,
    *,
    work: Callable[[Task], Outcome] | None = None,
) -> Generator[Outcome, None, None]:
    """Yield an outcome per item in input order, using ``jobs`` processes when it pays.

    Inputs go to the pool a bounded window at a time, so memory stays flat however many
    files there are; a pool is started only once a window holds two tasks or more.
    ``work`` (default: clean with ``options``) must be picklable, as a partial of a
    module-level function is. Closing the iterator early ends the workers at once.
    """
    work = work or functools.partial(clean_one, options=options)
    with _Workers(jobs) as workers:
        for window in _windows(items, jobs * WINDOW_PER_JOB):
            todo = [item for item in window if isinstance(item, Task)]
            done: Iterator[Outcome]
            if workers.pool is None and (jobs == 1 or len(todo) < 2):
                done = map(work, todo)
            else:
                chunksize = max(1, len(todo) // (jobs * 4))
                task = functools.partial(_run_task, work)
                done = workers.started().map(task, todo, chunksize=chunksize)
            yield from (next(done) if isinstance(item, Task) else item for item in window)


def _say(message: str) -> None:
    """Print one message on stderr, escaped (a file name in it cannot start a line of its
    own); stderr may be gone (a hung-up terminal, a closed pipe)."""
    with contextlib.suppress(OSError):
        print(escape_for_terminal(message), file=sys.stderr)


def _report(outcome: Outcome) -> bool:
    """Print an outcome's note or error on stderr; return whether it failed."""
    if outcome.note:
        name = STDIN_NAME if outcome.name == "-" else outcome.name
        _say(f"{PROG}: warning: {name}: {outcome.note}")
    if outcome.error:
        _say(f"{PROG}: error: {outcome.error}")
    return outcome.error is not None


def _write_all(pieces: Iterable[str], write: Callable[[str], object]) -> None:
    for piece in pieces:
        write(piece)


@contextlib.contextmanager
def _output(target: str | None) -> Iterator[Callable[[str], object]]:
    """Yield the write function for ``target``: stdout, or a file replaced atomically."""
    if target is None or target == "-":
        yield sys.stdout.write
        sys.stdout.flush()
        return
    with atomic_output(target) as stream:
        yield lambda piece: stream.write(piece.encode("utf-8"))


def _silence_stdout() -> None:
    """Point stdout at the null device so the exit-time flush to a closed pipe is quiet."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _clean_options(args: argparse.Namespace) -> CleanOptions:
    return CleanOptions(args.quotes, args.fmt, args.keep, args.only == "body")


def _option_misuse(args: argparse.Namespace) -> str | None:
    """Say which options do not go together, if any (argparse cannot express these)."""
    if args.fmt != "text" and (args.keep or args.only):
        return "--keep and --only apply to --format text only"
    jsonl_only = args.text_field is not None or args.on_error is not None
    if args.input_format != "jsonl" and jsonl_only:
        return "--text-field and --on-error apply to --input-format jsonl only"
    return None


def run_clean(args: argparse.Namespace) -> int:
    """Clean every input and print them in order; exit 2 if any input was bad."""
    misuse = _option_misuse(args)
    if misuse is not None:
        print(f"{PROG}: error: {misuse}", file=sys.stderr)
        return ExitCode.USAGE_OR_INPUT
    if args.input_format == "jsonl":
        return run_jsonl(args)
    options = _clean_options(args)
    many = len(args.paths) > 1 or Path(args.paths[0]).is_dir()
    failed = False
    meter = _meter(args, len(args.paths) if _file_sizes(args.paths) else None)

    outcomes = run_tasks(_tasks(args.paths), options, args.jobs or _default_jobs())

    def successes() -> Iterator[tuple[str, str]]:
        nonlocal failed
        for outcome in outcomes:
            _count(meter, outcome)
            failed = _report(outcome) or failed
            if outcome.output is not None:
                yield outcome.name, outcome.output

    with contextlib.closing(outcomes):  # ends the workers now if the output fails or a signal
        written = _emit(args.output, frame_outputs(options.fmt, successes(), many=many))
    if not written:
        return ExitCode.USAGE_OR_INPUT
    meter.finish()
    return ExitCode.USAGE_OR_INPUT if failed else ExitCode.OK


# --- batches: JSON Lines input, ordered parallel map, progress and summary ------------

#: JSON Lines input is handed to workers in chunks of about this many bytes (or lines).
CHUNK_BYTES = 256 * 1024
CHUNK_LINES = 256
#: Chunks in flight per worker: enough to keep every worker busy, few enough for flat memory.
CHUNKS_PER_JOB = 4

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")
_Chunk = tuple[str, list[tuple[int, bytes]]]


class _Abort(Exception):
    """A bad input under ``--on-error fail``: stop, and leave an ``-o`` file untouched."""


def add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the batch arguments: JSON Lines input, error policy, progress and summary."""
    parser.add_argument(
        "--input-format",
        choices=("text", "jsonl"),
        default="text",
        help="text (default): each PATH is one article; jsonl: each line of each PATH is a "
        "JSON object holding one article in --text-field; output is one object per line",
    )
    parser.add_argument(
        "--text-field",
        default=None,
        metavar="NAME",
        help="jsonl input: the field holding the article (default: text); it gets the clean "
        "text, other fields pass through; --format jsonl adds the parsed article as newsclean "
        "(so the text field cannot be newsclean then)",
    )
    parser.add_argument(
        "--on-error",
        choices=ERROR_POLICIES,
        default=None,
        help="jsonl input: report a bad line as PATH:LINE and skip it (skip, the default, "
        "exit 0) or stop at it with exit status 2, leaving an -o file untouched (fail)",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="never draw the progress line (drawn on stderr only when it is a terminal and "
        "the run lasts over a second)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="print the final summary line (files, articles, fixes, seconds) on stderr even "
        "when stderr is not a terminal",
    )


def _meter(args: argparse.Namespace, total: int | None) -> Meter:
    """Return the run's meter: progress and summary on a terminal, summary with -v."""
    terminal = is_terminal(sys.stderr)
    return Meter(
        sys.stderr,
        PROG,
        show_progress=terminal and not args.no_progress,
        show_summary=terminal or args.verbose,
        total=total,
    )


def _file_sizes(paths: Sequence[str]) -> list[int] | None:
    """Sizes of ``paths`` when all are regular files (no stdin, no directory), else None."""
    if any(raw == "-" or not os.path.isfile(raw) for raw in paths):
        return None
    return [os.path.getsize(raw) for raw in paths]


def _count(meter: Meter, outcome: Outcome) -> None:
    """Count one input's outcome; clear the progress line if a message is coming."""
    meter.update(files=1, articles=outcome.output is not None, fixes=outcome.fixes, done=1)
    if outcome.note or outcome.error:
        meter.clear()


def ordered_map(
    work: Callable[[_Item], _Result], items: Iterable[_Item], jobs: int
) -> Generator[_Result, None, None]:
    """Yield ``work(item)`` for every item in input order, in ``jobs`` processes.

    At most :data:`CHUNKS_PER_JOB` items per worker are in flight, so memory stays flat
    however many items come, and a slow item holds back only the output, not the workers.
    A pool is started only for two items or more; ``work`` and the items must pickle.
    Closing the iterator early ends the workers at once.
    """
    iterator = iter(items)
    head = list(itertools.islice(iterator, 2))
    if jobs == 1 or len(head) < 2:
        yield from map(work, itertools.chain(head, iterator))
        return
    pending: deque[Future[_Result]] = deque()
    with _Workers(jobs) as workers:
        pool = workers.started()
        for item in itertools.chain(head, iterator):
            pending.append(pool.submit(_run_task, work, item))
            if len(pending) >= jobs * CHUNKS_PER_JOB:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def clean_chunk(chunk: _Chunk, options: LineOptions) -> tuple[str, tuple[LineOutcome, ...]]:
    """Clean one chunk of a JSON Lines input in a worker: ``(name, [(number, line)])``."""
    name, lines = chunk
    return name, clean_lines(lines, options)


def _opened(name: str) -> contextlib.AbstractContextManager[BinaryIO]:
    """Open an input for reading bytes; standard input is used, never closed."""
    return contextlib.nullcontext(sys.stdin.buffer) if name == "-" else open_regular_file(name)


def _chunks(name: str, stream: BinaryIO) -> Iterator[_Chunk]:
    """Yield the non-blank lines of ``stream``, numbered from 1, in bounded chunks.

    A read error is raised only after the lines read before it are yielded.
    """
    chunk: list[tuple[int, bytes]] = []
    size = 0
    try:
        for number, raw in enumerate(stream, start=1):
            if is_blank(raw):
                continue
            chunk.append((number, raw))
            size += len(raw)
            if size >= CHUNK_BYTES or len(chunk) >= CHUNK_LINES:
                yield name, chunk
                chunk, size = [], 0
    except OSError:
        if chunk:
            yield name, chunk
        raise
    if chunk:
        yield name, chunk


def _jsonl_error(message: str, args: argparse.Namespace) -> None:
    _say(message)
    if (args.on_error or "skip") == "fail":
        raise _Abort


def run_jsonl(args: argparse.Namespace) -> int:
    """Clean every line of every JSON Lines input in order; see :mod:`newsclean.io.jsonl`."""
    if args.fmt == "json":
        _say(f"{PROG}: error: jsonl input is written as jsonl: use --format text or jsonl")
        return ExitCode.USAGE_OR_INPUT
    try:
        options = LineOptions(args.text_field or "text", _clean_options(args))
    except ValueError as exc:  # options that do not go together
        _say(f"{PROG}: error: {exc}")
        return ExitCode.USAGE_OR_INPUT
    sizes = _file_sizes(args.paths)
    meter = _meter(args, sum(sizes) if sizes else None)
    failed = False

    def chunks() -> Iterator[_Chunk]:
        nonlocal failed
        for name in args.paths:
            try:  # an input that cannot be opened or read is an input error, like a text file
                with _opened(name) as stream:
                    meter.update(files=1)
                    for chunk in _chunks(name, stream):
                        meter.update(done=sum(len(raw) for _, raw in chunk[1]))
                        yield chunk
            except InputError as exc:
                meter.clear()
                failed = True
                _jsonl_error(f"{PROG}: error: {exc}", args)
            except OSError as exc:
                meter.clear()
                failed = True
                shown = STDIN_NAME if name == "-" else name
                _jsonl_error(f"{PROG}: error: {shown}: {exc.strerror or exc}", args)

    work = functools.partial(clean_chunk, options=options)
    results = ordered_map(work, chunks(), args.jobs or _default_jobs())

    def lines() -> Iterator[str]:
        for name, outcomes in results:
            for outcome in outcomes:
                meter.update(articles=outcome.output is not None, fixes=outcome.fixes)
                if outcome.output is not None:
                    yield outcome.output
                    continue
                meter.update(skipped=1)
                meter.clear()
                shown = STDIN_NAME if name == "-" else name
                _jsonl_error(f"{shown}:{outcome.line}: error: {outcome.error}", args)

    try:
        with contextlib.closing(results):  # ends the workers now on an abort or a signal
            written = _emit(args.output, lines())
    except _Abort:
        failed = written = True
    meter.finish()
    return ExitCode.USAGE_OR_INPUT if failed or not written else ExitCode.OK


def _emit(target: str | None, pieces: Iterable[str]) -> bool:
    """Write ``pieces`` to ``target`` (stdout or a file); report an output error, return False."""
    try:
        with _output(target) as write:
            _write_all(pieces, write)
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        shown = target if target not in (None, "-") else "<stdout>"
        _say(f"{PROG}: error: {shown}: {exc.strerror or exc}")
        return False
    return True


# --- check: the linter --------------------------------------------------------------

#: The sidecar a structural fix moves removed blocks into: ``<file>.removed.txt``.
SIDECAR_SUFFIX = ".removed.txt"
#: How ``check`` ends (pre-commit's convention: a hook that changed files fails).
CHECK_EPILOG = (
    "Exit status: 0 clean (with --fix or --diff: nothing to change), 1 findings (with --fix: "
    "files changed; with --diff: would change), 2 usage, config or input error."
)


@dataclass(frozen=True, slots=True)
class CheckTask(Task):
    """A file to lint, with the settings that apply to it; ``walked``: found in a directory."""

    config: Config = field(default_factory=Config)
    walked: bool = False


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What ``check`` does with each file besides reporting: fix, show a diff, unsafe fixes."""

    fix: bool = False
    diff: bool = False
    unsafe: bool = False


@dataclass(frozen=True, slots=True)
class CheckOutcome(Outcome):
    """One file's lint result: the findings, against ``text`` (the fixed text after a fix)."""

    text: str = ""
    findings: tuple[Finding, ...] = ()
    fixed: int = 0
    changed: bool = False
    diff: str = ""


def _write_fixed(name: str, source: SourceText, result: FixResult) -> None:
    """Write the fixed file back and, if structural fixes removed blocks, its sidecar.

    Both go to temp files before either is renamed, and the sidecar is renamed last, so a
    failure before the renames (a full disk) changes nothing and a rerun cannot add the
    blocks twice. Runs fixing the same file take turns on its lock; even without one (a
    file system with no locks) no block doubles: the sidecar is read after the file and
    before the file is checked unchanged, and renamed after the file, so a run that read
    the sidecar after another run's rename finds the file changed and writes nothing.
    """
    like = SourceText(result.text, had_bom=source.had_bom, encoding=source.encoding)
    fixed = Replacement(name, encode_text(result.text, like), was=source.stamp)
    if not result.removed:
        replace_files([fixed])
        return
    path = name + SIDECAR_SUFFIX
    existing = _read_sidecar(path, name)
    text = sidecar_text(result.removed, existing.text if existing else "")
    data = encode_text(text, _sidecar_layout(existing, source))
    if existing is None:  # a new sidecar: the file's mode, owner and group
        sidecar = Replacement(path, data, new=True, like=source.stamp)
    else:
        sidecar = Replacement(path, data, was=existing.stamp)
    replace_files([fixed, sidecar])


def _write_error(name: str, source: SourceText, result: FixResult) -> str | None:
    """Write the fix back; return why it could not be written, if it could not."""
    try:
        _write_fixed(name, source, result)
    except InputError as exc:  # changed meanwhile, hard-linked, a symlinked sidecar...
        return str(exc)
    except (OSError, ValueError) as exc:
        return f"{name}: cannot write: {exc}"
    return None


def _read_sidecar(path: str, name: str) -> SourceText | None:
    """Read the sidecar of ``name``, or None if it has none. A symbolic link (which could
    lead anywhere, as it could lead out of the tree) is refused, never written through."""
    try:
        return read_text_file(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    except NotRegularFileError as exc:
        raise InputError(
            path, f"{exc.kind}, not a regular file; {name} was not fixed, nothing was written"
        ) from None


def _sidecar_layout(existing: SourceText | None, source: SourceText) -> SourceText:
    """The layout the sidecar is written in: an existing one's BOM, encoding and line
    endings (a single style applies to the new blocks too); a new one is UTF-8 without a
    BOM, in the article's line-ending style."""
    if existing is None:
        return SourceText("\n" if source.newline == "mixed" else source.newline)
    ends = "\r\n\n" if existing.newline == "mixed" else existing.newline
    return SourceText(ends, had_bom=existing.had_bom, encoding=existing.encoding)


def _utf8_only(name: str, source: SourceText) -> SourceText:
    """The linter rewrites files in place, so it takes UTF-8 only."""
    if source.encoding != "utf-8":
        problem = (source.note or "not UTF-8").split(";")[0]
        raise DecodeError(name, f"{problem}; convert it to UTF-8 to lint it")
    return source


def _source_of(task: Task, *, lock: bool) -> contextlib.AbstractContextManager[SourceText]:
    """A task's text; with ``lock``, read under the file's lock, held until the block ends."""
    if task.source is not None:
        return contextlib.nullcontext(task.source)
    if lock:
        return locked_text_file(task.name)
    return contextlib.nullcontext(read_text_file(task.name))


def check_one(task: Task, options: CheckOptions) -> Outcome:
    """Lint one input, and fix it or diff it if asked; failures become values.

    With --fix the file stays locked from reading to writing back: runs fixing the same
    file take turns instead of racing.
    """
    try:
        with _source_of(task, lock=options.fix) as source:
            return _check_source(task, _utf8_only(task.name, source), options)
    except (BinaryFileError, DecodeError) as exc:
        if isinstance(task, CheckTask) and task.walked:
            return Outcome(task.name, note=f"skipped: {exc.problem}")
        return Outcome(task.name, error=str(exc))
    except InputError as exc:
        return Outcome(task.name, error=str(exc))
    except OSError as exc:
        return Outcome(task.name, error=f"{task.name}: {exc.strerror or exc}")


def _check_source(task: Task, source: SourceText, options: CheckOptions) -> Outcome:
    """Lint, fix or diff one input's text; write the fix back to its file if asked."""
    config = task.config if isinstance(task, CheckTask) else Config()
    if not (options.fix or options.diff):
        findings = lint_text(source.text, config)
        return CheckOutcome(task.name, note=source.note, text=source.text, findings=findings)
    result = fix_until_clean(source.text, config, unsafe=options.unsafe)
    changed = result.text != source.text
    diff = unified_diff(task.name, source.text, result.text) if options.diff else ""
    output = result.text if options.fix and task.source is not None else None
    if options.fix and changed and task.source is None:
        error = _write_error(task.name, source, result)
        if error is not None:
            return Outcome(task.name, error=error)
    return CheckOutcome(
        task.name,
        output=output,
        note=source.note,
        text=result.text,
        findings=result.remaining,
        fixed=result.fixed,
        changed=changed,
        diff=diff,
    )


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``check``: paths, fixing, selection, output, discovery."""
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="*",
        default=["."],
        help="files, directories (recursed: include patterns, excludes and .gitignore "
        "honoured), or - for stdin (default: .)",
    )
    fixing = parser.add_argument_group("fixing")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    fixing.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply structural fixes: captions, boilerplate and "
        "duplicate headlines move to <file>.removed.txt",
    )
    fixing.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; write nothing"
    )
    rules = parser.add_argument_group("rules and settings")
    rules.add_argument(
        "--select",
        type=_selectors,
        metavar="LIST",
        help="comma-separated codes, prefixes (NC1) or rule names to check (default: all)",
    )
    rules.add_argument(
        "--ignore", type=_selectors, metavar="LIST", help="codes, prefixes or names to skip"
    )
    rules.add_argument(
        "--quotes", choices=QUOTE_STYLES, help="required quote style (default: keep: none)"
    )
    rules.add_argument(
        "--isolated", action="store_true", help="ignore every pyproject.toml [tool.newsclean]"
    )
    paths = parser.add_argument_group("files")
    paths.add_argument(
        "--extend-exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="also exclude paths matching PATTERN (repeatable)",
    )
    paths.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply excludes to files named on the command line too (for pre-commit)",
    )
    paths.add_argument(
        "--stdin-filename", metavar="NAME", help="the name of stdin input, for messages and config"
    )
    add_jobs_argument(paths)
    parser.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        default="concise",
        help="concise (default): path:line:col: CODE message; json; github; sarif",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")


def _selectors(value: str) -> list[str]:
    return [part for part in value.split(",") if part.strip()]


class _Settings:
    """Finds the settings for each path: the nearest pyproject.toml with [tool.newsclean],
    then the command line's overrides; remembers each directory's answer for the run."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.cache: dict[Path, Config] = {}
        self.ignores: dict[Path, tuple[str, ...]] = {}

    def for_dir(self, directory: Path) -> Config:
        directory = directory.resolve()
        if directory not in self.cache:
            found = None if self.args.isolated else self._found(directory)
            self.cache[directory] = with_overrides(
                found or Config(),
                quotes=self.args.quotes,
                select=self.args.select,
                ignore=self.args.ignore,
                extend_exclude=self.args.extend_exclude,
            )
        return self.cache[directory]

    def _found(self, directory: Path) -> Config | None:
        for folder in (directory, *directory.parents):
            candidate = folder / "pyproject.toml"
            if candidate.is_file():
                try:
                    config = config_from_pyproject(candidate.read_text("utf-8"), str(folder))
                except (OSError, UnicodeDecodeError, ValueError) as exc:
                    raise InputError(str(candidate), str(exc)) from None
                if config is not None:
                    return config
        return None

    def gitignored(self, directory: Path) -> tuple[str, ...]:
        """The patterns of ``directory``'s .gitignore (empty when there is none)."""
        if directory not in self.ignores:
            try:
                text = (directory / ".gitignore").read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self.ignores[directory] = gitignore_patterns(text)
        return self.ignores[directory]

    def excluded(self, path: Path, config: Config, top: Path | None = None) -> bool:
        """Whether ``path`` is excluded by the settings (patterns relative to the project
        root, else to ``top``) or by a .gitignore from that directory down to the file's.
        A symlink is judged where it lies, not where it leads (a loop leads nowhere)."""
        path = path.parent.resolve() / path.name
        base = Path(config.root) if config.root else (top or path.parent).resolve()
        relative = relative_to_root(path, base)
        if relative is None:
            return is_excluded(Path(path.name), config)
        if is_excluded(relative, config):
            return True
        parts = relative.parts
        return any(
            matches(Path(*parts[depth:]), self.gitignored(base.joinpath(*parts[:depth])))
            for depth in range(len(parts))
        )


def _walk_suffixes(config: Config) -> tuple[str, ...]:
    """File suffixes a directory walk looks at: the text ones and those of ``*.ext`` includes."""
    extra = (p[1:] for p in config.include if p.startswith("*.") and "*" not in p[1:])
    return tuple(dict.fromkeys((*TEXT_SUFFIXES, *extra)))


def _check_tasks(args: argparse.Namespace, settings: _Settings) -> Iterator[Task | Outcome]:
    """Yield a task per file to lint, in order; bad paths become error values."""
    for raw in args.paths:
        try:
            yield from _tasks_for(raw, args, settings)
        except NoTextFilesError as exc:
            yield Outcome(raw, note=exc.problem)
        except InputError as exc:
            yield Outcome(raw, error=str(exc))
        except OSError as exc:
            yield Outcome(raw, error=f"{exc.filename or raw}: {exc.strerror or exc}")


def _tasks_for(raw: str, args: argparse.Namespace, settings: _Settings) -> Iterator[Task | Outcome]:
    if raw == "-":
        name = args.stdin_filename or "-"
        config = settings.for_dir(Path(name).parent if args.stdin_filename else Path.cwd())
        if args.stdin_filename and args.force_exclude and settings.excluded(Path(name), config):
            return
        yield CheckTask(name, source=read_stdin(), config=config)
        return
    top = Path(raw)
    if not top.is_dir():  # named explicitly: taken as given, through a symlink too
        config = settings.for_dir(top.parent)
        if not (args.force_exclude and top.exists() and settings.excluded(top, config)):
            yield from (CheckTask(str(p), config=config) for p in iter_paths([raw]))
        return
    yield from _walked(top, settings)


def _walked(top: Path, settings: _Settings) -> Iterator[Task | Outcome]:
    """A task per file found under ``top`` that the settings take; a warning per entry the
    walk passed over (a symlink loop, a dangling link) unless the settings exclude it."""
    config = settings.for_dir(top)
    for found in iter_paths([top], suffixes=_walk_suffixes(config)):
        path = found.path if isinstance(found, Skipped) else found
        local = settings.for_dir(path.parent)
        if settings.excluded(path, local, top):
            continue
        if isinstance(found, Skipped):
            yield Outcome(str(path), note=f"skipped: {found.problem}")
            continue
        relative = relative_to_root(path.resolve(), Path(local.root or top).resolve())
        if is_included(relative or Path(path.name), local):
            yield CheckTask(str(path), config=local, walked=True)


def _check_exit(failed: bool, outcomes: Sequence[CheckOutcome], args: argparse.Namespace) -> int:
    if failed:
        return ExitCode.USAGE_OR_INPUT
    if args.fix or args.diff:
        return ExitCode.FINDINGS if any(o.changed for o in outcomes) else ExitCode.OK
    return ExitCode.FINDINGS if any(o.findings for o in outcomes) else ExitCode.OK


def _check_summary(outcomes: Sequence[CheckOutcome], args: argparse.Namespace) -> str:
    findings = [f for o in outcomes for f in o.findings]
    fixed = sum(o.fixed for o in outcomes)
    if args.diff and not args.fix:
        changed = sum(1 for o in outcomes if o.changed)
        files = f"{changed} file{'s' * (changed != 1)}"
        return f"Would fix {fixed} finding{'s' * (fixed != 1)} in {files}."
    return summary(findings, fixed=fixed if args.fix else 0, unsafe=args.unsafe_fixes)


def run_check(args: argparse.Namespace) -> int:
    """Lint (and with --fix, fix) every input; print findings, then a summary on stderr."""
    settings = _Settings(args)
    try:
        settings.for_dir(Path.cwd())  # bad command-line selectors fail before any work
    except (InputError, ValueError) as exc:
        _say(f"{PROG}: error: {exc}")
        return ExitCode.USAGE_OR_INPUT
    options = CheckOptions(args.fix, args.diff, args.unsafe_fixes)
    work = functools.partial(check_one, options=options)
    failures = 0
    outcomes: list[CheckOutcome] = []
    items = _check_tasks(args, settings)
    results = run_tasks(items, CleanOptions(), args.jobs or _default_jobs(), work=work)
    with contextlib.closing(results):  # ends the workers now if writing fails or a signal
        for outcome in results:
            failures += _report(outcome)
            if isinstance(outcome, CheckOutcome):
                outcomes.append(outcome)
                if outcome.diff:
                    sys.stdout.write(outcome.diff)
                if outcome.output is not None:
                    sys.stdout.write(outcome.output)
    reports = [FileReport(o.name, o.text, o.findings) for o in outcomes if o.findings]
    if not args.diff:
        rendered = render_findings(
            args.output_format, reports, unsafe=args.unsafe_fixes, version=__version__
        )
        # With stdin fixed, stdout carries the fixed text: the findings left go to stderr.
        stdin_fixed = any(o.output is not None for o in outcomes)
        (sys.stderr if stdin_fixed else sys.stdout).write(rendered)
    if not args.quiet:
        line = _check_summary(outcomes, args)
        if failures:  # "All clean." alone, after an unreadable file, would mislead
            line += f" {failures} input{'s' * (failures != 1)} could not be checked."
        print(line, file=sys.stderr)
    return _check_exit(bool(failures), outcomes, args)


# --- dispatch -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Command:
    """A command: what it is for, how to add its arguments, and how to run it."""

    summary: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    epilog: str | None = None


#: The commands, by name; ``main`` runs the one named by the first argument, else "clean".
COMMANDS: MappingProxyType[str, Command] = MappingProxyType(
    {
        "clean": Command(
            "turn scraped news text into clean articles", add_clean_arguments, run_clean
        ),
        "check": Command(
            "lint article text files (also: newsclean --check)",
            add_check_arguments,
            run_check,
            CHECK_EPILOG,
        ),
    }
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are escaped: an argument may be a file name."""

    def error(self, message: str) -> NoReturn:
        super().error(escape_for_terminal(message))


def build_parser(command: str = DEFAULT_COMMAND) -> argparse.ArgumentParser:
    """Return the argument parser for ``command``."""
    spec = COMMANDS[command]
    parser = _Parser(
        prog=PROG if command == DEFAULT_COMMAND else f"{PROG} {command}",
        description=f"{PROG}: {spec.summary}.",
        epilog=spec.epilog
        or "Exit status: 0 success, 2 usage or input error (bad option, missing path, "
        "binary or undecodable file).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    spec.add_arguments(parser)
    return parser


def _split_command(argv: Sequence[str]) -> tuple[str, list[str]]:
    """Split off a leading command name; without one the command is "clean"."""
    if argv and argv[0] in COMMANDS:
        return argv[0], list(argv[1:])
    if argv and argv[0] == "--check":  # the linter, as ``newsclean --check PATH...``
        return "check", list(argv[1:])
    return DEFAULT_COMMAND, list(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    command, rest = _split_command(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser(command).parse_args(rest)
    except SystemExit as exc:  # argparse exits for --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE_OR_INPUT
    with _stop_signals_raised() as trap:
        try:
            return COMMANDS[command].run(args)
        except KeyboardInterrupt:
            signum: int = signal.SIGINT
        except Interrupted as exc:
            signum = exc.signum
        except BrokenProcessPool:
            if trap.signum is None:  # not this run's own signal: killed from outside
                _say(f"{PROG}: error: a worker process ended unexpectedly (out of memory?)")
                return ExitCode.USAGE_OR_INPUT
            signum = trap.signum
        except BrokenPipeError:  # stdout closed early (| head): stop quietly, as SIGPIPE would
            _silence_stdout()
            return BROKEN_PIPE_STATUS
    _say(f"{PROG}: interrupted" + ("" if signum == signal.SIGINT else f" by {_name(signum)}"))
    return 128 + signum  # as a shell reports a command a signal ended: 130 for Ctrl-C


def _name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"
