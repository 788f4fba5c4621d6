"""Measure newsclean's speed and memory against ftfy alone, in one run, side by side.

Usage: python bench/bench.py [--sizes 1,10,100] [--steps LIST] [--profile N] [--keep DIR]
                             [--labeller rules|learned]
       python bench/bench.py --pages ../shared/dev-corpus [--rounds 3] [--startup 5]

Builds synthetic corpora of about 1, 10 (and 100) MB from the repository's own ``corpus/``
articles (paragraphs reshuffled per copy, so no two articles are the same text), writes them
to a temporary directory as one ``.txt`` file per article plus one JSON Lines file, and
times, each in a fresh child process so peak memory is its own:

- ``ftfy.fix_text`` alone over every text (the baseline);
- newsclean ``fix_text`` (characters only) and full ``parse_article``, labelled by the
  ``--labeller`` (``learned``, the default, as in newsclean, or ``rules``);
- the command line (with the same ``--labeller``) on the same files with ``-j 1`` and
  ``-j 2`` (``--format jsonl``, output to the null device), and on the JSON Lines file
  with ``-j 2``.

Prints a Markdown table (MB/s, time relative to ftfy, peak RSS of the largest process of
the child's tree, from ``wait4``), the machine, time linearity between the two largest
sizes, and the targets. ``--profile N`` adds the N costliest functions of ``parse_article``
on the smallest corpus (cProfile, by own time). Run by hand; it is not a test.

``--pages DIR`` measures real pages (the ``.txt`` files of DIR) in this one process: CPU
time of ``ftfy.fix_text``, newsclean's ``fix_text`` and ``parse_article`` side by side
(best of ``--rounds``), with both labellers, the ratios to ftfy, the stage table of
``parse_article`` for each labeller (see ``bench/stages.py``), and the command line with
``-j 1`` and ``-j 2`` on DIR. ``--startup N`` measures ``import newsclean`` and
``newsclean --version`` (median of N runs). Either alone
skips the synthetic corpora unless ``--sizes`` is given.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import stages

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MB = 1_000_000
# Blank-line paragraph breaks in either line-ending style.
PARAGRAPH_BREAK_RE = re.compile(r"(?:\r?\n){2,}")


@dataclass(frozen=True, slots=True)
class Step:
    """One measured way of processing a corpus: in-process function or command line."""

    name: str
    command: tuple[str, ...]
    jsonl: bool = False


@dataclass(frozen=True, slots=True)
class Measure:
    """A step's result on one corpus."""

    step: str
    megabytes: float
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    exit_status: int


# --- the corpus ---------------------------------------------------------------------


def _reshuffled(text: str, seed: int) -> str:
    """Keep the first two blocks (headline, standfirst) and shuffle the rest by ``seed``."""
    separator = "\r\n\r\n" if "\r\n" in text else "\n\n"
    blocks = PARAGRAPH_BREAK_RE.split(text.strip())
    head, body = blocks[:2], blocks[2:]
    random.Random(seed).shuffle(body)
    return separator.join(head + body) + separator[: len(separator) // 2]


def synthetic_articles(megabytes: float) -> Iterator[str]:
    """Yield articles from ``corpus/`` reshuffled per copy until ``megabytes`` are reached."""
    sources = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    if not sources:
        raise SystemExit(f"no .txt files in {CORPUS}")
    total, index = 0, 0
    while total < megabytes * MB:
        text = _reshuffled(sources[index % len(sources)], seed=index)
        total += len(text.encode("utf-8"))
        index += 1
        yield text


def write_corpus(directory: Path, megabytes: float) -> tuple[int, int]:
    """Write the articles as ``articles/NNNNNN.txt`` and ``articles.jsonl``; return count, bytes."""
    articles = directory / "articles"
    articles.mkdir(parents=True)
    count = size = 0
    with open(directory / "articles.jsonl", "w", encoding="utf-8") as lines:
        for count, text in enumerate(synthetic_articles(megabytes), start=1):
            (articles / f"{count:06d}.txt").write_text(text, encoding="utf-8", newline="")
            lines.write(json.dumps({"id": count, "text": text}, ensure_ascii=False) + "\n")
            size += len(text.encode("utf-8"))
    return count, size


# --- in-process steps (run in a child: python bench.py --inner STEP DIR) -----------------


def _function(step: str) -> Callable[[str], object]:
    if step.startswith("parse_article:"):
        from newsclean.article import parse_article

        labeller = step.removeprefix("parse_article:")
        return lambda text: parse_article(text, labeller=labeller)  # type: ignore[arg-type]
    if step == "ftfy.fix_text":
        import ftfy

        return ftfy.fix_text
    if step == "newsclean.fix_text":
        from newsclean.text.pipeline import fix_text

        return fix_text
    from newsclean.article import parse_article

    return parse_article


def inner(step: str, directory: Path) -> None:
    """Time ``step`` over every article file, one in memory at a time; print wall and CPU s."""
    function = _function(step)
    function("Warm up: caf\u00c3\u00a9 \u201cquotes\u201d.\n\nA paragraph.")
    seconds = cpu = 0.0
    for path in sorted((directory / "articles").iterdir()):
        text = path.read_text(encoding="utf-8")
        start, start_cpu = time.perf_counter(), time.process_time()
        function(text)
        seconds += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu}))


# --- running and measuring ------------------------------------------------------------


def steps(labeller: str = "learned") -> tuple[Step, ...]:
    """The steps, ftfy first: its time is the baseline of the ratio column. ``parse_article``
    and the command line label with ``labeller``."""
    python = sys.executable
    me = str(Path(__file__).resolve())
    cli = (
        python, "-m", "newsclean", "--format", "jsonl", "--no-progress", "--labeller", labeller
    )  # fmt: skip
    return (
        Step("ftfy.fix_text", (python, me, "--inner", "ftfy.fix_text")),
        Step("newsclean.fix_text", (python, me, "--inner", "newsclean.fix_text")),
        Step("newsclean.parse_article", (python, me, "--inner", f"parse_article:{labeller}")),
        Step("cli -j 1 (files)", (*cli, "-j", "1")),
        Step("cli -j 2 (files)", (*cli, "-j", "2")),
        Step("cli -j 2 (jsonl)", (*cli, "-j", "2", "--input-format", "jsonl"), jsonl=True),
    )


def measure(step: Step, directory: Path, megabytes: float, target: Path | None = None) -> Measure:
    """Run ``step`` in a child process; take its time and its tree's peak RSS (wait4)."""
    inner_step = "--inner" in step.command
    target = target or directory / ("articles.jsonl" if step.jsonl else "articles")
    argv = [*step.command, str(directory if inner_step else target)]
    started = time.perf_counter()
    child = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE if inner_step else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    # Read the pipes by hand: communicate() would reap the child before wait4 could.
    out = child.stdout.read() if child.stdout else b""
    err = child.stderr.read() if child.stderr else b""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if child.returncode:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    seconds, cpu = wall, usage.ru_utime + usage.ru_stime
    if inner_step and not child.returncode:
        timing = json.loads(out)
        seconds, cpu = timing["seconds"], timing["cpu"]
    return Measure(step.name, megabytes, seconds, cpu, usage.ru_maxrss / 1024, child.returncode)


# --- report ---------------------------------------------------------------------------


def machine() -> str:
    """Describe the machine: CPU model, usable cores, Python and library versions."""
    model = platform.processor() or "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    cores = len(os.sched_getaffinity(0))
    import ftfy
    import regex

    return (
        f"{model}, {cores} usable cores (of {os.cpu_count()}), Python "
        f"{platform.python_version()} ({platform.system()}), ftfy {ftfy.__version__}, "
        f"regex {regex.__version__}"
    )


def table(results: Sequence[Measure]) -> str:
    """Return the Markdown table: one row per size and step."""
    lines = [
        "| corpus | step | wall s | CPU s | MB/s | wall / ftfy | CPU / ftfy | peak RSS MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    wall = {m.megabytes: m.seconds for m in results if m.step == "ftfy.fix_text"}
    cpu = {m.megabytes: m.cpu_seconds for m in results if m.step == "ftfy.fix_text"}
    for m in results:
        failed = "" if m.exit_status == 0 else f" (exit {m.exit_status})"
        lines.append(
            f"| {m.megabytes:.3g} MB | {m.step}{failed} | {m.seconds:.1f} | {m.cpu_seconds:.1f} | "
            f"{m.megabytes / m.seconds:.2f} | {_ratio(m.seconds, wall.get(m.megabytes))} | "
            f"{_ratio(m.cpu_seconds, cpu.get(m.megabytes))} | {m.peak_rss_mb:.0f} |"
        )
    return "\n".join(lines)


def _ratio(value: float, baseline: float | None) -> str:
    return f"{value / baseline:.2f}×" if baseline else "n/a"


def _time(results: Sequence[Measure], step: str, megabytes: float, cpu: bool) -> float | None:
    found = [
        m.cpu_seconds if cpu else m.seconds
        for m in results
        if m.step == step and m.megabytes == megabytes
    ]
    return found[0] if found else None


def _quotient(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def targets(results: Sequence[Measure], sizes: Sequence[float]) -> list[str]:
    """Return one line per target: measured value and whether it is met (nothing asserted)."""
    lines = []
    big = max(sizes)

    def line(label: str, value: float | None, limit: float, at_most: bool) -> None:
        shown = "n/a" if value is None else f"{value:.2f}"
        met = value is not None and (value <= limit if at_most else value >= limit)
        sign = "≤" if at_most else "≥"
        lines.append(f"- {label}: {shown} (target {sign} {limit:g}) {'met' if met else 'NOT met'}")

    for cpu, kind in ((False, "wall"), (True, "CPU")):
        ratio = _quotient(
            _time(results, "newsclean.parse_article", big, cpu),
            _time(results, "ftfy.fix_text", big, cpu),
        )
        line(f"parse_article / ftfy.fix_text, {kind} time, {big:.3g} MB", ratio, 1.6, True)
    speedup = _quotient(
        _time(results, "cli -j 1 (files)", big, False),
        _time(results, "cli -j 2 (files)", big, False),
    )
    line(f"cli -j 2 speed-up over -j 1 (wall), {big:.3g} MB", speedup, 1.9, False)
    if len(sizes) > 1:
        small = sorted(sizes)[-2]
        for step in ("newsclean.parse_article", "cli -j 1 (files)"):
            for cpu, kind in ((False, "wall"), (True, "CPU")):
                growth = _quotient(_time(results, step, big, cpu), _time(results, step, small, cpu))
                label = f"{step} {kind} time, {big:.3g} MB / {small:.3g} MB"
                line(label, growth, round(1.1 * big / small, 1), True)
    peak = max(
        (m.peak_rss_mb for m in results if m.megabytes == big and m.step.startswith("cli")),
        default=None,
    )
    line(f"cli peak RSS (largest process), MB, {big:.3g} MB", peak, 200, True)
    return lines


def profile(directory: Path, top: int, labeller: str = "learned") -> str:
    """Profile ``parse_article`` over the corpus in ``directory``; return the top functions."""
    parse = _function(f"parse_article:{labeller}")
    texts = [p.read_text(encoding="utf-8") for p in sorted((directory / "articles").iterdir())]
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [parse(text) for text in texts])
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buffer.getvalue()


def _pages_cli(folder: Path, labeller: str) -> list[Measure]:
    """The command line on the real pages with -j 1 and -j 2 (wall and CPU, whole run)."""
    texts = stages.page_texts(folder)
    mb = sum(len(text.encode("utf-8")) for text in texts) / MB
    cli = (
        sys.executable, "-m", "newsclean", "--format", "jsonl", "--no-progress",
        "--labeller", labeller,
    )  # fmt: skip
    return [
        measure(Step(f"cli -j {jobs} (real pages)", (*cli, "-j", str(jobs))), folder, mb, folder)
        for jobs in (1, 2)
    ]


def _chosen(all_steps: Sequence[Step], wanted: str | None) -> list[Step]:
    words = [word.strip() for word in (wanted or "").split(",") if word.strip()]
    return [
        step
        for step in all_steps
        if not words or step.name == "ftfy.fix_text" or any(w in step.name for w in words)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpora, run every step on each, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="corpus sizes in MB (default 1,10)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="show N hot spots")
    parser.add_argument("--keep", metavar="DIR", help="build the corpora in DIR and keep them")
    parser.add_argument(
        "--steps",
        metavar="LIST",
        help="run only the steps whose names contain one of these comma-separated words "
        "(ftfy is always run: it is the baseline)",
    )
    parser.add_argument(
        "--labeller",
        choices=("rules", "learned"),
        default="learned",
        help="who labels in parse_article and the command line (--pages times both in-process)",
    )
    parser.add_argument("--pages", metavar="DIR", help="also measure the real pages in DIR")
    parser.add_argument("--rounds", type=int, default=3, help="--pages: rounds (best kept)")
    parser.add_argument("--startup", type=int, default=0, metavar="N", help="start-up, N runs")
    parser.add_argument("--inner", nargs=2, metavar=("STEP", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner:
        inner(args.inner[0], Path(args.inner[1]))
        return 0
    print(f"Machine: {machine()}", flush=True)
    print(f"Load average at start: {os.getloadavg()[0]:.2f}\n", flush=True)
    if args.startup:
        stages.ensure_bytecode()
        print(stages.startup_report(args.startup) + "\n", flush=True)
    if args.pages:
        print(stages.pages_report(Path(args.pages), args.rounds) + "\n", flush=True)
        cli_runs = _pages_cli(Path(args.pages), args.labeller)
        speedup = cli_runs[0].seconds / cli_runs[1].seconds
        print(table(cli_runs), flush=True)
        print(f"\n- cli -j 2 speed-up over -j 1 (wall), real pages, --labeller {args.labeller}: "
              f"{speedup:.2f} (target ≥ 1.9)")  # fmt: skip
    if (args.pages or args.startup) and args.sizes is None:
        print(f"Load average at end: {os.getloadavg()[0]:.2f}")
        return 0
    sizes = [float(size) for size in (args.sizes or "1,10").split(",")]
    results: list[Measure] = []
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as temp:
        root = Path(args.keep) if args.keep else Path(temp)
        for size in sizes:
            directory = root / f"{size:g}MB"
            count, nbytes = write_corpus(directory, size)
            print(
                f"{size:g} MB corpus: {count:,} articles, {nbytes:,} bytes",
                file=sys.stderr,
                flush=True,
            )
            for step in _chosen(steps(args.labeller), args.steps):
                result = measure(step, directory, nbytes / MB)
                results.append(result)
                print(f"  {step.name}: {result.seconds:.1f} s", file=sys.stderr, flush=True)
        print(table(results))
        print(f"\nparse_article and the command line: --labeller {args.labeller}")
        print(f"\nLoad average at end: {os.getloadavg()[0]:.2f}\n")
        print("\n".join(targets(results, sorted({m.megabytes for m in results}))))
        if args.profile:
            found = profile(root / f"{sizes[0]:g}MB", args.profile, args.labeller)
            print("\n```\n" + found + "```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
