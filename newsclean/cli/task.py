"""What the commands share: the task and outcome values that pass through the pool, exit
codes, and how messages and output reach stderr, stdout or an ``-o`` file.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from newsclean.cli import PROG
from newsclean.io.files import STDIN_NAME, SourceText, atomic_output
from newsclean.io.render import CleanOptions, escape_for_terminal

#: What a run says of an input that is a web page rather than text extracted from one.
HTML_ADVICE = "looks like HTML; run an extractor (e.g. trafilatura) first"


DEFAULT_COMMAND = "clean"


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
    """The result for one input: the rendered output, or an error message, plus a note;
    the fixes made and the blocks (and their words) the output hides."""

    name: str
    output: str | None = None
    error: str | None = None
    note: str | None = None
    fixes: int = 0
    hidden: int = 0  # blocks text output left out as captions or boilerplate
    hidden_words: int = 0


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


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


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def join_notes(*notes: str | None) -> str | None:
    """Join an input's warnings into one note (``; ``-separated), or None if there are none.

    >>> join_notes("decoded as cp1252", None, "looks like HTML")
    'decoded as cp1252; looks like HTML'
    """
    shown = [note for note in notes if note]
    return "; ".join(shown) if shown else None


def count_inputs(paths: Iterable[str], items_for: Callable[[str], Iterable[object]]) -> int:
    """Count the items a run over ``paths`` will have, for the progress bar's total.

    ``items_for(path)`` yields a path's items (files found, notes, errors) without reading
    them; a directory walk is cheap next to the work on each file. Standard input (``-``)
    counts as one and is not touched: it can be read only once, later.

    >>> count_inputs(["a.txt", "-", "news"], lambda path: [path] * len(path))
    10
    """
    return sum(1 if path == "-" else sum(1 for _ in items_for(path)) for path in paths)


def say(message: str) -> None:
    """Print one message on stderr, escaped (a file name in it cannot start a line of its
    own); stderr may be gone (a hung-up terminal, a closed pipe)."""
    with contextlib.suppress(OSError):
        print(escape_for_terminal(message), file=sys.stderr)


def report(outcome: Outcome) -> bool:
    """Print an outcome's note or error on stderr; return whether it failed."""
    if outcome.note:
        name = STDIN_NAME if outcome.name == "-" else outcome.name
        say(f"{PROG}: warning: {name}: {outcome.note}")
    if outcome.error:
        say(f"{PROG}: error: {outcome.error}")
    return outcome.error is not None


def write_all(pieces: Iterable[str], write: Callable[[str], object]) -> None:
    for piece in pieces:
        write(piece)


@contextlib.contextmanager
def output_to(target: str | None) -> Iterator[Callable[[str], object]]:
    """Yield the write function for ``target``: stdout, or a file replaced atomically."""
    if target is None or target == "-":
        yield sys.stdout.write
        sys.stdout.flush()
        return
    with atomic_output(target) as stream:
        yield lambda piece: stream.write(piece.encode("utf-8"))


def silence_stdout() -> None:
    """Point stdout at the null device so the exit-time flush to a closed pipe is quiet."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def emit(target: str | None, pieces: Iterable[str]) -> bool:
    """Write ``pieces`` to ``target`` (stdout or a file); report an output error, return False."""
    try:
        with output_to(target) as write:
            write_all(pieces, write)
    except BrokenPipeError:
        silence_stdout()
    except OSError as exc:
        shown = target if target not in (None, "-") else "<stdout>"
        say(f"{PROG}: error: {shown}: {exc.strerror or exc}")
        return False
    return True


def clean_options(args: argparse.Namespace) -> CleanOptions:
    return CleanOptions(
        args.quotes, args.fmt, args.keep, args.only == "body", args.source, args.labeller
    )
