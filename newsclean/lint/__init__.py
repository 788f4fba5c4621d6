"""The linter: rules with stable codes over the pipeline's fixes and labels.

``rule`` says what a rule is; ``encoding``, ``quotes``, ``structure`` and ``whitespace``
hold the four families (NC1xx to NC4xx), each ending in its ``RULES`` tuple; ``registry``
gathers them; ``config`` reads the settings; ``run`` selects and runs the rules, honours
``noqa`` and applies the fixes. The findings are shown by :mod:`newsclean.io.findings`.
"""
