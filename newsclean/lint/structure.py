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
    """Yield ``(before, after)`` indexes with only captions between them: ``after`` is a
    paragraph, ``before`` a paragraph, or a caption or subheading (which may be body text
    read as one)."""
    for index, item in enumerate(placed):
        if item.block.kind not in ("paragraph", *READ_AS):
            continue
        after = index + 1
        while after < len(placed) and placed[after].block.kind == "caption":
            after += 1
        if after > index + 1 and after < len(placed) and placed[after].block.kind == "paragraph":
            yield index, after


#: Kinds body text cut short by a caption may be read as: the block is short and
#: unfinished, like a caption or a subheading.
READ_AS = ("caption", "subheading")


def _runs_on(before: Placed, after: str) -> bool:
    """Whether ``before`` reads on into ``after``: unfinished, or a quotation carries on.

    A caption or subheading before is held to more: it must stop mid-sentence and ``after``
    go on in lower case, as body text the labeller took for one does ("... as residents" /
    "Photo: ..." / "watched from the cliffs."); a finished caption is just a caption.
    """
    text = before.block.text
    if before.block.kind in READ_AS:
        return not ends_sentence(text) and after[:1].islower()
    if not ends_sentence(text) or after[:1].islower():
        return True
    return has_open_quote(text) and not OPENS_QUOTE_RE.match(after)


def _splits(source: LintSource) -> list[tuple[int, int]]:
    """The ``(before, after)`` pairs a caption run splits, one per ``after``, earliest first."""
    if source.article is None:
        return []
    placed = source.placed
    found: dict[int, int] = {}
    for before, after in _split_runs(placed):
        if after not in found and _runs_on(placed[before], placed[after].block.text):
            found[after] = before
    return [(before, after) for after, before in found.items()]


def _split_members(placed: Sequence[Placed], before: int, after: int) -> range:
    """The blocks a split holds that are no caption of their own: the captions between,
    and the block before when it is body text read as a caption."""
    return range(before if placed[before].block.kind == "caption" else before + 1, after)


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
    split = {i for a, b in _splits(source) for i in _split_members(placed, a, b)}
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
    quotation re-opened after the caption is not reported); also when the text before was
    itself read as a caption — it stops mid-sentence and the paragraph after goes on in
    lower case.

    The text before may have been read as a subheading instead (the learned labeller reads
    a short unfinished line so): it is held to the same.

    Why: the sentence reads as two broken paragraphs with a caption in the middle.

    Bad: `…as residents` / `Photo: A. Lens/Agency` / `watched from the cliffs.`

    Good: `…as residents watched from the cliffs.` (the caption goes to the sidecar)
    """
    if source.article is None:
        return
    placed = source.placed
    for before, after in _splits(source):
        gap = Span(placed[before].span.end, placed[after].span.start)
        caption = placed[before + 1]
        message = f"paragraph split by caption {show(caption.block.text)}"
        if (kind := placed[before].block.kind) in READ_AS:
            message += f"; the block before it, read as a {kind}, stops mid-sentence"
        yield caption.span, message, (Fix(gap, " ", SIDECAR_REASON),)


RULES: tuple[Rule, ...] = in_code_order(
    duplicate_headline, caption_in_body, boilerplate_in_body, split_paragraph
)
