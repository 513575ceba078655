"""Reading and writing user source files without losing a byte of what we don't change.

libcst parses from bytes and keeps the encoding (PEP 263 cookie or UTF-8), a UTF-8 BOM and the
newline style. This module keeps everything around the bytes:

- :func:`read_source` remembers which file was read (device, inode, size, mtime, SHA-256 of the
  file a symlink resolves to) so :func:`write_fixed` can tell whether the user saved meanwhile;
  the user's save wins and our fix is dropped.
- A symlink stays a link (we write its target); a hard-linked file is rewritten in place so
  every name keeps seeing it; a file without write permission is left alone (never chmod-ed);
  mode, owner, group and extended attributes are kept where the OS lets us.
- New bytes go to ``.<name>.<8 random>.livemigrate`` in the same folder, are fsync-ed, then
  replace the file in one rename. SIGTERM, SIGINT or SIGHUP while that file exists removes it
  before the process dies of the signal; :func:`cleanup_stale_temp_files` removes what a
  SIGKILL-ed run left behind.

No library fits: ``atomicwrites`` (archived) and friends replace links and know nothing of a
concurrent save; this is stdlib ``os`` calls.
"""

from __future__ import annotations

import atexit
import errno
import os
import re
import stat
import time

from livemigrate.records import FrozenRecord, Record

# Not imported at run time: typing; pathlib, threading and signal until a file is read to be
# written, or looked at (see livemigrate.records: a cold start pays for every module).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Callable

__all__ = [
    "FileIdentity", "SourceError", "SourceFile", "TEMP_SUFFIX", "cleanup_stale_temp_files",
    "describe_non_regular", "plain_source", "read_plainly", "read_source", "read_source_bytes", "remove_pending_temp_files",
    "write_atomically", "write_fixed",
]

TEMP_SUFFIX = ".livemigrate"
# ".<name>.<8 random>.livemigrate"; [a-z0-9_] also covers the mkstemp names of earlier versions.
_TEMP_NAME = r"\A\.(?P<name>.+)\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"\Z"  # compiled by `fix` only
_NAME_BYTES_IN_TEMP = 200  # keeps ".<name>.<8>.livemigrate" under the usual 255-byte NAME_MAX

# A test seam: called with the temp file's path once it is complete, before the on-disk check.
_before_commit: Callable[[Path], None] | None = None


class SourceError(Record, Exception):
    """A file that cannot be read, parsed or written; ``message`` is one line for stderr."""

    path: str
    message: str

    _fields = ("path", "message")

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def __reduce__(self):
        # An exception pickles as its class called with ``self.args``, which holds only what
        # was passed by position: one built by keyword (``records.replace`` does) came back
        # from a worker process as a call missing its arguments, and the pool took that for a
        # dead worker. Rebuilt from the fields, it crosses as it is.
        return type(self), (self.path, self.message)


class FileIdentity(FrozenRecord):
    """What a file was when read; any difference at write time means someone else wrote it."""

    st_dev: int
    st_ino: int
    size: int
    mtime_ns: int

    _fields = ("st_dev", "st_ino", "size", "mtime_ns")

    def __init__(self, st_dev: int, st_ino: int, size: int, mtime_ns: int) -> None:
        object.__setattr__(self, "st_dev", st_dev)
        object.__setattr__(self, "st_ino", st_ino)
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "mtime_ns", mtime_ns)


class SourceFile(FrozenRecord):
    """One file's bytes and identity. ``path`` is how it was reached (for messages), ``target``
    the real file behind any symlinks (what is written)."""

    path: Path
    target: Path
    data: bytes
    identity: FileIdentity

    _fields = ("path", "target", "data", "identity")
    __eq__ = object.__eq__  # one object per read
    __hash__ = object.__hash__

    def __init__(self, path: Path, target: Path, data: bytes, identity: FileIdentity) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "identity", identity)

    @property
    def key(self) -> tuple[int, int]:
        """``(st_dev, st_ino)``: equal for every name (symlink or hard link) of one file."""
        return self.identity.st_dev, self.identity.st_ino


def describe_non_regular(mode: int) -> str | None:
    """``"is a FIFO (named pipe)"`` etc. for what is not a regular file or folder, else None."""
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "is not a regular file"


def _read_error(path: Path, exc: OSError) -> SourceError:
    if isinstance(exc, IsADirectoryError):
        return SourceError(str(path), "is a directory, not a Python file")
    if isinstance(exc, PermissionError):
        return SourceError(str(path), "cannot be read: permission denied")
    if isinstance(exc, FileNotFoundError):
        return SourceError(str(path), "no such file")
    return SourceError(str(path), f"cannot be read: {exc.strerror or exc}")


def read_source_bytes(path: Path) -> bytes:
    """The raw bytes of ``path``, or :class:`SourceError` saying why they cannot be had."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _read_error(path, exc) from None
    if b"\x00" in data:
        raise SourceError(str(path), "looks binary (contains NUL bytes); skipped")
    return data


def _size_text(size: int, limit: int) -> tuple[str, str]:
    def megabytes(n: int) -> str:
        return f"{n / 1_000_000:.1f}".removesuffix(".0") + " MB"

    if limit >= 100_000 and megabytes(size) != megabytes(limit):
        return megabytes(size), megabytes(limit)
    return f"{size} bytes", f"{limit} bytes"  # small limits, or a file just over one


def _read_all(fd: int, size_hint: int) -> bytes:
    chunks, total = [], 0
    while True:
        chunk = os.read(fd, max(size_hint - total, 0) + 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)


def _open_regular(path: Path, flags: int) -> tuple[int, os.stat_result]:
    """An fd on ``path`` and its fstat; never opens a FIFO, socket or device (that can block)."""
    st = os.stat(path)
    if describe_non_regular(st.st_mode):
        raise SourceError(str(path), f"{describe_non_regular(st.st_mode)}, not a regular file; skipped")
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    # O_NONBLOCK: should a FIFO be swapped in after the stat, opening it still returns at once
    fd = os.open(path, flags | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SourceError(str(path), f"{describe_non_regular(st.st_mode)}, not a regular file; skipped")
        return fd, st
    except BaseException:
        os.close(fd)
        raise


def _identity(st: os.stat_result) -> FileIdentity:
    # no digest: the bytes read are kept in the SourceFile, and a write compares against them
    # (hashing every file cost a cold check a tenth of its reading time for nothing)
    return FileIdentity(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _read(path: Path, max_bytes: int | None, for_writing: bool = True) -> SourceFile:
    from pathlib import Path

    try:
        target = Path(os.path.realpath(path)) if for_writing else path
        fd, before = _open_regular(path, os.O_RDONLY)
        try:
            if max_bytes is not None and before.st_size > max_bytes:
                size, limit = _size_text(before.st_size, max_bytes)
                raise SourceError(str(path), f"is {size}, above the max-file-size limit ({limit}); skipped")
            data = _read_all(fd, before.st_size)
            after = os.fstat(fd)
        finally:
            os.close(fd)
        resolved_now = os.stat(target) if for_writing else after
    except OSError as exc:
        raise _read_error(path, exc) from None
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or len(data) != after.st_size:
        raise SourceError(str(path), "changed on disk while being read; skipped")
    if (resolved_now.st_dev, resolved_now.st_ino) != (after.st_dev, after.st_ino):
        raise SourceError(str(path), "changed on disk while being read (a symlink moved); skipped")
    return SourceFile(path, target, data, _identity(after))


def read_source(path: Path, max_bytes: int | None = None, for_writing: bool = True) -> SourceFile:
    """The bytes of ``path`` and the identity of the file it resolves to, for :func:`write_fixed`.

    Raises :class:`SourceError` (one line) for a missing, unreadable, non-regular (never opened)
    or binary file, and for one larger than ``max_bytes`` (checked before reading). Without
    ``for_writing`` (``check`` only reads) the symlinks are not resolved (``target`` is the
    path): a realpath and a second stat per file were a sixth of a cold run on a large tree.
    """
    from pathlib import Path

    source = _read(Path(path), max_bytes, for_writing)
    if b"\x00" in source.data:
        raise SourceError(str(path), "looks binary (contains NUL bytes); skipped")
    return source


_PLAIN_OPEN = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def read_plainly(path: str, max_bytes: int | None = None) -> tuple[bytes, os.stat_result] | None:
    """The bytes of ``path`` and its fstat after reading, as :func:`read_source` (``for_writing``
    False) reads them when all is ordinary, else None: anything :func:`read_source` would refuse
    or word (not a regular file, above ``max_bytes``, NUL bytes, changed while read, any OS
    error) is left for it to say. :func:`plain_source` makes the :class:`SourceFile` of them.

    The screen of a large tree reads every file through this (one open, two fstats, one read,
    no object made for the many files it rules out): it takes the files a walk found to be
    regular, so the stat before opening that keeps :func:`read_source` from ever opening a FIFO
    is not needed (O_NONBLOCK covers one swapped in since, and the fstat turns it away)."""
    try:
        fd = os.open(path, _PLAIN_OPEN)
    except (OSError, ValueError):  # (ValueError: a NUL in the path)
        return None
    try:
        before = os.fstat(fd)
        size = before.st_size
        if not stat.S_ISREG(before.st_mode) or (max_bytes is not None and size > max_bytes):
            return None
        data = os.read(fd, size + 1)  # one byte more than the size: a file that grew is seen
        after = os.fstat(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) != size or (after.st_size, after.st_mtime_ns) != (size, before.st_mtime_ns) or b"\x00" in data:
        return None
    return data, after


def plain_source(path: str, data: bytes, after: os.stat_result) -> SourceFile:
    """The :class:`SourceFile` of what :func:`read_plainly` read: what :func:`read_source` gives."""
    from pathlib import Path

    as_path = Path(path)
    return SourceFile(as_path, as_path, data, _identity(after))


# --- temp files and signals -------------------------------------------------------------

_pending: set[Path] = set()  # temp files that exist right now and are not yet renamed into place
_previous: dict[int, Any] = {}
_installed_depth = 0
_critical_depth = 0
_deferred: list[int] = []


def remove_pending_temp_files() -> None:
    """Delete every temp file a write in progress has made (for the engine's own signal paths)."""
    for path in list(_pending):
        try:
            os.unlink(path)
        except OSError:
            pass
        _pending.discard(path)


atexit.register(remove_pending_temp_files)  # an exception unwinding past a write, a sys.exit


def _die_of(signum: int, frame: Any) -> None:
    import signal

    previous = _previous.get(signum, signal.SIG_DFL)
    if callable(previous):
        try:
            previous(signum, frame)  # e.g. KeyboardInterrupt; if it returns, the program goes on
        except BaseException:
            remove_pending_temp_files()
            raise
        return
    remove_pending_temp_files()
    # die of the same signal, so a shell or supervisor sees what happened
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    raise SystemExit(128 + signum)  # only if the signal was somehow not fatal


def _on_signal(signum: int, frame: Any) -> None:
    if _critical_depth:
        _deferred.append(signum)  # a rename or in-place copy is half-way: finish it first
        return
    _die_of(signum, frame)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


# (context managers as classes: contextlib is one more module for every run to import)
class _temp_files_removed_on_signals:
    """While writing, SIGTERM/SIGINT/SIGHUP remove our temp files before acting as before."""

    def __enter__(self) -> None:
        global _installed_depth
        self.main = _in_main_thread()
        if not self.main:
            return  # only the main thread may set handlers; remove_pending_temp_files() and atexit remain
        import signal

        if _installed_depth == 0:
            for name in ("SIGTERM", "SIGINT", "SIGHUP"):
                if not hasattr(signal, name):
                    continue
                signum = getattr(signal, name)
                previous = signal.getsignal(signum)
                # an ignored signal stays ignored; a handler set outside Python could not be restored
                if previous is None or previous == signal.SIG_IGN:
                    continue
                _previous[signum] = previous
                signal.signal(signum, _on_signal)
        _installed_depth += 1

    def __exit__(self, *exc_info: object) -> None:
        global _installed_depth
        if not self.main:
            return
        import signal

        _installed_depth -= 1
        if _installed_depth == 0:
            for signum, previous in _previous.items():
                signal.signal(signum, previous)
            _previous.clear()


class _critical:
    """A step that must not be cut in two by a signal (handlers run in the main thread only,
    between bytecodes, so a counter is enough to defer them)."""

    def __enter__(self) -> None:
        global _critical_depth
        self.main = _in_main_thread()
        if self.main:  # (elsewhere: handlers run in the main thread only, nothing to defer)
            _critical_depth += 1

    def __exit__(self, *exc_info: object) -> None:
        global _critical_depth
        if not self.main:
            return
        _critical_depth -= 1
        if not _critical_depth and _deferred:
            signum = _deferred[0]
            _deferred.clear()
            _die_of(signum, None)


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    stem = os.fsdecode(os.fsencode(name)[:_NAME_BYTES_IN_TEMP])
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    import secrets  # only to write: it pulls in random, hmac and hashlib, which check never needs

    for _ in range(100):
        temp = folder / f".{stem}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        with _critical():
            try:
                fd = os.open(temp, flags, 0o600)
            except FileExistsError:
                continue
            _pending.add(temp)
        return fd, temp
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _write_all(fd: int, data: bytes, offset: int | None = None) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view) if offset is None else os.pwrite(fd, view, offset)
        view = view[written:]
        if offset is not None:
            offset += written


def _copy_metadata(original: Path, st: os.stat_result, fd: int) -> None:
    if hasattr(os, "listxattr"):  # ACLs and SELinux labels live here too; best effort
        try:
            names = os.listxattr(original)
        except OSError:
            names = []
        for name in names:
            try:
                os.setxattr(fd, name, os.getxattr(original, name))
            except OSError:
                pass
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except PermissionError:  # only root may give a file away; still try to keep the group
        try:
            os.fchown(fd, -1, st.st_gid)
        except PermissionError:
            pass
    os.fchmod(fd, stat.S_IMODE(st.st_mode))  # after chown, which clears set-id bits


def _is_read_only(st: os.stat_result, path: Path) -> bool:
    if os.geteuid() == 0:
        # root writes anything, so permissions would never say no; a cleared owner write bit
        # (chmod a-w, 0444) is how a user marks a file "leave alone"
        return not st.st_mode & stat.S_IWUSR
    if os.access in os.supports_effective_ids:
        return not os.access(path, os.W_OK, effective_ids=True)
    return not os.access(path, os.W_OK)


def _unchanged(source: SourceFile, fd: int) -> bool:
    """Whether the open file ``fd`` still is, byte for byte, what ``source`` read."""
    st = os.fstat(fd)
    ident = source.identity
    if (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) != (ident.st_dev, ident.st_ino, ident.size, ident.mtime_ns):
        return False
    expected, offset = source.data, 0
    while True:  # one byte past the recorded size: a file that grew unseen is a change too
        chunk = os.pread(fd, st.st_size + 1 - offset if offset <= st.st_size else 65536, offset)
        if not chunk:
            return offset == len(expected)
        if chunk != expected[offset:offset + len(chunk)]:
            return False
        offset += len(chunk)


def _refuse(source: SourceFile, message: str) -> SourceError:
    return SourceError(str(source.path), message)


def _open_target(source: SourceFile, flags: int) -> int:
    """The target opened for the final check; a symlink put in its place counts as a change."""
    try:
        return os.open(source.target, flags | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK
                       | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _refuse(source, "was deleted or moved while fixing; not written") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO):
            raise _refuse(source, "changed on disk while fixing; not written") from None
        raise


def _replace(source: SourceFile, temp: Path) -> None:
    fd = _open_target(source, os.O_RDONLY)
    try:
        if not _unchanged(source, fd):
            raise _refuse(source, "changed on disk while fixing; not written")
    finally:
        os.close(fd)
    with _critical():
        os.replace(temp, source.target)
        _pending.discard(temp)


def _rewrite_in_place(source: SourceFile, new: bytes, temp: Path) -> None:
    """Copy ``new`` into the original inode, so every hard link sees it. ``temp`` already holds
    ``new`` in full; if the copy fails midway the original bytes are put back, and if even that
    fails ``temp`` is kept as the one whole copy of the code."""
    fd = _open_target(source, os.O_RDWR)
    try:
        if not _unchanged(source, fd):
            raise _refuse(source, "changed on disk while fixing; not written")
        old_size = source.identity.size
        with _critical():
            if len(new) > old_size and hasattr(os, "posix_fallocate"):
                try:  # reserve the room first: running out of space halfway would mangle the file
                    os.posix_fallocate(fd, old_size, len(new) - old_size)
                except OSError as exc:
                    os.ftruncate(fd, old_size)
                    if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                        raise _refuse(source, f"is hard-linked and cannot be rewritten in place "
                                              f"({exc.strerror}); not written") from None
            try:
                _write_all(fd, new, 0)
                os.ftruncate(fd, len(new))
                os.fsync(fd)
            except OSError as exc:
                try:
                    _write_all(fd, source.data, 0)
                    os.ftruncate(fd, old_size)
                    os.fsync(fd)
                except OSError:
                    _pending.discard(temp)  # keep it: the one complete copy left on disk
                    raise _refuse(source, f"is hard-linked and the in-place rewrite failed ({exc.strerror}); "
                                          f"the file may be damaged: the fixed code is in {temp}") from None
                raise _refuse(source, f"is hard-linked and cannot be rewritten in place ({exc.strerror}); "
                                      f"left unchanged") from None
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)  # makes the rename itself survive a crash
    except OSError:
        pass
    finally:
        os.close(fd)


def write_fixed(source: SourceFile, new: bytes) -> None:
    """Put ``new`` in place of what :func:`read_source` read, or raise :class:`SourceError`.

    Refuses (file untouched) when the file changed since it was read (size, mtime, hash, inode,
    or where its symlink points), or has no write permission for us. Writes a symlink's target,
    rewrites a hard-linked file in place, keeps mode, owner/group (where allowed) and extended
    attributes; never leaves a temp file behind, even on SIGTERM/SIGINT/SIGHUP. Write from the
    main thread: only there can a signal be held off until a rename or in-place copy is whole
    (from another thread it still works, with the atexit clean-up only).
    """
    target = source.target
    try:
        if os.path.realpath(source.path) != str(target):
            raise _refuse(source, "changed on disk while fixing (its symlink now points elsewhere); not written")
        try:
            st = os.stat(target)
        except FileNotFoundError:
            raise _refuse(source, "was deleted or moved while fixing; not written") from None
        if (st.st_dev, st.st_ino) != source.key:
            raise _refuse(source, "changed on disk while fixing; not written")
        if _is_read_only(st, target):
            raise _refuse(source, "is read-only; not written")
        with _temp_files_removed_on_signals():
            try:
                fd, temp = _create_temp(target.parent, target.name)
            except PermissionError:
                # the file itself may be writable: say which permission is missing
                raise _refuse(source, f"cannot be written: its folder {target.parent} does not let us create "
                                      f"a temporary file; not written") from None
            try:
                try:
                    _write_all(fd, new)
                    _copy_metadata(target, st, fd)
                    os.fsync(fd)
                finally:
                    os.close(fd)
                if _before_commit is not None:
                    _before_commit(temp)
                if os.stat(target).st_nlink > 1:
                    _rewrite_in_place(source, new, temp)
                else:
                    _replace(source, temp)
                    _fsync_folder(target.parent)
            finally:
                if temp in _pending:
                    with _critical():
                        try:
                            os.unlink(temp)
                        except FileNotFoundError:
                            pass
                        _pending.discard(temp)
    except OSError as exc:
        raise _refuse(source, f"cannot be written: {exc.strerror or exc}") from None


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path``'s contents with ``data`` as :func:`write_fixed` does, but compare with
    the file as it is now (no concurrent-save check). Raises :class:`OSError` with the reason."""
    from pathlib import Path

    try:
        write_fixed(_read(Path(path), None), data)
    except SourceError as exc:
        raise OSError(exc.message) from None


def cleanup_stale_temp_files(folder: Path, max_age: float = 3600.0) -> list[Path]:
    """Remove temp files a killed run left in ``folder``; returns what was removed.

    Only regular files (not links or folders) owned by us, named exactly
    ``.<name>.<8 of [a-z0-9_]>.livemigrate``, whose ``<name>`` still exists beside them, and not
    modified for ``max_age`` seconds (another run may be writing a younger one right now).
    Errors are ignored: this is housekeeping.
    """
    from pathlib import Path

    removed: list[Path] = []
    now = time.time()
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return removed
    for entry in entries:
        match = re.match(_TEMP_NAME, entry.name, re.S)
        if match is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if (not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or now - st.st_mtime < max_age
                    or not os.path.lexists(os.path.join(folder, match["name"]))):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed
