"""Signals and layout rules: well-named, each in its module's tuple, each in the README's
block-kinds table, and read by other modules only as values, never by name as a string."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
import regex

import newsclean.classify
import newsclean.learn
from newsclean.classify import boilerplate, captions, extractor, layout, page, subheadings
from newsclean.classify.signal import NAME_RE, LayoutRule, Reason, Signal, layout_rule, signal
from newsclean.model import Block

ROOT = Path(__file__).resolve().parent.parent
#: The classifier modules, with the kind their signals give.
SIGNAL_KINDS: tuple[tuple[ModuleType, str], ...] = (
    (boilerplate, "boilerplate"),
    (captions, "caption"),
    (subheadings, "subheading"),
)
SIGNALS: tuple[Signal, ...] = tuple(s for module, _ in SIGNAL_KINDS for s in module.SIGNALS)
RULES: tuple[LayoutRule, ...] = (*boilerplate.RULES, *layout.RULES, *extractor.RULES, *page.RULES)
REASONS: tuple[Reason, ...] = (*SIGNALS, *RULES)
KIND_OF: dict[str, str] = {
    **{s.name: kind for module, kind in SIGNAL_KINDS for s in module.SIGNALS},
    **{r.name: r.kind for r in RULES},
}
#: The decorators whose first argument is where a name is written, once.
DECORATORS = frozenset({"signal", "layout_rule"})
#: A name in backticks.
TICKED_RE = regex.compile(r"`([^`]+)`")


def _modules(package: ModuleType) -> list[ModuleType]:
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]


CLASSIFY_AND_LEARN = _modules(newsclean.classify) + _modules(newsclean.learn)


def _defined_here(value: object, module: ModuleType) -> bool:
    function = getattr(value, "predicate", None) or getattr(value, "function", None)
    return getattr(function, "__module__", None) == module.__name__


def _kind_rows() -> dict[str, str]:
    """The README's block-kinds table: each kind's "decided by" cell."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Block kinds\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = line.split("|")
        kind = TICKED_RE.fullmatch(cells[1].strip()) if len(cells) > 3 else None
        if kind:
            rows[kind[1]] = cells[-2]
    return rows


def _string_literals(module: ModuleType) -> list[tuple[int, str]]:
    """Every str constant in the module's source, but the names given to the decorators."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    named = {
        id(call.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        for call in node.decorator_list
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id in DECORATORS
        and call.args
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in named
    ]


def test_names_are_unique() -> None:
    names = [reason.name for reason in REASONS]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("reason", REASONS, ids=lambda r: r.name)
def test_name_is_kebab_case(reason: Reason) -> None:
    assert NAME_RE.fullmatch(reason.name)


def _undocumented(block: Block, context: object) -> bool:
    return False


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda: signal("Glued_Credit")(_undocumented), "kebab-case", id="name"),
        pytest.param(lambda: signal("glued-credit")(_undocumented), "docstring", id="doc"),
        pytest.param(lambda: layout_rule("x-", kind="caption")(tuple), "kebab-case", id="rule"),
    ],
)
def test_decorators_refuse_bad_names_and_missing_summaries(
    make: Callable[[], object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("reason", REASONS, ids=lambda r: r.name)
def test_summary_is_one_sentence(reason: Reason) -> None:
    # the docstring's first line is the summary: a whole sentence, not a wrapped fragment
    assert reason.summary.endswith("."), reason.summary


@pytest.mark.parametrize("module", CLASSIFY_AND_LEARN, ids=lambda m: m.__name__)
def test_every_signal_and_rule_sits_in_its_modules_tuple(module: ModuleType) -> None:
    for name, value in vars(module).items():
        if isinstance(value, Signal) and _defined_here(value, module):
            assert value in module.SIGNALS, f"add {name} to {module.__name__}.SIGNALS"
        if isinstance(value, LayoutRule) and _defined_here(value, module):
            assert value in module.RULES, f"add {name} to {module.__name__}.RULES"


def test_the_registry_covers_every_classifier_module() -> None:
    modules = {module.__name__ for module in CLASSIFY_AND_LEARN if hasattr(module, "SIGNALS")}
    assert modules == {module.__name__ for module, _ in SIGNAL_KINDS}
    ruled = {module.__name__ for module in CLASSIFY_AND_LEARN if hasattr(module, "RULES")}
    assert ruled == {m.__name__ for m in (boilerplate, layout, extractor, page)}


@pytest.mark.parametrize("reason", REASONS, ids=lambda r: r.name)
def test_readme_names_it_in_its_kinds_row(reason: Reason) -> None:
    row = _kind_rows()[KIND_OF[reason.name]]
    assert f"`{reason.name}`" in row, f"name `{reason.name}` in README's block-kinds table"


def test_readme_names_no_unknown_signal() -> None:
    modules = {"boilerplate", "captions", "subheadings", "layout", "extractor", "page"}
    for kind, row in _kind_rows().items():
        if kind in KIND_OF.values():
            unknown = set(TICKED_RE.findall(row)) - modules - set(KIND_OF)
            assert not unknown, f"README's {kind} row names no signal or rule {unknown}"


@pytest.mark.parametrize("module", CLASSIFY_AND_LEARN, ids=lambda m: m.__name__)
def test_no_module_names_a_signal_as_a_string(module: ModuleType) -> None:
    # A name is written once, in its decorator; elsewhere the value is used (fired(block,
    # has_credit), s.name), so mypy catches a rename that a string would hide.
    strings = [(line, s) for line, s in _string_literals(module) if s in KIND_OF]
    assert not strings, f"{module.__name__} names signals as strings (line, name): {strings}"
