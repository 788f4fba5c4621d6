"""Time newsclean on pathological input: long repetitions of short fragments.

Usage:
    python bench/pathological.py [--sizes 50,100,200,400] [--only NAME,NAME]
    python bench/pathological.py --fuzz [--lead] [--size 8000] [--families pairs,templates,...]
    python bench/pathological.py --patterns [--size 8000] [--families templates,cues]

Table mode (the default) times ``parse_article`` and the linter's ``fix_until_clean``
(default config, CPU time from ``time.process_time``) on the inputs of issue #13 item 12,
and those the fuzzer found, at 50, 100, 200 and 400 KB, and prints a Markdown table:
seconds, MB/s (UTF-8 bytes) and the growth of the time per doubling of the size (2.0 is
linear, 4.0 quadratic).

Fuzz mode builds fragments from the characters the patterns care about (separators,
quotes, dashes, colons, line ends, digits, capitals, entity pieces, brackets), repeats
each to two sizes, and flags a fragment whose time grows more than ``--growth`` times
when the size doubles (CPU time with the garbage collector paused: its full collections
walk every live object, noise that grows with the input); a flagged fragment is timed
again at four and eight times the size, so noise on a busy machine does not count. It
also lists the slowest fragments by throughput. ``--lead`` puts a full paragraph first,
so the fragments are read as body (comment headers, captions, layout).

Pattern mode runs every compiled ``*_RE`` of the package on its own (``match``, ``search``
and ``finditer``) on the same fragments at n and 4n characters, and names each pattern
whose cost grows more than 8 times, with the bound on the block that keeps it linear in
the pipeline (``GATED``) or ``UNGATED``. Run by hand; none of this is a test.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import itertools
import pkgutil
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import newsclean  # noqa: E402
from newsclean.article import parse_article  # noqa: E402
from newsclean.lint.config import Config  # noqa: E402
from newsclean.lint.run import fix_until_clean  # noqa: E402

CORPUS = ROOT / "corpus"
KB = 1000
MB = 1_000_000
#: The throughput every input must reach (issue #13, item 12).
FLOOR_MB_S = 0.3


@dataclass(frozen=True, slots=True)
class Case:
    """A named pathological input: ``fragment`` repeated, or ``source()`` repeated."""

    name: str
    fragment: str = ""
    quotes: str = "keep"
    source: Callable[[], str] | None = None
    lead: str = ""

    def text(self, size: int) -> str:
        """The input, ``size`` UTF-8 bytes long (to a character), after ``lead``."""
        unit = self.source() if self.source else self.fragment
        return self.lead + cut_to_bytes(unit * (size // len(unit.encode("utf-8")) + 1), size)


def cut_to_bytes(text: str, size: int) -> str:
    """Cut ``text`` to at most ``size`` UTF-8 bytes, on a character boundary."""
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def corpus_text(newline: str) -> str:
    """The repository's own corpus articles, one after another, with ``newline`` line ends."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    return "\n\n".join(t.strip() for t in texts).replace("\n", newline) + newline * 2


#: A full paragraph: what follows it counts as the body (comment headers, captions).
PARAGRAPH = (
    "The festival drew more than twelve thousand visitors over the weekend, the organisers "
    "said, the highest number since it began.\n\n"
)


CASES = (
    Case("LF article (reference)", source=lambda: corpus_text("\n")),
    Case("CR-only article", source=lambda: corpus_text("\r")),
    Case("CRLF article", source=lambda: corpus_text("\r\n")),
    Case("`a | ` breadcrumb", "a | "),
    Case("`a > ` breadcrumb", "a > "),
    Case("`'A` quoted heading", "'A"),
    Case("`|` punctuation run", "|"),
    Case('`"` straight-quote run', '"'),
    Case('`"` straight-quote run, quotes=curly', '"', quotes="curly"),
    Case("`“”` curly-quote run", "\u201c\u201d"),
    Case("`“”` curly-quote run, quotes=straight", "\u201c\u201d", quotes="straight"),
    Case("one long paragraph after a first", "A long sentence runs on here. ", lead=PARAGRAPH),
    Case("`By ”` block after a paragraph", "By \u201d", lead=PARAGRAPH),
    Case("`x␍` one-letter CR lines", "x\r"),
    Case("`x␊` one-letter lines", "x\n"),
)


def cpu_seconds(
    function: Callable[[str], object], text: str, repeat: int = 1, *, pause_gc: bool = False
) -> float:
    """The least CPU time of ``repeat`` calls of ``function(text)``; ``pause_gc`` pauses
    the cyclic garbage collector meanwhile (its full collections walk every live object,
    which makes linear code on fix-heavy input look up to 25 % superlinear)."""
    best = float("inf")
    if pause_gc:
        gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            function(text)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def functions(quotes: str) -> dict[str, Callable[[str], object]]:
    """The two measured entry points, with ``quotes`` as the quote style."""
    config = Config(quotes=quotes)  # type: ignore[arg-type]
    style = "straight" if quotes == "keep" else quotes
    return {
        "parse_article": lambda text: parse_article(text, quotes=style),  # type: ignore[arg-type]
        "fix_until_clean": lambda text: fix_until_clean(text, config),
    }


# --- table mode ----------------------------------------------------------------------------


def table_rows(case: Case, sizes: Sequence[int]) -> Iterator[str]:
    """One Markdown row per size: seconds, MB/s and growth of each function."""
    previous: dict[str, float] = {}
    for size in sizes:
        cells = [case.name, f"{size // KB} KB"]
        for name, function in functions(case.quotes).items():
            seconds = max(cpu_seconds(function, case.text(size), repeat=2), 1e-6)
            growth = f"{seconds / previous[name]:.1f}" if name in previous else ""
            previous[name] = seconds
            cells += [f"{seconds:.3f}", f"{size / MB / seconds:.2f}", growth]
        yield "| " + " | ".join(cells) + " |"


def print_table(cases: Sequence[Case], sizes: Sequence[int]) -> None:
    """Print the table header, then each case's rows as they are measured."""
    print(
        "| input | size | parse_article s | MB/s | growth | fix_until_clean s | MB/s | growth |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    for case in cases:
        for row in table_rows(case, sizes):
            print(row, flush=True)
    print(
        f"\nCPU seconds (time.process_time), best of two runs, Python {sys.version.split()[0]}; "
        f"growth = time / time at half the size (2.0 linear, 4.0 quadratic); "
        f"target: every row at least {FLOOR_MB_S} MB/s."
    )


# --- fuzz mode -----------------------------------------------------------------------------

#: The characters the patterns care about: separators, quotes, dashes, colons, line ends,
#: digits, capitals, spaces, entity pieces, brackets, and a few invisible or odd spaces.
ALPHABET = (
    *"|>'\"\u201c\u201d\u2018\u2019\u00ab\u00bb-\u2014:;&#()[]/.,!?*@$",
    *"\r\n\t 1aA",
    "\u00a0",
    "\u2060",
    "\u00c3",
)
#: Words that open or close what the patterns look for, each tried before a fragment.
CUES = (
    "By ",
    "Photo: ",
    "Read more ",
    "newsletter ",
    "said ",
    "Home > ",
    "1 of 2 ",
    "Updated ",
    "(c) ",
    "Reporting by ",
    "Posted by: ",
)


def fragments(family: str) -> Iterator[str]:
    """The fragments of one family: pairs, templates, random, cues."""
    if family == "pairs":
        yield from ALPHABET
        yield from ("".join(pair) for pair in itertools.product(ALPHABET, repeat=2))
    elif family == "templates":
        for char in ALPHABET:
            yield from (f"a{char} ", f"a {char} ", f"A{char}", f"{char}A", f"Word{char}")
    elif family == "random":
        rng = random.Random(13)
        pieces = (*ALPHABET, "Word", "a", "A", " ", "1")
        for _ in range(400):
            yield "".join(rng.choice(pieces) for _ in range(rng.randint(3, 6)))
    elif family == "cues":
        for cue, char in itertools.product(CUES, ALPHABET):
            yield from (cue + char, cue + char + " ")
    else:
        raise SystemExit(f"unknown family {family!r}: pairs, templates, random or cues")


@dataclass(frozen=True, slots=True)
class Growth:
    """One function's times on a fragment at a size and at twice the size."""

    function: str
    small: float
    large: float
    size: int

    @property
    def ratio(self) -> float:
        return self.large / max(self.small, 1e-4)

    @property
    def mb_s(self) -> float:
        return 2 * self.size / MB / max(self.large, 1e-6)


def growth(fragment: str, function: str, size: int, lead: str = "") -> Growth:
    """Time ``function`` on ``lead`` and ``fragment`` repeated to ``size`` and to twice that."""
    run = functions("keep")[function]
    case = Case(repr(fragment), fragment, lead=lead)
    small = cpu_seconds(run, case.text(size), repeat=2, pause_gc=True)
    large = cpu_seconds(run, case.text(2 * size), repeat=2, pause_gc=True)
    return Growth(function, small, large, size)


def superlinear(fragment: str, size: int, limit: float, lead: str) -> tuple[list[Growth], float]:
    """The growths above ``limit`` that stay above it at four and eight times the size
    (one noisy measurement is not enough), and the throughput of ``fix_until_clean``."""
    flagged = []
    mb_s = 0.0
    for name in ("parse_article", "fix_until_clean"):
        first = growth(fragment, name, size, lead)
        mb_s = first.mb_s
        if first.ratio > limit and first.large > 0.02:
            checks = [growth(fragment, name, factor * size, lead) for factor in (4, 8)]
            if all(check.ratio > limit for check in checks):
                flagged.append(checks[-1])
    return flagged, mb_s


def fuzz(families: Sequence[str], size: int, limit: float, lead: str = "") -> None:
    """Print each fragment whose time grows faster than linear, then the slowest ones."""
    slowest: list[tuple[float, str]] = []
    candidates = list(dict.fromkeys(f for family in families for f in fragments(family)))
    for number, fragment in enumerate(candidates, 1):
        found, mb_s = superlinear(fragment, size, limit, lead)
        for item in found:
            print(
                f"SUPERLINEAR {fragment!r} {item.function}: {item.small:.3f}s -> "
                f"{item.large:.3f}s at {item.size}/{2 * item.size} chars (x{item.ratio:.1f})",
                flush=True,
            )
        slowest.append((mb_s, fragment))
        if number % 50 == 0:
            print(f"... {number} of {len(candidates)} fragments", file=sys.stderr, flush=True)
    print(f"\n{len(candidates)} fragments tried; the slowest through fix_until_clean (MB/s):")
    for mb_s, fragment in sorted(slowest)[:15]:
        print(f"  {mb_s:6.2f}  {fragment!r}")


# --- pattern mode ---------------------------------------------------------------------------

#: Patterns superlinear on their own (found by this scan) and what keeps them linear in
#: the pipeline: a bound on the block's words caps the passes over it, or the pattern is
#: only ever tried at one place.
GATED = {
    "boilerplate.PROMO_RE": "is_promo: at most 50 words, each tries the rest of the block",
    "boilerplate.URL_RE": "is_bare_url: fullmatch only, one start",
    "boilerplate.RATING_RE": "is_rating: match only; blocks hold no runs of whitespace",
    "headlines.SITE_SUFFIX_RE": "split_site: headline-shaped lines; no runs of whitespace",
}


def package_patterns() -> dict[str, regex.Pattern[str]]:
    """Every compiled ``*_RE`` of the package's modules, by ``module.NAME``."""
    found: dict[str, regex.Pattern[str]] = {}
    for info in pkgutil.walk_packages(newsclean.__path__, "newsclean."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        short = info.name.rsplit(".", 1)[-1]
        for name, value in vars(module).items():
            if name.endswith("_RE") and isinstance(getattr(value, "pattern", None), str):
                found.setdefault(f"{short}.{name}", value)
    return found


def _scan(pattern: regex.Pattern[str], fragment: str, size: int) -> float:
    """CPU time of ``match``, ``search`` and a full ``finditer`` on the repeated fragment."""

    def run(text: str) -> None:
        pattern.match(text)
        pattern.search(text)
        for _ in pattern.finditer(text):
            pass

    return cpu_seconds(run, Case("", fragment).text(size), pause_gc=True)


def scan_patterns(families: Sequence[str], size: int) -> None:
    """Print each pattern and fragment whose cost grows more than 8x for 4x the size."""
    candidates = list(dict.fromkeys(f for family in families for f in fragments(family)))
    for name, pattern in package_patterns().items():
        print(f"... {name}", file=sys.stderr, flush=True)
        for fragment in candidates:
            small = _scan(pattern, fragment, size)
            if small < 0.002 or _scan(pattern, fragment, 4 * size) < 8 * small:
                continue
            note = GATED.get(name, "UNGATED: fix it")
            print(f"SUPERLINEAR {name} on {fragment!r} ({note})", flush=True)
            break  # one fragment per pattern is enough to say it


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="50,100,200,400", help="table sizes in KB")
    parser.add_argument("--only", help="table: comma-separated substrings of input names")
    parser.add_argument("--fuzz", action="store_true", help="hunt for superlinear fragments")
    parser.add_argument("--size", type=int, default=8000, help="fuzz: first size in chars")
    parser.add_argument("--growth", type=float, default=2.5, help="fuzz: flag above this")
    parser.add_argument("--families", default="pairs,templates,random,cues")
    parser.add_argument("--patterns", action="store_true", help="fuzz each *_RE on its own")
    parser.add_argument("--lead", action="store_true", help="fuzz: a paragraph goes first")
    args = parser.parse_args(argv)
    if args.patterns:
        scan_patterns(args.families.split(","), args.size)
        return 0
    if args.fuzz:
        fuzz(args.families.split(","), args.size, args.growth, PARAGRAPH if args.lead else "")
        return 0
    wanted = args.only.split(",") if args.only else None
    cases = [c for c in CASES if wanted is None or any(w in c.name for w in wanted)]
    print_table(cases, [int(s) * KB for s in args.sizes.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
