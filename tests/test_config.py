"""Tests for newsclean/config.py: the [tool.newsclean] table, selectors, path patterns."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from newsclean.lint.config import (
    Config,
    config_from_pyproject,
    config_from_table,
    gitignore_patterns,
    is_excluded,
    is_included,
    matches,
    normalize_selectors,
    relative_to_root,
    with_overrides,
)

PYPROJECT = """
[project]
name = "paper"

[tool.newsclean]
quotes = "curly"
select = ["NC1", "NC2"]
ignore = ["mixed-quotes"]
include = ["*.txt"]
extend-exclude = ["drafts"]
"""


def test_full_table() -> None:
    config = config_from_pyproject(PYPROJECT, root="/paper")
    assert config == Config(
        quotes="curly",
        select=("NC1", "NC2"),
        ignore=("NC201",),
        include=("*.txt",),
        extend_exclude=("drafts",),
        root="/paper",
    )
    assert config.is_enabled("NC101")
    assert not config.is_enabled("NC201")
    assert not config.is_enabled("NC401")
    assert "drafts" in config.excludes
    assert "node_modules" in config.excludes


def test_no_table_is_none() -> None:
    assert config_from_pyproject("[tool.ruff]\nline-length = 100\n") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[tool.newsclean\n", "invalid TOML", id="toml"),
        pytest.param('[tool.newsclean]\nquote = "curly"\n', "unknown key 'quote'", id="key"),
        pytest.param('[tool.newsclean]\nquotes = "fancy"\n', "quotes must be", id="style"),
        pytest.param('[tool.newsclean]\nselect = "NC1"\n', "list of strings", id="not-a-list"),
        pytest.param('[tool.newsclean]\nignore = ["NC9"]\n', "unknown rule", id="code"),
        pytest.param("[tool]\nnewsclean = 3\n", "must be a table", id="not-a-table"),
    ],
)
def test_bad_settings_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        config_from_pyproject(text)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param(["NC101"], ("NC101",), id="code"),
        pytest.param(["nc4"], ("NC4",), id="lower-prefix"),
        pytest.param(["NC"], ("NC",), id="all"),
        pytest.param(["trailing-whitespace"], ("NC401",), id="name"),
        pytest.param([" NC2 "], ("NC2",), id="spaces"),
    ],
)
def test_selectors(given: list[str], expected: tuple[str, ...]) -> None:
    assert normalize_selectors(given) == expected


@pytest.mark.parametrize("bad", ["NC5", "NC1011", "E501", "", "trailing"])
def test_unknown_selectors_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        normalize_selectors([bad])


def test_overrides_replace_file_settings() -> None:
    base = config_from_table({"quotes": "curly", "select": ["NC1"], "extend-exclude": ["a"]})
    config = with_overrides(base, quotes="straight", ignore=["NC101"], extend_exclude=["b"])
    assert config.quotes == "straight"
    assert config.select == ("NC1",)
    assert config.ignore == ("NC101",)
    assert config.extend_exclude == ("a", "b")
    assert with_overrides(base) == base


@pytest.mark.parametrize(
    ("path", "patterns", "expected"),
    [
        pytest.param("drafts/a.txt", ["drafts"], True, id="directory-name"),
        pytest.param("news/drafts/a.txt", ["drafts"], True, id="nested-directory"),
        pytest.param("news/a.txt", ["drafts"], False, id="no-match"),
        pytest.param("news/a.tmp", ["*.tmp"], True, id="glob-name"),
        pytest.param("news/a.txt", ["news/*.txt"], True, id="path-glob"),
        pytest.param("old/news/a.txt", ["/news"], False, id="anchored-elsewhere"),
        pytest.param("news/x/a.txt", ["/news"], True, id="anchored-directory"),
        pytest.param("draftsman.txt", ["drafts"], False, id="look-alike-name"),
    ],
)
def test_matches(path: str, patterns: list[str], expected: bool) -> None:
    assert matches(PurePosixPath(path), patterns) is expected


def test_gitignore_reading() -> None:
    text = "# comment\n\n/build/\n*.tmp\n!keep.tmp\n**/cache\n"
    assert gitignore_patterns(text) == ("/build", "*.tmp", "cache")


def test_include_and_exclude() -> None:
    config = Config()
    assert is_included(PurePosixPath("a/b.markdown"), config)
    assert not is_included(PurePosixPath("a/b.html"), config)
    assert is_excluded(PurePosixPath("story.txt.removed.txt"), config)
    assert is_excluded(PurePosixPath("node_modules/x/a.txt"), config)
    assert is_excluded(PurePosixPath("a.txt"), config, ["a.txt"])
    assert not is_excluded(PurePosixPath("a.txt"), config)


def test_relative_to_root() -> None:
    assert relative_to_root(PurePosixPath("/x/a.txt"), PurePosixPath("/y")) is None
