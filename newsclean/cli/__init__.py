"""The command line: ``newsclean`` (clean), ``newsclean check`` (lint), and their batch runs.
The entry point is :func:`newsclean.cli.main.main`."""

#: The program's name, as messages and ``--version`` show it.
PROG = "newsclean"
