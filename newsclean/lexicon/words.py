"""Function words: articles, conjunctions, connectives, prepositions, auxiliaries, and
the verbs that report speech.

Stop-word and minor-word sets are unions of these lists (see ``blocks/shape.py`` and
``blocks/headlines.py``), so each function word is written here once.
"""

from __future__ import annotations

#: Articles.
ARTICLES = ("a", "an", "the")
#: Coordinating conjunctions ("for" is with the prepositions).
COORDINATORS = ("and", "but", "nor", "or", "so", "yet")
#: Subordinating conjunctions that open a clause.
SUBORDINATORS = ("because",)
#: Adverbs that carry a sentence on from the one before: "However, …".
CONNECTIVES = ("also", "however", "instead", "meanwhile", "still")
#: Words that point back at something just named: "This …", "Such …".
DEMONSTRATIVES = ("such", "that", "these", "this", "those")
#: Common prepositions.
PREPOSITIONS = (
    "about",
    "after",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "over",
    "to",
    "with",
)
#: Further short words Title Case keeps in lower case: particles, "than", "per", "via",
#: and "v" or "vs" between two sides.
SMALL_WORDS = ("off", "out", "per", "than", "up", "v", "via", "vs")
#: Forms of "be".
BE_FORMS = ("are", "be", "been", "being", "is", "was", "were")
#: The other auxiliaries: "have", "do" and the modals.
AUXILIARIES = (
    "can",
    "could",
    "did",
    "do",
    "does",
    "had",
    "has",
    "have",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "will",
    "would",
)
#: Verbs that report speech.
REPORTING_VERBS = ("added", "asked", "said", "say", "says", "tells", "told")
#: Phrases that attribute a claim to a source.
ATTRIBUTIONS = ("according to",)
