"""JSON Lines batches: one article per line, in chunks over the pool; the progress meter."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from newsclean.cli import PROG
from newsclean.cli.pool import ordered_map
from newsclean.cli.task import ExitCode, Outcome, clean_options, default_jobs, emit, say
from newsclean.io.files import STDIN_NAME, InputError, open_regular_file
from newsclean.io.jsonl import (
    ERROR_POLICIES,
    LineOptions,
    LineOutcome,
    clean_lines,
    is_blank,
    not_jsonl_reason,
)
from newsclean.io.progress import Meter, can_draw, is_terminal, plural

#: JSON Lines input is handed to workers in chunks of about this many bytes (or lines).
CHUNK_BYTES = 256 * 1024


CHUNK_LINES = 256


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


def make_meter(args: argparse.Namespace, total: int | None) -> Meter:
    """Return the run's meter: progress and summary on a terminal (progress not in CI or
    on a dumb terminal), summary with -v."""
    terminal = is_terminal(sys.stderr)
    return Meter(
        sys.stderr,
        PROG,
        show_progress=can_draw(sys.stderr, os.environ) and not args.no_progress,
        show_summary=terminal or args.verbose,
        total=total,
    )


def file_sizes(paths: Sequence[str]) -> list[int] | None:
    """Sizes of ``paths`` when all are regular files (no stdin, no directory), else None."""
    if any(raw == "-" or not os.path.isfile(raw) for raw in paths):
        return None
    return [os.path.getsize(raw) for raw in paths]


def count_outcome(meter: Meter, outcome: Outcome) -> None:
    """Count one input's outcome; clear the progress line if a message is coming."""
    meter.update(
        files=1,
        articles=outcome.output is not None,
        fixes=outcome.fixes,
        hidden=outcome.hidden,
        hidden_words=outcome.hidden_words,
        done=1,
    )
    if outcome.note or outcome.error:
        meter.clear()


def clean_chunk(chunk: _Chunk, options: LineOptions) -> tuple[str, tuple[LineOutcome, ...]]:
    """Clean one chunk of a JSON Lines input in a worker: ``(name, [(number, line)])``."""
    name, lines = chunk
    return name, clean_lines(lines, options)


def _opened(name: str) -> contextlib.AbstractContextManager[BinaryIO]:
    """Open an input for reading bytes; standard input is used, never closed."""
    return contextlib.nullcontext(sys.stdin.buffer) if name == "-" else open_regular_file(name)


def _chunks(name: str, stream: BinaryIO) -> Iterator[_Chunk]:
    """Yield the non-blank lines of ``stream``, numbered from 1, in bounded chunks.

    A read error is raised only after the lines read before it are yielded. An input whose
    first line is plainly not JSON Lines raises :class:`InputError` before any is yielded.
    """
    chunk: list[tuple[int, bytes]] = []
    size = 0
    try:
        for number, raw in _numbered_lines(name, stream):
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


def _numbered_lines(name: str, stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Yield the non-blank lines of ``stream`` with their numbers; check the first one."""
    first = True
    for number, raw in enumerate(stream, start=1):
        if is_blank(raw):
            continue
        if first:
            _require_jsonl(name, raw)
            first = False
        yield number, raw


def _require_jsonl(name: str, first: bytes) -> None:
    """Refuse an input, in one message, when its first line shows it is not JSON Lines."""
    reason = not_jsonl_reason(first)
    if reason is not None:
        raise InputError(STDIN_NAME if name == "-" else name, reason)


def _jsonl_error(message: str, args: argparse.Namespace) -> None:
    say(message)
    if (args.on_error or "skip") == "fail":
        raise _Abort


def run_jsonl(args: argparse.Namespace) -> int:
    """Clean every line of every JSON Lines input in order; see :mod:`newsclean.io.jsonl`."""
    if args.fmt == "json":
        say(f"{PROG}: error: jsonl input is written as jsonl: use --format text or jsonl")
        return ExitCode.USAGE_OR_INPUT
    try:
        options = LineOptions(args.text_field or "text", clean_options(args))
    except ValueError as exc:  # options that do not go together
        say(f"{PROG}: error: {exc}")
        return ExitCode.USAGE_OR_INPUT
    sizes = file_sizes(args.paths)
    meter = make_meter(args, sum(sizes) if sizes else None)
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
    results = ordered_map(work, chunks(), args.jobs or default_jobs())

    read: Counter[tuple[str, bool]] = Counter()  # per input: lines that were records (True) or not

    def lines() -> Iterator[str]:
        for name, outcomes in results:
            for outcome in outcomes:
                meter.update(
                    articles=outcome.output is not None,
                    fixes=outcome.fixes,
                    hidden=outcome.hidden,
                    hidden_words=outcome.hidden_words,
                )
                read[name, outcome.output is not None] += 1
                if outcome.output is not None:
                    yield outcome.output
                    continue
                meter.update(skipped=1)
                meter.clear()
                shown = STDIN_NAME if name == "-" else name
                _jsonl_error(f"{shown}:{outcome.line}: error: {outcome.error}", args)

    try:
        with contextlib.closing(results):  # ends the workers now on an abort or a signal
            written = emit(args.output, lines())
    except _Abort:
        failed = written = True
    meter.finish()
    failed = _no_records(read) or failed
    return ExitCode.USAGE_OR_INPUT if failed or not written else ExitCode.OK


def _no_records(read: Counter[tuple[str, bool]]) -> bool:
    """Report each input none of whose lines was a record; return whether there was one."""
    empty = [name for (name, good), _ in read.items() if not good and not read[name, True]]
    for name in empty:
        shown = STDIN_NAME if name == "-" else name
        lines = plural(read[name, False], "line")
        say(f"{PROG}: error: {shown}: none of its {lines} could be read as a record")
    return bool(empty)
