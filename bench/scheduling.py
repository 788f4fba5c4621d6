"""How well ``-j N`` keeps its workers busy, apart from the machine's load.

Usage: python bench/scheduling.py DIR [--jobs 2] [--scale 1.0] [--old PATH_TO_OLD_POOL_PY]

Parses each page of DIR once to get its real cost (CPU seconds), then runs the pool over
one task per page whose work is to *sleep* that long (times ``--scale``): sleeping needs no
CPU, so what is measured is the scheduling alone — how close ``run_tasks`` comes to the
ideal wall time (total / jobs), however busy the machine is. ``--old`` loads another
version of ``cli/pool.py`` (e.g. from ``git show REV:newsclean/cli/pool.py``) and measures
it the same way, side by side. Run by hand; it is not a test.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import stages

from newsclean.cli import pool
from newsclean.cli.task import Outcome, Task


def _sleep_task(durations: tuple[float, ...], task: Task) -> Outcome:
    time.sleep(durations[int(task.name)])
    return Outcome(task.name, output=task.name)


def costs(folder: Path) -> list[float]:
    """CPU seconds ``parse_article`` takes on each page of ``folder``."""
    from newsclean.article import parse_article

    found = []
    for text in stages.page_texts(folder):
        start = time.process_time()
        parse_article(text)
        found.append(time.process_time() - start)
    return found


def efficiency(module: ModuleType, durations: tuple[float, ...], jobs: int) -> tuple[float, float]:
    """Wall seconds of one run of the pool over the sleeping tasks, and ideal / wall."""
    tasks = [Task(str(n)) for n in range(len(durations))]
    work = functools.partial(_sleep_task, durations)
    start = time.perf_counter()
    names = [outcome.name for outcome in module.run_tasks(tasks, jobs, work)]
    wall = time.perf_counter() - start
    assert names == [task.name for task in tasks]
    return wall, sum(durations) / jobs / wall


def _load(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("old_pool", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_pool"] = module  # its functions pickle by name to the workers
    spec.loader.exec_module(module)
    return module


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scale", type=float, default=1.0, help="sleep this share of the cost")
    parser.add_argument("--copies", type=int, default=4, help="pages repeated, for more tasks")
    parser.add_argument("--old", help="another pool.py to compare (e.g. before a change)")
    args = parser.parse_args(argv)
    durations = tuple(cost * args.scale for cost in costs(args.folder)) * args.copies
    versions = {"this pool.py": pool}
    if args.old:
        versions = {"--old pool.py": _load(args.old), **versions}
    print(
        f"{len(durations)} tasks sleeping {sum(durations):.1f} s in all "
        f"(the real pages' costs × {args.scale}), -j {args.jobs}: "
        f"ideal wall {sum(durations) / args.jobs:.2f} s\n"
    )
    print("| pool | wall s | busy (ideal / wall) |\n|---|---:|---:|")
    for name, module in versions.items():
        wall, busy = efficiency(module, durations, args.jobs)
        print(f"| {name} | {wall:.2f} | {busy:.0%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
