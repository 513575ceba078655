"""A time limit for one file's analysis: a bug of ours that makes it run on must not hang the run.

The analysis is meant to be linear in a module's size; when it is not (measurement 34 met a
module that took minutes), the file gets one error line and the run goes on with the others,
as for any other bug of ours. The limit is far above what any real module takes (the biggest
the benchmarks time take a few seconds); ``LIVEMIGRATE_FILE_TIME_LIMIT`` (seconds, 0 to turn
it off) changes it. It uses ``SIGALRM``, so it holds in the main thread of a process on a
system that has it (every worker of ``--jobs`` runs files in its main thread); elsewhere files
run without a limit.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

__all__ = ["FileTimeLimit", "file_time_limit", "time_limit"]

_DEFAULT_SECONDS = 300.0


class FileTimeLimit(BaseException):
    """The file's time ran out. A ``BaseException``: the per-rule ``except Exception`` that
    keeps one rule's bug from costing the others must not swallow it."""


def file_time_limit() -> float:
    """The limit in seconds (0: none)."""
    try:
        return max(0.0, float(os.environ.get("LIVEMIGRATE_FILE_TIME_LIMIT", _DEFAULT_SECONDS)))
    except ValueError:
        return _DEFAULT_SECONDS


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`FileTimeLimit` in the block once ``seconds`` have passed (no limit when
    ``seconds`` is 0, off the main thread, or without ``SIGALRM``)."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):  # noqa: ARG001 - the signal handler's signature
        raise FileTimeLimit()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
