"""newsclean: turn scraped news text into clean, structured articles.

Fix the characters (encoding, quotes, spacing, whitespace), then say what every block
is (headline, paragraph, caption, boilerplate…) without dropping a word.
"""

from newsclean.article import parse_article
from newsclean.boilerplate import is_boilerplate
from newsclean.captions import is_caption
from newsclean.config import Config
from newsclean.encoding import clean_encoding, fix_encoding
from newsclean.headlines import split_headlines
from newsclean.layout import apply_layout
from newsclean.lint import fix_until_clean, lint_text
from newsclean.model import (
    Article,
    Block,
    Cleaned,
    Decision,
    Finding,
    Fix,
    Span,
    apply_fixes,
)
from newsclean.paragraphs import segment_paragraphs
from newsclean.quotes import clean_quotes, normalize_quotes
from newsclean.rules import ALL_RULES, Rule
from newsclean.shape import Context, context_of
from newsclean.spacing import clean_spacing, fix_spacing
from newsclean.subheadings import is_subheading
from newsclean.text import clean_text, fix_text
from newsclean.whitespace import clean_whitespace, normalize_whitespace

__version__ = "0.1.0"

__all__ = [
    "ALL_RULES",
    "Article",
    "Block",
    "Cleaned",
    "Config",
    "Context",
    "Decision",
    "Finding",
    "Fix",
    "Rule",
    "Span",
    "__version__",
    "apply_fixes",
    "apply_layout",
    "clean_encoding",
    "clean_quotes",
    "clean_spacing",
    "clean_text",
    "clean_whitespace",
    "context_of",
    "fix_encoding",
    "fix_spacing",
    "fix_text",
    "fix_until_clean",
    "is_boilerplate",
    "is_caption",
    "is_subheading",
    "lint_text",
    "normalize_quotes",
    "normalize_whitespace",
    "parse_article",
    "segment_paragraphs",
    "split_headlines",
]
