"""``newsclean check``: lint files, and with ``--fix`` write them back safely (sidecar last)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from newsclean import __version__
from newsclean.cli import PROG
from newsclean.cli.pool import run_tasks
from newsclean.cli.settings import Settings, selectors, walk_suffixes
from newsclean.cli.task import (
    HTML_ADVICE,
    ExitCode,
    Outcome,
    Task,
    add_jobs_argument,
    count_inputs,
    default_jobs,
    emit,
    report,
    say,
)
from newsclean.io.explain import settings_text
from newsclean.io.files import (
    BinaryFileError,
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
from newsclean.io.findings import (
    OUTPUT_FORMATS,
    FileReport,
    render_findings,
    render_fixed,
    render_statistics,
    statistics,
    summary,
    unified_diff,
)
from newsclean.io.progress import Meter, can_draw
from newsclean.io.render import escape_for_terminal
from newsclean.lint.config import (
    Config,
    for_file,
    is_included,
    is_markdown_path,
    relative_to_root,
)
from newsclean.lint.run import FixResult, fix_until_clean, lint_text, sidecar_text
from newsclean.model import QUOTE_STYLES, Finding
from newsclean.text.markup import looks_like_html

#: How the note of a file a directory walk passed over begins.
SKIPPED = "skipped: "

#: The sidecar a structural fix moves removed blocks into: ``<file>.removed.txt``.
SIDECAR_SUFFIX = ".removed.txt"


#: How ``check`` ends (pre-commit's convention: a hook that changed files fails).
CHECK_EPILOG = (
    "Exit status (ruff's): 0 no findings left (--fix that fixed everything too: pre-commit "
    "sees the changed file; --exit-zero: always), 1 findings left (--diff: a file would "
    "change; --exit-non-zero-on-fix: --fix changed a file), 2 usage, config or input error. "
    "Settings: --config FILE, else the nearest .newsclean.toml, newsclean.toml or "
    "pyproject.toml [tool.newsclean]. See 'newsclean rule --all' for the rules."
)


@dataclass(frozen=True, slots=True)
class CheckTask(Task):
    """A file to lint, with the settings that apply to it; ``walked``: found in a directory."""

    config: Config = field(default_factory=Config)
    walked: bool = False


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What ``check`` does with each file besides reporting: fix, show a diff, unsafe fixes;
    ``markdown`` reads every file as Markdown (``.md`` files are read so anyway)."""

    fix: bool = False
    diff: bool = False
    unsafe: bool = False
    markdown: bool = False


@dataclass(frozen=True, slots=True)
class CheckOutcome(Outcome):
    """One file's lint result: the findings, against ``text`` (the fixed text after a fix)."""

    text: str = ""
    findings: tuple[Finding, ...] = ()
    fixed: int = 0
    changed: bool = False
    diff: str = ""
    fixed_codes: tuple[str, ...] = ()


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
    except OSError as exc:
        return f"{name}: cannot write: {exc}"
    except ValueError as exc:  # a fix the file's own encoding cannot hold
        return f"{name}: not fixed, nothing written: {exc}"
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
            return _check_source(task, _text_only(task.name, source), options)
    except BinaryFileError as exc:  # not an article: a walk passes it over
        if isinstance(task, CheckTask) and task.walked:
            return Outcome(task.name, note=f"{SKIPPED}{exc.problem}")
        return Outcome(task.name, error=str(exc))
    except InputError as exc:
        return Outcome(task.name, error=str(exc))
    except OSError as exc:
        return Outcome(task.name, error=f"{task.name}: {exc.strerror or exc}")


def _file_config(task: Task, options: CheckOptions) -> Config:
    """The settings for one file: its per-file-ignores, and Markdown mode by its name or
    ``--markdown``. Patterns are relative to the project root, as excludes are."""
    config = task.config if isinstance(task, CheckTask) else Config()
    if config.per_file_ignores and config.root:
        path = Path(task.name)
        relative = relative_to_root(path.parent.resolve() / path.name, Path(config.root))
        config = for_file(config, relative or PurePath(path.name))
    if options.markdown or is_markdown_path(PurePath(task.name)):
        config = replace(config, markdown=True)
    return config


def _check_source(task: Task, source: SourceText, options: CheckOptions) -> Outcome:
    """Lint, fix or diff one input's text; write the fix back to its file if asked."""
    config = _file_config(task, options)
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
        fixed_codes=result.fixed_codes,
    )


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``check``: paths, fixing, selection, output, discovery."""
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="*",
        help="files, directories (recursed: include patterns, excludes and .gitignore "
        "honoured), or - for stdin (default: stdin when data is piped in, else .)",
    )
    _add_fixing_arguments(parser.add_argument_group("fixing"))
    _add_rule_arguments(parser.add_argument_group("rules and settings"))
    _add_file_arguments(parser.add_argument_group("files"))
    output = parser.add_argument_group("output")
    output.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        default="concise",
        help="concise (default): path:line:col: CODE message; full: with the source line "
        "and a caret; grouped: by file; json; json-lines; junit; gitlab (Code Quality); "
        "github (Actions); azure (Pipelines); pylint; sarif",
    )
    output.add_argument(
        "--statistics", action="store_true", help="count the findings per rule instead"
    )
    output.add_argument(
        "-o",
        "--output-file",
        metavar="FILE",
        help="write the findings to FILE (replaced atomically) instead of stdout",
    )
    output.add_argument(
        "-e", "--exit-zero", action="store_true", help="exit 0 even when findings remain"
    )
    output.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no summary line on stderr"
    )
    output.add_argument(
        "-s",
        "--silent",
        action="store_true",
        help="print no findings and no summary (errors still go to stderr); the exit "
        "status still tells",
    )


def _add_fixing_arguments(fixing: argparse._ArgumentGroup) -> None:
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
    fixing.add_argument(
        "--fix-only",
        action="store_true",
        help="apply safe fixes in place, but neither report nor fail on what is left",
    )
    fixing.add_argument(
        "--show-fixes", action="store_true", help="with --fix, list what was fixed, per file"
    )
    fixing.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="with --fix, exit 1 when a file was changed, even if nothing remains",
    )


def _add_rule_arguments(rules: argparse._ArgumentGroup) -> None:
    rules.add_argument(
        "--select",
        type=selectors,
        metavar="LIST",
        help="comma-separated codes, prefixes (NC1) or rule names to check (default: all)",
    )
    rules.add_argument(
        "--extend-select",
        type=selectors,
        metavar="LIST",
        help="codes, prefixes or names to check besides the selection",
    )
    rules.add_argument(
        "--ignore", type=selectors, metavar="LIST", help="codes, prefixes or names to skip"
    )
    rules.add_argument(
        "--quotes", choices=QUOTE_STYLES, help="required quote style (default: keep: none)"
    )
    found = rules.add_mutually_exclusive_group()
    found.add_argument(
        "--config",
        metavar="FILE",
        help="take the settings from FILE (a newsclean.toml, or a pyproject.toml's "
        "[tool.newsclean]) instead of looking for one",
    )
    found.add_argument(
        "--isolated", action="store_true", help="ignore every newsclean.toml and pyproject.toml"
    )
    rules.add_argument(
        "--markdown",
        action="store_true",
        help="read every file as Markdown: code, front matter, HTML, links, indentation and "
        "hard breaks are left alone (.md and .markdown files always are)",
    )
    rules.add_argument(
        "--show-settings",
        action="store_true",
        help="print the settings for the first PATH and where they came from; check nothing",
    )


def _add_file_arguments(paths: argparse._ArgumentGroup) -> None:
    paths.add_argument(
        "--exclude",
        action="append",
        metavar="PATTERN",
        help="exclude paths matching PATTERN instead of the settings' and default excludes "
        "(repeatable)",
    )
    paths.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="skip files .gitignore files exclude (default: yes)",
    )
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
        "--stdin-filename",
        metavar="NAME",
        help="the name of stdin input, for messages and config (reads stdin when no PATH)",
    )
    paths.add_argument(
        "--show-files",
        action="store_true",
        help="list the files that would be checked; check nothing",
    )
    add_jobs_argument(paths)


@dataclass(frozen=True, slots=True)
class Inputs:
    """What to check: the paths, and standard input when it was read to decide that."""

    paths: tuple[str, ...]
    piped: SourceText | None = None


def _stdin_is_piped() -> bool:
    """Whether stdin is a pipe or a file (not a terminal, not /dev/null, not absent)."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # closed, or replaced by a non-file
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def _inputs(args: argparse.Namespace) -> Inputs:
    """The paths given; with none, stdin when --stdin-filename names it or data is piped
    in (as ruff), else the current directory. Piped-in nothing checks the directory: an
    empty pipe (a CI job's stdin) must not pass as a clean article."""
    if args.paths:
        return Inputs(tuple(args.paths))
    if args.stdin_filename:
        return Inputs(("-",))
    if _stdin_is_piped():
        piped = read_stdin()
        if piped.text:
            return Inputs(("-",), piped)
    return Inputs((".",))


def _check_tasks(
    inputs: Inputs, args: argparse.Namespace, settings: Settings
) -> Iterator[Task | Outcome]:
    """Yield a task per file to lint, in order; bad paths become error values."""
    for raw in inputs.paths:
        yield from _path_tasks(raw, args, settings, inputs.piped)


def _path_tasks(
    raw: str, args: argparse.Namespace, settings: Settings, piped: SourceText | None = None
) -> Iterator[Task | Outcome]:
    try:
        yield from _tasks_for(raw, args, settings, piped)
    except NoTextFilesError as exc:
        yield Outcome(raw, note=exc.problem)
    except InputError as exc:
        yield Outcome(raw, error=str(exc))
    except OSError as exc:
        yield Outcome(raw, error=f"{exc.filename or raw}: {exc.strerror or exc}")


def _tasks_for(
    raw: str, args: argparse.Namespace, settings: Settings, piped: SourceText | None = None
) -> Iterator[Task | Outcome]:
    if raw == "-":
        name = args.stdin_filename or "-"
        config = settings.for_dir(Path(name).parent if args.stdin_filename else Path.cwd())
        if args.stdin_filename and args.force_exclude and settings.excluded(Path(name), config):
            return
        yield CheckTask(name, source=piped or read_stdin(), config=config)
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
            yield Outcome(str(path), note=f"{SKIPPED}{found.problem}")
            continue
        relative = relative_to_root(path.resolve(), Path(local.root or top).resolve())
        if is_included(relative or Path(path.name), local):
            yield CheckTask(str(path), config=local, walked=True)


def _check_exit(failed: bool, outcomes: Sequence[CheckOutcome], args: argparse.Namespace) -> int:
    """ruff's exit status: 2 on any error; else 1 when findings remain (--diff: when it
    would change a file; --exit-non-zero-on-fix: also when --fix changed one), unless
    --exit-zero. ``--fix`` that leaves nothing exits 0: pre-commit sees the changed file."""
    if failed:
        return ExitCode.USAGE_OR_INPUT
    if args.exit_zero:
        return ExitCode.OK
    if args.fix_only:  # what is left is not this run's business
        changed = args.exit_non_zero_on_fix and any(o.changed for o in outcomes)
        return ExitCode.FINDINGS if changed else ExitCode.OK
    if args.diff and not args.fix:
        return ExitCode.FINDINGS if any(o.changed for o in outcomes) else ExitCode.OK
    if args.fix and args.exit_non_zero_on_fix and any(o.changed for o in outcomes):
        return ExitCode.FINDINGS
    return ExitCode.FINDINGS if any(o.findings for o in outcomes) else ExitCode.OK


def _check_summary(
    outcomes: Sequence[CheckOutcome], args: argparse.Namespace, failures: int, skipped: int
) -> str:
    findings = [f for o in outcomes for f in o.findings]
    fixed = sum(o.fixed for o in outcomes)
    if args.diff and not args.fix:
        changed = sum(1 for o in outcomes if o.changed)
        files = f"{changed} file{'s' * (changed != 1)}"
        line = f"Would fix {fixed} finding{'s' * (fixed != 1)} in {files}."
        if failures:
            line += f" {failures} input{'s' * (failures != 1)} could not be checked."
        return line
    return summary(
        findings,
        fixed=fixed if args.fix else 0,
        unsafe=args.unsafe_fixes,
        unchecked=failures,
        skipped=skipped,
    )


def _is_skipped(outcome: Outcome) -> bool:
    """Whether a directory walk passed over this file (a binary file, a symlink loop)."""
    return outcome.error is None and (outcome.note or "").startswith(SKIPPED)


def _prepare(args: argparse.Namespace, settings: Settings) -> Inputs:
    """Fail early on bad settings and read what to check; raises InputError or ValueError."""
    settings.for_dir(Path.cwd())  # bad command-line selectors fail before any work
    inputs = _inputs(args)
    first = inputs.paths[0]
    if first != "-":
        settings.for_dir(Path(first) if Path(first).is_dir() else Path(first).parent)
    return inputs


def _check_meter(inputs: Inputs, args: argparse.Namespace, settings: Settings) -> Meter:
    """The progress bar of files checked: on a terminal, outside CI, not with --quiet; the files
    are counted first (a second, cheap walk), so a directory gets a bar too."""
    show = can_draw(sys.stderr, os.environ) and not (args.quiet or args.silent)
    meter = Meter(sys.stderr, f"{PROG} check", show_progress=show, show_summary=False, unit="file")
    if show:
        meter.total = count_inputs(inputs.paths, lambda raw: _path_tasks(raw, args, settings))
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
        inputs = _prepare(args, settings)
    except (InputError, ValueError) as exc:
        say(f"{PROG}: error: {exc}")
        return ExitCode.USAGE_OR_INPUT
    if args.show_settings:
        return _show_settings(inputs, args, settings)
    if args.show_files:
        return _show_files(inputs, args, settings)
    args.fix = args.fix or args.fix_only
    outcomes, failures, skipped = _run(inputs, args, settings)
    written = _write_results(outcomes, args)
    if not (args.quiet or args.silent):
        # "All clean." never follows an input that could not be checked or was skipped
        print(_check_summary(outcomes, args, failures, skipped), file=sys.stderr)
    return _check_exit(bool(failures) or not written, outcomes, args)


def _write_results(outcomes: Sequence[CheckOutcome], args: argparse.Namespace) -> bool:
    """Write the findings (or statistics) and --show-fixes to stdout or --output-file;
    return False if the file could not be written (the error is reported)."""
    shown = not (args.diff or args.silent or args.fix_only)
    pieces = [_rendered(outcomes, args) if shown else ""]
    if args.fix and args.show_fixes and not args.silent:
        pieces.append(render_fixed([(o.name, o.fixed_codes) for o in outcomes]))
    if args.output_file:
        return emit(args.output_file, pieces)
    # With stdin fixed, stdout carries the fixed text: everything else goes to stderr.
    out = sys.stderr if any(o.output is not None for o in outcomes) else sys.stdout
    out.write("".join(pieces))
    return True


def _run(
    inputs: Inputs, args: argparse.Namespace, settings: Settings
) -> tuple[list[CheckOutcome], int, int]:
    """Check every input in the pool, printing notes, errors, diffs and fixed stdin as
    they come; return the outcomes, and how many inputs failed and were skipped."""
    options = CheckOptions(args.fix, args.diff, args.unsafe_fixes, args.markdown)
    work = functools.partial(check_one, options=options)
    failures = skipped = 0
    outcomes: list[CheckOutcome] = []
    meter = _check_meter(inputs, args, settings)
    results = run_tasks(_check_tasks(inputs, args, settings), args.jobs or default_jobs(), work)
    with contextlib.closing(results):  # ends the workers now if writing fails or a signal
        for outcome in results:
            _count_checked(meter, outcome)
            failures += report(outcome)
            skipped += _is_skipped(outcome)
            if isinstance(outcome, CheckOutcome):
                outcomes.append(outcome)
                if outcome.diff:
                    sys.stdout.write(outcome.diff)
                if outcome.output is not None:
                    sys.stdout.write(outcome.output)
    meter.finish()  # the progress line goes before the findings are printed
    return outcomes, failures, skipped


def _rendered(outcomes: Sequence[CheckOutcome], args: argparse.Namespace) -> str:
    """The findings left, in the output format, or counted per rule (--statistics)."""
    if args.statistics:
        found = statistics((f for o in outcomes for f in o.findings), unsafe=args.unsafe_fixes)
        return render_statistics(found, args.output_format)
    reports = [FileReport(o.name, o.text, o.findings) for o in outcomes if o.findings]
    return render_findings(
        args.output_format, reports, unsafe=args.unsafe_fixes, version=__version__
    )


def _show_files(inputs: Inputs, args: argparse.Namespace, settings: Settings) -> int:
    """Print each file a check would read, one a line (errors as usual); read none."""
    failed = False
    for item in _check_tasks(inputs, args, settings):
        if isinstance(item, Outcome):
            failed |= report(item)
        elif item.source is None:
            print(escape_for_terminal(item.name))
    return ExitCode.USAGE_OR_INPUT if failed else ExitCode.OK


def _show_settings(inputs: Inputs, args: argparse.Namespace, settings: Settings) -> int:
    """Print the settings that apply to the first input, and the file they came from."""
    first = inputs.paths[0]
    name = (args.stdin_filename or "-") if first == "-" else first
    directory = Path(name) if Path(name).is_dir() else Path(name).parent
    if first == "-" and not args.stdin_filename:
        directory = Path.cwd()
    print(settings_text(name, settings.for_dir(directory), settings.source(directory)), end="")
    return ExitCode.OK
