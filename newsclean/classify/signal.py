"""Signal and layout-rule values: the named reasons a labelled block's ``why`` can hold.

A classifier module writes each regularity as a predicate decorated with :func:`signal` and
lists it in its ``SIGNALS`` tuple; a rule over a run of labelled blocks is decorated with
:func:`layout_rule` and listed in its module's ``RULES`` tuple. The decorators return
immutable values and register nothing. Other modules refer to a reason by its value (and
ask :func:`fired`), never by its name as a string, so mypy and the registry test catch a
rename; flags such as ``strong`` and ``header`` replace hand-kept sets of names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsclean.blocks.shape import Context
from newsclean.chars import lazy_compile_re
from newsclean.model import Block, Kind

Predicate = Callable[[Block, Context], bool]
Relabel = Callable[[Sequence[Block]], tuple[Block, ...]]
#: A reason's name: kebab-case, the exact word written into ``why``.
NAME_RE = lazy_compile_re(r"[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True, slots=True)
class Signal:
    """One regularity of a block kind: ``name`` (as written in ``why``), the docstring's first
    line as ``summary``, the ``predicate`` over a block and its context, and flags.

    ``strong``: specific enough to decide alone wherever the labels come from (a
    "Pictured:" opening, a share bar). ``header``: furniture that frames the article itself
    (a byline, a dateline), which the layout pass does not treat as a fence around the body.
    """

    name: str
    summary: str
    predicate: Predicate
    strong: bool = False
    header: bool = False

    def __call__(self, block: Block, context: Context) -> bool:
        """Whether the regularity holds for ``block`` in ``context``."""
        return self.predicate(block, context)


@dataclass(frozen=True, slots=True)
class LayoutRule:
    """A rule over the whole run of labelled blocks: ``name`` (the reason it adds to ``why``),
    the docstring's first line as ``summary``, the ``kind`` it gives, and the function."""

    name: str
    summary: str
    kind: Kind
    function: Relabel

    def __call__(self, blocks: Sequence[Block]) -> tuple[Block, ...]:
        """Apply the rule to ``blocks``."""
        return self.function(blocks)


Reason = Signal | LayoutRule


def _summary(name: str, function: Callable[..., object]) -> str:
    if not NAME_RE.fullmatch(name):
        raise ValueError(f"a signal or rule name is kebab-case, like 'glued-credit': {name!r}")
    doc = (function.__doc__ or "").strip()
    if not doc:
        raise ValueError(f"{name} needs a docstring: its first line is the summary")
    return doc.splitlines()[0]


def signal(
    name: str, *, strong: bool = False, header: bool = False
) -> Callable[[Predicate], Signal]:
    """Wrap a predicate as an immutable :class:`Signal`; registers nothing.

    >>> @signal("all-caps")
    ... def is_all_caps(block, context):
    ...     '''A line in capitals.'''
    ...     return block.text.isupper()
    >>> is_all_caps.name, is_all_caps.summary, is_all_caps.strong
    ('all-caps', 'A line in capitals.', False)
    """

    def wrap(predicate: Predicate) -> Signal:
        return Signal(name, _summary(name, predicate), predicate, strong, header)

    return wrap


def layout_rule(name: str, *, kind: Kind) -> Callable[[Relabel], LayoutRule]:
    """Wrap a function over labelled blocks as an immutable :class:`LayoutRule`.

    >>> @layout_rule("all-body", kind="paragraph")
    ... def all_body(blocks):
    ...     '''Every block is body text.'''
    ...     return tuple(blocks)
    >>> all_body.name, all_body.kind, all_body([])
    ('all-body', 'paragraph', ())
    """

    def wrap(function: Relabel) -> LayoutRule:
        return LayoutRule(name, _summary(name, function), kind, function)

    return wrap


def fired(block: Block, reason: Reason) -> bool:
    """Whether a labelled block's ``why`` names ``reason``.

    >>> from newsclean.model import Span
    >>> @signal("all-caps")
    ... def is_all_caps(block, context):
    ...     '''A line in capitals.'''
    ...     return block.text.isupper()
    >>> fired(Block("TIDES", 1, Span(0, 5), "boilerplate", why=("all-caps",)), is_all_caps)
    True
    """
    return reason.name in block.why


def names(reasons: Iterable[Reason]) -> frozenset[str]:
    """The names of ``reasons``, to compare against a block's ``why`` at once.

    >>> @signal("all-caps")
    ... def is_all_caps(block, context):
    ...     '''A line in capitals.'''
    ...     return block.text.isupper()
    >>> sorted(names([is_all_caps]))
    ['all-caps']
    """
    return frozenset(reason.name for reason in reasons)
