"""Reading labelled pages from disk: a ``.txt`` file and its labels beside it.

Directories give every ``.txt`` file with a ``.labels.json`` (team corpus) or ``.json``
(labelled real page) beside it; the values are made by :mod:`newsclean.evaluate.pages`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsclean.evaluate.pages import (
    Format,
    Page,
    check_labels,
    corpus_page,
    labelled_page,
    normalize_newlines,
)
from newsclean.model import InputError


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is dropped) with its line endings made ``\\n``."""
    return normalize_newlines(path.read_bytes().decode("utf-8-sig"))


def read_labels(path: Path) -> dict[str, Any]:
    """Read a labels file: a JSON object with a ``blocks`` list."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read labels: {exc}") from None
    return check_labels(str(path), data)


def labels_path(text_path: Path) -> tuple[Path, Format] | None:
    """Return the labels file beside a ``.txt`` file and its format, or ``None``."""
    stem = text_path.with_suffix("")
    for candidate, fmt in ((".labels.json", "corpus"), (".json", "labelled")):
        path = stem.with_name(stem.name + candidate)
        if path.is_file():
            return path, fmt  # type: ignore[return-value]
    return None


def read_splits(directory: Path) -> dict[str, str]:
    """Read a directory's ``index.json`` as page id -> split (``train``, ``validation``).

    A directory without an index has no splits: ``{}``.
    """
    path = directory / "index.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read the split index: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "the split index must be a JSON object of page ids")
    return {k: str(v.get("split", "")) for k, v in data.items() if isinstance(v, dict)}


def _split_texts(directory: Path, split: str | None) -> list[Path]:
    texts = sorted(directory.glob("*.txt"))
    if split is None:
        return texts
    splits = read_splits(directory)
    if not splits:
        raise InputError(str(directory), f"no index.json here to choose the {split!r} split from")
    return [t for t in texts if splits.get(t.stem) == split]


def find_pages(
    paths: Iterable[str], split: str | None = None
) -> tuple[tuple[Path, Path, Format], ...]:
    """Expand paths (directories: every ``.txt`` with labels beside it) to labelled texts.

    With ``split``, a directory gives only the pages its ``index.json`` puts in that split.
    """
    found: list[tuple[Path, Path, Format]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            chosen = _split_texts(path, split)
            pairs = [(t, *lab) for t in chosen if (lab := labels_path(t))]
            if not pairs:
                raise InputError(str(path), "no .txt file with .labels.json or .json labels here")
            found.extend(pairs)
        elif path.is_file():
            lab = labels_path(path) if path.suffix == ".txt" else None
            if lab is None:
                raise InputError(
                    str(path), "give a .txt file with a .labels.json or .json beside it"
                )
            found.append((path, *lab))
        else:
            raise InputError(str(path), "no such file or directory")
    return tuple(found)


def load_page(text_path: Path, labels: Path, fmt: Format) -> Page:
    """Load one page in its format, turning unreadable text into an :class:`InputError`."""
    try:
        text = read_text(text_path)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(text_path), f"cannot read text: {exc}") from None
    make = corpus_page if fmt == "corpus" else labelled_page
    return make(str(text_path), text, read_labels(labels), str(labels))


def load_corpus_page(text_path: Path, labels: Path) -> Page:
    """Load a team-corpus page (see :func:`newsclean.evaluate.pages.corpus_page`)."""
    return load_page(text_path, labels, "corpus")


def load_labelled_page(text_path: Path, labels: Path) -> Page:
    """Load a labelled real page (see :func:`newsclean.evaluate.pages.labelled_page`)."""
    return load_page(text_path, labels, "labelled")
