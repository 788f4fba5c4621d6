"""Every corpus article's hand-written labels, reproduced by parse_article.

The labels live beside each article in ``corpus/<name>.labels.json`` (format in
corpus/README.md): one ``[kind, first words]`` entry per block, written by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import regex

from newsclean.article import parse_article

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
WORD_RE = regex.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return [w.casefold() for w in WORD_RE.findall(text)]


def load(name: str) -> tuple[str, dict[str, Any]]:
    text = (CORPUS / f"{name}.txt").read_bytes().decode("utf-8-sig")
    labels = json.loads((CORPUS / f"{name}.labels.json").read_text(encoding="utf-8"))
    return text, labels


NAMES = sorted(p.name.removesuffix(".labels.json") for p in CORPUS.glob("*.labels.json"))

#: Articles whose labels the learned labeller does not reproduce in full: each is a known
#: failure (strict, so fixing one fails the suite until it is removed from this list). The
#: labeller is trained on ~1,100 real pages as well as this corpus, so a few corpus blocks
#: may go another way; the corpus as a whole must stay at least ``MIN_ACCURACY`` right.
KNOWN_FAILURES: frozenset[str] = frozenset(
    {
        "liveblog-college-football",
        "liveblog-storm",
        "recipe-squash-tart",
        "rugby-derby",
        "tech-router-flaw",
        "transfer-striker",
    }
)
#: The share of corpus blocks (headlines included) that must get their hand-written kind.
MIN_ACCURACY = 0.98
CASES = [
    pytest.param(
        name,
        marks=pytest.mark.xfail(strict=True, reason="labels not reproduced yet"),
        id=name,
    )
    if name in KNOWN_FAILURES
    else pytest.param(name, id=name)
    for name in NAMES
]


@pytest.mark.parametrize("name", CASES)
def test_corpus_labels_reproduced(name: str) -> None:
    text, labels = load(name)
    article = parse_article(text)
    got = [(b.kind, b.text) for b in article.blocks]
    want = labels["blocks"]
    assert [k for k, _ in got] == [entry[0] for entry in want], "\n".join(
        f"{g[0]:>12} | {w[0]:<12} {g[1][:60]}" for g, w in zip(got, want, strict=False)
    )
    for (_, block_text), entry in zip(got, want, strict=True):
        prefix = tokens(entry[1])
        assert tokens(block_text)[: len(prefix)] == prefix, (entry, block_text[:80])
    assert article.site == labels["site"]
    for block, entry in zip(article.blocks, want, strict=True):
        if len(entry) > 2:
            assert block.label == entry[2]


def test_the_corpus_is_at_least_98_percent_right() -> None:
    right = total = 0
    for name in NAMES:
        text, labels = load(name)
        got = [b.kind for b in parse_article(text).blocks]
        want = [entry[0] for entry in labels["blocks"]]
        assert len(got) == len(want), name  # cutting blocks is not the labeller's job
        right += sum(g == w for g, w in zip(got, want, strict=True))
        total += len(want)
    assert right / total >= MIN_ACCURACY, f"{right}/{total}"


def test_the_sample_has_its_41_blocks() -> None:
    assert "houla" not in KNOWN_FAILURES, "the sample is never a known failure"
    text, _ = load("houla")
    kinds = [b.kind for b in parse_article(text).blocks]
    counts = {kind: kinds.count(kind) for kind in set(kinds)}
    assert counts == {
        "headline": 1,
        "alt_headline": 1,
        "caption": 6,
        "boilerplate": 1,
        "paragraph": 32,
    }


@pytest.mark.parametrize("quotes", ["straight", "curly", "keep"])
def test_the_sample_labels_do_not_depend_on_the_quote_style(quotes: str) -> None:
    text, labels = load("houla")
    kinds = [b.kind for b in parse_article(text, quotes=quotes).blocks]  # type: ignore[arg-type]
    assert kinds == [entry[0] for entry in labels["blocks"]]
