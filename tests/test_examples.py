"""The documentation's Python examples are tested code (#16.14, #17.4).

Every example lives in ``docs/examples/`` and runs here as a script, in a scratch folder
holding an invented crawl; an example whose engine (dask, PySpark and its Java runtime,
Hugging Face ``datasets``) is not installed is skipped. What an engine writes must be,
record for record, what :func:`newsclean.batch.map_record` makes. The README shows exactly
these files, so what a reader copies has run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import regex

from newsclean.batch import map_record

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "docs" / "examples"

CRAWL = [
    {"id": 1, "text": "Storm hits coast\n\nWaves  battered the town , officials said."},
    {
        "id": 2,
        "text": "Caf\u00c3\u00a9 opens\n\nThe \u201cnew\u201d caf\u00e9 opened.\n\nShare this",
    },
    {"id": 3, "text": "Harbour wall falls\n\nPhoto: Ann Lee/Agency\n\nThe old wall gave way."},
]


def _lines(paths: list[Path]) -> list[dict[str, Any]]:
    return [json.loads(line) for path in paths for line in path.read_text("utf-8").splitlines()]


def _engine_records(folder: Path) -> list[dict[str, Any]]:
    """What the dask and Spark recipes wrote: records in any order (partitions)."""
    written = sorted(folder.glob("clean-*.jsonl")) + sorted(folder.glob("clean/part-*"))
    return sorted(_lines(written), key=lambda record: record["id"])


def _expected_records() -> list[dict[str, Any]]:
    return [map_record(record, fmt="jsonl") for record in CRAWL]


def _check_engine(folder: Path, stdout: str) -> None:
    assert _engine_records(folder) == _expected_records()


def _check_datasets(folder: Path, stdout: str) -> None:
    rows = sorted(_lines([folder / "clean.jsonl"]), key=lambda row: row["id"])
    expected = _expected_records()
    assert [row["text"] for row in rows] == [record["text"] for record in expected]
    assert [row["headline"] for row in rows] == [r["newsclean"]["headline"] for r in expected]


def _check_printed(folder: Path, stdout: str) -> None:
    """The library examples print what their comments promise."""
    promised = regex.findall(r"# ([^\n]+)", (EXAMPLES / "library.py").read_text("utf-8"))
    assert 'Café "menu" today' in promised
    assert stdout.startswith('Café "menu" today\n')


def _check_batch(folder: Path, stdout: str) -> None:
    assert stdout.splitlines() == ["{'id': 7, 'text': 'Rain falls.'}", "Storm hits coast"]


#: Each example: the modules and programs it needs besides newsclean, and its check.
NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[[Path, str], None]]] = {
    "library.py": ((), (), _check_printed),
    "batch.py": ((), (), _check_batch),
    "dask_bag.py": (("dask",), (), _check_engine),
    "spark.py": (("pyspark",), ("java",), _check_engine),
    "hf_datasets.py": (("datasets",), (), _check_datasets),
}


def test_every_example_is_listed_here() -> None:
    assert sorted(path.name for path in EXAMPLES.glob("*.py")) == sorted(NEEDS)


@pytest.mark.parametrize("name", sorted(NEEDS))
def test_the_example_runs_and_does_what_it_says(name: str, tmp_path: Path) -> None:
    modules, programs, check = NEEDS[name]
    for module in modules:
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed")
    for program in programs:
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not on PATH")
    for part, records in enumerate((CRAWL[:2], CRAWL[2:]), start=1):
        lines = "".join(json.dumps(record) + "\n" for record in records)
        (tmp_path / f"crawl-{part}.jsonl").write_text(lines, encoding="utf-8")
    # as a reader runs it: a fresh interpreter, in the folder of the data, newsclean installed
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    check(tmp_path, done.stdout)


# --- the README shows exactly these examples ------------------------------------------

FENCE_RE = regex.compile(r"^```python\n(.*?)^```$", regex.MULTILINE | regex.DOTALL)


def python_blocks(markdown: str) -> list[str]:
    """The fenced ``python`` blocks of a Markdown text."""
    return FENCE_RE.findall(markdown)


def test_python_blocks_are_found() -> None:
    markdown = "Intro\n\n```python\nimport x\n\nx()\n```\n\n```sh\nls\n```\n```python\ny\n```\n"
    assert python_blocks(markdown) == ["import x\n\nx()\n", "y\n"]


def test_the_readme_shows_exactly_the_tested_examples() -> None:
    shown = python_blocks((ROOT / "README.md").read_text("utf-8"))
    tested = [path.read_text("utf-8") for path in sorted(EXAMPLES.glob("*.py"))]
    assert sorted(shown) == sorted(tested)
