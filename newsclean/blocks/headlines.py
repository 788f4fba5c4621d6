"""Headlines: find the headline at the top, its variants and repeats, and the site name.

Scraped pages usually start with the HTML ``<title>`` (often with a site-name suffix such
as ``… | The Site``) and then the page's ``<h1>``: two variants of one headline. Both are
kept as blocks; the first is the ``headline``, the others ``alt_headline``, and a site
name cut from a title line is kept in ``Headlines.site``, never thrown away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from newsclean.arguments import require_blocks
from newsclean.blocks.shape import FULL_STOP
from newsclean.chars import lazy_compile
from newsclean.lexicon import people, words
from newsclean.lexicon.build import alternation, only, without
from newsclean.model import SITE_PREFIX, Block

#: A title line with a site name after its last separator: "Title | Site", "Title - WSJ".
SITE_SUFFIX_RE = lazy_compile(
    r"""
    ^(?P<title>.+?)
    \s+(?P<sep>\||\N{MIDDLE DOT}|\N{BULLET}|::|»|-{1,2}|\N{EN DASH}|\N{EM DASH})\s+
    (?P<site>[^|\N{MIDDLE DOT}\N{BULLET}»\N{EN DASH}\N{EM DASH}]{2,60}?)\s*$
    """,
    regex.VERBOSE,
)
#: A title line with the site name first: "Site | Title".
SITE_PREFIX_RE = lazy_compile(
    r"^(?P<site>[^|\N{MIDDLE DOT}\N{BULLET}]{2,40}?)\s+(?:\||\N{MIDDLE DOT}|\N{BULLET}|::)\s+"
    r"(?P<title>.+)$"
)
#: A title line with the site name first and a colon: "Site: Title".
SITE_COLON_RE = lazy_compile(r"^(?P<site>[^:|]{2,40}?):\s+(?P<title>.+)$")
#: A word token, for comparing headlines.
WORD_RE = lazy_compile(r"\w+")
#: A capitalised word, acronym, number or domain: what site names are made of.
SITE_WORD_RE = lazy_compile(
    rf"""
    (?:\p{{Lu}}[\p{{L}}\p{{N}}'’&.!-]*     # Capitalised word or acronym: "The", "WSJ", "Yahoo!"
    |\p{{N}}+                          # a number: "Channel 4"
    |[\p{{Ll}}\p{{N}}-]+\.[\p{{Ll}}.]{{2,}}  # a domain: "example.com", "news.example.co.uk"
    |{alternation(people.NAME_LINKS)})$  # small linking words inside a name
    """,
    regex.VERBOSE,
)
#: A site name starts with a letter or digit.
SITE_START_RE = lazy_compile(r"[\p{Lu}\p{N}\p{Ll}]")
#: Sentence-final full stop (headlines rarely end with one), not an initial's or a short
#: abbreviation's ("U.S.", "Gov.").
FULL_STOP_RE = lazy_compile(r"(?<![\p{Lu}.]\p{Lu}?)(?<!\b\p{Lu}\p{Ll}{0,2})" + FULL_STOP + "$")

#: Words too common to show two headlines are variants of each other.
STOPWORDS = frozenset(
    (
        *words.ARTICLES,
        *words.PREPOSITIONS,
        *without(words.COORDINATORS, "nor", "so", "yet"),
        *without(words.BE_FORMS, "being"),
        *only(people.THIRD_PERSON_SUBJECTS, "it"),
        *only(people.THIRD_PERSON_POSSESSIVES, "its"),
        *only(words.DEMONSTRATIVES, "that", "this"),
    )
)
#: A headline is short: longer blocks at the top are paragraphs.
MAX_HEADLINE_WORDS = 30
#: Two lines share this share of content words (of the shorter) when they are variants.
VARIANT_OVERLAP = 0.5
#: A site name has at most this many words.
MAX_SITE_WORDS = 6


@dataclass(frozen=True, slots=True)
class Headlines:
    """The result of :func:`split_headlines`: the texts, and the blocks relabelled."""

    headline: str | None
    alt_headlines: tuple[str, ...]
    site: str | None
    blocks: tuple[Block, ...]


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD_RE.findall(text)]


@lru_cache(maxsize=64)
def _content(text: str) -> frozenset[str]:
    # cached: a page's blocks are all compared with its one headline
    return frozenset(w for w in _words(text) if w not in STOPWORDS)


def is_headline_shaped(text: str) -> bool:
    """Whether ``text`` could be a headline: short and not a finished prose sentence.

    >>> is_headline_shaped("Storm Batters Coast As Thousands Flee")
    True
    >>> is_headline_shaped("The storm battered the coast on Monday, and thousands fled.")
    False
    """
    words = len(WORD_RE.findall(text))
    return 0 < words <= MAX_HEADLINE_WORDS and not (FULL_STOP_RE.search(text) and words > 8)


def similarity(a: str, b: str) -> float:
    """Share of content words two lines have in common, relative to the shorter one.

    >>> similarity("Storm hits the coast", "Storm hits coast towns")
    1.0
    >>> similarity("Storm hits the coast", "Markets fall")
    0.0
    """
    first, second = _content(a), _content(b)
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _is_site(name: str) -> bool:
    parts = name.split()
    return (
        0 < len(parts) <= MAX_SITE_WORDS
        and all(SITE_WORD_RE.match(p) for p in parts)
        and SITE_START_RE.match(name) is not None
        and not name.rstrip().endswith((".", ",", ":", "?", "!"))
    )


def split_site(
    title: str, h1: str | None = None, page: Iterable[str] = ()
) -> tuple[str, str | None]:
    """Split a site name off a title line: ``(title, site)``, ``site`` ``None`` if absent.

    A suffix after ``|``, ``·``, ``•``, ``::`` or ``»`` is a site name when it reads like
    one (at most six capitalised words, acronyms, numbers or a domain). After a dash, the
    suffix must be at most three such words, or the next line (``h1``) must confirm it
    by repeating the title without it. A prefix ``Site | Title`` needs that confirmation;
    a prefix ``Site: Title`` (a colon, which also ends topic kickers such as "Syria
    crisis:") needs it too, and the name must recur, capitalised alike, in the ``page``
    texts below the headlines (credits, copyright and affiliate lines name the site).

    >>> split_site("Storm hits coast | The Daily Ledger")
    ('Storm hits coast', 'The Daily Ledger')
    >>> split_site("Rates rise again - WSJ")
    ('Rates rise again', 'WSJ')
    >>> split_site("Brexit talks - what happens next")
    ('Brexit talks - what happens next', None)
    """
    confirmed = h1 is not None
    match = SITE_SUFFIX_RE.match(title)
    if match and _is_site(match["site"]):
        head = match["title"]
        dash = match["sep"] not in ("|", "\N{MIDDLE DOT}", "\N{BULLET}", "::", "»")
        agrees = confirmed and similarity(head, h1 or "") >= VARIANT_OVERLAP
        if not dash or agrees or len(match["site"].split()) <= 3:
            return head, match["site"]
    for pattern, named_again in ((SITE_PREFIX_RE, False), (SITE_COLON_RE, True)):
        match = pattern.match(title)
        if match and h1 is not None and _prefix_confirmed(match, h1, page if named_again else None):
            return match["title"], match["site"]
    return title, None


def _prefix_confirmed(match: regex.Match[str], h1: str, page: Iterable[str] | None) -> bool:
    """A site-name prefix reads like a name and the h1 repeats the rest; with ``page``,
    the name is also written again below the headlines."""
    site = match["site"]
    if not _is_site(site) or _words(match["title"]) != _words(h1):
        return False
    return page is None or _recurs(site, page)


def _recurs(name: str, page: Iterable[str]) -> bool:
    pattern = regex.compile(rf"(?<!\w){regex.escape(name)}(?!\w)")
    return any(pattern.search(text) for text in page)


def split_glued(text: str) -> str | None:
    """Return the headline if ``text`` is a headline glued to its own repeat, else None.

    >>> split_glued("Storm hits coast Storm hits coast")
    'Storm hits coast'
    >>> split_glued("Storm hits coast") is None
    True
    """
    half, rest = divmod(len(text), 2)
    for cut in (half, half + rest):
        first, second = text[:cut].strip(), text[cut:].strip()
        if first and first == second and len(_words(first)) >= 2:
            return first
    return None


def _is_variant(text: str, headline: str, title: str) -> bool:
    words = len(_words(text))
    if not is_headline_shaped(text) or words > 1.5 * len(_words(title)) + 3:
        return False  # a lead paragraph repeating the headline's words is no variant
    if _words(text) in (_words(headline), _words(title)):
        return True
    if FULL_STOP_RE.search(text) and words > len(_words(title)):
        return False  # a finished sentence longer than the title is its standfirst
    new_numbers = {w for w in _words(text) if w.isdigit()} - set(_words(title))
    if len(new_numbers) >= 2:
        return False  # a score or figures line under the headline ("Saints 19 Rovers 16")
    return max(similarity(text, headline), similarity(text, title)) >= VARIANT_OVERLAP


def split_headlines(
    blocks: Sequence[Block], *, skip: Callable[[Block], bool] = lambda block: False
) -> Headlines:
    """Label the headline and its variants among the first blocks.

    The headline is the first block not rejected by ``skip`` (e.g. a breadcrumb or a
    byline) when it is headline-shaped. Each following block that repeats it, or shares
    at least half of its content words while staying headline-shaped, is an
    ``alt_headline``. A title line's site-name suffix goes to ``site``; a line that is
    a headline glued to its own repeat stays one ``headline`` block whose repeat is
    listed in ``alt_headlines``.

    >>> from newsclean.model import Span
    >>> top = [Block("Storm hits coast | The Ledger", 1, Span(0, 29)),
    ...        Block("Storm hits coast", 3, Span(31, 47)),
    ...        Block("Waves battered the town.", 5, Span(49, 73))]
    >>> result = split_headlines(top)
    >>> result.headline, result.alt_headlines, result.site
    ('Storm hits coast', ('Storm hits coast',), 'The Ledger')
    >>> [b.kind for b in result.blocks]
    ['headline', 'alt_headline', 'paragraph']
    """
    blocks = require_blocks(blocks, "split_headlines")
    out = list(blocks)
    first = next((i for i, b in enumerate(out) if not skip(b)), None)
    if first is None or not is_headline_shaped(out[first].text):
        return Headlines(None, (), None, tuple(out))
    nxt = out[first + 1].text if first + 1 < len(out) else None
    title = out[first].text
    glued = split_glued(title)
    page = (b.text for b in out[first + 2 :])  # read only for a "Site: Title" prefix
    headline, site = split_site(glued or title, nxt, page)
    alts: list[str] = [glued] if glued else []
    out[first] = replace(out[first], kind="headline", why=_why(glued, site))
    for i in range(first + 1, len(out)):
        if not _is_variant(out[i].text, headline, title):
            break
        alt_text, alt_site = split_site(out[i].text, None)
        site = site or alt_site
        alts.append(alt_text)
        out[i] = replace(out[i], kind="alt_headline", why=("variant-of-headline",))
    if site is None and (site := site_line(out[first + 1 : first + 2])):
        out[first + 1] = replace(out[first + 1], kind="boilerplate", why=("site-line",))
    return Headlines(headline, tuple(alts), site, tuple(out))


def site_line(blocks: Sequence[Block]) -> str | None:
    """The site name text output's own ``site: …`` line gives, if ``blocks`` (the block
    after the headline, or none) is one: so a cleaned text, cleaned again, keeps its site.

    >>> from newsclean.model import Span
    >>> site_line([Block("site: The Ledger", 3, Span(0, 16))])
    'The Ledger'
    >>> site_line([Block("site: see the map below.", 3, Span(0, 24))]) is None
    True
    """
    if not blocks or not blocks[0].text.startswith(SITE_PREFIX):
        return None
    name = blocks[0].text.removeprefix(SITE_PREFIX)
    return name if _is_site(name) else None


def _why(glued: str | None, site: str | None) -> tuple[str, ...]:
    return (
        ("first-block",) + (("glued-repeat",) if glued else ()) + (("site-suffix",) if site else ())
    )
