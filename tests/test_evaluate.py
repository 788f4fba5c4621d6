"""The evaluator (newsclean/evaluate.py) on tiny invented label sets, with fake parsers.

Each fake parser returns exactly the blocks a test names, so every expected number below is
counted by hand from the gold and those blocks.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from strategies import labelled_blocks

from newsclean.cli.evaluate import main
from newsclean.evaluate.measure import Alignment, KindScore, ParseFn, Summary, align, evaluate
from newsclean.evaluate.pages import words
from newsclean.io.pages import load_corpus_page, load_labelled_page
from newsclean.model import Article, Block, InputError, Kind, Span

# --- helpers ----------------------------------------------------------------------------


def fake_parser(blocks: Sequence[tuple[Kind, str] | tuple[Kind, str, str]]) -> ParseFn:
    """A parser that ignores its input and returns these blocks (kind, text[, label])."""

    def parse(text: str) -> Article:
        made = tuple(
            Block(b[1], i + 1, Span(0, 0), b[0], b[2] if len(b) == 3 else None, ("fake",))
            for i, b in enumerate(blocks)
        )
        return Article(blocks=made)

    return parse


def write_labelled(tmp_path: Path, name: str, blocks: Sequence[tuple[str, str]]) -> Path:
    """Write a labelled page: the texts one block per paragraph, labels in the JSON."""
    text = tmp_path / f"{name}.txt"
    text.write_text("\n\n".join(t for _, t in blocks) + "\n", encoding="utf-8")
    data = {"id": name, "blocks": [{"text": t, "label": k, "tag": "p"} for k, t in blocks]}
    (tmp_path / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    return text


def write_corpus(tmp_path: Path, name: str, text: str, entries: list[list[str]]) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    labels = {"about": "invented", "site": None, "blocks": entries}
    (tmp_path / f"{name}.labels.json").write_text(json.dumps(labels), encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str], parse: ParseFn) -> Any:
    assert main([*argv, "--json"], parse=parse) == 0
    return json.loads(capsys.readouterr().out)


# --- the labelled-pages format ------------------------------------------------------------

HEADLINE = "Harbour Wall Gives Way"
BODY_1 = "The old harbour wall collapsed early on Sunday."
BODY_2 = "Nobody was hurt, the harbour master said."
SHARE = "Share this story"
CAPTION = "Waves over the broken wall"
UNSURE = "Updated at noon"
PAGE = [
    ("headline", HEADLINE),
    ("body", BODY_1),
    ("body", BODY_2),
    ("boilerplate", SHARE),
    ("caption", CAPTION),
    ("unknown", UNSURE),
]


def scores(summary: Summary) -> dict[str, KindScore]:
    return {k.kind: k for k in summary.kinds}


def test_perfect_parser_scores_one(tmp_path: Path) -> None:
    path = write_labelled(tmp_path, "p", PAGE)
    parse = fake_parser(
        [
            ("headline", HEADLINE),
            ("paragraph", BODY_1),
            ("paragraph", BODY_2),
            ("boilerplate", SHARE),
            ("caption", CAPTION),
            ("paragraph", UNSURE),
        ]
    )
    (summary,) = evaluate([load_labelled_page(path, tmp_path / "p.json")], parse)
    # five scored blocks (the unknown one skipped), all right
    assert (summary.scored, summary.correct, summary.skipped) == (5, 5, 1)
    assert summary.accuracy == 1.0
    assert summary.confusion == ()
    assert summary.words_lost == 0
    assert scores(summary)["body"] == KindScore("body", support=2, predicted=2, correct=2)


def test_merged_block_covers_both_gold_blocks(tmp_path: Path) -> None:
    path = write_labelled(tmp_path, "p", PAGE)
    parse = fake_parser(
        [
            ("alt_headline", HEADLINE),  # alt_headline reads as headline here
            ("paragraph", f"{BODY_1} {BODY_2}"),  # one predicted block over two gold blocks
            ("paragraph", SHARE),  # boilerplate taken for body
            ("caption", CAPTION),
            ("boilerplate", UNSURE),  # gold unknown: never scored
        ]
    )
    (summary,) = evaluate([load_labelled_page(path, tmp_path / "p.json")], parse)
    # gold -> predicted: headline ok, body ok, body ok, boilerplate -> body, caption ok
    assert (summary.scored, summary.correct) == (5, 4)
    assert summary.accuracy == pytest.approx(0.8)
    body = scores(summary)["body"]
    assert (body.support, body.predicted, body.correct) == (2, 3, 2)
    # P = 2/3, R = 1, F1 = 2 * (2/3) / (5/3) = 0.8
    assert (body.precision, body.recall, body.f1) == pytest.approx((2 / 3, 1.0, 0.8))
    boiler = scores(summary)["boilerplate"]
    assert (boiler.precision, boiler.recall, boiler.f1) == (None, 0.0, None)
    assert summary.confusion == (("boilerplate", "body", 1),)
    assert summary.words_lost == 0


def test_dropped_blocks_are_misses_and_lost_words(tmp_path: Path) -> None:
    path = write_labelled(tmp_path, "p", PAGE)
    parse = fake_parser(
        [
            ("headline", HEADLINE),
            ("paragraph", BODY_1),
            ("paragraph", BODY_2),
            ("caption", CAPTION),
        ]
    )
    (summary,) = evaluate([load_labelled_page(path, tmp_path / "p.json")], parse)
    # the share line is missed: 4 of 5 right, boilerplate recall 0
    assert (summary.scored, summary.correct) == (5, 4)
    assert summary.confusion == (("boilerplate", "-", 1),)
    # lost: share this story (3) + updated at noon (3), the unknown block's words count too
    assert summary.words_lost == 6
    assert summary.pages[0].lost_sample == ("at", "noon", "share", "story", "this", "updated")


def test_invented_block_costs_precision_not_recall(tmp_path: Path) -> None:
    path = write_labelled(tmp_path, "p", PAGE[:3])
    parse = fake_parser(
        [
            ("headline", HEADLINE),
            ("paragraph", BODY_1),
            ("paragraph", "Something the page never said at all"),
            ("paragraph", BODY_2),
        ]
    )
    (summary,) = evaluate([load_labelled_page(path, tmp_path / "p.json")], parse)
    body = scores(summary)["body"]
    assert (body.support, body.predicted, body.correct) == (2, 3, 2)
    assert summary.accuracy == 1.0
    assert summary.confusion == (("-", "body", 1),)
    assert summary.words_lost == 0


def test_split_block_goes_to_the_part_with_most_words(tmp_path: Path) -> None:
    path = write_labelled(tmp_path, "p", PAGE[:2])
    # BODY_1 has 8 words: 2 in a paragraph, 6 in a caption -> scored as a caption
    parse = fake_parser(
        [
            ("headline", HEADLINE),
            ("paragraph", "The old"),
            ("caption", "harbour wall collapsed early on Sunday."),
        ]
    )
    (summary,) = evaluate([load_labelled_page(path, tmp_path / "p.json")], parse)
    assert summary.confusion == (("body", "caption", 1),)
    # the smaller part shares words with the gold: not an invented block
    assert sum(o.gold is None for o in summary.pages[0].outcomes) == 0


def test_labelled_page_lines(tmp_path: Path) -> None:
    path = write_labelled(tmp_path, "p", PAGE[:3])
    page = load_labelled_page(path, tmp_path / "p.json")
    assert [g.line for g in page.gold] == [1, 3, 5]
    assert page.gold[1].words == words(BODY_1)


# --- the team-corpus format ---------------------------------------------------------------

CORPUS_TEXT = (
    "Tram Line Reopens\n"
    "\n"
    "Trams are back on Mill Road\n"
    "\n"
    "The tram line through Mill Road reopened\n"
    "on Friday after six weeks of repairs.\n"
    "\n"
    "Rails: new track laid at the depot\n"
    "\n"
    "Sign up for our newsletter\n"
)
CORPUS_LABELS = [
    ["headline", "Tram Line Reopens"],
    ["alt_headline", "Trams are back on"],
    ["paragraph", "The tram line through"],
    ["caption", "Rails: new track laid", "Rails"],
    ["boilerplate", "Sign up for our"],
]
CORPUS_BLOCKS: list[tuple[Kind, str] | tuple[Kind, str, str]] = [
    ("headline", "Tram Line Reopens"),
    ("alt_headline", "Trams are back on Mill Road"),
    ("paragraph", "The tram line through Mill Road reopened on Friday after six weeks of repairs."),
    ("caption", "Rails: new track laid at the depot", "Rails"),
    ("boilerplate", "Sign up for our newsletter"),
]


def test_corpus_blocks_run_from_prefix_to_prefix(tmp_path: Path) -> None:
    path = write_corpus(tmp_path, "tram", CORPUS_TEXT, CORPUS_LABELS)
    page = load_corpus_page(path, tmp_path / "tram.labels.json")
    assert [g.kind for g in page.gold] == [e[0] for e in CORPUS_LABELS]
    assert [g.line for g in page.gold] == [1, 3, 5, 8, 10]
    # the hard-wrapped paragraph is one gold block over both lines
    assert len(page.gold[2].words) == 14
    assert page.gold[3].label == ("rails",)


def test_corpus_exact_reproduction(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_corpus(tmp_path, "tram", CORPUS_TEXT, CORPUS_LABELS)
    data = run_json(capsys, [str(tmp_path)], fake_parser(CORPUS_BLOCKS))
    corpus = data["corpus"]
    assert (corpus["exact"], corpus["files"], corpus["accuracy"]) == (1, 1, 1.0)
    assert corpus["kinds"]["caption"]["f1"] == 1.0
    assert "labelled" not in data


@pytest.mark.parametrize(
    "blocks",
    [
        pytest.param(
            [*CORPUS_BLOCKS[:3], ("caption", CORPUS_BLOCKS[3][1]), CORPUS_BLOCKS[4]],
            id="caption-label-missing",
        ),
        pytest.param(
            [*CORPUS_BLOCKS[:2], ("paragraph", "The tram line through Mill Road reopened"),
             ("paragraph", "on Friday after six weeks of repairs."), *CORPUS_BLOCKS[3:]],
            id="paragraph-split",
        ),
    ],
)  # fmt: skip
def test_corpus_near_misses_are_not_exact(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    blocks: list[tuple[Kind, str] | tuple[Kind, str, str]],
) -> None:
    write_corpus(tmp_path, "tram", CORPUS_TEXT, CORPUS_LABELS)
    corpus = run_json(capsys, [str(tmp_path)], fake_parser(blocks))["corpus"]
    assert corpus["exact"] == 0
    assert corpus["accuracy"] == 1.0  # every kind is still right


def test_corpus_prefix_tolerates_entities(tmp_path: Path) -> None:
    text = "Caf&eacute; Owners Protest\n\nThe caf&eacute; owners marched.\n"
    path = write_corpus(
        tmp_path,
        "cafe",
        text,
        [["headline", "Café Owners Protest"], ["paragraph", "The café owners"]],
    )
    page = load_corpus_page(path, tmp_path / "cafe.labels.json")
    assert [g.line for g in page.gold] == [1, 3]


def test_corpus_wordless_block_is_found_and_skipped(tmp_path: Path) -> None:
    text = "Pier Review\n\n\N{BLACK STAR}\N{BLACK STAR}\N{WHITE STAR}\n\nThe pier is fine.\n"
    entries = [
        ["headline", "Pier Review"],
        ["boilerplate", "\N{BLACK STAR}\N{BLACK STAR}"],
        ["paragraph", "The pier is"],
    ]
    path = write_corpus(tmp_path, "pier", text, entries)
    page = load_corpus_page(path, tmp_path / "pier.labels.json")
    assert [g.line for g in page.gold] == [1, 3, 5]
    blocks: list[tuple[Kind, str]] = [
        ("headline", "Pier Review"),
        ("paragraph", "The pier is fine."),
    ]
    (summary,) = evaluate([page], fake_parser(blocks))
    assert (summary.scored, summary.skipped, summary.correct) == (2, 1, 2)


def test_text_output_and_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_corpus(tmp_path, "tram", CORPUS_TEXT, CORPUS_LABELS)
    wrong = [*CORPUS_BLOCKS[:4], ("paragraph", "Sign up for our newsletter")]
    assert main([str(path), "--errors"], parse=fake_parser(wrong)) == 0
    out = capsys.readouterr().out
    assert "articles reproduced exactly: 0/1" in out
    assert f"{path}:5: boilerplate -> paragraph [fake] Sign up for our newsletter" in out
    data = run_json(capsys, [str(path), "--errors"], fake_parser(wrong))
    (error,) = data["corpus"]["errors"]
    assert (error["gold"], error["predicted"], error["why"]) == (
        "boilerplate",
        "paragraph",
        ["fake"],
    )


def test_both_formats_in_one_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_corpus(tmp_path, "tram", CORPUS_TEXT, CORPUS_LABELS)
    write_labelled(tmp_path, "page", [("headline", "Tram Line Reopens")])
    data = run_json(capsys, [str(tmp_path)], fake_parser(CORPUS_BLOCKS))
    assert set(data) == {"corpus", "labelled"}
    # the labelled page's one headline is found in the fake's first block
    assert data["labelled"]["kinds"]["headline"]["recall"] == 1.0


# --- bad input ------------------------------------------------------------------------------


def _no_labels(tmp_path: Path) -> list[str]:
    (tmp_path / "lone.txt").write_text("Text\n", encoding="utf-8")
    return [str(tmp_path / "lone.txt")]


def _bad_json(tmp_path: Path) -> list[str]:
    (tmp_path / "x.txt").write_text("Text\n", encoding="utf-8")
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    return [str(tmp_path / "x.txt")]


def _bad_kind(tmp_path: Path) -> list[str]:
    return [str(write_corpus(tmp_path, "k", "Text here now\n", [["title", "Text here now"]]))]


def _bad_label(tmp_path: Path) -> list[str]:
    return [str(write_labelled(tmp_path, "l", [("lede", "Text here now")]))]


def _prefix_missing(tmp_path: Path) -> list[str]:
    return [str(write_corpus(tmp_path, "m", "Text here now\n", [["headline", "Other words"]]))]


def _empty_dir(tmp_path: Path) -> list[str]:
    (tmp_path / "d").mkdir()
    return [str(tmp_path / "d")]


def _not_txt(tmp_path: Path) -> list[str]:
    write_labelled(tmp_path, "j", [("body", "Text here now")])
    return [str(tmp_path / "j.json")]


def _bad_utf8(tmp_path: Path) -> list[str]:
    path = write_labelled(tmp_path, "u", [("body", "Text here now")])
    path.write_bytes(b"caf\xe9\n")
    return [str(path)]


def _no_blocks_list(tmp_path: Path) -> list[str]:
    path = write_labelled(tmp_path, "n", [("body", "Text here now")])
    (tmp_path / "n.json").write_text('{"blocks": {}}', encoding="utf-8")
    return [str(path)]


def _block_not_object(tmp_path: Path) -> list[str]:
    path = write_labelled(tmp_path, "o", [("body", "Text here now")])
    (tmp_path / "o.json").write_text('{"blocks": ["Text here now"]}', encoding="utf-8")
    return [str(path)]


def _unlabelled_lead(tmp_path: Path) -> list[str]:
    text = "Stray line first\n\nText here now\n"
    return [str(write_corpus(tmp_path, "s", text, [["headline", "Text here now"]]))]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda p: [str(p / "nowhere")], "no such file", id="missing-path"),
        pytest.param(_no_labels, "beside it", id="txt-without-labels"),
        pytest.param(_bad_json, "cannot read labels", id="labels-not-json"),
        pytest.param(_bad_kind, "block 1", id="corpus-unknown-kind"),
        pytest.param(_bad_label, "known label", id="page-unknown-label"),
        pytest.param(_prefix_missing, "starts", id="prefix-not-found"),
        pytest.param(_empty_dir, "no .txt file", id="directory-without-pairs"),
        pytest.param(_not_txt, "give a .txt", id="labels-file-given"),
        pytest.param(_bad_utf8, "cannot read text", id="text-not-utf8"),
        pytest.param(_no_blocks_list, 'a "blocks" list', id="labels-without-blocks"),
        pytest.param(_block_not_object, "expected an object", id="page-block-not-object"),
        pytest.param(_unlabelled_lead, "has no label", id="text-before-first-label"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: Any, message: str
) -> None:
    assert main(make(tmp_path), parse=fake_parser([])) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert ": error: " in err
    assert message in err


def test_real_parser_runs_and_loses_no_word(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_corpus(tmp_path, "tram", CORPUS_TEXT, CORPUS_LABELS)
    assert main([str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["corpus"]["words_lost"] == 0


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "PATH" in capsys.readouterr().err


def test_input_error_names_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'missing'}: error: no such file or directory\n"
    assert str(InputError("a.txt", "broken")) == "a.txt: broken"


def _write_split(tmp_path: Path, splits: dict[str, str]) -> None:
    for name in splits:
        write_labelled(tmp_path, name, PAGE)
    index = {name: {"split": split, "domain": f"{name}.example"} for name, split in splits.items()}
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")


def test_split_scores_only_that_splits_pages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _write_split(tmp_path, {"tide": "train", "wall": "validation", "pier": "validation"})
    parse = fake_parser([("headline", HEADLINE)])
    for argv, files in (
        (["--split", "validation"], 2),
        (["--split", "train"], 1),
        ([], 3),
    ):
        assert run_json(capsys, [str(tmp_path), *argv], parse)["labelled"]["files"] == files


def test_split_without_an_index_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_labelled(tmp_path, "tide", PAGE)
    assert main([str(tmp_path), "--split", "validation"], parse=fake_parser([])) == 2
    assert "no index.json" in capsys.readouterr().err


# --- alignment ------------------------------------------------------------------------------

A, B, C, D = ("a", "b"), ("c", "d", "e"), ("f",), ("g", "h")


@pytest.mark.parametrize(
    ("gold", "pred", "links", "touched"),
    [
        pytest.param([A, B], [A, B], (0, 1), {0, 1}, id="same"),
        pytest.param([A, B, C], [A, B + C], (0, 1, 1), {0, 1}, id="merge"),
        pytest.param([A, B], [A, ("c",), ("d", "e")], (0, 2), {0, 1, 2}, id="split-majority"),
        pytest.param([A, B, C], [A, C], (0, None, 1), {0, 1}, id="missing"),
        pytest.param([A, C], [A, D, C], (0, 2), {0, 2}, id="inserted"),
        pytest.param([A, A], [A], (0, None), {0}, id="repeat-once"),
        pytest.param([B], [("c", "x", "y")], (None,), {0}, id="under-half-missed"),
        pytest.param([], [A], (), set(), id="no-gold"),
    ],
)
def test_align(
    gold: list[tuple[str, ...]],
    pred: list[tuple[str, ...]],
    links: tuple[int | None, ...],
    touched: set[int],
) -> None:
    assert align(gold, pred) == Alignment(links, frozenset(touched))


@given(labelled_blocks)
def test_blocks_align_with_themselves_one_to_one(blocks: list[tuple[Kind, str]]) -> None:
    gold = [words(t) for _, t in blocks]
    assert align(gold, gold).gold_to_pred == tuple(range(len(blocks)))


@given(labelled_blocks)
def test_one_block_over_everything_covers_every_gold_block(blocks: list[tuple[Kind, str]]) -> None:
    # the paired check the identity alignment fails: one predicted block covers all
    gold = [words(t) for _, t in blocks]
    merged = tuple(w for ws in gold for w in ws)
    assert align(gold, [merged]).gold_to_pred == (0,) * len(blocks)


@given(labelled_blocks)
def test_corpus_round_trip(blocks: list[tuple[Kind, str]]) -> None:
    # a parser returning the gold blocks unchanged reproduces every corpus page exactly
    with tempfile.TemporaryDirectory() as tmp:
        text = "\n\n".join(t for _, t in blocks) + "\n"
        entries = [[k, " ".join(t.split()[:3])] for k, t in blocks]
        path = write_corpus(Path(tmp), "x", text, entries)
        page = load_corpus_page(path, Path(tmp) / "x.labels.json")
        (summary,) = evaluate([page], fake_parser(list(blocks)))
    assert (summary.exact, summary.accuracy, summary.words_lost) == (1, 1.0, 0)
