"""Gitignore-style path patterns, relative to one folder: one matcher for ``exclude``,
``extend-exclude``, ``per-file-ignores`` and ``.gitignore`` files.

The patterns are compiled by ``pathspec`` (its ``gitignore`` pattern kind), never by a
hand-written matcher. As in a ``.gitignore``: a pattern without a slash (``venv``, ``*.ipynb``)
matches a name at any depth; one with a slash (``src/gen``, ``legacy/**/*.py``) is anchored to
the folder; a trailing slash matches folders only; ``!`` re-includes; the last pattern that
matches the path itself decides; what is below an excluded folder is excluded with it.

pathspec's :class:`~pathspec.GitIgnoreSpec` is not used: it gives a folder's own ``!name/``
less weight than an earlier ``*`` (``*`` then ``!*/`` leaves ``sub/`` ignored), where git
re-includes it. Git's own algorithm is a plain last-match per path plus pruning the walk at an
ignored folder, which is what :mod:`livemigrate.discovery` does with these lists (a test checks
the walk against ``git ls-files``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from pathspec import PathSpec

__all__ = ["PatternError", "PatternList", "compile_patterns", "read_ignore_file", "relative_to"]


class PatternError(ValueError):
    """A pattern pathspec cannot compile (``"!"``, a trailing ``"\\"``, ``"[z-a]"``)."""


def relative_to(folder: str, path: str) -> str | None:
    """``path`` below ``folder`` with ``/`` separators, or None when it is not strictly below it.
    Both are absolute and normalised (``os.path.abspath``): a prefix test, no system call."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if not path.startswith(prefix) or len(path) == len(prefix):
        return None
    return path[len(prefix):].replace(os.sep, "/")


@dataclass(frozen=True, eq=False)
class PatternList:
    """Patterns anchored at ``folder`` (absolute). ``by_name_outside``: a path outside the folder
    is matched by its name alone, so ``node_modules`` still prunes a tree outside the project
    while ``src/gen`` (anchored) cannot match there."""

    folder: str
    lines: tuple[str, ...]
    spec: PathSpec
    by_name_outside: bool = False

    def _relative(self, path: str) -> str | None:
        relative = relative_to(self.folder, path)
        if relative is None and self.by_name_outside:
            return os.path.basename(path)
        return relative

    def decide(self, path: str, is_dir: bool = False) -> bool | None:
        """git's verdict on ``path`` itself (absolute): True excluded, False re-included by a
        ``!`` pattern, None when no pattern names it. Only patterns that match the path itself
        count (git's rule; the walk has judged the folders above it already)."""
        relative = self._relative(path)
        return None if relative is None else self._decide(relative + "/" if is_dir else relative)

    def _decide(self, candidate: str) -> bool | None:
        verdict = None
        for pattern in self.spec.patterns:
            if pattern.include is None:
                continue  # a comment or blank line
            result = pattern.match_file(candidate)
            # pathspec also matches everything below a matching folder ("out/" matches
            # "out/a.py", ending at "out/"); git does not: only a match of the whole path counts
            if result is not None and result.match.end() == len(candidate):
                verdict = pattern.include
        return verdict

    def matches(self, path: str, is_dir: bool = False) -> bool:
        """Whether the patterns exclude ``path`` or a folder above it (inside ``folder``): git's
        verdict on each, from the outermost down, as a walk would reach it."""
        relative = self._relative(path)
        if relative is None:
            return False
        parts = relative.split("/")
        for depth in range(1, len(parts) + 1):
            inner = depth < len(parts)
            if self._decide("/".join(parts[:depth]) + ("/" if inner or is_dir else "")):
                return True
        return False


def _compiled(lines: Iterable[str]) -> PathSpec:
    try:
        return PathSpec.from_lines("gitignore", list(lines))
    except (ValueError, re.error) as exc:  # pathspec's pattern errors are ValueErrors
        raise PatternError(str(exc)) from None


@lru_cache(maxsize=None)
def compile_patterns(folder: str, lines: tuple[str, ...], by_name_outside: bool = False) -> PatternList:
    """The patterns compiled once per (folder, lines): every Settings and every file of a run
    that share them share the compiled form. :class:`PatternError` names a bad pattern."""
    try:
        spec = _compiled(lines)
    except PatternError:
        for line in lines:  # name the culprit
            try:
                _compiled([line])
            except PatternError:
                raise PatternError(f"{line!r} is not a valid gitignore-style pattern") from None
        raise
    return PatternList(folder, lines, spec, by_name_outside)


def _compiles(line: str) -> bool:
    try:
        _compiled([line])
    except PatternError:
        return False
    return True


def read_ignore_file(folder: str, path: str) -> PatternList | None:
    """The patterns of one ignore file (``.gitignore``, ``.git/info/exclude``) anchored at
    ``folder``; None when it is missing, unreadable or empty. Lines git would reject are
    dropped, as git drops them, rather than failing the run."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return None
    lines = text.splitlines()
    try:
        spec = _compiled(lines)
    except PatternError:
        lines = [line for line in lines if _compiles(line)]
        spec = _compiled(lines)
    return PatternList(folder, tuple(lines), spec) if spec.patterns else None
