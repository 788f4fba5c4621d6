"""Whitespace and layout rules, NC4xx: spaces, blank lines and line endings.

Two rules read the file's layout themselves: :data:`missing_final_newline` and
:data:`line_endings` (mixed styles are reported once per file, not per line). The rest
report the pipeline's fixes for their reasons, one row of :data:`TABLE` each.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from types import MappingProxyType

from newsclean.chars import LINE_END_RE
from newsclean.lint.edits import own_fixes
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
    """The text does not end with a line break.

    Why: tools that read line by line drop or merge the last line, and every edit to it
    shows in a diff as a change to two lines.

    Bad: `…end.`

    Good: `…end.\\n`
    """
    text = source.text
    # a last line of spaces after a line break is trailing whitespace (NC401): without it,
    # the text ends with its line break
    if text and not text.rstrip(" \t").endswith(("\n", "\r")):
        end = Span(len(text), len(text))
        fixes = own_fixes(text, Fix(end, "\n", "final-newline"), source.newline)
        yield end, "no newline at end of file", fixes  # the break in the file's own style


def _is_layout_only(old: str, newline: str) -> bool:
    """Whether a line-ending fix only rewrites the file's own line endings."""
    return not old.replace(newline, "").strip(" \t\n")


def _break_names(old: str) -> str:
    """Name the unusual line-break characters in ``old``: ``LINE SEPARATOR (U+2028)``."""
    odd = dict.fromkeys(c for c in old if c not in " \t\r\n")
    names = [f"{unicodedata.name(c, 'control character')} (U+{ord(c):04X})" for c in odd]
    return ", ".join(names) or show(old)


@rule("NC404", "line-endings", reasons=("line-ending",))
def line_endings(source: LintSource) -> Iterator[Yielded]:
    """CRLF, LF or CR mixed in one file, or Unicode line separators.

    Mixed endings are reported once, at the first line ending in the less used style.

    Why: tools split such a file into lines differently, and a line or paragraph separator
    looks like a line break but is not one to most of them.

    Bad: CRLF and LF mixed

    Good: the file's main style
    """
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
    for merged in fixes:  # as the other whitespace rules: edits of the file's own bytes
        for fix in own_fixes(source.text, merged, source.newline):
            old = fix.span.slice(source.text)
            if "line-ending" in reasons_of(fix) and not _is_layout_only(old, newline):
                yield fix.span, f"{_break_names(old)} used as a line break", (fix,)


#: The whitespace rules that report the pipeline's fixes: code, name, the reasons
#: reported, message, docstring.
TABLE: tuple[ReasonRow, ...] = (
    ReasonRow(
        "NC401",
        "trailing-whitespace",
        ("trailing-space",),
        "trailing whitespace",
        """Spaces or tabs at the end of a line.

        Why: trailing whitespace is invisible, differs between copies of one article and makes
        diffs noisy.

        Bad: `end.  `

        Good: `end.`
        """,
    ),
    ReasonRow(
        "NC402",
        "blank-lines",
        ("blank-lines",),
        "too many blank lines",
        """More than one blank line in a row, or blank lines opening the text.

        Why: one blank line separates paragraphs; more carry no meaning and make copies of one
        article differ.

        Bad: three blank lines

        Good: one
        """,
    ),
    ReasonRow(
        "NC405",
        "space-run",
        ("space-run", "tab"),
        "{old} for one space",
        """Several spaces, or a tab, inside a line.

        Why: runs of spaces are layout left over from the page, not text; they stop phrases
        matching.

        Bad: `a   b`

        Good: `a b`
        """,
    ),
    ReasonRow(
        "NC406",
        "indentation",
        ("indent",),
        "indented line",
        """Spaces or tabs at the start of a line.

        Why: indentation in a plain-text article is the page's layout, not the writer's; it
        hides paragraph breaks from tools.

        Bad: `  text`

        Good: `text`
        """,
    ),
)

RULES: tuple[Rule, ...] = in_code_order(missing_final_newline, line_endings, *reason_rules(TABLE))
