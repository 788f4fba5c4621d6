"""The pipeline's fixes as the linter reports them: in the file's own bytes, one per fault.

The cleaning pipeline writes ``\\n`` line ends and merges touching fixes (``"  \\n\\n\\n  "``
becomes one fix made for trailing space, blank lines and indentation). A finding must point
at the text it is about and its edit must be in the file's own line endings, so
:func:`own_fixes` translates each replacement to the file's line-ending style, trims what
the edit leaves unchanged, and splits a whitespace fix into one edit per run it removes.
Applying the pieces gives what the original fix gives, in the file's own layout.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import regex

from newsclean.chars import LINE_END_RE, lazy_compile
from newsclean.model import Fix, Newline, Span

# One run of a whitespace edit: line ends, or spaces within a line (never across one).
_WHITE_RUN_RE = lazy_compile(
    r"""
      (?: \r\n | [\n\r\v\f\x85\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}] )+  # line ends
    | [^\S\n\r\v\f\x85\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}]+          # spaces, tabs
    """,
    regex.VERBOSE,
)
_LINE_BREAKS = "\n\r\v\f\x85\u2028\u2029"
#: The reason of the fix that turns an unusual space into a plain one.
ODD_SPACE = "odd-space"
# A space other than a plain space or a tab (a no-break space, a thin space).
_ODD_SPACE_RE = lazy_compile(r"[^\S \t\n\r\v\f\x85\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}]")
# White space as the runs above read it; ``str.strip`` would also take U+001C-U+001F
# (separators the pipeline deletes as control characters, not as space).
_BLANK_RE = lazy_compile(r"\s*")


def own_fixes(text: str, fix: Fix, newline: Newline) -> tuple[Fix, ...]:
    """Return ``fix`` as edits of ``text``'s own bytes, narrowed to what they change.

    ``newline`` is the file's style (``"mixed"``: each fix keeps the style of the text
    it replaces, if that has one). A merged whitespace fix splits into one edit per run,
    each with the one reason it was made for; an edit that changes nothing is dropped.

    >>> text = "Title  \\r\\n\\r\\n\\r\\n  Body\\r\\n"
    >>> fix = Fix(Span(5, 15), "\\n\\n", "trailing-space+blank-lines+indent")
    >>> [(f.span.slice(text), f.reason) for f in own_fixes(text, fix, "\\r\\n")]
    [('  ', 'trailing-space'), ('\\r\\n', 'blank-lines'), ('  ', 'indent')]
    """
    old = fix.span.slice(text)
    new = _in_style(fix.replacement, old, newline)
    if _is_blank(old) and _is_blank(new) and "+" in fix.reason:
        pieces = _split(text, fix, new)
        if pieces is not None:
            return pieces
    return _trimmed(text, fix.span, new, fix.reason)


def _is_blank(value: str) -> bool:
    return _BLANK_RE.fullmatch(value) is not None


def _in_style(replacement: str, old: str, newline: Newline) -> str:
    """The replacement with the line ends of the file (or of ``old``, in a mixed file)."""
    style = newline if newline != "mixed" else _single_style(old)
    if style in (None, "\n") or "\n" not in replacement:
        return replacement
    return str(LINE_END_RE.sub(style, replacement))


def _single_style(old: str) -> str | None:
    styles = {m.group() for m in LINE_END_RE.finditer(old)}
    return styles.pop() if len(styles) == 1 else None


def _splits_crlf(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"


def _trimmed(text: str, span: Span, new: str, reason: str) -> tuple[Fix, ...]:
    """The edit without the prefix and suffix it leaves as they are (a CRLF kept whole).

    Only an edit across lines is trimmed: within a line, ``'  '`` for one space reads
    better than a deleted space, and both point at the same line.
    """
    old = span.slice(text)
    if not any(c in _LINE_BREAKS for c in old):
        return (Fix(span, new, reason),) if new != old else ()
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start, end = span.start + head, span.end - tail
    if _splits_crlf(text, start) or _splits_crlf(text, end):
        start, end, head, tail = span.start, span.end, 0, 0
    if start == end and head == len(new) - tail:
        return ()
    return (Fix(Span(start, end), new[head : len(new) - tail], reason),)


def _split(text: str, fix: Fix, new: str) -> tuple[Fix, ...] | None:
    """One edit per changed whitespace run, each with its reason; None if one is unclear."""
    old = fix.span.slice(text)
    reasons = frozenset(fix.reason.split("+"))
    out = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        runs = [(m.start(), m.end(), "") for m in _WHITE_RUN_RE.finditer(old, i1, i2)]
        for a, b, replacement in runs if tag == "delete" else [(i1, i2, new[j1:j2])]:
            span = Span(fix.span.start + a, fix.span.start + b)
            reason = _reason_of(text, span, replacement)
            if ODD_SPACE in reasons and _ODD_SPACE_RE.search(span.slice(text)):
                # a no-break space at a line's end is both faults: both rules may report it
                reason = f"{ODD_SPACE}+{reason}" if reason else ODD_SPACE
            if (
                not frozenset(reason.split("+")) <= reasons
                or _splits_crlf(text, span.start)
                or _splits_crlf(text, span.end)
            ):
                return None
            out.append(Fix(span, replacement, reason))
    return tuple(out)


def _reason_of(text: str, span: Span, replacement: str) -> str:
    """What a whitespace edit fixes, from where it sits in its line."""
    old = span.slice(text)
    if not old:  # an insertion: no run to name, so the fix stays whole
        return ""
    if old[0] in _LINE_BREAKS:
        return "blank-lines" if not replacement else "line-ending"
    if replacement:
        return "tab" if "\t" in old else "space-run"
    if span.end == len(text) or text[span.end] in _LINE_BREAKS:
        return "trailing-space"
    if span.start == 0 or text[span.start - 1] in _LINE_BREAKS:
        return "indent"
    return "space-run"
