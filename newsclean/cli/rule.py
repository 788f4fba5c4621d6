"""``newsclean rule``: explain a lint rule (or ``--all``) from its docstring, as ``ruff rule``."""

from __future__ import annotations

import argparse
import sys

from newsclean.cli import PROG
from newsclean.cli.task import ExitCode, say
from newsclean.io.explain import rule_record, rule_text, rules_json, rules_text
from newsclean.io.render import json_text
from newsclean.lint.registry import ALL_RULES, CODES_BY_NAME, RULES_BY_CODE
from newsclean.lint.rule import Rule


def add_rule_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``rule``: a code or name, or --all; the output format."""
    parser.add_argument(
        "code", nargs="?", metavar="CODE", help="a rule code (NC101) or name (mojibake)"
    )
    parser.add_argument("--all", action="store_true", help="explain every rule")
    parser.add_argument(
        "--output-format",
        choices=("text", "json"),
        default="text",
        help="text (default: Markdown, as ruff rule prints) or json",
    )


def find_rule(value: str) -> Rule | None:
    """The rule a code (any case) or a rule name names, or None.

    >>> find_rule("nc405").name, find_rule("space-run").code, find_rule("NC999")
    ('space-run', 'NC405', None)
    """
    code = CODES_BY_NAME.get(value.strip(), value.strip().upper())
    return RULES_BY_CODE.get(code)


def run_rule(args: argparse.Namespace) -> int:
    """Print one rule's documentation, or every rule's; an unknown code is a usage error."""
    if args.all == (args.code is not None):
        say(f"{PROG} rule: error: give one rule code or name, or --all")
        return ExitCode.USAGE_OR_INPUT
    if args.all:
        json_out = args.output_format == "json"
        sys.stdout.write(rules_json(ALL_RULES) if json_out else rules_text(ALL_RULES))
        return ExitCode.OK
    found = find_rule(args.code)
    if found is None:
        known = ", ".join(r.code for r in ALL_RULES)
        say(f"{PROG} rule: error: unknown rule {args.code!r} (known: {known})")
        return ExitCode.USAGE_OR_INPUT
    if args.output_format == "json":
        sys.stdout.write(json_text(rule_record(found), indent=2) + "\n")
    else:
        sys.stdout.write(rule_text(found))
    return ExitCode.OK
