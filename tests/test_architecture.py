"""The package's rooms: imports run top-down and acyclic, and only io/ and cli/ touch the
outside world (files, streams, environment, clock)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "newsclean"

#: Each room's height: a module may import only from rooms at its height or below.
HEIGHT: dict[str, float] = {
    "chars": 0,
    "model": 1,
    "arguments": 2,
    "lexicon": 1,
    "text": 3,
    "blocks": 4,
    "classify": 5,
    # the learned labeller sits between the rules it weighs and the pipeline that calls it
    "learn": 5.5,
    "article": 6,
    "lint": 7,
    "evaluate": 7,
    "io": 8,
    "cli": 9,
    "batch": 9,
    "__init__": 10,
    "__main__": 10,
}

#: Standard modules that reach the outside world: only io/ and cli/ may import them.
OUTSIDE = {"os", "sys", "subprocess", "tempfile", "shutil", "time", "signal", "socket"}
#: Built-in calls that reach the outside world.
OUTSIDE_CALLS = {"open", "print", "input"}
#: Where a module may still use one of them, and why.
ALLOWED = {
    ("newsclean/lint/config.py", "sys"): "sys.version_info chooses tomllib or tomli",
    ("newsclean/__main__.py", "sys"): "the entry point exits with main()'s status",
    ("newsclean/evaluate/__main__.py", "sys"): "the entry point exits with main()'s status",
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _room(module: str) -> str:
    parts = module.split(".")
    if parts[-1] == "__main__":
        return "__main__"  # an entry point, as ``python -m`` runs it
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _package_imports(path: Path) -> set[str]:
    known = {_name(p).removesuffix(".__init__") for p in _modules()}
    return {name for name in _imports(path) if name in known} - {"newsclean"}


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_imports_run_top_down(path: Path) -> None:
    here = HEIGHT[_room(_name(path))]
    above = [name for name in _package_imports(path) if HEIGHT[_room(name)] > here]
    assert above == [], f"{_name(path)} imports from a room above it"


def test_the_import_graph_has_no_cycle() -> None:
    graph = {_name(p).removesuffix(".__init__"): _package_imports(p) for p in _modules()}
    state: dict[str, int] = {}

    def visit(node: str, trail: tuple[str, ...]) -> None:
        if state.get(node) == 2:
            return
        assert state.get(node) != 1, f"import cycle: {' -> '.join((*trail, node))}"
        state[node] = 1
        for target in graph.get(node, ()):
            visit(target, (*trail, node))
        state[node] = 2

    for node in graph:
        visit(node, ())


def _reaches_outside(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = path.relative_to(root).as_posix()
    used = {name.split(".")[0] for name in _imports(path)} & OUTSIDE
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    } & OUTSIDE_CALLS
    return sorted(name for name in used | calls if (relative, name) not in ALLOWED)


@pytest.mark.parametrize(
    "path", [p for p in _modules() if _room(_name(p)) not in ("io", "cli")], ids=_name
)
def test_only_io_and_cli_reach_outside(path: Path) -> None:
    assert _reaches_outside(path) == []


def test_the_check_sees_a_module_that_reaches_outside(tmp_path: Path) -> None:
    module = tmp_path / "newsclean" / "text" / "bad.py"
    module.parent.mkdir(parents=True)
    module.write_text("import os\n\n\ndef f():\n    print(os.getcwd())\n", encoding="utf-8")
    assert _reaches_outside(module, tmp_path) == ["os", "print"]
