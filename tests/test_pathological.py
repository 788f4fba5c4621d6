"""Pathological input must cost time in proportion to its length: no quadratic scan,
no catastrophic backtracking, in the patterns, ``parse_article`` or the linter.

No test here bounds a wall-clock time (a busy machine would fail it): each runs the same
input at two sizes in one process and checks that the CPU time grows like the size. A
four times longer input may take at most ``MAX_GROWTH`` times longer: linear code gives
about 4, quadratic about 16. Absolute speeds are measured by ``bench/pathological.py``.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest
import regex
from hypothesis import given, settings
from strategies import adversarial_units

from newsclean.article import parse_article
from newsclean.classify.boilerplate import (
    BREADCRUMB_RE,
    FURNITURE_RE,
    PROMO_RE,
)
from newsclean.classify.subheadings import QUOTED_HEAD_RE
from newsclean.lint.config import Config
from newsclean.lint.run import fix_until_clean

#: How much longer a four times longer input may take: linear code gives about 4 (less
#: where a fixed cost weighs), quadratic about 16; the margin absorbs a busy machine.
MAX_GROWTH = 8.0
#: The smaller input is doubled until one run takes this long, so that neither the
#: timer's resolution nor a fixed cost decides the ratio.
FLOOR_SECONDS = 0.02


def _cpu(function: Callable[[str], object], text: str, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` calls, so one interruption does not count.

    The cyclic garbage collector is paused meanwhile: its full collections walk every
    live object, so on input that makes a fix per character they made linear code grow
    25 % faster than its input, and a busy machine did the rest.
    """
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            function(text)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def growth(
    function: Callable[[str], object], unit: str, min_chars: int = 0, *, lead: str = ""
) -> float:
    """How many times longer ``function`` takes on ``lead`` and ``unit`` repeated 4n times
    than n times; n makes at least ``min_chars`` and is doubled until a run takes at least
    :data:`FLOOR_SECONDS` (a quadratic cost shows only past some size)."""
    count = max(1, min_chars // len(unit))
    while _cpu(function, lead + unit * count, repeat=1) < FLOOR_SECONDS:
        count *= 2
    large = _cpu(function, lead + unit * 4 * count, repeat=2)
    return large / _cpu(function, lead + unit * count)


def _fix_curly(text: str) -> object:
    return fix_until_clean(text, Config(quotes="curly"))


# --- the patterns: each fails at the end of a long line, after matching all of it ---------

PATTERNS = [
    # "a | a | … | a |": the old trail re-split every level before giving up (issue #13)
    pytest.param(BREADCRUMB_RE.match, "", "a | ", id="breadcrumb-pipes"),
    pytest.param(BREADCRUMB_RE.match, "", "a > ", id="breadcrumb-arrows"),
    pytest.param(BREADCRUMB_RE.match, "", "Word|", id="breadcrumb-no-spaces"),
    pytest.param(QUOTED_HEAD_RE.match, "", "'A", id="quoted-head"),
    pytest.param(FURNITURE_RE.match, "", "|", id="furniture-punctuation"),
    # a greedy .* backed off before \b, in regex, was quadratic on such lines (the comment
    # header's ".*?condolences" was one too, until #18.4 took that one site's header out:
    # its every alternative now fails at its anchored start or stops within 60 characters)
    pytest.param(PROMO_RE.search, "newsletter ", "By \u201d", id="promo-newsletter"),
    pytest.param(PROMO_RE.search, "sign up ", "By \u201d", id="promo-sign-up"),
]


@pytest.mark.parametrize(("find", "lead", "unit"), PATTERNS)
def test_patterns_fail_in_linear_time(
    find: Callable[[str], regex.Match[str] | None], lead: str, unit: str
) -> None:
    def run(text: str) -> regex.Match[str] | None:
        return find(text.rstrip())

    assert run(lead + unit * 3) is None
    assert growth(run, unit, lead=lead) < MAX_GROWTH


# --- the pipeline and the linter: issue #13 item 12 and earlier adversarial input ---------

PIPELINE = [
    # issue #13 item 12; the breadcrumbs and the quoted heading were quadratic, which
    # shows past the size given (below it the linear work outweighs the quadratic)
    pytest.param("a | ", 20_000, id="breadcrumb-pipes"),
    pytest.param("a > ", 20_000, id="breadcrumb-arrows"),
    pytest.param(
        "a \N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK} ", 20_000, id="breadcrumb-guillemets"
    ),
    pytest.param("'A", 40_000, id="quoted-head"),
    pytest.param("One line that ends in an old Mac line break.\r", 0, id="cr-only-lines"),
    pytest.param("x\r", 0, id="one-letter-cr-lines"),
    # a page with no body: each furniture line was asked its signals with a pass over the page
    pytest.param("By Ann Lee\n\n", 0, id="bylines-no-body"),
    pytest.param('"', 0, id="straight-quotes"),
    pytest.param("\u201c\u201d", 0, id="curly-quotes"),
    # adversarial input of earlier reviews
    pytest.param(":", 0, id="colons"),
    pytest.param("-", 0, id="dashes"),
    pytest.param("&#", 0, id="entity-starts"),
    pytest.param("a: ", 0, id="label-prefixes"),
    pytest.param('Word: "', 0, id="label-quote"),
    pytest.param(" \N{EM DASH} ", 0, id="spaced-dashes"),
    pytest.param("x\n", 0, id="one-letter-lines"),
    pytest.param(
        "One line of a hard-wrapped paragraph that ends in a broken com-\n",
        0,
        id="hard-wrapped-broken-compounds",
    ),
    # a quadratic scan walked every hit back to the start of its run of spaces
    pytest.param(" ", 0, id="space-run"),
    pytest.param("\N{NO-BREAK SPACE} ", 0, id="nbsp-space-run"),
    # a line's start was looked for back to the text's start (a CR that is not there)
    pytest.param("Caf\u00c3\u00a9 \N{NO-BREAK SPACE}x\n", 0, id="a-fix-on-every-line"),
    pytest.param("\N{NO-BREAK SPACE}\u201d", 0, id="one-long-line-of-fixes"),
]


@pytest.mark.parametrize(("unit", "min_chars"), PIPELINE)
def test_parse_article_takes_linear_time(unit: str, min_chars: int) -> None:
    assert growth(parse_article, unit, min_chars) < MAX_GROWTH


@pytest.mark.parametrize(("unit", "min_chars"), PIPELINE)
def test_the_linter_takes_linear_time(unit: str, min_chars: int) -> None:
    assert growth(fix_until_clean, unit, min_chars) < MAX_GROWTH


#: A full paragraph: a block after it may open the comment section, or be a caption.
PARAGRAPH = (
    "The festival drew more than twelve thousand visitors over the weekend, the organisers "
    "said, the highest number since it began.\n\n"
)

#: Blocks that are read differently after the body has begun (the comment-section check
#: was quadratic on them, which shows from about 20,000 characters).
AFTER_A_PARAGRAPH = [
    pytest.param("By \u201d", id="comment-header"),
    pytest.param("\t!aa", id="tab-bang"),
    pytest.param("Photo: a | ", id="caption-breadcrumb"),
]


@pytest.mark.parametrize("unit", AFTER_A_PARAGRAPH)
def test_a_block_after_a_paragraph_takes_linear_time(unit: str) -> None:
    assert growth(parse_article, unit, 20_000, lead=PARAGRAPH) < MAX_GROWTH
    assert growth(fix_until_clean, unit, 20_000, lead=PARAGRAPH) < MAX_GROWTH


@pytest.mark.parametrize("unit", ['"', "'", "\u201c\u201d", "\u2018\u2019", '"A'])
def test_the_linter_curls_runs_of_quotes_in_linear_time(unit: str) -> None:
    assert growth(_fix_curly, unit) < MAX_GROWTH


def test_ampersands_then_hashes_take_linear_time() -> None:
    def split_run(count: int) -> float:
        return _cpu(parse_article, "&" * count + "#" * count)

    assert split_run(40_000) / split_run(10_000) < MAX_GROWTH


@settings(max_examples=3)
@given(adversarial_units())
def test_generated_adversarial_text_takes_linear_time(unit: str) -> None:
    assert growth(parse_article, unit, 10_000) < MAX_GROWTH
    assert growth(fix_until_clean, unit, 10_000) < MAX_GROWTH
