"""Measure peak memory of the command line on one large generated article file.

Usage: python bench/memory.py SIZE_MB [--plain] [--astral] [--keep DIR] [--labeller L]

Writes one file of about SIZE_MB megabytes of article-like text (a headline, then
paragraphs of sentences with curly and straight quotes, doubled spaces, dashes and some
mojibake: about one fix every 85 bytes; ``--plain``: plain ASCII sentences with nothing to
fix; ``--astral``: an emoji now and then, which makes Python hold a text at four bytes a
character), then runs, each in a fresh child process, ``newsclean FILE``, ``newsclean
check FILE`` and ``newsclean check --fix`` on a copy, and prints each one's peak RSS
(``wait4``'s ``ru_maxrss``), what it adds to a bare ``import newsclean`` per byte of the
file, and whether it meets the target: 3 x the file size + 100 MB. ``--labeller learned``
adds ``newsclean --labeller learned FILE``. Run by hand; it is not a test
(tests/test_cli_memory.py checks that the growth is linear).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

MB = 1_000_000
#: The promise of issue 13, item 14: peak memory for one file, in bytes.
TARGET_FACTOR, TARGET_EXTRA = 3, 100 * MB

WORDS = (
    "the council said on tuesday that harbour wall repairs would start next week and cost "
    "several million pounds residents of the old quarter were not told officials admitted "
    "after the storm waves rose over the pier and flooded streets near the market square"
).split()
# Sentence shapes: plain, quoted in curly or straight quotes, with a dash, with mojibake.
MESSY_SHAPES = (
    "{s}.",
    "\u201c{s},\u201d she said.",
    '"{s}," he said.',
    "{s} \u2014 {t}.",
    "{s}  {t}.",
    "The caf\u00c3\u00a9 owner said {s}.",
)
# Shapes that leave nothing to fix.
PLAIN_SHAPES = ("{s}.", '"{s}," he said.', "{s} - {t}.", "{s}, {t}.")


def sentence(rng: random.Random, shapes: Sequence[str] = MESSY_SHAPES) -> str:
    """One invented sentence of 6 to 18 words in one of the ``shapes``."""
    words = rng.choices(WORDS, k=rng.randint(6, 18))
    half = len(words) // 2
    first = " ".join(words[:half]).capitalize()
    return rng.choice(shapes).format(s=first, t=" ".join(words[half:]))


def paragraphs(rng: random.Random, shapes: Sequence[str], astral: bool) -> Iterator[str]:
    """Paragraphs of 2 to 6 sentences, forever; with ``astral``, one in 50 ends in an emoji."""
    while True:
        text = " ".join(sentence(rng, shapes) for _ in range(rng.randint(2, 6)))
        yield text + (" \U0001f30a" if astral and rng.random() < 0.02 else "")


def write_article(
    path: Path, megabytes: float, *, plain: bool = False, astral: bool = False, seed: int = 13
) -> int:
    """Write an article of about ``megabytes`` MB to ``path``; return its size in bytes."""
    rng = random.Random(seed)
    shapes = PLAIN_SHAPES if plain else MESSY_SHAPES
    goal = int(megabytes * MB)
    size = 0
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.write("Harbour repairs to start next week\n\n")
        for paragraph in paragraphs(rng, shapes, astral):
            piece = paragraph + "\n\n"
            stream.write(piece)
            size += len(piece.encode("utf-8"))
            if size >= goal:
                break
    return path.stat().st_size


def peak_rss(argv: Sequence[str]) -> tuple[int, float, int]:
    """Run ``argv`` with output discarded; return (exit status, seconds, peak RSS bytes)."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    # ru_maxrss is in kilobytes on Linux (bytes on macOS); the largest process of the tree.
    scale = 1 if sys.platform == "darwin" else 1024
    return os.waitstatus_to_exitcode(status), time.perf_counter() - started, usage.ru_maxrss * scale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size_mb", type=float, help="size of the generated file in MB")
    parser.add_argument("--plain", action="store_true", help="plain ASCII, nothing to fix")
    parser.add_argument("--astral", action="store_true", help="add an emoji now and then")
    parser.add_argument("--keep", type=Path, help="write the files into DIR and keep them")
    parser.add_argument("--labeller", choices=("rules", "learned"), default="rules")
    args = parser.parse_args(argv)
    directory = args.keep or Path(tempfile.mkdtemp(prefix="newsclean-memory-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        size = write_article(
            directory / "article.txt", args.size_mb, plain=args.plain, astral=args.astral
        )
        kind = "plain ASCII" if args.plain else "messy text (a fix every ~85 bytes)"
        print(f"file: {size / MB:.1f} MB of {kind}{', with emoji' if args.astral else ''}")
        return _report(directory / "article.txt", size, args.labeller)
    finally:
        if args.keep is None:
            shutil.rmtree(directory)


def _report(source: Path, size: int, labeller: str = "rules") -> int:
    fixed = source.with_name("fixed.txt")
    shutil.copyfile(source, fixed)
    python = [sys.executable, "-m", "newsclean"]
    runs = {
        "newsclean FILE": [*python, "-j", "1", str(source)],
        "newsclean check FILE": [*python, "check", "--isolated", "-j", "1", str(source)],
        "newsclean check --fix FILE": [
            *python,
            "check",
            "--isolated",
            "--fix",
            "-j",
            "1",
            str(fixed),
        ],
    }
    if labeller != "rules":
        runs[f"newsclean --labeller {labeller} FILE"] = [
            *python, "-j", "1", "--labeller", labeller, str(source)
        ]  # fmt: skip
    _, _, baseline = peak_rss([sys.executable, "-c", "import newsclean.cli.main"])
    target = TARGET_FACTOR * size + TARGET_EXTRA
    print(
        f"target: peak RSS <= {target / MB:.0f} MB; `import newsclean.cli.main` alone: "
        f"{baseline / MB:.0f} MB\n"
    )
    print("| command | exit | seconds | peak RSS MB | added per file byte | within target |")
    print("|---|---|---|---|---|---|")
    for name, command in runs.items():
        status, seconds, peak = peak_rss(command)
        added = (peak - baseline) / size
        ok = "yes" if peak <= target else "no"
        print(f"| `{name}` | {status} | {seconds:.1f} | {peak / MB:.0f} | {added:.1f} | {ok} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
