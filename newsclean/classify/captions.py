"""Captions: photo and video captions and photo credits pasted into article text.

Each signal below is one general regularity of captions, named in ``SIGNALS``;
:func:`is_caption` combines them by the rule in its docstring and reports which fired.
"""

from __future__ import annotations

import re

import regex

from newsclean.arguments import require_block, require_instance
from newsclean.blocks.shape import (
    CONTEXT_HOW,
    REPORTED_RE,
    SENTENCE_BREAK_RE,
    SENTENCE_END,
    Context,
    ends_sentence,
    hinted,
    is_full_paragraph,
    is_title_case,
    reads_as_prose,
    runs_on,
    sentence_breaks,
    short_unfinished,
    word_count,
)
from newsclean.chars import lazy_compile
from newsclean.classify.signal import Signal, signal
from newsclean.lexicon import dates, furniture, media, people, words
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

# The credit patterns' pieces: agencies in each credit form, and what leads a credit.
_IN_PARENS = named(media.AGENCIES, "parens")
_AFTER_COMMA = named(media.AGENCIES, "comma")
_AFTER_SLASH = named(media.AGENCIES, "slash")
_BEFORE_PHOTO = named(media.AGENCIES, "photo")
_AFTER_VIA = named(media.AGENCIES, "via")
_LIBRARIES = named(media.AGENCIES, "library")
_LIBRARY = alternation(_LIBRARIES, space=r"\ ?")  # "Getty Images" and "Gettyimages"
_PICTURES = (*media.PICTURE_NOUNS, *plurals(media.PICTURE_NOUNS))
_CREDIT_LEADS = (*_PICTURES, *media.VISUAL_NOUNS, *media.CREDIT_LABELS)
_CLOSING_CREDITS = without(media.BARE_CREDITS, "file", "file image")
_CREDIT_MARK = r"(?:by|:|\N{EN DASH}|\N{EM DASH}|/)"
_NAME = r"^\p{Lu}[\p{L}.'’\-]+(?:\ \p{Lu}[\p{L}.'’\-]+){1,3}"  # "Ann Lee", "Ann B. Lee"
_COPYRIGHT = ("\N{COPYRIGHT SIGN}",)

#: Photo credits: agency or photographer named after a slash, "Photo:", "©", "Getty Images";
#: each alternative with the key words every match of it holds.
CREDIT_ALTERNATIVES = (
    # (AP Photo/Ann Lee)
    Keyed(rf"\({alternation(_IN_PARENS)}\b[^()]{{0,60}}\)\s*$", _IN_PARENS, "word"),
    # at a sentence start: "Photo: Ann Lee", "Photo by Ann Lee"
    Keyed(rf"(?:^|(?<=[.!?)]\s)){alternation(_CREDIT_LEADS)}\s*{_CREDIT_MARK}\s*\S", _CREDIT_LEADS),
    # (Photo: Ann Lee), (Image credit: Agency)
    Keyed(rf"\({alternation(_PICTURES)}(?:\ credit)?\s*(?::|by)[^()]{{1,80}}\)\s*$", _PICTURES),
    # (Courtesy of Ann Lee)
    Keyed(r"\(Courtesy(?:\ of)?\ [^()]{1,60}\)\s*$", ("courtesy",)),
    # a bare credit: "Supplied", "File photo.", "Courtesy of Ann Lee"
    Keyed(
        rf"^(?:{alternation(media.BARE_CREDITS)}|Courtesy(?:\ of\ .{{1,60}})?)\.?$",
        (*first_words(media.BARE_CREDITS), "courtesy"),
        "start",
    ),
    # Ann Lee/Outlet
    Keyed(_NAME + r"\ ?/\ ?\p{Lu}\w+(?:\.\w+)?$", ("/",)),
    # Ann Lee, AP
    Keyed(rf"{_NAME},\ {alternation(_AFTER_COMMA)}$", _AFTER_COMMA, "word"),
    # … © 2017 Ann Lee
    Keyed(r"\N{COPYRIGHT SIGN}\ ?(?:\d{4}\ )?\p{Lu}[^.!?]{0,60}$", _COPYRIGHT),
    # © Ann Lee
    Keyed(r"\N{COPYRIGHT SIGN}\ ?\p{Lu}", _COPYRIGHT),
    # … a sentence. Supplied
    Keyed(rf"[.!?]\ {alternation(_CLOSING_CREDITS)}\.?$", _CLOSING_CREDITS),
    # a picture library: "Getty Images", "Gettyimages", "Shutterstock"
    Keyed(rf"\b{_LIBRARY}\b", first_words(_LIBRARIES)),
    # Ann Lee/AFP
    Keyed(rf"\w/{alternation(_AFTER_SLASH)}\b", ("/",)),
    # AP Photo, AP file
    Keyed(rf"\b{alternation(_BEFORE_PHOTO)}\ (?:Photo|file|Images?)\b", _BEFORE_PHOTO, "word"),
    # … via AP
    Keyed(rf"\bvia\ {alternation(_AFTER_VIA)}\s*$", _AFTER_VIA, "word"),
)
CREDIT_RE = lazy_compile(joined(CREDIT_ALTERNATIVES), regex.VERBOSE | regex.IGNORECASE)
#: Words every credit pattern above contains one of, matched in case-folded text: a cheap
#: test before the costly one (the stdlib engine, without IGNORECASE, is fastest here).
CREDIT_HINT_RE: re.Pattern[str] = hint_pattern(CREDIT_ALTERNATIVES)
#: Openings that announce a caption: "Media caption", "Pictured:", "Watch:", "FILE - ",
#: and the agency form "In this March 3, 2019, photo, …" / "This 2017 file photo shows …".
CAPTION_OPENING_RE = lazy_compile(
    rf"""^(?:
      {alternation(media.CAPTIONED_MEDIA)}\ caption\b  # BBC-style caption lead
    | Image\ copyright\b
    | {alternation(media.CAPTION_LABELS)}\s*:          # "Pictured: ..."
    | FILE\s*[-\N{{EN DASH}}\N{{EM DASH}}]               # agency file-photo lead
    | (?:In\ )?this\ (?:[\p{{L}}\p{{N}}.,'’]+\ ){{0,6}}?   # "In this Nov. 3, 2019, file photo,"
      (?:file\ )?{alternation((*media.PICTURE_NOUNS, *media.VIDEO_STILLS))}\b
    )""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: Positions inside a photo: "Name, left, speaks with ..." or "(pictured)".
POSITION_ALTERNATIVES = (
    # ", left," / ", second from right and"
    Keyed(
        rf",\ {alternation(media.PHOTO_POSITIONS)}(?:,|\ and\b)",
        tuple(f", {word}" for word in first_words(media.PHOTO_POSITIONS)),
    ),
    # "(pictured)"
    Keyed(
        rf"\({alternation(media.BRACKETED_POSITIONS)}\)",
        tuple(f"({word})" for word in media.BRACKETED_POSITIONS),
    ),
)
POSITION_RE = lazy_compile(joined(POSITION_ALTERNATIVES), regex.VERBOSE | regex.IGNORECASE)
#: What every position phrase above holds, in case-folded text: the cheap test first.
POSITION_HINT_RE: re.Pattern[str] = hint_pattern(POSITION_ALTERNATIVES)
_MEDIA_WORDS = (
    *media.PICTURE_NOUNS,
    *plurals(only(media.PICTURE_NOUNS, "image", "photo")),
    *only(media.VISUAL_NOUNS, "screenshot", "video"),
    *only(media.BARE_CREDITS, "file photo"),
    *only(media.PICTURE_VERBS, "pictured"),
    *media.FOOTAGE_WORDS,
)
#: Words about pictures and footage.
MEDIA_WORD_RE = lazy_compile(rf"\b{alternation(_MEDIA_WORDS)}\b", regex.IGNORECASE)
#: A short Capitalised label and a colon opening the block: "Grim: UN observers ...",
#: "Step 4: the tart before baking".
LABEL_RE = lazy_compile(
    # a label is a word or name, not a titled phrase
    rf"^(?!{alternation(capitalized(words.ARTICLES))}\ )"
    r"(?P<label>\p{Lu}[\p{L}'’\-]*(?:\ (?:\p{Lu}[\p{L}'’\-]*|\p{N}+)){0,2}):\ +(?P<rest>\p{L})"
)
#: Present-tense verbs typical of describing a picture (third person, or a participle).
PICTURE_VERB_RE = lazy_compile(rf"\b{alternation(media.PICTURE_VERBS)}\b")
# Days and months as agency captions write them: "Tuesday", "Nov.", "Sept.", "June".
# "Jun" and "Jul" take no full stop, as first written ("June?", "July?").
_CAPTION_DAY_OR_MONTH = alternation(
    capitalized(
        (
            *dates.WEEKDAYS,
            *dates.MONTHS,
            *dates.MONTH_ABBREVIATIONS,
            *(f"{short}." for short in without(dates.MONTH_ABBREVIATIONS, "jul", "jun")),
        )
    )
)
#: Dates that end agency captions: "Tuesday, Nov. 19, 2019." or "on June 28, 2019 in ...".
CAPTION_DATE_RE = lazy_compile(rf"{_CAPTION_DAY_OR_MONTH}\ \d{{1,2}},\ \d{{4}}", regex.VERBOSE)
#: A named subject placed somewhere, with no verb: "Ann Lee at her desk in Leeds".
PLACED_SUBJECT_RE = lazy_compile(
    r"^\p{Lu}[\p{L}'’\-]+(?:\ \p{Lu}[\p{L}'’\-.]+){0,3}"
    rf"\ {alternation(media.SCENE_PREPOSITIONS)}\ "
)
_LEANING = (
    *people.THIRD_PERSON_SUBJECTS,
    *people.FIRST_PERSON_SUBJECTS,
    *without(words.COORDINATORS, "nor"),
    *words.CONNECTIVES,
)
#: Openings of a sentence that leans on the one before it: a pronoun subject or a
#: connective. ("This image …" is not one: captions point at their picture that way.)
LEANS_ON_RE = lazy_compile(rf"^{alternation(capitalized(_LEANING))}\b")
#: A name of one to three Capitalised words glued after a finished sentence, with
#: nothing after it: the photo credit a scraper ran into its caption ("… Arizona. Veltrix").
#: An abbreviation or initial before the full stop ("Gov. Ann Lee") is no sentence end.
GLUED_CREDIT_RE = lazy_compile(
    r"(?:(?<!\p{L})\p{Ll}\p{L}*|\p{L}{4,})"  # a sentence's last word, not "Gov." or "E."
    + SENTENCE_END
    + r"\ \p{Lu}[\p{L}\p{N}&'’\-]*(?:\ \p{Lu}[\p{L}\p{N}&'’\-]*){0,2}$"
)
_NARRATING = alternation(
    (
        *words.BE_FORMS,
        *words.AUXILIARIES,
        *without(words.REPORTING_VERBS, "say"),
        *first_words(words.ATTRIBUTIONS),
        *people.FIRST_PERSON_SUBJECTS,
        *people.FIRST_PERSON_FORMS,
        *people.SECOND_PERSON_SUBJECTS,
        *people.SECOND_PERSON_FORMS,
    )
)
#: Words that narrate or report rather than describe what a picture shows: auxiliaries
#: and modals, reporting verbs, and the first and second person of a writer or speaker.
NARRATION_RE = lazy_compile(
    rf"""\b(?:
      {_NARRATING}  # auxiliaries, reporting verbs, "I", "our", "you"
    | \w+n['’]t     # a negated auxiliary: "don't", "wasn’t"
    )\b""",
    regex.VERBOSE | regex.IGNORECASE,
)
#: A scene described with no narration is at least this many words long (shorter
#: unfinished lines between paragraphs are crossheads as often as captions).
SCENE_WORDS = 9
#: A crosshead after a caption has at most this many words.
CROSSHEAD_WORDS = 6
#: Marks a described scene does without: a colon (a label or a lead-in), prices and
#: percentages (offers and figures are reported, not pictured).
NOT_IN_SCENES = (":", "%", "$", "£", "€", "¥")
#: Labels that announce text rather than describe a picture.
DISCOURSE_LABELS = frozenset(furniture.TEXT_LABELS)
#: A descriptive caption line is between these many words long.
DESCRIPTIVE_WORDS = (6, 30)
#: Agency captions, full stop and all, stay under this many words.
AGENCY_WORDS = 60
#: How far before the end of its sentence an agency caption's date can start.
DATE_REACH = 40
#: How far from its end a glued credit can start.
TAIL_CHARS = 80


@signal("credit", strong=True)
def has_credit(block: Block, context: Context) -> bool:
    """A photo credit: an agency after a slash, "Photo:", "©", a picture library."""
    text = block.text
    return word_count(text) <= AGENCY_WORDS and hinted(CREDIT_HINT_RE, CREDIT_RE, text)


@signal("caption-opening", strong=True)
def has_caption_opening(block: Block, context: Context) -> bool:
    """Opens like a caption: "Media caption", "Pictured:", "Watch:", "FILE - "."""
    return CAPTION_OPENING_RE.match(block.text) is not None and word_count(block.text) >= 2


@signal("position-words")
def has_position_words(block: Block, context: Context) -> bool:
    """Names who is where in a picture: ", left," or "(pictured)"."""
    text = block.text
    return word_count(text) <= AGENCY_WORDS and hinted(POSITION_HINT_RE, POSITION_RE, text)


@signal("agency-caption", strong=True)
def is_agency_caption(block: Block, context: Context) -> bool:
    """A picture description whose first sentence closes on a date, agency style.

    "… celebrates on Saturday, Nov. 21, 2026, in Lakeview."; a remark may follow.
    """
    text = block.text
    if word_count(text) > AGENCY_WORDS:
        return False
    first = SENTENCE_BREAK_RE.search(text)
    end = first.start() if first else len(text)
    # the date is rare and its window short: look for it before the picture verb
    dated = CAPTION_DATE_RE.search(text[max(0, end - DATE_REACH) : end]) is not None
    return dated and PICTURE_VERB_RE.search(text) is not None


@signal("glued-credit")
def has_glued_credit(block: Block, context: Context) -> bool:
    """A short description, a finished sentence, then a bare name: a credit run into it.

    The name has no final punctuation ("… the beach. Harbour Studio"). Reported speech
    is body text.

    >>> from newsclean.model import Span
    >>> block = Block("The new pier from the beach. Harbour Studio", 1, Span(0, 1))
    >>> from newsclean.blocks.shape import context_of
    >>> has_glued_credit(block, context_of([block], 0))
    True
    """
    text = block.text.rstrip()
    return (
        text[-1:].isalnum()  # a name ends the block: most blocks end in punctuation
        and word_count(text) <= DESCRIPTIVE_WORDS[1] + 10
        and GLUED_CREDIT_RE.search(text[-TAIL_CHARS:]) is not None
        and REPORTED_RE.search(text) is None
    )


def label_of(block: Block, context: Context) -> str | None:
    """The label of a labelled caption ("Grim" in "Grim: UN observers at …"), if any.

    A label is one to three Capitalised words and a colon opening a short block that
    does not end a sentence; the description after it is in sentence case (Title Case
    after a colon is a headline or heading: "Flood Defences: What Went Wrong").
    """
    match = LABEL_RE.match(block.text)
    words = word_count(block.text)
    if match is None or not 4 <= words <= DESCRIPTIVE_WORDS[1] or ends_sentence(block.text):
        return None
    label = match["label"]
    if label.isupper() or label.casefold() in DISCOURSE_LABELS:
        return None  # "NEW:", "Update:", "Also:" announce text, not a picture
    if is_title_case(block.text[match.end("label") + 1 :]):
        return None
    return match["label"]


@signal("labelled")
def is_labelled(block: Block, context: Context) -> bool:
    """A short Capitalised label and a colon before a description: "Grim: UN observers".

    See :func:`label_of` for what makes a label.
    """
    return label_of(block, context) is not None


def describes_scene(text: str) -> bool:
    """A single clause long enough to be no crosshead, opening with a capital, with no
    colon, price or percentage, and using none of the words that narrate or report
    (is, had, could, said, don't, we, you): the way a caption describes a picture.

    >>> describes_scene("Holidaymakers wait for the last ferry at the harbour with their bags")
    True
    >>> describes_scene("The ferry company has said it will add extra sailings this week")
    False
    """
    return (
        word_count(text) >= SCENE_WORDS
        and text[:1].isupper()
        and sentence_breaks(text) == 0
        and not any(mark in text for mark in NOT_IN_SCENES)
        and NARRATION_RE.search(text) is None
    )


@signal("descriptive-line")
def is_descriptive_line(block: Block, context: Context) -> bool:
    """A short sentence-case line without final punctuation, pasted between paragraphs.

    Both neighbours are full paragraphs, and something says the line is not one of
    them: it speaks of a picture or footage, uses a picture-describing verb, places a
    named subject, describes a scene without narrating (:func:`describes_scene`), or
    the paragraphs around it read on across it. A described scene needs less of its
    neighbours: any prose (a shorter sentence, or a paragraph that lost its full stop)
    before it, and prose or the next section's short crosshead after it.
    """
    text = block.text
    low, high = DESCRIPTIVE_WORDS
    if not low <= word_count(text) <= high or ends_sentence(text) or is_title_case(text):
        return False
    if text.rstrip().endswith((":", "?")) or text[:1] in "\"“'‘" or LEANS_ON_RE.match(text):
        return False  # a quotation, a question, or a sentence leaning on the one before
    if is_full_paragraph(context.prev) and is_full_paragraph(context.next):
        return bool(
            MEDIA_WORD_RE.search(text)
            or PICTURE_VERB_RE.search(text)
            or PLACED_SUBJECT_RE.match(text)
            or describes_scene(text)
            or runs_on(context)
        )
    return _frames_loosely(context) and describes_scene(text)


def _frames_loosely(context: Context) -> bool:
    """Prose before, even one that lost its final full stop, and prose after or the next
    section's short crosshead (a caption may close a section)."""
    nxt = context.next
    after = context.next_but_one
    crosshead_next = (
        nxt is not None
        and nxt.kind == "paragraph"
        and short_unfinished(nxt.text, CROSSHEAD_WORDS)
        and reads_as_prose(after)
    )
    return reads_as_prose(context.prev) and (reads_as_prose(nxt) or crosshead_next)


#: The caption signals, strongest first: the first that fires names the decision.
SIGNALS: tuple[Signal, ...] = (
    has_credit,
    has_caption_opening,
    has_position_words,
    is_agency_caption,
    has_glued_credit,
    is_labelled,
    is_descriptive_line,
)


def is_caption(block: Block, context: Context) -> Decision:
    """Decide whether ``block`` is a caption or photo credit, and say why.

    Any one signal suffices, since each is specific on its own: a credit pattern, a
    caption opening ("Pictured:"), position words (", left,"), an agency caption (a
    picture verb and a closing date), a short Capitalised label before a colon on a
    line that does not end a sentence, or a descriptive line between two full
    paragraphs (see :func:`is_descriptive_line`). It errs towards *not* a caption:
    a real paragraph is never taken unless one of these holds.

    >>> from newsclean.model import Span
    >>> from newsclean.blocks.shape import context_of
    >>> blocks = [Block("Floods: Water covers the main road in the old town", 1, Span(0, 1))]
    >>> is_caption(blocks[0], context_of(blocks, 0))
    Decision(kind='caption', why=('labelled',), label='Floods')
    """
    require_block(block, "is_caption")
    require_instance(context, Context, "is_caption", CONTEXT_HOW)
    why = tuple(s.name for s in SIGNALS if s.predicate(block, context))
    if not why:
        return Decision(None)
    match = LABEL_RE.match(block.text)
    return Decision("caption", why, match["label"] if match else None)
