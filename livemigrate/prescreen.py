"""Ruling files out on a second core, while this process goes on discovering them.

A run over a code base that hardly touches the Live API spends its time on the cheap steps:
walking the tree, reading every file and the byte prefilter (:mod:`livemigrate.prefilter`)
that rules nearly all of them out. None of it needs libcst or the worker pool, so on a machine
with more than one CPU a :class:`Screener` forks a child from this process (a few
milliseconds, nothing re-imported) once enough files are found, and hands it each file as the
walk finds it: the child reads and screens while this process walks on. Once the batch is
found, this process screens from its last file back while the child goes on from the front,
until they meet. The child answers one byte per file: 1 when the file can be reported as skipped (it reads cleanly, is not a notebook
and the prefilter finds nothing Live in it), 0 when this process must look at it the usual way.
So the child decides nothing that can be seen: every file it is unsure of, every read error and
every notebook is done again here, and the reports are those of a run without it, in the same
order.

The fork is used only where it is safe and worth it: ``os.fork`` exists, this process runs no
other thread (forking a threaded process can deadlock the child), and there are enough files
to repay it. A child that fails in any way (killed, a short answer) costs only the screening
being done here after all.
"""

from __future__ import annotations

import os
import signal
import struct
import sys
import threading
from typing import Iterator

from livemigrate.discovery import is_notebook
from livemigrate.prefilter import may_touch_live_api
from livemigrate.source import SourceError, SourceFile, read_source

__all__ = ["MIN_FILES_TO_FORK", "Candidate", "Screener"]

# Below this many files the fork and the pipe cost about what the child would save.
MIN_FILES_TO_FORK = 256

# (path, the size limit of its settings, whether its settings load user rules)
Candidate = tuple[str, "int | None", bool]


def _screen(candidate: Candidate) -> bool | SourceFile:
    """True: skipped; the file as read when it must be looked at (no need to read it again);
    False: to be read and looked at the usual way."""
    path, max_bytes, user_rules = candidate
    if is_notebook(path):
        return False  # a notebook's cells are always read (a broken one is an error)
    try:
        source = read_source(path, max_bytes=max_bytes, for_writing=False)
    except (SourceError, OSError, ValueError):
        return False  # its error is reported by the usual path, with its usual words
    return True if not may_touch_live_api(source.data, user_rules) else source


def _skippable(candidate: Candidate) -> bool:
    return _screen(candidate) is True


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and sys.platform != "emscripten"


class _Child:
    """A forked process that screens the candidates written to it, in order, answering one
    byte per candidate as it goes."""

    def __init__(self, pid: int, to_child: int, from_child: int) -> None:
        self.pid, self.to_child, self.from_child = pid, to_child, from_child
        self.buffer = bytearray()
        self.broken = False

    @classmethod
    def start(cls) -> "_Child | None":
        paths_read, paths_write = os.pipe()
        answer_read, answer_write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (paths_read, paths_write, answer_read, answer_write):
                os.close(fd)
            return None
        if pid == 0:  # the child: screen, answer, and leave without running any exit handler
            status = 1
            try:
                os.close(paths_write)
                os.close(answer_read)
                for candidate in _read_candidates(paths_read):  # one write per file: the parent
                    os.write(answer_write, b"\x01" if _skippable(candidate) else b"\x00")  # reads on the way
                status = 0
            finally:
                os._exit(status)
        os.close(paths_read)
        os.close(answer_write)
        return cls(pid, paths_write, answer_read)

    def _close(self, end: str) -> None:
        fd = getattr(self, end)
        if fd >= 0:  # once only: the number may be reused by a file opened since
            setattr(self, end, -1)
            os.close(fd)

    def send(self, candidate: Candidate, flush: bool = False) -> None:
        path, max_bytes, user_rules = candidate
        record = b"%d %d " % (-1 if max_bytes is None else max_bytes, user_rules) + os.fsencode(path)
        self.buffer += struct.pack("<I", len(record)) + record
        if flush or len(self.buffer) >= _FLUSH_AT:
            self._flush()

    def _flush(self) -> None:
        if self.broken:
            return
        data, self.buffer = bytes(self.buffer), bytearray()
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.to_child, view):]
        except OSError:  # the child died (BrokenPipeError): its answer will be refused
            self.broken = True

    def finish(self, candidates: list[Candidate]) -> list[bool | SourceFile]:
        """Every verdict, once all ``candidates`` were sent: this process screens from the last
        one back while the child answers from the first on, until they meet. Each answer the
        child wrote is whole (it writes after screening), so a child that died mid-way leaves
        a shorter run, never a wrong one."""
        self._flush()
        self._close("to_child")
        os.set_blocking(self.from_child, False)
        answer, mine, end, ended = bytearray(), [], len(candidates), False
        try:
            while True:
                while not ended:
                    try:
                        chunk = os.read(self.from_child, 65536)
                    except BlockingIOError:
                        break
                    answer += chunk
                    ended = not chunk
                if len(answer) >= end:
                    break
                end -= 1
                mine.append(_screen(candidates[end]))
        finally:
            self.abandon()  # done with it, finished or not
        return [byte == 1 for byte in answer[:end]] + mine[::-1]

    def abandon(self) -> None:
        """End the child: the answer is complete, or the run stopped early (an exception, a
        consumer that went away)."""
        self._close("to_child")
        self._close("from_child")
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


# Paths are handed to the child in small runs: soon enough that it screens while the walk
# goes on, few enough writes that the hand-over costs little.
_FLUSH_AT = 2048


def _read_candidates(fd: int) -> Iterator[Candidate]:
    with os.fdopen(fd, "rb", buffering=65536) as incoming:
        while True:
            header = incoming.read(4)
            if len(header) < 4:
                return
            (size,) = struct.unpack("<I", header)
            limit, user_rules, path = incoming.read(size).split(b" ", 2)
            yield os.fsdecode(path), (None if limit == b"-1" else int(limit)), user_rules == b"1"


class Screener:
    """Screens the candidates given to :meth:`add`: :meth:`verdicts` answers, in order, for each
    one True when it can be reported as skipped without being parsed, the file as read (for
    ``check``) when this process read it and it must be looked at, False when it is to be read
    and looked at the usual way. With ``jobs`` > 1, once :data:`MIN_FILES_TO_FORK` candidates
    are in, a forked child screens them as they come (see the module docstring)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.candidates: list[Candidate] = []
        self.child: _Child | None = None

    def add(self, candidate: Candidate) -> None:
        self.candidates.append(candidate)
        if self.child is not None:
            self.child.send(candidate)
        elif self.jobs > 1 and len(self.candidates) == MIN_FILES_TO_FORK:  # once: the count only grows
            self.child = _Child.start() if _can_fork() else None
            if self.child is not None:
                for index, known in enumerate(self.candidates):
                    self.child.send(known, flush=index == len(self.candidates) - 1)

    def verdicts(self) -> list[bool | SourceFile]:
        """Every candidate's verdict; the screener is done with after this."""
        child, self.child = self.child, None
        if child is None:
            return [_screen(candidate) for candidate in self.candidates]
        return child.finish(self.candidates)

    def close(self) -> None:
        """End a child that :meth:`verdicts` was not asked for (the run stopped)."""
        if self.child is not None:
            self.child.abandon()
            self.child = None
