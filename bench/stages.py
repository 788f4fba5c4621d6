"""Speed on real pages, in one process: CPU time against ftfy, and where parse_article's
time goes, stage by stage; plus start-up costs. Used by ``bench/bench.py --pages DIR`` and
``--startup``; run by hand, never a test.

The stage table times the functions ``newsclean.article`` calls, looked up by name where
it calls them (``clean_text``, ``segment_paragraphs``, ``split_headlines``,
``label_blocks``...), and inside ``label_blocks`` whatever of today's labeller is found
(the comment-section rules, each pass, the context builder, the layout rules); with the
learned labeller, its parts (page facts, each rule signal, words, context, both stages'
scoring, explanations, decisions). A stage the code no longer has is left out of the table
and its time shows in its parent's "other" row, so the table keeps working when the
labeller is replaced.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MB = 1_000_000


@dataclass(frozen=True, slots=True)
class Stage:
    """A function timed where the pipeline looks it up: ``module.attribute``, or each
    item of a tuple of rules or passes (``member`` names the callable inside each item)."""

    label: str
    module: str
    attribute: str
    member: str | None = None


#: ``Stage.member`` for a tuple of ``(name, function)`` pairs (the learned labeller's signals).
PAIRS = "<pairs>"
LEARN = "newsclean.learn.labeller"


#: The stages; an item of a tuple shows as "label: item name". Nesting is found as they run.
STAGES: tuple[Stage, ...] = (
    Stage("text fixes (clean_text)", "newsclean.article", "clean_text"),
    Stage("segmentation (segment_paragraphs)", "newsclean.article", "segment_paragraphs"),
    Stage("line numbers (_original_lines)", "newsclean.article", "_original_lines"),
    Stage("headlines (split_headlines)", "newsclean.article", "split_headlines"),
    Stage(
        "top furniture (is_top_furniture)",
        "newsclean.article",
        "is_top_furniture",
    ),
    Stage("labelling (label_blocks)", "newsclean.article", "label_blocks"),
    Stage(
        "rule",
        "newsclean.classify.boilerplate",
        "RULES",
        member="function",
    ),
    Stage(
        "pass",
        "newsclean.classify.run",
        "PASSES",
        member="decide",
    ),
    Stage(
        "block contexts (context_of)",
        "newsclean.classify.run",
        "context_of",
    ),
    Stage(
        "layout (apply_layout)",
        "newsclean.classify.run",
        "apply_layout",
    ),
    Stage("learned labelling (label_blocks_learned)", "newsclean.article", "label_blocks_learned"),
    Stage("checking reading (settled)", LEARN, "settled"),
    Stage("scoring (score_page)", LEARN, "score_page"),
    Stage("features (first_features)", LEARN, "first_features"),
    Stage("page facts (page_facts)", LEARN, "page_facts"),
    Stage("rule signals (_signals)", LEARN, "_signals"),
    Stage("signal", LEARN, "READ_SIGNALS", member=PAIRS),
    Stage("block contexts (context_of)", LEARN, "context_of"),
    Stage("own features (_own)", LEARN, "_own"),
    Stage("words and shape (lexical_features)", LEARN, "lexical_features"),
    Stage("neighbour facts (_described)", LEARN, "_described"),
    Stage("position (position_features)", LEARN, "position_features"),
    Stage("context (context_features)", LEARN, "context_features"),
    Stage("edges (edge_features)", LEARN, "edge_features"),
    Stage("first stage (stage_probabilities)", LEARN, "stage_probabilities"),
    Stage("second stage (second_probabilities)", LEARN, "second_probabilities"),
    Stage("furniture guard (with_furniture_signals)", LEARN, "with_furniture_signals"),
    Stage("decisions (_decide)", LEARN, "_decide"),
    Stage("explanations (explain)", LEARN, "explain"),
    Stage("some body kept (keep_some_body)", LEARN, "keep_some_body"),
)


@dataclass(slots=True)
class Clock:
    """CPU seconds and calls per stage, keyed by the path of stages it ran inside (a
    stage called from two places, such as ``context_of``, shows under each)."""

    seconds: dict[tuple[str, ...], float] = field(default_factory=dict)
    calls: dict[tuple[str, ...], int] = field(default_factory=dict)
    active: list[str] = field(default_factory=list)

    def timed(self, label: str, function: Callable[..., Any]) -> Any:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.active.append(label)
            path = tuple(self.active)
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[path] = self.seconds.get(path, 0.0) + time.process_time() - start
                self.calls[path] = self.calls.get(path, 0) + 1
                self.active.pop()

        return wrapper


def _item_name(item: Any) -> str:
    return str(getattr(item, "name", None) or getattr(item, "kind", None) or item)


@contextmanager
def _patched(stage: Stage, clock: Clock) -> Iterator[bool]:
    """Replace the stage's function by a timed one for the block; yield whether it exists."""
    try:
        module = importlib.import_module(stage.module)
        original = getattr(module, stage.attribute)
    except (ImportError, AttributeError):
        yield False
        return
    if stage.member is None:
        replacement = clock.timed(stage.label, original)
    elif stage.member == PAIRS:
        replacement = tuple(
            (name, clock.timed(f"{stage.label}: {name}", function)) for name, function in original
        )
    else:
        try:
            replacement = tuple(
                dataclasses.replace(
                    item,
                    **{
                        stage.member: clock.timed(
                            f"{stage.label}: {_item_name(item)}", getattr(item, stage.member)
                        )
                    },
                )
                for item in original
            )
        except (TypeError, AttributeError):  # no longer a tuple of such values
            yield False
            return
    setattr(module, stage.attribute, replacement)
    try:
        yield True
    finally:
        setattr(module, stage.attribute, original)


def stage_times(texts: Sequence[str], labeller: str = "rules") -> tuple[Clock, float]:
    """Parse every text with each stage timed; return the clock and the total CPU time."""
    from newsclean.article import parse_article

    clock = Clock()
    with ExitStack() as stack:
        for stage in STAGES:
            stack.enter_context(_patched(stage, clock))
        start = time.process_time()
        for text in texts:
            parse_article(text, labeller=labeller)  # type: ignore[arg-type]
        total = time.process_time() - start
    return clock, total


def stage_table(clock: Clock, total: float, ftfy_seconds: float) -> str:
    """The stage table: CPU s, × ftfy and share of the (timed) total, inner stages indented
    under the stage they ran in, each parent's untimed rest as "other"."""
    rows = [
        "| stage | CPU s | × ftfy.fix_text | share | calls |",
        "|---|---:|---:|---:|---:|",
    ]

    def row(label: str, seconds: float, depth: int, calls: str) -> None:
        rows.append(
            f"| {'&nbsp;&nbsp;' * depth}{label} | {seconds:.2f} | {seconds / ftfy_seconds:.2f} | "
            f"{seconds / total:.0%} | {calls} |"
        )

    def subtree(parent: tuple[str, ...]) -> float:
        inner = [path for path in clock.seconds if path[:-1] == parent]
        for path in inner:
            row(path[-1], clock.seconds[path], len(parent), f"{clock.calls[path]:,}")
            if any(p[:-1] == path for p in clock.seconds):
                row("other", clock.seconds[path] - subtree(path), len(path), "")
        return sum(clock.seconds[path] for path in inner)

    spent = subtree(())
    row("other (Article, argument checks)", total - spent, 0, "")
    row("**parse_article, every stage timed**", total, 0, "")
    return "\n".join(rows)


# --- real pages, one process ----------------------------------------------------------


def page_texts(folder: Path) -> list[str]:
    """The page texts of ``folder``: ``*.txt`` with a labels ``.json`` beside them if any
    has one (so a README.txt is left out), else every ``*.txt``."""
    found = sorted(folder.glob("*.txt"))
    paired = [path for path in found if path.with_suffix(".json").exists()]
    return [path.read_text(encoding="utf-8") for path in paired or found]


def _steps() -> list[tuple[str, Callable[[str], object]]]:
    import ftfy

    from newsclean.article import parse_article
    from newsclean.text.pipeline import fix_text

    def learned(text: str) -> object:
        return parse_article(text, labeller="learned")

    def rules(text: str) -> object:
        return parse_article(text, labeller="rules")

    return [
        ("ftfy.fix_text", ftfy.fix_text),
        ("newsclean.fix_text", fix_text),
        (RULES_STEP, rules),
        (LEARNED_STEP, learned),
    ]


#: The steps timing ``parse_article`` with each labeller (the learned one is the default).
RULES_STEP = "parse_article, rules labeller"
LEARNED_STEP = "parse_article, learned labeller (default)"


def cpu_times(texts: Sequence[str], rounds: int) -> dict[str, float]:
    """Best CPU time of each step over all texts, the steps interleaved round by round so
    that a busy spell on a shared machine hits them alike."""
    steps = _steps()
    for _, function in steps:  # warm up: lazy patterns, tables
        for text in texts[:5]:
            function(text)
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, function in steps:
            start = time.process_time()
            for text in texts:
                function(text)
            best[name] = min(best.get(name, float("inf")), time.process_time() - start)
    return best


def speed_table(times: dict[str, float], megabytes: float) -> str:
    rows = ["| step | CPU s | MB/s | × ftfy.fix_text |", "|---|---:|---:|---:|"]
    ftfy_seconds = times["ftfy.fix_text"]
    for name, seconds in sorted(times.items(), key=lambda item: item[1]):
        rows.append(
            f"| {name} | {seconds:.2f} | {megabytes / seconds:.2f} | {seconds / ftfy_seconds:.2f} |"
        )
    return "\n".join(rows)


def pages_report(folder: Path, rounds: int) -> str:
    """The real-page report: speed against ftfy, then the stage table."""
    texts = page_texts(folder)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / MB
    times = cpu_times(texts, rounds)
    ftfy_seconds = times["ftfy.fix_text"]
    ratio = times[RULES_STEP] / ftfy_seconds
    learned = times[LEARNED_STEP] / ftfy_seconds
    report = (
        f"{len(texts)} pages, {megabytes:.2f} MB from {folder}; CPU time, one process, "
        f"best of {rounds} interleaved rounds\n\n{speed_table(times, megabytes)}\n\n"
        f"- parse_article (rules labeller) / ftfy.fix_text, CPU: {ratio:.2f} (#17: ≤ 1.6)\n"
        f"- parse_article (learned labeller, the default) / ftfy.fix_text, CPU: {learned:.2f} "
        "(#18: ≤ 2.7)"
    )
    for labeller, step in (("rules", RULES_STEP), ("learned", LEARNED_STEP)):
        clock, total = stage_times(texts, labeller)
        best = times[step]
        report += (
            f"\n\nStages, {labeller} labeller (one run with every stage timed: {total:.2f} s, "
            f"{total / best - 1:+.0%} timing overhead)\n\n"
            + stage_table(clock, total, ftfy_seconds)
        )
    return report


# --- start-up -------------------------------------------------------------------------


def _child_cpu(argv: Sequence[str]) -> tuple[float, str]:
    """Run ``argv``; return its CPU seconds (user + system) and its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.stderr


def _own_import_ms(importtime: str) -> tuple[float, float]:
    """From ``-X importtime`` output: the package's own (self) time, and the total, in ms."""
    own = total = 0.0
    for line in importtime.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        name = parts[2].strip()
        if name.startswith("newsclean"):
            own += int(parts[0]) / 1000
        if name == "newsclean":
            total = int(parts[1]) / 1000
    return own, total


def startup_report(rounds: int) -> str:
    """Start-up costs over ``rounds`` runs each: the median, and the least (the nearest
    to a quiet machine's figure on a shared one). Import times are wall clock."""
    python = sys.executable
    rows = ["| measure | median | least | target |", "|---|---:|---:|---:|"]
    imports = {
        "import newsclean: own time (ms, -X importtime self)": "import newsclean",
        "from newsclean import parse_article: own time (ms)": "from newsclean import parse_article",
    }
    for label, source in imports.items():
        argv = [python, "-X", "importtime", "-c", source]
        runs = [_own_import_ms(_child_cpu(argv)[1])[0] for _ in range(rounds)]
        target = "≤ 60" if source == "import newsclean" else ""
        rows.append(f"| {label} | {statistics.median(runs):.1f} | {min(runs):.1f} | {target} |")
    commands = {
        "newsclean --version (CPU ms)": [python, "-m", "newsclean", "--version"],
        "python -c pass (CPU ms, the interpreter alone)": [python, "-c", "pass"],
    }
    for label, argv in commands.items():
        runs = [_child_cpu(argv)[0] * 1000 for _ in range(rounds)]
        target = "≤ 100" if "version" in label else ""
        rows.append(f"| {label} | {statistics.median(runs):.0f} | {min(runs):.0f} | {target} |")
    return f"Start-up, {rounds} runs each, bytecode compiled first\n\n" + "\n".join(rows)


def ensure_bytecode() -> None:
    """Compile the package once, so import times do not include compiling the sources."""
    package = Path(importlib.import_module("newsclean").__file__ or ".").parent
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
