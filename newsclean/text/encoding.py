"""Encoding repair: mojibake through ftfy, then what ftfy leaves behind.

ftfy, configured by :data:`FTFY_CONFIG`, repairs mojibake line by line. Compiled patterns
handle the rest: HTML entities (ftfy refuses them in text holding a ``<``), controls,
invisibles, ligatures, odd spaces. Every change is a :class:`Fix` with an exact span.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from html.entities import html5
from types import MappingProxyType

import ftfy
import regex
from ftfy.badness import is_bad
from ftfy.chardata import LIGATURES
from ftfy.fixes import remove_terminal_escapes

from newsclean.arguments import require_text
from newsclean.chars import (
    C0_BREAK_CLASS,
    C0_REMOVED_CLASS,
    C0_SEPARATOR_CLASS,
    C1_CLASS,
    ESCAPE,
    FORMAT_CONTROL_CLASS,
    FTFY_INERT_CLASS,
    HTML_ENTITY,
    LINE_END_RE,
    ODD_SPACE_CLASS,
    SOFT_HYPHEN_CLASS,
    ZERO_WIDTH_CLASS,
    lazy_compile,
    lazy_compile_re,
    members,
)
from newsclean.model import Cleaned, Fix, Span, apply_fixes, compose_fixes, map_back, rewrite_at

#: Latin ligatures that split words for search (ﬁ, ﬂ, ĳ...): the keys of ftfy's own table.
#: Here, not in chars.py, so that importing chars (the command line does) loads no ftfy.
LIGATURE_CLASS = "".join(sorted(map(chr, LIGATURES)))

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

#: Rounds of entity decoding allowed when a decoded entity has formed a new one.
_MAX_ROUNDS = 3

#: What is decoded before ftfy sees the text: entities (``&Atilde;&copy;`` is mojibake too)
#: and, between ASCII neighbours, the controls that stand for a space. Nothing is removed
#: before ftfy: a removal joins its neighbours, and ftfy would read a pair the input never
#: held ("Â" + word joiner + "”" becomes "Â”", which it decodes to a control, losing the
#: "Â"). The rest waits for the fixes after ftfy: a space after "Ã" reads as the no-break
#: byte of "à", and a line break (vertical tab, form feed) would cut a line whose mojibake
#: ftfy judges as a whole into lines it judges alone.
BEFORE_FTFY_RE = lazy_compile(
    rf"""
      (?P<entity> {HTML_ENTITY} )                                 # &amp; &#39; &eacute;
    | (?P<separator> [{C0_SEPARATOR_CLASS}] )                     # separators FS..US
    """,
    regex.VERBOSE,
)

#: What is changed after ftfy: the spaces it keeps (a no-break space is its mojibake
#: evidence), controls, invisibles, stray escapes and ligatures. Each change is kept only
#: where it gives encoding repair nothing new to do (see :func:`keep_repair_stable`).
AFTER_FTFY_RE = lazy_compile(
    rf"""
      (?P<oddspace> [{ODD_SPACE_CLASS}]+ )                       # no-break, thin spaces...
    | (?P<control> [{C0_REMOVED_CLASS}{C1_CLASS}{FORMAT_CONTROL_CLASS}{ESCAPE}]+ )  # NUL, C1...
    | (?P<zerowidth> [{ZERO_WIDTH_CLASS}]+ )                     # ZWSP, word joiner, BOM
    | (?P<softhyphen> [{SOFT_HYPHEN_CLASS}]+ )                   # "Ã" and it are "í" to ftfy
    | (?P<ligature> [{LIGATURE_CLASS}] )                         # ﬁ ﬂ ĳ
    | (?P<linebreak> [{C0_BREAK_CLASS}] )                         # vertical tab, form feed
    | (?P<separator> [{C0_SEPARATOR_CLASS}] )                     # FS..US beside non-ASCII
    """,
    regex.VERBOSE,
)

# The stdlib ``re`` finds a character class about eight times faster than ``regex``, so
# each pass first finds where its pattern can start with one of these, then matches there:
# that keeps clean text at C speed (a benchmark holds us to 1.3x ``ftfy.fix_text``).
BEFORE_FTFY_START_RE = lazy_compile_re(f"[&{C0_SEPARATOR_CLASS}]")
AFTER_FTFY_START_RE = lazy_compile_re(
    f"[{ODD_SPACE_CLASS}{C0_REMOVED_CLASS}{C1_CLASS}{FORMAT_CONTROL_CLASS}{ESCAPE}"
    f"{ZERO_WIDTH_CLASS}{SOFT_HYPHEN_CLASS}{LIGATURE_CLASS}{C0_BREAK_CLASS}{C0_SEPARATOR_CLASS}]"
)

#: A character ftfy might act on: anything but ASCII (ESC aside) and inert punctuation.
FTFY_SUSPECT_RE = lazy_compile_re(
    rf"[^\N{{NULL}}-\N{{SUBSTITUTE}}\N{{FS}}-\N{{DELETE}}{FTFY_INERT_CLASS}]"
)

#: Runs that mojibake repair leaves alone (group ``anchor``), and runs it may rewrite.
ASCII_RUN_RE = lazy_compile(
    r"""
      (?P<anchor> [\N{NULL}-\N{DELETE}]+ )   # ASCII
    | [^\N{NULL}-\N{DELETE}]+                # anything else
    """,
    regex.VERBOSE,
)

#: Runs of spaces (group ``anchor``), and the words between them.
SPACE_RUN_RE = lazy_compile(
    r"""
      (?P<anchor> \N{SPACE}+ )   # spaces
    | [^\N{SPACE}]+             # words
    """,
    regex.VERBOSE,
)


#: One HTML entity alone (to test whether a decoded text could form a new one).
HTML_ENTITY_RE = lazy_compile(HTML_ENTITY, regex.VERBOSE)


@functools.cache
def _decoded_table() -> MappingProxyType[int, str | None]:
    """Map what a decoded entity may hold to its final form: "&nbsp;" a space, "&shy;" none
    (a line break, "&#12;", waits for the fixes after ftfy: see :data:`BEFORE_FTFY_RE`).

    Built on first use (it scans the whole Basic Multilingual Plane), not at import.
    """
    table: dict[int, str | None] = {}
    for piece, final in (
        (C0_REMOVED_CLASS, None),
        (FORMAT_CONTROL_CLASS, None),
        (C0_SEPARATOR_CLASS, " "),
        (ZERO_WIDTH_CLASS, None),
        (SOFT_HYPHEN_CLASS, None),
        (ODD_SPACE_CLASS, " "),
    ):
        table |= dict.fromkeys(map(ord, members(piece)), final)
    return MappingProxyType(table | dict(LIGATURES))


@functools.cache
def _ascii_stand_ins() -> MappingProxyType[int, str]:
    """What the ASCII stand-ins become after ftfy: a form feed a line break, a separator a
    space."""
    return MappingProxyType(
        dict.fromkeys(map(ord, members(C0_BREAK_CLASS)), "\n")
        | dict.fromkeys(map(ord, members(C0_SEPARATOR_CLASS)), " ")
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
    # Only between ASCII neighbours can dropping or replacing a character join no mojibake
    # pair; elsewhere what it stands for is left to the fixes after ftfy. A neighbour that
    # may end or start another entity ("&#150;&nbsp;") is not known to stay ASCII.
    safe = _between_ascii(match.string, *match.span())
    if kind == "entity":
        decoded = decode_entity(match[0])
        return decoded.translate(_decoded_table()) if safe else decoded, "html-entity"
    return " " if safe else match[0], "control-char"


def _between_ascii(text: str, start: int, end: int) -> bool:
    before = not start or (text[start - 1].isascii() and text[start - 1] != ";")
    return before and (end == len(text) or (text[end].isascii() and text[end] != "&"))


def _after_ftfy(match: regex.Match[str]) -> tuple[str, str]:
    kind = match.lastgroup
    if kind == "oddspace":
        return " " * len(match[0]), "odd-space"
    if kind == "ligature":
        return match[0].translate(LIGATURES), "ligature"
    if kind == "softhyphen":
        return "", "soft-hyphen"
    if kind in ("linebreak", "separator"):
        return match[0].translate(_ascii_stand_ins()), "control-char"
    return "", "control-char" if kind == "control" else "zero-width"


def _entities_settled(step: Cleaned) -> bool:
    """Whether no removal or decoded entity can have formed a new entity with its neighbours."""
    return not step.fixes or HTML_ENTITY_RE.search(step.text) is None


def _hidden_before(text: str) -> Cleaned:
    """Decode entities and stand-in controls, until no new entity forms."""
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
        start, end = _segment(text, match.start())
        segment = text[start:end]
        fixed, found = _ftfy_segment(segment)
        if found:
            fixes += (Fix(f.span.shift(start), f.replacement, f.reason) for f in found)
            parts += (text[done:start], fixed)
            done = end
        match = FTFY_SUSPECT_RE.search(text, end)
    if not fixes:
        return Cleaned(text)
    parts.append(text[done:])
    return Cleaned("".join(parts), tuple(fixes))


def _ftfy_segment(segment: str) -> tuple[str, list[Fix]]:
    """ftfy's repair of one segment, and its fixes, less any that would join an entity."""
    fixed = ftfy.fix_text(segment, FTFY_CONFIG)
    if fixed == segment:
        return segment, []
    fixes = _diff_fixes(segment, fixed, 0)
    if "&" in fixed and _entity_spans(fixed):
        fixes = _joining_no_entity(segment, fixes)
        fixed = apply_fixes(segment, fixes)
    return fixed, fixes


def _entity_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds an HTML entity that would be decoded."""
    return [m.span() for m in HTML_ENTITY_RE.finditer(text) if decode_entity(m[0]) != m[0]]


def _joining_no_entity(segment: str, fixes: list[Fix]) -> list[Fix]:
    """The ``fixes`` of ``segment`` that join no HTML entity with their neighbours.

    Entities are decoded before ftfy runs, so one in its output is new: a removed terminal
    escape joined "&" to "mp;", which the next run would decode, deleting two letters.
    The escape stays for :func:`clean_invisibles`, which removes its ESC alone.
    """
    kept = list(fixes)
    for _ in range(_MAX_ROUNDS):
        entities = _entity_spans(apply_fixes(segment, kept))
        joining = {
            fix
            for fix, (start, end) in zip(kept, _new_spans(kept), strict=True)
            if any(a <= end and start <= b for a, b in entities)
        }
        if not joining:
            return kept
        kept = [fix for fix in kept if fix not in joining]
    return []


def _new_spans(fixes: Sequence[Fix]) -> Iterator[tuple[int, int]]:
    """Where each of the sorted ``fixes`` lies in the fixed text."""
    delta = 0
    for fix in fixes:
        start = fix.span.start + delta
        yield start, start + len(fix.replacement)
        delta += len(fix.replacement) - (fix.span.end - fix.span.start)


def _segment(text: str, pos: int) -> tuple[int, int]:
    """The line around ``pos`` with its line end: one of ftfy's segments.

    ftfy's own segments end at a line feed; an old Mac line end (a lone CR) ends one too,
    or a CR-only text would be one segment, all of it run through ftfy (#13).
    """
    start = _line_start(text, pos)
    end = LINE_END_RE.search(text, pos)
    return start, len(text) if end is None else end.end()


def is_repairable(text: str) -> bool:
    """Return whether encoding repair would change characters of ``text``.

    That is: ftfy would decode mojibake or join surrogates, an HTML entity would be decoded,
    or a character is not in NFC. (Invisibles and odd spaces, which repair drops or
    replaces one by one, do not count.) ftfy acts only on what its ``is_bad`` flags, so
    clean text costs one pattern search.

    >>> is_repairable("IRMÃ\u201d."), is_repairable('IRMÃ".'), is_repairable("a &amp; b")
    (True, False, True)
    """
    if "&" in text and any(decode_entity(m[0]) != m[0] for m in HTML_ENTITY_RE.finditer(text)):
        return True
    if text.isascii():
        return False
    if not unicodedata.is_normalized("NFC", text):
        return True
    if not FTFY_SUSPECT_RE.search(text):
        return False  # ASCII and inert punctuation: nothing for ftfy to read as mojibake
    if not (is_bad(text) or _SURROGATE_RE.search(text)):
        return False
    return ftfy.fix_text(text, FTFY_CONFIG) != text


# A surrogate code point: ftfy joins a pair of them into one character.
_SURROGATE_RE = lazy_compile_re("[\ud800-\udfff]")


def _line_region(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole lines of ``text`` that ``[start, end)`` touches, without the last line end."""
    stop = LINE_END_RE.search(text, end)
    return _line_start(text, start), len(text) if stop is None else stop.start()


def _line_start(text: str, pos: int) -> int:
    """Where the line holding ``pos`` starts, after an LF, a CR or nothing.

    The CR is looked for only after the last LF: a search for one that is not there
    would scan back to the start of the text for every line.
    """
    lf = text.rfind("\n", 0, pos)
    return max(lf, text.rfind("\r", lf + 1, pos)) + 1


def _regions(text: str, fixes: Sequence[Fix]) -> Iterator[tuple[int, int, list[Fix]]]:
    """Group sorted, disjoint ``fixes`` by the lines of ``text`` they touch.

    A line's ends are looked for once, not once a fix: a long line holds many fixes.
    """
    group: list[Fix] = []
    low = high = -1
    for fix in fixes:
        if group and fix.span.end <= high:
            group.append(fix)  # inside the current lines: no search
            continue
        start, end = _line_region(text, fix.span.start, fix.span.end)
        if group and start > high:
            yield low, high, group
            group = []
        if not group:
            low = start
        group.append(fix)
        high = max(high, end)
    if group:
        yield low, high, group


def _newly_repairable(old: str, fixes: Sequence[Fix], offset: int) -> bool:
    """Whether ``fixes`` (spans offset by ``offset``) give encoding repair of the lines
    ``old`` work it did not have: a repair of the new lines that is not one of ``old``'s."""
    local = [Fix(f.span.shift(-offset), f.replacement, f.reason) for f in fixes]
    new = apply_fixes(old, local)
    if not any(map(is_repairable, LINE_END_RE.split(new))):
        return False
    if not any(map(is_repairable, LINE_END_RE.split(old))):
        return True
    # Both need repair: a line holding mojibake can still gain a new pair ("Â" beside a
    # curled quote), so each repair of the new lines must be one of the old lines'.
    return not _inherited_repairs(old, new, local)


def _inherited_repairs(old: str, new: str, fixes: Sequence[Fix]) -> bool:
    """Whether each repair of ``new`` (``old`` after ``fixes``) is one of ``old``'s: the
    same characters, mapped back through ``fixes``, turned into the same text."""
    before = {(f.span, f.replacement) for f in repair_encoding(old).fixes}
    after = repair_encoding(new).fixes
    starts = map_back(fixes, [f.span.start for f in after], end=False, at_deletion="after")
    ends = map_back(fixes, [f.span.end for f in after], end=True, at_deletion="before")
    return all(
        (Span(start, max(start, end)), f.replacement) in before
        and old[start:end] == f.span.slice(new)
        for f, start, end in zip(after, starts, ends, strict=True)
    )


def keep_repair_stable(text: str, fixes: Iterable[Fix]) -> tuple[Fix, ...]:
    """Return the ``fixes`` of ``text`` to keep: those giving encoding repair nothing new.

    A later step must never hand encoding repair a pair the input did not hold: a curled
    quote after "Ã" reads as the mojibake "Ã”" (an "Ô"), which a second run would
    "repair", deleting the quote. In each line to which the fixes would give new repair
    work - making it repairable (see :func:`is_repairable`) when it was not, or, in a line
    that already holds mojibake, adding a repair the line as it was did not need - fixes
    are kept in order while they give none; the others are dropped, so the characters stay
    as they were. Each fix is tried on its neighbourhood (:data:`PAIR_REACH` characters
    each side), so a long line costs linear time; if the line as a whole still reads as
    new work, all its fixes go.

    >>> fixes = [Fix(Span(0, 1), "\u201c", "curly-quote"), Fix(Span(2, 3), "\u201d", "curly-quote")]
    >>> [fix.replacement for fix in keep_repair_stable('"Ã" x', fixes)]
    ['“']
    """
    ordered = sorted(fixes, key=lambda f: (f.span.start, f.span.end))
    kept: list[Fix] = []
    for low, high, group in _regions(text, ordered):
        old = text[low:high]
        if _inert(old) and all(_inert(fix.replacement) for fix in group):
            kept += group  # nothing repair reads, before or after: no need to look closer
            continue
        if not _newly_repairable(old, group, low):
            kept += group
            continue
        chosen = _keep_in_order(old, group, low)
        kept += () if _newly_repairable(old, chosen, low) else chosen
    return tuple(kept)


def could_refuse(text: str) -> bool:
    """Return whether :func:`keep_repair_stable` could refuse a later step's fix in ``text``.

    Later steps write only ASCII, curly quotes or nothing, so a text holding nothing
    encoding repair reads stays so, whatever they do.

    >>> could_refuse("plain “text”"), could_refuse('IRMÃ"')
    (False, True)
    """
    return not _inert(text)


def _inert(text: str) -> bool:
    """Whether ``text`` holds nothing encoding repair reads: no "&", and only ASCII and
    inert punctuation (so no mojibake, no entity, nothing to normalise)."""
    return "&" not in text and FTFY_SUSPECT_RE.search(text) is None


#: How far either side of a fix a new mojibake pair or entity can reach: longer than any
#: entity name and any sequence ftfy decodes.
PAIR_REACH = 40


def _keep_in_order(old: str, group: Sequence[Fix], low: int) -> list[Fix]:
    """The fixes of ``group`` kept one by one while their neighbourhood stays unrepairable."""
    chosen: list[Fix] = []
    for fix in group:
        start = max(0, fix.span.start - low - PAIR_REACH)
        end = min(len(old), fix.span.end - low + PAIR_REACH)
        near = [f for f in chosen[-PAIR_REACH:] if f.span.end - low > start]
        if near:  # a kept fix crossing the window's edge widens it
            start = min(start, near[0].span.start - low)
        if not _newly_repairable(old[start:end], [*near, fix], low + start):
            chosen.append(fix)
    return chosen


def stable_part(before: str, step: Cleaned) -> Cleaned:
    """The part of ``step`` (fixes of ``before``) that gives encoding repair nothing new.

    >>> stable_part('"Ã" x', Cleaned("“Ã” x", (Fix(Span(0, 1), "“", "curly-quote"),
    ...     Fix(Span(2, 3), "”", "curly-quote")))).text
    '“Ã" x'
    """
    if not step.fixes:
        return step
    kept = keep_repair_stable(before, step.fixes)
    if len(kept) == len(step.fixes):
        return step
    return Cleaned(apply_fixes(before, kept), kept)


def repair_encoding(text: str) -> Cleaned:
    """Decode entities and repair mojibake in ``text`` as it came in (ftfy, line by line).

    The first step of cleaning, and the only one that reads pairs of characters as
    mojibake: it must never see the output of a later fix.

    >>> repair_encoding("Caf\u00c3\u00a9 &amp; bar").text
    'Café & bar'
    """
    result = _hidden_before(text)
    return compose_fixes(text, result, _ftfy_lines(result.text))


def clean_invisibles(text: str) -> Cleaned:
    """Replace odd spaces, drop controls and invisibles, and split ligatures in ``text``.

    Run after :func:`repair_encoding`, under :func:`keep_repair_stable`: a no-break space
    or a soft hyphen is mojibake evidence until ftfy has seen it.

    >>> clean_invisibles("a\u00a0b\u200bc \ufb01t").text
    'a bc fit'
    """
    return _pattern_pass(AFTER_FTFY_START_RE, AFTER_FTFY_RE, text, _after_ftfy)


def clean_encoding(text: str) -> Cleaned:
    """Repair mojibake, entities, controls, invisibles and odd spaces; report each as a Fix.

    Reasons: ``mojibake``, ``nfc``, ``terminal-escape`` (from ftfy), ``html-entity``,
    ``control-char``, ``zero-width``, ``soft-hyphen``, ``ligature``, ``odd-space``.
    Zero-width joiners and non-joiners are kept: Persian, Indic scripts and emoji need
    them. Line separators are left to :mod:`newsclean.text.whitespace`.

    ftfy sees the text as it came in (entities decoded): it never repairs the output of a
    later fix, so the result is a fixed point. An invisible whose removal would join a
    mojibake-looking pair ("Â", word joiner, "”") stays, and no letter is lost.

    >>> cleaned = clean_encoding("Caf\u00c3\u00a9 &amp; bar\u00a0 ")
    >>> cleaned.text
    'Café & bar  '
    >>> [fix.reason for fix in cleaned.fixes]
    ['mojibake', 'html-entity', 'odd-space']
    """
    text = require_text(text, "clean_encoding")
    result = repair_encoding(text)
    # A fix refused in one pass may be safe in the next, once the fixes after it are made
    # ("Â", ZWSP, no-break space, "Â", soft hyphen: the space can go once the hyphen has).
    for _ in range(_MAX_ROUNDS):
        made = clean_invisibles(result.text)
        kept = stable_part(result.text, made)
        result = compose_fixes(text, result, kept)
        if not kept.fixes or len(kept.fixes) == len(made.fixes):
            break
    return result


def fix_encoding(text: str) -> str:
    """Repair mojibake, entities, controls, invisibles and odd spaces.

    >>> fix_encoding("don\\u00e2\\u20ac\\u2122t panic&#33;")
    'don’t panic!'
    """
    text = require_text(text, "fix_encoding")
    return clean_encoding(text).text
