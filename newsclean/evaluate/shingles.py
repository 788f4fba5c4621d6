"""The article-extraction-benchmark's overlap metric: multisets of 4-word shingles, per page.

A page's prediction and reference are cut into overlapping runs of four ``\\w+`` words; the
shared runs are true positives, the prediction's leftovers false positives, the reference's
leftovers false negatives. Each page's three counts are divided by their sum, so a long page
weighs no more than a short one, and the benchmark's precision and recall are means over pages.

The 0/0 cases, read from the benchmark's README and its evaluate.py: a page where both texts
have no shingle (fp and fn both 0) scores 1.0 for both; an empty prediction against a
non-empty reference has no precision and is left out of the precision mean (its recall is
0); an empty reference against a non-empty prediction has precision 0 and is left out of the
recall mean. ``regex``'s ``\\w`` also takes combining marks, where the benchmark's ``re``
splits a word at them; no page of the benchmark's English texts differs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from newsclean.chars import lazy_compile

#: A benchmark word: a run of Unicode word characters; case is kept, punctuation dropped.
WORD_RE = lazy_compile(
    r"""
    \w+     # letters, digits, underscores: everything between is a separator
    """,
    regex.VERBOSE,
)

#: Words per shingle in the benchmark.
SHINGLE_SIZE = 4

Shingle = tuple[str, ...]


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[Shingle]:
    """Return the multiset of ``size``-word shingles of ``text`` (case kept).

    A text of fewer than ``size`` words gives one shingle of all its words, so a short
    prediction still counts; a text without words gives none.

    >>> shingles("one two, one two: one two!")
    Counter({('one', 'two', 'one', 'two'): 2, ('two', 'one', 'two', 'one'): 1})
    >>> shingles("Only two")
    Counter({('Only', 'two'): 1})
    """
    if size < 1:
        raise ValueError(f"a shingle needs at least one word, not {size}")
    words = tuple(WORD_RE.findall(text))
    if len(words) < size:
        return Counter([words] if words else [])
    return Counter(words[i : i + size] for i in range(len(words) - size + 1))


@dataclass(frozen=True, slots=True)
class PageMatch:
    """One page's shingle counts, normalised so that ``tp + fp + fn`` is 1 (or all are 0).

    >>> PageMatch(0.5, 0.25, 0.25).precision
    0.6666666666666666
    """

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """Share of predicted shingles in the reference; ``None`` for an empty prediction.

        Both texts empty is a perfect page (1.0); an empty prediction against a non-empty
        reference has no precision at all and is left out of the mean, as the benchmark does.
        """
        return _ratio(self.tp, self.fp, self.fn)

    @property
    def recall(self) -> float | None:
        """Share of reference shingles predicted; ``None`` for an empty reference."""
        return _ratio(self.tp, self.fn, self.fp)

    @property
    def f1(self) -> float:
        """The page's own F1 (1.0 when both texts are empty), for ranking pages."""
        if self.fp == self.fn == 0:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def _ratio(hit: float, miss: float, other: float) -> float | None:
    if miss == other == 0:
        return 1.0
    if hit == miss == 0:
        return None
    return hit / (hit + miss)


def match_counts(reference: Counter[Shingle], prediction: Counter[Shingle]) -> PageMatch:
    """Compare two shingle multisets and normalise the counts by their sum.

    >>> match_counts(Counter("aab"), Counter("abc"))
    PageMatch(tp=0.5, fp=0.25, fn=0.25)
    """
    tp = sum((reference & prediction).values())
    fp = sum((prediction - reference).values())
    fn = sum((reference - prediction).values())
    total = tp + fp + fn
    if total == 0:
        return PageMatch(0.0, 0.0, 0.0)
    return PageMatch(tp / total, fp / total, fn / total)


def match_page(reference: str, prediction: str) -> PageMatch:
    """Score one page's predicted text against its reference text.

    >>> match_page("The cat sat on the mat", "The cat sat on a mat").tp
    0.2
    """
    return match_counts(shingles(reference), shingles(prediction))


@dataclass(frozen=True, slots=True)
class Score:
    """The benchmark's figures over a set of pages.

    >>> Score(1.0, 0.5, 2 / 3, 2).f1
    0.6666666666666666
    """

    precision: float
    recall: float
    f1: float
    pages: int


def _mean(values: Iterable[float | None]) -> float:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else 0.0


def score_pages(matches: Iterable[PageMatch]) -> Score:
    """Average per-page precision and recall; F1 is the harmonic mean of the two means.

    Pages whose precision (recall) is undefined are left out of that mean only.

    >>> score_pages([PageMatch(1.0, 0.0, 0.0), PageMatch(0.5, 0.5, 0.0)])
    Score(precision=0.75, recall=1.0, f1=0.8571428571428571, pages=2)
    """
    pages = tuple(matches)
    if not pages:
        raise ValueError("no pages to score; give at least one page")
    precision = _mean(p.precision for p in pages)
    recall = _mean(p.recall for p in pages)
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return Score(precision, recall, f1, len(pages))
