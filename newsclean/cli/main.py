"""The entry point. ``newsclean --version`` answers at once, loading nothing else (a hook
asks it often); every other command line is parsed and run by :mod:`newsclean.cli.commands`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from newsclean import __version__
from newsclean.cli import PROG


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        print(f"{PROG} {__version__}")
        return 0
    from newsclean.cli.commands import run_command_line

    return run_command_line(arguments)
