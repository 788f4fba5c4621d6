"""Media: agencies and picture libraries, networks, and the words of pictures and captions.

Agencies and networks are tables: each name once, with the forms it is written in (the
credit and share-bar patterns take different subsets of them). Entries are lower case;
case-sensitive patterns take them capitalised.
"""

from __future__ import annotations

#: The credit forms an agency is matched in: ``comma`` "Ann Lee, AP", ``library`` a
#: picture library named anywhere ("Getty Images", "Gettyimages"), ``parens`` "(AP
#: Photo/Ann Lee)", ``photo`` "AP Photo" or "AP file", ``slash`` "Ann Lee/AFP", ``via``
#: "… via AP".
AGENCY_FORMS = ("comma", "library", "parens", "photo", "slash", "via")
#: News agencies, picture agencies and libraries that sign photo credits, with the credit
#: forms each is matched in.
AGENCIES = (
    ("afp", "comma parens photo slash via"),
    ("alamy", "library"),
    ("ap", "comma parens photo slash via"),
    ("bloomberg", "parens slash via"),
    ("epa", "comma parens photo slash via"),
    ("getty", "comma parens slash"),
    ("getty images", "library via"),
    ("istock", "library"),
    ("pa", "comma parens"),
    ("pool", "slash"),
    ("reuters", "comma parens photo slash via"),
    ("rex", "slash"),
    ("shutterstock", "library via"),
    ("sipa", "slash"),
    ("upi", "parens"),
    ("xinhua", "parens slash"),
)
#: Where a channel is matched: ``alone`` a share button alone on its line, ``bar`` a word
#: of a share bar ("Facebook Twitter Email"), ``contact`` "Contact Ann Lee on Twitter",
#: ``follow`` "Follow us on X", ``join`` "Join our WhatsApp channel".
CHANNEL_FORMS = ("alone", "bar", "contact", "follow", "join")
#: Networks, share actions and channels a page points its readers to, with where each is
#: matched.
CHANNELS = (
    ("article", "bar"),
    ("bluesky", "alone"),
    ("buffer", "bar"),
    ("buzz", "bar"),
    ("comment", "bar"),
    ("comments", "bar"),
    ("community", "join"),
    ("copy", "bar"),
    ("digg", "bar"),
    ("e-mail", "alone bar"),
    ("email", "alone bar"),
    ("facebook", "alone bar follow"),
    ("fark", "bar"),
    ("flipboard", "alone bar"),
    ("gift", "bar"),
    ("google", "bar"),
    ("instagram", "bar follow"),
    ("link", "bar"),
    ("linkedin", "alone bar follow"),
    ("mail", "bar"),
    ("mailing list", "join"),
    ("me", "bar"),
    ("messenger", "alone bar"),
    ("odnoklassniki", "bar"),
    ("on", "bar"),
    ("pin", "bar"),
    ("pinterest", "alone bar"),
    ("pocket", "bar"),
    ("post", "bar"),
    ("print", "alone bar"),
    ("recommend", "bar"),
    ("reddit", "alone bar"),
    ("reprints", "bar"),
    ("save", "bar"),
    ("share", "alone bar"),
    ("shares", "bar"),
    ("sms", "bar"),
    ("stumble", "bar"),
    ("stumbleupon", "bar"),
    ("telegram", "alone bar join"),
    ("this", "bar"),
    ("threads", "alone"),
    ("tiktok", "bar follow"),
    ("tumblr", "alone bar"),
    ("tweet", "alone bar"),
    ("twitter", "alone bar contact follow"),
    ("up", "bar"),
    ("upon", "bar"),
    ("via", "bar"),
    ("vkontakte", "bar"),
    ("whatsapp", "alone bar join"),
    ("x", "alone bar follow"),
    ("youtube", "bar follow"),
)
#: Nouns for a picture; patterns add the plurals.
PICTURE_NOUNS = ("image", "photo", "photograph", "picture")
#: Other visual material a credit or byline line names.
VISUAL_NOUNS = ("graphic", "illustration", "screenshot", "video")
#: Further words that lead a credit: "Credit: Ann Lee", "Image source, Agency".
CREDIT_LABELS = ("credit", "image source")
#: Credits that stand alone or close a caption: "Supplied", "File photo".
BARE_CREDITS = ("file", "file image", "file photo", "handout", "supplied")
#: What a caption is of, as a caption's lead names it: "Media caption …".
CAPTIONED_MEDIA = ("image", "media", "photo", "video")
#: Labels that open a caption before a colon: "Pictured: …", "Main image: …".
CAPTION_LABELS = (
    "above",
    "below",
    "bottom",
    "caption",
    "gallery",
    "inset",
    "left",
    "main image",
    "photo",
    "photos",
    "pictured",
    "right",
    "slideshow",
    "top",
    "video",
    "watch",
)
#: A still taken from video, as agency captions name it: "In this frame grab …".
VIDEO_STILLS = ("frame grab", "video image")
#: Words about pictures and footage besides the picture nouns.
FOOTAGE_WORDS = ("clip", "footage", "seen here", "selfie", "shown here", "snapshot", "still")
#: Verbs that describe what a picture shows, as captions use them (present tense, third
#: person or plain, and participles); matched in lower case only.
PICTURE_VERBS = (
    "addresses",
    "arrives",
    "attends",
    "carries",
    "celebrates",
    "claiming",
    "delivers",
    "depicting",
    "depicts",
    "displays",
    "gather",
    "gathers",
    "gestures",
    "greets",
    "hold",
    "holds",
    "leaves",
    "listens",
    "look",
    "looks",
    "march",
    "marches",
    "performs",
    "pictured",
    "plays",
    "posed",
    "poses",
    "prepares",
    "protest",
    "protests",
    "purports",
    "reacts",
    "rides",
    "seen",
    "shakes",
    "showing",
    "shows",
    "signs",
    "sit",
    "sits",
    "smiles",
    "speaks",
    "stand",
    "stands",
    "visit",
    "visits",
    "wait",
    "waits",
    "walk",
    "walks",
    "watches",
    "waves",
    "wears",
)
#: Where someone stands in a picture, after a comma: "Ann Lee, left, …".
PHOTO_POSITIONS = (
    "back left",
    "back right",
    "back row",
    "bottom",
    "bottom left",
    "bottom right",
    "bottom row",
    "center",
    "centre",
    "front",
    "front left",
    "front right",
    "front row",
    "left",
    "rear",
    "right",
    "second from left",
    "second from right",
    "second left",
    "second right",
    "top",
    "top left",
    "top right",
    "top row",
)
#: Positions in a picture written in brackets: "Ann Lee (pictured)".
BRACKETED_POSITIONS = (
    "above",
    "below",
    "bottom",
    "center",
    "centre",
    "inset",
    "left",
    "pictured",
    "right",
    "top",
)
#: Words that place a pictured subject: "Ann Lee at her desk in Leeds".
SCENE_PREPOSITIONS = ("at", "beside", "during", "in", "inside", "near", "on", "outside", "with")
#: What a gallery counts: "Photo 3 of 10", "Slide 2/8".
GALLERY_ITEMS = ("image", "photo", "picture", "slide")
#: Entries in more than one list above, on purpose: a picture noun is also a caption's
#: label and what a gallery counts; a side of the picture is a position after a comma,
#: in brackets and as a label; "on" is a share-bar word and a preposition of place.
OVERLAPS = frozenset(
    {
        "above",
        "below",
        "bottom",
        "center",
        "centre",
        "image",
        "inset",
        "left",
        "on",
        "photo",
        "picture",
        "pictured",
        "right",
        "top",
        "video",
    }
)
