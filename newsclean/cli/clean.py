"""``newsclean [clean]``: read each input, parse it, print the article (text, JSON, JSONL)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from newsclean.cli import PROG
from newsclean.cli.batch import (
    add_batch_arguments,
    count_outcome,
    make_meter,
    run_jsonl,
)
from newsclean.cli.pool import run_tasks
from newsclean.cli.task import (
    HTML_ADVICE,
    ExitCode,
    Outcome,
    Task,
    add_jobs_argument,
    clean_options,
    count_inputs,
    default_jobs,
    emit,
    join_notes,
    report,
)
from newsclean.io.files import (
    STDIN_NAME,
    InputError,
    Skipped,
    iter_paths,
    read_stdin,
    read_text_file,
)
from newsclean.io.render import (
    FORMATS,
    KEEPABLE,
    CleanOptions,
    frame_outputs,
    hidden_blocks,
    parse_keep,
    render,
)
from newsclean.model import (
    DEFAULT_LABELLER,
    LABELLERS,
    QUOTE_STYLES,
    SOURCES,
    Article,
    Labeller,
    QuoteStyle,
    Source,
)


def parse_article(
    text: str,
    *,
    quotes: QuoteStyle = "straight",
    source: Source | Literal["auto"] = "auto",
    labeller: Labeller = DEFAULT_LABELLER,
) -> Article:
    """:func:`newsclean.article.parse_article`, imported on first use, so that the command
    line's ``--help`` and ``--version`` do not load the labelling stack."""
    from newsclean.article import parse_article as parse

    return parse(text, quotes=quotes, source=source, labeller=labeller)


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
    article = parse_article(
        source.text, quotes=options.quotes, source=options.source, labeller=options.labeller
    )
    from newsclean.text.markup import looks_like_html  # here: --help and --version stay light

    note = join_notes(source.note, HTML_ADVICE if looks_like_html(source.text) else None)
    fixes = len(article.fixes)
    hidden = hidden_blocks(article, keep=options.keep) if options.fmt == "text" else ()
    words = sum(len(block.text.split()) for block in hidden)
    # Rendering makes one more copy of the text: first free what the output does not show
    # (the input, the fixed text, and the fixes unless the format lists them).
    del source
    article = replace(article, text="", fixes=() if options.fmt == "text" else article.fixes)
    output = render(options.fmt, task.name, article, keep=options.keep, only_body=options.only_body)
    return Outcome(
        task.name, output=output, note=note, fixes=fixes, hidden=len(hidden), hidden_words=words
    )


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
    add_jobs_argument(parser)


def add_clean_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of the default command, ``clean``."""
    add_input_arguments(parser)
    parser.add_argument(
        "--input",
        dest="source",
        choices=SOURCES,
        default="auto",
        help="what made the text: auto (default: an extractor's one paragraph per line is "
        "told from an article), article, extractor (HTML extractor output: recall first), or "
        "page (a page's whole visible text, menus and all)",
    )
    parser.add_argument(
        "--labeller",
        choices=LABELLERS,
        default=DEFAULT_LABELLER,
        help="who labels the blocks: learned (default: weighs the rules' signals with words, "
        "shape and neighbours, better on unseen sites), or rules (the rules alone: about 2x "
        "faster, each label names its rule)",
    )
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
    options = clean_options(args)
    many = len(args.paths) > 1 or Path(args.paths[0]).is_dir()
    failed = False
    meter = make_meter(args, None)
    if meter.show_progress:  # count first, so that a directory gets a bar too
        meter.total = count_inputs(args.paths, lambda path: _tasks([path]))

    work = functools.partial(clean_one, options=options)
    outcomes = run_tasks(_tasks(args.paths), args.jobs or default_jobs(), work)

    def successes() -> Iterator[tuple[str, str]]:
        nonlocal failed
        for outcome in outcomes:
            count_outcome(meter, outcome)
            failed = report(outcome) or failed
            if outcome.output is not None:
                yield outcome.name, outcome.output

    with contextlib.closing(outcomes):  # ends the workers now if the output fails or a signal
        written = emit(args.output, frame_outputs(options.fmt, successes(), many=many))
    if not written:
        return ExitCode.USAGE_OR_INPUT
    meter.finish()
    return ExitCode.USAGE_OR_INPUT if failed else ExitCode.OK
