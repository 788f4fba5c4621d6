"""The learned side, not on the ``parse_article`` path yet: block features, and a scorer whose
weights (``weights.json``) are trained by ``bench/train.py``."""
