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

Most patterns are a plain name (``venv``, ``build/``, every default exclude) or a name suffix
(``*.pyc``): those are answered by a dict lookup or ``str.endswith`` on the entry's name, so a
walk over thousands of folders runs pathspec's regular expressions only for the other patterns,
and only those that come after the last plain one that matches (the last match decides). A list
made only of such patterns (and comments) does not import pathspec at all: some 30 modules, about
40 ms of a run's start-up, spared where the defaults govern. A test holds both ways to the same
verdicts.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from livemigrate.records import FrozenRecord

TYPE_CHECKING = False  # (typing's costs a cold start; see livemigrate.records)
if TYPE_CHECKING:  # pathspec: imported when a pattern needs it (see the module docstring)
    from typing import Any, Iterable

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


# A pattern that names an entry by its name alone: a plain name (``venv``, ``build/``) or ``*``
# and a suffix (``*.pyc``), with nothing git reads specially (escapes, other globs, a slash
# before the end, spaces it would trim, a name starting with "!").
_BY_NAME = re.compile(r"(?P<negated>!?)(?P<star>\*?)(?P<name>[^\s/*?\[\]\\!][^\s/*?\[\]\\]*)(?P<dir_only>/?)\Z")


def _is_comment(line: str) -> bool:
    return not line or line.startswith("#")  # git's comment or blank line (never a pattern)


def _by_name(line: str) -> re.Match[str] | None:
    plain = _BY_NAME.match(line)
    if plain is None or (not plain["star"] and not plain["name"].strip(".")):
        return None  # "." and ".." are left to pathspec
    return plain


class PatternList(FrozenRecord):
    """Patterns anchored at ``folder`` (absolute). ``by_name_outside``: a path outside the folder
    is matched by its name alone, so ``node_modules`` still prunes a tree outside the project
    while ``src/gen`` (anchored) cannot match there. Raises :class:`PatternError` for a line
    pathspec cannot compile."""

    folder: str
    lines: tuple[str, ...]
    by_name_outside: bool

    _fields = ("folder", "lines", "by_name_outside")
    __eq__ = object.__eq__  # one list per compiled form: identity (compile_patterns shares them)
    __hash__ = object.__hash__

    def __init__(self, folder: str, lines: tuple[str, ...], by_name_outside: bool = False) -> None:
        object.__setattr__(self, "folder", folder)
        object.__setattr__(self, "lines", lines)
        object.__setattr__(self, "by_name_outside", by_name_outside)
        # Each pattern by its position (the last match decides): plain names in two dicts
        # (name -> last position naming it; folders-only ones apart), suffixes and the rest
        # (pathspec's regular expressions) as lists from the last pattern back.
        if all(_is_comment(line) or _by_name(line) for line in self.lines):
            spec = None  # nothing here needs pathspec
            patterns: list[tuple[str, bool, Any]] = [(line, not line.startswith("!"), None)
                                                     for line in self.lines if not _is_comment(line)]
        else:
            spec = _compiled(self.lines)
            patterns = [(getattr(p, "pattern", None) or "", p.include, p) for p in spec.patterns
                        if p.include is not None]  # not a comment or blank line
        object.__setattr__(self, "_spec", spec)
        names: dict[str, int] = {}
        folder_names: dict[str, int] = {}
        suffixes: list[tuple[int, str, bool]] = []
        others: list[tuple[int, Any]] = []
        for index, (line, _, compiled) in enumerate(patterns):
            plain = _by_name(line)
            if plain is None:  # only where pathspec compiled the lines
                others.append((index, compiled))
            elif plain["star"]:
                suffixes.append((index, plain["name"], bool(plain["dir_only"])))
            else:
                (folder_names if plain["dir_only"] else names)[plain["name"]] = index
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_folder_names", folder_names)
        object.__setattr__(self, "_suffixes", tuple(reversed(suffixes)))
        object.__setattr__(self, "_others", tuple(reversed(others)))
        object.__setattr__(self, "_include", tuple(include for _, include, _ in patterns))

    @property
    def spec(self) -> PathSpec:
        """pathspec's compiled form of :attr:`lines` (compiled on first use when no pattern
        needed it for matching)."""
        if self._spec is None:  # type: ignore[attr-defined]
            object.__setattr__(self, "_spec", _compiled(self.lines))
        return self._spec  # type: ignore[attr-defined]

    def __bool__(self) -> bool:
        return bool(self._include)  # type: ignore[attr-defined]

    def _relative(self, path: str) -> str | None:
        relative = relative_to(self.folder, path)
        if relative is None and self.by_name_outside:
            return os.path.basename(path)
        return relative

    def prefix_of(self, folder: str) -> str | None:
        """What the entries of ``folder`` (absolute, normalised) are below :attr:`folder`, as
        :meth:`decide_entry` takes it: ``""`` for the folder itself (or any folder outside it,
        with ``by_name_outside``), ``"sub/dir/"`` below it; None when no pattern can name them."""
        if folder == self.folder:
            return ""
        relative = relative_to(self.folder, folder)
        if relative is None:
            return "" if self.by_name_outside else None
        return relative + "/"

    def decide(self, path: str, is_dir: bool = False) -> bool | None:
        """git's verdict on ``path`` itself (absolute): True excluded, False re-included by a
        ``!`` pattern, None when no pattern names it. Only patterns that match the path itself
        count (git's rule; the walk has judged the folders above it already)."""
        relative = self._relative(path)
        if relative is None:
            return None
        prefix, _, name = relative.rpartition("/")
        return self.decide_entry(prefix + "/" if prefix else "", name, is_dir)

    def decide_entry(self, prefix: str, name: str, is_dir: bool = False) -> bool | None:
        """:meth:`decide` for the entry ``name`` of a folder whose :meth:`prefix_of` is
        ``prefix``: what a walk asks of every entry, without building a path unless a pattern
        other than a plain name or suffix must see it."""
        best = self._names.get(name, -1)  # type: ignore[attr-defined]
        if is_dir:
            best = max(best, self._folder_names.get(name, -1))  # type: ignore[attr-defined]
        for index, suffix, dir_only in self._suffixes:  # type: ignore[attr-defined]
            if index <= best:
                break
            if name.endswith(suffix) and (is_dir or not dir_only):
                best = index
                break
        candidate = None
        for index, pattern in self._others:  # type: ignore[attr-defined]
            if index <= best:
                break
            if candidate is None:
                candidate = prefix + name + ("/" if is_dir else "")
            result = pattern.match_file(candidate)
            # pathspec also matches everything below a matching folder ("out/" matches
            # "out/a.py", ending at "out/"); git does not: only a match of the whole path counts
            if result is not None and result.match.end() == len(candidate):
                best = index
                break
        return self._include[best] if best >= 0 else None  # type: ignore[attr-defined]

    def matches(self, path: str, is_dir: bool = False) -> bool:
        """Whether the patterns exclude ``path`` or a folder above it (inside ``folder``): git's
        verdict on each, from the outermost down, as a walk would reach it."""
        relative = self._relative(path)
        if relative is None:
            return False
        parts = relative.split("/")
        prefix = ""
        for depth, name in enumerate(parts, start=1):
            if self.decide_entry(prefix, name, is_dir or depth < len(parts)):
                return True
            prefix += name + "/"
        return False


def _compiled(lines: Iterable[str]) -> PathSpec:
    from pathspec import PathSpec

    try:
        return PathSpec.from_lines("gitignore", list(lines))
    except (ValueError, re.error) as exc:  # pathspec's pattern errors are ValueErrors
        raise PatternError(str(exc)) from None


@lru_cache(maxsize=None)
def compile_patterns(folder: str, lines: tuple[str, ...], by_name_outside: bool = False) -> PatternList:
    """The patterns compiled once per (folder, lines): every Settings and every file of a run
    that share them share the compiled form. :class:`PatternError` names a bad pattern."""
    try:
        return PatternList(folder, lines, by_name_outside)
    except PatternError:
        for line in lines:  # name the culprit
            if not _compiles(line):
                raise PatternError(f"{line!r} is not a valid gitignore-style pattern") from None
        raise


def _compiles(line: str) -> bool:
    try:
        _compiled([line])
    except PatternError:
        return False
    return True


def read_ignore_file(folder: str, path: str) -> PatternList | None:
    """The patterns of one ignore file (``.gitignore``, ``.git/info/exclude``) anchored at
    ``folder``; None when it is missing, unreadable or has no pattern. Lines git would reject
    are dropped, as git drops them, rather than failing the run."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return None
    lines = text.splitlines()
    try:
        patterns = PatternList(folder, tuple(lines))
    except PatternError:
        patterns = PatternList(folder, tuple(line for line in lines if _compiles(line)))
    return patterns if patterns else None
