"""Whitespace and layout rules, NC4xx: spaces, blank lines and line endings.

Two rules read the file's layout themselves: :data:`missing_final_newline` and
:data:`line_endings` (mixed styles are reported once per file, not per line). The rest
report the pipeline's fixes for their reasons, one row of :data:`TABLE` each.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from newsclean.chars import LINE_END_RE
from newsclean.lint.rule import (
    LintSource,
    ReasonRow,
    Rule,
    Yielded,
    in_code_order,
    reason_rules,
    reasons_of,
    rule,
    show,
)
from newsclean.model import Fix, Span

_NEWLINE_NAMES = MappingProxyType({"\r\n": "CRLF", "\n": "LF", "\r": "CR"})


@rule("NC403", "missing-final-newline")
def missing_final_newline(source: LintSource) -> Iterator[Yielded]:
    """The text does not end with a line break."""
    text = source.text
    if text and not text.endswith(("\n", "\r")):
        end = Span(len(text), len(text))
        yield end, "no newline at end of file", (Fix(end, "\n", "final-newline"),)


def _is_layout_only(old: str, newline: str) -> bool:
    """Whether a line-ending fix only rewrites the file's own line endings."""
    return not old.replace(newline, "").strip(" \t\n")


@rule("NC404", "line-endings", reasons=("line-ending",))
def line_endings(source: LintSource) -> Iterator[Yielded]:
    """CRLF, LF or CR line endings mixed in one file, or Unicode line separators."""
    ends = list(LINE_END_RE.finditer(source.text))
    styles = [m.group() for m in ends]
    counts = {style: styles.count(style) for style in dict.fromkeys(styles)}
    fixes = [f for f in source.cleaned.fixes if "line-ending" in reasons_of(f)]
    if len(counts) > 1:
        major = max(counts, key=lambda s: counts[s])
        first = next(m for m in ends if m.group() != major)
        names = ", ".join(f"{n} {_NEWLINE_NAMES[s]}" for s, n in counts.items())
        span = Span(first.start(), first.end())
        yield span, f"mixed line endings ({names}); first odd one here", tuple(fixes)
        return
    newline = styles[0] if styles else "\n"
    for fix in fixes:
        old = fix.span.slice(source.text)
        if not _is_layout_only(old, newline):
            yield fix.span, f"unusual line break in {show(old)}", (fix,)


#: The whitespace rules that report the pipeline's fixes: code, name, the reasons
#: reported, message, summary.
TABLE: tuple[ReasonRow, ...] = (
    ReasonRow(
        "NC401",
        "trailing-whitespace",
        ("trailing-space",),
        "trailing whitespace",
        "Spaces or tabs at the end of a line.",
    ),
    ReasonRow(
        "NC402",
        "blank-lines",
        ("blank-lines",),
        "too many blank lines",
        "More than one blank line in a row, or blank lines opening the text.",
    ),
    ReasonRow(
        "NC405",
        "space-run",
        ("space-run", "tab"),
        "{old} for one space",
        "Several spaces, or a tab, inside a line.",
    ),
    ReasonRow(
        "NC406",
        "indentation",
        ("indent",),
        "indented line",
        "Spaces or tabs at the start of a line.",
    ),
)

RULES: tuple[Rule, ...] = in_code_order(missing_final_newline, line_endings, *reason_rules(TABLE))
