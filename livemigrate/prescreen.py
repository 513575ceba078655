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

import marshal
import os
import signal
import struct
import sys
import threading
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from livemigrate.discovery import is_notebook
from livemigrate.prefilter import may_touch_live_api
from livemigrate.source import SourceError, SourceFile, read_source

if TYPE_CHECKING:
    from livemigrate.discovery import Record, _Folder, _Walker

__all__ = ["MIN_FILES_TO_FORK", "Candidate", "Screener", "SplitWalk"]

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


# --- a walk on two cores ---------------------------------------------------------------

# A split walk cuts the tree into about this many folders to walk on their own: enough that the
# two processes end close together whatever the folders' sizes.
SPLIT_UNITS = 64
# Below this many items (a small tree) the fork costs more than the half walk saves.
MIN_ITEMS_TO_SPLIT = 16


class SplitWalk:
    """Walks each folder on two cores, and screens every file where it is found.

    :func:`livemigrate.discovery.iter_source_files` hands it a folder's walk: the folder is cut
    into items (the entries under it, in walk order, each walked on its own; see
    ``_Walker.plan``), and a forked child walks and screens them from the last one back while
    this process does so from the first on, until they meet (as :class:`Screener` does with
    files). The child sends each item's files with their (device, inode) and its verdicts; this
    process puts them in order and leaves out the files seen already. So the files, errors and
    order are those of one walk, with one exception handled by not splitting: a folder reached
    twice (a bind mount), where which name is kept depends on order, makes the walk run again in
    one process, in order.

    ``judge`` gives a file's :data:`Candidate` (its size limit and rules), or None when the file
    must be looked at the usual way (a configuration error, rules from ``--rule-path``).
    Verdicts are as :class:`Screener.verdicts`: True (skipped), False (look at it), or the file
    as read (only for files this process screened)."""

    def __init__(self, judge: Callable[[str], Candidate | None], jobs: int) -> None:
        self.judge, self.jobs = judge, jobs

    def screen(self, path: str) -> bool | SourceFile:
        candidate = self.judge(path)
        return False if candidate is None else _screen(candidate)

    def wanted(self) -> bool:
        return self.jobs > 1 and _can_fork()

    def walk(self, walker: _Walker, given: str, top: _Folder) -> Iterable[tuple[Record, object]]:
        """The records under ``top`` (the folder ``given`` on the command line, entered)."""
        items = walker.plan(top, SPLIT_UNITS)
        if walker.revisited:
            return self._again(walker, given)
        if len(items) < MIN_ITEMS_TO_SPLIT:
            return [pair for item in items for pair in self._item(walker, item)]
        walker.entered.clear()
        child = _WalkChild.start(self, walker, items)
        if child is None:
            return [pair for item in items for pair in self._item(walker, item)]
        results: list[list | None] = [None] * len(items)
        mine = 0
        try:
            while mine < child.low(results):
                results[mine] = self._item(walker, items[mine])
                mine += 1
        finally:
            child.abandon()
        theirs = set()
        for index in range(mine, len(items)):
            theirs.update(child.entered.get(index, ()))
        if walker.revisited or child.revisited_at_or_after(mine) or theirs.intersection(walker.entered):
            return self._again(walker, given)
        return [pair for result in results for pair in result]  # type: ignore[union-attr]

    def _item(self, walker: _Walker, item) -> list[tuple[Record, object]]:
        if isinstance(item, tuple) and item and item[0] == "error":
            return [(item, None)]
        folder, entry = item
        got = walker.step(folder, entry)
        if got is None:
            return []
        if isinstance(got, tuple):
            return [(got, self.screen(got[1]) if got[0] == "file" else None)]
        return list(walker.drain([got], self.screen))

    def _again(self, walker: _Walker, given: str) -> Iterable[tuple[Record, object]]:
        """The walk of ``given`` in one process, in order, from the start (a folder was reached
        twice: which of its names is walked depends on the order)."""
        from livemigrate.discovery import _Walker as Walker

        again = Walker(os.stat(given), walker.source, walker.ignores)
        folder = again.enter(given, os.path.abspath(given), True)
        if folder is None:
            return []
        if isinstance(folder, SourceError):
            return [(("error", folder.path, folder.message), None)]
        return again.drain([folder], self.screen)


class _WalkChild:
    """The forked half of a :class:`SplitWalk`: walks items from the last one back and sends
    each one's records as it finishes it."""

    def __init__(self, pid: int, fd: int, count: int) -> None:
        self.pid, self.fd = pid, fd
        self.buffer = bytearray()
        self.lowest = count  # the lowest item index it has sent
        self.ended = False
        self.records: dict[int, list] = {}
        self.entered: dict[int, list] = {}
        self.revisited: set[int] = set()

    @classmethod
    def start(cls, split: SplitWalk, walker: _Walker, items: list) -> "_WalkChild | None":
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: walk, send, and leave without running any exit handler
            status = 1
            try:
                os.close(read_end)
                for index in range(len(items) - 1, -1, -1):
                    walker.entered.clear()
                    walker.revisited = False
                    pairs = [(record, _verdict_byte(verdict)) for record, verdict in split._item(walker, items[index])]
                    message = marshal.dumps((index, pairs, walker.entered, walker.revisited))
                    _write_all(write_end, struct.pack("<I", len(message)) + message)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        os.set_blocking(read_end, False)
        return cls(pid, read_end, len(items))

    def low(self, results: list) -> int:
        """The lowest item index the child has finished, after taking in what it sent so far
        (its items' records go into ``results``)."""
        while not self.ended:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                break
            except OSError:
                chunk = b""
            if not chunk:
                self.ended = True  # it finished, or died: what it sent whole stands
                break
            self.buffer += chunk
        while len(self.buffer) >= 4:
            (size,) = struct.unpack_from("<I", self.buffer)
            if len(self.buffer) < 4 + size:
                break
            index, pairs, entered, revisited = marshal.loads(bytes(self.buffer[4:4 + size]))
            del self.buffer[:4 + size]
            results[index] = [(record, None if verdict is None else verdict == 1) for record, verdict in pairs]
            self.entered[index] = entered
            if revisited:
                self.revisited.add(index)
            self.lowest = index
        return self.lowest

    def revisited_at_or_after(self, index: int) -> bool:
        return any(i >= index for i in self.revisited)

    def abandon(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def _verdict_byte(verdict: object) -> int | None:
    """A child's verdict as sent: 1 skipped, 0 look at it (a file the child read is read again
    here), None for an error record."""
    return None if verdict is None else int(verdict is True)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
