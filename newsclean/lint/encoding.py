"""Encoding rules, NC1xx: characters the scraper got wrong, as the pipeline repairs them.

Each rule reports the pipeline's fixes made for its reasons, so every one is a row of
:data:`TABLE`; the finding's fix is the repair ``newsclean clean`` makes.
"""

from __future__ import annotations

from newsclean.lint.rule import ReasonRow, Rule, in_code_order, reason_rules

#: The encoding rules: code, name, the pipeline reasons reported, message, summary.
TABLE: tuple[ReasonRow, ...] = (
    ReasonRow(
        "NC101",
        "mojibake",
        ("mojibake",),
        "mojibake {old}, read {new}",
        "Mojibake: text decoded with the wrong encoding, repaired by ftfy.",
    ),
    ReasonRow(
        "NC102",
        "html-entity",
        ("html-entity",),
        "HTML entity {old} for {new}",
        "An HTML entity left in the text.",
    ),
    ReasonRow(
        "NC103",
        "invisible-character",
        ("control-char", "zero-width", "soft-hyphen", "terminal-escape"),
        "invisible character {old}",
        "A control, zero-width, soft-hyphen or terminal-escape character.",
    ),
    ReasonRow(
        "NC104",
        "odd-space",
        ("odd-space",),
        "unusual space {old}",
        "A non-breaking or other unusual space character.",
    ),
    ReasonRow(
        "NC105",
        "unnormalized-character",
        ("ligature", "nfc"),
        "unnormalized {old}, write {new}",
        "A typographic ligature or a decomposed (non-NFC) character.",
    ),
)

RULES: tuple[Rule, ...] = in_code_order(*reason_rules(TABLE))
