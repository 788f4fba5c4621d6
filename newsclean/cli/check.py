"""``newsclean check``: lint files, and with ``--fix`` write them back safely (sidecar last)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsclean import __version__
from newsclean.cli.pool import run_tasks
from newsclean.cli.settings import Settings, selectors, walk_suffixes
from newsclean.cli.task import (
    HTML_ADVICE,
    PROG,
    ExitCode,
    Outcome,
    Task,
    add_jobs_argument,
    count_inputs,
    default_jobs,
    report,
    say,
)
from newsclean.io.files import (
    BinaryFileError,
    DecodeError,
    InputError,
    NoTextFilesError,
    NotRegularFileError,
    Replacement,
    Skipped,
    SourceText,
    encode_text,
    iter_paths,
    locked_text_file,
    read_stdin,
    read_text_file,
    replace_files,
)
from newsclean.io.findings import OUTPUT_FORMATS, FileReport, render_findings, summary, unified_diff
from newsclean.io.progress import Meter, can_draw
from newsclean.lint.config import Config, is_included, relative_to_root
from newsclean.lint.run import FixResult, fix_until_clean, lint_text, sidecar_text
from newsclean.model import QUOTE_STYLES, Finding
from newsclean.text.markup import looks_like_html

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


def _text_only(name: str, source: SourceText) -> SourceText:
    """The linter reads extracted article text; a web page is refused, not linted."""
    if looks_like_html(source.text):
        raise InputError(name, f"{HTML_ADVICE}, then check the text")
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
            return _check_source(
                task, _text_only(task.name, _utf8_only(task.name, source)), options
            )
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
        type=selectors,
        metavar="LIST",
        help="comma-separated codes, prefixes (NC1) or rule names to check (default: all)",
    )
    rules.add_argument(
        "--ignore", type=selectors, metavar="LIST", help="codes, prefixes or names to skip"
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
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no summary line on stderr"
    )


def _check_tasks(args: argparse.Namespace, settings: Settings) -> Iterator[Task | Outcome]:
    """Yield a task per file to lint, in order; bad paths become error values."""
    for raw in args.paths:
        yield from _path_tasks(raw, args, settings)


def _path_tasks(raw: str, args: argparse.Namespace, settings: Settings) -> Iterator[Task | Outcome]:
    try:
        yield from _tasks_for(raw, args, settings)
    except NoTextFilesError as exc:
        yield Outcome(raw, note=exc.problem)
    except InputError as exc:
        yield Outcome(raw, error=str(exc))
    except OSError as exc:
        yield Outcome(raw, error=f"{exc.filename or raw}: {exc.strerror or exc}")


def _tasks_for(raw: str, args: argparse.Namespace, settings: Settings) -> Iterator[Task | Outcome]:
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


def _walked(top: Path, settings: Settings) -> Iterator[Task | Outcome]:
    """A task per file found under ``top`` that the settings take; a warning per entry the
    walk passed over (a symlink loop, a dangling link) unless the settings exclude it."""
    config = settings.for_dir(top)
    for found in iter_paths([top], suffixes=walk_suffixes(config)):
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


def _check_meter(args: argparse.Namespace, settings: Settings) -> Meter:
    """The progress bar of files checked: on a terminal, outside CI, not with --quiet; the files
    are counted first (a second, cheap walk), so a directory gets a bar too."""
    show = can_draw(sys.stderr, os.environ) and not args.quiet
    meter = Meter(sys.stderr, f"{PROG} check", show_progress=show, show_summary=False, unit="file")
    if show:
        meter.total = count_inputs(args.paths, lambda raw: _path_tasks(raw, args, settings))
    return meter


def _count_checked(meter: Meter, outcome: Outcome) -> None:
    """Count one file; erase the progress line if a message, a diff or text follows."""
    meter.update(files=1, done=1)
    writes = isinstance(outcome, CheckOutcome) and (outcome.diff or outcome.output is not None)
    if outcome.note or outcome.error or writes:
        meter.clear()


def run_check(args: argparse.Namespace) -> int:
    """Lint (and with --fix, fix) every input; print findings, then a summary on stderr."""
    settings = Settings(args)
    try:
        settings.for_dir(Path.cwd())  # bad command-line selectors fail before any work
    except (InputError, ValueError) as exc:
        say(f"{PROG}: error: {exc}")
        return ExitCode.USAGE_OR_INPUT
    options = CheckOptions(args.fix, args.diff, args.unsafe_fixes)
    work = functools.partial(check_one, options=options)
    failures = 0
    outcomes: list[CheckOutcome] = []
    meter = _check_meter(args, settings)
    items = _check_tasks(args, settings)
    results = run_tasks(items, args.jobs or default_jobs(), work)
    with contextlib.closing(results):  # ends the workers now if writing fails or a signal
        for outcome in results:
            _count_checked(meter, outcome)
            failures += report(outcome)
            if isinstance(outcome, CheckOutcome):
                outcomes.append(outcome)
                if outcome.diff:
                    sys.stdout.write(outcome.diff)
                if outcome.output is not None:
                    sys.stdout.write(outcome.output)
    meter.finish()  # the progress line goes before the findings are printed
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
