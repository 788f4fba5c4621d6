"""The command line: parse options, feed files through ``parse_article``, print the results.

A thin shell: the reading rules live in :mod:`newsclean.files`, the output formats in
:mod:`newsclean.render`, the text logic in the library. Commands are looked up in
:data:`COMMANDS` by the first argument ("clean" when it names none), so a new command
adds its arguments and its run function there without touching the rest.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import functools
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from newsclean import __version__
from newsclean.article import parse_article
from newsclean.files import (
    STDIN_NAME,
    InputError,
    SourceText,
    atomic_output,
    iter_paths,
    read_stdin,
    read_text_file,
)
from newsclean.model import QUOTE_STYLES, QuoteStyle
from newsclean.render import FORMATS, KEEPABLE, Format, frame_outputs, parse_keep, render

PROG = "newsclean"
DEFAULT_COMMAND = "clean"
#: Inputs handed to the worker pool at a time, per worker: bounds memory in the file count.
WINDOW_PER_JOB = 16


class ExitCode(enum.IntEnum):
    """What the exit status means (1 is reserved for the linter: findings or files changed)."""

    OK = 0
    FINDINGS = 1
    USAGE_OR_INPUT = 2
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """How each input is cleaned and rendered; the same for every input of a run."""

    quotes: QuoteStyle = "straight"
    fmt: Format = "text"
    keep: frozenset[str] = frozenset()
    only_body: bool = False


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
    return Outcome(task.name, output=output, note=source.note)


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
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: the number of CPUs); output stays in input order",
    )


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
            yield from (Task(str(path)) for path in iter_paths([raw]))
        except InputError as exc:
            yield Outcome(raw, error=str(exc))
        except OSError as exc:
            yield Outcome(raw, error=f"{exc.filename or raw}: {exc.strerror or exc}")


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


def run_tasks(
    items: Iterable[Task | Outcome], options: CleanOptions, jobs: int
) -> Iterator[Outcome]:
    """Yield an outcome per item in input order, using ``jobs`` processes when it pays.

    Inputs go to the pool a bounded window at a time, so memory stays flat however many
    files there are; a pool is started only once a window holds two tasks or more.
    """
    work = functools.partial(clean_one, options=options)
    pool: Executor | None = None
    try:
        for window in _windows(items, jobs * WINDOW_PER_JOB):
            todo = [item for item in window if isinstance(item, Task)]
            if pool is None and jobs > 1 and len(todo) > 1:
                pool = ProcessPoolExecutor(max_workers=jobs)
            chunksize = max(1, len(todo) // (jobs * 4))
            done = iter(pool.map(work, todo, chunksize=chunksize) if pool else map(work, todo))
            yield from (next(done) if isinstance(item, Task) else item for item in window)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _report(outcome: Outcome) -> bool:
    """Print an outcome's note or error on stderr; return whether it failed."""
    if outcome.note:
        name = STDIN_NAME if outcome.name == "-" else outcome.name
        print(f"{PROG}: warning: {name}: {outcome.note}", file=sys.stderr)
    if outcome.error:
        print(f"{PROG}: error: {outcome.error}", file=sys.stderr)
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


def run_clean(args: argparse.Namespace) -> int:
    """Clean every input and print them in order; exit 2 if any input was bad."""
    if args.fmt != "text" and (args.keep or args.only):
        print(f"{PROG}: error: --keep and --only apply to --format text only", file=sys.stderr)
        return ExitCode.USAGE_OR_INPUT
    options = CleanOptions(args.quotes, args.fmt, args.keep, args.only == "body")
    many = len(args.paths) > 1 or Path(args.paths[0]).is_dir()
    failed = False

    def successes() -> Iterator[tuple[str, str]]:
        nonlocal failed
        for outcome in run_tasks(_tasks(args.paths), options, args.jobs or _default_jobs()):
            failed = _report(outcome) or failed
            if outcome.output is not None:
                yield outcome.name, outcome.output

    try:
        with _output(args.output) as write:
            _write_all(frame_outputs(options.fmt, successes(), many=many), write)
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        target = args.output if args.output not in (None, "-") else "<stdout>"
        print(f"{PROG}: error: {target}: {exc.strerror or exc}", file=sys.stderr)
        return ExitCode.USAGE_OR_INPUT
    return ExitCode.USAGE_OR_INPUT if failed else ExitCode.OK


# --- dispatch -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Command:
    """A command: what it is for, how to add its arguments, and how to run it."""

    summary: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


#: The commands, by name; ``main`` runs the one named by the first argument, else "clean".
COMMANDS: MappingProxyType[str, Command] = MappingProxyType(
    {
        "clean": Command(
            "turn scraped news text into clean articles", add_clean_arguments, run_clean
        ),
    }
)


def build_parser(command: str = DEFAULT_COMMAND) -> argparse.ArgumentParser:
    """Return the argument parser for ``command``."""
    spec = COMMANDS[command]
    parser = argparse.ArgumentParser(
        prog=PROG if command == DEFAULT_COMMAND else f"{PROG} {command}",
        description=f"{PROG}: {spec.summary}.",
        epilog="Exit status: 0 success, 2 usage or input error (bad option, missing path, "
        "binary or undecodable file).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    spec.add_arguments(parser)
    return parser


def _split_command(argv: Sequence[str]) -> tuple[str, list[str]]:
    """Split off a leading command name; without one the command is "clean"."""
    if argv and argv[0] in COMMANDS:
        return argv[0], list(argv[1:])
    return DEFAULT_COMMAND, list(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    command, rest = _split_command(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser(command).parse_args(rest)
    except SystemExit as exc:  # argparse exits for --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE_OR_INPUT
    try:
        return COMMANDS[command].run(args)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
