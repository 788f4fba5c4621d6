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
    SCORE_RE,
    Context,
    ends_sentence,
    hinted,
    is_full_paragraph,
    word_count,
)
from newsclean.classify.signal import LayoutRule, Signal, layout_rule, signal
from newsclean.model import Block, Decision

#: Whole blocks that are standard web furniture, in any case, maybe with a count.
FURNITURE_RE = regex.compile(
    r"""^\W*+(?:
      what['’]?s\ (?:hot|trending) | trending(?:\ now|\ stories)?
    | exclusive | save | bookmark | more\ to\ come | more\ \w+
    | topics | tags | categories | filed\ under | more\ on\ this\ story
    | explore\ more(?:\ \w+){0,4} | reuse\ this\ content
    | key\ events | show\ key\ events(?:\ only)? | (?:video\ )?ad\ feedback | view\ full\ size
    | leave\ a\ (?:reply|comment) | post\ navigation | archives | no\ comments(?:\ \W+\ .{1,30})?
    | (?:(?:photo|image|slide)\ )?\d+\s*(?:of|/)\s*\d+(?:\s+\d+\s*(?:of|/)\s*\d+)*
    | popular\ (?:on|in)\ [\w'’]+(?:\ \w+)?
    | (?:photo|image|picture)\ \d+\ of\ \d+ | \d+\s*(?:of|/)\s*\d+ | (?:more|other)\ galleries
    | most\ (?:popular|read|viewed|shared)
    | related(?:\ (?:articles?|stories|content|coverage|links|posts|news|topics|videos?))?
    | (?:read|see|show|load|view)\ (?:more|all|less)(?:\ \w+){0,6}
    | about\ the\ authors? | (?:previous|next)\ (?:article|story|post|page) | report\ (?:an\ )?error
    | top\ (?:video|videos|stories) | keep\ up\ to\ date | just\ for\ you | on\ our\ radar
    | (?:photo|picture|video)\ of\ the\ day | comments\ powered\ by\ \w+ | related\ tags
    | view/post\ comments | (?:image|photo|slide|picture)\ \d+\ of\ /?\ ?\d+
    | more\ (?:from|on|in|about|stories|news|related)(?:\ [\w'’&.-]+){0,5}
    | share(?:\ (?:this|on|via|the|article|story|page|post))*(?:\ \w+){0,2}
    | advertisement | advert | sponsored(?:\ content)? | promoted(?:\ stories)? | paid\ content
    | story\ continues(?:\ below)?(?:\ advertisement)? | article\ continues\ below
    | continue\ reading(?:\ below)?(?:\ (?:the\ )?(?:main\ )?story)?
    | (?:sign\ up|subscribe|register)(?:\ \w+){0,8}
    | (?:follow|like)\ us(?:\ \w+){0,4} | follow\ @\w+
    | click\ here(?:\ \w+){0,4} | explore\ further | also\ read | (?:your\ )?e-?mail\ address
    | (?:order\ )?reprints | print\ (?:this\ )?article
    | thanks?\ (?:you\ )?for\ (?:signing\ up|subscribing|registering)(?:\ \w+){0,3}
    | (?:\d+\ )?comments?(?:\ \(\d+\))?
    | (?:leave|post|add|view|show|hide)\ (?:a\ |your\ |all\ )?comments?(?:\ \w+){0,3}
    | join\ the\ (?:conversation|discussion|debate) | loading(?:\ \w+){0,2}
    | (?:don['’]?t|do\ not)\ miss | recommended(?:\ for\ you)?
    | you\ (?:may|might)\ (?:also\ )?(?:like|enjoy)
    | print | email | e-mail | tweet | back\ to\ top | skip\ to\ (?:main\ )?content | top\ stories
    | (?:watch|listen)\ (?:now|live|more) | latest(?:\ [\w'’]+){0,2}\ (?:news|stories|headlines)
    | latest | top\ stories\ (?:in|from|on)(?:\ \w+){1,3} | editor['’]?s\ picks?
    | (?:image|photo)\ gallery | (?:up\ )?next | previous | next\ article | in\ (?:this|other)\ news
    | (?:sign|view)\ (?:the\ |our\ )?guest\ ?book | send\ flowers | share\ a\ memory
    )\W*$""",
    regex.VERBOSE | regex.IGNORECASE | regex.VERSION1,
)
#: Lines that open with a furniture marker, whatever follows: "Read more: ...", "Tags: ...".
FURNITURE_LEAD_RE = regex.compile(
    r"""^\W*+(?:read\ (?:more|next|also)|related|see\ also|more|tags?|topics?|filed\ under|
        categories|category|keywords|also\ read|recommended|sponsored|disclaimer|
        advertisement|follow|share|click|subscribe|sign\ up|related\ coverage|more\ on\ this)
        \s*(?::|>|»|\N{EM DASH}|\N{EN DASH}|\|)""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: Names of networks and share actions; a block of nothing else is a share bar.
SHARE_WORD_RE = regex.compile(
    r"""(?:facebook|twitter|x|email|e-mail|mail|pinterest|linkedin|whatsapp|reddit|print|
        share|shares|tweet|comments?|copy|link|messenger|telegram|flipboard|tumblr|pocket|
        sms|buffer|pin|digg|this|reprints|recommend|vkontakte|odnoklassniki|save|gift|
        article|on|via|google|buzz|up|fark|me|youtube|instagram|tiktok|post|stumble|upon|
        stumbleupon|\d+[kKmM]?)""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: A token of a share bar.
SHARE_TOKEN_RE = regex.compile(r"[\w-]+")
#: A share bar is never longer than this.
MAX_SHARE_BAR_CHARS = 200
#: A number on its own.
NUMBER_RE = regex.compile(r"\b\d+\b")
#: A social network or share action that can stand alone on a share bar's line.
NETWORK_RE = regex.compile(
    r"facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|messenger|flipboard|"
    r"tumblr|email|e-mail|print|share|tweet|threads|bluesky",
    regex.IGNORECASE,
)
#: Copyright and rights notices.
COPYRIGHT_RE = regex.compile(
    r"^\W*(?:copyright\b|(?:\N{COPYRIGHT SIGN}|\(c\))\s*(?:\d{4}|copyright))|all rights reserved|"
    r"may not be (?:published|reproduced|redistributed)",
    regex.IGNORECASE,
)
#: A byline on its own line: "By Jane Smith", "By Jane Smith, Political Editor | 3 May".
BYLINE_RE = regex.compile(
    # "Photo by", "Screenshot by" open credits (captions), not bylines
    r"^(?!(?:Photo(?:graph)?s?|Pictures?|Images?|Screenshots?|Video|Illustration|Graphic)\ )"
    r"(?:By|BY|(?:\p{Lu}\p{Ll}+\ )?(?:and\ \p{Ll}+\ )?by|Posted\ by|From|AUTHOR|Author)"
    r"\s*[:/|]?\s+"
    r"\p{Lu}[\p{L}.'’\-]*(?:\s+\S+){0,14}$",
    regex.VERBOSE,
)
#: A price: "$6", "£10.99", "€5".
PRICE_RE = regex.compile(r"[£$€¥]\s?\d")
#: A "From Name" byline is at most this many words.
FROM_WORDS = 6
#: A date or time: "Updated 14:32 GMT, 3 March 2024", "March 3, 2024 at 5:00 p.m.", "4h ago".
DATE_RE = regex.compile(
    r"""\b(?:\d{1,2}\ (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?,?\ \d{4}
        |(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?\ \d{1,2}(?:,?\ \d{4})?
        |\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}
        |\d{1,2}:\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|BST|UTC|E[SD]T|P[SD]T|C[SD]T))?
        |\d{1,2}\.\d{2}\s*(?:[ap]\.?m\.?|GMT|BST|UTC|E[SD]T|P[SD]T|C[SD]T)
        |\d+\s*(?:h|hrs?|hours?|m|mins?|minutes?|d|days?|w|wks?|weeks?)\s+ago)
        # "4h ago4 hours ago": a scraper glues a short form to its spelled-out twin
        (?:\b|(?<=ago)(?=\d))""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: Words that surround a date on a dateline.
DATELINE_WORD_RE = regex.compile(
    r"\b(?:published|updated|posted|last|modified|first|on|at|am|pm|gmt|bst|utc|edt|est|pdt|"
    r"pst|cdt|cst|ct|et|pt|ist|aest|aedt|cet|cest|jst|sgt|hkt|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
    r"ago|hours?|minutes?|mins?|days?|by|read|min|time)\b",
    regex.IGNORECASE,
)
#: A breadcrumb trail: "Home > News > World", or two section names "Culture | Books".
#: Each level is an atomic group that ends only where the next separator (or the end)
#: can start, so a long line of "a | a | …" that fails at its end is given up in one
#: pass instead of re-splitting every earlier level (quadratic time; issue #13).
BREADCRUMB_RE = regex.compile(
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
#: Agency sign-offs and notes about the article rather than its subject.
SIGN_OFF_RE = regex.compile(
    r"""(?:contributed\ (?:to\ )?(?:this\ )?(?:report|story|article)|
        ^(?:Reporting|Additional\ reporting|Editing|Writing)\ by\b|
        ^\(?This\ (?:article|story|interview|conversation|transcript|piece)\ (?:is|was|has|had|
          originally|first)\b|
        ^\(?With\ (?:inputs|files|additional\ reporting)\ from\b|print\ edition|
        ^(?:Write\ to|Contact|E-?mail)\ .{0,80}@|
        ^(?:Originally\ )?published\ (?:on|in|at)\b|
        ^\(?(?:Reporting|Editing)\ by\ )""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: Calls to follow, subscribe or sign up, and affiliate notes, wherever they sit in a line.
#: Its two ``.*?`` are lazy: ``regex`` backing a greedy ``.*`` off before a ``\b`` took
#: time quadratic in the line (issue #13); whether a line matches does not change.
PROMO_RE = regex.compile(
    r"""\b(?:newsletters?\b.*?\b(?:sign\ up|subscribe|inbox|delivered)|
        (?:sign\ up|subscribe)\b.*?\bnewsletters?|
        delivered\ (?:to|through|straight\ to)\ your\ (?:inbox|letterbox|door)|
        \b(?:in|to|on|check)\ your\ inbox\b|
        ^subscribe\ to\b|\bjoin\b.{0,40}\b(?:whatsapp|telegram|community|mailing\ list)\b|
        \bcontact\b.{0,80}(?:@|https?://)|
        ^(?:reach|contact|write\ to|e-?mail)\b.{0,80}(?:@|https?://|\btwitter\b)|
        follow\ (?:us|\p{Lu}[\w&@()\ ]{0,60})\ on[\ ]
          (?:Facebook|Twitter|Instagram|X|TikTok|LinkedIn|YouTube)|
        (?:may|might)\ earn\ (?:a\ )?commission|affiliate\ links?|
        send\ us\ your\ (?:\w+\ )?(?:photos|pictures|videos|stories|views)|
        please\ (?:turn\ on|enable)\ javascript|receive\ updates\ by\ e-?mail|
        free\ for\ \d+\ days|free\ trial|
        \bunsubscribe\b|receiving\ this\ (?:e-?mail|newsletter|message)|  # a mailing's footer
        ^(?:get|see|find|read|watch|download|check\ out)\b.{0,100}\bhere\W*$|  # "… here."
        ^watch\b.{0,80}\blive\ (?:on|at|via)\b|           # a broadcast listing: "Watch X live on"
        \bplease\ visit\b.{0,60}\b(?:store|shop)\b|        # a memorial or merchandise shop
        (?<=^[£$€¥]\ ?)\d[\d,.]*\ (?:at|from)\ \p{Lu}[^.!?]{0,60}$|  # a price box: "£9 at Shop"
\bowns?\ (?:shares|stock|positions?)\ (?:of|in)\b|
        privacy\ policy|terms\ of\ (?:service|use)|
        \bcookies?\ (?:policy|settings|preferences)|^download\ (?:the|our)\b.{0,40}\bapp\b|
        for\ (?:your\ )?personal,?\ non-commercial\ use|
        ^(?:\S+\ ){0,3}newsletter(?:\ \S+){0,2}$|
        error\ (?:processing|has\ occurred).{0,30}(?:subscription|try\ again))""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: An author bio: "Ann Lee is the Courier's arts correspondent."
BIO_RE = regex.compile(
    r"""^\p{Lu}[\p{L}'’\-]+(?P<more>(?:\ \p{Lu}[\p{L}'’\-.]*){1,3})?
        \ (?:is|was|writes|covers|has\ covered)\b
        .{0,120}\b(?:reporter|correspondent|editor|writer|journalist|columnist|critic|
        contributor|author|producer|presenter|writes\ about|covers)\b""",
    regex.VERBOSE,
)
#: A writer described by what they write: "Ann Lee writes about music."
WRITES_RE = regex.compile(
    r"^\p{Lu}[\p{L}'’\-]+(?:\ \p{Lu}[\p{L}'’\-.]*){1,3}"
    r"\ (?:writes|reports|blogs)\ (?:about|on|for)\b"
)
#: A rating line: "Rating: ★★★★☆", "4/5".
RATING_RE = regex.compile(
    r"^(?:rating|verdict|score|stars?)?\s*:?\s*"
    r"(?:[★☆✩✭✮½*\d/. ]+|\d(?:\.\d)?\ out\ of\ \d+(?:\ stars?)?)$",
    regex.I,
)
#: A name with a newsroom role and nothing else: "Nadia Ferreira", "Technology reporter".
ROLE_RE = regex.compile(
    r"\b(?:reporter|correspondent|editor|writer|columnist|critic|contributor|staff|desk|"
    r"producer|analyst|journalist)s?\b",
    regex.IGNORECASE,
)
#: Dashes that open the attribution line of an embedded post or quotation.
DASHES = ("\N{EM DASH}", "\N{EN DASH}", "-", "\N{HORIZONTAL BAR}")
#: A tag in brackets alone on a line.
BRACKET_TAG_RE = regex.compile(r"^\[[^\[\]]{1,40}\]$")
#: A web or e-mail address (a sign-off may follow the e-mail: "(END)").
URL_RE = regex.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?:\ \(END\))?")
#: A line in capitals with at least this many words is a promoted link.
SHOUT_WORDS = 6
#: A single capitalised word.
SECTION_RE = regex.compile(r"\p{Lu}[\p{L}&\-]+")
#: Nothing but a person's name, or two joined by "and".
NAME_RE = regex.compile(
    r"^\p{Lu}[\p{Ll}'’\-]+(?:\ \p{Lu}\.?)?(?:\ \p{Lu}[\p{Ll}'’\-]+){1,2}"
    r"(?:\ and\ \p{Lu}[\p{Ll}'’\-]+(?:\ \p{Lu}[\p{Ll}'’\-]+){1,2})?$"
)
# Key words, in case-folded text, that every match of the pattern named alike contains:
# the fast stdlib engine rules most blocks out before the costly pattern runs.
COPYRIGHT_HINT_RE = re.compile(r"copyright|\N{COPYRIGHT SIGN}|\(c\)|rights reserved|may not be")
SIGN_OFF_HINT_RE = re.compile(
    r"contributed|print edition|^\(?(?:reporting|additional|editing|writing|this|with|write|"
    r"contact|e-?mail|originally|published)\b"
)
PROMO_HINT_RE = re.compile(
    r"newsletter|subscri|sign up|signing up|inbox|letterbox|delivered|follow|commission|"
    r"affiliate|send us|javascript|non-commercial|privacy|terms of|cookie|download|join|"
    r"contact|reach|write to|mail|error|free|receiv|own|watch|please visit|here|^[£$€¥]"
)
#: A comment header: "Posted by: NAME | DATE", "Reply", "12 replies". The ``.*?`` before
#: "condolences" is lazy for the reason given at ``PROMO_RE`` (the same matches: ``$``
#: leaves one place for the word).
COMMENT_HEADER_RE = regex.compile(
    r"^(?:Posted\ by:?\ .{1,60}\|.{1,60}|\d+\ (?:comments?|replies|responses)|"
    r"(?:Reader\ )?comments?(?:\ \(\d+\))?:?|(?:Leave|Post|Add|View)\ (?:a\ )?comments?.*|"
    r"(?:Share|Tell\ us)\ what\ you\ think.*|Share\ or\ comment\b.*|The\ comments\ below\b.*|"
    r"\d+\ comments?\W.{0,40}|(?:Read|View)/Post\ Comments.*|Comments\ from\ .{1,40}|"
    r"To\ post\ a\ comment\b.*|(?:Hide|Show)\ comments\b.*|"
    r"(?:Join|Start)\ the\ (?:conversation|discussion|debate).*|.*?\bcondolences)$",
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
        return False  # "From Haiti to Hollywood" opens a headline, not a byline
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
