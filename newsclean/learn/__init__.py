"""The learned side: block features, the two-stage labeller on the ``parse_article`` path
(``labeller.py``, weights ``labeller.json``) and the older one-stage scorer (``scorer.py``,
``weights.json``); both are trained by scripts in ``bench/``."""
