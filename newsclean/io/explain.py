"""What the linter says about itself: a rule's documentation for ``newsclean rule`` (text
or JSON) and for the README's rules table, and the settings ``--show-settings`` prints.

Everything comes from the rules' docstrings (:class:`~newsclean.lint.rule.RuleDoc`) and the
:class:`~newsclean.lint.config.Config` value; nothing is written twice. No I/O here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsclean.io.render import escape_for_terminal, json_text
from newsclean.lint.config import Config
from newsclean.lint.rule import Rule
from newsclean.lint.run import enabled_rules

#: How each kind of fix is described: ``newsclean rule`` and the README's fix column.
FIX_TEXT = {
    "safe": "Fix is safe: `newsclean check --fix` applies it (characters only).",
    "unsafe": "Fix is unsafe: only `--fix --unsafe-fixes` applies it (it moves text to the "
    "sidecar `<file>.removed.txt`).",
    "none": "No fix: the finding needs a person.",
}
#: The README's fix column.
FIX_CELL = {"safe": "safe", "unsafe": "unsafe", "none": "—"}


def rule_record(rule: Rule) -> dict[str, Any]:
    """One rule as a JSON-ready record (the shape of ``newsclean rule --output-format json``).

    >>> from newsclean.lint.registry import RULES_BY_CODE
    >>> rule_record(RULES_BY_CODE["NC405"])["fix"]
    'safe'
    """
    doc = rule.doc
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "summary": doc.summary,
        "explanation": doc.details,
        "why": doc.why,
        "bad": doc.bad,
        "good": doc.good,
        "fix": rule.fix_kind,
    }


def rule_text(rule: Rule) -> str:
    """One rule as Markdown, as ``ruff rule`` prints one: name, fix, what, why, example.

    >>> from newsclean.lint.registry import RULES_BY_CODE
    >>> print(rule_text(RULES_BY_CODE["NC405"]).splitlines()[0])
    # space-run (NC405)
    """
    doc = rule.doc
    parts = [
        f"# {rule.name} ({rule.code})",
        f"Family: {rule.family}. {FIX_TEXT[rule.fix_kind]}",
        f"## What it finds\n\n{doc.summary}",
        *([doc.details] if doc.details else []),
        f"## Why it matters\n\n{doc.why[:1].upper()}{doc.why[1:]}",
        f"## Example\n\nBad: {doc.bad}\n\nGood: {doc.good}",
    ]
    return "\n\n".join(parts) + "\n"


def rules_text(rules: Iterable[Rule]) -> str:
    """Every rule's text, one after another (``newsclean rule --all``).

    >>> rules_text([])
    ''
    """
    return "\n".join(rule_text(rule) for rule in rules)


def rules_json(rules: Iterable[Rule]) -> str:
    """Every rule's record as a JSON array.

    >>> rules_json([])
    '[]\\n'
    """
    return json_text([rule_record(rule) for rule in rules], indent=2) + "\n"


def _cell(summary: str) -> str:
    """A summary as a table cell: no final full stop, lower case unless an acronym starts it."""
    first = summary.split(" ", 1)[0].rstrip(",")
    text = summary.removesuffix(".")
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def readme_row(rule: Rule) -> str:
    """The rule's row of the README's rules table: code, name, fix, what it finds, example.

    >>> from newsclean.lint.registry import RULES_BY_CODE
    >>> readme_row(RULES_BY_CODE["NC405"])
    '| NC405 | space-run | safe | several spaces, or a tab, inside a line | `a   b` → `a b` |'
    """
    doc = rule.doc
    cells = (rule.code, rule.name, FIX_CELL[rule.fix_kind], _cell(doc.summary))
    return f"| {' | '.join(cells)} | {doc.bad} → {doc.good} |"


def _toml_value(value: object) -> str:
    """A setting's value as TOML writes it: a list, an inline table, a string, a number.

    >>> _toml_value({"*.md": ("NC4",)})
    '{ "*.md" = ["NC4"] }'
    """
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{json_text(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return f"{{ {pairs} }}" if pairs else "{}"
    if isinstance(value, (tuple, list, frozenset)):
        return f"[{', '.join(_toml_value(v) for v in value)}]"
    if isinstance(value, (str, int, float, bool)):
        return json_text(value)
    return json_text(str(value))


def settings_text(name: str, config: Config, source: Path | None) -> str:
    """The settings that apply to ``name``, TOML-shaped, after where they came from.

    >>> print(settings_text("a.txt", Config(), None).splitlines()[1])
    Settings file: none (the defaults)
    """
    lines = [
        f"Resolved settings for: {escape_for_terminal(name)}",
        "Settings file: " + (escape_for_terminal(str(source)) if source else "none (the defaults)"),
        "",
    ]
    for field in dataclasses.fields(config):
        value = getattr(config, field.name)
        if value is None:  # TOML has no null: say it is unset
            lines.append(f"# {field.name.replace('_', '-')}: not set")
            continue
        shown = _toml_value(value)
        lines.append(f"{field.name.replace('_', '-')} = {shown}")
    lines.append(f"# rules enabled: {' '.join(r.code for r in enabled_rules(config))}")
    return "\n".join(lines) + "\n"
