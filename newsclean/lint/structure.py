"""Structure rules, NC3xx: blocks out of place in the parsed article.

They read the article's labelled blocks, placed in the text as given
(:attr:`~newsclean.lint.rule.LintSource.placed`). Their fixes move a block to the sidecar
file (reason :data:`~newsclean.lint.rule.SIDECAR_REASON`), so they change what the article
says and are unsafe: applied only with ``--unsafe-fixes``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsclean.blocks.shape import OPENS_QUOTE_RE, ends_sentence, has_open_quote
from newsclean.lint.rule import (
    SIDECAR_REASON,
    LintSource,
    Placed,
    Rule,
    Yielded,
    in_code_order,
    rule,
    show,
)
from newsclean.model import Fix, Span


def _body_range(placed: Sequence[Placed]) -> range:
    """Indexes strictly between the first and the last paragraph."""
    paragraphs = [i for i, p in enumerate(placed) if p.block.kind == "paragraph"]
    return range(paragraphs[0] + 1, paragraphs[-1]) if paragraphs else range(0)


def _removal(placed: Sequence[Placed], index: int) -> Fix:
    """The edit that moves block ``index`` (and the blank line after it) to the sidecar."""
    span = placed[index].span
    if index + 1 < len(placed):
        span = Span(span.start, placed[index + 1].span.start)
    elif index:
        span = Span(placed[index - 1].span.end, span.end)
    return Fix(span, "", SIDECAR_REASON)


def _split_runs(placed: Sequence[Placed]) -> Iterator[tuple[int, int]]:
    """Yield ``(before, after)`` paragraph indexes with only captions between them."""
    for index, item in enumerate(placed):
        if item.block.kind != "paragraph":
            continue
        after = index + 1
        while after < len(placed) and placed[after].block.kind == "caption":
            after += 1
        if after > index + 1 and after < len(placed) and placed[after].block.kind == "paragraph":
            yield index, after


def _runs_on(before: str, after: str) -> bool:
    """Whether ``before`` reads on into ``after``: unfinished, or a quotation carries on."""
    if not ends_sentence(before) or after[:1].islower():
        return True
    return has_open_quote(before) and not OPENS_QUOTE_RE.match(after)


def _splits(source: LintSource) -> list[tuple[int, int]]:
    if source.article is None:
        return []
    placed = source.placed
    return [
        (a, b)
        for a, b in _split_runs(placed)
        if _runs_on(placed[a].block.text, placed[b].block.text)
    ]


@rule("NC301", "duplicate-headline", safe=False)
def duplicate_headline(source: LintSource) -> Iterator[Yielded]:
    """A second, duplicate or variant headline.

    Standfirst copies and social-media titles scraped with the page.

    Why: the article states its headline twice; readers, summaries and word counts see it
    twice.

    Bad: `Storm hits coast` twice on top

    Good: once
    """
    if source.article is None:
        return
    placed = source.placed
    for index, item in enumerate(placed):
        if item.block.kind == "alt_headline":
            message = f"duplicate or variant headline {show(item.block.text)}"
            yield item.span, message, (_removal(placed, index),)


def _in_body(source: LintSource, kind: str, label: str) -> Iterator[Yielded]:
    if source.article is None:
        return
    placed = source.placed
    split = {i for a, b in _splits(source) for i in range(a + 1, b)}
    for index in _body_range(placed):
        item = placed[index]
        if item.block.kind == kind and index not in split:
            message = f"{label} inside the body: {show(item.block.text)}"
            yield item.span, message, (_removal(placed, index),)


@rule("NC302", "caption-in-body", safe=False)
def caption_in_body(source: LintSource) -> Iterator[Yielded]:
    """A photo caption or credit between the first and last paragraph.

    Why: a caption inside the body interrupts the article's text; it belongs to a picture
    the plain text no longer has.

    Bad: `Grim: Rescuers at the scene` between paragraphs

    Good: moved to the sidecar
    """
    yield from _in_body(source, "caption", "caption")


@rule("NC303", "boilerplate-in-body", safe=False)
def boilerplate_in_body(source: LintSource) -> Iterator[Yielded]:
    """Site furniture between paragraphs.

    Share links, adverts and sign-up prompts scraped with the article.

    Why: the site's furniture is not the writer's text; left in, it is read, counted and
    quoted as part of the article.

    Bad: `Advertisement` mid-article

    Good: moved to the sidecar
    """
    yield from _in_body(source, "boilerplate", "boilerplate")


@rule("NC304", "split-paragraph", safe=False)
def split_paragraph(source: LintSource) -> Iterator[Yielded]:
    """A paragraph cut in two by a caption: the text before it runs on after it (a
    quotation re-opened after the caption is not reported).

    Why: the sentence reads as two broken paragraphs with a caption in the middle.

    Bad: `…as residents` / caption / `watched from the cliffs.`

    Good: `…as residents watched from the cliffs.` (the caption goes to the sidecar)
    """
    if source.article is None:
        return
    placed = source.placed
    for before, after in _splits(source):
        gap = Span(placed[before].span.end, placed[after].span.start)
        caption = placed[before + 1]
        message = f"paragraph split by caption {show(caption.block.text)}"
        yield caption.span, message, (Fix(gap, " ", SIDECAR_REASON),)


RULES: tuple[Rule, ...] = in_code_order(
    duplicate_headline, caption_in_body, boilerplate_in_body, split_paragraph
)
