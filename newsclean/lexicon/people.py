"""People: personal pronouns by person, and the roles of people in a newsroom.

The pronouns are split by person and use, since patterns tell a sentence leaning on the
one before ("He said …") from a writer speaking ("I", "our") by them.
"""

from __future__ import annotations

#: The writer or speaker as a subject: "I", "We".
FIRST_PERSON_SUBJECTS = ("i", "we")
#: The writer or speaker in other uses: object and possessive.
FIRST_PERSON_FORMS = ("me", "my", "our", "us")
#: The reader as a subject.
SECOND_PERSON_SUBJECTS = ("you",)
#: The reader's possessive.
SECOND_PERSON_FORMS = ("your",)
#: Someone or something named before, as a subject.
THIRD_PERSON_SUBJECTS = ("he", "it", "she", "they")
#: Someone or something named before, as an owner.
THIRD_PERSON_POSSESSIVES = ("her", "his", "its", "their")
#: Jobs in a newsroom, as bylines, author bios and staff lines name them.
NEWSROOM_ROLES = (
    "analyst",
    "author",
    "columnist",
    "contributor",
    "correspondent",
    "critic",
    "desk",
    "editor",
    "journalist",
    "presenter",
    "producer",
    "reporter",
    "staff",
    "writer",
)
#: Small words inside a name ("Channel of the Day", "Le Monde"), and the ampersand.
NAME_LINKS = ("&", "and", "at", "de", "der", "di", "du", "for", "in", "la", "le", "of", "on", "the")
