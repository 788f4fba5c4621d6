"""The learned side: block features and the two-stage labeller (``labeller.py``, weights
``labeller.json``, trained by ``bench/train.py``), opt-in through ``parse_article(...,
labeller="learned")``."""
