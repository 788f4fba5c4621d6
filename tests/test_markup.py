"""Tests for newsclean.text.markup: a web page told from extracted article text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import prose

from newsclean.text.markup import SAMPLE_CHARS, looks_like_html

PAGES = [
    pytest.param("<!DOCTYPE html>\n<html><body>Rain.</body></html>", id="doctype"),
    pytest.param("\n  <!doctype HTML>\n<title>Rain</title>\n", id="doctype-lower-indented"),
    pytest.param('<html lang="en">\n<head><title>Rain</title></head>', id="html-tag"),
    pytest.param("<head>\n<meta charset=utf-8>\nRain falls.\n", id="head-tag"),
    pytest.param(
        '<div class="story">\n<h1>Rain</h1>\n<p>It rained all day in the valley.</p>\n</div>\n',
        id="fragment-tag-heavy",
    ),
    pytest.param(
        "<p>It rained all day in the valley and the river rose over its banks by noon.</p>\n\n"
        "<p>Farmers moved their sheep to the higher fields before the water came.</p>\n\n"
        "<p>The road to the village stayed shut until the evening.</p>\n\n<p>More soon.</p>\n",
        id="paragraphs-wrapped-in-tags",
    ),
    pytest.param(
        "<!-- saved page -->\n<section>\n<article>\n<h2>Rain</h2>\n</article>\n</section>\n",
        id="comment-and-sections",
    ),
]

NOT_PAGES = [
    pytest.param("Rain\n\nUse <b> for bold and the <i> tag for italics.\n", id="prose-naming-tags"),
    pytest.param(
        '# Tool\n\n<p align="center"><img src="logo.png" width="80"></p>\n\n'
        "A tool that cleans text. It reads files and writes them back, keeping every word "
        "of the article and labelling the rest so that nothing is lost on the way.\n\n"
        "See <https://example.org/docs> or mail <team@example.org>.\n",
        id="markdown-with-a-badge-line-and-autolinks",
    ),
    pytest.param(
        "Storm hits coast\n\n<details>\n<summary>Timeline</summary>\n\n"
        "Waves rose before dawn and the harbour wall gave way at six, the coastguard said.\n\n"
        "Residents were told to stay indoors until the tide turned in the afternoon.\n\n"
        "</details>\n",
        id="markdown-inline-html-block",
    ),
    pytest.param("Results: 3 < 5 and 7 > 2, said the <Reuters> wire.\n", id="angle-brackets"),
    pytest.param("Rain falls.\n\nThe html of the page was lost.\n", id="the-word-html"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("text", PAGES)
def test_pages_are_html(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize("text", NOT_PAGES)
def test_look_alikes_are_not_html(text: str) -> None:
    assert not looks_like_html(text)


def test_only_the_start_is_read() -> None:
    late = "Rain falls on the town. " * (SAMPLE_CHARS // 24 + 1) + "\n<!DOCTYPE html>\n"
    assert not looks_like_html(late)


def test_bytes_are_refused_with_advice() -> None:
    with pytest.raises(TypeError, match="decode it first"):
        looks_like_html(b"<html>")  # type: ignore[arg-type]


@given(st.text())
def test_any_text_gives_an_answer(text: str) -> None:
    assert looks_like_html(text) in (True, False)


@given(prose())
def test_prose_is_text_and_the_same_prose_in_a_page_is_html(text: str) -> None:
    """The identity (or a detector always saying one thing) fails one of the two."""
    assert not looks_like_html(text)
    paragraphs = "".join(f"<p>{part.strip()}</p>\n" for part in text.split("\n\n"))
    assert looks_like_html(f'<div class="body">\n{paragraphs}</div>\n')
