"""The lexicon: every word list the classifiers match, written once as sorted data.

``dates`` (months, weekdays, time zones), ``people`` (pronouns, newsroom roles),
``words`` (function words: articles, conjunctions, prepositions, auxiliaries, reporting
verbs), ``media`` (agencies, picture libraries, picture words) and ``furniture`` (site
furniture: share bars, promotions, rights notices, sign-offs). ``build`` turns a list
into a pattern piece and derives keyword pre-checks from the same lists.
"""
