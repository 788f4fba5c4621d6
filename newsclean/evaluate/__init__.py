"""Evaluation: scoring ``parse_article`` against labelled pages (``measure``) and the
extraction benchmark's shingle metric (``shingles``). Run ``python -m newsclean.evaluate``."""
