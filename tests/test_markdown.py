"""Tests for newsclean.lint.markdown and the linter's Markdown mode (issue 16, item 1).

The fix hook must change only prose characters in a Markdown file: code, front matter,
HTML, links, indentation and hard breaks are protected, and a second run changes nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import example, given
from strategies import markdown_documents, markdown_pieces

from newsclean.cli.main import main
from newsclean.lint.config import Config
from newsclean.lint.markdown import protected_spans
from newsclean.lint.run import fix_until_clean, lint_text


@pytest.fixture(autouse=True)
def _outside_the_repo(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def _protected(text: str) -> list[str]:
    return [span.slice(text) for span in protected_spans(text)]


PROTECTED = [
    pytest.param("Run `a  b` now.\n", "`a  b`", id="code-span"),
    pytest.param("Say ``a ` b`` twice.\n", "``a ` b``", id="code-span-with-backtick"),
    pytest.param("```sh\nx  y\n```\nAfter.\n", "```sh\nx  y\n```\n", id="fence"),
    pytest.param("Text.\n\n~~~~\nx  y\n~~~\n", "~~~~\nx  y\n~~~\n", id="unclosed-fence"),
    pytest.param("Text.\n\n    x  =  1\n    y\n", "    x  =  1\n    y\n", id="indented-code"),
    pytest.param("---\na:  b\n---\nText.\n", "---\na:  b\n---\n", id="yaml-front-matter"),
    pytest.param("+++\na =  1\n+++\nText.\n", "+++\na =  1\n+++\n", id="toml-front-matter"),
    pytest.param("<div>\n  a  b\n</div>\n", "<div>\n  a  b\n</div>\n", id="html-block"),
    pytest.param("A <!-- x\n\n  y --> b\n", "<!-- x\n\n  y -->", id="html-comment"),
    pytest.param('See [a](http://x.org/a  "T  t").\n', '](http://x.org/a  "T  t")', id="link"),
    pytest.param("See <https://x.org/a>.\n", "<https://x.org/a>", id="autolink"),
    pytest.param("See https://x.org/a?b=1 now.\n", "https://x.org/a?b=1", id="bare-url"),
    pytest.param("[r]: http://x.org  'T'\n", "[r]: http://x.org  'T'\n", id="reference"),
    pytest.param("- a\n  - b  c\n", "  - ", id="nested-list-marker"),
    pytest.param("Line one  \nline two.\n", "  ", id="hard-break"),
    pytest.param(
        "| a  | b |\n|:---|--:|\n| 1  | 2 |\n", "| a  | b |\n|:---|--:|\n| 1  | 2 |\n", id="table"
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROTECTED)
def test_constructs_are_protected(text: str, expected: str) -> None:
    assert expected in _protected(text)


LOOK_ALIKES = [
    pytest.param("Two  spaces in prose.\n", id="prose"),
    pytest.param("An unmatched ` backtick  here.\n", id="lone-backtick"),
    pytest.param("Para one `open\n\nclose` later.\n", id="span-across-paragraphs"),
    pytest.param("Text -- not a rule  here.\n", id="dashes"),
    pytest.param("A line with | a pipe  only.\n", id="pipe-not-table"),
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_prose_look_alikes_are_not_protected(text: str) -> None:
    assert "  " not in "".join(_protected(text))


#: A CONTRIBUTING-like file with every construct, and prose with real, fixable faults.
CONTRIBUTING = """\
---
title: "Contributing  guide"
---

# Contributing  to  the project

Before a commit run `ruff check . && ruff format --check .` and the tests.\x20\x20
This line ends in a hard break; the next one continues it.
The caf\u00c3\u00a9 owner said "the sea came in"  twice .

1. Install it:

       pip install -e '.[dev]'   # editable
       python -m pytest -q       # aligned comments

2. Then a nested list:
   - first  item with a continuation
     line indented by five spaces.
   - second item with ``a ` backtick`` inside.

```python
x  =  1    # aligned
def f( a ): \x20\x20
    return  "caf\u00c3\u00a9"
```

| Name  | Value |
|:------|------:|
| a     |     1 |

<div class="note">
  An  HTML  block.
</div>

<!-- a  comment -->

See [the  docs](https://example.org/a  "Title  here") or <https://example.org/x>.
Visit https://example.org/path?q=1  now.

[ref]: https://example.org/ref  "Ref  title"

~~~
unclosed  fence\x20\x20
"""

#: What --fix must write: the prose faults fixed, nothing else.
CONTRIBUTING_FIXED = (
    CONTRIBUTING.replace("# Contributing  to  the", "# Contributing to the")
    .replace(
        'The caf\u00c3\u00a9 owner said "the sea came in"  twice .',
        'The caf\u00e9 owner said "the sea came in" twice.',
    )
    .replace("   - first  item", "   - first item")
    .replace("See [the  docs]", "See [the docs]")
    .replace("path?q=1  now.", "path?q=1 now.")
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_fix_changes_only_the_prose_of_a_markdown_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    story = tmp_path / "CONTRIBUTING.md"
    story.write_bytes(CONTRIBUTING.replace("\n", newline).encode("utf-8"))
    assert (
        main(["check", "-j", "1", "--isolated", "--fix", "--exit-non-zero-on-fix", str(story)]) == 1
    )
    assert story.read_bytes().decode("utf-8") == CONTRIBUTING_FIXED.replace("\n", newline)
    assert main(["check", "-j", "1", "--isolated", "--fix", str(story)]) == 0
    assert story.read_bytes().decode("utf-8") == CONTRIBUTING_FIXED.replace("\n", newline)
    capsys.readouterr()


def test_markdown_flag_reads_a_txt_file_as_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "notes.txt"
    story.write_text("Run `a  b` now  please.\n", encoding="utf-8")
    assert (
        main(
            [
                "check",
                "-j",
                "1",
                "--isolated",
                "--markdown",
                "--fix",
                "--exit-non-zero-on-fix",
                str(story),
            ]
        )
        == 1
    )
    assert story.read_text(encoding="utf-8") == "Run `a  b` now please.\n"
    capsys.readouterr()


def test_structure_rules_stay_out_of_markdown() -> None:
    text = "Title\n\nBody text, one.\n\nPhotograph: Jane Doe/Agency\n\nBody text, two.\n"
    codes = {f.code[:3] for f in lint_text(text, Config(markdown=True))}
    assert "NC3" not in codes


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            'She said \u201cyes\u201d and \u201cno\u201d.\n\n```py\nx = "a" + "b" + \'c\'\n```\n',
            id="curly-prose-straight-code",
        ),
        pytest.param(
            'Type `"` to open a quote, then \u201cclose\u201d it.\n', id="lone-mark-in-code"
        ),
    ],
)
def test_quote_rules_read_only_prose(text: str) -> None:
    codes = [f.code for f in lint_text(text, Config(markdown=True))]
    assert "NC201" not in codes
    assert "NC202" not in codes
    assert fix_until_clean(text, Config(markdown=True)).text == text


def test_config_key_forces_markdown() -> None:
    from newsclean.lint.config import config_from_table

    assert config_from_table({"markdown": True}).markdown is True
    with pytest.raises(ValueError, match="markdown must be true or false"):
        config_from_table({"markdown": "yes"})


# --- properties -----------------------------------------------------------------------


@given(markdown_documents())
@example("```py\n=\n=\n```\n\n    \n")  # a line of spaces was taken for indented code
def test_protected_bytes_survive_fix(text: str) -> None:
    fixed = fix_until_clean(text, Config(markdown=True)).text
    at = 0
    for span in protected_spans(text):  # each protected text, whole and in order
        found = fixed.find(span.slice(text), at)
        assert found >= 0, span.slice(text)
        at = found + span.end - span.start


@given(markdown_documents())
def test_fixing_markdown_twice_changes_nothing(text: str) -> None:
    once = fix_until_clean(text, Config(markdown=True)).text
    assert fix_until_clean(once, Config(markdown=True)).text == once


@given(markdown_pieces())
def test_prose_faults_are_still_fixed(piece: str) -> None:
    # Paired with the protection property, which the identity function would pass.
    text = f"Some  words here.\n\n{piece}\n"
    fixed = fix_until_clean(text, Config(markdown=True)).text
    assert fixed.startswith("Some words here.\n")


@pytest.mark.parametrize(
    "unit", ["](", '](x "', "http://....", "<ab:", "` ", "```\n", "|a|\n|-|\n", "\n<div\n"]
)
def test_protection_takes_linear_time(unit: str) -> None:
    # A destination pattern that backtracked took minutes on "](" * 20000: compare two
    # sizes in one run (16x the text: about 16x the time, where quadratic would be 256x;
    # the factor is generous for a shared machine).
    def cost(count: int) -> float:
        text = unit * count + "\n"
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            protected_spans(text)
            runs.append(time.perf_counter() - start)
        return min(runs)

    assert cost(16000) < 80 * max(cost(1000), 1e-3)
