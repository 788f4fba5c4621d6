"""Every lint rule, gathered from the families' ``RULES`` tuples, and the tables derived.

Nothing is written twice: :data:`RULES_BY_CODE`, :data:`CODES_BY_NAME` and
:data:`REASON_CODES` are computed from :data:`ALL_RULES`, and a rule is registered by
naming it in its family's ``RULES``.
"""

from __future__ import annotations

from types import MappingProxyType

from newsclean.lint import encoding, quotes, structure, whitespace
from newsclean.lint.rule import Rule

#: The family modules, in code order: NC1xx, NC2xx, NC3xx, NC4xx.
FAMILY_MODULES = (encoding, quotes, structure, whitespace)

#: Every rule, by family, in code order.
ALL_RULES: tuple[Rule, ...] = encoding.RULES + quotes.RULES + structure.RULES + whitespace.RULES

#: Each rule by its code.
RULES_BY_CODE: MappingProxyType[str, Rule] = MappingProxyType({r.code: r for r in ALL_RULES})

#: Each rule's code by its name: ``select``, ``ignore`` and ``noqa`` accept either.
CODES_BY_NAME: MappingProxyType[str, str] = MappingProxyType({r.name: r.code for r in ALL_RULES})

#: Every pipeline fix reason and the code reporting it (``line-ending``: NC404), from the
#: reasons each rule declares.
REASON_CODES: MappingProxyType[str, str] = MappingProxyType(
    {reason: r.code for r in ALL_RULES for reason in r.reasons}
)
