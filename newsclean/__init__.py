"""newsclean: turn scraped news text into clean, structured articles.

Fix the characters (encoding, quotes, spacing, whitespace), then say what every block
is (headline, paragraph, caption, boilerplate…) without dropping a word.
"""

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# The public names are imported on first use (PEP 562), so ``import newsclean`` and the
# command line's ``--version``/``--help`` do not load the labelling stack and ftfy: a
# pre-commit hook on one file starts at once.
if TYPE_CHECKING:
    from newsclean.article import parse_article
    from newsclean.batch import clean_batch, map_record, map_records
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

#: Where each public name lives, for :func:`__getattr__`.
_EXPORTS: MappingProxyType[str, str] = MappingProxyType(
    {
        "ALL_RULES": "newsclean.lint.registry",
        "Article": "newsclean.model",
        "Block": "newsclean.model",
        "Cleaned": "newsclean.model",
        "Config": "newsclean.lint.config",
        "Context": "newsclean.blocks.shape",
        "Decision": "newsclean.model",
        "Finding": "newsclean.model",
        "Fix": "newsclean.model",
        "Rule": "newsclean.lint.rule",
        "Span": "newsclean.model",
        "apply_fixes": "newsclean.model",
        "apply_layout": "newsclean.classify.layout",
        "clean_batch": "newsclean.batch",
        "clean_encoding": "newsclean.text.encoding",
        "clean_quotes": "newsclean.text.quotes",
        "clean_spacing": "newsclean.text.spacing",
        "clean_text": "newsclean.text.pipeline",
        "clean_whitespace": "newsclean.text.whitespace",
        "context_of": "newsclean.blocks.shape",
        "fix_encoding": "newsclean.text.encoding",
        "fix_spacing": "newsclean.text.spacing",
        "fix_text": "newsclean.text.pipeline",
        "fix_until_clean": "newsclean.lint.run",
        "is_boilerplate": "newsclean.classify.boilerplate",
        "is_caption": "newsclean.classify.captions",
        "is_subheading": "newsclean.classify.subheadings",
        "lint_text": "newsclean.lint.run",
        "map_record": "newsclean.batch",
        "map_records": "newsclean.batch",
        "normalize_quotes": "newsclean.text.quotes",
        "normalize_whitespace": "newsclean.text.whitespace",
        "parse_article": "newsclean.article",
        "segment_paragraphs": "newsclean.blocks.paragraphs",
        "split_headlines": "newsclean.blocks.headlines",
    }
)


def __getattr__(name: str) -> object:
    """Import a public name's module on first use and keep the name here."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsclean' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
    "clean_batch",
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
    "map_record",
    "map_records",
    "normalize_quotes",
    "normalize_whitespace",
    "parse_article",
    "segment_paragraphs",
    "split_headlines",
]
