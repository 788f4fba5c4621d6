"""The linter's settings per directory: ``pyproject.toml`` found upwards, ``.gitignore``
files, command-line overrides, and what a directory walk excludes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsclean.io.files import TEXT_SUFFIXES, InputError
from newsclean.lint.config import (
    Config,
    config_from_pyproject,
    config_from_toml,
    gitignore_patterns,
    is_excluded,
    matches,
    relative_to_root,
    with_overrides,
)


def selectors(value: str) -> list[str]:
    return [part for part in value.split(",") if part.strip()]


#: The settings files looked for in each directory, first found first: newsclean's own
#: file (top-level keys, as ``ruff.toml``) before ``pyproject.toml``'s [tool.newsclean].
SETTINGS_FILES = (".newsclean.toml", "newsclean.toml", "pyproject.toml")


def read_settings_file(path: Path) -> Config | None:
    """The settings in ``path`` (None: a pyproject.toml without [tool.newsclean]); a file
    that cannot be read or holds bad settings is an InputError naming it."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise InputError(str(path), (exc.strerror or str(exc)).lower()) from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8; save the settings file as UTF-8") from None
    root = str(path.parent.resolve())
    try:
        if path.name == "pyproject.toml":
            return config_from_pyproject(text, root)
        return config_from_toml(text, root)
    except ValueError as exc:
        raise InputError(str(path), str(exc)) from None


class Settings:
    """Finds the settings for each path: the file named by --config, else the nearest
    newsclean.toml or pyproject.toml with [tool.newsclean], then the command line's
    overrides; remembers each directory's answer (and where it came from) for the run."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.cache: dict[Path, Config] = {}
        self.sources: dict[Path, Path | None] = {}
        self.ignores: dict[Path, tuple[str, ...]] = {}

    def for_dir(self, directory: Path) -> Config:
        directory = directory.resolve()
        if directory not in self.cache:
            found = None if self.args.isolated else self._found(directory)
            self.cache[directory] = with_overrides(
                found or Config(),
                quotes=self.args.quotes,
                select=self.args.select,
                ignore=self.args.ignore,
                extend_exclude=self.args.extend_exclude,
                extend_select=getattr(self.args, "extend_select", None) or (),
                exclude=getattr(self.args, "exclude", None),
            )
        return self.cache[directory]

    def source(self, directory: Path) -> Path | None:
        """The settings file ``directory``'s settings came from, None for the defaults."""
        self.for_dir(directory)
        return self.sources.get(directory.resolve())

    def _found(self, directory: Path) -> Config | None:
        named = getattr(self.args, "config", None)
        candidates = [Path(named)] if named else self._candidates(directory)
        for candidate in candidates:
            config = read_settings_file(candidate)
            if config is not None or named:
                self.sources[directory] = candidate
                return config
        return None

    @staticmethod
    def _candidates(directory: Path) -> list[Path]:
        return [
            folder / name
            for folder in (directory, *directory.parents)
            for name in SETTINGS_FILES
            if (folder / name).is_file()
        ]

    def gitignored(self, directory: Path) -> tuple[str, ...]:
        """The patterns of ``directory``'s .gitignore (empty when there is none)."""
        if directory not in self.ignores:
            try:
                text = (directory / ".gitignore").read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self.ignores[directory] = gitignore_patterns(text)
        return self.ignores[directory]

    def excluded(self, path: Path, config: Config, top: Path | None = None) -> bool:
        """Whether ``path`` is excluded by the settings (patterns relative to the project
        root, else to ``top``) or by a .gitignore from that directory down to the file's.
        A symlink is judged where it lies, not where it leads (a loop leads nowhere)."""
        path = path.parent.resolve() / path.name
        base = Path(config.root) if config.root else (top or path.parent).resolve()
        relative = relative_to_root(path, base)
        if relative is None:
            return is_excluded(Path(path.name), config)
        if is_excluded(relative, config):
            return True
        if not getattr(self.args, "respect_gitignore", True):
            return False
        parts = relative.parts
        return any(
            matches(Path(*parts[depth:]), self.gitignored(base.joinpath(*parts[:depth])))
            for depth in range(len(parts))
        )


def walk_suffixes(config: Config) -> tuple[str, ...]:
    """File suffixes a directory walk looks at: the text ones and those of ``*.ext`` includes."""
    extra = (p[1:] for p in config.include if p.startswith("*.") and "*" not in p[1:])
    return tuple(dict.fromkeys((*TEXT_SUFFIXES, *extra)))
