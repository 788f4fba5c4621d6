"""Ablation: what each rule signal, layout rule and site-specific word-list entry is worth.

Run by hand (not a test). For each variant the labels are recomputed with one thing taken
away and the per-kind F1 and the accuracy are compared with the untouched run:

- ``signal``: a classifier signal never fires (for the rules labeller); for the learned
  labeller its features (``sig:<kind>:<name>`` on the block and its neighbours) weigh 0 in an
  in-memory copy of the shipped model (no retraining, nothing written);
- ``relax``: a crosshead condition always holds (switching one off would remove every
  crosshead, which says nothing);
- ``layout``: a layout rule (or the comment-section rule) is left out;
- ``entry``: one site-specific word-list entry or pattern alternative is cut out of the
  compiled pattern that holds it (for both labellers: the signal fires less).

Decisions are taken on ``--split train`` (the train split of the labelled pages plus the
dev corpus); ``--split validation`` only reports. Only the pages a variant can change are
parsed again: the pages where the signal fired (or the rule changed a label, or the entry's
key words occur), so the run is exact and quick.

    python bench/ablate.py --split train --labeller rules
    python bench/ablate.py --split validation --labeller learned --only entry
    python bench/ablate.py --split train --table   # the plain per-kind table, no ablation
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import regex

import newsclean.article as article
from newsclean.classify import boilerplate, captions, layout, subheadings
from newsclean.classify.signal import LayoutRule, Signal
from newsclean.evaluate.measure import PageResult, evaluate_page, summarise
from newsclean.evaluate.pages import PAGE_LABELS, Page
from newsclean.io.pages import find_pages, load_page
from newsclean.learn import labeller as learned
from newsclean.model import Article, Labeller

SHARED = Path(__file__).resolve().parents[2] / "shared"
#: The signal modules, by the kind their signals give (the learned features' prefix).
SIGNAL_MODULES: tuple[tuple[str, Any], ...] = (
    ("caption", captions),
    ("boilerplate", boilerplate),
    ("subheading", subheadings),
)
ABLATABLE_KINDS = ("signal", "relax", "layout", "entry")
#: The site name of the team corpus' pages (scored apart, never counted as a site).
TEAM = "(team corpus)"


class Missing(LookupError):
    """An entry is not (or no longer) where the table says: deleted, or the code moved."""


@dataclass(frozen=True)
class Entry:
    """A site-specific entry: where it is compiled in, the text cut out, the key words a
    block must hold for the entry to matter (case-insensitive), and the site it names."""

    name: str
    module: Any
    attribute: str
    cut: str
    key: str
    site: str
    replacement: str = ""


def _phrase(entry: str, site: str, attribute: str = "FURNITURE_RE") -> Entry:
    # a FURNITURE_PHRASES entry inside its alternation, "just\ for\ you|" after "(?:" or
    # "|" (never last: the list has shorter entries)
    return Entry(f"phrase:{entry}", boilerplate, attribute, regex.escape(entry) + "|", entry, site)


#: The entries the issue names and others like them: each names one site's furniture.
ENTRIES: tuple[Entry, ...] = (
    _phrase("view/post comments", "registerguard/ap comments bar"),
    _phrase("view full size", "one site's image link"),
    _phrase("video ad feedback", "cnn.com"),
    _phrase("ad feedback", "cnn.com"),
    _phrase("on our radar", "one site's promo box"),
    _phrase("just for you", "one site's promo box"),
    _phrase("keep up to date", "one site's newsletter box"),
    _phrase("send flowers", "legacy.com obituaries"),
    _phrase("share a memory", "legacy.com obituaries"),
    _phrase("reuse this content", "theguardian.com"),
    _phrase("show key events only", "theguardian.com live blogs"),
    _phrase("show key events", "theguardian.com live blogs"),
    _phrase("key events", "theguardian.com live blogs"),
    _phrase("explore further", "phys.org"),
    _phrase("in this news", "one site's related box"),
    _phrase("listen more", "one site's audio box"),
    _phrase("more galleries", "one site's gallery box"),
    _phrase("other galleries", "one site's gallery box"),
    *(
        _phrase(f"continue reading {rest}", "nytimes.com")
        for rest in (
            "below main story",
            "below story",
            "below the main story",
            "below the story",
            "main story",
            "story",
            "the main story",
            "the story",
        )
    ),
    _phrase("story continues advertisement", "theglobeandmail.com"),
    _phrase("story continues below advertisement", "theglobeandmail.com"),
    Entry(
        "pattern:comments powered by",
        boilerplate,
        "FURNITURE_RE",
        r"| comments\ powered\ by\ \w+",
        "comments powered by",
        "disqus/livefyre footers",
    ),
    Entry(
        "pattern:guest book",
        boilerplate,
        "FURNITURE_RE",
        r"| (?:sign|view)\ (?:the\ |our\ )?guest\ ?book",
        "guest",
        "legacy.com obituaries",
    ),
    Entry(
        "comment-header:read/post comments",
        boilerplate,
        "COMMENT_HEADER_RE",
        r"(?:Read|View)/Post\ Comments.*|",
        "post comments",
        "registerguard/ap comments bar",
    ),
    Entry(
        "comment-header:condolences",
        boilerplate,
        "COMMENT_HEADER_RE",
        r"|.*?\bcondolences",
        "condolences",
        "legacy.com obituaries",
    ),
    Entry(
        "promo:owns shares",
        boilerplate,
        "PROMO_RE",
        r"|(?:owns?\ (?:shares|stock|positions?)\ (?:of|in)\b)",
        "own",
        "fool.com disclosures",
    ),
    Entry(
        "promo:memorial shop",
        boilerplate,
        "PROMO_RE",
        r"|(?:please\ visit\b.{0,60}\b(?:store|shop)\b)",
        "please visit",
        "legacy.com obituaries",
    ),
    Entry(
        "promo:personal non-commercial use",
        boilerplate,
        "PROMO_RE",
        r"|(?:for\ (?:your\ )?personal,?\ non-commercial\ use)",
        "non-commercial use",
        "dowjones reprints",
    ),
    Entry(
        "promo:receive updates by e-mail",
        boilerplate,
        "PROMO_RE",
        r"|(?:receive\ updates\ by\ e-?mail)",
        "receive updates by",
        "one blog's sign-up box",
    ),
    Entry(
        "bare-url:(END)",
        boilerplate,
        "URL_RE",
        r"(?:\ \(END\))?",
        "(end)",
        "yonhap sign-off",
    ),
    Entry(
        "mailbox:letterbox",
        boilerplate,
        "PROMO_RE",
        r"letterbox|",
        "letterbox",
        "one UK paper's newsletter pitch",
    ),
    # a second batch: furniture of a site or two found after the list
    Entry(
        "caption-opening:Image copyright",
        captions,
        "CAPTION_OPENING_RE",
        r"| Image\ copyright\b",
        "image copyright",
        "bbc.co.uk",
    ),
    *(
        Entry(f"comment-header:{key}", boilerplate, "COMMENT_HEADER_RE", cut, key, "?")
        for key, cut in (
            ("share or comment", r"Share\ or\ comment\b.*|"),
            ("the comments below", r"The\ comments\ below\b.*|"),
            ("comments from", r"Comments\ from\ .{1,40}|"),
            ("to post a comment", r"To\ post\ a\ comment\b.*|"),
            ("what you think", r"(?:Share|Tell\ us)\ what\ you\ think.*|"),
        )
    ),
    Entry(
        "promo:subscription error",
        boilerplate,
        "PROMO_RE",
        r"|(?:error\ (?:processing|has\ occurred).{0,30}(?:subscription|try\ again))",
        "error",
        "one site's sign-up form",
    ),
    Entry(
        "promo:broadcast listing",
        boilerplate,
        "PROMO_RE",
        r"|(?:^watch\b.{0,80}\blive\ (?:on|at|via)\b)",
        "watch",
        "one site's TV listing",
    ),
    Entry(
        "byline:From Haiti to Hollywood",
        boilerplate,
        "is_byline",
        ' or " to " in text',
        "from ",
        "one headline on one page",
    ),
)


# --- pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Labelled:
    """A page to score and the site group it comes from."""

    page: Page
    site: str


#: A saved page's file name that names its site: "…/html/cnn_001.html", "…/al.com1.html".
SAVED_NAME_RE = re.compile(r"/([a-z0-9.-]+?)(?:_?\d+)?\.html?$")


def _domain(labels: dict[str, Any]) -> str:
    """The page's site: its URL's host, or the saved file's name (newspaper4k's pages)."""
    host = urlparse(labels.get("url") or "").netloc.lower()
    named = SAVED_NAME_RE.search(labels.get("source") or "")
    return host.removeprefix("www.") or (named[1] if named else "?")


def _load(directory: Path, split: str | None) -> list[Labelled]:
    index_path = directory / "index.json"
    index = json.loads(index_path.read_text()) if index_path.exists() else {}
    out = []
    for found in find_pages([str(directory)], split):
        page = load_page(*found)
        meta = index.get(found[0].stem, {})
        site = meta.get("domain") or _domain(json.loads(found[1].read_text()))
        out.append(Labelled(page, site))
    return out


def load_pages(split: str, pages_dir: Path, dev_dir: Path, corpus: Path) -> list[Labelled]:
    """The train split plus the dev corpus (decisions), or the validation split (reports);
    and the team corpus, scored apart (it must stay right under the rules)."""
    pages = _load(pages_dir, split)
    if split == "train":
        pages += _load(dev_dir, None)
    return pages + [replace(p, site=TEAM) for p in _load(corpus, None)]


# --- parsing, with the text fixes done once per page ---------------------------------------


def cache_text_fixes() -> None:
    """Parse each text's fixes and paragraphs once: only labels change between variants."""
    for name in ("clean_text", "segment_paragraphs"):
        setattr(article, name, functools.cache(getattr(article, name)))


def parser(labeller: Labeller) -> Callable[[str], Article]:
    return functools.partial(article.parse_article, quotes="keep", labeller=labeller)


# --- recording what fired on which page ----------------------------------------------------


class Recorder:
    """Which signals fired (or, for ``relax``, were refused) and which rules changed labels,
    per page: a variant need only re-parse those pages."""

    def __init__(self) -> None:
        self.page = ""
        self.fired: dict[str, set[str]] = defaultdict(set)
        self.refused: dict[str, set[str]] = defaultdict(set)

    def wrap_predicate(self, key: str, predicate: Callable[..., bool]) -> Callable[..., bool]:
        def recorded(block: Any, context: Any) -> bool:
            result = predicate(block, context)
            (self.fired if result else self.refused)[key].add(self.page)
            return result

        return recorded

    def wrap_rule(self, key: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def recorded(blocks: Any) -> Any:
            out = function(blocks)
            if tuple(out) != tuple(blocks):
                self.fired[key].add(self.page)
            return out

        return recorded


def all_signals() -> list[tuple[str, Signal]]:
    return [(f"{kind}:{s.name}", s) for kind, module in SIGNAL_MODULES for s in module.SIGNALS]


def all_rules() -> list[tuple[str, LayoutRule]]:
    return [(f"layout:{r.name}", r) for r in (*boilerplate.RULES, *layout.RULES)]


@contextmanager
def recording(recorder: Recorder) -> Iterator[None]:
    """Route every signal predicate and layout rule through ``recorder`` for a while."""
    saved_signals = [(s, s.predicate) for _, s in all_signals()]
    saved_rules = [(r, r.function) for _, r in all_rules()]
    saved_read = learned.READ_SIGNALS
    for key, s in all_signals():
        object.__setattr__(s, "predicate", recorder.wrap_predicate(key, s.predicate))
    for key, r in all_rules():
        object.__setattr__(r, "function", recorder.wrap_rule(key, r.function))
    learned.READ_SIGNALS = tuple(
        (name, recorder.wrap_predicate(name, fires)) for name, fires in saved_read
    )
    try:
        yield
    finally:
        for s, predicate in saved_signals:
            object.__setattr__(s, "predicate", predicate)
        for r, function in saved_rules:
            object.__setattr__(r, "function", function)
        learned.READ_SIGNALS = saved_read


# --- variants ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One thing taken away: its name, what kind of ablation, and how to apply it."""

    name: str
    kind: str
    apply: Callable[[], Callable[[], None]]  # switches the variant on; returns the undo
    affected: Callable[[Recorder, Sequence[Labelled]], set[str]]


def _set_predicate(s: Signal, predicate: Callable[..., bool]) -> Callable[[], None]:
    old = s.predicate
    object.__setattr__(s, "predicate", predicate)
    return lambda: object.__setattr__(s, "predicate", old)


def _never(block: Any, context: Any) -> bool:
    return False


def _always(block: Any, context: Any) -> bool:
    return True


def _zero_model(feature: str) -> Callable[[], None]:
    """Make the learned labeller use a copy of its model with ``feature`` weighing 0 (on the
    block and as a neighbour's fact)."""
    model = learned.load_model()
    first = model.first
    zero = tuple(0.0 for _ in first.bias)
    table = {
        n: (zero if n == feature or n.endswith(":" + feature) else row)
        for n, row in first.table.items()
    }
    ablated = replace(model, first=learned.make_stage(first.bias, table))
    saved = learned.load_model
    learned.load_model = lambda: ablated  # type: ignore[assignment]
    return lambda: setattr(learned, "load_model", saved)


def _fired(recorder: Recorder, pages: Sequence[Labelled], key: str) -> set[str]:
    return set(recorder.fired[key])


def _refused(recorder: Recorder, pages: Sequence[Labelled], key: str) -> set[str]:
    return set(recorder.refused[key])


def signal_variants(labeller: Labeller) -> list[Variant]:
    out = []
    for key, s in all_signals():
        if labeller == "learned":
            apply = functools.partial(_zero_model, f"sig:{key}")
        else:
            apply = functools.partial(_set_predicate, s, _never)
        out.append(Variant(key, "signal", apply, functools.partial(_fired, key=key)))
    if labeller == "rules":
        for s in subheadings.CROSSHEAD:
            key = f"subheading:{s.name}"
            apply = functools.partial(_set_predicate, s, _always)
            out.append(Variant(key, "relax", apply, functools.partial(_refused, key=key)))
    return out


def _without_rule(module: Any, rule: LayoutRule) -> Callable[[], None]:
    old = module.RULES
    module.RULES = tuple(r for r in old if r is not rule)
    return lambda: setattr(module, "RULES", old)


def layout_variants() -> list[Variant]:
    out = []
    for key, rule in all_rules():
        module = boilerplate if rule in boilerplate.RULES else layout
        apply = functools.partial(_without_rule, module, rule)
        out.append(Variant(key, "layout", apply, functools.partial(_fired, key=key)))
    return out


def _cut_pattern(entry: Entry) -> Callable[[], None]:
    """Recompile ``entry``'s pattern without the entry (the pattern's source, less its text)."""
    old = getattr(entry.module, entry.attribute)
    engine, source, flags = old._source
    where = r"(?<=[|:])" if entry.name.startswith("phrase:") else ""
    cut, count = re.subn(where + re.escape(entry.cut), lambda _: entry.replacement, source)
    if count != 1:
        raise Missing(f"{entry.name}: {entry.cut!r} is not once in {entry.attribute}")
    new = type(old)(engine, cut, flags)
    setattr(entry.module, entry.attribute, new)
    return lambda: setattr(entry.module, entry.attribute, old)


def _cut_code(entry: Entry) -> Callable[[], None]:
    """Rebuild a signal whose entry is a condition in its code, without the condition."""
    import inspect
    import textwrap

    s: Signal = getattr(entry.module, entry.attribute)
    code = textwrap.dedent(inspect.getsource(s.predicate))
    if code.count(entry.cut) != 1:
        raise Missing(f"{entry.name}: {entry.cut!r} is not once in {entry.attribute}")
    code = "\n".join(line for line in code.replace(entry.cut, "").splitlines() if line[:1] != "@")
    namespace = dict(vars(entry.module))
    exec(code, namespace)  # a bench script recompiling the package's own code
    return _set_predicate(s, namespace[s.predicate.__name__])


def _pages_with(key: str, pages: Sequence[Labelled]) -> set[str]:
    pattern = re.compile(r"\s+".join(map(re.escape, key.split())), re.IGNORECASE)
    return {p.page.name for p in pages if pattern.search(p.page.text)}


def _entry_pages(recorder: Recorder, pages: Sequence[Labelled], key: str) -> set[str]:
    return _pages_with(key, pages)


def entry_variants() -> list[Variant]:
    """The entries still in the code (a deleted one is named on stderr and skipped)."""
    out = []
    for e in ENTRIES:
        attr = getattr(e.module, e.attribute)
        apply = functools.partial(_cut_code if isinstance(attr, Signal) else _cut_pattern, e)
        try:
            apply()()  # cut and put back at once: is the entry still there?
        except Missing as gone:
            print(f"skipped (not in the code): {gone}", file=sys.stderr)
            continue
        affected = functools.partial(_entry_pages, key=e.key)
        out.append(Variant(e.name, "entry", apply, affected))
    return out


# --- scoring -------------------------------------------------------------------------------


def baseline(
    pages: Sequence[Labelled], labeller: Labeller
) -> tuple[dict[str, PageResult], Recorder]:
    recorder = Recorder()
    parse = parser(labeller)
    results = {}
    with recording(recorder):
        for p in pages:
            recorder.page = p.page.name
            results[p.page.name] = evaluate_page(p.page, parse)
    return results, recorder


def run_variant(
    variant: Variant,
    pages: Sequence[Labelled],
    base: dict[str, PageResult],
    recorder: Recorder,
    labeller: Labeller,
) -> tuple[dict[str, PageResult], set[str]]:
    affected = variant.affected(recorder, pages)
    undo = variant.apply()
    try:
        parse = parser(labeller)
        changed = {
            p.page.name: evaluate_page(p.page, parse) for p in pages if p.page.name in affected
        }
    finally:
        undo()
    return {**base, **changed}, affected


def row(results: dict[str, PageResult]) -> dict[str, float | None]:
    """Per-kind F1 and accuracy of the labelled pages, and the team corpus' accuracy."""
    pages = summarise("labelled", [r for r in results.values() if r.format == "labelled"])
    team = summarise("corpus", [r for r in results.values() if r.format == "corpus"])
    f1 = {k.kind: k.f1 for k in pages.kinds if k.kind in PAGE_LABELS}
    lost = pages.words_lost + team.words_lost
    return {**f1, "accuracy": pages.accuracy, "corpus": team.accuracy, "lost": lost}


def _correct(result: PageResult) -> int:
    return sum(o.correct for o in result.outcomes)


def site_effect(
    base: dict[str, PageResult], now: dict[str, PageResult], sites: dict[str, str]
) -> tuple[int, int]:
    """How many site groups the variant helps and hurts (net correct blocks per site)."""
    net: dict[str, int] = defaultdict(int)
    for name, result in now.items():
        if result is not base[name] and sites[name] != TEAM:
            net[sites[name]] += _correct(result) - _correct(base[name])
    return sum(v > 0 for v in net.values()), sum(v < 0 for v in net.values())


# --- output --------------------------------------------------------------------------------

COLUMNS = (*PAGE_LABELS, "accuracy", "corpus")


def _fmt(value: float | None) -> str:
    return "   - " if value is None else f"{value:.3f}".lstrip("0").rjust(5)


def _delta(value: float | None, base: float | None) -> str:
    if value is None or base is None:
        return "    -"
    d = value - base
    return "    ." if abs(d) < 5e-4 else f"{d:+.3f}".replace("0.", ".")


def header(title: str) -> str:
    names = " ".join(c[:5].rjust(6) for c in COLUMNS)
    return f"| {title:<44} | {names} | pages | sites +/- |"


def format_base(name: str, base: dict[str, float | None], count: int) -> str:
    cells = " ".join(_fmt(base[c]).rjust(6) for c in COLUMNS)
    return f"| {name:<44} | {cells} | {count:5d} |           |"


def format_row(
    name: str,
    r: dict[str, float | None],
    base: dict[str, float | None],
    n: int,
    sites: tuple[int, int],
) -> str:
    cells = " ".join(_delta(r[c], base[c]).rjust(6) for c in COLUMNS)
    return f"| {name:<44} | {cells} | {n:5d} | {sites[0]:4d}/{sites[1]:<4d} |"


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser_ = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser_.add_argument("--split", choices=("train", "validation"), default="train")
    parser_.add_argument("--labeller", choices=("rules", "learned"), default="rules")
    parser_.add_argument("--only", nargs="*", choices=ABLATABLE_KINDS, help="ablation kinds")
    parser_.add_argument("--match", help="only variants whose name holds this text")
    parser_.add_argument("--table", action="store_true", help="the baseline table only")
    parser_.add_argument("--pages", type=Path, default=SHARED / "train-pages")
    parser_.add_argument("--dev", type=Path, default=SHARED / "dev-corpus")
    parser_.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "corpus"
    )
    parser_.add_argument("--json", type=Path, help="also write every row here")
    return parser_.parse_args(argv)


def variants(args: argparse.Namespace) -> list[Variant]:
    found = [*signal_variants(args.labeller), *layout_variants(), *entry_variants()]
    kinds = set(args.only or ABLATABLE_KINDS)
    return [v for v in found if v.kind in kinds and (not args.match or args.match in v.name)]


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    pages = load_pages(args.split, args.pages, args.dev, args.corpus)
    sites = {p.page.name: p.site for p in pages}
    cache_text_fixes()
    base, recorder = baseline(pages, args.labeller)
    base_row = row(base)
    labelled = [p for p in pages if p.site != TEAM]
    count = f"{len(labelled)} pages, {len({p.site for p in labelled})} sites"
    title = f"{args.labeller} on {args.split} ({count})"
    print(header(title))
    print(format_base("(all)", base_row, len(pages)))
    rows: dict[str, Any] = {"(all)": base_row}
    if not args.table:
        for v in variants(args):
            now, affected = run_variant(v, pages, base, recorder, args.labeller)
            r = row(now)
            effect = site_effect(base, now, sites)
            print(format_row(f"{v.kind} {v.name}", r, base_row, len(affected), effect), flush=True)
            rows[f"{v.kind} {v.name}"] = {**r, "pages": len(affected), "sites": effect}
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
