"""newsclean checks the project's own docs, as the repo's pre-commit hook does."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["README.md", "CONTRIBUTING.md", "corpus/README.md"]


def test_the_docs_pass_newsclean_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check", "--force-exclude", *DOCS]) == 0


def test_the_corpus_inputs_are_excluded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    # the messy inputs are skipped, so naming them with --force-exclude finds nothing
    assert main(["check", "--force-exclude", "corpus/houla.txt"]) == 0
    # without the project's settings the same file has findings
    assert main(["check", "--isolated", "corpus/houla.txt"]) == 1
