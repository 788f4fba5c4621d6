"""A page's whole visible text: outside the article, a line that is not a sentence is furniture.

Text taken from a whole page (every visible string, menus and all) holds the article as its
densest run of prose, and around it navigation labels, teaser headlines, section names and
footers: short lines that do not end a sentence. Inside the run, such a line may be a
crosshead or a list item and stays; outside it, it is furniture. This is the terminal-
punctuation line filter of web-text cleaning (C4), kept to where it is safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsclean.arguments import require_blocks
from newsclean.blocks.shape import body_bounds, ends_sentence
from newsclean.classify.signal import layout_rule
from newsclean.model import Block


@layout_rule("unfinished-outside-body", kind="boilerplate")
def drop_page_furniture(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """On a whole page, a paragraph outside the body's full paragraphs that ends no sentence.

    >>> from newsclean.model import Span
    >>> long = "The council voted on Tuesday to close the old harbour road for good. "
    >>> bs = [Block("Home News Sport", 1, Span(0, 1)), Block(long, 2, Span(0, 1)),
    ...       Block("Harbour plans", 3, Span(0, 1), "subheading"), Block(long, 4, Span(0, 1)),
    ...       Block("Contact us", 5, Span(0, 1)), Block("See you there!", 6, Span(0, 1))]
    >>> [b.kind for b in drop_page_furniture(bs)]
    ['boilerplate', 'paragraph', 'subheading', 'paragraph', 'boilerplate', 'paragraph']
    """
    out = tuple(require_blocks(blocks, "drop_page_furniture"))
    first, last = body_bounds(out)
    return tuple(
        replace(b, kind="boilerplate", why=(drop_page_furniture.name,))
        if b.kind == "paragraph" and not first <= i <= last and not ends_sentence(b.text)
        else b
        for i, b in enumerate(out)
    )


#: The rules of this module, for the registry.
RULES = (drop_page_furniture,)
