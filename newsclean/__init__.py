"""newsclean: turn scraped news text into clean, structured articles.

Fix the characters (encoding, quotes, spacing, whitespace), then say what every block
is (headline, paragraph, caption, boilerplate…) without dropping a word.
"""

from newsclean.encoding import clean_encoding, fix_encoding
from newsclean.model import (
    Article,
    Block,
    Cleaned,
    Finding,
    Fix,
    Span,
    apply_fixes,
)
from newsclean.quotes import clean_quotes, normalize_quotes
from newsclean.spacing import clean_spacing, fix_spacing
from newsclean.text import clean_text, fix_text
from newsclean.whitespace import clean_whitespace, normalize_whitespace

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "Cleaned",
    "Finding",
    "Fix",
    "Span",
    "__version__",
    "apply_fixes",
    "clean_encoding",
    "clean_quotes",
    "clean_spacing",
    "clean_text",
    "clean_whitespace",
    "fix_encoding",
    "fix_spacing",
    "fix_text",
    "normalize_quotes",
    "normalize_whitespace",
]
