"""Start-up stays light (#17.2): importing newsclean compiles no pattern, and the command
line's ``--version`` and ``--help`` load neither the labelling stack nor the linter.

Each check runs in a fresh interpreter (this one has imported everything already) and
counts work — modules loaded, patterns compiled — never time.
"""

from __future__ import annotations

import copy
import json
import pickle
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import regex

import newsclean
from newsclean.chars import lazy_compile, lazy_compile_re
from newsclean.cli import main as cli_main

#: Packages that make up the labelling stack and the linter, the dependency they load, and
#: the worker pool's machinery (a run of one file makes no pool).
HEAVY = (
    "concurrent.futures",
    "ftfy",
    "multiprocessing",
    "newsclean.article",
    "newsclean.blocks",
    "newsclean.classify",
    "newsclean.learn",
    "newsclean.lint",
    "newsclean.text",
)

#: Counts each pattern compiled from newsclean's own code, by engine, then runs ``BODY``.
#: Both engines' compile functions go through one private ``_compile``: patched there, a
#: pattern compiled by ``compile``, ``search`` or a lazy pattern's first use is counted.
COUNTING = """
import importlib, json, pkgutil, re, sys, traceback
import regex

compiled = {"regex": [], "re": []}

def counting(engine, module):
    original = module._compile
    def _compile(pattern, *args, **kwargs):
        callers = traceback.extract_stack(limit=6)[:-1]
        if any("newsclean" in frame.filename for frame in callers):
            compiled[engine].append(pattern if isinstance(pattern, str) else repr(pattern))
        return original(pattern, *args, **kwargs)
    module._compile = _compile

counting("regex", sys.modules[regex.compile.__module__])
counting("re", re)
"""


def _run(source: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", source], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.splitlines()[-1]


def _loaded_by(argv: list[str]) -> list[str]:
    """The heavy modules loaded by ``main(argv)`` in a fresh interpreter."""
    source = textwrap.dedent(f"""
        import contextlib, io, json, sys
        from newsclean.cli.main import main
        with contextlib.redirect_stdout(io.StringIO()):
            main({argv!r})
        print(json.dumps(sorted(sys.modules)))
    """)
    loaded = json.loads(_run(source))
    return [name for name in loaded if name.startswith(HEAVY)]


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--version"], id="version"),
        pytest.param(["--help"], id="help"),
        pytest.param(["clean", "--help"], id="clean-help"),
    ],
)
def test_the_command_line_starts_without_the_labelling_stack(argv: list[str]) -> None:
    assert _loaded_by(argv) == []


def test_the_check_sees_a_heavy_module_loaded() -> None:
    assert "newsclean.lint.registry" in _loaded_by(["check", "--help"])


def test_importing_newsclean_compiles_no_pattern() -> None:
    source = COUNTING + "import newsclean\nprint(json.dumps(compiled))"
    assert json.loads(_run(source)) == {"regex": [], "re": []}


def test_importing_every_module_compiles_no_regex_pattern() -> None:
    """The ~90 ``regex`` patterns compile on first use; the stdlib engine compiles only
    what the decorators run as signals and rules are defined: the name checks, and the
    reading of a rule's docstring into its summary, why and example."""
    source = COUNTING + textwrap.dedent("""
        import newsclean
        for module in pkgutil.walk_packages(newsclean.__path__, "newsclean."):
            if not module.name.endswith("__main__"):
                importlib.import_module(module.name)
        print(json.dumps(compiled))
    """)
    compiled = json.loads(_run(source))
    assert compiled["regex"] == []
    decorators = {
        r"[a-z]+(?:-[a-z]+)*",
        r"NC[1-9][0-9]{2}",
        r"(?P<label>Why|Bad|Good):\s+(?P<body>.+)",
        r"\n[ \t]*\n",
    }
    assert set(compiled["re"]) <= decorators


def test_the_count_sees_a_pattern_compiled_at_import() -> None:
    source = COUNTING + "import newsclean.chars\nnewsclean.chars.LINE_END_RE.search('a')\n"
    assert json.loads(_run(source + "print(json.dumps(compiled))"))["regex"] != []


def test_every_public_name_resolves_to_its_module_object() -> None:
    assert set(newsclean._EXPORTS) == set(newsclean.__all__) - {"__version__"}
    for name, module in newsclean._EXPORTS.items():
        assert getattr(newsclean, name) is getattr(sys.modules[module], name), name
    assert set(dir(newsclean)) >= set(newsclean.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        newsclean.nothing  # noqa: B018


# --- lazy patterns behave as the compiled pattern -----------------------------------------

WORDS = r"(?P<word>\p{L}+)"


def test_a_lazy_pattern_compiles_on_first_use_only() -> None:
    lazy = lazy_compile(WORDS)
    assert "search" not in vars(lazy)
    assert lazy.search("12 ab")["word"] == "ab"
    assert "search" in vars(lazy)  # later calls are plain attribute look-ups


@pytest.mark.parametrize("text", ["", "one two", "ça va, 3 fois", "\N{EM DASH}x"])
def test_a_lazy_pattern_finds_what_the_compiled_one_finds(text: str) -> None:
    lazy, compiled = lazy_compile(WORDS, regex.IGNORECASE), regex.compile(WORDS, regex.IGNORECASE)
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("w", text) == compiled.sub("w", text)
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (
        compiled.pattern,
        compiled.flags,
        compiled.groupindex,
    )
    stdlib = lazy_compile_re(r"[a-z]+")
    assert stdlib.findall(text) == re.findall(r"[a-z]+", text)


def test_a_lazy_pattern_pickles_and_copies_used_or_not() -> None:
    for used in (False, True):
        lazy = lazy_compile(rb"[\x00-\x08]+")
        if used:
            lazy.search(b"a\x01")
        for twin in (pickle.loads(pickle.dumps(lazy)), copy.deepcopy(lazy), copy.copy(lazy)):
            assert twin.findall(b"a\x01\x02b") == [b"\x01\x02"]
    assert "on first use" in repr(lazy_compile("x"))


def test_version_answers_before_any_parsing() -> None:
    # A hook asks for the version often: it loads neither argparse, regex nor the commands.
    source = textwrap.dedent("""
        import contextlib, io, json, sys
        from newsclean.cli.main import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["--version"])
        print(json.dumps([status, out.getvalue(), sorted(sys.modules)]))
    """)
    status, printed, loaded = json.loads(_run(source))
    assert status == 0
    assert printed.startswith("newsclean ")
    assert not {"argparse", "regex", "newsclean.cli.commands"} & set(loaded)


def test_a_missing_dependency_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The labelling stack loads mid-run: without the check, a Python lacking ftfy printed a
    # traceback after half an output. A package no Python has stands in for it.
    path = tmp_path / "a.txt"
    path.write_text("Storm hits coast\n\nWaves battered the town overnight.\n")
    monkeypatch.setattr(cli_main, "DEPENDENCIES", ("regex", "no_such_package_for_newsclean"))
    assert cli_main.main(["--format", "json", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("newsclean: error: no_such_package_for_newsclean not installed")
