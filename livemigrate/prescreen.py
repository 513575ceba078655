"""Walking and screening a tree on two cores: what a run over a large code base pays for.

A run over a code base that hardly touches the Live API spends its time on the cheap steps:
walking the tree, reading every file and the byte prefilter (:mod:`livemigrate.prefilter`)
that rules nearly all of them out. None of it needs libcst or the worker pool, so ``check``
screens each file where the walk finds it (:class:`SplitWalk`), and on a machine with more
than one CPU splits the walk itself: a forked child (a few milliseconds, nothing re-imported)
walks and screens part of the tree while this process does the rest. The child decides
nothing that can be seen: it answers, per file, whether the file can be reported as skipped
(it reads cleanly, is not a notebook and the prefilter finds nothing Live in it); every file
it is unsure of, every read error and every notebook is done again here, and the reports are
those of a run without it, in the same order.

The fork is used only where it is safe and worth it: ``os.fork`` exists, this process runs no
other thread (forking a threaded process can deadlock the child), and the tree has enough
folders to repay it. A child that fails in any way (killed, a short answer) costs only the
walking being done here after all.
"""

from __future__ import annotations

import marshal
import os
import sys

from livemigrate.discovery import is_notebook
from livemigrate.prefilter import DEFINES_LIVE_VALUE, USES_A_MODEL, screen_bytes
from livemigrate.source import SourceError, SourceFile, plain_source, read_plainly

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from typing import Iterable

    from livemigrate.discovery import Record, _Folder, _Walker
    from livemigrate.settings import Settings

__all__ = ["DEFINES_LIVE_VALUE", "USES_A_MODEL", "Candidate", "SplitWalk"]

# (path, the size limit of its settings, whether its settings load user rules)
Candidate = tuple[str, "int | None", bool]


def _screen_with_flags(candidate: Candidate) -> tuple[bool | SourceFile, int]:
    """The verdict on a file: True skipped; the file as read when it must be looked at (no need
    to read it again); False to be read and looked at the usual way. And what else its bytes say
    (:func:`livemigrate.prefilter.screen_bytes`; every flag when the file could not be read here,
    so the index reads it if it can)."""
    path, max_bytes, user_rules = candidate
    if is_notebook(path):
        return False, 0  # a notebook's cells are always read (a broken one is an error)
    read = read_plainly(path, max_bytes)
    if read is None:
        return False, DEFINES_LIVE_VALUE | USES_A_MODEL  # the usual read reports what is wrong
    touches, flags = screen_bytes(read[0], user_rules)
    return (plain_source(path, *read) if touches else True), flags


def _can_fork() -> bool:
    # A process that never imported threading has started no thread through it (importing it
    # only to count its one thread costs a cold start more than the count is worth).
    threading = sys.modules.get("threading")
    one_thread = threading is None or threading.active_count() == 1
    return hasattr(os, "fork") and one_thread and sys.platform != "emscripten"


# --- a walk on two cores ---------------------------------------------------------------

# signal.SIGKILL, 9 on every system with fork: the signal module (and its enums) is one more
# import for every run that splits its walk
_SIGKILL = 9

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
    this process does so from the first on, until they meet . The child sends each item's files with their (device, inode) and its verdicts; this
    process puts them in order and leaves out the files seen already. So the files, errors and
    order are those of one walk, with one exception handled by not splitting: a folder reached
    twice (a bind mount), where which name is kept depends on order, makes the walk run again in
    one process, in order.

    A file's verdict is a pair: True (skipped), False (look at it), or the file as read (only
    for files this process screened); and its flags
    (:func:`_screen_with_flags`)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def screen(self, path: str, settings: Settings) -> tuple[bool | SourceFile, int]:
        """The verdict on the file at ``path``, whose folder's settings are ``settings``. A file
        whose settings load rules (``rule-paths``) is always looked at the usual way: loading
        them may fail, and that is its report's to say."""
        if settings.rule_paths:
            return False, DEFINES_LIVE_VALUE | USES_A_MODEL
        return _screen_with_flags((path, settings.max_file_size, False))

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
        if item[0] == "error":
            return [(item, None)]
        folder, entry = item
        got = walker.step(folder, entry)
        if got is None:
            return []
        if isinstance(got, tuple):
            return [(got, self.screen(got[1], folder.settings) if got[0] == "file" else None)]
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
                    _write_all(write_end, len(message).to_bytes(4, "little") + message)
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
            size = int.from_bytes(self.buffer[:4], "little")
            if len(self.buffer) < 4 + size:
                break
            index, pairs, entered, revisited = marshal.loads(bytes(self.buffer[4:4 + size]))
            del self.buffer[:4 + size]
            results[index] = [(record, None if verdict is None else (verdict & 1 == 1, verdict & ~1))
                              for record, verdict in pairs]
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
            os.kill(self.pid, _SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def _verdict_byte(verdict: tuple | None) -> int | None:
    """A child's verdict as sent: bit 0 set when skipped, clear to look at it (a file the child
    read is read again here), the flags above it; None for an error record."""
    return None if verdict is None else int(verdict[0] is True) | verdict[1]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
