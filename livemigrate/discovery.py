"""Which files a run looks at, and what happens to each before a rule sees it.

A path on the command line goes through these steps; the first that says no decides:

1. **Discovery** (this module). A file named directly is taken whatever its name, if it is a
   regular file (a symlink to one counts) named ``*.py``, ``*.pyi`` or ``*.ipynb``; any other
   file named directly is an error ("is not a Python file or notebook; skipped"), never linted
   as Python. A FIFO, socket or device named directly is an error ("is a FIFO (named pipe), not
   a regular file; skipped") and is never opened: opening a FIFO blocks. A file (or folder)
   named directly is taken even where a walk would leave it out, unless ``force-exclude`` is on
   (``--force-exclude``; pre-commit names every staged file): then the excludes and the
   ``.gitignore`` rules below apply to it and to each folder above it, and an excluded one is
   skipped without a word.

   A folder is walked in name order for ``*.py``, ``*.pyi`` (stubs can hold the same model-id
   literals as the code they describe) and ``*.ipynb`` Jupyter notebooks (``extend-exclude =
   ["*.ipynb"]`` opts out; see :mod:`livemigrate.notebooks`). Each entry is judged with the
   settings of the folder it is in (its nearest ``[tool.livemigrate]``) and skipped without a
   word when

   - ``exclude``/``extend-exclude`` match it: gitignore-style patterns relative to the config's
     folder (:mod:`livemigrate.patterns`); the defaults name ``.git``, ``.venv``, ``venv``,
     ``node_modules``, ``build``, ``dist``, ``__pycache__``, ``.ipynb_checkpoints`` and the other
     folders ruff leaves out (:data:`~livemigrate.settings.DEFAULT_EXCLUDE`);
   - with ``respect-gitignore`` (the default; ``--no-respect-gitignore``), git ignores it: the
     ``.gitignore`` of every folder from the repository root (the nearest folder holding
     ``.git``) down, the deeper file first, and ``.git/info/exclude``. As in git, the last
     matching line of a file decides, ``!`` re-includes, a file inside an ignored folder stays
     ignored, and a nested repository has its own rules. Outside a repository no
     ``.gitignore`` applies (as git);
   - it is a hidden folder (``.name``), or a virtualenv (a folder holding ``pyvenv.cfg``,
     whatever its name);
   - it is a FIFO, socket, device, dangling symlink or symlinked folder (not followed, so a link
     loop cannot hang the walk).

   A pattern that matches the folder named on the command line itself (``livemigrate check
   build``) does not empty it: only what names its entries applies. A folder that cannot be
   listed, or whose ``[tool.livemigrate]`` is invalid, is an error (exit 2), never silence. A
   folder named on the command line that gives no Python file or notebook is noted in
   :attr:`~livemigrate.settings.SettingsResolver.paths_without_files`, and the command line
   warns about it (not an error). Every file is yielded once, under the first name that reached
   it: a symlink and its target, or two hard links, are one file (same ``(st_dev, st_ino)``).
2. **Reading** (:func:`livemigrate.source.read_source`): a file above ``max-file-size`` (checked
   with fstat, before a byte is read), unreadable, or containing NUL bytes is an error (exit 2).
3. **Byte prefilter** (:func:`livemigrate.prefilter.may_touch_live_api`): a file that mentions
   nothing of the Live API (its session methods, types, frames, endpoints, a 2.x or target
   Live model id) is done: no findings, no error. A module that only uses google-genai for
   ``generate_content`` is not parsed (with ``--rule-path`` rules, any google-genai module is).
4. **Parse** (libcst, once per file): a syntax or decoding error is an error (exit 2).

So a file the prefilter rules out is never parsed, and a syntax error in it is *not* exit 2.
"""

from __future__ import annotations

import operator
import os
import stat

from livemigrate.patterns import PatternList, read_ignore_file, relative_to
from livemigrate.settings import Settings, SettingsError
from livemigrate.source import SourceError, describe_non_regular

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from typing import Callable, Container, Iterable, Iterator, Protocol, Union

    from pathlib import Path

    from livemigrate.settings import SettingsResolver

    SettingsSource = Union[Settings, SettingsResolver]

    class Splitter(Protocol):
        """What :func:`iter_source_files` asks of a split walk (:class:`livemigrate.prescreen.SplitWalk`)."""

        def screen(self, path: str, settings: Settings) -> object: ...

        def wanted(self) -> bool: ...

        def walk(self, walker: _Walker, given: str, top: _Folder) -> Iterable[tuple[Record, object]]: ...

__all__ = ["NOTEBOOK_SUFFIX", "PYTHON_SUFFIXES", "SOURCE_SUFFIXES", "is_notebook", "iter_source_files",
           "iter_source_paths", "path_text"]

PYTHON_SUFFIXES = (".py", ".pyi")
NOTEBOOK_SUFFIX = ".ipynb"
SOURCE_SUFFIXES = (*PYTHON_SUFFIXES, NOTEBOOK_SUFFIX)

def is_notebook(path: str) -> bool:
    """Whether ``path`` names a Jupyter notebook (by its suffix, as ruff decides). Here, not in
    :mod:`livemigrate.notebooks`, so that a run whose files are all skipped never imports the
    notebook reader."""
    return path.lower().endswith(NOTEBOOK_SUFFIX)


def _named_error(path: str, exc: OSError) -> SourceError:
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return SourceError(str(path), "is a broken symbolic link (its target does not exist)")
        return SourceError(str(path), "no such file or directory")
    if isinstance(exc, PermissionError):
        return SourceError(str(path), "cannot be read: permission denied")
    return SourceError(str(path), f"cannot be read: {exc.strerror or exc}")


def _settings_for(settings: SettingsSource, folder: Path | str, names: Container[str] | None = None) -> Settings:
    return settings if isinstance(settings, Settings) else settings.for_folder(folder, names)


def _git_dir(root: str) -> str | None:
    """The git folder of the repository whose work tree starts at ``root``: ``.git`` itself, or
    where a worktree's or submodule's ``.git`` file points (its common folder for a worktree)."""
    dot_git = os.path.join(root, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    try:
        with open(dot_git, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return None
    if not text.startswith("gitdir:"):
        return None
    git_dir = os.path.join(root, text[len("gitdir:"):].strip())
    try:
        with open(os.path.join(git_dir, "commondir"), encoding="utf-8", errors="replace") as handle:
            return os.path.join(git_dir, handle.read().strip())
    except OSError:
        return git_dir


class _GitIgnores:
    """The ``.gitignore`` rules of one run; every file is read once, and only where it exists."""

    def __init__(self) -> None:
        self._chains: dict[str, tuple[str, tuple[PatternList, ...]] | None] = {}

    def chain(self, folder: str, names: Container[str] | None = None) -> tuple[str, tuple[PatternList, ...]] | None:
        """(repository root, the pattern lists that judge entries of ``folder``, the deepest
        first, ``.git/info/exclude`` last); None outside a repository. ``names``: the folder's
        entries, when the caller has listed it (then no system call asks what is there)."""
        if folder not in self._chains:
            parent = os.path.dirname(folder)
            at_root = ".git" in names if names is not None else os.path.lexists(os.path.join(folder, ".git"))
            if at_root:  # a repository root, nested or not
                git_dir = _git_dir(folder)
                info = read_ignore_file(folder, os.path.join(git_dir, "info", "exclude")) if git_dir else None
                root, above = folder, ((info,) if info is not None else ())
            else:
                outer = self.chain(parent) if parent != folder else None
                if outer is None:
                    self._chains[folder] = None
                    return None
                root, above = outer
            own = None
            if names is None or ".gitignore" in names:
                own = read_ignore_file(folder, os.path.join(folder, ".gitignore"))
            self._chains[folder] = (root, (own, *above) if own is not None else above)
        return self._chains[folder]


def _left_out(settings: Settings, ignores: _GitIgnores, folder: str, path: str, is_dir: bool) -> bool:
    """Whether ``exclude``/``extend-exclude`` or git's rules leave ``path`` (an entry of
    ``folder``) out. Only patterns that name ``path`` itself count: the folders above it were
    judged on the way down, and one the user named is walked whatever names it."""
    if settings.excludes.decide(path, is_dir):
        return True
    chain = ignores.chain(folder) if settings.respect_gitignore else None
    for patterns in chain[1] if chain else ():  # the deepest .gitignore that has a verdict decides
        verdict = patterns.decide(path, is_dir)
        if verdict is not None:
            return verdict
    return False


def _force_excluded(path: str, is_dir: bool, settings: Settings, source: SettingsSource,
                    ignores: _GitIgnores) -> bool:
    """Whether a path named on the command line, or a folder above it, would be left out of a
    walk (as ruff's ``--force-exclude``): each is judged by its own folder's settings, from the
    path up to the outermost folder a pattern can name (the config's folder or the repository
    root)."""
    chain = ignores.chain(os.path.dirname(path))
    tops = [settings.root, *([chain[0]] if chain else [])]
    current = path
    while current not in tops:  # a top itself is not judged by the folder above it
        folder = os.path.dirname(current)
        if folder == current:
            return False
        try:
            judge = _settings_for(source, folder)
        except SettingsError:
            return False  # the file's own report names the bad config
        if _left_out(judge, ignores, folder, current, is_dir or current != path):
            return True
        if not any(relative_to(top, folder) for top in tops):
            return False  # ``folder`` is a top (or outside them): nothing above can name ``current``
        current = folder
    return False


_BY_NAME = operator.attrgetter("name")


def _list(folder: str) -> list[os.DirEntry[str]] | SourceError:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=_BY_NAME)
    except PermissionError:
        return SourceError(folder, "cannot be read: permission denied; its files were not checked")
    except OSError as exc:
        return SourceError(folder, f"cannot be read: {exc.strerror or exc}; its files were not checked")


# What makes a folder judged apart from the one above it: its own config, a repository root (a
# config is not looked for above it), its own ignore rules.
_STARTS_ITS_OWN = frozenset({"pyproject.toml", ".git", ".gitignore"})


def _inherits(names: set[str]) -> bool:
    """Whether a folder with these entries is judged as the folder above it is."""
    return names.isdisjoint(_STARTS_ITS_OWN)


def _deeper(patterns: PatternList, prefix: str, absolute: str, name: str) -> str | None:
    """The prefix (``PatternList.prefix_of``) of ``absolute``, the entry ``name`` of a folder whose
    prefix is ``prefix``: below the patterns' folder it grows by the name; at or outside it,
    ``prefix_of`` says (a folder outside stays outside)."""
    return prefix + name + "/" if prefix else patterns.prefix_of(absolute)


def _is_virtualenv(entries: list[os.DirEntry[str]]) -> bool:
    return any(entry.name == "pyvenv.cfg" and entry.is_file() for entry in entries)


class _Folder:
    """One folder of a walk, entered: its entries, and what judges them, worked out once."""

    __slots__ = ("absolute", "entries", "excludes", "gitignores", "settings")

    def __init__(self, absolute: str, entries: Iterator[os.DirEntry[str]], excludes: tuple[PatternList, str] | None,
                 gitignores: list[tuple[PatternList, str]], settings: Settings) -> None:
        # each judge is (patterns, what this folder's entries are below the patterns' folder)
        self.absolute, self.entries = absolute, entries
        self.excludes, self.gitignores = excludes, gitignores
        self.settings = settings  # its files' (before per-file-ignores)

    def inner(self, absolute: str, entries: Iterator[os.DirEntry[str]]) -> "_Folder":
        """The folder ``absolute``, an entry of this one, judged as this one is (its settings,
        excludes and .gitignore files): it holds no config, repository or .gitignore of its own.
        Each judge's prefix grows by the folder's name, as ``prefix_of`` would give it."""
        name = os.path.basename(absolute)
        excludes = None
        if self.excludes is not None:
            prefix = _deeper(*self.excludes, absolute, name)
            excludes = (self.excludes[0], prefix) if prefix is not None else None
        gitignores = [(patterns, deeper) for patterns, prefix in self.gitignores
                      if (deeper := _deeper(patterns, prefix, absolute, name)) is not None]
        return _Folder(absolute, entries, excludes, gitignores, self.settings)

    def leaves_out(self, name: str, is_dir: bool) -> bool:
        """Whether the excludes or git's rules leave the entry ``name`` out (as :func:`_left_out`)."""
        if self.excludes is not None and self.excludes[0].decide_entry(self.excludes[1], name, is_dir):
            return True
        for patterns, prefix in self.gitignores:  # the deepest .gitignore that has a verdict decides
            verdict = patterns.decide_entry(prefix, name, is_dir)
            if verdict is not None:
                return verdict
        return False


# A walk's output before the run-wide dedupe: ("file", path, device, inode) or ("error", path, message).
Record = tuple


class _Walker:
    """One walk under a folder named on the command line.

    The hot loop of a run over a large tree: paths stay strings, each entry's kind comes from
    the listing (no system call), a file is stat'ed only when its name makes it a candidate,
    and everything that depends on the folder alone
    (settings, .gitignore files, pattern prefixes) is worked out on entering it. ``screen``
    (when given) is called with each file found, where it is found: a split walk
    (:mod:`livemigrate.prescreen`) screens each file in the process that finds it."""

    def __init__(self, top_stat: os.stat_result, source: SettingsSource, ignores: _GitIgnores) -> None:
        self.source, self.ignores = source, ignores
        self.visited = {(top_stat.st_dev, top_stat.st_ino)}  # a bind mount can loop back to a parent
        self.entered: list[tuple[int, int]] = []  # folder keys entered since the last reset (see prescreen)
        self.revisited = False  # a folder was reached twice (a bind mount): a split walk is redone in order

    def enter(self, folder: str, absolute: str, is_top: bool,
              parent: "_Folder | None" = None) -> "_Folder | SourceError | None":
        """The folder, listed and judged; an error; None for a virtualenv (skipped). ``parent``:
        the folder it was reached from, whose judges it inherits when it holds nothing that
        starts its own (most folders of a large tree)."""
        listed = _list(folder)
        if isinstance(listed, SourceError):
            return listed
        names = {entry.name for entry in listed}
        if not is_top and "pyvenv.cfg" in names and _is_virtualenv(listed):
            return None  # a virtualenv by any name; one named on the command line is walked
        try:
            settings = _settings_for(self.source, absolute, names)  # (a resolver remembers it for its files)
        except SettingsError as exc:
            return SourceError(folder, f"configuration: {exc}; its files were not checked")
        if parent is not None and settings is parent.settings and _inherits(names):
            return parent.inner(absolute, iter(listed))
        prefix = settings.excludes.prefix_of(absolute)
        excludes = (settings.excludes, prefix) if prefix is not None else None
        gitignores = []
        chain = self.ignores.chain(absolute, names) if settings.respect_gitignore else None
        for patterns in chain[1] if chain else ():
            prefix = patterns.prefix_of(absolute)
            if prefix is not None:
                gitignores.append((patterns, prefix))
        return _Folder(absolute, iter(listed), excludes, gitignores, settings)

    def step(self, folder: _Folder, entry: os.DirEntry[str]) -> "_Folder | Record | None":
        """One entry of ``folder``: a folder to walk into, a record, or None (left out)."""
        name = entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                if name.startswith(".") or folder.leaves_out(name, True):
                    return None  # hidden, or excluded: never listed
                st = entry.stat(follow_symlinks=False)  # (device, inode) of what is mounted there, if anything
                key = (st.st_dev, st.st_ino)
                if key in self.visited:
                    self.revisited = True
                    return None
                self.visited.add(key)
                self.entered.append(key)
                inner = self.enter(entry.path, os.path.join(folder.absolute, name), False, folder)
                return ("error", inner.path, inner.message) if isinstance(inner, SourceError) else inner
            if not name.endswith(SOURCE_SUFFIXES) or folder.leaves_out(name, False):
                return None
            if entry.is_symlink():
                st = os.stat(entry.path)
                if not stat.S_ISREG(st.st_mode):
                    return None  # symlinked folders are never followed: no loops, no escaping the tree
            elif entry.is_file(follow_symlinks=False):
                st = entry.stat(follow_symlinks=False)
            else:
                return None  # FIFO, socket, device: not source, and opening one may block
        except PermissionError:
            return ("error", entry.path, "cannot be read: permission denied")
        except OSError:
            return None  # dangling or looping symlink, or gone since the listing
        return ("file", entry.path, st.st_dev, st.st_ino)

    def drain(self, stack: list[_Folder], screen: "Callable[[str, Settings], object] | None" = None,
              ) -> Iterator[tuple[Record, object]]:
        """Every record under the folders of ``stack`` (the last one first, depth first), each
        with what ``screen`` said of it, given the file and its folder's settings (None for an
        error, or without ``screen``)."""
        while stack:
            folder = stack[-1]
            entry = next(folder.entries, None)
            if entry is None:
                stack.pop()
                continue
            got = self.step(folder, entry)
            if got is None:
                continue
            if isinstance(got, _Folder):
                stack.append(got)
            else:
                yield got, (screen(got[1], folder.settings) if screen is not None and got[0] == "file" else None)

    def plan(self, top: _Folder, units: int) -> list:
        """The entries under ``top``, in walk order, as (folder, entry) items each walked on its
        own (or the error record of a folder entered here): the folders above them are entered
        here, breadth first, until there are about ``units`` folders to walk (or the tree is
        shallow). Walking the items in order gives what walking ``top`` gives."""
        items: list = [(top, entry) for entry in top.entries]
        for _ in range(3):
            if sum(1 for item in items if _is_folder_item(item)) >= units:
                break
            expanded: list = []
            for item in items:
                if not _is_folder_item(item):
                    expanded.append(item)
                    continue
                got = self.step(*item)
                if isinstance(got, _Folder):
                    expanded.extend((got, inner) for inner in got.entries)
                elif got is not None:
                    expanded.append(got)  # an error record, in its place
            items = expanded
        return items


def _is_folder_item(item: tuple) -> bool:
    """A planned (folder, entry) item whose entry is a folder (not a file, nor an error record)."""
    return isinstance(item[0], _Folder) and item[1].is_dir(follow_symlinks=False)


def _walk(top: str, top_stat: os.stat_result, source: SettingsSource, seen: set[tuple[int, int]],
          ignores: _GitIgnores, split: "Splitter | None" = None,
          screened: "dict[str, object] | None" = None) -> Iterator[str | SourceError]:
    walker = _Walker(top_stat, source, ignores)
    folder = walker.enter(top, os.path.abspath(top), True)
    if folder is None:
        return
    if isinstance(folder, SourceError):
        yield folder
        return
    screen = split.screen if split is not None else None
    if split is not None and split.wanted():
        records = split.walk(walker, top, folder)
    else:
        records = walker.drain([folder], screen)
    for record, verdict in records:
        if record[0] == "error":
            yield SourceError(record[1], record[2])
            continue
        key = (record[2], record[3])
        if key not in seen:
            seen.add(key)
            path = path_text(record[1])  # as a Path spells it: "./a.py" is "a.py"
            if screened is not None and verdict is not None:
                screened[path] = verdict
            yield path


def path_text(path: str | os.PathLike[str]) -> str:
    """``str(pathlib.Path(path))``: how a report names a file. Without pathlib on POSIX (its import,
    with urllib.parse and ipaddress behind it, costs a cold run more than a thousand of these):
    empty and ``.`` parts dropped, exactly two leading slashes kept (POSIX leaves their meaning
    to the system), ``..`` kept; ``"."`` for nothing. Elsewhere pathlib's own rules apply."""
    text = os.fspath(path)
    if os.sep != "/" or os.altsep is not None:
        from pathlib import Path

        return str(Path(text))
    root = ("//" if text[:2] == "//" and text[2:3] != "/" else "/") if text.startswith("/") else ""
    parts = [part for part in text.split("/") if part and part != "."]
    return root + "/".join(parts) if root or parts else "."


def iter_source_files(paths: Iterable[Path | str], settings: SettingsSource, split: "Splitter | None" = None,
                      screened: "dict[str, object] | None" = None) -> Iterator[Path | SourceError]:
    """Python files and notebooks under ``paths`` in a stable order (the order given; name order inside a
    folder), each file once; a :class:`SourceError` for what cannot be taken (see the module
    docstring). ``settings`` is one :class:`Settings` for every folder, or a
    :class:`~livemigrate.settings.SettingsResolver` whose nearest config decides per folder (and
    which then hears of each named folder that gave no file).

    ``split`` (:class:`livemigrate.prescreen.SplitWalk`) walks each folder on two cores and
    screens every file it finds where it finds it; ``screened`` then gets each yielded file's
    verdict, by its path as yielded. The files, errors and order are those of a walk without it."""
    from pathlib import Path

    for item in iter_source_paths(paths, settings, split, screened):
        yield item if isinstance(item, SourceError) else Path(item)


def iter_source_paths(paths: Iterable[Path | str], settings: SettingsSource, split: "Splitter | None" = None,
                      screened: "dict[str, object] | None" = None) -> Iterator[str | SourceError]:
    """:func:`iter_source_files` with each file as the string its Path would print
    (:func:`path_text`): what a run uses, so that one that reports no finding never builds a Path."""
    seen: set[tuple[int, int]] = set()
    ignores = _GitIgnores()
    empty: list[str] = []
    force_excluded: list[str] = []
    found_any = False
    for given in paths:
        path = path_text(given)
        try:
            st = os.stat(path)
        except OSError as exc:
            yield _named_error(path, exc)
            found_any = True
            continue
        is_dir = stat.S_ISDIR(st.st_mode)
        if not is_dir and not stat.S_ISREG(st.st_mode):
            yield SourceError(path, f"{describe_non_regular(st.st_mode)}, not a regular file; skipped")
            found_any = True
            continue
        if not is_dir and not os.path.basename(path).endswith(SOURCE_SUFFIXES):
            yield SourceError(path, "is not a Python file or notebook; skipped")
            found_any = True
            continue
        absolute = os.path.abspath(path)
        try:
            named = _settings_for(settings, absolute if is_dir else os.path.dirname(absolute))
        except SettingsError:
            named = None  # reported by the walk, or by the file's own report
        if named is not None and named.force_exclude and _force_excluded(absolute, is_dir, named, settings, ignores):
            force_excluded.append(path)
            continue
        if is_dir:
            produced = False
            for item in _walk(path, st, settings, seen, ignores, split, screened):
                produced = True
                yield item
            if not produced:
                empty.append(path)
            found_any = found_any or produced
        elif (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            found_any = True
            if split is not None and screened is not None and named is not None:
                screened[path] = split.screen(path, named)  # a named file (pre-commit's) as a walked one
            yield path
    if not found_any:
        empty.extend(force_excluded)  # pre-commit handed over only excluded files: say so once
    if not isinstance(settings, Settings):
        settings.paths_without_files.extend(empty)
