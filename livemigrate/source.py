"""Reading and writing user source files without losing a byte of what we don't change.

libcst parses from bytes and keeps the encoding (PEP 263 cookie or UTF-8), a UTF-8 BOM and
the newline style; we keep the file mode and write through a temporary file + rename so an
interrupted run never leaves a half-written file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SourceError", "read_source_bytes", "write_atomically"]


@dataclass
class SourceError(Exception):
    """A file that cannot be read or parsed; ``message`` is one line for stderr."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def read_source_bytes(path: Path) -> bytes:
    """The raw bytes of ``path``, or :class:`SourceError` saying why they cannot be had."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceError(str(path), "is a directory, not a Python file") from None
    except PermissionError:
        raise SourceError(str(path), "cannot be read: permission denied") from None
    except FileNotFoundError:
        raise SourceError(str(path), "no such file") from None
    except OSError as exc:
        raise SourceError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise SourceError(str(path), "looks binary (contains NUL bytes); skipped")
    return data


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` via a temp file in the same folder, keeping its mode."""
    mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".livemigrate", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
