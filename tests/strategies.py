"""Every hypothesis strategy the tests use, built from small documented parts.

Each module's tests add their strategies in their own section below; keep each
strategy small, named for what it makes, and give it a docstring.
"""

from __future__ import annotations

from hypothesis import strategies as st

from newsclean.model import KINDS, Article, Block, Cleaned, Fix, Span, apply_fixes

# --- shared parts -------------------------------------------------------------

#: Any Unicode text at all, surrogates excluded (they cannot be encoded to UTF-8).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)

#: Plain words of ASCII letters, the atoms of generated prose.
words = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=1, max_size=10
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """A capitalised sentence of 3-15 plain words ending in a full stop."""
    ws = draw(st.lists(words, min_size=3, max_size=15))
    return " ".join(ws).capitalize() + "."


@st.composite
def prose(draw: st.DrawFn) -> str:
    """Paragraphs of sentences separated by blank lines: clean text a fixer must not alter."""
    paragraphs = draw(
        st.lists(st.lists(sentences(), min_size=1, max_size=4), min_size=1, max_size=5)
    )
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


# --- files and render (newsclean/files.py, newsclean/render.py) -------------------------

#: Characters of one line of a text file: no line breaks or other control characters (a
#: file full of them reads as binary), no U+FEFF (at the start it would read as a BOM).
line_chars = st.characters(
    exclude_categories=("Cs", "Cc"), exclude_characters="\ufeff", include_characters="\t"
)

#: A line-ending style as ``newsclean.io.files`` names it.
newline_styles = st.sampled_from(["\n", "\r\n", "\r", "mixed"])


@st.composite
def text_file_bytes(draw: st.DrawFn) -> bytes:
    """The bytes of a UTF-8 text file: lines ended in one style or a mix, maybe a BOM,
    maybe no final newline."""
    lines = draw(st.lists(st.text(line_chars, max_size=12), max_size=6))
    style = draw(newline_styles)
    ending = st.sampled_from(["\n", "\r\n", "\r"]) if style == "mixed" else st.just(style)
    text = "".join(line + draw(ending) for line in lines)
    if text and draw(st.booleans()):
        text = text.rstrip("\r\n")
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8")


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """An Article of 0-8 blocks of any kind holding plain sentences, laid out one block
    per paragraph of a made-up text (the headline field is the first headline block)."""
    pairs = draw(st.lists(st.tuples(st.sampled_from(KINDS), sentences()), max_size=8))
    blocks, pos = [], 0
    for index, (kind, text) in enumerate(pairs):
        blocks.append(Block(text, 1 + 2 * index, Span(pos, pos + len(text)), kind))
        pos += len(text) + 2
    headline = next((b.text for b in blocks if b.kind == "headline"), None)
    return Article(headline=headline, blocks=tuple(blocks))


# --- model: random edit scripts ------------------------------------------------


@st.composite
def fixes_for(draw: st.DrawFn, text: str, reason: str) -> tuple[Fix, ...]:
    """Random non-overlapping fixes over ``text``: inserts, deletes and replacements."""
    fixes = []
    pos = 0
    while pos <= len(text):
        if draw(st.integers(0, 3)) == 0:
            length = min(draw(st.integers(0, 3)), len(text) - pos)
            new = draw(st.text(st.sampled_from("xyz "), max_size=2))
            if length or new:
                fixes.append(Fix(Span(pos, pos + length), new, reason))
            pos += length + (0 if length else 1)
        else:
            pos += 1
    return tuple(fixes)


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, Cleaned, Cleaned]:
    """A text, a first cleaning step over it, and a second step over the first's output."""
    original = draw(st.text(st.sampled_from("abc \n"), max_size=14))
    first_fixes = draw(fixes_for(original, "one"))
    middle = apply_fixes(original, first_fixes)
    second_fixes = draw(fixes_for(middle, "two"))
    return (
        original,
        Cleaned(middle, first_fixes),
        Cleaned(apply_fixes(middle, second_fixes), second_fixes),
    )


# --- quotes and spacing (newsclean/quotes.py, newsclean/spacing.py) -----------------

#: Invented words that are no elision ('tis, 'em, 'n') and no figure, so a mark before
#: one of them is unambiguously an opening mark.
plain_words = st.sampled_from(
    ["river", "stone", "quiet", "market", "lamp", "harbour", "blue", "winter", "garden", "Mara"]
)

#: Words carrying a curly apostrophe in every position the rules know.
apostrophe_words = st.sampled_from(
    [
        "it’s",
        "don’t",
        "o’clock",
        "d’affaires",
        "’tis",
        "’em",
        "the ’90s",
        "rock ’n’ roll",
        "the dogs’ bowls",
        "James’ car",
        "1990’s",
        "we’ll",
    ]
)

#: Characters quote handling cares about, mixed with a few ordinary ones.
quote_soup = st.text(st.sampled_from(list("ab1 \n.,:-—([\"'“”‘’„‚«»′″`=´")), max_size=60)


@st.composite
def curly_phrases(draw: st.DrawFn) -> str:
    """A few words, some with apostrophes, maybe one ‘single-quoted’ stretch."""
    parts = draw(st.lists(st.one_of(plain_words, apostrophe_words), min_size=1, max_size=5))
    if draw(st.booleans()):
        inner = " ".join(draw(st.lists(plain_words, min_size=1, max_size=3)))
        parts.insert(draw(st.integers(0, len(parts))), f"‘{inner}’")
    return " ".join(parts)


@st.composite
def curly_quotations(draw: st.DrawFn) -> str:
    """A sentence with a correctly curled quotation in one of the usual shapes."""
    said = draw(curly_phrases())
    shape = draw(st.sampled_from(["lead", "tail", "dash", "bracket", "plain"]))
    if shape == "lead":
        return f"“{said.capitalize()},” she said."
    if shape == "tail":
        return f"He said: “{said.capitalize()}.”"
    if shape == "dash":
        return f"Then \N{EM DASH}“{said}”\N{EM DASH} came."
    if shape == "bracket":
        return f"A note (“{said}”) stayed."
    return f"They called it {said}."


@st.composite
def curly_prose(draw: st.DrawFn) -> str:
    """Paragraphs of correctly curled quotations, one maybe running over two paragraphs."""
    paragraphs = draw(
        st.lists(st.lists(curly_quotations(), min_size=1, max_size=3), min_size=1, max_size=4)
    )
    texts = [" ".join(p) for p in paragraphs]
    if draw(st.booleans()):
        first, second = draw(curly_phrases()), draw(curly_phrases())
        texts.append(f"“{first.capitalize()}.\n\n“{second.capitalize()}.”")
    return "\n\n".join(texts)


@st.composite
def scraped_sentences(draw: st.DrawFn) -> tuple[str, str]:
    """A clean sentence and the same with gaps a scraper leaves at tag boundaries
    (“ river ”, Mara ’s, stone , lamp .): ``(clean, gappy)``."""
    clean: list[str] = []
    gappy: list[str] = []

    def add(piece: str, glue: str, gap_allowed: bool) -> None:
        clean.append(glue + piece)
        gap = " " if gap_allowed and not glue and draw(st.booleans()) else ""
        gappy.append(glue + gap + piece)

    quoted = draw(st.booleans())
    if quoted:
        add("“", "", False)
    sentence = draw(st.lists(plain_words, min_size=1, max_size=5))
    for index, word in enumerate(sentence):
        add(word, "" if index == 0 else " ", quoted and index == 0)
        if draw(st.integers(0, 3)) == 0:
            add("’s", "", True)
        if index < len(sentence) - 1 and draw(st.integers(0, 4)) == 0:
            add(",", "", True)
    if quoted:
        add("”", "", True)
    add(".", "", True)
    return "".join(clean), "".join(gappy)


# --- evaluate and the benchmark metric (newsclean/evaluate.py, newsclean/shingles.py) ------

#: Space-joined runs of 4-30 plain words: texts holding at least one full 4-word shingle.
shingle_texts = st.lists(words, min_size=4, max_size=30).map(" ".join)

#: A page's gold blocks: 1-6 ``(kind, text)`` pairs, each text 1-3 prose sentences.
labelled_blocks = st.lists(
    st.tuples(st.sampled_from(KINDS), st.lists(sentences(), min_size=1, max_size=3).map(" ".join)),
    min_size=1,
    max_size=6,
)


# --- encoding and whitespace (newsclean/encoding.py, newsclean/whitespace.py) -----------

#: Accented Latin letters whose UTF-8 bytes all decode in Windows-1252 (no 0x81, 0x8D,
#: 0x8F, 0x90, 0x9D), so a text of them can be turned into mojibake with the strict codec.
#: "å" and "œ" are left out: ftfy keeps "Ã¥" word-initially and "Å“" (xfail cases in
#: tests/test_encoding.py).
cp1252_safe_accents = tuple(
    ch
    for ch in "éèêëàâäçôöüûùïîñáíóúÉÀÇÖÜßøæ"
    if not {0x81, 0x8D, 0x8F, 0x90, 0x9D} & set(ch.encode("utf-8"))
)


#: A word with one accented letter between plain lowercase runs ("caf" "é", "gr" "ü" "n").
accented_words = st.builds(
    lambda head, accent, tail: head + accent + tail,
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=5),
    st.sampled_from(cp1252_safe_accents),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), max_size=5),
)


@st.composite
def accented_sentences(draw: st.DrawFn) -> str:
    """A sentence of 1-10 words, plain or accented, at least one accented (mojibake bait)."""
    text = " ".join(draw(st.lists(st.one_of(words, accented_words), min_size=1, max_size=10)))
    return text if not text.isascii() else text + " " + draw(accented_words)


def _script_words(letters: str) -> st.SearchStrategy[str]:
    """Words of 1-8 letters drawn from one script's ``letters``."""
    return st.text(st.sampled_from(letters), min_size=1, max_size=8)


#: Clean words in Greek, Cyrillic, Chinese, Japanese, Korean or accented Latin, one script each
#: (random letter soup across scripts is something ftfy may rightly call mojibake).
world_words = st.one_of(
    _script_words("αβγδεζηθικλμνξοπρστυφχψω"),
    _script_words("абвгдежзийклмнопрстуфхцчшщыэюя"),
    _script_words("中文新闻报道北京上海日本語東京"),
    _script_words("한국어서울"),
    accented_words,
)

#: Lines of clean multilingual prose with typographic punctuation: nothing for encoding.py.
world_prose = st.lists(
    st.lists(st.one_of(world_words, words), min_size=1, max_size=8)
    .map(" ".join)
    .map(lambda line: f"“{line}” — {line}’s…"),
    min_size=1,
    max_size=5,
).map("\n".join)

#: Pieces that mojibake, entities, controls and invisibles are made of, for stress texts.
encoding_pieces = st.sampled_from(
    [
        "Ã",
        "©",
        "â€",
        "™",
        "\u00a0",
        " ",
        "\u200b",
        "\u00ad",
        "\x81",
        "\x9d",
        "\x85",
        "&amp;",
        "&#",
        "39;",
        "&nbsp;",
        "e",
        "\u0301",
        "\x1b[",
        "1m",
        "\n",
        "\ufb01",
        "Â",
        "é",
        "’",
        "\r",
        "\t",
        ";",
        "amp",
        "&",
        "\x00",
        "\x0c",
    ]
)

#: Texts glued from ``encoding_pieces``: dense with everything encoding.py handles.
encoding_soup = st.lists(encoding_pieces, max_size=25).map("".join)

#: One to three paragraphs of one or two sentences: ``prose`` at a fraction of the cost.
short_prose = st.lists(
    st.lists(sentences(), min_size=1, max_size=2).map(" ".join), min_size=1, max_size=3
).map(lambda paragraphs: "\n\n".join(paragraphs) + "\n")

#: Texts glued from whitespace pieces and words: dense with everything whitespace.py handles.
whitespace_soup = st.lists(
    st.sampled_from(["a", "bc", " ", "  ", "\t", "\n", "\r\n", "\r", "\u2028", "\u2029", "\n\n\n"]),
    max_size=25,
).map("".join)


# --- the text pipeline (newsclean/text.py) -------------------------------------------

#: Letters that lead a UTF-8 sequence when read as cp1252 ("Ã", "Â", "â", "Ð"...): beside a
#: quote, dash or invisible they are where a careless fix makes mojibake of clean text.
mojibake_leaders = st.characters(min_codepoint=0xC2, max_codepoint=0xF4, categories=("L",))

#: Any letter from U+00A0 to U+052F: Latin-1, Latin Extended, IPA, Greek, Cyrillic.
extended_letters = st.characters(min_codepoint=0xA0, max_codepoint=0x52F, categories=("L",))

#: Every kind of quotation mark, dash and invisible character a fix may turn or remove.
marks = st.sampled_from(
    [
        *("'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "\u201a", "\u201e"),
        *("\u00ab", "\u00bb", "\u2039", "\u203a", "`", "\u00b4", "\u2032", "\u2033"),
        *("-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"),
        *("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e"),
        *("\x00", "\x07", "\x1b", "\x85", "\x9d", "\u00a0", "\u2009", "\u202f", "\ufb01"),
    ]
)

#: A mark, a leader, a mark: where a turned quote or a dropped invisible makes a pair.
leader_between_marks = st.tuples(marks, mojibake_leaders, marks, marks).map("".join)

#: Runs of letters and marks with words and spaces between: "He wrote “Â\u2060” on it".
letters_beside_marks = st.lists(
    st.one_of(leader_between_marks, extended_letters, marks, words, st.just(" ")),
    min_size=1,
    max_size=20,
).map("".join)


# --- linter (newsclean/rules.py, newsclean/lint.py) ---------------------------------------

#: Any of the soups above: a text dense with what some rule reports.
lint_soup = st.one_of(any_text, encoding_soup, whitespace_soup, quote_soup)

#: Scraper noise a linted article may hold between its sentences.
lint_noise = st.sampled_from(
    [
        "\u201c quoted \u201d",
        "caf\u00c3\u00a9",
        "&amp;",
        "  ",
        "\t",
        " ,",
        '"open',
        "Photograph: Jane Doe/Agency",
        "Advertisement",
        "\u00a0",
    ]
)


@st.composite
def messy_lines(draw: st.DrawFn) -> str:
    """Sentences and noise, each ended by a line ending of any style or a space."""
    pieces = draw(st.lists(st.one_of(sentences(), lint_noise), min_size=1, max_size=12))
    endings = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " ", ""])
    return "".join(piece + draw(endings) for piece in pieces)


# --- classifier patterns (newsclean/boilerplate.py, newsclean/subheadings.py) -----------

#: Pieces of navigation trails: section names, every separator the trail pattern knows,
#: runs of spaces and tabs, a line break, and a name too long to be a section.
breadcrumb_pieces = st.sampled_from(
    ["Home", "news", "A", "b", " ", "  ", "\t", "\n", "|", "/", ">", "\u203a", "\u00bb", "x" * 29]
)

#: Short texts built from ``breadcrumb_pieces``: mostly no trail at all.
breadcrumb_soup = st.lists(breadcrumb_pieces, max_size=20).map("".join)

#: Section names of a trail: words, a blank, one too long to be a section (over 30).
breadcrumb_names = st.sampled_from(["Home", "news", "A", " ", "World Cup", "x" * 29, "x" * 31])

#: The separators of a navigation trail, spaced, unspaced and oddly spaced.
breadcrumb_separators = st.sampled_from(
    [" > ", ">", " | ", "|", " / ", "/", " \u203a ", "\u00bb", "  >  ", "\t| "]
)


@st.composite
def breadcrumb_trails(draw: st.DrawFn) -> str:
    """A navigation trail of 1-8 levels (a level may be blank or too long), maybe with
    a broken end: the texts on either side of what the trail pattern accepts."""
    names = draw(st.lists(breadcrumb_names, min_size=1, max_size=8))
    trail = names[0] + "".join(draw(breadcrumb_separators) + name for name in names[1:])
    return trail + draw(st.sampled_from(["", " ", " >", "/", "\n"]))


#: Short texts of letters, spaces and every quote mark a quoted heading may hold.
quoted_head_soup = st.text(st.sampled_from(list("aAb é'‘’\"“”\n.")), max_size=30)


# --- batches: JSON Lines and adversarial input (newsclean/jsonl.py, bench) -----------------

#: Any JSON value a record field may hold (no NaN or infinity: they are not JSON).
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)

#: The other fields of a JSON Lines record: anything, but never the text field.
record_fields = st.dictionaries(
    any_text.filter(lambda key: key not in ("text", "newsclean")), json_values, max_size=4
)

#: Runs that make regex engines and hand-written scanners work hard: quotes, colons,
#: dashes, entity starts, header-like prefixes, spaces, line breaks, mojibake leaders.
adversarial_atoms = st.sampled_from(
    [
        *('"', "'", ":", " ", "-", "&", "#", "&#", "a: ", "A: ", ". ", "(", "x"),
        *("\u201c", "\u201d", "\u2014", "\u00a0", "\u00c3", "\n", "\n\n"),
    ]
)


@st.composite
def adversarial_units(draw: st.DrawFn) -> str:
    """One period of an adversarial text: 1-12 runs of adversarial atoms, each run 1-300
    atoms long; repeated, it probes many kinds of boundary rather than one long run of a
    single character (long single-character runs are tested separately)."""
    runs = draw(
        st.lists(st.tuples(adversarial_atoms, st.integers(1, 300)), min_size=1, max_size=12)
    )
    return "".join(atom * count for atom, count in runs)


# --- output for humans: file names that try to break a terminal or a CI log (render.py) ----

#: Unicode's Bidi_Control characters: marks, embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

#: Characters that must never reach a terminal or a CI log raw: C0 controls (line feed,
#: carriage return, escape), DEL, C1 controls (NEL, CSI), the line and paragraph separators,
#: bidi controls that reorder what is shown, a lone surrogate (an undecodable byte of a
#: file name), and the backslash that starts an escape.
unsafe_name_chars = st.sampled_from(
    [
        *("\n", "\r", "\t", "\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b"),
        *("\u2028", "\u2029", *sorted(BIDI_CONTROLS), "\udcff", "\udc80", "\ud800", "\\"),
    ]
)

#: File names mixing ordinary characters (any script) with unsafe ones.
hostile_names = st.lists(
    st.one_of(st.characters(exclude_categories=("Cs",)), unsafe_name_chars), max_size=30
).map("".join)

#: Lines a file may hold (no lone surrogates: decoding never makes them) that set rules off
#: and carry every unsafe character: the findings quote them in their messages.
hostile_lines = st.lists(
    st.one_of(
        st.sampled_from(["a", " ", "  ", "\u201c", "\u201d", '"', "Caf\u00c3\u00a9", "\u00a0"]),
        unsafe_name_chars.filter(lambda char: not "\ud800" <= char <= "\udfff"),
    ),
    max_size=40,
).map("".join)


# --- lexicon (newsclean/lexicon/) ----------------------------------------------------------


@st.composite
def recased(draw: st.DrawFn, vocabulary: st.SearchStrategy[str]) -> str:
    """A word of ``vocabulary`` as scraped text writes it: lower, Capitalised, Title or UPPER."""
    word = draw(vocabulary)
    return draw(st.sampled_from([word, word.capitalize(), word.title(), word.upper()]))


#: What stands around listed words in scraped text: names, numbers, years, addresses,
#: prices, and the marks the patterns look for.
lexicon_fillers = st.one_of(
    words,
    st.integers(min_value=0, max_value=2030).map(str),
    st.sampled_from(
        [
            *("Ann Lee", "Ann B. Lee", "HarbourPics", "ann@example.org", "https://example.org"),
            *("£9", "$6", "(", ")", ",", ".", ":", "/", "-", "'", "’", "?", "!", "|", "@"),
            *("\N{COPYRIGHT SIGN}", "\N{EN DASH}", "\N{EM DASH}", "\N{LEFT DOUBLE QUOTATION MARK}"),
        ]
    ),
)

#: What joins the parts of a generated text (the first opens it).
lexicon_joints = st.sampled_from([" ", " ", " ", "", ", ", ". ", ": ", "/", " (", ") ", "\n"])


@st.composite
def ordered_picks(draw: st.DrawFn, sequences: tuple[tuple[str, ...], ...]) -> str:
    """Words of one of ``sequences`` in their order, some left out, joined by spaces: the
    words of a pattern as written ("contributed to this report", "contributed report")."""
    sequence = draw(st.sampled_from(sequences))
    kept = draw(st.lists(st.booleans(), min_size=len(sequence), max_size=len(sequence)))
    return " ".join(w for w, keep in zip(sequence, kept, strict=True) if keep) or sequence[0]


@st.composite
def lexicon_texts(draw: st.DrawFn, vocabulary: st.SearchStrategy[str]) -> str:
    """A short text of ``vocabulary`` words in any case among fillers, opening the text
    or not: where patterns built from the word lists match, and where they nearly do."""
    parts = draw(st.lists(st.one_of(recased(vocabulary), lexicon_fillers), min_size=1, max_size=9))
    joints = draw(st.lists(lexicon_joints, min_size=len(parts), max_size=len(parts)))
    joints[0] = draw(st.sampled_from(["", "", "("]))
    return "".join(joint + part for joint, part in zip(joints, parts, strict=True))


# --- finding positions (newsclean/lint/edits.py) --------------------------------------


@st.composite
def linted_files(draw: st.DrawFn) -> bytes:
    """The bytes of a messy article file in one line-ending style (LF, CRLF or CR),
    maybe with a BOM: what the linter's positions and edits must stay true to."""
    text = draw(messy_lines())
    style = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", style)
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + text).encode("utf-8")


# --- Markdown (newsclean/lint/markdown.py) ---------------------------------------------

#: Prose with faults the safe fixes repair: double spaces, mojibake, mixed quotes, a space
#: before punctuation, trailing space.
markdown_prose = st.lists(
    st.sampled_from(
        ["Some words", "  ", "caf\u00c3\u00a9", '"quoted"', "\u201ccurly\u201d", " ,", "x", " "]
    ),
    min_size=1,
    max_size=8,
).map("".join)

#: What a code span or block holds: the same faults, which must stay as they are.
code_body = st.text(
    st.sampled_from(list("ab  \u00c3\u00a9\"'\u201c .,#=")), min_size=1, max_size=20
)


@st.composite
def markdown_pieces(draw: st.DrawFn) -> str:
    """One piece of a Markdown document: prose, an inline code span in prose, a fenced
    block (backticks or tildes), an indented block, or front-matter-like YAML in a fence."""
    body = draw(code_body)
    kind = draw(st.sampled_from(["prose", "span", "fence", "tilde", "indented"]))
    if kind == "span":
        ticks = "``" if "`" in body else "`"
        return f"{draw(markdown_prose)} {ticks}{body.strip() or 'x'}{ticks} {draw(markdown_prose)}"
    if kind == "fence":
        return f"```py\n{body}\n{draw(code_body)}\n```"
    if kind == "tilde":
        return f"~~~\n{body}\n~~~"
    if kind == "indented":
        return f"    {body}\n    {draw(code_body)}"
    return draw(markdown_prose)


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    """A Markdown document: pieces separated by blank lines, in one line-ending style."""
    pieces = draw(st.lists(markdown_pieces(), min_size=1, max_size=8))
    style = draw(st.sampled_from(["\n", "\r\n"]))
    return ("\n\n".join(pieces) + "\n").replace("\n", style)


# --- noqa comments (newsclean/text/noqa.py) -------------------------------------------

#: A ``newsclean: noqa`` comment as people write them: bare, for the file, with codes,
#: prefixes or names, in an HTML comment.
noqa_comments = st.sampled_from(
    [
        "newsclean: noqa",
        "newsclean: noqa-file",
        "newsclean: noqa: NC405",
        "newsclean:noqa:nc4,mojibake",
        "newsclean: noqa: NC101, trailing-whitespace",
        "<!-- newsclean: noqa: NC102 -->",
        "NEWSCLEAN: NOQA",
    ]
)


@st.composite
def prose_with_noqa(draw: st.DrawFn) -> tuple[str, str]:
    """Prose, and the same prose with noqa comments after some of its words or on lines
    of their own."""
    text = draw(prose())
    words = text.split(" ")
    out = []
    for word in words:
        out.append(word)
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(noqa_comments))
    commented = " ".join(out)
    if draw(st.booleans()):
        commented = draw(noqa_comments) + "\n" + commented
    return text, commented


# --- input shapes (newsclean/blocks/source.py, classify/extractor.py, classify/page.py) --

#: Lines that furniture and captions are made of: short, often without a full stop.
furniture_lines = st.sampled_from(
    [
        "Share this",
        "Read more",
        "Photo: Ann Lee/Coast Pictures",
        "Boats in the harbour at dusk",
        "Related: Pier to reopen",
        "By Maria Lopez",
        "Advertisement",
        "Home News Sport Weather",
        "Sign up for our newsletter",
    ]
)


_PIER = (
    "The harbour board voted on Tuesday to repair the old pier, which has been closed "
    "since the winter storms damaged its timber supports."
)


@st.composite
def extractor_output(draw: st.DrawFn) -> str:
    """Extractor output: one block per line, no blank lines; long prose lines (a sentence
    longer than any wrap width, then drawn ones) among short furniture lines."""
    long_line = st.lists(sentences(), max_size=3).map(lambda ss: " ".join([_PIER, *ss]))
    lines = draw(st.lists(st.one_of(long_line, furniture_lines), min_size=3, max_size=12))
    return "\n".join([draw(long_line), *lines, draw(long_line)])


# --- cleaning a cleaned article (the learned labeller's settling) -------------------------

#: Lines a page puts around and between paragraphs: furniture, credits, short sign-offs,
#: the text output's own site line.
page_lines = st.sampled_from(
    [
        "Share this",
        "Advertisement",
        "Photo: Ann Lee/Agency",
        "Read more",
        "The end.",
        "A a a.",
        "Rain fell all day.",
        "Storm hits coast | The Ledger",
        "site: The Ledger",
        "Pier works",
    ]
)

#: Articles of paragraphs and such lines in any order: what a labeller reads differently once
#: its own furniture is gone.
furnished_articles = st.lists(
    st.one_of(sentences(), prose().map(str.strip), page_lines), min_size=1, max_size=8
).map(lambda blocks: "\n\n".join(blocks) + "\n")
