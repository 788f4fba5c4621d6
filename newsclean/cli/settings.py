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
    gitignore_patterns,
    is_excluded,
    matches,
    relative_to_root,
    with_overrides,
)


def selectors(value: str) -> list[str]:
    return [part for part in value.split(",") if part.strip()]


class Settings:
    """Finds the settings for each path: the nearest pyproject.toml with [tool.newsclean],
    then the command line's overrides; remembers each directory's answer for the run."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.cache: dict[Path, Config] = {}
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
            )
        return self.cache[directory]

    def _found(self, directory: Path) -> Config | None:
        for folder in (directory, *directory.parents):
            candidate = folder / "pyproject.toml"
            if candidate.is_file():
                try:
                    config = config_from_pyproject(candidate.read_text("utf-8"), str(folder))
                except (OSError, UnicodeDecodeError, ValueError) as exc:
                    raise InputError(str(candidate), str(exc)) from None
                if config is not None:
                    return config
        return None

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
        parts = relative.parts
        return any(
            matches(Path(*parts[depth:]), self.gitignored(base.joinpath(*parts[:depth])))
            for depth in range(len(parts))
        )


def walk_suffixes(config: Config) -> tuple[str, ...]:
    """File suffixes a directory walk looks at: the text ones and those of ``*.ext`` includes."""
    extra = (p[1:] for p in config.include if p.startswith("*.") and "*" not in p[1:])
    return tuple(dict.fromkeys((*TEXT_SUFFIXES, *extra)))
