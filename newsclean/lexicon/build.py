r"""Build regex pieces from the word lists: alternations, and keyword pre-checks.

A pattern takes a list as an alternation (:func:`alternation`); a costly pattern with a
cheap pre-check is written as :class:`Keyed` alternatives, each naming the key words every
one of its matches holds, and :func:`hint_pattern` derives the pre-check from those keys,
so the two are never kept in step by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import regex

from newsclean.chars import lazy_compile_re

#: Where a pre-check looks for an alternative's keys in the case-folded text.
Place = Literal["anywhere", "word", "start"]

# A whole word's edges in case-folded text. Only ASCII letters, digits and "_" count as
# word characters here, fewer than either engine's Unicode ``\b`` counts (the stdlib's
# also counts "²" or "½", which ``regex`` does not), so a key the pattern finds between
# word boundaries is always found: a pre-check may pass a text the pattern then
# rejects, never the other way round.
_WORD_BEFORE = r"(?<![0-9a-z_])"
_WORD_AFTER = r"(?![0-9a-z_])"


def alternation(words: Iterable[str], *, longest_first: bool = True, space: str = r"\ ") -> str:
    r"""Return a non-capturing group matching any of ``words`` literally.

    Longest first, so a word is tried before its own prefixes ("photos" before "photo");
    ``longest_first=False`` keeps the order given. Each entry is escaped, so the piece
    works in VERBOSE and plain patterns alike; a space in an entry matches ``space``.

    >>> alternation(["photo", "photos", "getty images"])
    '(?:getty\\ images|photos|photo)'
    >>> alternation(["getty images"], space=r"\ ?")
    '(?:getty\\ ?images)'
    """
    entries = list(dict.fromkeys(words))
    if not entries:
        raise ValueError("alternation() needs at least one word: give it a non-empty list")
    if longest_first:
        entries.sort(key=lambda word: (-len(word), word))
    return "(?:" + "|".join(regex.escape(w).replace(r"\ ", space) for w in entries) + ")"


def capitalized(words: Iterable[str]) -> tuple[str, ...]:
    """Return ``words`` with a capital first letter, for case-sensitive patterns.

    >>> capitalized(["he", "i", "however"])
    ('He', 'I', 'However')
    """
    return tuple(w[:1].upper() + w[1:] for w in words)


def plurals(words: Iterable[str]) -> tuple[str, ...]:
    """Return the regular plural of each of ``words`` (an "s" added).

    >>> plurals(["photo", "image"])
    ('photos', 'images')
    """
    return tuple(w + "s" for w in words)


def without(words: Iterable[str], *dropped: str) -> tuple[str, ...]:
    """Return ``words`` less ``dropped``, each of which must be one of them.

    A pattern that takes a list but for a few entries says so with this, and the
    check catches an entry that is renamed or removed from the list.

    >>> without(["and", "but", "nor", "or"], "nor")
    ('and', 'but', 'or')
    """
    entries = tuple(words)
    missing = [w for w in dropped if w not in entries]
    if missing:
        raise ValueError(f"without(): {missing} not in the list; drop only listed entries")
    return tuple(w for w in entries if w not in dropped)


def only(words: Iterable[str], *kept: str) -> tuple[str, ...]:
    """Return the entries ``kept`` of ``words``, each of which must be one of them.

    >>> only(["are", "be", "is", "was"], "is", "be")
    ('be', 'is')
    """
    entries = tuple(words)
    missing = [w for w in kept if w not in entries]
    if missing:
        raise ValueError(f"only(): {missing} not in the list; keep only listed entries")
    return tuple(w for w in entries if w in kept)


def named(table: Iterable[tuple[str, str]], form: str) -> tuple[str, ...]:
    """Return the names of ``table`` written in ``form``.

    A table lists each name once with the forms it is written in, as space-separated
    words, where patterns take different subsets of one vocabulary.

    >>> named([("afp", "slash via"), ("pool", "slash")], "via")
    ('afp',)
    """
    rows = tuple(table)
    names = tuple(name for name, forms in rows if form in forms.split())
    if not names:
        raise ValueError(f"named(): no entry is written in form {form!r}; check its spelling")
    return names


def first_words(words: Iterable[str]) -> tuple[str, ...]:
    """Return the distinct first words of ``words``, sorted.

    >>> first_words(["write to", "contact", "write for"])
    ('contact', 'write')
    """
    return tuple(sorted({w.split()[0] for w in words}))


@dataclass(frozen=True, slots=True)
class Keyed:
    """One alternative of a pattern that has a keyword pre-check.

    ``fragment`` is the alternative's regex (VERBOSE syntax); ``keys`` are lower-case
    strings of which every match of it holds at least one, in the case-folded text:
    ``anywhere``, as a whole ``word``, or at the ``start`` (after an optional "(").
    """

    fragment: str
    keys: tuple[str, ...]
    place: Place = "anywhere"

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError("Keyed needs keys: the words every match of the fragment holds")
        bad = [k for k in self.keys if not k or k != k.casefold() or k != k.strip()]
        if bad:
            raise ValueError(f"Keyed keys must be case-folded, trimmed, not empty: {bad}")

    @classmethod
    def phrase(cls, words: str, rest: str = "") -> Keyed:
        r"""Return the alternative that opens with ``words`` (its key) and goes on with
        ``rest``, so the key is written once.

        >>> Keyed.phrase("free trial").fragment, Keyed.phrase("free trial").keys
        ('free\\ trial', ('free trial',))
        """
        return cls(regex.escape(words) + rest, (words,))


def joined(alternatives: Iterable[Keyed]) -> str:
    r"""Return the alternatives as one regex alternation.

    >>> joined([Keyed(r"a\ b", ("a b",)), Keyed("c", ("c",))])
    '(?:a\\ b)|(?:c)'
    """
    return "|".join(f"(?:{a.fragment})" for a in alternatives)


def _stems(keys: Iterable[str], *, prefixes_only: bool) -> list[str]:
    """The fewest keys that still find every text the given keys find: a key holding
    another key (or, for start keys, starting with one) adds nothing."""
    unique = sorted(set(keys), key=lambda k: (len(k), k))
    kept: list[str] = []
    for key in unique:
        covered = key.startswith if prefixes_only else key.__contains__
        if not any(covered(shorter) for shorter in kept):
            kept.append(key)
    return sorted(kept, key=lambda k: (-len(k), k))


def hint_pattern(alternatives: Iterable[Keyed]) -> re.Pattern[str]:
    """Derive the keyword pre-check of a pattern from its alternatives' keys.

    The pre-check runs on case-folded text with the stdlib engine (faster here than
    ``regex`` with IGNORECASE) and finds at least one key of every alternative a text
    matches, so ``hint.search(text.casefold())`` is None only where the pattern
    cannot match.

    >>> hint = hint_pattern([Keyed(r"Photo:\\ \\w+", ("photo",)), Keyed("AP", ("ap",), "word")])
    >>> bool(hint.search("photograph: ann lee")), bool(hint.search("a map"))
    (True, False)
    """
    keys: dict[Place, list[str]] = {"anywhere": [], "word": [], "start": []}
    for alternative in alternatives:
        keys[alternative.place].extend(alternative.keys)
    parts = []
    if keys["anywhere"]:
        parts.append("|".join(map(re.escape, _stems(keys["anywhere"], prefixes_only=False))))
    if keys["word"]:
        # a key inside a longer key is no whole word there: keep them all, repeats aside
        words = "|".join(map(re.escape, sorted(set(keys["word"]), key=lambda k: (-len(k), k))))
        parts.append(f"{_WORD_BEFORE}(?:{words}){_WORD_AFTER}")
    if keys["start"]:
        starts = "|".join(map(re.escape, _stems(keys["start"], prefixes_only=True)))
        parts.append(rf"^\(?(?:{starts})")
    return lazy_compile_re("|".join(parts))
