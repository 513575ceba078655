"""Ruling files out on two cores: the cheap first look at a large tree, shared with a forked child.

A run over a code base that hardly touches the Live API spends its time on the cheap steps:
reading every file and the byte prefilter (:mod:`livemigrate.prefilter`) that rules nearly all
of them out. Those steps need no libcst and no worker pool, so on a machine with more than one
CPU this module hands half of the discovered files to a child forked from this process (a
few milliseconds, nothing re-imported) while this process screens the other half. The child
answers one byte per file: 1 when the file can be reported as skipped (it reads cleanly, is not
a notebook and the prefilter finds nothing Live in it), 0 when this process must look at it the
usual way. So the child decides nothing that can be seen: every file it is unsure of, every
read error and every notebook is done again here, and the reports are those of a run without
it, in the same order.

The fork is used only where it is safe and worth it: ``os.fork`` exists, this process runs no
other thread (forking a threaded process can deadlock the child), and there are enough files
to repay it. A child that fails in any way (killed, short answer) costs only its half being
screened here after all.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Sequence

from livemigrate.discovery import is_notebook
from livemigrate.prefilter import may_touch_live_api
from livemigrate.source import SourceError, SourceFile, read_source

__all__ = ["MIN_FILES_TO_FORK", "Candidate", "screen"]

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


def _screen_in_child(candidates: Sequence[Candidate]) -> tuple[int, int] | None:
    """Fork a child that screens ``candidates`` and writes one byte per file to a pipe:
    ``(pid, read end)``, or None when no child could be started."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: screen, answer, and leave without running any exit handler
        status = 1
        try:
            os.close(read_end)
            answer = memoryview(bytes(_skippable(candidate) for candidate in candidates))
            while answer:
                answer = answer[os.write(write_end, answer):]
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, read_end: int, expected: int) -> bytes | None:
    chunks = []
    try:
        while True:
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    answer = b"".join(chunks)
    if status != 0 or len(answer) != expected:
        return None
    return answer


def screen(candidates: Sequence[Candidate], jobs: int) -> list[bool | SourceFile]:
    """For each candidate: True when it can be reported as skipped without being parsed, the
    file as read (for ``check``) when this process read it and it must be looked at, False
    when it is to be read and looked at the usual way. With ``jobs`` > 1 and enough files,
    half of them are screened by a forked child (see the module docstring)."""
    if jobs < 2 or len(candidates) < MIN_FILES_TO_FORK or not _can_fork():
        return [_screen(candidate) for candidate in candidates]
    half = len(candidates) // 2
    child = _screen_in_child(candidates[half:])
    mine = [_screen(candidate) for candidate in candidates[:half]]
    answer = _collect(*child, len(candidates) - half) if child is not None else None
    if answer is None:  # no child, or it failed: its half is screened here
        return mine + [_screen(candidate) for candidate in candidates[half:]]
    return mine + [byte == 1 for byte in answer]
