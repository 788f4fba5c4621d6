"""The commands: pick the command from the first argument, parse its options, run it
inside the signal trap. Commands are looked up in :data:`COMMANDS` ("clean" when the first
argument names none), so a new command adds its arguments and run function there.
"""

from __future__ import annotations

import argparse
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NoReturn

from newsclean import __version__
from newsclean.cli import PROG
from newsclean.cli.clean import add_clean_arguments, run_clean
from newsclean.cli.pool import (
    BROKEN_PIPE_STATUS,
    Interrupted,
    broken_pool_error,
    stop_signals_raised,
)
from newsclean.cli.task import DEFAULT_COMMAND, ExitCode, say, silence_stdout
from newsclean.io.render import escape_for_terminal


def _add_check_arguments(parser: argparse.ArgumentParser) -> None:
    # The linter's modules are imported only when its command runs: ``newsclean --version``
    # and ``--help`` load neither the linter nor the labelling stack.
    from newsclean.cli.check import CHECK_EPILOG, add_check_arguments

    parser.epilog = CHECK_EPILOG
    add_check_arguments(parser)


def _run_check(args: argparse.Namespace) -> int:
    from newsclean.cli.check import run_check

    return run_check(args)


def _add_rule_arguments(parser: argparse.ArgumentParser) -> None:
    # As for check: the rule registry loads only when the command runs.
    from newsclean.cli.rule import add_rule_arguments

    add_rule_arguments(parser)


def _run_rule(args: argparse.Namespace) -> int:
    from newsclean.cli.rule import run_rule

    return run_rule(args)


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
            _add_check_arguments,
            _run_check,
        ),
        "rule": Command(
            "explain a lint rule: what it finds, why, an example, its fix",
            _add_rule_arguments,
            _run_rule,
            "Exit status: 0 success, 2 unknown rule or usage error.",
        ),
    }
)

#: The end of ``newsclean --help``: the exit status, and the other commands, by name.
CLEAN_EPILOG = (
    "Exit status: 0 success, 2 usage or input error (bad option, missing path, "
    "binary or undecodable file). Other commands: "
    + "; ".join(
        f"'{PROG} {name}': {spec.summary}"
        for name, spec in COMMANDS.items()
        if name != DEFAULT_COMMAND
    )
    + f". Run '{PROG} check --help' for the linter's options."
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
        epilog=spec.epilog or CLEAN_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    spec.add_arguments(parser)
    return parser


def _split_command(argv: Sequence[str]) -> tuple[str, list[str]]:
    """Split off a leading command name; without one the command is "clean"."""
    if argv and argv[0] in COMMANDS:
        return argv[0], list(argv[1:])
    options = list(argv[: argv.index("--")] if "--" in argv else argv)
    if "--check" in options:  # the linter, as ``newsclean --check PATH`` or ``PATH --check``
        rest = list(argv)
        rest.remove("--check")
        return "check", rest
    return DEFAULT_COMMAND, list(argv)


def run_command_line(argv: Sequence[str]) -> int:
    """Run the command line ``argv`` (without the program name); return the exit status."""
    command, rest = _split_command(argv)
    try:
        args = build_parser(command).parse_args(rest)
    except SystemExit as exc:  # argparse exits for --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE_OR_INPUT
    with stop_signals_raised() as trap:
        try:
            return COMMANDS[command].run(args)
        except KeyboardInterrupt:
            signum: int = signal.SIGINT
        except Interrupted as exc:
            signum = exc.signum
        except broken_pool_error():  # a worker killed
            if trap.signum is None:  # not this run's own signal: killed from outside
                say(f"{PROG}: error: a worker process ended unexpectedly (out of memory?)")
                return ExitCode.USAGE_OR_INPUT
            signum = trap.signum
        except BrokenPipeError:  # stdout closed early (| head): stop quietly, as SIGPIPE would
            silence_stdout()
            return BROKEN_PIPE_STATUS
    by = "" if signum == signal.SIGINT else f" by {signal.Signals(signum).name}"
    say(f"{PROG}: interrupted{by}")
    return 128 + signum  # as a shell reports a command a signal ended: 130 for Ctrl-C
