"""The linter's settings: one frozen :class:`Config`, built from a ``[tool.newsclean]`` table.

Everything here is pure: the command line finds and reads ``pyproject.toml`` and hands the
text to :func:`config_from_pyproject`; path patterns are matched without touching the disk.
Keys: ``quotes``, ``select``, ``ignore``, ``include``, ``exclude``, ``extend-exclude``,
``markdown``, ``per-file-ignores`` (ruff's shape: a table of glob to codes).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import PurePath
from typing import Any

from newsclean.lint.registry import ALL_RULES, CODES_BY_NAME
from newsclean.model import QUOTE_STYLES, QuoteStyle

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 needs the backport (dependency: tomli)
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

#: Files taken when a directory is walked.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.text", "*.md", "*.markdown")
#: Never walked into or linted: tool directories, and the linter's own sidecar files.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    "build",
    "dist",
)
#: Never linted, whatever the settings: the sidecars ``--unsafe-fixes`` writes.
ALWAYS_EXCLUDE: tuple[str, ...] = ("*.removed.txt",)
_KEYS = (
    "quotes",
    "select",
    "ignore",
    "include",
    "exclude",
    "extend-exclude",
    "markdown",
    "per-file-ignores",
)
#: Files read as Markdown whatever the settings (matched case-insensitively).
MARKDOWN_SUFFIXES: tuple[str, ...] = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class Config:
    """The linter's settings for the files under one project root.

    ``quotes`` is the required quote style ("keep": none, so only mixing is reported).
    ``select`` and ``ignore`` hold codes, code prefixes (``NC1``) or rule names; the
    longest matching entry wins, ``ignore`` on a tie. ``root`` is the directory of the
    ``pyproject.toml`` the settings came from (patterns are relative to it), or None.
    ``markdown`` reads the text as Markdown: code, front matter, HTML, links, layout and
    hard breaks are left alone (``.md`` and ``.markdown`` files are read so anyway).
    ``per_file_ignores`` pairs path patterns (matched as ``exclude`` patterns are) with
    the codes, prefixes or names ignored in the files they match.

    >>> Config().quotes, Config().select
    ('keep', ('NC',))
    """

    quotes: QuoteStyle = "keep"
    select: tuple[str, ...] = ("NC",)
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    root: str | None = None
    markdown: bool = False
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def is_enabled(self, code: str) -> bool:
        """Whether the rule ``code`` runs under ``select`` and ``ignore``.

        >>> Config(select=("NC1", "NC2"), ignore=("NC104",)).is_enabled("NC104")
        False
        """
        return _weight(code, self.select) > _weight(code, self.ignore)

    @property
    def excludes(self) -> tuple[str, ...]:
        """``exclude`` and ``extend-exclude`` together, and the sidecar files."""
        return self.exclude + self.extend_exclude + ALWAYS_EXCLUDE


def _weight(code: str, selectors: Iterable[str]) -> int:
    """Length of the longest selector matching ``code``; 0 when none does."""
    return max((len(s) for s in selectors if code.startswith(s)), default=0)


def normalize_selectors(values: Iterable[str], key: str = "select") -> tuple[str, ...]:
    """Turn codes, prefixes and rule names into code prefixes, refusing unknown ones.

    >>> normalize_selectors(["nc1", "mixed-quotes"])
    ('NC1', 'NC201')
    """
    out = []
    for value in values:
        value = value.strip()
        selector = CODES_BY_NAME.get(value, value.upper())
        if not selector or not any(r.code.startswith(selector) for r in ALL_RULES):
            codes = ", ".join(r.code for r in ALL_RULES)
            raise ValueError(f"{key}: unknown rule or prefix {value!r} (known: {codes})")
        out.append(selector)
    return tuple(out)


def _strings(table: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of strings, got {value!r}")
    return tuple(value)


def config_from_table(table: Mapping[str, Any], root: str | None = None) -> Config:
    """Build a :class:`Config` from a parsed ``[tool.newsclean]`` table.

    Raises ``ValueError`` naming the bad key for unknown keys and values of the wrong type.

    >>> config_from_table({"quotes": "curly", "ignore": ["NC4"]}).ignore
    ('NC4',)
    """
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        known = ", ".join(_KEYS)
        raise ValueError(f"unknown key {unknown[0]!r} in [tool.newsclean]; known keys: {known}")
    quotes = table.get("quotes", "keep")
    if quotes not in QUOTE_STYLES:
        raise ValueError(f"quotes must be one of {', '.join(QUOTE_STYLES)}, got {quotes!r}")
    markdown = table.get("markdown", False)
    if not isinstance(markdown, bool):
        raise ValueError(f"markdown must be true or false, got {markdown!r}")
    per_file = _per_file_ignores(table.get("per-file-ignores", {}))
    config = Config(quotes=quotes, root=root, markdown=markdown, per_file_ignores=per_file)
    select, ignore = _strings(table, "select"), _strings(table, "ignore")
    include, exclude = _strings(table, "include"), _strings(table, "exclude")
    extend = _strings(table, "extend-exclude")
    return replace(
        config,
        select=config.select if select is None else normalize_selectors(select, "select"),
        ignore=config.ignore if ignore is None else normalize_selectors(ignore, "ignore"),
        include=config.include if include is None else include,
        exclude=config.exclude if exclude is None else exclude,
        extend_exclude=extend or (),
    )


def _per_file_ignores(value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The ``per-file-ignores`` table as (pattern, selectors) pairs, in the file's order."""
    if not isinstance(value, dict):
        raise ValueError(f"per-file-ignores must be a table of pattern = [codes], got {value!r}")
    pairs = []
    for pattern, codes in value.items():
        key = f"per-file-ignores.{pattern!r}"
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ValueError(f"{key} must be a list of codes, got {codes!r}")
        pairs.append((pattern, normalize_selectors(codes, key)))
    return tuple(pairs)


def for_file(config: Config, relative: PurePath) -> Config:
    """Return ``config`` with the ``per-file-ignores`` that match ``relative`` ignored too.

    ``relative`` is the file's path relative to the project root (:attr:`Config.root`).

    >>> from pathlib import PurePosixPath
    >>> config = config_from_table({"per-file-ignores": {"drafts/*.txt": ["NC4"]}})
    >>> for_file(config, PurePosixPath("drafts/a.txt")).ignore
    ('NC4',)
    """
    extra = [
        code
        for pattern, codes in config.per_file_ignores
        if matches(relative, [pattern])
        for code in codes
    ]
    return replace(config, ignore=config.ignore + tuple(extra)) if extra else config


def config_from_pyproject(text: str, root: str | None = None) -> Config | None:
    """Read the ``[tool.newsclean]`` table of a ``pyproject.toml``'s text, None if absent.

    Raises ``ValueError`` for bad TOML or bad settings.

    >>> config_from_pyproject('[tool.newsclean]\\nquotes = "straight"\\n').quotes
    'straight'
    >>> config_from_pyproject('[project]\\nname = "x"\\n') is None
    True
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("newsclean")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ValueError("[tool.newsclean] must be a table")
    return config_from_table(table, root)


def config_from_toml(text: str, root: str | None = None) -> Config:
    """Read a ``newsclean.toml``'s text: the settings at the top level, as ``ruff.toml``.

    Raises ``ValueError`` for bad TOML or bad settings.

    >>> config_from_toml('quotes = "curly"\\n').quotes
    'curly'
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"invalid TOML: {exc}") from None
    return config_from_table(data, root)


def with_overrides(
    config: Config,
    *,
    quotes: QuoteStyle | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    extend_exclude: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    exclude: Sequence[str] | None = None,
) -> Config:
    """Return ``config`` with the command line's settings in place of the file's;
    ``extend_select`` adds to the selection (the file's, or ``select``), ``exclude``
    replaces the exclusions (the defaults too) as the setting does.

    >>> with_overrides(Config(), select=["NC2"], extend_select=["NC405"]).select
    ('NC2', 'NC405')
    """
    chosen = config.select if select is None else normalize_selectors(select, "--select")
    return replace(
        config,
        quotes=quotes or config.quotes,
        select=chosen + normalize_selectors(extend_select, "--extend-select"),
        ignore=config.ignore if ignore is None else normalize_selectors(ignore, "--ignore"),
        extend_exclude=config.extend_exclude + tuple(extend_exclude),
        exclude=config.exclude if exclude is None else tuple(exclude),
    )


def is_markdown_path(path: PurePath) -> bool:
    """Whether a file is read as Markdown by its name (``.md``, ``.markdown``, any case).

    >>> from pathlib import PurePosixPath
    >>> is_markdown_path(PurePosixPath("docs/README.MD")), is_markdown_path(PurePosixPath("a.txt"))
    (True, False)
    """
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def gitignore_patterns(text: str) -> tuple[str, ...]:
    """Return the usable patterns of a ``.gitignore`` file's text.

    A simple reading: comments, blank lines and negations (``!keep.txt``) are dropped,
    a trailing ``/`` is ignored (so ``drafts/`` also matches a file named drafts), and
    ``**`` is treated like ``*``.

    >>> gitignore_patterns("# notes\\ndrafts/\\n!keep.txt\\n*.tmp\\n")
    ('drafts', '*.tmp')
    """
    patterns = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")):
            continue
        patterns.append(line.rstrip("/").replace("**/", "").replace("**", "*"))
    return tuple(p for p in patterns if p)


def matches(path: PurePath, patterns: Iterable[str]) -> bool:
    """Whether ``path`` (relative to the project root) matches any pattern.

    A pattern with a ``/`` matches the whole relative path (a leading ``/`` anchors it
    at the root); one without matches any single component, so ``drafts`` excludes a
    directory anywhere in the tree and ``*.tmp`` any such file.

    >>> from pathlib import PurePosixPath
    >>> matches(PurePosixPath("news/drafts/a.txt"), ["drafts"])
    True
    >>> matches(PurePosixPath("news/a.txt"), ["/a.txt", "other/*.txt"])
    False
    """
    posix = path.as_posix()
    for pattern in patterns:
        if "/" in pattern.rstrip("/"):
            anchored = pattern.strip("/")
            if fnmatchcase(posix, anchored) or fnmatchcase(posix, anchored + "/*"):
                return True
        elif any(fnmatchcase(part, pattern.rstrip("/")) for part in path.parts):
            return True
    return False


def relative_to_root(path: PurePath, root: PurePath) -> PurePath | None:
    """Return ``path`` relative to ``root``, or None when it lies outside it.

    >>> from pathlib import PurePosixPath
    >>> relative_to_root(PurePosixPath("/p/a/b.txt"), PurePosixPath("/p"))
    PurePosixPath('a/b.txt')
    """
    try:
        return path.relative_to(root)
    except ValueError:
        return None


def is_excluded(relative: PurePath, config: Config, extra: Iterable[str] = ()) -> bool:
    """Whether a path relative to the root is excluded by ``config`` or ``extra`` patterns.

    >>> from pathlib import PurePosixPath
    >>> is_excluded(PurePosixPath("notes.removed.txt"), Config())
    True
    """
    return matches(relative, (*config.excludes, *extra))


def is_included(relative: PurePath, config: Config) -> bool:
    """Whether a file found by walking a directory matches an ``include`` pattern.

    >>> from pathlib import PurePosixPath
    >>> is_included(PurePosixPath("a/STORY.md"), Config())
    True
    """
    name, whole = relative.name.lower(), relative.as_posix().lower()
    return any(
        fnmatchcase(name, p.lower()) or fnmatchcase(whole, p.lower()) for p in config.include
    )
