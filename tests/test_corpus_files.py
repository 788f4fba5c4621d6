"""Checks of the corpus itself (corpus/*.txt and their hand-written *.labels.json), not the library.

Block counting rule, independent of newsclean: decode the file as UTF-8 and turn CRLF/CR into LF.
A file is in ``blank`` mode when, after stripping it, a whitespace-only line separates two text
lines; a block is then a maximal run of lines that are not whitespace-only (so a hard-wrapped
paragraph, or a headline glued to its own repeat on one line, is one block). Otherwise the file is
in ``lines`` mode: every line that is not whitespace-only is a block. A labels file may force
``"segmentation": "lines"`` for a one-paragraph-per-line file that also carries stray
whitespace-only lines; nothing else overrides the rule.

Prefix rule: a block's words are the ``\\w+`` tokens, casefolded, of the block after
``ftfy.fix_text`` and ``html.unescape`` (mojibake repaired, entities decoded). Each label's prefix
words must be the first words of its block, in order; a prefix without words (a line of rating
stars) must begin its block character for character.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import ftfy
import pytest
import regex

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
KINDS = frozenset({"headline", "alt_headline", "subheading", "paragraph", "caption", "boilerplate"})
KEYS = frozenset({"about", "site", "blocks", "segmentation"})
BLANK_LINE_RE = regex.compile(r"\n[^\S\n]*\n")  # a whitespace-only line between two lines
WORD_RE = regex.compile(r"\w+")

TEXTS = sorted(CORPUS.glob("*.txt"))
LABELS = sorted(CORPUS.glob("*.labels.json"))


def _read(path: Path) -> str:
    text = path.read_bytes().decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _labels(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix("").with_suffix(".labels.json").read_text())
    return data


def _mode(text: str, labels: dict[str, Any]) -> str:
    forced = labels.get("segmentation")
    if forced is not None:
        return str(forced)
    return "blank" if BLANK_LINE_RE.search(text.strip()) else "lines"


def split_blocks(text: str, mode: str) -> list[str]:
    """Cut a corpus file into blocks by the rule in the module docstring.

    >>> split_blocks("Title\\n\\nOne\\nwrapped\\n \\nTwo\\n", "blank")
    ['Title', 'One wrapped', 'Two']
    """
    lines = text.split("\n")
    if mode == "lines":
        return [line.strip() for line in lines if line.strip()]
    blocks: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            run.append(line.strip())
        elif run:
            blocks.append(" ".join(run))
            run = []
    return blocks


def words(text: str) -> list[str]:
    """Casefolded word tokens of a block after repairing mojibake and entities.

    >>> words("Caf\\u00c3\\u00a9 &amp; Bar")
    ['café', 'bar']
    """
    return [w.casefold() for w in WORD_RE.findall(html.unescape(ftfy.fix_text(text)))]


def test_every_text_has_labels_and_vice_versa() -> None:
    text_stems = {p.name.removesuffix(".txt") for p in TEXTS}
    label_stems = {p.name.removesuffix(".labels.json") for p in LABELS}
    assert text_stems == label_stems
    assert len(text_stems) >= 33


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_labels_file_shape(path: Path) -> None:
    labels = _labels(path)
    assert set(labels) <= KEYS
    assert {"about", "site", "blocks"} <= set(labels)
    assert isinstance(labels["about"], str)
    assert labels["about"].strip()
    assert labels["site"] is None or (isinstance(labels["site"], str) and labels["site"].strip())
    assert labels.get("segmentation", "lines") == "lines"
    if "segmentation" in labels:
        # forcing is honest only where the plain rule would have cut the file at blank lines
        assert _mode(_read(path), {}) == "blank"
    for entry in labels["blocks"]:
        assert isinstance(entry, list), entry
        assert len(entry) in (2, 3), entry
        assert entry[0] in KINDS, entry
        assert isinstance(entry[1], str), entry
        assert entry[1].strip(), entry
        if len(entry) == 3:
            assert entry[0] == "caption", entry
            assert words(entry[2]), entry


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_block_count_matches_file(path: Path) -> None:
    text = _read(path)
    labels = _labels(path)
    blocks = split_blocks(text, _mode(text, labels))
    assert len(blocks) == len(labels["blocks"]), [b[:40] for b in blocks]


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_prefixes_start_their_blocks(path: Path) -> None:
    text = _read(path)
    labels = _labels(path)
    blocks = split_blocks(text, _mode(text, labels))
    # a count mismatch is reported by test_block_count_matches_file; compare what lines up
    for block, entry in zip(blocks, labels["blocks"], strict=False):
        prefix = words(entry[1])
        assert words(block)[: len(prefix)] == prefix, (entry, block[:80])
        if not prefix:
            # a block of symbols only (a star rating): compare the characters themselves
            assert block.startswith(entry[1].strip()), (entry, block[:80])
        if len(entry) == 3:
            # a labelled caption: its label words, then the colon
            label = words(entry[2])
            head = html.unescape(ftfy.fix_text(block)).split(":", 1)[0]
            assert words(head) == label, (entry, block[:80])


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_one_headline_first(path: Path) -> None:
    kinds = [entry[0] for entry in _labels(path)["blocks"]]
    assert kinds.count("headline") == 1
    assert "headline" in kinds[:4]
    assert all(kinds.index("headline") < i for i, k in enumerate(kinds) if k == "alt_headline")


def test_corpus_covers_every_kind_and_shape() -> None:
    all_kinds = [e[0] for p in TEXTS for e in _labels(p)["blocks"]]
    for kind in KINDS:
        assert all_kinds.count(kind) >= 10, kind
    raw = [p.read_bytes() for p in TEXTS]
    texts = [_read(p) for p in TEXTS]
    assert any(b"\r\n" in r for r in raw)
    assert any(ftfy.fix_text(t) != ftfy.fix_text(t, fix_encoding=False) for t in texts)
    assert any(html.unescape(t) != t for t in texts)
    modes = {_mode(t, _labels(p)) for t, p in zip(texts, TEXTS, strict=True)}
    assert modes == {"blank", "lines"}
    assert any(_labels(p)["site"] for p in TEXTS)


def test_identity_split_would_fail() -> None:
    # one block per line would miscount a hard-wrapped paragraph; the rule must not
    text = "Headline here\n\nA paragraph that\nwraps onto two lines.\n"
    assert split_blocks(text, "blank") == [
        "Headline here",
        "A paragraph that wraps onto two lines.",
    ]
    assert len(split_blocks(text, "lines")) == 3
