"""The learned side: block features and the two-stage labeller (``labeller.py``, weights
``labeller.json``, trained by ``bench/train.py``): the default labeller of ``parse_article``
(``labeller="rules"`` labels with the rules alone)."""
