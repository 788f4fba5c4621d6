"""newsclean: turn scraped news text into clean, structured articles.

Fix the characters (encoding, quotes, spacing, whitespace), then say what every block
is (headline, paragraph, caption, boilerplate…) without dropping a word.
"""

from newsclean.article import parse_article
from newsclean.blocks.headlines import split_headlines
from newsclean.blocks.paragraphs import segment_paragraphs
from newsclean.blocks.shape import Context, context_of
from newsclean.classify.boilerplate import is_boilerplate
from newsclean.classify.captions import is_caption
from newsclean.classify.layout import apply_layout
from newsclean.classify.subheadings import is_subheading
from newsclean.lint.config import Config
from newsclean.lint.registry import ALL_RULES
from newsclean.lint.rule import Rule
from newsclean.lint.run import fix_until_clean, lint_text
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
from newsclean.text.encoding import clean_encoding, fix_encoding
from newsclean.text.pipeline import clean_text, fix_text
from newsclean.text.quotes import clean_quotes, normalize_quotes
from newsclean.text.spacing import clean_spacing, fix_spacing
from newsclean.text.whitespace import clean_whitespace, normalize_whitespace

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
