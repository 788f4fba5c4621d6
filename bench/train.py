"""Train newsclean's learned labeller (newsclean/learn/labeller.json) and measure it by site.

Usage:
  python bench/train.py PATH... [--cv] [--save] [--validate DIR] [--folds N] [--fraction F]
                        [--drop GROUP,...] [--no-stage2] [--c X]

PATH holds labelled texts in either format newsclean.evaluate reads: the team corpus, the
dev-corpus, the train-pages directory (only its ``train`` split is read: whole sites are held
out for validation). Each block gets the gold kind of the gold blocks aligned to it
(evaluate's word alignment); headline blocks are left to headlines.py. Disputed blocks are
skipped (see corpus/README.md, "Conventions for training"): photo credits the markup marks by
a ``credit`` class, and bylines / "Related" lines that Dragnet/CleanPortalEval's gold text
keeps as body.

``--cv``: site-grouped cross-validation on the training pages (pages grouped by domain, whole
groups held out), per-kind F1 for the rules and the labeller. ``--validate DIR``: train on all
training pages, score the ``validation`` split of DIR. ``--save``: train on all, write the
model. ``--fraction``: train on that share of the training groups (learning curve).
``--drop``: leave feature groups out (ablation): signals, lexical, neighbours, context.
Needs the ``train`` extra (numpy, scipy, scikit-learn); deterministic. Run by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import regex
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from newsclean.blocks.headlines import split_headlines
from newsclean.blocks.paragraphs import segment_paragraphs
from newsclean.classify.run import is_top_furniture, label_blocks
from newsclean.evaluate.measure import PageResult, align, evaluate_page, summarise
from newsclean.evaluate.pages import PAGE_LABELS, Page, words
from newsclean.io.pages import find_pages, load_page, read_splits
from newsclean.learn import labeller
from newsclean.learn.labeller import LEARNED_KINDS, Features, Model, Stage
from newsclean.model import KINDS, Article, Block
from newsclean.text.pipeline import clean_text

MODEL_PATH = Path(__file__).resolve().parent.parent / "newsclean" / "learn" / "labeller.json"
TARGET = {"body": "paragraph", "paragraph": "paragraph", "subheading": "subheading",
          "caption": "caption", "boilerplate": "boilerplate"}  # fmt: skip
HEADLINE_KINDS = ("headline", "alt_headline")
#: A feature must be seen on pages of this many site groups to be kept (no one-site words).
MIN_GROUPS = 3
#: Weight of a team-corpus block against a real page's block (43 articles, hand-checked).
CORPUS_WEIGHT = 4.0
#: Class-weight power (0: every block alike; 1: every kind weighs the same in total).
BALANCE = 0.5
#: Gold text that keeps a byline or a "Related" line as body, where the team says furniture.
DISPUTED_BODY_RE = regex.compile(
    r"""
    ^(?:
        [Bb][Yy]\ +\p{Lu}                            # a byline: By + a capitalised name
      | (?i:related|see\ also|read\ more|more\ on)\b  # a link-list header
    )
    """,
    regex.VERBOSE,
)
LEXICAL = ("w:", "b:", "first:", "last:", "shape:", "start:", "end:")
CONTEXT = ("short-", "in-short", "paragraph-", "headline-sim", "repeats", "between-")
#: Feature groups for ablations (``--drop``): a name is in a group when the test holds.
GROUPS: dict[str, Callable[[str], bool]] = {
    "signals": lambda n: "sig:" in n,
    "sig-caption": lambda n: "sig:caption:" in n,
    "sig-boilerplate": lambda n: "sig:boilerplate:" in n,
    "sig-subheading": lambda n: "sig:subheading:" in n,
    "lexical": lambda n: n.startswith(LEXICAL),
    "neighbours": lambda n: n.startswith(("p1:", "p2:", "n1:", "n2:")),
    "context": lambda n: n.startswith(CONTEXT),
}


@dataclass(frozen=True, slots=True)
class Prepared:
    """One page, parsed to headlines once: its blocks, first-stage features and targets."""

    page: Page
    group: str
    corpus: bool
    blocks: tuple[Block, ...]
    features: tuple[Features, ...]
    targets: tuple[str | None, ...]
    synthetic: bool = False  # made by pasting captions in: trained on, never scored


# --- data --------------------------------------------------------------------------------


def headlined(text: str) -> tuple[Block, ...]:
    """The page's blocks as parse_article has them before labelling (headlines found)."""
    cleaned = clean_text(text, quotes="keep")
    return split_headlines(segment_paragraphs(cleaned.text), skip=is_top_furniture).blocks


def _disputed(data: dict[str, Any], source: str) -> list[bool]:
    out = []
    for entry in data.get("blocks", []):
        evidence = " ".join(entry.get("evidence") or [])
        credit = "credit" in evidence.casefold() and entry["label"] == "boilerplate"
        # Dragnet/CleanPortalEval keep bylines and "Related" lines (body, or an <h3>
        # subheading); the team calls them furniture: such blocks are not learned from
        kept = entry["label"] in ("body", "subheading") and source in ("drg", "cpe", "dev")
        out.append(credit or bool(kept and DISPUTED_BODY_RE.match(entry["text"])))
    return out


def _targets(page: Page, blocks: Sequence[Block], skip: Sequence[bool]) -> tuple[str | None, ...]:
    alignment = align([g.words for g in page.gold], [words(b.text) for b in blocks])
    votes: list[Counter[str]] = [Counter() for _ in blocks]
    flagged = [False] * len(blocks)
    for n, (gold, link) in enumerate(zip(page.gold, alignment.gold_to_pred, strict=True)):
        if link is not None:
            votes[link][gold.kind] += len(gold.words) or 1
            flagged[link] |= bool(skip and skip[n])
    out: list[str | None] = []
    for block, vote, bad in zip(blocks, votes, flagged, strict=True):
        kind = vote.most_common(1)[0][0] if vote else None
        ok = not bad and block.kind not in HEADLINE_KINDS and kind in TARGET
        out.append(TARGET[kind] if ok and kind else None)
    return tuple(out)


def _group(data: dict[str, Any], name: str, index: dict[str, Any]) -> str:
    stem = Path(name).stem
    if stem in index and index[stem].get("domain"):
        return str(index[stem]["domain"])
    url = data.get("url") or ""
    host = regex.sub(r"^https?://(?:www\.)?", "", url).split("/")[0]
    return host.lower() or "page:" + stem


def prepare(text_path: Path, labels: Path, fmt: str, index: dict[str, Any]) -> Prepared:
    """Parse one labelled page to its headlines and compute features and targets."""
    page = load_page(text_path, labels, fmt)  # type: ignore[arg-type]
    blocks = headlined(page.text)
    if fmt == "corpus":
        group, skip, corpus = "corpus:" + text_path.stem, [], True
    else:
        data = json.loads(labels.read_text(encoding="utf-8"))
        source = "dev" if text_path.parent.name == "dev-corpus" else text_path.stem[:3]
        group, skip, corpus = _group(data, page.name, index), _disputed(data, source), False
    features = labeller.first_features(blocks)
    return Prepared(page, group, corpus, blocks, features, _targets(page, blocks, skip))


def load(paths: Sequence[str], split: str) -> list[Prepared]:
    """Prepare every page under ``paths``; a directory with an index gives only ``split``."""
    out = []
    for name in paths:
        index = _index(Path(name))
        chosen = split if index else None
        out.extend(prepare(*found, index) for found in find_pages([name], chosen))
    return out


def _index(path: Path) -> dict[str, Any]:
    if not path.is_dir() or not read_splits(path):
        return {}
    data: dict[str, Any] = json.loads((path / "index.json").read_text(encoding="utf-8"))
    return data


# --- model -------------------------------------------------------------------------------


def keep(name: str, drop: Sequence[str]) -> bool:
    """Whether a feature survives the ablation ``drop`` (group names of ``GROUPS``)."""
    return not any(GROUPS[g](name) for g in drop)


@dataclass(frozen=True, slots=True)
class Settings:
    """Training settings."""

    c: float = 0.5
    folds: int = 4  # inner folds for the out-of-fold first-stage probabilities
    stage2: bool = True
    drop: tuple[str, ...] = ()
    calibrate: bool = True  # per-kind offsets on the second stage (see offsets())


def vocabulary(pages: Sequence[Prepared], settings: Settings) -> list[str]:
    """Feature names seen on pages of at least MIN_GROUPS site groups (team corpus: any)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for p in pages:
        for f in p.features:
            for name in f:
                groups[name].add(p.group)
    return sorted(n for n, g in groups.items() if len(g) >= MIN_GROUPS and keep(n, settings.drop))


def _matrix(rows: Sequence[Features], index: dict[str, int]) -> sparse.csr_matrix:
    data, cols, ptr = [], [], [0]
    for f in rows:
        for name, value in f.items():
            j = index.get(name)
            if j is not None:
                cols.append(j)
                data.append(value)
        ptr.append(len(cols))
    return sparse.csr_matrix((data, cols, ptr), shape=(len(rows), len(index)))


def _rows(
    pages: Sequence[Prepared], feats: Sequence[Sequence[Features]]
) -> tuple[list[Features], list[int], list[float]]:
    xs, ys, ws = [], [], []
    for p, fs in zip(pages, feats, strict=True):
        for f, t in zip(fs, p.targets, strict=True):
            if t is not None:
                xs.append(f)
                ys.append(LEARNED_KINDS.index(t))  # type: ignore[arg-type]
                ws.append(CORPUS_WEIGHT if p.corpus else 1.0)
    counts = Counter(ys)
    top = max(counts.values())
    ws = [w * (top / counts[y]) ** BALANCE for w, y in zip(ws, ys, strict=True)]
    return xs, ys, ws


def fit_stage(
    pages: Sequence[Prepared], feats: Sequence[Sequence[Features]], names: list[str], c: float
) -> Stage:
    """Fit one multinomial logistic regression (L2, lbfgs: deterministic)."""
    xs, ys, ws = _rows(pages, feats)
    index = {n: i for i, n in enumerate(names)}
    model = LogisticRegression(C=c, max_iter=300, tol=1e-4)
    model.fit(_matrix(xs, index), np.array(ys), sample_weight=np.array(ws))
    coef = model.coef_  # (kinds, features)
    table = {n: tuple(float(w) for w in coef[:, i]) for n, i in index.items()}
    table = {n: row for n, row in table.items() if max(abs(w) for w in row) >= 1e-3}
    return labeller.make_stage(model.intercept_.tolist(), table)


def folds_of(pages: Sequence[Prepared], n: int, salt: str = "") -> list[int]:
    """Assign each page a fold by a stable hash of its group, so a site is never split."""
    return [zlib.crc32((salt + p.group).encode()) % n for p in pages]


def _stage1_probs(stage: Stage, feats: Sequence[Features]) -> list[tuple[float, ...]]:
    return [labeller.stage_probabilities(stage, f) for f in feats]


def _second(p: Prepared, stage: Stage) -> tuple[Features, ...]:
    return labeller.second_features(p.features, _stage1_probs(stage, p.features), LEARNED_KINDS)


def train(pages: Sequence[Prepared], settings: Settings) -> Model:
    """Train both stages; the second on the first stage's out-of-fold probabilities."""
    names = vocabulary(pages, settings)
    first = fit_stage(pages, [p.features for p in pages], names, settings.c)
    if not settings.stage2:
        return Model(LEARNED_KINDS, first, labeller.make_stage((0.0,) * len(LEARNED_KINDS), {}), {})
    fold = folds_of(pages, settings.folds, salt="inner")
    second_rows: list[tuple[Features, ...]] = [()] * len(pages)
    for k in range(settings.folds):
        inner = fit_stage(
            [p for p, f in zip(pages, fold, strict=False) if f != k],
            [p.features for p, f in zip(pages, fold, strict=False) if f != k],
            names,
            settings.c,
        )
        for i, p in enumerate(pages):
            if fold[i] == k:
                second_rows[i] = _second(p, inner)
    s2names = sorted({n for rows in second_rows for f in rows for n in f})
    second = fit_stage(pages, second_rows, s2names, settings.c)
    if settings.calibrate:
        shift = offsets(pages, second_rows, s2names, fold, settings)
        second = labeller.make_stage([b + o for b, o in zip(second.bias, shift, strict=True)],
                                     second.table)  # fmt: skip
    return Model(LEARNED_KINDS, first, second, {})


#: Steps tried for each kind's offset, in turn, for a few rounds (coordinate search).
OFFSET_STEPS = (-1.0, -0.6, -0.3, 0.3, 0.6, 1.0, 1.5)


def offsets(
    pages: Sequence[Prepared],
    second_rows: Sequence[Sequence[Features]],
    names: list[str],
    fold: Sequence[int],
    settings: Settings,
) -> tuple[float, ...]:
    """Per-kind offsets to the second stage's bias that maximise the mean per-kind F1 of the
    second stage's out-of-fold predictions (cross-fitted on the inner folds).

    Class weights (BALANCE) make the rarer kinds cheap to predict; the offsets put the
    decision where F1, the measure the issue sets, is highest. Paragraph's offset stays 0.
    """
    rows = []  # (log-probabilities, target index, guarded by choose())
    for k in range(settings.folds):
        inside = [i for i, f in enumerate(fold) if f != k]
        stage = fit_stage([pages[i] for i in inside], [second_rows[i] for i in inside], names,
                          settings.c)  # fmt: skip
        for i, f in enumerate(fold):
            if f != k:
                continue
            for feats, s2, t in zip(pages[i].features, second_rows[i], pages[i].targets,
                                    strict=True):  # fmt: skip
                if t is not None and not pages[i].corpus:
                    probs = labeller.stage_probabilities(stage, s2)
                    logs = [float(np.log(max(x, 1e-9))) for x in probs]
                    rows.append((logs, LEARNED_KINDS.index(t), labeller._is_plain_prose(feats)))
    shift = [0.0] * len(LEARNED_KINDS)
    best = _macro_f1(rows, shift)
    for _ in range(3):
        for k in range(1, len(LEARNED_KINDS)):
            for step in OFFSET_STEPS:
                trial = [*shift[:k], shift[k] + step, *shift[k + 1 :]]
                score = _macro_f1(rows, trial)
                if score > best + 1e-4:
                    best, shift = score, trial
    print(f"offsets {[round(x, 2) for x in shift]} (OOF macro F1 {best:.4f})", file=sys.stderr)
    return tuple(round(x, 2) for x in shift)


def _macro_f1(rows: Sequence[tuple[list[float], int, bool]], shift: Sequence[float]) -> float:
    n = len(LEARNED_KINDS)
    tp, fp, fn = [0] * n, [0] * n, [0] * n
    for logs, t, guarded in rows:
        probs = labeller.softmax([a + b for a, b in zip(logs, shift, strict=True)])
        k = labeller.choose(probs, {"full-paragraph": 1.0} if guarded else {}, LEARNED_KINDS)
        if k == t:
            tp[k] += 1
        else:
            fp[k] += 1
            fn[t] += 1
    return (
        sum(2 * a / (2 * a + b + c) if a else 0.0 for a, b, c in zip(tp, fp, fn, strict=True)) / n
    )


def label_page(p: Prepared, model: Model) -> tuple[Block, ...]:
    """Label a prepared page as parse_article does: comment section first, then the model."""
    return labeller.label_prepared(p.blocks, p.features, model)


# --- measure -----------------------------------------------------------------------------

Labeller = Callable[[Prepared, Model], tuple[Block, ...]]


def rules(p: Prepared, model: Model) -> tuple[Block, ...]:
    """The rules, as classify.run.label_blocks labels them."""
    return label_blocks(p.blocks)


def _result(p: Prepared, blocks: tuple[Block, ...]) -> PageResult:
    article = Article(headline="", blocks=blocks)
    return evaluate_page(p.page, lambda _text: article)


def cross_validate(
    pages: Sequence[Prepared], settings: Settings, n: int
) -> dict[str, list[PageResult]]:
    """Train on all folds but one, label the held-out pages both ways, for each fold."""
    fold = folds_of(pages, n)
    results: dict[str, list[PageResult]] = {"rules": [], "learned": []}
    for k in range(n):
        model = train([p for p, f in zip(pages, fold, strict=False) if f != k], settings)
        for p, f in zip(pages, fold, strict=True):
            if f == k and not p.synthetic:
                results["rules"].append(_result(p, rules(p, model)))
                results["learned"].append(_result(p, label_page(p, model)))
        print(f"fold {k + 1}/{n} done", file=sys.stderr)
    return results


def _f1(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def render_table(results: dict[str, list[PageResult]]) -> str:
    """Per-kind F1 for each variant, one table per label format (Markdown)."""
    out = []
    for fmt, kinds in (("labelled", PAGE_LABELS), ("corpus", KINDS)):
        summaries = {
            name: summarise(fmt, [r for r in rs if r.format == fmt])  # type: ignore[arg-type]
            for name, rs in results.items()
        }
        if not any(s.pages for s in summaries.values()):
            continue
        pages = len(next(iter(summaries.values())).pages)
        out.append(f"\n{fmt} pages ({pages}), F1")
        out.append("| kind | support | " + " | ".join(summaries) + " |")
        out.append("|---|---:|" + "---:|" * len(summaries))
        for i, kind in enumerate(kinds):
            support = next(iter(summaries.values())).kinds[i].support
            cells = " | ".join(_f1(s.kinds[i].f1) for s in summaries.values())
            out.append(f"| {kind} | {support} | {cells} |")
        cells = " | ".join(_f1(s.accuracy) for s in summaries.values())
        out.append(f"| accuracy | | {cells} |")
        lost = " | ".join(str(s.words_lost) for s in summaries.values())
        out.append(f"| words lost | | {lost} |")
    return "\n".join(out)


# --- save --------------------------------------------------------------------------------


def _stage_data(stage: Stage) -> dict[str, Any]:
    return {
        "bias": [round(b, 4) for b in stage.bias],
        "weights": {n: [round(w, 4) for w in row] for n, row in sorted(stage.table.items())},
    }


def save(model: Model, pages: Sequence[Prepared], paths: Sequence[str], settings: Settings) -> None:
    """Write the model with a header saying what it was trained on."""
    counts = Counter(t for p in pages for t in p.targets if t is not None)
    data = {
        "about": "newsclean learned labeller: two-stage multinomial logistic regression over "
        "newsclean.learn.labeller features; written by bench/train.py --save",
        "trained_on": [Path(p).name for p in paths],
        "trained_pages": len(pages),
        "trained_groups": len({p.group for p in pages}),
        "trained_blocks": dict(sorted(counts.items())),
        "settings": {
            "c": settings.c,
            "folds": settings.folds,
            "min_groups": MIN_GROUPS,
            "corpus_weight": CORPUS_WEIGHT,
            "balance": BALANCE,
            "calibrate": settings.calibrate,
            "drop": list(settings.drop),
        },
        "kinds": list(model.kinds),
        "first": _stage_data(model.first),
        "second": _stage_data(model.second),
    }
    MODEL_PATH.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


def subset(pages: Sequence[Prepared], fraction: float) -> list[Prepared]:
    """Keep the team corpus and ``fraction`` of the other site groups (stable hash)."""
    if fraction >= 1:
        return list(pages)
    cut = int(fraction * 1000)
    return [p for p in pages if p.corpus or zlib.crc32(("lc" + p.group).encode()) % 1000 < cut]


def _caption_pool(pages: Sequence[Prepared]) -> list[tuple[str, str]]:
    return [
        (p.group, b.text)
        for p in pages
        if not p.corpus
        for b, t in zip(p.blocks, p.targets, strict=True)
        if t == "caption"
    ]


def _gaps(p: Prepared) -> list[int]:
    """Indexes between two body paragraphs (targets), where a caption could be pasted."""
    t = p.targets
    return [i for i in range(1, len(t)) if t[i - 1] == "paragraph" and t[i] == "paragraph"]


def synthetic(pages: Sequence[Prepared], per_page: int = 1, seed: int = 7) -> list[Prepared]:
    """Pages with real caption texts of other sites pasted between two of their paragraphs.

    Deterministic (seeded); each synthetic page keeps its site group, so cross-validation
    never sees a page's twin on the other side. Only the pasted block is a target: the rest
    of the page is already in training as it is.
    """
    rng = random.Random(seed)
    pool = _caption_pool(pages)
    out = []
    for p in pages:
        gaps = _gaps(p)
        if p.corpus or not gaps or not pool:
            continue
        blocks, targets = list(p.blocks), [None] * len(p.blocks)
        for at in sorted(rng.sample(gaps, min(per_page, len(gaps))), reverse=True):
            group, text = pool[rng.randrange(len(pool))]
            if group == p.group:
                continue
            blocks.insert(at, Block(text, blocks[at].line, blocks[at].span))
            targets.insert(at, "caption")
        if "caption" in targets:
            feats = labeller.first_features(blocks)
            out.append(
                replace(
                    p, blocks=tuple(blocks), features=feats, targets=tuple(targets), synthetic=True
                )
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare the pages, then cross-validate, validate and/or train and save."""
    parser = argparse.ArgumentParser(prog="python bench/train.py")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--save", action="store_true")
    parser.add_argument("--validate", type=str)
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--drop", default="")
    parser.add_argument("--no-stage2", action="store_true")
    parser.add_argument("--synthetic", type=int, default=0, help="pasted captions per page")
    parser.add_argument("--c", type=float, default=Settings().c)
    parser.add_argument("--no-calibrate", action="store_true", help="no per-kind offsets")
    args = parser.parse_args(argv)
    drop = tuple(d for d in args.drop.split(",") if d)
    settings = Settings(
        c=args.c, stage2=not args.no_stage2, drop=drop, calibrate=not args.no_calibrate
    )
    start = time.process_time()
    pages = subset(load(args.paths, "train"), args.fraction)
    if args.synthetic:
        made = synthetic(pages, args.synthetic)
        print(f"{len(made)} synthetic caption pages", file=sys.stderr)
        pages += made
    groups = len({p.group for p in pages})
    print(
        f"{len(pages)} pages, {groups} groups, prepared in {time.process_time() - start:.0f}s",
        file=sys.stderr,
    )
    if args.cv:
        print(render_table(cross_validate(pages, settings, args.folds)))
    if args.validate or args.save:
        model = train(pages, settings)
        print(f"trained in {time.process_time() - start:.0f}s CPU", file=sys.stderr)
        if args.save:
            save(model, pages, args.paths, settings)
        if args.validate:
            held = load([args.validate], "validation")
            results = {
                "rules": [_result(p, rules(p, model)) for p in held],
                "learned": [_result(p, label_page(p, model)) for p in held],
            }
            print(render_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
