"""Every public function checks its arguments and says what to pass (issue 13, item 16)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import newsclean as nc
from newsclean.model import Block, Span

BLOCK = Block("Storm hits coast", line=1, span=Span(0, 16))

WRONG_CALLS = [
    pytest.param(lambda: nc.fix_text(b"x"), TypeError, "decode it first", id="fix_text-bytes"),
    pytest.param(lambda: nc.fix_text(None), TypeError, "not None", id="fix_text-none"),
    pytest.param(lambda: nc.fix_text("x", quotes="smart"), ValueError, "'curly'", id="quotes"),
    pytest.param(lambda: nc.clean_text(1), TypeError, "as a str, not int", id="clean_text"),
    pytest.param(lambda: nc.clean_encoding(b"x"), TypeError, "clean_encoding()", id="encoding"),
    pytest.param(lambda: nc.fix_encoding(None), TypeError, "fix_encoding()", id="fix_encoding"),
    pytest.param(lambda: nc.clean_quotes(b"x"), TypeError, "clean_quotes()", id="clean_quotes"),
    pytest.param(lambda: nc.normalize_quotes(1), TypeError, "normalize_quotes()", id="quotes-int"),
    pytest.param(lambda: nc.clean_spacing(b"x"), TypeError, "clean_spacing()", id="spacing"),
    pytest.param(lambda: nc.fix_spacing(None), TypeError, "fix_spacing()", id="fix_spacing"),
    pytest.param(lambda: nc.clean_whitespace(b"x"), TypeError, "clean_whitespace()", id="ws"),
    pytest.param(
        lambda: nc.normalize_whitespace(None), TypeError, "normalize_whitespace()", id="ws-none"
    ),
    pytest.param(
        lambda: nc.segment_paragraphs(b"a\n\nb"), TypeError, "segment_paragraphs()", id="segment"
    ),
    pytest.param(lambda: nc.parse_article(b"x"), TypeError, "decode it first", id="parse"),
    pytest.param(
        lambda: nc.split_headlines("text"), TypeError, "sequence of Block", id="split_headlines"
    ),
    pytest.param(
        lambda: nc.split_headlines(["a", "b"]), TypeError, "holding str", id="headlines-strs"
    ),
    pytest.param(lambda: nc.is_caption("text", None), TypeError, "takes a Block", id="caption"),
    pytest.param(
        lambda: nc.is_caption(BLOCK, None), TypeError, "context_of(blocks, index)", id="context"
    ),
    pytest.param(lambda: nc.is_boilerplate("t", None), TypeError, "Block", id="boilerplate"),
    pytest.param(lambda: nc.is_subheading(BLOCK, {}), TypeError, "Context", id="subheading"),
    pytest.param(lambda: nc.apply_layout("text"), TypeError, "sequence of Block", id="layout"),
    pytest.param(lambda: nc.context_of("text", 0), TypeError, "sequence of Block", id="ctx"),
    pytest.param(lambda: nc.lint_text(b"x"), TypeError, "lint_text()", id="lint_text"),
    pytest.param(lambda: nc.lint_text("x", {}), TypeError, "newsclean.Config(", id="config"),
    pytest.param(lambda: nc.fix_until_clean(None), TypeError, "fix_until_clean()", id="fix"),
    pytest.param(lambda: nc.apply_fixes(b"x", []), TypeError, "apply_fixes()", id="apply"),
]


@pytest.mark.parametrize(("call", "error", "says"), WRONG_CALLS)
def test_wrong_arguments_say_what_to_pass(
    call: Callable[[], object], error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=None) as caught:
        call()
    assert says in str(caught.value)


RIGHT_CALLS = [
    pytest.param(lambda: nc.fix_text("x  y"), id="fix_text"),
    pytest.param(lambda: nc.lint_text("x\n", None), id="lint_text-none-config"),
    pytest.param(lambda: nc.split_headlines([]), id="no-blocks"),
    pytest.param(lambda: nc.is_caption(BLOCK, nc.context_of([BLOCK], 0)), id="is_caption"),
]


@pytest.mark.parametrize("call", RIGHT_CALLS)
def test_right_arguments_pass(call: Callable[[], object]) -> None:
    call()
