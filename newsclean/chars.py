r"""Named character sets and pattern pieces shared by the cleaners.

Each piece is a fragment of a ``regex`` pattern written with ``\N{...}`` names, so larger
patterns are assembled from the same names and no look-alike sneaks in as a literal. Class
pieces (``..._CLASS``) are bodies to put inside ``[...]``; the others are whole groups.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, AnyStr, cast

import regex


class _LazyPattern:
    """A compiled pattern made on first use; then its methods sit in the instance's dict.

    Compiling the package's ~90 patterns took most of ``import newsclean`` (a pre-commit
    hook on one file, ``newsclean --version``); most runs use a few of them. After the first
    attribute access every public attribute of the compiled pattern is copied here, so
    ``PATTERN.search`` is a plain instance lookup (no ``__getattr__`` on the hot path).
    """

    def __init__(self, engine: Callable[..., Any], pattern: str | bytes, flags: int) -> None:
        self._source = (engine, pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends probe dunders: no compile
            raise AttributeError(name)
        engine, pattern, flags = self._source
        compiled = engine(pattern, flags)
        for attribute in dir(compiled):
            if not attribute.startswith("_"):
                self.__dict__[attribute] = getattr(compiled, attribute)
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _LazyPattern, self._source

    def __repr__(self) -> str:
        engine, pattern, flags = self._source
        return f"<{engine.__module__}.compile({pattern!r}, {flags}) on first use>"


def lazy_compile(pattern: AnyStr, flags: int = 0) -> regex.Pattern[AnyStr]:
    r"""Return ``regex.compile(pattern, flags)``, compiled only when first used.

    Module-level patterns are written with this, so importing a module compiles nothing.

    >>> WORD_RE = lazy_compile(r"\w+")
    >>> WORD_RE.findall("two words")
    ['two', 'words']
    """
    return cast("regex.Pattern[AnyStr]", _LazyPattern(regex.compile, pattern, flags))


def lazy_compile_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return ``re.compile(pattern, flags)``, compiled only when first used.

    For the stdlib engine's patterns: pre-checks and character-class scans, where it is
    faster than ``regex``.

    >>> lazy_compile_re("[0-9]+").findall("3 of 45")
    ['3', '45']
    """
    return cast("re.Pattern[str]", _LazyPattern(re.compile, pattern, flags))


# --- horizontal and vertical whitespace ----------------------------------------

#: Space and tab: the only horizontal whitespace left once encoding is repaired.
HSPACE_CLASS = r"\N{SPACE}\N{CHARACTER TABULATION}"

#: One line break: CRLF, LF, lone CR, or the Unicode line and paragraph separators.
NEWLINE = (
    r"(?:\N{CARRIAGE RETURN}\N{LINE FEED}"
    r"|[\N{LINE FEED}\N{CARRIAGE RETURN}\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}])"
)

#: One line ending as files have them, CRLF first so it is not taken for a CR then an LF
#: (the Unicode separators are text, not file layout). Compiled: files, the linter and
#: its rules all split and rewrite line endings with it.
LINE_END_RE = lazy_compile(
    r"""
      \N{CARRIAGE RETURN}\N{LINE FEED}  # Windows
    | \N{CARRIAGE RETURN}                # classic Mac OS
    | \N{LINE FEED}                      # Unix
    """,
    regex.VERBOSE,
)

#: Characters that end a line (for look-behinds, where ``NEWLINE`` is too wide).
NEWLINE_CLASS = r"\N{LINE FEED}\N{CARRIAGE RETURN}\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}"

#: Spaces that are not U+0020: no-break, typographic (en quad .. hair), narrow no-break,
#: mathematical, ideographic and Ogham. Scrapers leave them from ``&nbsp;`` and layout.
ODD_SPACE_CLASS = (
    r"\N{NO-BREAK SPACE}"
    r"\N{OGHAM SPACE MARK}"
    r"\N{EN QUAD}-\N{HAIR SPACE}"
    r"\N{NARROW NO-BREAK SPACE}"
    r"\N{MEDIUM MATHEMATICAL SPACE}"
    r"\N{IDEOGRAPHIC SPACE}"
)

# --- invisible characters ------------------------------------------------------

#: Invisible characters with no job in running prose (a BOM inside text is one of them).
ZERO_WIDTH_CLASS = r"\N{ZERO WIDTH SPACE}\N{WORD JOINER}\N{ZERO WIDTH NO-BREAK SPACE}"

#: The soft hyphen: an invisible hyphenation hint that splits words for search.
SOFT_HYPHEN_CLASS = r"\N{SOFT HYPHEN}"

#: Joiners that carry meaning (Persian and Indic spelling, emoji sequences): always kept.
KEPT_JOINERS = frozenset("\N{ZERO WIDTH NON-JOINER}\N{ZERO WIDTH JOINER}")

# --- control characters --------------------------------------------------------

#: C0 controls with no meaning in text, and DEL. Tab, LF and CR are whitespace; VT, FF
#: and the separators FS..US are whitespace-like (below); ESC is left to ftfy, which
#: removes whole terminal escape sequences.
C0_REMOVED_CLASS = (
    r"\N{NULL}-\N{BACKSPACE}"
    r"\N{SHIFT OUT}-\N{SUBSTITUTE}"
    r"\N{DELETE}"
)

#: Vertical tab and form feed: they break lines, so they become a line feed.
C0_BREAK_CLASS = r"\N{LINE TABULATION}\N{FORM FEED}"

#: Information separators FS, GS, RS, US: removing them would glue words, so they become spaces.
C0_SEPARATOR_CLASS = r"\N{INFORMATION SEPARATOR FOUR}-\N{INFORMATION SEPARATOR ONE}"

#: Invisible format controls ftfy also strips: deprecated shaping controls (U+206A..U+206F)
#: and interlinear annotation marks with the object replacement character (U+FFF9..U+FFFC).
FORMAT_CONTROL_CLASS = (
    r"\N{INHIBIT SYMMETRIC SWAPPING}-\N{NOMINAL DIGIT SHAPES}"
    r"\N{INTERLINEAR ANNOTATION ANCHOR}-\N{OBJECT REPLACEMENT CHARACTER}"
)

#: C1 controls (U+0080..U+009F). ftfy reads most as Windows-1252; the rest are junk.
C1_CLASS = r"\N{PADDING CHARACTER}-\N{APPLICATION PROGRAM COMMAND}"

#: Escape, which starts a terminal escape sequence.
ESCAPE = "\N{ESCAPE}"

# --- letters and punctuation -------------------------------------------------

#: Typographic punctuation common in clean English news that cannot take part in mojibake:
#: in every single-byte encoding ftfy tries, each is either a UTF-8 continuation byte
#: (Windows-125x: 0x85, 0x91..0x97) or a lead byte (Mac Roman: 0xC9, 0xD0..0xD5), never
#: both, so no mix of them with ASCII decodes as UTF-8 (tests/test_encoding.py checks it).
FTFY_INERT_CLASS = (
    r"\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
    r"\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
    r"\N{EN DASH}\N{EM DASH}\N{HORIZONTAL ELLIPSIS}"
)

# --- sentence ends -------------------------------------------------------------

#: Marks that end a sentence: full stop, exclamation mark, question mark.
SENTENCE_MARK_CLASS = r".!?"

#: Closing quotation marks and the closing bracket, which may follow a sentence's mark.
CLOSER_CLASS = r"\"'\N{RIGHT DOUBLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK})"

#: Opening quotation marks and the opening bracket, which may start a sentence.
OPENER_CLASS = r"\"'\N{LEFT DOUBLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}("

# --- money -----------------------------------------------------------------------

#: Currency signs that open a price: "$6", "£10.99", "€5", "¥800". The characters
#: themselves (none is special in a class), so the signs can also be listed one by one.
CURRENCY_CLASS = "$\N{POUND SIGN}\N{EURO SIGN}\N{YEN SIGN}"

# --- HTML entities -------------------------------------------------------------

#: A well-formed HTML character reference, with any layers of escaped ampersands before
#: it (``&amp;amp;lt;``); group ``body`` is the final name or number, without ``&`` and ``;``.
HTML_ENTITY = r"""
    &
    (?: (?: amp | AMP | \#0*38 | \#[xX]0*26 ) ; )*   # layers of escaped "&"
    (?P<body>
        [A-Za-z][A-Za-z0-9]{1,31}                   # a named reference, &eacute;
      | \#[0-9]{1,8}                                # a decimal reference, &#39;
      | \#[xX][0-9A-Fa-f]{1,7}                      # a hexadecimal reference, &#x2019;
    )
    ;
"""


@functools.cache
def members(class_body: str) -> frozenset[str]:
    r"""Return the Basic Multilingual Plane characters a class piece matches.

    >>> sorted(members(C0_BREAK_CLASS))
    ['\x0b', '\x0c']
    """
    pattern = regex.compile(f"[{class_body}]")
    return frozenset(pattern.findall("".join(map(chr, range(0x10000)))))


# --- the linter's inline suppressions --------------------------------------------

#: A ``newsclean: noqa`` comment: "noqa" silences its line, "noqa-file" the whole text;
#: either may name codes (NC405), prefixes (NC4) or lower-case rule names after a colon,
#: and may sit in an HTML comment (Markdown). Shared by the linter, which reads it, and
#: the article pipeline, which keeps it out of the cleaned text. A selector must look
#: like one (a code, or a lower-case name): a colon followed by anything else is no
#: comment at all (it silenced nothing before either), so no word of prose is taken.
NOQA_RE = lazy_compile(
    r"""
    (?P<open> <!-- [\ \t]* )?                              # an HTML comment around it
    newsclean: [\ \t]* noqa (?P<file> -file )?              # the marker, line or file
    (?: : [\ \t]* (?P<codes> (?&selector) (?: [\ \t]* , [\ \t]* (?&selector) )* ) )?
    (?! [\ \t]* : )                                        # a colon not followed by codes
    (?(open) [\ \t]* --> )                                 # the HTML comment's end
    (?(DEFINE) (?P<selector> (?i: NC [0-9]{0,3} ) \b | (?-i: [a-z]+ (?: - [a-z]+ )* ) ) )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
