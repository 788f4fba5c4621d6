"""The linter: rules with stable codes over the pipeline's fixes and labels, the linter's
settings, and the runner (selection, ``noqa``, the fix loop)."""
