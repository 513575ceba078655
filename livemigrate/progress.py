"""A one-line progress bar on stderr for long runs in a terminal, and nowhere else.

Shown only when stderr is a terminal (not a pipe, a file or a CI log: ``CI`` set, as every CI
service does, or ``TERM=dumb`` turn it off), without ``--quiet``, and only once a run has lasted
half a second, so a quick run never flashes one. It is redrawn in place (``\\r``) at most ten
times a second, and erased before anything else is printed on its line: the engine tells it
about each file before the command prints that file's error or fix, and it erases itself when
the run ends, before the findings are printed.

No library: ``click.progressbar`` (click is already a dependency) leaves the finished bar in
the output and cannot erase itself for an error line; tqdm or rich would add a dependency
(and import time) for one line of text.
"""

from __future__ import annotations

import os
import sys
import time

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from typing import Callable, Mapping, TextIO

    from livemigrate.engine import FileReport

__all__ = ["ProgressBar", "SHOW_AFTER", "wanted"]

SHOW_AFTER = 0.5  # seconds a run lasts before the bar appears
REDRAW_EVERY = 0.1
_ERASE = "\r\x1b[K"
_FALSE = ("", "0", "false", "no")


def wanted(stream: TextIO, quiet: bool = False, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether a bar belongs on ``stream``: a terminal, outside CI, not ``--quiet``."""
    if quiet or environ.get("CI", "").strip().lower() not in _FALSE or environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def _prints_a_line(report: "FileReport") -> bool:
    return report.error is not None or report.changed


class ProgressBar:
    """``livemigrate [#####·····] 1200/2700 files``, erased and redrawn around other output.

    The engine calls :meth:`start` with the number of files, :meth:`update` with each
    file's report just before yielding it, and :meth:`close` when the run ends (also on an
    exception). ``prints(report)`` says whether the caller prints a line for that report, so
    the bar is erased before it."""

    def __init__(self, stream: TextIO | None = None, show_after: float | None = None,
                 prints: Callable[["FileReport"], bool] = _prints_a_line) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.show_after = SHOW_AFTER if show_after is None else show_after
        self.prints = prints
        self.total = 0
        self.done = 0
        self._started = time.monotonic()
        self._drawn_at: float | None = None  # when the bar now on screen was drawn; None: not shown

    def start(self, total: int) -> None:
        """A run over ``total`` files begins."""
        self.total, self.done = total, 0
        self._started = time.monotonic()

    def update(self, report: "FileReport") -> None:
        """One more file is done; ``report`` is about to be handed to the caller."""
        self.done += 1
        if self.prints(report):
            self._erase()
            return
        now = time.monotonic()
        if now - self._started < self.show_after or self.done >= self.total:
            return
        if self._drawn_at is not None and now - self._drawn_at < REDRAW_EVERY:
            return
        self._draw(now)

    def close(self) -> None:
        """The run is over (or interrupted): take the bar off the screen."""
        self._erase()

    def _draw(self, now: float) -> None:
        import shutil  # only when a bar is drawn: shutil pulls in the compression modules

        columns = shutil.get_terminal_size((80, 24)).columns
        counts = f" {self.done}/{self.total} files"
        width = max(10, min(40, columns - len(counts) - len("livemigrate [] ") - 1))
        filled = width * self.done // max(self.total, 1)
        line = f"livemigrate [{'#' * filled}{'.' * (width - filled)}]{counts}"[: max(columns - 1, 1)]
        self._write(_ERASE + line)
        self._drawn_at = now

    def _erase(self) -> None:
        if self._drawn_at is not None:
            self._write(_ERASE)
            self._drawn_at = None

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: no bar, the run goes on
            self._drawn_at = None
