"""Labelled pages as values: the gold blocks of a text, from either label format.

Two formats: the team corpus (``<name>.txt`` beside ``<name>.labels.json``, one ``[kind, first
words]`` entry per block, newsclean's six kinds) and labelled real pages (``<id>.txt`` beside
``<id>.json``, blocks with their text and a label among headline, body, caption, subheading,
boilerplate, unknown). Reading the files is :mod:`newsclean.io.pages`' job.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import ftfy
import regex

from newsclean.chars import lazy_compile
from newsclean.model import KINDS, InputError
from newsclean.text.pipeline import fix_text

Format = Literal["corpus", "labelled"]
Tokens = tuple[str, ...]

#: A word for matching: a run of Unicode word characters (compared casefolded).
WORD_RE = lazy_compile(
    r"""
    \w+     # letters, digits, underscores; punctuation and spacing never decide a match
    """,
    regex.VERBOSE,
)

#: Gold labels of the labelled-pages format, in table order; ``unknown`` is never scored.
PAGE_LABELS: tuple[str, ...] = ("headline", "subheading", "body", "caption", "boilerplate")
UNKNOWN = "unknown"
#: How newsclean's kinds read in the labelled-pages format (the rest keep their name).


@dataclass(frozen=True, slots=True)
class GoldBlock:
    """One hand-labelled block: its kind (in its format's labels), text, line and words."""

    kind: str
    text: str
    line: int
    words: Tokens
    label: Tokens = ()


@dataclass(frozen=True, slots=True)
class Page:
    """A text to parse and its gold blocks, in order."""

    name: str
    format: Format
    text: str
    gold: tuple[GoldBlock, ...]


def words(text: str) -> Tokens:
    """Return the casefolded ``\\w+`` words of ``text``.

    >>> words("It's  DONE — twice.")
    ('it', 's', 'done', 'twice')
    """
    return tuple(w.casefold() for w in WORD_RE.findall(text))


def fixed_words(text: str) -> Tokens:
    """The words of ``text`` once mojibake and entities are repaired.

    >>> fixed_words("Caf\u00c3\u00a9 &amp; bar")
    ('café', 'bar')
    """
    # Only mojibake and entities change words; plain ASCII without "&" has neither, and
    # skipping the fixer there makes loading 163 pages several times faster.
    return words(text if text.isascii() and "&" not in text else fix_text(text, quotes="keep"))


def _loose_words(text: str) -> Tokens:
    # The corpus prefix rule (tests/test_corpus_files.py): mojibake and entities repaired.
    return words(html.unescape(ftfy.fix_text(text)))


def _corpus_entries(path: str, data: dict[str, Any]) -> tuple[tuple[str, str, Tokens], ...]:
    entries = []
    for n, entry in enumerate(data["blocks"], 1):
        ok = isinstance(entry, list) and len(entry) in (2, 3)
        ok = ok and all(isinstance(x, str) for x in entry) and entry[0] in KINDS
        if not ok or not entry[1].strip():
            raise InputError(
                path, f"block {n}: expected [kind, first words(, label)], got {entry!r}"
            )
        label = _loose_words(entry[2]) if len(entry) == 3 else ()
        entries.append((entry[0], entry[1].strip(), label))
    return tuple(entries)


def _starts_with(lines: Sequence[str], loose: Sequence[Tokens], index: int, prefix: str) -> bool:
    if not lines[index].strip():
        return False  # a block never starts on a blank line
    wanted = _loose_words(prefix)
    if not wanted:  # a wordless block (a row of stars): compare the characters
        return lines[index].strip().startswith(prefix)
    found: list[str] = []
    for line, line_words in zip(lines[index : index + 4], loose[index : index + 4], strict=True):
        if not line.strip():
            break  # nor does a prefix cross a blank line
        found.extend(line_words)
        if len(found) >= len(wanted):
            break
    return tuple(found[: len(wanted)]) == wanted


def _anchor_lines(path: str, lines: Sequence[str], prefixes: Sequence[str]) -> list[int]:
    """Find, in order, the line each labelled block starts on (its prefix words lead it)."""
    loose = [_loose_words(line) for line in lines]
    starts: list[int] = []
    cursor = 0
    for n, prefix in enumerate(prefixes, 1):
        index = next(
            (i for i in range(cursor, len(lines)) if _starts_with(lines, loose, i, prefix)), None
        )
        if index is None:
            raise InputError(path, f"block {n}: no line after line {cursor} starts {prefix!r}")
        starts.append(index)
        cursor = index + 1
    if starts and any(line.strip() for line in lines[: starts[0]]):
        raise InputError(path, "text before the first labelled block has no label")
    return starts


def corpus_page(name: str, text: str, labels: dict[str, Any], labels_name: str) -> Page:
    """Make a team-corpus page: each block runs from its prefix's line to the next one's.

    ``labels`` is the parsed ``.labels.json`` (see :func:`check_labels`). Finding blocks by
    their labelled first words (rather than by blank lines) keeps the gold independent of any
    segmentation rule, the parser's included.

    >>> page = corpus_page("a.txt", "Storm\\n\\nRain fell.\\n", {"blocks": [["headline", "Storm"],
    ...     ["paragraph", "Rain"]]}, "a.labels.json")
    >>> [(g.kind, g.line) for g in page.gold]
    [('headline', 1), ('paragraph', 3)]
    """
    entries = _corpus_entries(labels_name, labels)
    lines = text.split("\n")
    starts = _anchor_lines(labels_name, lines, [prefix for _, prefix, _ in entries])
    gold = []
    for (kind, _, label), start, end in zip(
        entries, starts, [*starts[1:], len(lines)], strict=True
    ):
        block = "\n".join(lines[start:end]).strip()
        gold.append(GoldBlock(kind, block, start + 1, fixed_words(block), label))
    return Page(name, "corpus", text, tuple(gold))


def _labelled_block(path: str, n: int, entry: object) -> tuple[str, str]:
    if not isinstance(entry, dict):
        raise InputError(path, f"block {n}: expected an object, got {entry!r}")
    text, label = entry.get("text"), entry.get("label")
    if not isinstance(text, str) or label not in (*PAGE_LABELS, UNKNOWN):
        raise InputError(path, f"block {n}: needs a text and a known label, got {label!r}")
    return text, str(label)


def labelled_page(name: str, text: str, labels: dict[str, Any], labels_name: str) -> Page:
    """Make a labelled real page; a gold block's line is where its text first follows the last.

    >>> page = labelled_page("p.txt", "Storm\\nRain fell.\\n", {"blocks": [{"text": "Rain fell.",
    ...     "label": "body"}]}, "p.json")
    >>> [(g.kind, g.line) for g in page.gold]
    [('body', 2)]
    """
    gold = []
    cursor = 0
    for n, entry in enumerate(labels["blocks"], 1):
        block, label = _labelled_block(labels_name, n, entry)
        found = text.find(block.strip(), cursor)
        line = text.count("\n", 0, found) + 1 if found >= 0 else 0
        cursor = found + 1 if found >= 0 else cursor
        gold.append(GoldBlock(label, block, line, fixed_words(block)))
    return Page(name, "labelled", text, tuple(gold))


def check_labels(name: str, data: object) -> dict[str, Any]:
    """Return a labels file's parsed JSON if it is an object with a ``blocks`` list.

    >>> check_labels("a.json", {"blocks": []})
    {'blocks': []}
    """
    if not isinstance(data, dict) or not isinstance(data.get("blocks"), list):
        raise InputError(name, 'labels must be a JSON object with a "blocks" list')
    return data


def normalize_newlines(text: str) -> str:
    """Make every line ending ``\\n``, as the labels' line numbers count them.

    >>> normalize_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")
