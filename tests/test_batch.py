"""Tests for newsclean.batch (#17.4): the entry points data-parallel engines call give,
record for record, what ``newsclean --input-format jsonl`` writes, and refuse bad calls
with a message saying what to do. The engines' own recipes: test_examples.py."""

from __future__ import annotations

import functools
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from newsclean.batch import clean_batch, line_options, map_record, map_records
from newsclean.cli.main import main
from newsclean.io.jsonl import RecordError

RECORDS = [
    {"id": 1, "text": "Storm hits coast\n\nWaves  battered the town , officials said."},
    {
        "id": 2,
        "text": "Caf\u00c3\u00a9 opens\n\nThe \u201cnew\u201d caf\u00e9 opened.\n\nShare this",
    },
    {"text": "Harbour\n\nPhoto: Ann Lee/Agency\n\nThe wall fell.", "tags": ["a", {"b": None}]},
]


def _cli_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], records: list[dict[str, Any]], *argv: str
) -> list[dict[str, Any]]:
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["--input-format", "jsonl", *argv, str(path)]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(
    ("argv", "options"),
    [
        pytest.param([], {}, id="text"),
        pytest.param(["--format", "jsonl"], {"fmt": "jsonl"}, id="jsonl"),
        pytest.param(
            ["--keep", "captions,boilerplate", "--quotes", "curly"],
            {"keep": ["captions", "boilerplate"], "quotes": "curly"},
            id="keep-curly",
        ),
        pytest.param(["--only", "body"], {"only_body": True}, id="only-body"),
        pytest.param(
            ["--labeller", "rules", "--format", "jsonl"],
            {"labeller": "rules", "fmt": "jsonl"},
            id="rules",
        ),
        pytest.param(
            ["--input", "page", "--format", "jsonl"], {"source": "page", "fmt": "jsonl"}, id="page"
        ),
    ],
)
def test_a_record_is_mapped_as_the_command_line_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], options: dict[str, Any]
) -> None:
    expected = _cli_lines(tmp_path, capsys, RECORDS, *argv)
    assert [map_record(r, **options) for r in RECORDS] == expected
    assert map_records(RECORDS, **options) == expected


def test_another_text_field_is_read_and_the_others_pass_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [{"body": r["text"], "id": n} for n, r in enumerate(RECORDS)]
    expected = _cli_lines(tmp_path, capsys, records, "--text-field", "body", "--format", "jsonl")
    assert map_records(records, text_field="body", fmt="jsonl") == expected
    assert [list(r) for r in expected] == [["body", "id", "newsclean"]] * 3


def test_a_batch_of_texts_is_a_batch_of_records() -> None:
    texts = [r["text"] for r in RECORDS]
    for fmt in ("text", "jsonl"):
        assert clean_batch(texts, fmt=fmt) == [map_record({"text": t}, fmt=fmt) for t in texts]
    assert clean_batch([]) == []
    assert clean_batch(texts, fmt="jsonl")[0]["newsclean"]["headline"] == "Storm hits coast"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        pytest.param(lambda: clean_batch("one text"), TypeError, r"pass \[text\]", id="str"),
        pytest.param(lambda: clean_batch(None), TypeError, "list of texts", id="none"),
        pytest.param(lambda: clean_batch([b"bytes"]), TypeError, "decode", id="bytes"),
        pytest.param(lambda: clean_batch(["a"], fmt="json"), ValueError, "jsonl", id="fmt"),
        pytest.param(lambda: clean_batch(["a"], keep="captions"), ValueError, "list", id="keep"),
        pytest.param(lambda: clean_batch(["a"], keep=["ads"]), ValueError, "captions", id="kind"),
        pytest.param(lambda: clean_batch(["a"], quotes="fancy"), ValueError, "curly", id="quotes"),
        pytest.param(lambda: clean_batch(["a"], colour=1), TypeError, "colour", id="option"),
        pytest.param(lambda: map_record({"id": 1}), RecordError, "text_field=", id="no-field"),
        pytest.param(lambda: map_record({"text": 3}), RecordError, "a number", id="not-text"),
        pytest.param(lambda: map_record([1]), RecordError, "an array", id="not-object"),
    ],
)
def test_bad_calls_say_what_to_do(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()
    assert issubclass(RecordError, ValueError)


def test_the_entry_points_and_their_partials_pickle_for_engines() -> None:
    record = {"text": "Rain  falls."}
    calls: list[tuple[Any, Any]] = [
        (clean_batch, ["Rain  falls."]),
        (map_record, record),
        (map_records, [record]),
        (functools.partial(map_record, fmt="jsonl"), record),
    ]
    for function, argument in calls:
        assert pickle.loads(pickle.dumps(function))(argument) == function(argument)
    assert line_options() == pickle.loads(pickle.dumps(line_options()))


def test_the_learned_labeller_is_the_default_and_the_rules_can_be_named() -> None:
    def whys(**options: Any) -> list[str]:
        blocks = map_record(RECORDS[1], fmt="jsonl", **options)["newsclean"]["blocks"]
        return [(b["why"] or ["(none)"])[0] for b in blocks if b["kind"] != "headline"]

    assert set(whys()) == {"learned"}
    assert "learned" not in whys(labeller="rules")


def test_the_input_shape_is_named_as_on_the_command_line() -> None:
    record = map_record(RECORDS[0], fmt="jsonl", source="extractor")
    assert record["newsclean"]["source"] == "extractor"
    with pytest.raises(ValueError, match="auto"):
        map_record(RECORDS[0], source="html")


def test_an_unknown_labeller_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValueError, match="'rules', 'learned'"):
        map_record(RECORDS[0], labeller="neural")
