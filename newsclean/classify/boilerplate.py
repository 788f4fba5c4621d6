"""Boilerplate: site furniture that scrapers paste in with the article.

Menus, share bars, "Related" and "Read more" links, newsletter pitches, adverts,
copyright lines, bylines and dates on their own line, tag lists, and reader comments.
Each general regularity is a signal named in ``SIGNALS``; :func:`is_boilerplate`
combines them. :func:`comments_start` finds where a comment section begins, and the rule
:func:`comment_section` (in ``RULES``, run before the per-block passes) labels it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import regex

from newsclean.arguments import require_block, require_instance
from newsclean.blocks.shape import (
    CONTEXT_HOW,
    COUNTER,
    SCORE_RE,
    Context,
    ends_sentence,
    hinted,
    is_full_paragraph,
    word_count,
)
from newsclean.chars import CURRENCY_CLASS, lazy_compile
from newsclean.classify.signal import LayoutRule, Signal, layout_rule, signal
from newsclean.lexicon import dates, furniture, media, people
from newsclean.lexicon.build import (
    Keyed,
    alternation,
    capitalized,
    first_words,
    hint_pattern,
    joined,
    named,
    only,
    plurals,
    without,
)
from newsclean.model import Block, Decision

# What opens a furniture line before a colon: a link list's label, a sign-up, and more.
_FURNITURE_LEAD = alternation(
    (*furniture.LINK_LABELS, *furniture.FURNITURE_LEADS, *furniture.SIGN_UP_WORDS)
)
# The gallery counters a whole furniture line can be: "Photo 3 of 10", "3/10 4/10", and
# "Image 3 of /10". (Two narrower counters the first pattern also listed, "Picture 3 of
# 10" and "3 of 10", are inside these two, so the lines matched are the same.)
_COUNTED = alternation(without(media.GALLERY_ITEMS, "picture"))
_COUNTERS = rf"(?:{_COUNTED}\ )?{COUNTER}(?:\s+{COUNTER})*"
_STRAY_SLASH_COUNTER = rf"{alternation(media.GALLERY_ITEMS)}\ \d+\ of\ /?\ ?\d+"
#: Whole blocks that are standard web furniture, in any case, maybe with a count.
FURNITURE_RE = lazy_compile(
    rf"""^\W*+(?:
      {alternation(furniture.FURNITURE_PHRASES)}  # "Advertisement", "Most read", "Up next"
    | what['’]?s\ (?:hot|trending)
    | more\ \w+ | explore\ more(?:\ \w+){{0,4}}
    | no\ comments(?:\ \W+\ .{{1,30}})?
    | {_COUNTERS} | {_STRAY_SLASH_COUNTER}
    | popular\ (?:on|in)\ [\w'’]+(?:\ \w+)?
    | {alternation(furniture.MORE_LINK_VERBS)}\ (?:more|all|less)(?:\ \w+){{0,6}}
    | more\ (?:from|on|in|about|stories|news|related)(?:\ [\w'’&.-]+){{0,5}}
    | share(?:\ (?:this|on|via|the|article|story|page|post))*(?:\ \w+){{0,2}}
    | (?:{alternation(furniture.SIGN_UP_WORDS)}|register)(?:\ \w+){{0,8}}
    | (?:follow|like)\ us(?:\ \w+){{0,4}} | follow\ @\w+
    | click\ here(?:\ \w+){{0,4}}
    | thanks?\ (?:you\ )?for\ (?:signing\ up|subscribing|registering)(?:\ \w+){{0,3}}
    | (?:\d+\ )?comments?(?:\ \(\d+\))?
    | {alternation(furniture.COMMENT_ACTIONS)}\ (?:a\ |your\ |all\ )?comments?(?:\ \w+){{0,3}}
    | join\ the\ {alternation(furniture.DISCUSSIONS)} | loading(?:\ \w+){{0,2}}
    | (?:don['’]?t|do\ not)\ miss
    | latest(?:\ [\w'’]+){{0,2}}\ (?:news|stories|headlines)
    | top\ stories\ (?:in|from|on)(?:\ \w+){{1,3}} | editor['’]?s\ picks?
    )\W*$""",
    regex.VERBOSE | regex.IGNORECASE | regex.VERSION1,
)
#: Lines that open with a furniture marker, whatever follows: "Read more: ...", "Tags: ...".
FURNITURE_LEAD_RE = lazy_compile(
    rf"""^\W*+{_FURNITURE_LEAD}
        \s*(?::|>|»|\N{{EM DASH}}|\N{{EN DASH}}|\|)""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: Names of networks and share actions; a block of nothing else is a share bar.
SHARE_WORD_RE = lazy_compile(
    rf"""(?:{alternation(named(media.CHANNELS, "bar"))}
        |\d+[kKmM]?)  # a count of shares: 12, 3k""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: A token of a share bar.
SHARE_TOKEN_RE = lazy_compile(r"[\w-]+")
#: A share bar is never longer than this.
MAX_SHARE_BAR_CHARS = 200
#: A number on its own.
NUMBER_RE = lazy_compile(r"\b\d+\b")
#: A social network or share action that can stand alone on a share bar's line.
NETWORK_RE = lazy_compile(alternation(named(media.CHANNELS, "alone")), regex.IGNORECASE)
#: Copyright and rights notices, each with the key words every match of it holds.
COPYRIGHT_ALTERNATIVES = (
    # a line opening with "Copyright", "© 2024" or "(c) Copyright"
    Keyed(
        r"^\W*(?:copyright\b|(?:\N{COPYRIGHT SIGN}|\(c\))\s*(?:\d{4}|copyright))",
        furniture.COPYRIGHT_MARKS,
    ),
    # "All rights reserved", "may not be reproduced"
    Keyed(alternation(furniture.RIGHTS_NOTICES), furniture.RIGHTS_NOTICES),
)
COPYRIGHT_RE = lazy_compile(joined(COPYRIGHT_ALTERNATIVES), regex.VERBOSE | regex.IGNORECASE)
# What opens a credit rather than a byline: "Photo by", "Screenshots by".
_NOT_BY = (
    *media.PICTURE_NOUNS,
    *plurals(media.PICTURE_NOUNS),
    *media.VISUAL_NOUNS,
    *plurals(only(media.VISUAL_NOUNS, "screenshot")),
)
#: A byline on its own line: "By Jane Smith", "By Jane Smith, Political Editor | 3 May".
BYLINE_RE = lazy_compile(
    # "Photo by", "Screenshot by" open credits (captions), not bylines
    rf"^(?!{alternation(capitalized(_NOT_BY))}\ )"
    r"(?:By|BY|(?:\p{Lu}\p{Ll}+\ )?(?:and\ \p{Ll}+\ )?by|Posted\ by|From|AUTHOR|Author)"
    r"\s*[:/|]?\s+"
    r"\p{Lu}[\p{L}.'’\-]*(?:\s+\S+){0,14}$",
    regex.VERBOSE,
)
#: A price: "$6", "£10.99", "€5".
PRICE_RE = lazy_compile(rf"[{CURRENCY_CLASS}]\s?\d")
#: A "From Name" byline is at most this many words.
FROM_WORDS = 6
# The pieces of a date: a month's first three letters (any word characters may follow:
# "Sept", "March"), what follows a clock time ("pm", "GMT"), a unit of an age ("4h ago").
_MONTH = alternation(sorted({month[:3] for month in dates.MONTHS}))
_CLOCK_SUFFIX = rf"(?:[ap]\.?m\.?|{alternation(dates.TIME_ZONES)})"
_AGE_UNIT = alternation((*dates.TIME_UNITS, *dates.AGE_UNITS))
#: A date or time: "Updated 14:32 GMT, 3 March 2024", "March 3, 2024 at 5:00 p.m.", "4h ago".
DATE_RE = lazy_compile(
    rf"""\b(?:\d{{1,2}}\ {_MONTH}\w*\.?,?\ \d{{4}}
        |{_MONTH}\w*\.?\ \d{{1,2}}(?:,?\ \d{{4}})?
        |\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}
        |\d{{1,2}}:\d{{2}}(?:\s*{_CLOCK_SUFFIX})?
        |\d{{1,2}}\.\d{{2}}\s*{_CLOCK_SUFFIX}
        |\d+\s*{_AGE_UNIT}\s+ago)
        # "4h ago4 hours ago": a scraper glues a short form to its spelled-out twin
        (?:\b|(?<=ago)(?=\d))""",
    regex.VERBOSE | regex.IGNORECASE,
)
_DATELINE_WORDS = (
    *dates.DATELINE_WORDS,
    *dates.TIME_ZONES,
    *dates.OTHER_TIME_ZONES,
    *dates.WEEKDAYS,
    *dates.RELATIVE_DAYS,
    *dates.TIME_UNITS,
)
#: Words that surround a date on a dateline.
DATELINE_WORD_RE = lazy_compile(rf"\b{alternation(_DATELINE_WORDS)}\b", regex.IGNORECASE)
#: A breadcrumb trail: "Home > News > World", or two section names "Culture | Books".
#: Each level is an atomic group that ends only where the next separator (or the end)
#: can start, so a long line of "a | a | …" that fails at its end is given up in one
#: pass instead of re-splitting every earlier level (quadratic time; issue #13).
BREADCRUMB_RE = lazy_compile(
    r"""
      ^ [^>»/|]{1,30}                             # the first level
        (?>                                       # each further level, split once:
          (?: \s*+ [>»›|] \s* | \s++ / \s+ )      # a separator (a slash needs spaces)
          [^>»›/|]{1,30}                          # the level's name, the longest that
          (?= \s*+ [>»›|] | \s++ / | $ )          # ends where a separator or the end starts
        ){2,} $
    | ^ \p{Lu}\w* (?:\ \p{Lu}\w*)? \ [|>»›]\ \p{Lu}\w* (?:\ \p{Lu}\w*)? $  # "Culture | Books"
    """,
    regex.VERBOSE,
)
# The sign-offs' pieces: what the article is called, who is credited, how to write in.
_REPORT = without(furniture.ARTICLE_NOUNS, "conversation", "interview", "piece", "transcript")
_PIECE = without(furniture.ARTICLE_NOUNS, "report")
_BRACKETED_CREDITS = only(furniture.SIGN_OFF_CREDITS, "editing", "reporting")
_WRITE_TO = without(furniture.CONTACT_LEADS, "reach")
_THIS_PIECE = rf"^\(?This\ {alternation(_PIECE)}\ (?:is|was|has|had|originally|first)\b"
#: Agency sign-offs and notes about the article rather than its subject, each with the
#: key words every match of it holds.
SIGN_OFF_ALTERNATIVES = (
    # "Ann Lee contributed to this report"
    Keyed.phrase("contributed", rf"\ (?:to\ )?(?:this\ )?{alternation(_REPORT)}"),
    # "Reporting by Ann Lee", "Additional reporting by …"
    Keyed(
        rf"^{alternation(furniture.SIGN_OFF_CREDITS)}\ by\b",
        first_words(furniture.SIGN_OFF_CREDITS),
        "start",
    ),
    # "This story was first published …", "(This article has been updated …"
    Keyed(_THIS_PIECE, ("this",), "start"),
    # "With inputs from agencies"
    Keyed(r"^\(?With\ (?:inputs|files|additional\ reporting)\ from\b", ("with",), "start"),
    # "… appeared in the print edition"
    Keyed.phrase("print edition"),
    # "Write to Ann Lee at ann@example.org"
    Keyed(rf"^{alternation(_WRITE_TO)}\ .{{0,80}}@", first_words(_WRITE_TO), "start"),
    # "Originally published on …"
    Keyed(r"^(?:Originally\ )?published\ (?:on|in|at)\b", ("originally", "published"), "start"),
    # "(Reporting by Ann Lee; Editing by …)"
    Keyed(rf"^\(?{alternation(_BRACKETED_CREDITS)}\ by\ ", _BRACKETED_CREDITS, "start"),
)
SIGN_OFF_RE = lazy_compile(joined(SIGN_OFF_ALTERNATIVES), regex.VERBOSE | regex.IGNORECASE)
# The promotions' pieces: where a newsletter goes, what to join or follow, what to send.
_SIGN_UP = alternation(furniture.SIGN_UP_WORDS)
_CALLS = furniture.CALLS_TO_ACTION
_FOLLOW = alternation(named(media.CHANNELS, "follow"))
_PRICE_SIGNS = tuple(CURRENCY_CLASS)
#: Calls to follow, subscribe or sign up, and affiliate notes, wherever they sit in a line,
#: each with the key words every match of it holds (a word boundary opens each: PROMO_RE).
#: The two ``.*?`` are lazy: ``regex`` backing a greedy ``.*`` off before a ``\b`` took
#: time quadratic in the line (issue #13); whether a line matches does not change.
PROMO_ALTERNATIVES = (
    # a newsletter pitch: "Our newsletter, delivered …", "Sign up for the … newsletter"
    Keyed.phrase("newsletter", rf"s?\b.*?\b(?:{_SIGN_UP}|inbox|delivered)"),
    Keyed(rf"{_SIGN_UP}\b.*?\bnewsletters?", furniture.SIGN_UP_WORDS),
    # "delivered straight to your inbox"
    Keyed.phrase(
        "delivered", rf"\ (?:to|through|straight\ to)\ your\ {alternation(furniture.MAILBOXES)}"
    ),
    Keyed(r"\b(?:in|to|on|check)\ your\ inbox\b", ("your inbox",)),
    Keyed(r"^subscribe\ to\b", ("subscribe to",), "start"),
    # "Join our WhatsApp channel"
    Keyed.phrase("join", rf"\b.{{0,40}}\b{alternation(named(media.CHANNELS, 'join'))}\b"),
    # "Contact Ann Lee at ann@example.org", "Reach her on Twitter"
    Keyed.phrase("contact", r"\b.{0,80}(?:@|https?://)"),
    Keyed(
        rf"^{alternation(furniture.CONTACT_LEADS)}\b.{{0,80}}"
        rf"(?:@|https?://|\b{alternation(named(media.CHANNELS, 'contact'))}\b)",
        first_words(furniture.CONTACT_LEADS),
        "start",
    ),
    # "Follow us on Instagram", "Follow Valley Echo on X"
    Keyed.phrase("follow", rf"\ (?:us|\p{{Lu}}[\w&@()\ ]{{0,60}})\ on[\ ]{_FOLLOW}"),
    # an affiliate note
    Keyed(r"(?:may|might)\ earn\ (?:a\ )?commission", ("commission",)),
    Keyed.phrase("affiliate link", "s?"),
    # "Send us your photos"
    Keyed.phrase("send us your", rf"\ (?:\w+\ )?{alternation(furniture.READER_SUBMISSIONS)}"),
    Keyed(r"please\ (?:turn\ on|enable)\ javascript", ("javascript",)),
    # a trial offer
    Keyed.phrase("free for", r"\ \d+\ days"),
    Keyed.phrase("free trial"),
    # a mailing's footer
    Keyed.phrase("unsubscribe", r"\b"),
    Keyed.phrase("receiving this", r"\ (?:e-?mail|newsletter|message)"),
    # "Read the full report here."
    Keyed(rf"^{alternation(_CALLS)}\b.{{0,100}}\bhere\W*$", first_words(_CALLS), "start"),
    # a broadcast listing: "Watch X live on"
    Keyed(r"^watch\b.{0,80}\blive\ (?:on|at|via)\b", ("watch",), "start"),
    # a price box: "£9 at Shop"
    Keyed(
        rf"(?<=^[{CURRENCY_CLASS}]\ ?)\d[\d,.]*\ (?:at|from)\ \p{{Lu}}[^.!?]{{0,60}}$",
        _PRICE_SIGNS,
        "start",
    ),
    # links to the site's legal pages
    Keyed(alternation(furniture.LEGAL_PAGES), furniture.LEGAL_PAGES),
    Keyed(r"^download\ (?:the|our)\b.{0,40}\bapp\b", ("download",), "start"),
    # a newsletter's name alone: "The Morning Briefing newsletter"
    Keyed(r"^(?:\S+\ ){0,3}newsletter(?:\ \S+){0,2}$", ("newsletter",)),
    # a sign-up form's error message
    Keyed.phrase("error", r"\ (?:processing|has\ occurred).{0,30}(?:subscription|try\ again)"),
)
PROMO_RE = lazy_compile(rf"\b(?:{joined(PROMO_ALTERNATIVES)})", regex.VERBOSE | regex.IGNORECASE)
#: An author bio: "Ann Lee is the Courier's arts correspondent."
BIO_RE = lazy_compile(
    r"""^\p{Lu}[\p{L}'’\-]+(?P<more>(?:\ \p{Lu}[\p{L}'’\-.]*){1,3})?
        \ (?:is|was|writes|covers|has\ covered)\b
        .{0,120}\b"""
    rf"(?:{alternation(without(people.NEWSROOM_ROLES, 'analyst', 'desk', 'staff'))}"
    r"|writes\ about|covers)\b",
    regex.VERBOSE,
)
#: A writer described by what they write: "Ann Lee writes about music."
WRITES_RE = lazy_compile(
    r"^\p{Lu}[\p{L}'’\-]+(?:\ \p{Lu}[\p{L}'’\-.]*){1,3}"
    r"\ (?:writes|reports|blogs)\ (?:about|on|for)\b"
)
#: A rating line: "Rating: ★★★★☆", "4/5".
RATING_RE = lazy_compile(
    rf"^{alternation(furniture.RATING_LABELS)}?\s*:?\s*"
    r"(?:[★☆✩✭✮½*\d/. ]+|\d(?:\.\d)?\ out\ of\ \d+(?:\ stars?)?)$",
    regex.I,
)
#: A name with a newsroom role and nothing else: "Nadia Ferreira", "Technology reporter".
ROLE_RE = lazy_compile(
    rf"\b{alternation(without(people.NEWSROOM_ROLES, 'author', 'presenter'))}s?\b",
    regex.IGNORECASE,
)
#: Dashes that open the attribution line of an embedded post or quotation.
DASHES = ("\N{EM DASH}", "\N{EN DASH}", "-", "\N{HORIZONTAL BAR}")
#: A tag in brackets alone on a line.
BRACKET_TAG_RE = lazy_compile(r"^\[[^\[\]]{1,40}\]$")
#: A web or e-mail address.
URL_RE = lazy_compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: A line in capitals with at least this many words is a promoted link.
SHOUT_WORDS = 6
#: A single capitalised word.
SECTION_RE = lazy_compile(r"\p{Lu}[\p{L}&\-]+")
#: Nothing but a person's name, or two joined by "and".
NAME_RE = lazy_compile(
    r"^\p{Lu}[\p{Ll}'’\-]+(?:\ \p{Lu}\.?)?(?:\ \p{Lu}[\p{Ll}'’\-]+){1,2}"
    r"(?:\ and\ \p{Lu}[\p{Ll}'’\-]+(?:\ \p{Lu}[\p{Ll}'’\-]+){1,2})?$"
)
# Key words, in case-folded text, that every match of the pattern named alike contains:
# the fast stdlib engine rules most blocks out before the costly pattern runs.
COPYRIGHT_HINT_RE: re.Pattern[str] = hint_pattern(COPYRIGHT_ALTERNATIVES)
SIGN_OFF_HINT_RE: re.Pattern[str] = hint_pattern(SIGN_OFF_ALTERNATIVES)
PROMO_HINT_RE: re.Pattern[str] = hint_pattern(PROMO_ALTERNATIVES)
_COMMENT_ON = alternation(without(furniture.COMMENT_ACTIONS, "hide", "show"))
_TOGGLE = alternation(only(furniture.COMMENT_ACTIONS, "hide", "show"))
#: A comment header: "Posted by: NAME | DATE", "Reply", "12 replies".
COMMENT_HEADER_RE = lazy_compile(
    rf"""^(?:Posted\ by:?\ .{{1,60}}\|.{{1,60}}|\d+\ (?:comments?|replies|responses)|
    (?:Reader\ )?comments?(?:\ \(\d+\))?:?|
    {_COMMENT_ON}\ (?:a\ )?comments?.*|
    (?:Share|Tell\ us)\ what\ you\ think.*|Share\ or\ comment\b.*|The\ comments\ below\b.*|
    \d+\ comments?\W.{{0,40}}|Comments\ from\ .{{1,40}}|
    To\ post\ a\ comment\b.*|{_TOGGLE}\ comments\b.*|
    (?:Join|Start)\ the\ {alternation(furniture.DISCUSSIONS)}.*)$""",
    regex.VERBOSE | regex.IGNORECASE,
)


@signal("furniture-phrase", strong=True)
def is_furniture_phrase(block: Block, context: Context) -> bool:
    """A standard piece of web furniture: "What's Hot", "Read more", "Advertisement"."""
    text = block.text
    words = word_count(text)
    return (words <= 30 and FURNITURE_RE.match(text) is not None) or (
        words <= 60 and FURNITURE_LEAD_RE.match(text) is not None
    )


@signal("share-bar", strong=True)
def is_share_bar(block: Block, context: Context) -> bool:
    """Nothing but network names and share actions: "Facebook Twitter Email".

    One network's name alone on its line counts too: share bars are also printed one
    button per line.
    """
    if len(block.text) > MAX_SHARE_BAR_CHARS:
        return False
    words = SHARE_TOKEN_RE.findall(block.text)
    if len(words) == 1:
        return NETWORK_RE.fullmatch(words[0]) is not None
    return len(words) >= 2 and all(SHARE_WORD_RE.fullmatch(w) for w in words)


@signal("copyright", strong=True)
def is_copyright(block: Block, context: Context) -> bool:
    """A copyright or rights notice."""
    return word_count(block.text) <= 40 and hinted(COPYRIGHT_HINT_RE, COPYRIGHT_RE, block.text)


@signal("byline", strong=True, header=True)
def is_byline(block: Block, context: Context) -> bool:
    """A byline on a line of its own."""
    text = block.text
    words = word_count(text)
    if text.startswith("From ") and (words > FROM_WORDS or " to " in text):
        return False  # "From Harbour to Hill" is a title (a crosshead, a headline), not a byline
    if PRICE_RE.search(text):
        return False  # "Lamp by Ann Lee at Harbour Home, $60" is a product line
    return words <= 16 and BYLINE_RE.match(text) is not None


@signal("dateline", strong=True, header=True)
def is_dateline(block: Block, context: Context) -> bool:
    """A line that is a date or time and little else ("Updated 14:32 GMT, 3 May 2024")."""
    text = block.text
    words = word_count(text)
    if words > 24 or DATE_RE.search(text) is None or (ends_sentence(text) and words > 6):
        return False  # "The new hours take effect Jan. 4." is a sentence, not a dateline
    if text.startswith(DASHES) and "(@" in text:
        return False  # "— Name (@handle) May 3, 2024" closes an embedded post, not a dateline
    if SCORE_RE.match(text):
        return False  # "Lakeview 31, Carrollton 27, 4:12 left" is a score with a clock
    rest = DATELINE_WORD_RE.sub(" ", DATE_RE.sub(" ", text))
    return word_count(NUMBER_RE.sub(" ", rest)) <= 4


@signal("breadcrumb", strong=True)
def is_breadcrumb(block: Block, context: Context) -> bool:
    """A navigation trail: "Home > News > World"."""
    return BREADCRUMB_RE.match(block.text) is not None and not ends_sentence(block.text)


@signal("sign-off", strong=True)
def is_sign_off(block: Block, context: Context) -> bool:
    """A note about the article: "X contributed to this report", "Editing by Y"."""
    return word_count(block.text) <= 60 and hinted(SIGN_OFF_HINT_RE, SIGN_OFF_RE, block.text)


@signal("promo", strong=True)
def is_promo(block: Block, context: Context) -> bool:
    """A call to follow, subscribe or sign up, or an affiliate note."""
    return word_count(block.text) <= 50 and hinted(PROMO_HINT_RE, PROMO_RE, block.text)


@signal("author-bio")
def is_author_bio(block: Block, context: Context) -> bool:
    """A sentence about the writer: "Ann Lee is the Courier's arts correspondent."."""
    text = block.text
    if word_count(text) > 50:
        return False
    match = BIO_RE.match(text)
    # a first name alone ("Ann is a reporter for …") only where bios sit: after the body
    bio = match is not None and (match["more"] is not None or context.outside_body)
    return bio or WRITES_RE.match(text) is not None


@signal("name-and-role", header=True)
def is_name_and_role(block: Block, context: Context) -> bool:
    """A short unpunctuated line naming a newsroom role: "Ann Lee, Technology reporter"."""
    text = block.text
    return (
        word_count(text) <= 8
        and not ends_sentence(text)
        and ROLE_RE.search(text) is not None
        and text[:1].isupper()
    )


@signal("section-label")
def is_section_label(block: Block, context: Context) -> bool:
    """One capitalised word before the article body: a section name ("Obituaries")."""
    text = block.text.strip()
    return (
        context.first_body >= 0
        and context.index < context.first_body
        and SECTION_RE.fullmatch(text) is not None
    )


@signal("name-at-edge", header=True)
def is_name_at_edge(block: Block, context: Context) -> bool:
    """A bare name ("Ann Lee", "Ann Lee and Tom Ray") outside the body or over a role.

    Outside the article body, or on the line above a newsroom role ("Ann Lee" /
    "Technology reporter").
    """
    if NAME_RE.match(block.text) is None:
        return False
    nxt = context.next
    return context.outside_body or (nxt is not None and is_name_and_role(nxt, context))


@signal("shouted-link")
def is_shouted_link(block: Block, context: Context) -> bool:
    """A long line in capitals that asks no question: a promoted link, not a heading.

    Crossheads in capitals are short ("ON THE MOVE"); six words or more in capitals
    without a question mark is a teaser for another story.
    """
    text = block.text
    return (
        word_count(text) >= SHOUT_WORDS
        and text.isupper()
        and not any(c.isdigit() or c == "|" for c in text)  # a table row, not a link
        and not text.rstrip().endswith("?")
    )


@signal("bracketed-tag")
def is_bracketed_tag(block: Block, context: Context) -> bool:
    """A short tag in brackets on its own line: "[Video]", "[Source Name]"."""
    return BRACKET_TAG_RE.match(block.text) is not None


@signal("bare-url")
def is_bare_url(block: Block, context: Context) -> bool:
    """A web or e-mail address and nothing else."""
    return URL_RE.fullmatch(block.text.strip()) is not None


@signal("no-words", strong=True, header=True)
def has_no_words(block: Block, context: Context) -> bool:
    """Only rules, dashes or symbols ("___", "* * *"), or a rating ("Rating: ★★★★☆")."""
    text = block.text
    return word_count(text) == 0 or (
        RATING_RE.match(text) is not None and not text.strip().isdigit()
    )


#: The boilerplate signals; each alone decides.
SIGNALS: tuple[Signal, ...] = (
    is_furniture_phrase,
    is_share_bar,
    is_copyright,
    is_byline,
    is_dateline,
    is_breadcrumb,
    is_sign_off,
    is_promo,
    is_author_bio,
    is_name_and_role,
    is_name_at_edge,
    is_section_label,
    is_shouted_link,
    is_bracketed_tag,
    is_bare_url,
    has_no_words,
)


def is_boilerplate(block: Block, context: Context) -> Decision:
    """Decide whether ``block`` is site furniture, and say why.

    Any one signal suffices: a standard furniture phrase, a share bar, a copyright
    line, a byline or dateline on its own line, a breadcrumb trail, an agency sign-off,
    a promotion (follow us, newsletter, affiliate note), an author bio, a name with a
    newsroom role, a bare name outside the article body, a one-word section name before
    it, a long line in capitals, a
    bracketed tag, a bare web address, or a block with no words.
    Bylines count as boilerplate because the reference text of an article never
    includes them.

    >>> from newsclean.model import Span
    >>> from newsclean.blocks.shape import context_of
    >>> blocks = [Block("Share this article", 1, Span(0, 18))]
    >>> is_boilerplate(blocks[0], context_of(blocks, 0)).why
    ('furniture-phrase', 'share-bar')
    """
    require_block(block, "is_boilerplate")
    require_instance(context, Context, "is_boilerplate", CONTEXT_HOW)
    why = tuple(s.name for s in SIGNALS if s.predicate(block, context))
    return Decision("boilerplate", why) if why else Decision(None)


def comments_start(blocks: Sequence[Block]) -> int | None:
    """Index of the block that opens a reader-comment section, if the text has one.

    A comment header ("Comments", "Posted by: NAME | DATE", "12 comments") in the last
    part of the text, after at least one full paragraph, opens the section: it and
    everything after it is boilerplate.

    >>> from newsclean.model import Span
    >>> texts = ["A long paragraph of the article that runs well past fifteen words "
    ...          "in all and ends here.", "Comments", "Great piece!"]
    >>> comments_start([Block(t, 1, Span(0, 1)) for t in texts])
    1
    """
    seen_body = False
    for index, block in enumerate(blocks):
        if seen_body and COMMENT_HEADER_RE.match(block.text):
            return index
        seen_body = seen_body or is_full_paragraph(block)
    return None


@layout_rule("comment-section", kind="boilerplate")
def comment_section(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """A reader-comment section, from its header to the end, is furniture.

    Only blocks still labelled paragraph are taken (headlines stay headlines).

    >>> from newsclean.model import Span
    >>> texts = ["A long paragraph of the article that runs well past fifteen words "
    ...          "in all and ends here.", "3 comments", "Lovely town!"]
    >>> [b.kind for b in comment_section([Block(t, 1, Span(0, 1)) for t in texts])]
    ['paragraph', 'boilerplate', 'boilerplate']
    """
    start = comments_start(blocks)
    return tuple(
        replace(b, kind="boilerplate", why=(comment_section.name,))
        if start is not None and i >= start and b.kind == "paragraph"
        else b
        for i, b in enumerate(blocks)
    )


#: The rules over the whole run of blocks; the comment section is labelled before any pass.
RULES: tuple[LayoutRule, ...] = (comment_section,)
