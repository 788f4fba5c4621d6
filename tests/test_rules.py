"""Tests for the lint rules (newsclean/lint/): the registry's invariants, examples per code.

Every code has a triggering and a clean example in ``EXAMPLES``; the look-alikes in
``NEGATIVES`` must stay clean. Fixable rules are checked to be silenced by their own fix.
The registry tests check that every rule sits in its family's ``RULES`` and in the
README's rules table, and that each pipeline fix reason is reported by exactly one rule.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import encoding_soup, lint_soup, messy_lines, short_prose

from newsclean.io.explain import readme_row
from newsclean.lint import structure
from newsclean.lint.config import Config
from newsclean.lint.registry import ALL_RULES, FAMILY_MODULES, REASON_CODES, RULES_BY_CODE
from newsclean.lint.rule import LintSource, ReasonRow, Rule, prepare, rule, show
from newsclean.lint.run import fix_until_clean, lint_text
from newsclean.model import Cleaned, Fix, QuoteStyle, Span, map_back
from newsclean.text.pipeline import clean_text

BODY_A = (
    "Waves battered the town overnight, and the harbour wall gave way before dawn on "
    "Tuesday, residents said."
)
BODY_B = "The council said repairs would start next week and cost several million pounds in total."
CAPTION = "Waves break over the harbour wall on Tuesday. Photograph: Jane Doe/Agency"
HEAD = "Storm batters the coast"
#: A sentence cut by a credit, its first part read as the credit's caption (issue 16.12).
FERRY_START = "The first ferry in a month left the quay just after nine on Monday as families"
FERRY_END = "waved from the harbour wall in the rain."


def _article(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


#: (code, quote style, text that triggers the code, the same text done right).
EXAMPLES = [
    pytest.param(
        "NC101", "keep", "The caf\u00c3\u00a9 opened.\n", "The café opened.\n", id="NC101"
    ),
    pytest.param("NC102", "keep", "Fish &amp; chips.\n", "Fish & chips.\n", id="NC102"),
    pytest.param("NC103", "keep", "Zero\u200bwidth.\n", "Zerowidth.\n", id="NC103"),
    pytest.param("NC104", "keep", "Ten\u00a0miles.\n", "Ten miles.\n", id="NC104"),
    pytest.param("NC105", "keep", "The \ufb01nal whistle.\n", "The final whistle.\n", id="NC105"),
    pytest.param(
        "NC201",
        "keep",
        'She said \u201cyes\u201d and he said "no".\n',
        'She said "yes" and he said "no".\n',
        id="NC201-tie-goes-straight",
    ),
    pytest.param(
        "NC202",
        "keep",
        "He said \u201cwe will go.\n\nThe crowd left.\n",
        "He said \u201cwe will go.\u201d\n\nThe crowd left.\n",
        id="NC202-unclosed",
    ),
    pytest.param(
        "NC202",
        "keep",
        'Then "they left." Later "nobody came.\n',
        'Then "they left." Later "nobody came."\n',
        id="NC202-straight-odd",
    ),
    pytest.param(
        "NC202",
        "keep",
        "We left.\u201d Nobody came.\n",
        "\u201cWe left.\u201d Nobody came.\n",
        id="NC202-stray-closer",
    ),
    pytest.param(
        "NC203",
        "curly",
        "She said \u201dyes\u201d firmly.\n",
        "She said \u201cyes\u201d firmly.\n",
        id="NC203",
    ),
    pytest.param(
        "NC204",
        "straight",
        "She said \u201cyes\u201d.\n",
        'She said "yes".\n',
        id="NC204-straight",
    ),
    pytest.param(
        "NC204",
        "curly",
        'She said "yes".\n',
        "She said \u201cyes\u201d.\n",
        id="NC204-curly",
    ),
    pytest.param(
        "NC205",
        "keep",
        "She said \u201c yes \u201d firmly.\n",
        "She said \u201cyes\u201d firmly.\n",
        id="NC205",
    ),
    pytest.param(
        "NC206",
        "keep",
        "The vote , held in May , passed .\n",
        "The vote, held in May, passed.\n",
        id="NC206",
    ),
    pytest.param(
        "NC301",
        "keep",
        _article(HEAD, "Storm batters coast as harbour wall falls", BODY_A, BODY_B),
        _article(HEAD, BODY_A, BODY_B),
        id="NC301",
    ),
    pytest.param(
        "NC302",
        "keep",
        _article(HEAD, BODY_A, CAPTION, BODY_B),
        _article(HEAD, BODY_A, BODY_B, CAPTION),
        id="NC302",
    ),
    pytest.param(
        "NC303",
        "keep",
        _article(HEAD, BODY_A, "Advertisement", BODY_B),
        _article(HEAD, BODY_A, BODY_B),
        id="NC303",
    ),
    pytest.param(
        "NC304",
        "keep",
        _article(HEAD, "The wall gave way as residents", CAPTION, "watched from the cliffs."),
        _article(HEAD, "The wall gave way as residents watched from the cliffs."),
        id="NC304",
    ),
    pytest.param(
        "NC304",
        "keep",
        _article(HEAD, FERRY_START, "Picture: Ann Lee/Agency", FERRY_END, BODY_B),
        _article(HEAD, f"{FERRY_START} {FERRY_END}", BODY_B),
        id="NC304-text-before-read-as-a-caption",
    ),
    pytest.param("NC401", "keep", "Line one.  \nLine two.\n", "Line one.\nLine two.\n", id="NC401"),
    pytest.param("NC402", "keep", "One.\n\n\n\nTwo.\n", "One.\n\nTwo.\n", id="NC402"),
    pytest.param("NC403", "keep", "One.", "One.\n", id="NC403"),
    pytest.param(
        "NC404", "keep", "One.\r\nTwo.\nThree.\r\n", "One.\r\nTwo.\r\nThree.\r\n", id="NC404"
    ),
    pytest.param("NC404", "keep", "One.\u2028Two.\n", "One.\nTwo.\n", id="NC404-separator"),
    pytest.param("NC405", "keep", "Two  spaces\there.\n", "Two spaces here.\n", id="NC405"),
    pytest.param("NC406", "keep", "  Indented.\n", "Indented.\n", id="NC406"),
]

#: (code, quote style, a look-alike text the code must not flag).
NEGATIVES = [
    pytest.param("NC101", "keep", "São Paulo and Zürich.\n", id="NC101-real-accents"),
    pytest.param("NC102", "keep", "Fish & chips; AT&T.\n", id="NC102-bare-ampersand"),
    pytest.param("NC201", "keep", "He is 5'10\" and said \u201chi\u201d.\n", id="NC201-inches"),
    pytest.param("NC201", "keep", 'It\'s "fine", they said.\n', id="NC201-all-straight"),
    pytest.param(
        "NC202",
        "keep",
        "He said: \u201cWe will go.\n\n\u201cWe leave at noon.\u201d\n",
        id="NC202-continued-quotation",
    ),
    pytest.param("NC202", "keep", 'A 5" screen and a 7" one.\n', id="NC202-inches"),
    pytest.param(
        "NC202",
        "keep",
        'She called it "a high\r\nstreet to stop in".\r\n',
        id="NC202-crlf-hard-wrap-is-not-a-blank-line",
    ),
    pytest.param(
        "NC202", "keep", "It was loud \u00e2\u20ac\u201d and long.\n", id="NC202-mark-in-mojibake"
    ),
    pytest.param(
        "NC202",
        "keep",
        "He said: \u201cWe will go.\n\nA pier at dawn\n\n\u201cWe leave at noon.\u201d\n",
        id="NC202-quotation-continued-after-a-caption",
    ),
    pytest.param(
        "NC202", "keep", "Sie sagte \u201eja\u201c und ging.\n", id="NC202-german-marks-skipped"
    ),
    pytest.param("NC203", "curly", "She said \u201cyes\u201d firmly.\n", id="NC203-right-way"),
    pytest.param("NC204", "keep", "She said \u201cyes\u201d.\n", id="NC204-no-style-set"),
    pytest.param("NC206", "keep", "Wait ... what? It costs 3 . 5 units.\n", id="NC206-ellipsis"),
    pytest.param("NC302", "keep", _article(HEAD, BODY_A, BODY_B, CAPTION), id="NC302-at-end"),
    pytest.param(
        "NC302",
        "keep",
        _article(HEAD, "The wall gave way as residents", CAPTION, "watched."),
        id="NC302-reported-as-split",
    ),
    pytest.param("NC304", "keep", _article(HEAD, BODY_A, CAPTION, BODY_B), id="NC304-complete"),
    pytest.param(
        "NC304",
        "keep",
        _article(HEAD, "Waves break over the harbour wall", "Picture: Ann Lee/Agency", BODY_B),
        id="NC304-unfinished-caption-then-a-new-sentence",
    ),
    pytest.param(
        "NC304",
        "keep",
        _article(HEAD, "Waves break over the wall.", "Picture: Ann Lee/Agency", FERRY_END, BODY_B),
        id="NC304-finished-caption-then-lower-case",
    ),
    pytest.param("NC403", "keep", "", id="NC403-empty"),
    pytest.param("NC404", "keep", "One.\r\nTwo.\r\n", id="NC404-all-crlf"),
    pytest.param("NC404", "keep", "One.\rTwo.\r", id="NC404-all-cr"),
]

#: Known wrong answers, to be fixed one day: (code, style, text, whether it should be
#: flagged). Each still fails (strict), so a fix shows up as an unexpected pass.
KNOWN_WRONG = [
    pytest.param(
        "NC202",
        "keep",
        "He said 'we will go.\n\nThe crowd left.\n",
        True,
        id="NC202-single-quotes-not-checked",
        marks=pytest.mark.xfail(strict=True, reason="single marks double as apostrophes"),
    ),
    pytest.param(
        "NC202",
        "keep",
        'He said "we won 3-0" and left.\n',
        False,
        id="NC202-quote-ending-in-a-figure",
        marks=pytest.mark.xfail(strict=True, reason='a straight " after a figure reads as inches'),
    ),
]


def _codes(text: str, code: str, quotes: QuoteStyle) -> list[str]:
    return [f.code for f in lint_text(text, Config(quotes=quotes, select=(code,)))]


# --- registry invariants ------------------------------------------------------------


def test_codes_unique_and_well_formed() -> None:
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"NC[1-4]\d\d", code) for code in codes)
    assert codes == sorted(codes)
    names = [r.name for r in ALL_RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in names)
    assert all(r.summary and not r.summary.endswith(" ") for r in ALL_RULES)


@pytest.mark.parametrize("module", FAMILY_MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_every_rule_sits_in_its_family(module: ModuleType) -> None:
    family = module.__name__.rsplit(".", 1)[1]
    decorated = {value for value in vars(module).values() if isinstance(value, Rule)}
    rows = {row.code for row in getattr(module, "TABLE", ())}
    listed = module.RULES
    assert decorated <= set(listed), "name every @rule of the module in its RULES"
    assert {r.code for r in listed} == {r.code for r in decorated} | rows
    assert [r.code for r in listed] == sorted(r.code for r in listed)
    assert all(r.family == family for r in listed), f"{family} holds codes of its hundred only"


def test_the_families_make_all_rules() -> None:
    assert sum((m.RULES for m in FAMILY_MODULES), ()) == ALL_RULES
    assert dict(RULES_BY_CODE) == {r.code: r for r in ALL_RULES}


def test_structure_fixes_are_unsafe_and_text_fixes_safe() -> None:
    assert {r.code for r in ALL_RULES if not r.safe} == {"NC301", "NC302", "NC303", "NC304"}


def test_every_code_has_examples() -> None:
    covered = {p.values[0] for p in EXAMPLES}
    assert covered == set(RULES_BY_CODE)


# A row of README.md's rules table: "| NC101 | mojibake | safe | ... |".
_README_ROW_RE = re.compile(r"^\| (NC\d{3}) \| .*$", re.MULTILINE)


def test_every_rule_has_its_row_in_the_readme() -> None:
    """The README's rules table is built from the docstrings: each row is exactly what
    ``readme_row`` makes of the rule (the same source as ``newsclean rule``)."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    rows = {m[1]: m[0] for m in _README_ROW_RE.finditer(readme)}
    expected = {r.code: readme_row(r) for r in ALL_RULES}
    wrong = [row for code, row in expected.items() if rows.get(code) != row]
    assert not wrong, "put these rows in the rules table of README.md:\n" + "\n".join(wrong)
    assert set(rows) == set(expected), "the README's rules table lists a code no rule has"


@pytest.mark.parametrize("rule_", ALL_RULES, ids=lambda r: r.code)
def test_every_rule_documents_why_and_an_example(rule_: Rule) -> None:
    doc = rule_.doc
    assert doc.summary.endswith("."), doc.summary
    missing = [label for label in ("why", "bad", "good") if not getattr(doc, label)]
    assert not missing, f"{rule_.code}: add a paragraph for each of {missing} to the docstring"
    assert rule_.summary == doc.summary


def test_only_the_unbalanced_quote_rule_has_no_fix() -> None:
    assert {r.code for r in ALL_RULES if r.fix_kind == "none"} == {"NC202"}


def test_each_reason_is_reported_by_one_rule() -> None:
    declared = [reason for r in ALL_RULES for reason in r.reasons]
    assert len(declared) == len(set(declared)) == len(REASON_CODES)


#: A text holding every kind of fix the pipeline makes, in one quote style or the other.
EVERY_FIX = (
    "  Caf\u00c3\u00a9 &amp; \u200bbar\u00a0\u00ad \ufb01 e\u0301 \x1b[1mX\x1b[0m\x07\t"
    "\u201c x \u201d ,  \u2019s \r\n\n\n\nOne.\u2028Two ( x ) .  \n"
    'She said \u201dyes\u201d and "no". The Senate \u2019s vote.\n'
)


def test_every_pipeline_reason_is_mapped() -> None:
    reasons = set()
    for quotes in ("straight", "curly"):
        for fix in clean_text(EVERY_FIX, quotes=quotes).fixes:
            reasons |= set(fix.reason.split("+"))
    assert reasons == set(REASON_CODES)


@pytest.mark.parametrize("reason", sorted(REASON_CODES))
def test_reason_table_matches_the_rules(reason: str) -> None:
    text = "ab\ncd\n"
    fix = Fix(Span(0, 1), "x", f"{reason}+other")
    source = LintSource(text, "straight", Cleaned("xb\ncd\n", (fix,)))
    code = REASON_CODES[reason]
    if reason == "line-ending":  # reported once per file, or for odd breaks only
        fix = Fix(Span(2, 3), "\n", reason)
        source = LintSource("ab\u2028cd\n", "straight", Cleaned("ab\ncd\n", (fix,)))
    assert [f.code for f in RULES_BY_CODE[code].check(source)] == [code]


def test_rule_decorator_rejects_bad_codes() -> None:
    with pytest.raises(ValueError, match="NC123"):
        rule("N1", "bad")
    with pytest.raises(ValueError, match="docstring"):
        rule("NC999", "no-doc")(lambda source: iter(()))


@pytest.mark.parametrize(
    ("code", "name", "reasons", "message"),
    [
        pytest.param("NC9", "odd-dash", ("dash",), "dash {old}", id="short-code"),
        pytest.param("NC999", "Odd_Dash", ("dash",), "dash {old}", id="name-not-kebab"),
        pytest.param("NC999", "odd-dash", (), "dash {old}", id="no-reasons"),
        pytest.param("NC999", "odd-dash", ("dash",), "dash {text}", id="unknown-field"),
    ],
)
def test_reason_row_rejects_a_bad_row(
    code: str, name: str, reasons: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ValueError, match="NC"):
        ReasonRow(code, name, reasons, message, "An odd dash.")


# --- examples -----------------------------------------------------------------------


@pytest.mark.parametrize(("code", "quotes", "bad", "good"), EXAMPLES)
def test_example_triggers(code: str, quotes: QuoteStyle, bad: str, good: str) -> None:
    assert code in _codes(bad, code, quotes)


@pytest.mark.parametrize(("code", "quotes", "bad", "good"), EXAMPLES)
def test_example_done_right_is_clean(code: str, quotes: QuoteStyle, bad: str, good: str) -> None:
    assert _codes(good, code, quotes) == []


@pytest.mark.parametrize(("code", "quotes", "bad", "good"), EXAMPLES)
def test_fixes_silence_their_rule(code: str, quotes: QuoteStyle, bad: str, good: str) -> None:
    if not any(f.fix for f in lint_text(bad, Config(quotes=quotes, select=(code,)))):
        pytest.skip("not fixable")
    result = fix_until_clean(bad, Config(quotes=quotes, select=(code,)), unsafe=True)
    assert result.text != bad
    assert _codes(result.text, code, quotes) == []


@pytest.mark.parametrize(("code", "quotes", "bad", "good"), EXAMPLES)
def test_safe_fix_gives_the_good_text(code: str, quotes: QuoteStyle, bad: str, good: str) -> None:
    config = Config(quotes=quotes, select=(code,))
    if not RULES_BY_CODE[code].safe or not any(f.fix for f in lint_text(bad, config)):
        pytest.skip("no safe fix")
    assert fix_until_clean(bad, config).text == good


def test_structural_fixes_give_the_good_text() -> None:
    for code in ("NC301", "NC303", "NC304"):
        param = next(p for p in EXAMPLES if p.values[0] == code)
        bad, good = param.values[2:]
        result = fix_until_clean(bad, Config(select=(code,)), unsafe=True)
        assert result.text == good, code
        assert len(result.removed) == 1
        assert all(word in result.text + result.removed[0] for word in bad.split())


def test_a_sentence_split_around_a_credit_is_joined_and_the_credit_moved() -> None:
    bad = _article(HEAD, FERRY_START, "Picture: Ann Lee/Agency", FERRY_END, BODY_B)
    (finding,) = lint_text(bad, Config(select=("NC3",)))
    assert (finding.code, finding.span.slice(bad)) == ("NC304", "Picture: Ann Lee/Agency")
    assert finding.message.endswith("; the block before it, read as a caption, stops mid-sentence")
    result = fix_until_clean(bad, Config(select=("NC3",)), unsafe=True)
    assert result.text == _article(HEAD, f"{FERRY_START} {FERRY_END}", BODY_B)
    assert [removed.strip() for removed in result.removed] == ["Picture: Ann Lee/Agency"]


@pytest.mark.parametrize(("code", "quotes", "text"), NEGATIVES)
def test_look_alikes_stay_clean(code: str, quotes: QuoteStyle, text: str) -> None:
    assert _codes(text, code, quotes) == []


@pytest.mark.parametrize(("code", "quotes", "text", "flagged"), KNOWN_WRONG)
def test_known_wrong_answers(code: str, quotes: QuoteStyle, text: str, flagged: bool) -> None:
    assert (code in _codes(text, code, quotes)) == flagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'A \u201cb\u201d \u201cc\u201d and "d".\n',
            "A \u201cb\u201d \u201cc\u201d and \u201cd\u201d.\n",
            id="to-curly",
        ),
        pytest.param('A \u201cb\u201d, "c" and "d".\n', 'A "b", "c" and "d".\n', id="to-straight"),
        pytest.param(
            'The \u201cend\u201d came \u00e2\u20ac\u201d and "went".\n',
            'The "end" came \u2014 and "went".\n',
            id="mark-inside-mojibake-left-to-the-encoding-fix",
        ),
    ],
)
def test_mixed_quotes_fixed_to_the_majority_style(text: str, expected: str) -> None:
    assert fix_until_clean(text).text == expected


def test_mixed_quotes_points_at_the_first_minority_mark() -> None:
    text = '\u201cA\u201d \u201cB\u201d and "C" "D"? \u2018e\u2019 \u201cF\u201d\n'
    (finding,) = lint_text(text, Config(select=("NC201",)))
    assert finding.span == Span(text.index('"'), text.index('"') + 1)
    assert "8 curly" in finding.message
    assert "4 straight" in finding.message


def test_mixed_line_endings_reported_once_at_the_first_odd_one() -> None:
    text = "a\r\nb\r\nc\nd\ne\r\n"
    (finding,) = lint_text(text, Config(select=("NC404",)))
    assert finding.span == Span(text.index("c\n") + 1, text.index("c\n") + 2)
    assert "3 CRLF" in finding.message


def test_structure_rules_skip_without_article() -> None:
    source = prepare(_article(HEAD, BODY_A, CAPTION, BODY_B), structure=False)
    assert [f for r in structure.RULES for f in r.check(source)] == []


# --- helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a\u00a0b", "'a<U+00A0>b'", id="nbsp"),
        pytest.param("tab\t", "'tab<U+0009>'", id="tab"),
        pytest.param("x" * 31, "'" + "x" * 30 + "…'", id="cut"),
    ],
)
def test_show(text: str, expected: str) -> None:
    assert show(text) == expected


def test_block_spans_map_back_after_rewritten_breaks() -> None:
    # How the linter places blocks: starts after a deleted space, ends before one.
    original = "One.  \r\n\r\nTwo.\n"
    cleaned = clean_text(original)
    start = cleaned.text.index("Two")
    mapped = map_back(cleaned.fixes, [start], end=False, at_deletion="after")
    assert mapped == [original.index("Two")]
    end = cleaned.text.index("One.") + 4
    assert map_back(cleaned.fixes, [end], end=True, at_deletion="before") == [4]


# --- properties ---------------------------------------------------------------------


@given(st.one_of(lint_soup, messy_lines()))
def test_any_text_lints_and_spans_fit(text: str) -> None:
    for finding in lint_text(text, Config(quotes="curly")):
        assert 0 <= finding.span.start <= finding.span.end <= len(text)
        for fix in finding.fix:
            assert fix.span.end <= len(text)


@given(st.one_of(lint_soup, messy_lines()))
def test_fixing_twice_changes_nothing(text: str) -> None:
    once = fix_until_clean(text)
    assert fix_until_clean(once.text).text == once.text


@given(short_prose)
def test_clean_prose_has_no_findings(text: str) -> None:
    assert lint_text(text, Config(ignore=("NC3",))) == ()


@given(short_prose, st.sampled_from(["  ", "\u00a0", "&nbsp;", "\u200b"]))
def test_broken_prose_is_found_and_fixed_back(text: str, noise: str) -> None:
    first_space = text.index(" ")
    broken = text[:first_space] + noise + text[first_space + 1 :]
    if noise == "\u200b":
        broken = text[:first_space] + noise + text[first_space:]
    assert lint_text(broken) != ()
    assert fix_until_clean(broken).text == text


@given(encoding_soup)
def test_no_safe_fix_left_after_fixing(text: str) -> None:
    result = fix_until_clean(text)
    assert not any(f.fix and f.safe for f in result.remaining)


def _labelled(text: str, kinds: list[str]) -> LintSource:
    """The lint source of ``text`` with its blocks labelled ``kinds``, whoever labels."""
    source = prepare(text)
    placed = tuple(
        dataclasses.replace(p, block=dataclasses.replace(p.block, kind=kind))  # type: ignore[arg-type]
        for p, kind in zip(source.placed, kinds, strict=True)
    )
    return dataclasses.replace(source, placed=placed)


@pytest.mark.parametrize("before", ["paragraph", "caption", "subheading"])
def test_a_split_paragraph_is_found_whatever_the_text_before_was_read_as(before: str) -> None:
    # the learned labeller reads a short unfinished line ("... as residents") as a subheading
    bad = _article(HEAD, "The wall gave way as residents", CAPTION, "watched from the cliffs.")
    source = _labelled(bad, ["headline", before, "caption", "paragraph"])
    (found,) = structure.split_paragraph.check(source)
    assert found.span.slice(bad) == CAPTION


def test_a_subheading_before_a_caption_is_no_split_when_it_is_finished() -> None:
    bad = _article(HEAD, "What the repairs will cost", CAPTION, "The council said so.")
    source = _labelled(bad, ["headline", "subheading", "caption", "paragraph"])
    assert list(structure.split_paragraph.check(source)) == []
