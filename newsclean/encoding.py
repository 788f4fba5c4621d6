"""Encoding repair: mojibake through ftfy, then what ftfy leaves behind.

ftfy, configured by :data:`FTFY_CONFIG`, repairs mojibake line by line. Compiled patterns
handle the rest: HTML entities (ftfy refuses them in text holding a ``<``), controls,
invisibles, ligatures, odd spaces. Every change is a :class:`Fix` with an exact span.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from html.entities import html5
from types import MappingProxyType

import ftfy
import regex
from ftfy.badness import is_bad
from ftfy.chardata import LIGATURES
from ftfy.fixes import remove_terminal_escapes

from newsclean.chars import (
    C0_BREAK_CLASS,
    C0_REMOVED_CLASS,
    C0_SEPARATOR_CLASS,
    C1_CLASS,
    ESCAPE,
    FORMAT_CONTROL_CLASS,
    FTFY_INERT_CLASS,
    HTML_ENTITY,
    LIGATURE_CLASS,
    ODD_SPACE_CLASS,
    SOFT_HYPHEN_CLASS,
    ZERO_WIDTH_CLASS,
    members,
)
from newsclean.model import Cleaned, Fix, Span, compose_fixes, rewrite_at

#: How ftfy is run. Changed from ftfy's defaults, and why:
#: ``unescape_html`` off - entities are decoded here, also in text that holds a ``<``;
#: ``fix_character_width`` off - fullwidth CJK punctuation (，（）) is legitimate text;
#: ``uncurl_quotes`` off - quotes.py chooses the quote style;
#: ``fix_line_breaks`` off - whitespace.py reports line endings;
#: ``fix_latin_ligatures`` and ``remove_control_chars`` off - done here with ftfy's own
#: table and character list, by patterns that give each change its own span and reason
#: and skip the per-line ``str.translate`` that costs ftfy a quarter of its time.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_latin_ligatures=False,
    remove_control_chars=False,
    explain=False,
)

#: Rounds of re-cleaning allowed when a removal may have joined characters into new work.
_MAX_ROUNDS = 3

#: What ftfy is never shown: entities, controls, invisibles and ligatures, which would hide
#: mojibake from it (a zero-width space inside "Ã©", a "ﬁ" beside it).
BEFORE_FTFY_RE = regex.compile(
    rf"""
      (?P<entity> {HTML_ENTITY} )                                 # &amp; &#39; &eacute;
    | (?P<control> [{C0_REMOVED_CLASS}{FORMAT_CONTROL_CLASS}]+ )  # NUL, BEL, DEL...
    | (?P<linebreak> [{C0_BREAK_CLASS}] )                         # vertical tab, form feed
    | (?P<separator> [{C0_SEPARATOR_CLASS}] )                     # separators FS..US
    | (?P<zerowidth> [{ZERO_WIDTH_CLASS}]+ )                      # ZWSP, word joiner, BOM
    | (?P<ligature> [{LIGATURE_CLASS}] )                          # ﬁ ﬂ ĳ
    """,
    regex.VERBOSE,
)

#: What is left after ftfy: the spaces it keeps (a no-break space is its mojibake evidence),
#: controls with no Windows-1252 meaning, stray escapes, and what its repairs produced.
AFTER_FTFY_RE = regex.compile(
    rf"""
      (?P<oddspace> [{ODD_SPACE_CLASS}]+ )                       # no-break, thin spaces...
    | (?P<control> [{C1_CLASS}{FORMAT_CONTROL_CLASS}{ESCAPE}]+ ) # unmapped C1, stray ESC
    | (?P<zerowidth> [{ZERO_WIDTH_CLASS}]+ )                     # ZWSP decoded from "â€‹"
    | (?P<softhyphen> [{SOFT_HYPHEN_CLASS}]+ )                   # "Ã" and it are "í" to ftfy
    | (?P<ligature> [{LIGATURE_CLASS}] )                         # "ﬁ" decoded from "ï¬\x81"
    """,
    regex.VERBOSE,
)

# The stdlib ``re`` finds a character class about eight times faster than ``regex``, so
# each pass first finds where its pattern can start with one of these, then matches there:
# that keeps clean text at C speed (a benchmark holds us to 1.3x ``ftfy.fix_text``).
BEFORE_FTFY_START_RE = re.compile(
    f"[&{C0_REMOVED_CLASS}{FORMAT_CONTROL_CLASS}{C0_BREAK_CLASS}{C0_SEPARATOR_CLASS}"
    f"{ZERO_WIDTH_CLASS}{LIGATURE_CLASS}]"
)
AFTER_FTFY_START_RE = re.compile(
    f"[{ODD_SPACE_CLASS}{C1_CLASS}{FORMAT_CONTROL_CLASS}{ESCAPE}"
    f"{ZERO_WIDTH_CLASS}{SOFT_HYPHEN_CLASS}{LIGATURE_CLASS}]"
)

#: A character ftfy might act on: anything but ASCII (ESC aside) and inert punctuation.
FTFY_SUSPECT_RE = re.compile(
    rf"[^\N{{NULL}}-\N{{SUBSTITUTE}}\N{{FS}}-\N{{DELETE}}{FTFY_INERT_CLASS}]"
)

#: Runs that mojibake repair leaves alone (group ``anchor``), and runs it may rewrite.
ASCII_RUN_RE = regex.compile(
    r"""
      (?P<anchor> [\N{NULL}-\N{DELETE}]+ )   # ASCII
    | [^\N{NULL}-\N{DELETE}]+                # anything else
    """,
    regex.VERBOSE,
)

#: Runs of spaces (group ``anchor``), and the words between them.
SPACE_RUN_RE = regex.compile(
    r"""
      (?P<anchor> \N{SPACE}+ )   # spaces
    | [^\N{SPACE}]+             # words
    """,
    regex.VERBOSE,
)

#: One HTML entity alone (to test whether a decoded text could form a new one).
HTML_ENTITY_RE = regex.compile(HTML_ENTITY, regex.VERBOSE)


def _decoded_table() -> dict[int, str | None]:
    """Map what a decoded entity may hold to its final form: "&nbsp;" a space, "&shy;" none."""
    table: dict[int, str | None] = {}
    for piece, final in (
        (C0_REMOVED_CLASS, None),
        (FORMAT_CONTROL_CLASS, None),
        (C0_BREAK_CLASS, "\n"),
        (C0_SEPARATOR_CLASS, " "),
        (ZERO_WIDTH_CLASS, None),
        (SOFT_HYPHEN_CLASS, None),
        (ODD_SPACE_CLASS, " "),
    ):
        table |= dict.fromkeys(map(ord, members(piece)), final)
    return table | dict(LIGATURES)


_DECODED_TABLE = MappingProxyType(_decoded_table())
_EVIDENCE = "\N{NO-BREAK SPACE}\N{SOFT HYPHEN}"
_DECODED_TABLE_KEEPING_EVIDENCE = MappingProxyType(
    {code: final for code, final in _DECODED_TABLE.items() if chr(code) not in _EVIDENCE}
)

_Replace = Callable[["regex.Match[str]"], tuple[str, str]]


def _pattern_pass(
    starts: re.Pattern[str], pattern: regex.Pattern[str], text: str, replace: _Replace
) -> Cleaned:
    """Match ``pattern`` where ``starts`` finds a start; ``replace`` gives (new text, reason)."""
    return rewrite_at(text, (m.start() for m in starts.finditer(text)), pattern, replace)


def decode_entity(entity: str) -> str:
    """Decode one well-formed HTML entity, with any escaped ``&`` layers, to a fixpoint.

    An unknown name keeps its entity form, with the ``&amp;`` layers undone.

    >>> decode_entity("&amp;amp;eacute;"), decode_entity("&#x2019;"), decode_entity("&amp;bogus;")
    ('é', '’', '&bogus;')
    >>> decode_entity("&#150;"), decode_entity("&#0;")  # as browsers do
    ('–', '�')
    """
    match = HTML_ENTITY_RE.fullmatch(entity)
    if match is None:
        return entity
    body = match["body"]
    if body.startswith("#") or f"{body};" in html5:
        return html.unescape(f"&{body};")
    return f"&{body};"


def _before_ftfy(match: regex.Match[str]) -> tuple[str, str]:
    kind = match.lastgroup
    if kind == "entity":
        decoded = decode_entity(match[0])
        start = match.start()
        # After a non-ASCII letter, a decoded no-break space or soft hyphen may be mojibake
        # evidence ("Ã&nbsp;" is "à"): ftfy sees it first, the fixes after ftfy finish it.
        after_ascii = not start or match.string[start - 1].isascii()
        table = _DECODED_TABLE if after_ascii else _DECODED_TABLE_KEEPING_EVIDENCE
        return decoded.translate(table), "html-entity"
    if kind == "linebreak":
        return "\n", "control-char"
    if kind == "separator":
        return " ", "control-char"
    return _after_ftfy(match)


def _after_ftfy(match: regex.Match[str]) -> tuple[str, str]:
    kind = match.lastgroup
    if kind == "oddspace":
        return " " * len(match[0]), "odd-space"
    if kind == "ligature":
        return match[0].translate(LIGATURES), "ligature"
    if kind == "softhyphen":
        return "", "soft-hyphen"
    return "", "control-char" if kind == "control" else "zero-width"


def _entities_settled(step: Cleaned) -> bool:
    """Whether no removal or decoded entity can have formed a new entity with its neighbours."""
    return not step.fixes or HTML_ENTITY_RE.search(step.text) is None


def _hidden_before(text: str) -> Cleaned:
    """Decode entities and drop controls and invisibles, until no new entity forms."""
    result = _pattern_pass(BEFORE_FTFY_START_RE, BEFORE_FTFY_RE, text, _before_ftfy)
    step = result
    for _ in range(_MAX_ROUNDS):
        if _entities_settled(step):
            break
        step = _pattern_pass(BEFORE_FTFY_START_RE, BEFORE_FTFY_RE, result.text, _before_ftfy)
        result = compose_fixes(text, result, step)
    return result


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search on slice equality: C speed on long lines
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, min(len(a), len(b)) - limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _ftfy_reason(old: str, new: str) -> str:
    """Name what ftfy did to ``old`` to get ``new``: mojibake unless a lesser fix explains it."""
    if unicodedata.normalize("NFC", old) == new:
        return "nfc"
    if unicodedata.normalize("NFC", remove_terminal_escapes(old)) == new:
        return "terminal-escape"
    return "mojibake"


def _aligned(old: str, new: str, runs: regex.Pattern[str]) -> list[tuple[int, str, str]] | None:
    """Pair the runs of ``old`` and ``new`` if their anchor runs (group ``anchor``) agree."""
    old_runs = list(runs.finditer(old))
    new_runs = list(runs.finditer(new))
    if len(old_runs) != len(new_runs):
        return None
    pairs = []
    for a, b in zip(old_runs, new_runs, strict=True):
        if (a["anchor"] is None) != (b["anchor"] is None) or (a["anchor"] and a[0] != b[0]):
            return None
        if a[0] != b[0]:
            pairs.append((a.start(), a[0], b[0]))
    return pairs


def _diff_fixes(old: str, new: str, offset: int) -> list[Fix]:
    """Turn one changed line into fixes: the differing middle, split where it agrees.

    Mojibake repair rewrites only non-ASCII runs, and ligatures only words, so when the
    ASCII runs (or else the spaces) match one to one each rewritten run is its own fix;
    otherwise the whole middle is one fix.
    """
    start = _common_prefix(old, new)
    tail = _common_suffix(old, new, start)
    old_mid, new_mid = old[start : len(old) - tail], new[start : len(new) - tail]
    offset += start
    pairs = _aligned(old_mid, new_mid, ASCII_RUN_RE) or _aligned(old_mid, new_mid, SPACE_RUN_RE)
    if not pairs:
        pairs = [(0, old_mid, new_mid)]
    return [
        Fix(Span(offset + pos, offset + pos + len(a)), b, _ftfy_reason(a, b)) for pos, a, b in pairs
    ]


def _ftfy_lines(text: str) -> Cleaned:
    """Run ftfy on each line that can hold mojibake, reporting each line's changes.

    Only the lines holding a suspect character are cut out of the text: a copy of every
    line, kept until the lines are joined again, would take as much memory as the text
    twice. A line is one of ftfy's own segments, its line break included.
    """
    fixes: list[Fix] = []
    parts: list[str] = []
    done = 0
    # ftfy changes nothing on ASCII and inert punctuation with this configuration; the
    # suspect class, one character, holds nothing else but ESCAPE.
    match = FTFY_SUSPECT_RE.search(text)
    while match is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start()) + 1 or len(text)
        segment = text[start:end]
        fixed = ftfy.fix_text(segment, FTFY_CONFIG)
        if fixed != segment:
            fixes += _diff_fixes(segment, fixed, start)
            parts += (text[done:start], fixed)
            done = end
        match = FTFY_SUSPECT_RE.search(text, end)
    if not fixes:
        return Cleaned(text)
    parts.append(text[done:])
    return Cleaned("".join(parts), tuple(fixes))


def _clean_once(text: str) -> tuple[Cleaned, bool]:
    """One round of every repair; also whether a removal may have joined new work."""
    result = _hidden_before(text)
    repaired = _ftfy_lines(result.text)
    result = compose_fixes(text, result, repaired)
    after = _pattern_pass(AFTER_FTFY_START_RE, AFTER_FTFY_RE, repaired.text, _after_ftfy)
    return compose_fixes(text, result, after), _settled(after)


def _settled(after: Cleaned) -> bool:
    """Whether the fixes made after ftfy leave every line they touched finished.

    A space replacing a no-break space matters only to ftfy's mojibake decoder (its
    ``restore_byte_a0`` reads spaces as U+00A0), which runs only on lines ftfy's own
    ``is_bad`` flags; a removal may also join a letter to a combining mark, or a new
    entity. Only lines showing one of those need another round.
    """
    text = after.text
    checked = set()
    delta = 0
    for fix in after.fixes:
        start = fix.span.start + delta
        delta += len(fix.replacement) - (fix.span.end - fix.span.start)
        line_start = text.rfind("\n", 0, start) + 1
        if line_start in checked:
            continue
        checked.add(line_start)
        line = text[line_start : text.find("\n", start) + 1 or len(text)]
        if is_bad(line) or not unicodedata.is_normalized("NFC", line):
            return False
        if HTML_ENTITY_RE.search(line):
            return False
    return True


def clean_encoding(text: str) -> Cleaned:
    """Repair mojibake, entities, controls, invisibles and odd spaces; report each as a Fix.

    Reasons: ``mojibake``, ``nfc``, ``terminal-escape`` (from ftfy), ``html-entity``,
    ``control-char``, ``zero-width``, ``soft-hyphen``, ``ligature``, ``odd-space``.
    Zero-width joiners and non-joiners are kept: Persian, Indic scripts and emoji need
    them. Line separators are left to :mod:`newsclean.whitespace`.

    >>> cleaned = clean_encoding("Caf\\u00c3\\u00a9 &amp; bar\\u00a0 ")
    >>> cleaned.text
    'Café & bar  '
    >>> [fix.reason for fix in cleaned.fixes]
    ['mojibake', 'html-entity', 'odd-space']
    """
    result, settled = _clean_once(text)
    for _ in range(_MAX_ROUNDS):
        if settled:
            break
        again, settled = _clean_once(result.text)
        if not again.fixes:
            break
        result = compose_fixes(text, result, again)
    return result


def fix_encoding(text: str) -> str:
    """Repair mojibake, entities, controls, invisibles and odd spaces.

    >>> fix_encoding("don\\u00e2\\u20ac\\u2122t panic&#33;")
    'don’t panic!'
    """
    return clean_encoding(text).text
