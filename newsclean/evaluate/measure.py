"""Measure the block classifier against hand labels: per-kind precision, recall and F1.

Pages come from :mod:`newsclean.evaluate.pages` in either label format. Predicted blocks are
matched to gold blocks by their words, never by position, so a parser that cuts blocks
differently is still scored fairly. ``python -m newsclean.evaluate PATH...`` runs it
(:mod:`newsclean.cli.evaluate`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from newsclean.evaluate.pages import (
    PAGE_LABELS,
    UNKNOWN,
    Format,
    Page,
    Tokens,
    fixed_words,
    words,
)
from newsclean.model import KINDS, Article, Block

ParseFn = Callable[[str], Article]

#: How newsclean's kinds read in the labelled-pages format (the rest keep their name).
PAGE_KIND = {"headline": "headline", "alt_headline": "headline", "paragraph": "body"}
#: The name of "no block" in confusion pairs: a missed gold block or an invented predicted one.
NONE = "-"


# --- values ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alignment:
    """Which predicted block covers each gold block, and which predicted blocks share words.

    >>> Alignment((0, None), frozenset({0})).gold_to_pred[1] is None
    True
    """

    gold_to_pred: tuple[int | None, ...]
    touched: frozenset[int]


@dataclass(frozen=True, slots=True)
class BlockOutcome:
    """One scored block: gold and predicted kind (``None`` for no block on that side).

    >>> BlockOutcome("body", "body", 3, "Some text.").correct
    True
    """

    gold: str | None
    predicted: str | None
    line: int
    text: str
    why: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        """Whether both sides name the same kind."""
        return self.gold is not None and self.gold == self.predicted


@dataclass(frozen=True, slots=True)
class PageResult:
    """A page's outcomes, the words the parser lost, and whether it came out exactly right."""

    name: str
    format: Format
    outcomes: tuple[BlockOutcome, ...]
    skipped: int
    words_lost: int
    lost_sample: tuple[str, ...]
    exact: bool


@dataclass(frozen=True, slots=True)
class KindScore:
    """Precision, recall and F1 for one kind (``None`` where a denominator is 0).

    >>> KindScore("body", support=4, predicted=5, correct=4).precision
    0.8
    """

    kind: str
    support: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float | None:
        """Share of blocks predicted as this kind that are this kind."""
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """Share of gold blocks of this kind predicted as it."""
        return self.correct / self.support if self.support else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Summary:
    """The scores of every page of one format."""

    format: Format
    pages: tuple[PageResult, ...]
    kinds: tuple[KindScore, ...]
    scored: int
    correct: int
    skipped: int
    confusion: tuple[tuple[str, str, int], ...]
    words_lost: int

    @property
    def accuracy(self) -> float | None:
        """Share of scored gold blocks given their own kind (a missed block is wrong)."""
        return self.correct / self.scored if self.scored else None

    @property
    def exact(self) -> int:
        """How many pages came out with every block cut and labelled as in the gold."""
        return sum(p.exact for p in self.pages)


# --- load --------------------------------------------------------------------------------


# --- align -------------------------------------------------------------------------------


def _token_overlap(gold: Sequence[Tokens], pred: Sequence[Tokens]) -> Counter[tuple[int, int]]:
    """Count aligned words shared by each (gold, predicted) pair of blocks."""
    g_owner = [i for i, ws in enumerate(gold) for _ in ws]
    p_owner = [j for j, ws in enumerate(pred) for _ in ws]
    g_flat = [w for ws in gold for w in ws]
    p_flat = [w for ws in pred for w in ws]
    # autojunk off: in a long page "the" is frequent, and junking it breaks the alignment
    matcher = SequenceMatcher(None, g_flat, p_flat, autojunk=False)
    counts: Counter[tuple[int, int]] = Counter()
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            counts[g_owner[a + k], p_owner[b + k]] += 1
    return counts


def align(gold: Sequence[Tokens], pred: Sequence[Tokens]) -> Alignment:
    """Match gold blocks to predicted blocks by their words, keeping order.

    Identical blocks pair up first; in the stretches between, words are aligned one by
    one and a gold block goes to the predicted block holding most of its aligned words,
    if that is at least half of them; otherwise it is missed. Errs towards matching: a
    predicted block that merges two gold blocks covers both.

    >>> align([("a", "b"), ("c",), ("d", "e")], [("a", "b"), ("c", "d", "e")])
    Alignment(gold_to_pred=(0, 1, 1), touched=frozenset({0, 1}))
    """
    links: list[int | None] = [None] * len(gold)
    touched: set[int] = set()
    matcher = SequenceMatcher(None, list(gold), list(pred), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                links[i1 + k] = j1 + k
                touched.add(j1 + k)
            continue
        best: dict[int, tuple[int, int]] = {}
        for (gi, pj), n in sorted(_token_overlap(gold[i1:i2], pred[j1:j2]).items()):
            touched.add(j1 + pj)
            if n > best.get(gi, (0, 0))[0]:
                best[gi] = (n, pj)
        for gi, (n, pj) in best.items():
            if 2 * n >= len(gold[i1 + gi]):
                links[i1 + gi] = j1 + pj
    return Alignment(tuple(links), frozenset(touched))


# --- score -------------------------------------------------------------------------------


def predicted_kind(fmt: Format, kind: str) -> str:
    """Name a newsclean kind in a format's labels.

    >>> predicted_kind("labelled", "alt_headline"), predicted_kind("corpus", "alt_headline")
    ('headline', 'alt_headline')
    """
    return PAGE_KIND.get(kind, kind) if fmt == "labelled" else kind


def _outcomes(page: Page, blocks: Sequence[Block], alignment: Alignment) -> list[BlockOutcome]:
    outcomes: list[BlockOutcome] = []
    for gold, link in zip(page.gold, alignment.gold_to_pred, strict=True):
        if gold.kind == UNKNOWN or not gold.words:
            continue
        block = blocks[link] if link is not None else None
        kind = predicted_kind(page.format, block.kind) if block else None
        line, why = (block.line, block.why) if block else (gold.line, ())
        outcomes.append(BlockOutcome(gold.kind, kind, line, gold.text, why))
    for j, block in enumerate(blocks):
        if j not in alignment.touched and words(block.text):
            kind = predicted_kind(page.format, block.kind)
            outcomes.append(BlockOutcome(None, kind, block.line, block.text, block.why))
    return outcomes


def words_lost(text: str, blocks: Iterable[Block]) -> Counter[str]:
    """Return the words of the fixed input that no block carries (a correct parser: none).

    >>> from newsclean.model import Span
    >>> words_lost("One two two.", [Block("two one", 1, Span(0, 7))])
    Counter({'two': 1})
    """
    kept = Counter(words("\n".join(b.text for b in blocks)))
    return Counter(fixed_words(text)) - kept


def _is_exact(page: Page, blocks: Sequence[Block], alignment: Alignment) -> bool:
    if len(blocks) != len(page.gold):
        return False
    return all(
        link == i and blocks[i].kind == g.kind and words(blocks[i].label or "") == g.label
        for i, (g, link) in enumerate(zip(page.gold, alignment.gold_to_pred, strict=True))
    )


def evaluate_page(page: Page, parse: ParseFn) -> PageResult:
    """Parse a page's text and score its blocks against the gold.

    A page is exact when the parser cut the same blocks in the same order, gave each its
    gold kind and each caption its gold label (meaningful for the team corpus only).
    """
    blocks = parse(page.text).blocks
    alignment = align([g.words for g in page.gold], [words(b.text) for b in blocks])
    lost = words_lost(page.text, blocks)
    return PageResult(
        name=page.name,
        format=page.format,
        outcomes=tuple(_outcomes(page, blocks, alignment)),
        skipped=sum(1 for g in page.gold if g.kind == UNKNOWN or not g.words),
        words_lost=lost.total(),
        lost_sample=tuple(sorted(lost))[:10],
        exact=_is_exact(page, blocks, alignment),
    )


def kind_scores(outcomes: Sequence[BlockOutcome], kinds: Sequence[str]) -> tuple[KindScore, ...]:
    """Count support, predictions and hits per kind (kinds seen but not listed go last)."""
    seen = {k for o in outcomes for k in (o.gold, o.predicted) if k is not None}
    order = [*kinds, *sorted(seen - set(kinds))]
    return tuple(
        KindScore(
            kind,
            support=sum(o.gold == kind for o in outcomes),
            predicted=sum(o.predicted == kind for o in outcomes),
            correct=sum(o.correct and o.gold == kind for o in outcomes),
        )
        for kind in order
    )


def confusion(outcomes: Iterable[BlockOutcome]) -> tuple[tuple[str, str, int], ...]:
    """Count the wrong (gold, predicted) pairs, most frequent first; ``-`` means no block.

    >>> confusion([BlockOutcome("body", "caption", 1, ""), BlockOutcome("body", None, 2, "")] * 2)
    (('body', '-', 2), ('body', 'caption', 2))
    """
    pairs = Counter((o.gold or NONE, o.predicted or NONE) for o in outcomes if not o.correct)
    return tuple((g, p, n) for (g, p), n in sorted(pairs.items(), key=lambda x: (-x[1], x[0])))


def summarise(fmt: Format, results: Sequence[PageResult]) -> Summary:
    """Pool the outcomes of one format's pages."""
    outcomes = [o for r in results for o in r.outcomes]
    scored = [o for o in outcomes if o.gold is not None]
    return Summary(
        format=fmt,
        pages=tuple(results),
        kinds=kind_scores(outcomes, KINDS if fmt == "corpus" else PAGE_LABELS),
        scored=len(scored),
        correct=sum(o.correct for o in scored),
        skipped=sum(r.skipped for r in results),
        confusion=confusion(outcomes),
        words_lost=sum(r.words_lost for r in results),
    )


def evaluate(pages: Iterable[Page], parse: ParseFn) -> tuple[Summary, ...]:
    """Score every page and summarise each format present (corpus first)."""
    results = [evaluate_page(page, parse) for page in pages]
    formats: tuple[Format, ...] = ("corpus", "labelled")
    return tuple(
        summarise(fmt, [r for r in results if r.format == fmt])
        for fmt in formats
        if any(r.format == fmt for r in results)
    )


# --- render ------------------------------------------------------------------------------

TITLES = {"corpus": "team corpus", "labelled": "labelled pages"}


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _errors(summary: Summary) -> list[tuple[str, BlockOutcome]]:
    return [(p.name, o) for p in summary.pages for o in p.outcomes if not o.correct]


def render_text(summaries: Sequence[Summary], *, errors: bool = False) -> str:
    """Render the tables, confusion pairs and word losses as plain text."""
    out: list[str] = []
    for s in summaries:
        out.append(f"{TITLES[s.format]}: {len(s.pages)} files, {s.scored} blocks scored")
        out.append(f"  ({s.skipped} unknown or wordless gold blocks skipped)")
        out.append(f"{'kind':<14}{'support':>8}{'precision':>11}{'recall':>8}{'F1':>8}")
        for k in s.kinds:
            nums = "".join(
                f"{_num(v):>{w}}"
                for v, w in zip((k.precision, k.recall, k.f1), (11, 8, 8), strict=True)
            )
            out.append(f"{k.kind:<14}{k.support:>8}{nums}")
        out.append(f"accuracy {_num(s.accuracy)} ({s.correct}/{s.scored})")
        out.append("confusion (gold -> predicted, '-' = no block):")
        out.extend(f"  {g:>12} -> {p:<12} {n:>5}" for g, p, n in s.confusion)
        lossy = [p for p in s.pages if p.words_lost]
        out.append(f"words lost: {s.words_lost} in {len(lossy)} files")
        out.extend(f"  {p.name}: {p.words_lost} ({' '.join(p.lost_sample)})" for p in lossy)
        if s.format == "corpus":
            out.append(f"articles reproduced exactly: {s.exact}/{len(s.pages)}")
        if errors:
            out.append("misclassified blocks:")
            out.extend(_error_line(name, o) for name, o in _errors(s))
        out.append("")
    return "\n".join(out)


def _error_line(name: str, o: BlockOutcome) -> str:
    text = " ".join(o.text.split())[:100]
    return f"{name}:{o.line}: {o.gold or NONE} -> {o.predicted or NONE} [{','.join(o.why)}] {text}"


def to_json(summaries: Sequence[Summary], *, errors: bool = False) -> dict[str, Any]:
    """Return the same numbers as JSON-ready data, keyed by format."""
    data: dict[str, Any] = {}
    for s in summaries:
        kinds = {
            k.kind: {
                "support": k.support,
                "predicted": k.predicted,
                "correct": k.correct,
                "precision": k.precision,
                "recall": k.recall,
                "f1": k.f1,
            }
            for k in s.kinds
        }
        entry: dict[str, Any] = {
            "files": len(s.pages),
            "scored": s.scored,
            "correct": s.correct,
            "skipped": s.skipped,
            "accuracy": s.accuracy,
            "kinds": kinds,
            "confusion": [{"gold": g, "predicted": p, "count": n} for g, p, n in s.confusion],
            "words_lost": s.words_lost,
            "words_lost_by_file": {p.name: p.words_lost for p in s.pages if p.words_lost},
        }
        if s.format == "corpus":
            entry["exact"] = s.exact
        if errors:
            entry["errors"] = [
                {
                    "file": n,
                    "line": o.line,
                    "gold": o.gold,
                    "predicted": o.predicted,
                    "why": list(o.why),
                    "text": o.text[:100],
                }
                for n, o in _errors(s)
            ]
        data[s.format] = entry
    return data


# --- command line ------------------------------------------------------------------------
