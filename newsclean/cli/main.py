"""The entry point. ``newsclean --version`` answers at once, loading nothing else (a hook
asks it often); every other command line is parsed and run by :mod:`newsclean.cli.commands`.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

from newsclean import __version__
from newsclean.cli import PROG

#: The packages newsclean needs at run time (pyproject.toml's dependencies).
DEPENDENCIES = ("regex", "ftfy")


def missing_dependencies() -> list[str]:
    """The run-time packages this Python cannot import (found, not imported: cheap).

    >>> missing_dependencies()
    []
    """
    return [name for name in DEPENDENCIES if importlib.util.find_spec(name) is None]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        print(f"{PROG} {__version__}")
        return 0
    missing = missing_dependencies()
    if missing:  # the labelling stack loads late, mid-run: say it once, before any output
        print(
            f"{PROG}: error: {', '.join(missing)} not installed for {sys.executable}; "
            "install newsclean with its dependencies (pip install -e .) or run the Python "
            "it was installed into",
            file=sys.stderr,
        )
        return 2
    from newsclean.cli.commands import run_command_line

    return run_command_line(arguments)
