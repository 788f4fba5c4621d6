"""Encoding rules, NC1xx: characters the scraper got wrong, as the pipeline repairs them.

Each rule reports the pipeline's fixes made for its reasons, so every one is a row of
:data:`TABLE`; the finding's fix is the repair ``newsclean clean`` makes.
"""

from __future__ import annotations

from newsclean.lint.rule import ReasonRow, Rule, in_code_order, reason_rules

#: The encoding rules: code, name, the pipeline reasons reported, message, docstring.
TABLE: tuple[ReasonRow, ...] = (
    ReasonRow(
        "NC101",
        "mojibake",
        ("mojibake",),
        "mojibake {old}, read {new}",
        """Text decoded with the wrong encoding (ftfy repairs it).

        Why: a reader sees `Ã©` where the writer wrote `é`, and search, spell checks and word
        counts miss the word.

        Bad: `CafÃ©`

        Good: `Café`
        """,
    ),
    ReasonRow(
        "NC102",
        "html-entity",
        ("html-entity",),
        "HTML entity {old} for {new}",
        """An HTML entity left in the text.

        Why: the page's markup leaked into the article: readers see `&amp;` instead of `&`, and
        a second cleaning pass would change the text again.

        Bad: `Q&amp;A`

        Good: `Q&A`
        """,
    ),
    ReasonRow(
        "NC103",
        "invisible-character",
        ("control-char", "zero-width", "soft-hyphen", "terminal-escape"),
        "invisible character {old}",
        """A control, zero-width, soft-hyphen or terminal-escape character.

        Why: invisible characters split words for search and counting, and a terminal escape can
        repaint the screen of whoever views the file.

        Bad: `news\\u200broom`

        Good: `newsroom`
        """,
    ),
    ReasonRow(
        "NC104",
        "odd-space",
        ("odd-space",),
        "unusual space {old}",
        """A non-breaking or other unusual space.

        Why: a look-alike space stops text matching (a search for `10 km` misses it) and cannot
        be seen in review.

        Bad: `10\\u00a0km`

        Good: `10 km`
        """,
    ),
    ReasonRow(
        "NC105",
        "unnormalized-character",
        ("ligature", "nfc"),
        "unnormalized {old}, write {new}",
        """A typographic ligature or a decomposed (non-NFC) character.

        Why: a ligature or a decomposed accent is a different string from the word it shows, so
        search and comparison miss it.

        Bad: `ﬁnal`

        Good: `final`
        """,
    ),
)

RULES: tuple[Rule, ...] = in_code_order(*reason_rules(TABLE))
