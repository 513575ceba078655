"""Which files a run looks at, and what happens to each before a rule sees it.

A path on the command line goes through these steps; the first that says no decides:

1. **Discovery** (this module). A file named directly is taken whatever its name, if it is a
   regular file (a symlink to one counts) named ``*.py``, ``*.pyi`` or ``*.ipynb``; any other
   file named directly is an error ("is not a Python file or notebook; skipped"), never linted
   as Python. A FIFO, socket or device named directly is an error ("is a FIFO (named pipe), not
   a regular file; skipped") and is never opened: opening a FIFO blocks. A folder is walked in
   name order for ``*.py``, ``*.pyi`` (stubs can hold the same model-id literals as the code
   they describe) and ``*.ipynb`` Jupyter notebooks (``extend-exclude = ["*.ipynb"]`` opts
   out; see :mod:`livemigrate.notebooks`). In a walk, entries
   that ``exclude``/``extend-exclude`` match (by name, or by their path relative to the folder
   named, which prunes a whole sub-folder), FIFOs, sockets, devices, dangling symlinks and
   symlinked folders (not followed, so a link loop cannot hang the walk) are skipped without a
   word. A folder that cannot be listed is an error (exit 2), never silence. Every file is yielded
   once, under the first name that reached it: a symlink and its target, or two hard links, are
   one file (same ``(st_dev, st_ino)``).
2. **Reading** (:func:`livemigrate.source.read_source`): a file above ``max-file-size`` (checked
   with fstat, before a byte is read), unreadable, or containing NUL bytes is an error (exit 2).
3. **Byte prefilter** (:func:`livemigrate.prefilter.may_touch_live_api`): a file that mentions
   neither google-genai nor a Live endpoint or 2.x Live model id is done: no findings, no error.
4. **Parse** (libcst, once per file): a syntax or decoding error is an error (exit 2).

So a file the prefilter rules out is never parsed, and a syntax error in it is *not* exit 2.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Union

from livemigrate.settings import Settings
from livemigrate.source import SourceError, describe_non_regular

if TYPE_CHECKING:
    from livemigrate.settings import SettingsResolver

__all__ = ["PYTHON_SUFFIXES", "SOURCE_SUFFIXES", "iter_source_files"]

PYTHON_SUFFIXES = (".py", ".pyi")
SOURCE_SUFFIXES = (*PYTHON_SUFFIXES, ".ipynb")

SettingsSource = Union[Settings, "SettingsResolver"]


def _named_error(path: Path, exc: OSError) -> SourceError:
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return SourceError(str(path), "is a broken symbolic link (its target does not exist)")
        return SourceError(str(path), "no such file or directory")
    if isinstance(exc, PermissionError):
        return SourceError(str(path), "cannot be read: permission denied")
    return SourceError(str(path), f"cannot be read: {exc.strerror or exc}")


def _settings_for(settings: SettingsSource, folder: Path) -> Settings:
    return settings if isinstance(settings, Settings) else settings.for_folder(folder)


def _list(folder: Path) -> list[os.DirEntry[str]] | SourceError:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except PermissionError:
        return SourceError(str(folder), "cannot be read: permission denied; its files were not checked")
    except OSError as exc:
        return SourceError(str(folder), f"cannot be read: {exc.strerror or exc}; its files were not checked")


def _walk(top: Path, top_stat: os.stat_result, settings: SettingsSource,
          seen: set[tuple[int, int]]) -> Iterator[Path | SourceError]:
    visited = {(top_stat.st_dev, top_stat.st_ino)}  # a bind mount can loop back to a parent
    stack: list[tuple[Path, Iterator[os.DirEntry[str]]]] = []

    def enter(folder: Path) -> SourceError | None:
        listed = _list(folder)
        if isinstance(listed, SourceError):
            return listed
        stack.append((folder, iter(listed)))
        return None

    error = enter(top)
    if error is not None:
        yield error
    while stack:
        folder, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                if not entry.name.endswith(SOURCE_SUFFIXES):
                    continue
                st = os.stat(path)
                if not stat.S_ISREG(st.st_mode):
                    continue  # symlinked folders are never followed: no loops, no escaping the tree
            else:
                st = entry.stat(follow_symlinks=False)
        except PermissionError:
            yield SourceError(str(path), "cannot be read: permission denied")
            continue
        except OSError:
            continue  # dangling or looping symlink, or gone since the listing
        if not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
            continue  # FIFO, socket, device: not source, and opening one may block
        if stat.S_ISREG(st.st_mode) and not entry.name.endswith(SOURCE_SUFFIXES):
            continue
        if _settings_for(settings, folder).is_excluded(path.relative_to(top)):
            continue
        key = (st.st_dev, st.st_ino)
        if stat.S_ISDIR(st.st_mode):
            if key not in visited:
                visited.add(key)
                error = enter(path)
                if error is not None:
                    yield error
        elif key not in seen:
            seen.add(key)
            yield path


def iter_source_files(paths: Iterable[Path | str], settings: SettingsSource) -> Iterator[Path | SourceError]:
    """Python files and notebooks under ``paths`` in a stable order (the order given; name order inside a
    folder), each file once; a :class:`SourceError` for what cannot be taken (see the module
    docstring). ``settings`` is one :class:`Settings` for every folder, or a
    :class:`~livemigrate.settings.SettingsResolver` whose nearest config decides per folder."""
    seen: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        try:
            st = os.stat(path)
        except OSError as exc:
            yield _named_error(path, exc)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, st, settings, seen)
        elif stat.S_ISREG(st.st_mode):
            if not path.name.endswith(SOURCE_SUFFIXES):
                yield SourceError(str(path), "is not a Python file or notebook; skipped")
            elif (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                yield path
        else:
            yield SourceError(str(path), f"{describe_non_regular(st.st_mode)}, not a regular file; skipped")
