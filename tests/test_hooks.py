"""The pre-commit hooks of .pre-commit-hooks.yaml, run on a scratch repository (issue 16).

Done-when: with both hooks on messy ``.txt``, ``.md`` (code blocks, nested lists, hard
breaks) and CRLF files, the fix hook changes only prose characters and a second run
changes nothing. Run through real pre-commit when it is installed (the ``dev`` extra),
and always with the hook entries run exactly as pre-commit runs them: the files its
``files`` pattern selects as arguments after the hook's entry.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean.cli.main import main

REPO = Path(__file__).parent.parent


def _hooks() -> dict[str, dict[str, str]]:
    """Each hook's keys as written in .pre-commit-hooks.yaml (a flat list of maps)."""
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks: dict[str, dict[str, str]] = {}
    for block in re.split(r"^- ", text, flags=re.MULTILINE)[1:]:
        keys = dict(re.findall(r"^\s*([\w_]+):\s*(.+)$", "  " + block, flags=re.MULTILINE))
        hooks[keys["id"]] = keys
    return hooks


@pytest.mark.parametrize("hook", ["newsclean-check", "newsclean-fix"])
@pytest.mark.parametrize(
    ("name", "taken"),
    [
        pytest.param("story.txt", True, id="txt"),
        pytest.param("NEWS.TXT", True, id="upper-case-txt"),
        pytest.param("docs/Guide.Md", True, id="mixed-case-md"),
        pytest.param("notes.markdown", True, id="markdown"),
        pytest.param("setup.py", False, id="python"),
        pytest.param("story.txt.bak", False, id="backup"),
    ],
)
def test_hook_files_pattern(hook: str, name: str, taken: bool) -> None:
    spec = _hooks()[hook]
    assert spec["types_or"] == "[text]"
    assert (re.search(spec["files"], name) is not None) is taken


# --- the scratch repository -----------------------------------------------------------

STORY = (
    "Storm batters the coast  \n\n"
    "The caf\u00c3\u00a9 owner said the sea came in before dawn ,  and the harbour wall gave "
    "way.\n\n"
    "The council said repairs would start next week.\n"
)
STORY_FIXED = (
    "Storm batters the coast\n\n"
    "The caf\u00e9 owner said the sea came in before dawn, and the harbour wall gave way.\n\n"
    "The council said repairs would start next week.\n"
)
CRLF = STORY.replace("\n", "\r\n").replace("Storm", "Flood")
CRLF_FIXED = STORY_FIXED.replace("\n", "\r\n").replace("Storm", "Flood")
GUIDE = (
    "# Guide  to  the repository\n\n"
    "Run `ruff check . && ruff format --check .` first.  \n"
    "That line ended in a hard break; the caf\u00c3\u00a9 is open .\n\n"
    "1. Set up:\n\n"
    "       pip install -e '.[dev]'   # editable\n\n"
    "2. Then:\n"
    "   - a nested  item\n"
    "     with a continuation line.\n\n"
    "```sh\n"
    "x  =  1    # aligned  \n"
    "```\n"
)
GUIDE_FIXED = (
    GUIDE.replace("Guide  to  the", "Guide to the")
    .replace("the caf\u00c3\u00a9 is open .", "the caf\u00e9 is open.")
    .replace("nested  item", "nested item")
)
#: Each file of the scratch repository: what it holds, what the fix hook must leave.
FILES = {
    "NEWS.TXT": (STORY, STORY_FIXED),
    "crlf.txt": (CRLF, CRLF_FIXED),
    "docs/GUIDE.md": (GUIDE, GUIDE_FIXED),
    "setup.py": ("x  =  1\n", "x  =  1\n"),
}


def _scratch_repo(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for name, (before, _) in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(before.encode("utf-8"))
    subprocess.run(["git", "add", "."], cwd=root, check=True)


def _contents(root: Path) -> dict[str, str]:
    return {name: (root / name).read_bytes().decode("utf-8") for name in FILES}


def _run_entries(root: Path) -> int:
    """Run each hook as pre-commit does: its entry, then the tracked files it selects."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    failed = 0
    for spec in _hooks().values():
        files = [name for name in tracked if re.search(spec["files"], name)]
        failed |= main([*spec["entry"].split()[1:], "-q", *files])
    return failed


def _local_config(root: Path) -> None:
    """A .pre-commit-config.yaml holding the shipped hooks as a local repository (the
    offline way: ``language: system``, the entry pointing at this venv's newsclean)."""
    script = Path(sys.executable).with_name("newsclean")
    lines = ["repos:", "  - repo: local", "    hooks:"]
    for spec in _hooks().values():
        entry = spec["entry"].replace("newsclean", str(script), 1)
        lines += [
            f"      - id: {spec['id']}",
            f"        name: {spec['name']}",
            f"        entry: {entry}",
            "        language: system",
            f"        types_or: {spec['types_or']}",
            f"        files: '{spec['files']}'",
            f"        require_serial: {spec['require_serial']}",
        ]
    (root / ".pre-commit-config.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(["git", "add", ".pre-commit-config.yaml"], cwd=root, check=True)


def _run_pre_commit(root: Path) -> int:
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home")}
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stdout + run.stderr
    return run.returncode


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("runner", ["entries", "pre-commit"])
def test_fix_hook_changes_only_prose_and_a_second_run_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    runner: str,
) -> None:
    root = tmp_path / "repo"
    _scratch_repo(root)
    monkeypatch.chdir(root)
    if runner == "pre-commit":
        script = Path(sys.executable).with_name("newsclean")
        if importlib.util.find_spec("pre_commit") is None or not script.exists():
            pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
        _local_config(root)
        run = _run_pre_commit
    else:
        run = _run_entries
    assert run(root) == 1
    assert _contents(root) == {name: after for name, (_, after) in FILES.items()}
    assert run(root) == 0
    assert _contents(root) == {name: after for name, (_, after) in FILES.items()}
    capsys.readouterr()
