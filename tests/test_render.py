"""Tests for newsclean.io.render over small hand-built Articles (no classifier involved)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BIDI_CONTROLS, articles, hostile_names, unsafe_name_chars

from newsclean.io.render import (
    article_record,
    escape_for_terminal,
    frame_outputs,
    hidden_blocks,
    json_text,
    parse_keep,
    render,
    render_json,
    render_jsonl,
    render_text,
)
from newsclean.model import Article, Block, Fix, Kind, Span


def _article(*pairs: tuple[Kind, str]) -> Article:
    """An Article of blocks laid out one per paragraph; the headline is the first one."""
    blocks, pos = [], 0
    for index, (kind, text) in enumerate(pairs):
        blocks.append(Block(text, 1 + 2 * index, Span(pos, pos + len(text)), kind))
        pos += len(text) + 2
    headline = next((b.text for b in blocks if b.kind == "headline"), None)
    return Article(headline=headline, blocks=tuple(blocks))


STORY = _article(
    ("boilerplate", "Share this"),
    ("headline", "Mayor opens bridge"),
    ("alt_headline", "Bridge opens at last"),
    ("paragraph", "The bridge opened today."),
    ("caption", "Crowd: people on the deck"),
    ("subheading", "Traffic"),
    ("paragraph", "Cars crossed at noon."),
)

#: The headline block keeps its site suffix (no word lost); ``headline`` has it split off.
SITED = replace(
    _article(
        ("boilerplate", "Share this"),
        ("headline", "Mayor opens bridge | The Town Crier"),
        ("alt_headline", "Mayor opens bridge - The Town Crier"),
        ("paragraph", "The bridge opened today."),
    ),
    headline="Mayor opens bridge",
    site="The Town Crier",
)

TEXTS = [
    pytest.param(
        STORY,
        (),
        False,
        "Mayor opens bridge\n\nThe bridge opened today.\n\nTraffic\n\nCars crossed at noon.\n",
        id="default-drops-extras",
    ),
    pytest.param(
        STORY,
        ("captions",),
        False,
        "Mayor opens bridge\n\nThe bridge opened today.\n\n[caption] Crowd: people on the deck"
        "\n\nTraffic\n\nCars crossed at noon.\n",
        id="keep-captions-in-place",
    ),
    pytest.param(
        STORY,
        ("captions", "boilerplate", "alt_headlines"),
        False,
        "[boilerplate] Share this\n\nMayor opens bridge\n\n[alt_headline] Bridge opens at last"
        "\n\nThe bridge opened today.\n\n[caption] Crowd: people on the deck\n\nTraffic"
        "\n\nCars crossed at noon.\n",
        id="keep-all",
    ),
    pytest.param(
        STORY,
        (),
        True,
        "The bridge opened today.\n\nTraffic\n\nCars crossed at noon.\n",
        id="only-body",
    ),
    pytest.param(Article(), (), False, "", id="empty-article"),
    pytest.param(_article(("headline", "")), (), False, "", id="empty-headline-block"),
    pytest.param(
        Article(headline="Lone title", blocks=(Block("Text.", 3, Span(12, 17)),)),
        (),
        False,
        "Lone title\n\nText.\n",
        id="headline-field-without-block",
    ),
    pytest.param(
        _article(("caption", "Only a caption")), (), False, "", id="nothing-left-is-empty"
    ),
    pytest.param(
        SITED,
        (),
        False,
        "Mayor opens bridge\n\nsite: The Town Crier\n\nThe bridge opened today.\n",
        id="headline-as-in-json-site-beside-it",
    ),
    pytest.param(
        SITED,
        ("boilerplate", "alt_headlines"),
        False,
        "[boilerplate] Share this\n\nMayor opens bridge\n\nsite: The Town Crier\n\n"
        "[alt_headline] Mayor opens bridge - The Town Crier\n\nThe bridge opened today.\n",
        id="kept-blocks-stay-as-found",
    ),
    pytest.param(SITED, (), True, "The bridge opened today.\n", id="only-body-no-site"),
    pytest.param(
        Article(headline="Lone title", site="The Crier", blocks=(Block("Text.", 3, Span(12, 17)),)),
        (),
        False,
        "Lone title\n\nsite: The Crier\n\nText.\n",
        id="headline-field-and-site-without-block",
    ),
]


@pytest.mark.parametrize(("article", "keep", "only_body", "expected"), TEXTS)
def test_render_text(
    article: Article, keep: tuple[str, ...], only_body: bool, expected: str
) -> None:
    assert render_text(article, keep=keep, only_body=only_body) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("captions", {"captions"}, id="one"),
        pytest.param(" captions , alt_headlines,", {"captions", "alt_headlines"}, id="spaces"),
        pytest.param("", set(), id="empty"),
    ],
)
def test_parse_keep(value: str, expected: set[str]) -> None:
    assert parse_keep(value) == expected


@pytest.mark.parametrize("value", ["caption", "captions,ads", "paragraphs"])
def test_parse_keep_rejects_unknown_names(value: str) -> None:
    with pytest.raises(ValueError, match="choose from captions, boilerplate, alt_headlines"):
        parse_keep(value)


def test_render_json_is_the_record_with_non_ascii_kept() -> None:
    article = Article(
        headline="Café reopens",
        alt_headlines=("Café back",),
        site="The Daily Bun",
        blocks=(Block("Café reopens", 1, Span(0, 12), "headline", why=("first-line",)),),
        fixes=(Fix(Span(3, 5), "é", "mojibake"),),
    )
    rendered = render_json("menu.txt", article)
    assert "Café" in rendered  # not \u00e9
    assert rendered.startswith('{\n  "path"')
    expected: dict[str, Any] = {
        "path": "menu.txt",
        "headline": "Café reopens",
        "alt_headlines": ["Café back"],
        "site": "The Daily Bun",
        "source": "article",
        "blocks": [
            {
                "kind": "headline",
                "text": "Café reopens",
                "line": 1,
                "label": None,
                "why": ["first-line"],
            }
        ],
        "fixes": [{"start": 3, "end": 5, "replacement": "é", "reason": "mojibake"}],
    }
    assert json.loads(rendered) == expected
    assert json.loads(render_jsonl("menu.txt", article)) == expected


def test_jsonl_is_one_line() -> None:
    line = render_jsonl("a.txt", STORY)
    assert line.endswith("\n")
    assert line.count("\n") == 1


def test_render_dispatches_by_format() -> None:
    assert json.loads(render("json", "a.txt", STORY))["path"] == "a.txt"
    assert json.loads(render("jsonl", "a.txt", STORY))["path"] == "a.txt"
    assert render("text", "a.txt", STORY, only_body=True).startswith("The bridge")


# --- framing several outputs --------------------------------------------------------


def test_json_array_framing_matches_json_dumps_of_the_list() -> None:
    records = [article_record("a.txt", STORY), article_record("b.txt", Article())]
    outputs = [("a.txt", render_json("a.txt", STORY)), ("b.txt", render_json("b.txt", Article()))]
    framed = "".join(frame_outputs("json", outputs, many=True))
    assert framed == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    ("fmt", "outputs", "many", "expected"),
    [
        pytest.param("json", [], True, "[]\n", id="json-many-none"),
        pytest.param("json", [("a", "{}")], False, "{}\n", id="json-one"),
        pytest.param("json", [], False, "", id="json-one-failed"),
        pytest.param("jsonl", [("a", "{}\n"), ("b", "{}\n")], True, "{}\n{}\n", id="jsonl"),
        pytest.param("text", [("a", "A\n")], False, "A\n", id="text-one"),
        pytest.param(
            "text",
            [("a.txt", "A\n\nB\n"), ("b.txt", ""), ("c.txt", "C\n")],
            True,
            "==> a.txt <==\nA\n\nB\n\n==> b.txt <==\n\n==> c.txt <==\nC\n",
            id="text-many-headers",
        ),
    ],
)
def test_frame_outputs(fmt: Any, outputs: list[tuple[str, str]], many: bool, expected: str) -> None:
    assert "".join(frame_outputs(fmt, outputs, many=many)) == expected


def test_text_header_escapes_a_path_that_would_start_a_new_line() -> None:
    outputs = [("x\n::error title=Injected::pwned.txt", "A\n"), ("b\u202etxt.exe", "B\n")]
    framed = "".join(frame_outputs("text", outputs, many=True))
    assert framed.splitlines() == [
        "==> x\\n::error title=Injected::pwned.txt <==",
        "A",
        "",
        "==> b\\u202etxt.exe <==",
        "B",
    ]


def test_frame_outputs_is_lazy() -> None:
    def outputs() -> Any:
        yield "a", "{}"
        raise AssertionError("read too far")

    pieces = frame_outputs("json", outputs(), many=True)
    assert next(pieces) == "[\n  {}"


# --- escaping for humans and for JSON --------------------------------------------

ESCAPES = [
    pytest.param("news/a.txt", "news/a.txt", id="plain-path-unchanged"),
    pytest.param("café – ünï 東京.txt", "café – ünï 東京.txt", id="printable-non-ascii-unchanged"),
    pytest.param("x\n::error title=I::p.txt", "x\\n::error title=I::p.txt", id="line-feed"),
    pytest.param("a\rb\tc", "a\\rb\\tc", id="carriage-return-and-tab"),
    pytest.param("a\x1b[31mb", "a\\x1b[31mb", id="terminal-escape-sequence"),
    pytest.param("a\x00\x0b\x0c\x7f", "a\\x00\\x0b\\x0c\\x7f", id="nul-tabs-feeds-delete"),
    pytest.param("a\x85b\x9bc", "a\\x85b\\x9bc", id="c1-controls"),
    pytest.param("a\u2028b\u2029", "a\\u2028b\\u2029", id="line-and-paragraph-separators"),
    pytest.param("evil\u202etxt.exe", "evil\\u202etxt.exe", id="right-to-left-override"),
    pytest.param("\u2066a\u2069\u200f", "\\u2066a\\u2069\\u200f", id="bidi-isolates-and-marks"),
    pytest.param("a\\nb", "a\\\\nb", id="backslash-doubled"),
    pytest.param("bad\udcff.txt", "bad\\udcff.txt", id="undecodable-byte"),
]


@pytest.mark.parametrize(("name", "shown"), ESCAPES)
def test_escape_for_terminal(name: str, shown: str) -> None:
    assert escape_for_terminal(name) == shown


def test_json_text_escapes_lone_surrogates_and_keeps_other_text() -> None:
    value = {"bad\udcff.txt": ["é", "\ud800"], "n": 1.5}
    text = json_text(value)
    assert text == '{"bad\\udcff.txt":["é","\\ud800"],"n":1.5}'
    assert json.loads(text.encode("utf-8")) == value
    assert json_text([1], indent=2) == "[\n  1\n]"


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_json_text_never_writes_what_json_does_not_allow(number: float) -> None:
    with pytest.raises(ValueError, match="JSON"):
        json_text({"n": number})


def test_json_outputs_of_an_undecodable_path_are_utf8() -> None:
    for output in (render_json("bad\udcff.txt", STORY), render_jsonl("bad\udcff.txt", STORY)):
        assert json.loads(output.encode("utf-8"))["path"] == "bad\udcff.txt"


# --- properties ---------------------------------------------------------------------


@given(articles())
def test_json_round_trips_every_block(article: Article) -> None:
    """The identity would fail: the parsed JSON must rebuild each block's fields."""
    data = json.loads(render_json("x.txt", article))
    rebuilt = tuple(
        Block(b["text"], b["line"], block.span, b["kind"], b["label"], tuple(b["why"]))
        for b, block in zip(data["blocks"], article.blocks, strict=True)
    )
    assert rebuilt == article.blocks
    assert data["headline"] == article.headline


@given(articles())
def test_text_keeps_every_body_word_and_drops_unkept(article: Article) -> None:
    text = render_text(article)
    for block in article.blocks:
        if block.kind in ("paragraph", "subheading", "headline"):
            assert block.text in text
    assert "[" not in text  # nothing marked when nothing is kept
    kept = render_text(article, keep=("captions", "boilerplate", "alt_headlines"))
    assert kept.count("\n\n") == max(0, len(article.blocks) - 1)


@given(articles(), st.sets(st.sampled_from(["captions", "boilerplate", "alt_headlines"])))
def test_every_block_is_shown_or_counted_as_hidden(article: Article, keep: set[str]) -> None:
    """Nothing leaves the text view unmentioned but a repeat of the headline."""
    text = render_text(article, keep=keep)
    shown = text.split("\n\n") if text else []
    hidden = hidden_blocks(article, keep=keep)
    repeats = [
        b for b in article.blocks if b.kind == "alt_headline" and "alt_headlines" not in keep
    ]
    assert len(shown) + len(hidden) + len(repeats) == len(article.blocks)
    assert all(block.kind in ("caption", "boilerplate") for block in hidden)


@given(articles())
def test_many_json_outputs_parse_as_one_list(article: Article) -> None:
    outputs = [(p, render_json(p, article)) for p in ("a.txt", "b.txt")]
    parsed = json.loads("".join(frame_outputs("json", outputs, many=True)))
    assert [item["path"] for item in parsed] == ["a.txt", "b.txt"]
    assert parsed[0] == article_record("a.txt", article)


@given(articles())
def test_articles_strategy_lays_blocks_out_in_order(article: Article) -> None:
    starts = [block.span.start for block in article.blocks]
    assert starts == sorted(starts)
    headlines = [block.text for block in article.blocks if block.kind == "headline"]
    assert article.headline == (headlines[0] if headlines else None)


def _is_unsafe(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cc", "Cs", "Zl", "Zp") or char in BIDI_CONTROLS


@given(hostile_names)
def test_escaped_names_hold_no_unsafe_character(name: str) -> None:
    """The identity fails this: the generated names carry controls and separators."""
    assert not any(_is_unsafe(char) for char in escape_for_terminal(name))


@given(hostile_names)
def test_escaping_is_unambiguous(name: str) -> None:
    """Python's own escape decoding gets the exact name back, so two names never look alike."""
    escaped = escape_for_terminal(name)
    assert escaped.encode("ascii", "backslashreplace").decode("unicode_escape") == name


@given(unsafe_name_chars)
def test_unsafe_name_chars_are_all_escaped_or_the_backslash(char: str) -> None:
    assert _is_unsafe(char) or char == "\\"
    assert escape_for_terminal(char) != char
