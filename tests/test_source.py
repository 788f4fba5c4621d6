"""Input shapes: extractor output told from an article by its layout alone."""

from __future__ import annotations

import pytest
from hypothesis import given

from newsclean.blocks.source import detect_source, resolve_source
from tests.strategies import any_text, extractor_output, prose

LONG = (
    "The harbour board voted on Tuesday to repair the old pier, which has been closed "
    "since the winter storms damaged its timber supports."
)
WRAPPED = (
    "The harbour board voted on Tuesday to repair the old pier, which has been\n"
    "closed since the winter storms damaged its timber supports last year, and\n"
    "the work will start in the spring once the contractor has been chosen.\n"
)


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        pytest.param(f"Pier to reopen\n{LONG}\n{LONG}\nShare this", "extractor", id="lines"),
        pytest.param(f"\n{LONG}\r\n{LONG}\r\n{LONG}\r\n", "extractor", id="crlf-and-edges"),
        pytest.param(f"Pier to reopen\n\n{LONG}\n\n{LONG}", "article", id="blank-lines"),
        pytest.param(f"Pier to reopen\n{LONG}\n\n{LONG}\n{LONG}", "article", id="one-blank"),
        pytest.param(WRAPPED * 3, "article", id="hard-wrapped"),
        pytest.param(f"{LONG}\n{LONG}", "article", id="two-lines"),
        pytest.param(f"Pier\n{LONG}\nShare\nMore", "article", id="one-long-line"),
        pytest.param("", "article", id="empty"),
    ],
)
def test_detect_source(text: str, shape: str) -> None:
    assert detect_source(text) == shape


def test_resolve_source_keeps_a_named_shape_and_detects_auto() -> None:
    text = f"Pier to reopen\n{LONG}\n{LONG}"
    assert resolve_source(text, "auto") == "extractor"
    assert resolve_source(text, "article") == "article"
    assert resolve_source(text, "page") == "page"


def test_resolve_source_refuses_an_unknown_shape() -> None:
    with pytest.raises(ValueError, match="source= one of 'auto'"):
        resolve_source("text", "html")  # type: ignore[arg-type]


@given(extractor_output())
def test_extractor_output_is_detected(text: str) -> None:
    assert detect_source(text) == "extractor"


@given(prose())
def test_blank_line_separated_prose_is_an_article(text: str) -> None:
    assert detect_source(text) == "article"


@given(any_text)
def test_detection_never_fails(text: str) -> None:
    assert detect_source(text) in ("article", "extractor")
