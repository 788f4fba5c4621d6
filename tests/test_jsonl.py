"""Tests for newsclean.io.jsonl: reading records, what goes back into them, bad lines as values."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text, json_values, record_fields, short_prose

from newsclean.io.jsonl import (
    ARTICLE_KEY,
    LineOptions,
    RecordError,
    clean_line,
    clean_lines,
    clean_record,
    is_blank,
    json_type_name,
    read_record,
)
from newsclean.io.render import CleanOptions

#: Records cleaned for ``--format jsonl``: the fixed text and the parsed article.
JSONL = LineOptions(clean=CleanOptions(fmt="jsonl"))

# --- bad lines ----------------------------------------------------------------------

BAD_LINES = [
    pytest.param(b'{"text": "caf\xe9"}', "invalid UTF-8 (byte 0xe9 at column 14)", id="latin-1"),
    pytest.param(b'{"text": "a"', "invalid JSON", id="unclosed-object"),
    pytest.param(b"text: a", "invalid JSON", id="not-json"),
    pytest.param(b'{"text": "a"} {}', "invalid JSON", id="two-objects"),
    pytest.param(b"[1, 2]", "expected a JSON object, got an array", id="array"),
    pytest.param(b'"text"', "expected a JSON object, got a string", id="string"),
    pytest.param(b"null", "expected a JSON object, got null", id="null"),
    pytest.param(b"12", "expected a JSON object, got a number", id="number"),
    pytest.param(b'{"body": "a"}', 'no "text" field', id="missing-field"),
    pytest.param(b'{"Text": "a"}', 'no "text" field', id="field-case-differs"),
    pytest.param(b'{"text": null}', '"text" is null, expected a string', id="null-field"),
    pytest.param(b'{"text": 3}', '"text" is a number, expected a string', id="number-field"),
    pytest.param(b'{"text": ["a"]}', '"text" is an array, expected a string', id="list-field"),
    pytest.param(b'{"text": false}', '"text" is a boolean, expected a string', id="bool-field"),
    pytest.param(b'\xef\xbb\xbf{"text": "a"}', "invalid JSON", id="bom-after-line-1"),
    pytest.param(
        b'{"n": ' + b"7" * 4301 + b', "text": "a"}',
        "an integer of 4301 digits is too long to convert; write it as a string",
        id="integer-over-4300-digits",
    ),
    pytest.param(
        b'{"n": -' + b"7" * 5000 + b', "text": "a"}',
        "an integer of 5000 digits is too long",
        id="negative-integer-over-4300-digits",
    ),
    pytest.param(
        b'{"n": ' + b"[" * 100_000 + b"]" * 100_000 + b', "text": "a"}',
        "arrays or objects nested too deeply to decode",
        id="nested-100k-deep",
    ),
    pytest.param(
        b'{"text": "a", "n": ' + b'{"a": ' * 5000 + b"1" + b"}" * 5000 + b"}",
        "arrays or objects nested too deeply to decode",
        id="objects-nested-5000-deep",
    ),
    pytest.param(b'{"n": NaN, "text": "a"}', "NaN is not a JSON number", id="nan"),
    pytest.param(b'{"n": Infinity, "text": "a"}', "Infinity is not a JSON number", id="infinity"),
    pytest.param(
        b'{"n": [-Infinity], "text": "a"}', "-Infinity is not a JSON number", id="minus-infinity"
    ),
    pytest.param(
        b'{"text": "a", "n": 1e999}',
        "the number 1e999 is too large for a float; write it as a string",
        id="float-overflow",
    ),
    pytest.param(
        b'{"text": "a", "n": -2.5E+400}',
        "the number -2.5E+400 is too large",
        id="negative-float-overflow",
    ),
]


@pytest.mark.parametrize(("raw", "message"), BAD_LINES)
def test_bad_line_is_an_error_value_saying_what_is_wrong(raw: bytes, message: str) -> None:
    with pytest.raises(RecordError, match="^" + re.escape(message)):
        read_record(raw, "text")
    outcome = clean_line(7, raw, LineOptions())
    assert (outcome.line, outcome.output) == (7, None)
    assert outcome.error is not None
    assert outcome.error.startswith(message)


# --- good lines ---------------------------------------------------------------------

GOOD_LINES = [
    pytest.param(b'{"text": "a"}', {"text": "a"}, id="plain"),
    pytest.param(b'{"text": "a"}\r\n', {"text": "a"}, id="crlf-line-end"),
    pytest.param(b'  {"text": "a"}  \n', {"text": "a"}, id="padded"),
    pytest.param(b'\xef\xbb\xbf{"text": "a"}', {"text": "a"}, id="bom-on-line-1"),
    pytest.param(
        '{"id": 3, "text": "é", "tags": ["x", {"y": null}]}'.encode(),
        {"id": 3, "text": "é", "tags": ["x", {"y": None}]},
        id="nested-fields",
    ),
    pytest.param(b'{"text": "a", "text": "b"}', {"text": "b"}, id="duplicate-key-last-wins"),
]


def test_edge_values_within_range_pass_through_exactly() -> None:
    raw = b'{"big": ' + b"9" * 4300 + b', "tiny": 1e-999, "deep": ' + b"[" * 100 + b"]" * 100
    record, _ = read_record(raw + b', "text": "a"}', "text")
    output, _ = clean_record(raw + b', "text": "a"}', LineOptions())
    assert json.loads(output) == {**record, "text": "a"}
    assert (record["big"], record["tiny"]) == (int("9" * 4300), 0.0)


def _strict_json(line: str) -> Any:
    """Parse one output line as strict JSON: UTF-8 bytes, no NaN or infinities."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in the output")

    return json.loads(line.encode("utf-8"), parse_constant=refuse)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b'{"\\ud800": 1, "text": "a"}', id="lone-high-surrogate-key"),
        pytest.param(b'{"k": "\\udcff", "text": "a"}', id="lone-low-surrogate-value"),
        pytest.param(b'{"text": "x \\ud83d y"}', id="lone-surrogate-in-the-text"),
        pytest.param(b'{"k": ["\\ud83d\\ude00"], "text": "a"}', id="surrogate-pair-is-a-character"),
    ],
)
@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_lone_surrogates_are_written_as_json_escapes(raw: bytes, fmt: str) -> None:
    output, _ = clean_record(raw, LineOptions(clean=CleanOptions(fmt=fmt)))
    record, _ = read_record(raw, "text")
    cleaned = _strict_json(output)
    assert {k: v for k, v in cleaned.items() if k not in ("text", ARTICLE_KEY)} == {
        k: v for k, v in record.items() if k != "text"
    }


def test_the_text_field_cannot_be_the_article_key_in_jsonl_format() -> None:
    with pytest.raises(ValueError, match="--text-field newsclean"):
        LineOptions(ARTICLE_KEY, CleanOptions(fmt="jsonl"))
    assert LineOptions(ARTICLE_KEY).text_field == ARTICLE_KEY  # text format adds no key


@pytest.mark.parametrize(("raw", "record"), GOOD_LINES)
def test_good_line_decodes_to_its_object(raw: bytes, record: dict[str, Any]) -> None:
    assert read_record(raw, "text", first=True) == (record, record["text"])


def test_other_text_field_is_read() -> None:
    assert read_record(b'{"body": "x", "text": 1}', "body") == ({"body": "x", "text": 1}, "x")


def _cleaned(raw: bytes, **options: Any) -> dict[str, Any]:
    output, _ = clean_record(raw, LineOptions(clean=CleanOptions(**options)))
    assert output.endswith("\n")
    assert output.count("\n") == 1
    return dict(json.loads(output))


def test_text_format_puts_the_article_text_in_the_field_and_keeps_the_rest() -> None:
    raw = json.dumps(
        {
            "id": "n-1",
            "text": "Ferry fares rise\n\nThe  ferry company said fares would rise in spring, "
            "citing fuel costs and a new harbour levy.\n\nAdvertisement",
            "meta": {"lang": "en", "score": 0.5},
        }
    ).encode()
    cleaned = _cleaned(raw)
    assert list(cleaned) == ["id", "text", "meta"]
    assert cleaned["id"] == "n-1"
    assert cleaned["meta"] == {"lang": "en", "score": 0.5}
    assert cleaned["text"] == (
        "Ferry fares rise\n\nThe ferry company said fares would rise in spring, "
        "citing fuel costs and a new harbour levy."
    )


def test_text_format_only_body_and_keep_apply() -> None:
    raw = json.dumps(
        {
            "text": "Ferry fares rise\n\nThe ferry company said fares would rise in spring, "
            "citing fuel costs and a new harbour levy.\n\nAdvertisement"
        }
    ).encode()
    assert _cleaned(raw, only_body=True)["text"] == (
        "The ferry company said fares would rise in spring, citing fuel costs and a new "
        "harbour levy."
    )
    assert _cleaned(raw, keep=frozenset({"boilerplate"}))["text"].endswith(
        "\n\n[boilerplate] Advertisement"
    )


def test_jsonl_format_keeps_every_word_and_adds_the_article() -> None:
    raw = json.dumps(
        {
            "text": "Ferry fares rise\n\nThe ferry company said fares would rise.\n\nAdvertisement",
            ARTICLE_KEY: "an old value",
            "n": 1,
        }
    ).encode()
    cleaned = _cleaned(raw, fmt="jsonl")
    assert cleaned["text"] == (
        "Ferry fares rise\n\nThe ferry company said fares would rise.\n\nAdvertisement"
    )
    assert cleaned["n"] == 1
    article = cleaned[ARTICLE_KEY]
    assert set(article) == {"headline", "alt_headlines", "site", "blocks", "fixes"}
    assert article["headline"] == "Ferry fares rise"
    assert [b["kind"] for b in article["blocks"]][-1] == "boilerplate"


def test_fixes_are_counted_and_reported() -> None:
    raw = b'{"text": "It&#39;s  a \\u201cwet\\u201d day."}'
    output, fixes = clean_record(raw, JSONL)
    record = json.loads(output)
    assert record["text"] == 'It\'s a "wet" day.'
    assert fixes == len(record[ARTICLE_KEY]["fixes"]) >= 3


def test_quote_style_reaches_the_pipeline() -> None:
    raw = b'{"text": "They said \\"no\\" to it."}'
    assert _cleaned(raw, quotes="curly", fmt="jsonl")["text"] == "They said “no” to it."


def test_non_ascii_is_written_as_is() -> None:
    output, _ = clean_record('{"text": "Café", "c": "ü"}'.encode(), JSONL)
    assert '"Café"' in output
    assert '"ü"' in output


def test_clean_lines_keeps_order_and_numbers() -> None:
    chunk = [(2, b'{"text": "B."}'), (4, b"{"), (5, b'{"text": "C."}')]
    outcomes = clean_lines(chunk, JSONL)
    assert [(o.line, o.error is None) for o in outcomes] == [(2, True), (4, False), (5, True)]
    texts = [json.loads(o.output)["text"] for o in outcomes if o.output]
    assert texts == ["B.", "C."]


# --- small helpers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "name"),
    [
        pytest.param({}, "an object", id="object"),
        pytest.param([], "an array", id="array"),
        pytest.param("", "a string", id="string"),
        pytest.param(0, "a number", id="int"),
        pytest.param(0.5, "a number", id="float"),
        pytest.param(True, "a boolean", id="bool-not-number"),
        pytest.param(None, "null", id="null"),
    ],
)
def test_json_type_name(value: object, name: str) -> None:
    assert json_type_name(value) == name


@pytest.mark.parametrize(
    ("raw", "blank"),
    [
        pytest.param(b"\n", True, id="newline"),
        pytest.param(b"", True, id="empty"),
        pytest.param(b" \t\r\n", True, id="spaces"),
        pytest.param(b"{}\n", False, id="object"),
        pytest.param(b" x", False, id="text"),
    ],
)
def test_is_blank(raw: bytes, blank: bool) -> None:
    assert is_blank(raw) is blank


# --- properties ---------------------------------------------------------------------


@given(st.binary(max_size=200))
def test_any_bytes_give_an_output_or_an_error_never_an_exception(raw: bytes) -> None:
    outcome = clean_line(1, raw, LineOptions())
    assert (outcome.output is None) != (outcome.error is None)


@given(record_fields, any_text, st.sampled_from(["text", "jsonl"]))
def test_other_fields_pass_through_unchanged(fields: dict[str, Any], text: str, fmt: str) -> None:
    raw = json.dumps({**fields, "text": text}).encode()
    cleaned = _cleaned(raw, fmt=fmt)
    assert {k: v for k, v in cleaned.items() if k not in ("text", ARTICLE_KEY)} == fields
    assert isinstance(cleaned["text"], str)


@given(json_values)
def test_a_value_that_is_not_an_object_is_an_error(value: Any) -> None:
    outcome = clean_line(1, json.dumps(value).encode(), LineOptions())
    assert (outcome.output is None) == (not isinstance(value, dict) or "text" not in value)


@given(short_prose)
def test_broken_spacing_in_the_field_comes_back_clean(text: str) -> None:
    """The identity function fails this: the doubled spaces must go."""
    raw = json.dumps({"id": 1, "text": text.replace(" ", "  ")}).encode()
    assert _cleaned(raw, fmt="jsonl")["text"] == text


@pytest.mark.xfail(
    strict=False,  # a property: hypothesis need not find the failing text every run
    reason="#18: the learned labeller reads a short body alone differently from the body in "
    "its page, so the second pass can drop a borderline block (e.g. 'A a a a.')",
)
@given(short_prose)
def test_cleaning_a_cleaned_record_changes_nothing(text: str) -> None:
    raw = json.dumps({"text": text.replace(" ", "  ")}).encode()
    once, _ = clean_record(raw, LineOptions())
    twice, fixes = clean_record(once.encode(), LineOptions())
    assert (twice, fixes) == (once, 0)
