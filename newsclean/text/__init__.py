"""The text fixes: encoding, whitespace, scraper spacing and quotes, and the pipeline that
runs them in order (:func:`fix_text`, :func:`clean_text`). Each fix changes characters only."""

from newsclean.text.pipeline import clean_text, fix_text

__all__ = ["clean_text", "fix_text"]
