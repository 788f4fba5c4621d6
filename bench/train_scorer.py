"""Train newsclean's block scorer and measure it against the rules on held-out sites.

Usage: python bench/train_scorer.py PATH... [--cv [--aeb DIR]] [--save] [--folds N] [--l2 X]

PATH holds labelled texts in either format newsclean.evaluate.measure reads (the team corpus, the
labelled real pages). Each predicted block gets the gold kind of the gold blocks aligned to
it (evaluate's word alignment); headline blocks are left to headlines.py and never trained.
``--cv`` runs grouped cross-validation: real pages grouped by the domain of their "url" (or
the fixture's file name), team-corpus files one group each, whole groups held out per fold,
and prints per-kind F1 on the held-out folds for the rules, the scorer alone and two ways of
combining them (``label_blocks_scored``, ``rescore_confident``). ``--aeb DIR`` adds the
extraction benchmark's F1 after each, every page labelled by the fold that held out its
labelled twin's site. ``--save`` trains on everything and writes newsclean/learn/weights.json.
Plain Python (numpy is not needed). Run by hand; no test runs this.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

import regex

from newsclean.article import parse_article
from newsclean.blocks.shape import body_bounds
from newsclean.evaluate.measure import PageResult, align, evaluate_page, summarise
from newsclean.evaluate.pages import PAGE_LABELS, Page, words
from newsclean.evaluate.shingles import PageMatch, match_counts, score_pages, shingles
from newsclean.io.pages import find_pages, load_page
from newsclean.learn.features import block_features, feature_names
from newsclean.learn.scorer import (
    SCORED_KINDS,
    Weights,
    label_blocks_scored,
    load_weights,
    make_weights,
    rescore_confident,
    score_one,
    unlabelled,
    weight_drift,
)
from newsclean.model import KINDS, Article, Block

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "newsclean" / "learn" / "weights.json"
#: Gold kinds of either format, as the scorer's kinds (headlines are not trained).
TARGET = {"body": "paragraph", "paragraph": "paragraph", "subheading": "subheading",
          "caption": "caption", "boilerplate": "boilerplate"}  # fmt: skip
HEADLINE_KINDS = ("headline", "alt_headline")
Sparse = tuple[tuple[int, ...], tuple[float, ...]]


@dataclass(frozen=True, slots=True)
class Prepared:
    """One page, parsed once: the rules' article, the unlabelled blocks and their features."""

    page: Page
    group: str
    rules: Article
    base: tuple[Block, ...]
    features: tuple[dict[str, float], ...]
    targets: tuple[str | None, ...]


# --- data --------------------------------------------------------------------------------


def group_of(page: Page, labels: Path) -> str:
    """The site a page comes from: its url's host, else its fixture's name without digits."""
    if page.format == "corpus":
        return "corpus:" + Path(page.name).stem
    data = json.loads(labels.read_text(encoding="utf-8"))
    host = urlparse(data["url"]).netloc if data.get("url") else ""
    if not host:
        stem = data["source"].rsplit("/", 1)[-1].removesuffix(".html")
        host = regex.sub(r"\d+$", "", stem).replace("_", ".")
    return host.lower().removeprefix("www.")


def _targets(page: Page, blocks: Sequence[Block]) -> tuple[str | None, ...]:
    alignment = align([g.words for g in page.gold], [words(b.text) for b in blocks])
    votes: list[Counter[str]] = [Counter() for _ in blocks]
    for gold, link in zip(page.gold, alignment.gold_to_pred, strict=True):
        if link is not None:
            votes[link][gold.kind] += len(gold.words) or 1
    out: list[str | None] = []
    for block, vote in zip(blocks, votes, strict=True):
        kind = vote.most_common(1)[0][0] if vote else None
        ok = block.kind not in HEADLINE_KINDS and kind in TARGET
        out.append(TARGET[kind] if ok and kind else None)
    return tuple(out)


def prepare(text_path: Path, labels: Path, fmt: str) -> Prepared:
    """Parse one labelled page and compute its features and training targets."""
    page = load_page(text_path, labels, fmt)  # type: ignore[arg-type]
    rules = parse_article(page.text, quotes="keep")
    base = unlabelled(rules.blocks)
    bounds = body_bounds(base)
    features = tuple(block_features(base, i, bounds) for i in range(len(base)))
    return Prepared(page, group_of(page, labels), rules, base, features, _targets(page, base))


# --- model -------------------------------------------------------------------------------


def _sparse(features: dict[str, float], index: dict[str, int]) -> Sparse:
    pairs = [(index[name], value) for name, value in features.items() if value]
    return tuple(i for i, _ in pairs), tuple(v for _, v in pairs)


def class_weights(targets: Sequence[str], power: float = 0.5) -> dict[str, float]:
    """Weight each kind by its inverse frequency to ``power``, the commonest kind at 1.0.

    ``power`` 0 weighs every block alike; 1 makes every kind weigh as much in total.
    """
    counts = Counter(targets)
    top = max(counts.values())
    return {k: (top / n) ** power for k, n in counts.items()}


@dataclass(frozen=True, slots=True)
class Fit:
    """Training settings."""

    l2: float = 1e-3
    epochs: int = 30
    rate: float = 0.05
    batch: int = 32
    seed: int = 0
    balance: float = 0.5  # class-weight power, see class_weights


def train(pages: Sequence[Prepared], names: Sequence[str], fit: Fit) -> Weights:
    """Fit multinomial logistic regression (L2, class-weighted) by mini-batch Adam."""
    index = {name: i for i, name in enumerate(names)}
    kinds = SCORED_KINDS
    rows = [
        (_sparse(f, index), kinds.index(t))
        for p in pages
        for f, t in zip(p.features, p.targets, strict=True)
        if t is not None
    ]
    cw = class_weights([kinds[y] for _, y in rows], fit.balance)
    weights = [cw[kinds[y]] for _, y in rows]
    bias, table = _adam(rows, weights, len(names), len(kinds), fit)
    return make_weights(
        kinds, bias, {name: [row[f] for row in table] for f, name in enumerate(names)}
    )


def _adam(
    rows: list[tuple[Sparse, int]], weights: list[float], nf: int, nk: int, fit: Fit
) -> tuple[list[float], list[list[float]]]:
    rng = random.Random(fit.seed)
    bias = [0.0] * nk
    table = [[0.0] * nf for _ in range(nk)]
    size = nk * (nf + 1)
    m, v = [0.0] * size, [0.0] * size
    step = 0
    order = list(range(len(rows)))
    for epoch in range(fit.epochs):
        rng.shuffle(order)
        rate = fit.rate / math.sqrt(1 + epoch)
        for start in range(0, len(order), fit.batch):
            batch = order[start : start + fit.batch]
            grad = _gradient([rows[i] for i in batch], [weights[i] for i in batch], bias, table)
            step += 1
            _adam_step(grad, bias, table, m, v, step, rate, fit.l2)
    return bias, table


def _gradient(
    rows: list[tuple[Sparse, int]],
    weights: list[float],
    bias: list[float],
    table: list[list[float]],
) -> list[float]:
    nk, nf = len(bias), len(table[0])
    grad = [0.0] * (nk * (nf + 1))
    total = sum(weights)
    for ((idx, val), y), w in zip(rows, weights, strict=True):
        logits = [
            b + sum(row[i] * x for i, x in zip(idx, val, strict=True))
            for b, row in zip(bias, table, strict=True)
        ]
        top = max(logits)
        exps = [math.exp(s - top) for s in logits]
        z = sum(exps)
        for k in range(nk):
            g = w * (exps[k] / z - (k == y)) / total
            base = k * (nf + 1)
            grad[base + nf] += g
            for i, x in zip(idx, val, strict=True):
                grad[base + i] += g * x
    return grad


def _adam_step(
    grad: list[float],
    bias: list[float],
    table: list[list[float]],
    m: list[float],
    v: list[float],
    step: int,
    rate: float,
    l2: float,
) -> None:
    nf = len(table[0])
    b1, b2, eps = 0.9, 0.999, 1e-8
    for k in range(len(bias)):
        for f in range(nf + 1):
            p = k * (nf + 1) + f
            value = bias[k] if f == nf else table[k][f]
            g = grad[p] + (0.0 if f == nf else l2 * value)
            m[p] = b1 * m[p] + (1 - b1) * g
            v[p] = b2 * v[p] + (1 - b2) * g * g
            delta = rate * (m[p] / (1 - b1**step)) / (math.sqrt(v[p] / (1 - b2**step)) + eps)
            if f == nf:
                bias[k] -= delta
            else:
                table[k][f] -= delta


# --- measure -----------------------------------------------------------------------------

Labeller = Callable[[Prepared, Weights], tuple[Block, ...]]


def scorer_alone(p: Prepared, weights: Weights) -> tuple[Block, ...]:
    """Headlines from headlines.py; every other block the scorer's most probable kind."""
    bounds = body_bounds(p.base)
    return tuple(
        b if b.kind in HEADLINE_KINDS else score_one(p.base, i, bounds, weights)
        for i, b in enumerate(p.base)
    )


def combined(p: Prepared, weights: Weights) -> tuple[Block, ...]:
    """newsclean.learn.scorer.label_blocks_scored: strong rule signals, else the scorer; layout."""
    return label_blocks_scored(p.base, weights)


def rules(p: Prepared, weights: Weights) -> tuple[Block, ...]:
    """The current rules, as parse_article labels them."""
    return p.rules.blocks


def confident(p: Prepared, weights: Weights) -> tuple[Block, ...]:
    """newsclean.learn.scorer.rescore_confident: the rules unless the scorer is sure."""
    return rescore_confident(p.rules.blocks, weights=weights)


VARIANTS: dict[str, Labeller] = {
    "rules": rules,
    "scorer": scorer_alone,
    "combined": combined,
    "confident": confident,
}


def _result(p: Prepared, blocks: tuple[Block, ...]) -> PageResult:
    article = replace(p.rules, blocks=blocks)
    return evaluate_page(p.page, lambda _text: article)


def folds_of(pages: Sequence[Prepared], n: int) -> list[int]:
    """Assign each page a fold by a stable hash of its group, so a site is never split."""
    return [zlib.crc32(p.group.encode()) % n for p in pages]


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """Held-out page results per variant, the weights of each fold, and each page's fold."""

    results: dict[str, list[PageResult]]
    weights: tuple[Weights, ...]
    fold: dict[str, int]  # page file stem -> the fold that held it out


def cross_validate(
    pages: Sequence[Prepared], names: Sequence[str], fit: Fit, n: int
) -> CrossValidation:
    """Train on all folds but one, label the held-out pages every way, for each fold."""
    fold = folds_of(pages, n)
    results: dict[str, list[PageResult]] = {name: [] for name in VARIANTS}
    weights = []
    for k in range(n):
        weights.append(train([p for p, f in zip(pages, fold, strict=True) if f != k], names, fit))
        for p, f in zip(pages, fold, strict=True):
            if f == k:
                for name, labeller in VARIANTS.items():
                    results[name].append(_result(p, labeller(p, weights[k])))
        print(f"fold {k + 1}/{n} done", file=sys.stderr)
    stems = {Path(p.page.name).stem: f for p, f in zip(pages, fold, strict=True)}
    return CrossValidation(results, tuple(weights), stems)


def _aeb_scores(extracted: dict[str, str], truth: dict[str, str], cv: CrossValidation) -> str:
    matches: dict[str, list[PageMatch]] = {name: [] for name in VARIANTS}
    unseen = 0
    for key in sorted(truth):
        article = parse_article(extracted.get(key, ""), quotes="keep")
        fold = cv.fold.get("aeb-" + key[:12])  # the labelled page made from the same HTML
        unseen += fold is None
        weights = cv.weights[fold or 0]
        base = unlabelled(article.blocks)
        bounds = body_bounds(base)
        features = tuple(block_features(base, i, bounds) for i in range(len(base)))
        p = Prepared(Page(key, "corpus", "", ()), "", article, base, features, ())
        reference = shingles(truth[key])
        for name, labeller in VARIANTS.items():
            body = replace(article, blocks=labeller(p, weights)).body_text()
            matches[name].append(match_counts(reference, shingles(body)))
    rows = [f"  {name:<10} F1 {score_pages(m).f1:.3f}" for name, m in matches.items()]
    return "\n".join([*rows, f"  ({unseen} pages had no held-out fold: fold 1 weights)"])


def aeb_table(directory: Path, cv: CrossValidation) -> str:
    """Benchmark F1 after each variant, each page labelled by the fold that held its site out."""

    def bodies(name: str) -> dict[str, str]:
        data = json.loads((directory / name).read_text(encoding="utf-8"))
        return {k: v.get("articleBody") or "" for k, v in data.get("output", data).items()}

    truth = bodies("ground-truth.json")
    out = []
    for system in ("trafilatura", "html-text"):
        out.append(f"\naeb {system} -> newsclean, held-out")
        out.append(_aeb_scores(bodies(f"{system}.json"), truth, cv))
    return "\n".join(out)


def _f1(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def render_table(results: dict[str, list[PageResult]]) -> str:
    """Per-kind held-out F1 for each variant, one table per label format (Markdown)."""
    out = []
    for fmt, kinds in (("labelled", PAGE_LABELS), ("corpus", KINDS)):
        summaries = {
            name: summarise(fmt, [r for r in rs if r.format == fmt])  # type: ignore[arg-type]
            for name, rs in results.items()
        }
        if not any(s.pages for s in summaries.values()):
            continue
        pages = len(next(iter(summaries.values())).pages)
        out.append(f"\n{fmt} pages ({pages}), held-out F1")
        out.append("| kind | support | " + " | ".join(summaries) + " |")
        out.append("|---|---:|" + "---:|" * len(summaries))
        for i, kind in enumerate(kinds):
            support = next(iter(summaries.values())).kinds[i].support
            cells = " | ".join(_f1(s.kinds[i].f1) for s in summaries.values())
            out.append(f"| {kind} | {support} | {cells} |")
        cells = " | ".join(_f1(s.accuracy) for s in summaries.values())
        out.append(f"| accuracy | | {cells} |")
    return "\n".join(out)


# --- save --------------------------------------------------------------------------------


def top_features(weights: Weights, top: int = 8) -> dict[str, list[tuple[str, float]]]:
    """The features whose weight for a kind most exceeds their mean weight over kinds."""
    out: dict[str, list[tuple[str, float]]] = {}
    for k, kind in enumerate(weights.kinds):
        lift = [(name, row[k] - sum(row) / len(row)) for name, row in weights.table.items()]
        out[kind] = sorted(lift, key=lambda x: -x[1])[:top]
    return out


def drift_report(weights: Weights, names: Sequence[str]) -> str:
    """Say which features the packaged weights miss (they weigh 0) and which are stale."""
    drift = weight_drift(weights, names)
    lines = []
    if drift.missing:
        lines.append("not in weights.json, weigh 0 until retrained: " + ", ".join(drift.missing))
    if drift.stale:
        lines.append("in weights.json, no longer emitted, ignored: " + ", ".join(drift.stale))
    return "\n".join(lines) or "weights.json weighs every feature"


def save(weights: Weights, pages: Sequence[Prepared], paths: Sequence[str], fit: Fit) -> None:
    """Write the weight table with a header saying what it was trained on and when."""
    counts = Counter(t for p in pages for t in p.targets if t is not None)
    data = {
        "about": "newsclean block scorer: multinomial logistic regression over "
        "newsclean.learn.features.block_features; written by bench/train.py",
        "trained_on": [Path(p).name for p in paths],
        "trained_pages": len(pages),
        "trained_blocks": dict(sorted(counts.items())),
        "trained_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "settings": {
            "l2": fit.l2,
            "epochs": fit.epochs,
            "rate": fit.rate,
            "batch": fit.batch,
            "balance": fit.balance,
        },
        "kinds": list(weights.kinds),
        "features": list(weights.features),
        "bias": {k: round(b, 6) for k, b in zip(weights.kinds, weights.bias, strict=True)},
        "weights": {
            k: {f: round(row[i], 6) for f, row in weights.table.items()}
            for i, k in enumerate(weights.kinds)
        },
    }
    WEIGHTS_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare the pages, then cross-validate and/or train and save."""
    parser = argparse.ArgumentParser(prog="python bench/train_scorer.py")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cv", action="store_true", help="held-out table, rules vs scorer")
    parser.add_argument("--save", action="store_true", help="train on all, write weights.json")
    parser.add_argument("--aeb", type=Path, help="with --cv: dev-aeb directory to score too")
    parser.add_argument("--l2", type=float, default=Fit().l2)
    parser.add_argument("--epochs", type=int, default=Fit().epochs)
    args = parser.parse_args(argv)
    fit = Fit(l2=args.l2, epochs=args.epochs)
    pages = [prepare(*found) for found in find_pages(args.paths)]
    names = feature_names()
    groups = len({p.group for p in pages})
    print(f"{len(pages)} pages, {groups} groups, {len(names)} features", file=sys.stderr)
    print(drift_report(load_weights(), names), file=sys.stderr)
    if args.cv:
        cv = cross_validate(pages, names, fit, args.folds)
        print(render_table(cv.results))
        if args.aeb:
            print(aeb_table(args.aeb, cv))
    if args.save:
        weights = train(pages, names, fit)
        save(weights, pages, args.paths, fit)
        for kind, feats in top_features(weights).items():
            print(f"{kind}: " + ", ".join(f"{n} {w:+.2f}" for n, w in feats))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
