"""Tests for newsclean.text.noqa, per-file-ignores and noqa in the article (issue 16, item 3).

Silencing a finding must not put ``newsclean: noqa`` into the cleaned article: the clean CLI
and parse_article's text leave the comments out, and no other word goes with them.
``per-file-ignores`` in ``[tool.newsclean]`` silences codes by path without any comment.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from strategies import prose_with_noqa

from newsclean.article import parse_article
from newsclean.cli.main import main
from newsclean.lint.config import config_from_table, for_file
from newsclean.lint.run import fix_until_clean, lint_text
from newsclean.model import apply_fixes
from newsclean.text.noqa import clean_noqa_comments


@pytest.fixture(autouse=True)
def _outside_the_repo(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


STRIPPED = [
    pytest.param("The pier newsclean: noqa reopened.\n", "The pier reopened.\n", id="bare"),
    pytest.param("Pier reopens  newsclean: noqa: NC405\n", "Pier reopens\n", id="line-end"),
    pytest.param("newsclean: noqa-file\nThe pier.\n", "The pier.\n", id="own-line"),
    pytest.param("A pier. newsclean: noqa. Next.\n", "A pier.. Next.\n", id="before-stop"),
    pytest.param(
        "A pier <!-- newsclean: noqa: NC102 --> here.\n", "A pier here.\n", id="html-comment"
    ),
    pytest.param(
        "A pier newsclean:noqa:nc4,trailing-whitespace here.\n", "A pier here.\n", id="names"
    ),
]


@pytest.mark.parametrize(("text", "expected"), STRIPPED)
def test_comments_are_removed(text: str, expected: str) -> None:
    assert clean_noqa_comments(text).text == expected


LOOK_ALIKES = [
    pytest.param("The newsclean project shipped.\n", id="the-name"),
    pytest.param("newsclean: noqa: Storm hits the coast.\n", id="capitalised-word-after-colon"),
    pytest.param("We said noqa twice.\n", id="noqa-alone"),
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_stay(text: str) -> None:
    assert clean_noqa_comments(text).text == text


@given(prose_with_noqa())
def test_no_comment_left_and_no_word_lost(pair: tuple[str, str]) -> None:
    text, commented = pair
    cleaned = clean_noqa_comments(commented)
    assert apply_fixes(commented, cleaned.fixes) == cleaned.text
    assert cleaned.text.split() == text.split()


def test_parse_article_text_and_blocks_carry_no_comment() -> None:
    text = (
        "Pier reopens  newsclean: noqa: NC405\n\n"
        "The pier reopened on Tuesday after repairs newsclean: noqa. Visitors came back.\n"
    )
    article = parse_article(text)
    assert "noqa" not in article.text
    assert all("noqa" not in block.text for block in article.blocks)
    assert article.blocks[1].text == (
        "The pier reopened on Tuesday after repairs. Visitors came back."
    )
    assert [b.line for b in article.blocks] == [1, 3]


def test_clean_cli_output_carries_no_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "a.txt"
    story.write_text(
        "Pier reopens  newsclean: noqa: NC405\n\n"
        "The pier reopened on Tuesday after weeks of repairs, newsclean: noqa the council said.\n",
        encoding="utf-8",
    )
    assert main(["--format", "json", str(story)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["headline"] == "Pier reopens"
    texts = [block["text"] for block in record["blocks"]]
    assert texts[1] == "The pier reopened on Tuesday after weeks of repairs, the council said."


def test_the_linter_keeps_and_honours_comments() -> None:
    text = "One  two. newsclean: noqa: NC401\nThree  four.  newsclean: noqa: NC405\n"
    assert [f.code for f in lint_text(text)] == ["NC405"]
    assert fix_until_clean(text).text == (
        "One two. newsclean: noqa: NC401\nThree  four.  newsclean: noqa: NC405\n"
    )


def test_a_word_after_the_colon_is_no_comment() -> None:
    # Before and after: "noqa: Storm" silences nothing, and the words stay in the text.
    assert [f.code for f in lint_text("One  two. newsclean: noqa: Storm\n")] == ["NC405"]


# --- per-file-ignores --------------------------------------------------------------------


def test_per_file_ignores_table() -> None:
    config = config_from_table({"per-file-ignores": {"drafts/*.txt": ["NC4", "mojibake"]}})
    assert config.per_file_ignores == (("drafts/*.txt", ("NC4", "NC101")),)
    assert for_file(config, PurePosixPath("drafts/a.txt")).ignore == ("NC4", "NC101")
    assert for_file(config, PurePosixPath("news/a.txt")).ignore == ()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(["NC4"], "must be a table", id="not-a-table"),
        pytest.param({"a.txt": "NC4"}, "must be a list of codes", id="not-a-list"),
        pytest.param({"a.txt": ["E501"]}, "unknown rule or prefix", id="unknown-code"),
    ],
)
def test_bad_per_file_ignores(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        config_from_table({"per-file-ignores": value})


def test_per_file_ignores_silence_by_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsclean.per-file-ignores]\n"drafts/*.txt" = ["NC405"]\n"*.md" = ["NC4"]\n',
        encoding="utf-8",
    )
    for name in ("drafts/a.txt", "news/b.txt", "notes.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("One  two.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-j", "1", "--output-format", "json", "."]) == 1
    records = json.loads(capsys.readouterr().out)
    assert [(r["filename"], r["code"]) for r in records] == [("news/b.txt", "NC405")]
