"""Tests for newsclean/lint.py: selection, noqa, the fix loop, layout, and finding formats."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    BIDI_CONTROLS,
    hostile_lines,
    hostile_names,
    letters_beside_marks,
    messy_lines,
)

from newsclean.lint.config import Config
from newsclean.lint.run import (
    OUTPUT_FORMATS,
    FileReport,
    LineIndex,
    choose_fixes,
    enabled_rules,
    fix_until_clean,
    lint_text,
    relayout,
    render_concise,
    render_findings,
    render_github,
    render_json,
    render_sarif,
    sidecar_text,
    summary,
    suppress,
    unified_diff,
)
from newsclean.model import Finding, Fix, Span
from newsclean.text.encoding import FTFY_CONFIG

# --- selection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("select", "ignore", "enabled", "disabled"),
    [
        pytest.param(("NC",), (), "NC101", "", id="all"),
        pytest.param(("NC1",), (), "NC105", "NC201", id="prefix"),
        pytest.param(("NC",), ("NC2",), "NC101", "NC203", id="ignore-prefix"),
        pytest.param(("NC2",), ("NC20",), "", "NC203", id="longer-ignore-wins"),
        pytest.param(("NC203",), ("NC2",), "NC203", "NC204", id="longer-select-wins"),
        pytest.param(("NC2",), ("NC2",), "", "NC201", id="tie-ignore-wins"),
    ],
)
def test_selection(
    select: tuple[str, ...], ignore: tuple[str, ...], enabled: str, disabled: str
) -> None:
    codes = {r.code for r in enabled_rules(Config(select=select, ignore=ignore))}
    if enabled:
        assert enabled in codes
    if disabled:
        assert disabled not in codes


def test_nothing_selected_finds_nothing() -> None:
    assert lint_text("Caf\u00c3\u00a9  \n", Config(select=("NC3",))) == ()


# --- noqa ---------------------------------------------------------------------------

MESSY = "Two  spaces.\nMore  spaces.\n"


@pytest.mark.parametrize(
    ("text", "left"),
    [
        pytest.param("Two  spaces. newsclean: noqa\nMore  spaces.\n", [2], id="line-all"),
        pytest.param(
            "Two  spaces. <!-- newsclean: noqa: NC405 -->\nMore  spaces.\n", [2], id="code"
        ),
        pytest.param("Two  spaces. newsclean: noqa: NC4\nMore  spaces.\n", [2], id="prefix"),
        pytest.param("Two  spaces. newsclean: noqa: space-run\nMore  spaces.\n", [2], id="name"),
        pytest.param("Two  spaces. newsclean: noqa: NC101\nMore  spaces.\n", [1, 2], id="other"),
        pytest.param("Two  spaces.\nMore  spaces.\nnewsclean: noqa-file\n", [], id="file"),
        pytest.param(
            "Two  spaces.\nMore  spaces.\nNewsclean: NOQA-file: NC4\n", [], id="file-code"
        ),
        pytest.param(MESSY + "newsclean: noqa-file: NC1\n", [1, 2], id="file-other"),
        pytest.param(MESSY + "newsclean noqa\n", [1, 2], id="no-colon-no-effect"),
    ],
)
def test_noqa(text: str, left: list[int]) -> None:
    findings = lint_text(text, Config(select=("NC405",)))
    index = LineIndex(text)
    assert [index.line(f.span.start) for f in findings] == left


def test_suppress_without_marker_keeps_everything() -> None:
    finding = Finding("NC405", "run", Span(0, 1))
    assert suppress("plain", [finding]) == (finding,)


# --- choosing and applying fixes -----------------------------------------------------


def _finding(code: str, start: int, end: int, new: str = "", safe: bool = True) -> Finding:
    return Finding(code, "m", Span(start, end), (Fix(Span(start, end), new, "r"),), safe)


def test_choose_skips_overlaps_and_unsafe() -> None:
    chosen = choose_fixes(
        [
            _finding("NC405", 0, 3),
            _finding("NC401", 2, 4),  # overlaps the first: next round
            _finding("NC403", 4, 4, "\n"),  # an insert touching nothing
            _finding("NC302", 5, 8, safe=False),
        ]
    )
    assert [f.span for f in chosen] == [Span(0, 3), Span(4, 4)]
    assert len(choose_fixes([_finding("NC302", 5, 8, safe=False)], unsafe=True)) == 1


def test_choose_shares_a_fix_between_findings() -> None:
    fix = Fix(Span(1, 3), "\n", "line-ending+trailing-space")
    a = Finding("NC401", "m", Span(1, 3), (fix,))
    b = Finding("NC404", "m", Span(9, 10), (Fix(Span(5, 6), "\n", "line-ending"), fix))
    assert choose_fixes([a, b]) == (fix, Fix(Span(5, 6), "\n", "line-ending"))


def test_choose_refuses_a_long_span_over_a_picked_one() -> None:
    assert len(choose_fixes([_finding("NC405", 3, 4), _finding("NC304", 0, 9, " ")])) == 1


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        pytest.param("a\nb\n", "a\r\nb\r\n", "a\r\nb\r\n", id="crlf-back"),
        pytest.param("a\nb\n", "a\rb\r", "a\rb\r", id="cr-back"),
        pytest.param("a\nb\n", "a\nb\n", "a\nb\n", id="lf"),
        pytest.param("a\nb\nc\n", "a\r\nb\r\nc\n", "a\r\nb\r\nc\r\n", id="mixed-fixed-to-majority"),
        pytest.param("a\nb\r\nc\n", "a\r\nb\r\nc\n", "a\nb\r\nc\n", id="mixed-left-mixed"),
    ],
)
def test_relayout(new: str, old: str, expected: str) -> None:
    assert relayout(new, old) == expected


def test_fix_keeps_crlf_and_adds_the_final_newline() -> None:
    result = fix_until_clean("One  two.  \r\n\r\n\r\nThree.")
    assert result.text == "One two.\r\n\r\nThree.\r\n"
    assert result.remaining == ()


def test_fix_moves_structure_to_the_sidecar_only_when_unsafe() -> None:
    text = (
        "Storm batters the coast\n\nWaves battered the town overnight, and the harbour wall "
        "gave way before dawn on Tuesday, residents said.\n\nAdvertisement\n\nThe council "
        "said repairs would start next week and cost several million pounds in total.\n"
    )
    safe = fix_until_clean(text)
    assert safe.text == text
    assert [f.code for f in safe.remaining] == ["NC303"]
    unsafe = fix_until_clean(text, unsafe=True)
    assert "Advertisement" not in unsafe.text
    assert unsafe.removed == ("Advertisement",)
    assert unsafe.remaining == ()


def test_fix_reports_how_many_were_fixed() -> None:
    assert fix_until_clean("a  b\u00a0c\n").fixed == 2


def test_sidecar_text_appends() -> None:
    assert sidecar_text(["A", "B"]) == "A\n\nB\n"
    assert sidecar_text(["C"], "A\n\nB\n") == "A\n\nB\n\nC\n"


def test_unified_diff_marks_missing_final_newline() -> None:
    diff = unified_diff("a.txt", "x", "x\n")
    assert diff.splitlines() == [
        "--- a.txt",
        "+++ a.txt",
        "@@ -1 +1 @@",
        "-x",
        "\\ No newline at end of file",
        "+x",
    ]
    assert unified_diff("a.txt", "same\n", "same\n") == ""


# --- positions and formats ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "position"),
    [
        pytest.param("ab\ncd", 4, (2, 2), id="lf"),
        pytest.param("ab\r\ncd", 4, (2, 1), id="crlf"),
        pytest.param("ab\rcd", 3, (2, 1), id="cr"),
        pytest.param("ab\u2028cd", 3, (1, 4), id="separator-is-not-a-line-end"),
        pytest.param("ab\n", 3, (2, 1), id="end"),
        pytest.param("", 0, (1, 1), id="empty"),
    ],
)
def test_line_index(text: str, offset: int, position: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == position


TEXT = "Caf\u00c3\u00a9 one.\nTwo  here.\n"


def _report() -> FileReport:
    return FileReport("news/a.txt", TEXT, lint_text(TEXT))


def test_concise() -> None:
    assert render_concise([_report()]).splitlines() == [
        "news/a.txt:1:4: NC101 [*] mojibake 'Ã©', read 'é'",
        "news/a.txt:2:4: NC405 [*] '  ' for one space",
    ]


def test_concise_marks_unsafe_only_with_unsafe_fixes() -> None:
    finding = _finding("NC303", 0, 3, safe=False)
    report = FileReport("a.txt", "abc\n", (finding,))
    assert "[*]" not in render_concise([report])
    assert "[*]" in render_concise([report], unsafe=True)


def test_json_fields() -> None:
    records = json.loads(render_json([_report()]))
    first = records[0]
    assert set(first) >= {"code", "message", "filename", "location", "end_location", "fix"}
    assert first["code"] == "NC101"
    assert first["filename"] == "news/a.txt"
    assert first["location"] == {"row": 1, "column": 4}
    assert first["end_location"] == {"row": 1, "column": 6}
    assert first["fix"]["applicability"] == "safe"
    assert first["fix"]["edits"] == [
        {
            "content": "é",
            "location": {"row": 1, "column": 4},
            "end_location": {"row": 1, "column": 6},
        }
    ]


def test_github_escapes() -> None:
    finding = Finding("NC202", "50% odd, here:\nsee", Span(0, 1))
    (line,) = render_github([FileReport("a,b.txt", "x", (finding,))]).splitlines()
    assert line.startswith("::warning title=newsclean (NC202),file=a%2Cb.txt,line=1,col=1,")
    assert line.endswith("::NC202 50%25 odd, here:%0Asee")


def test_sarif_minimal_valid_shape() -> None:
    log = json.loads(render_sarif([_report()], version="1.2"))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "newsclean"
    assert driver["version"] == "1.2"
    rule_ids = [r["id"] for r in driver["rules"]]
    result = run["results"][0]
    assert rule_ids[result["ruleIndex"]] == result["ruleId"] == "NC101"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 4, "endLine": 1, "endColumn": 6}
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a.txt"


@pytest.mark.parametrize("fmt", ["concise", "json", "github", "sarif"])
def test_render_findings_dispatch(fmt: str) -> None:
    out = render_findings(fmt, [_report()])  # type: ignore[arg-type]
    assert "NC101" in out


INJECTED = "x\n::error title=Injected::pwned.txt"


def test_concise_escapes_a_path_that_would_start_a_new_line() -> None:
    (line,) = render_concise([FileReport(INJECTED, "a  b\n", lint_text("a  b\n"))]).splitlines()
    assert line == "x\\n::error title=Injected::pwned.txt:1:2: NC405 [*] '  ' for one space"


def test_diff_headers_escape_the_path() -> None:
    diff = unified_diff(INJECTED + "\u202e", "x  \n", "x\n")
    assert diff.splitlines()[:2] == [
        "--- x\\n::error title=Injected::pwned.txt\\u202e",
        "+++ x\\n::error title=Injected::pwned.txt\\u202e",
    ]


def test_github_keeps_an_injected_path_on_one_line() -> None:
    (line,) = render_github([FileReport(INJECTED, "a  b\n", lint_text("a  b\n"))]).splitlines()
    assert line.startswith("::warning title=newsclean (NC405),file=x%0A%3A%3Aerror title=")


#: A file name that is not UTF-8, as Python hands it over on Linux (byte 0xFF escaped).
UNDECODABLE = "news/bad\udcff name.txt"


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_every_format_writes_an_undecodable_path_as_utf8(fmt: str) -> None:
    report = FileReport(UNDECODABLE, TEXT, lint_text(TEXT))
    out = render_findings(fmt, [report])  # type: ignore[arg-type]
    out.encode("utf-8")  # a lone surrogate would raise here, as writing it to stdout does
    assert ("%FF" if fmt == "sarif" else "bad\\udcff name") in out


def test_json_and_sarif_encode_an_undecodable_path_so_it_comes_back() -> None:
    report = FileReport(UNDECODABLE, TEXT, lint_text(TEXT))
    assert json.loads(render_json([report]))[0]["filename"] == UNDECODABLE
    (result, *_) = json.loads(render_sarif([report]))["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "news/bad%FF%20name.txt"


@pytest.mark.parametrize(
    ("findings", "fixed", "expected"),
    [
        pytest.param([], 0, "All clean.", id="clean"),
        pytest.param([], 3, "Fixed 3 findings; all clean.", id="fixed"),
        pytest.param(
            [_finding("NC405", 0, 1), _finding("NC302", 2, 3, safe=False)],
            0,
            "Found 2 findings (1 fixable with --fix; 1 more with --fix --unsafe-fixes).",
            id="found",
        ),
        pytest.param(
            [Finding("NC201", "m", Span(0, 1))], 2, "Fixed 2, 1 remaining.", id="remaining"
        ),
    ],
)
def test_summary(findings: list[Finding], fixed: int, expected: str) -> None:
    assert summary(findings, fixed=fixed) == expected


# --- properties ---------------------------------------------------------------------


@given(messy_lines())
def test_positions_round_trip(text: str) -> None:
    index = LineIndex(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for offset in range(0, len(text) + 1, 7):
        if offset and text[offset - 1] == "\r" and text[offset : offset + 1] == "\n":
            continue  # between CR and LF: not a position anyone reports
        line, column = index.position(offset)
        assert 1 <= line <= len(lines)
        assert 1 <= column <= len(lines[line - 1]) + 1


@given(messy_lines(), st.booleans())
def test_fix_loop_keeps_line_ending_style(text: str, unsafe: bool) -> None:
    crlf = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n") + "\r\n"
    result = fix_until_clean(crlf, unsafe=unsafe)
    assert "\n" not in result.text.replace("\r\n", "")


@given(messy_lines())
def test_no_character_lost_only_moved_to_the_sidecar(text: str) -> None:
    # Whitespace and structure fixes move or drop spaces only (a fix merged with a spacing
    # fix may join a comma to its word), so every other character survives somewhere.
    result = fix_until_clean(text, Config(select=("NC3", "NC4")), unsafe=True)
    kept = "".join([result.text, *result.removed])
    assert sorted(c for c in kept if not c.isspace()) == sorted(c for c in text if not c.isspace())


@given(messy_lines())
def test_the_identity_is_not_a_fix(text: str) -> None:
    # Paired with the properties above: a text with a space run is changed by the fix.
    broken = text + "Tail  end.\n"
    assert fix_until_clean(broken).text != broken


# --- fixes never make mojibake that a later round "repairs" (issue 13, item 1) --------

FIX_CONFIGS = [
    pytest.param(Config(), id="default"),
    pytest.param(Config(quotes="curly"), id="curly"),
    pytest.param(Config(quotes="straight", select=("NC1", "NC2")), id="straight-text-rules"),
]


def _letters(text: str) -> Counter[str]:
    return Counter(c for c in unicodedata.normalize("NFKC", text) if c.isalpha())


@pytest.mark.parametrize("config", FIX_CONFIGS)
@settings(max_examples=150)
@given(text=letters_beside_marks)
def test_fixing_twice_changes_nothing_more_and_keeps_letters(config: Config, text: str) -> None:
    once = fix_until_clean(text, config).text
    twice = fix_until_clean(once, config).text
    assert twice == once
    lost = _letters(text) - _letters(twice)
    assert lost <= _letters(text) - _letters(ftfy.fix_text(text, FTFY_CONFIG))


@pytest.mark.parametrize(
    ("text", "config", "expected"),
    [
        pytest.param(
            '“Sim,” disse ela. “Não.” E depois "IRMÃ".\n',
            Config(),
            '“Sim,” disse ela. “Não.” E depois “IRMÃ".\n',
            id="mixed-quotes-fix-skips-the-pair",
        ),
        pytest.param(
            'He wrote "Â" on the board.\n',
            Config(quotes="curly"),
            'He wrote “Â" on the board.\n',
            id="curly-style-skips-the-pair",
        ),
        pytest.param(
            'He wrote "Ana" on the board.\n',
            Config(quotes="curly"),
            "He wrote “Ana” on the board.\n",
            id="look-alike-is-curled",
        ),
    ],
)
def test_quote_fixes_keep_the_letter_beside_them(text: str, config: Config, expected: str) -> None:
    assert fix_until_clean(text, config).text == expected
    assert fix_until_clean(expected, config).text == expected


@given(hostile_names, hostile_lines)
def test_concise_output_is_one_clean_line_per_finding(name: str, text: str) -> None:
    """Whatever the file is called and holds, each finding shows as one line without a
    control, separator or bidi character: messages quote text in a visible form."""
    findings = lint_text(text)
    out = render_concise([FileReport(name, text, findings)], unsafe=True)
    assert out.count("\n") == len(findings)
    for char in out.replace("\n", ""):
        assert unicodedata.category(char) not in ("Cc", "Cs", "Zl", "Zp")
        assert char not in BIDI_CONTROLS
