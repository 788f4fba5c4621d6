"""Site furniture: the phrases of menus, link lists, promotions, rights notices and
sign-offs that scrapers paste in with an article.

The same furniture is matched in three places in a line: alone (a whole line), as a
lead before a colon ("Read more: …"), and as the header of a list of links; a phrase
seen in more than one place is listed in each (``OVERLAPS`` names every entry that is
in more than one list).

An entry names furniture that many sites print, never one site's own wording ("Video Ad
Feedback", "Reuse this content"): one site's furniture is what tuning on a few pages adds,
and it does not carry to other sites (issue #18: ``bench/ablate.py`` measures an entry's
worth on the train pages, and the learned labeller learns a site's words from its pages).
"""

from __future__ import annotations

#: Lines that are furniture whole, in any case (bar punctuation around them).
FURNITURE_PHRASES = (
    "about the author",
    "about the authors",
    "advert",
    "advertisement",
    "also read",
    "archives",
    "article continues below",
    "back to top",
    "bookmark",
    "categories",
    "continue reading",
    "continue reading below",
    "e-mail",
    "e-mail address",
    "email",
    "email address",
    "exclusive",
    "filed under",
    "image gallery",
    "in other news",
    "latest",
    "leave a comment",
    "leave a reply",
    "listen live",
    "listen now",
    "more on this story",
    "more to come",
    "most popular",
    "most read",
    "most shared",
    "most viewed",
    "next",
    "next article",
    "next page",
    "next post",
    "next story",
    "order reprints",
    "paid content",
    "photo gallery",
    "photo of the day",
    "picture of the day",
    "post navigation",
    "previous",
    "previous article",
    "previous page",
    "previous post",
    "previous story",
    "print",
    "print article",
    "print this article",
    "promoted",
    "promoted stories",
    "recommended",
    "recommended for you",
    "related",
    "related article",
    "related articles",
    "related content",
    "related coverage",
    "related links",
    "related news",
    "related posts",
    "related stories",
    "related tags",
    "related topics",
    "related video",
    "related videos",
    "report an error",
    "report error",
    "reprints",
    "save",
    "skip to content",
    "skip to main content",
    "sponsored",
    "sponsored content",
    "story continues",
    "story continues advertisement",
    "story continues below",
    "story continues below advertisement",
    "tags",
    "top stories",
    "top video",
    "top videos",
    "topics",
    "trending",
    "trending now",
    "trending stories",
    "tweet",
    "up next",
    "video of the day",
    "watch live",
    "watch more",
    "watch now",
    "you may also enjoy",
    "you may also like",
    "you may enjoy",
    "you may like",
    "you might also enjoy",
    "you might also like",
    "you might enjoy",
    "you might like",
    "your e-mail address",
    "your email address",
)
#: Labels of a list of links, as a line's lead ("Related: …") or a list's header.
LINK_LABELS = (
    "more",
    "read more",
    "read next",
    "recommended",
    "related",
    "see also",
    "tag",
    "tags",
    "topic",
    "topics",
)
#: Further markers that open a furniture line before a colon, ">" or a dash: "Keywords: …".
FURNITURE_LEADS = (
    "advertisement",
    "also read",
    "categories",
    "category",
    "click",
    "disclaimer",
    "filed under",
    "follow",
    "keywords",
    "more on this",
    "read also",
    "related coverage",
    "share",
    "sponsored",
)
#: Further openings of a line that heads a list of links: "Trending", "You might like".
LIST_HEADERS = (
    "explore",
    "further reading",
    "in other news",
    "latest",
    "most",
    "popular",
    "top stories",
    "trending",
    "you may",
    "you might",
)
#: Labels before a colon that announce text rather than describe a picture ("Update:",
#: "Editor's"); single words only, as "Editor's note" is split into two.
TEXT_LABELS = (
    "also",
    "analysis",
    "background",
    "breaking",
    "clarification",
    "context",
    "correction",
    "disclaimer",
    "editor's",
    "editor’s",
    "exclusive",
    "listen",
    "live",
    "note",
    "opinion",
    "read",
    "related",
    "source",
    "sources",
    "tip",
    "update",
    "updated",
    "watch",
)
#: Verbs of a link that shows more: "Read more", "Load all".
MORE_LINK_VERBS = ("load", "read", "see", "show", "view")
#: What a reader does to comments: "Leave a comment", "Hide comments".
COMMENT_ACTIONS = ("add", "hide", "leave", "post", "show", "view")
#: What a reader is asked to join: "Join the conversation".
DISCUSSIONS = ("conversation", "debate", "discussion")
#: What opens a copyright line: "Copyright 2024", "© 2024", "(c) 2024".
COPYRIGHT_MARKS = ("(c)", "copyright", "\N{COPYRIGHT SIGN}")
#: Rights notices anywhere in a line.
RIGHTS_NOTICES = (
    "all rights reserved",
    "may not be published",
    "may not be redistributed",
    "may not be reproduced",
)
#: Jobs an agency sign-off credits: "Reporting by Ann Lee".
SIGN_OFF_CREDITS = ("additional reporting", "editing", "reporting", "writing")
#: What a sign-off calls the article: "… contributed to this report", "This story was …".
ARTICLE_NOUNS = ("article", "conversation", "interview", "piece", "report", "story", "transcript")
#: Ways a line asks readers to get in touch: "Write to Ann Lee at …".
CONTACT_LEADS = ("contact", "e-mail", "email", "reach", "write to")
#: Ways of signing up to a mailing.
SIGN_UP_WORDS = ("sign up", "subscribe")
#: Where a newsletter is delivered.
MAILBOXES = ("door", "inbox")
#: What readers are asked to send in: "Send us your photos".
READER_SUBMISSIONS = ("photos", "pictures", "stories", "videos", "views")
#: Verbs of a link that ends in "here": "Read the full report here".
CALLS_TO_ACTION = ("check out", "download", "find", "get", "read", "see", "watch")
#: Links to a site's legal pages.
LEGAL_PAGES = (
    "cookie policy",
    "cookie preferences",
    "cookie settings",
    "cookies policy",
    "cookies preferences",
    "cookies settings",
    "privacy policy",
    "terms of service",
    "terms of use",
)
#: Labels of a rating line: "Rating: ★★★★☆".
RATING_LABELS = ("rating", "score", "star", "stars", "verdict")
#: Entries in more than one list above, on purpose: the same furniture alone on a line,
#: as a line's lead and as a list's header ("Related"), a label that announces text and
#: a link's verb ("Read"), a share button and a way to write in ("Email").
OVERLAPS = frozenset(
    {
        "advertisement",
        "also read",
        "categories",
        "conversation",
        "disclaimer",
        "e-mail",
        "email",
        "exclusive",
        "filed under",
        "in other news",
        "latest",
        "read",
        "recommended",
        "related",
        "related coverage",
        "see",
        "show",
        "sponsored",
        "tags",
        "top stories",
        "topics",
        "trending",
        "view",
        "watch",
    }
)
