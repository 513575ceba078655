"""Many files at once: the cheap steps in this process, the parsing in a pool of worker processes.

Discovery, reading and the byte prefilter run here, in order: they cost little, and
:func:`livemigrate.source.read_source` remembers what was read so that ``fix`` writes back
safely from this process (writing never happens in a worker). A file the prefilter rules out is
answered here without libcst; one the result cache knows is answered from the cache
(:mod:`livemigrate.cache`); every other file is parsed and checked, in a worker process when
the run has several such files, else here. Reports come back in discovery order whatever
finishes first, so the output is the same for every ``--jobs``.

Workers start from a *forkserver* (spawn where there is none): a clean single-threaded
process that imports libcst and the analysis once and forks each worker from there. Plain
``fork`` copies the caller as it is, and forking a process that runs other threads (an
application or a test runner that calls the library) can deadlock the child on a lock some
thread held (Python 3.12 warns about it; 3.14 stopped making fork the default for this).
``spawn`` would be safe too, but each worker would import libcst on its own (on a busy 2-core
machine: a 2-worker pool's first result after ~1.8 s with fork or forkserver, ~3 s with spawn).
As with any multiprocessing, a script that calls the library with ``jobs`` > 1 needs the
``if __name__ == "__main__":`` guard (the ``livemigrate`` command has it).

A worker that dies (a crash in a C extension, ``os._exit`` in a rule from ``--rule-path``, the
out-of-memory killer) breaks the whole pool. The files it had in flight are then checked again,
one per fresh process, so the one that kills its process gets an internal error and every
other file its result; the run goes on with a new pool. Workers ignore Ctrl-C: this process
gets it, stops the pool and lets the interruption end the run.
"""

from __future__ import annotations

import os
from collections import deque

from livemigrate.engine import ISSUES_URL, FileReport, InternalError, InternalFileError, Linter
from livemigrate.discovery import is_notebook
from livemigrate.prefilter import may_touch_live_api
from livemigrate.records import Record
from livemigrate.settings import Settings
from livemigrate.source import SourceFile

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from typing import Iterable, Iterator

    from concurrent.futures import Future, ProcessPoolExecutor

    from livemigrate.project import ModuleFacts
    from livemigrate.cache import ResultCache
    from livemigrate.progress import ProgressBar

__all__ = ["FileTask", "MIN_FILES_FOR_POOL", "default_jobs", "run_in_order"]

# Below this many files to parse, starting workers (each imports libcst) costs more than it saves.
MIN_FILES_FOR_POOL = 4
IN_FLIGHT_PER_WORKER = 4  # queued per worker, so none waits for the next file
READ_AHEAD = 512  # files read ahead of the one being reported (bounds memory)

# What the forkserver imports once, so that forked workers start with it (see the docstring).
_PRELOAD = ["libcst", "livemigrate.analysis", "livemigrate.policy", "livemigrate.imports_cleanup",
            "livemigrate.parallel"]


def default_jobs() -> int:
    """The CPUs this process may run on (``os.cpu_count`` when the affinity is unknown)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class FileTask(Record):
    """A file read from disk, to check or fix with ``linter`` (its settings' linter)."""

    linter: Linter
    source: SourceFile
    path: str  # as reported
    # Its slice of the run's project index (livemigrate.project): sent to the worker
    # with the bytes, and part of the cache key.
    facts: ModuleFacts | None

    _fields = ("linter", "source", "path", "facts")

    def __init__(self, linter: Linter, source: SourceFile, path: str, facts: ModuleFacts | None = None) -> None:
        self.linter = linter
        self.source = source
        self.path = path
        self.facts = facts


class _Slot(Record):
    """One file's place in the output order: its report, or how it will get one."""

    report: FileReport | None
    task: FileTask | None
    future: Future | None
    key: str | None  # its cache entry, when its result may be stored
    executor: ProcessPoolExecutor | None  # the pool it went to (not shown)

    _fields = ("report", "task", "future", "key", "executor")
    _shown = _fields[:4]

    def __init__(self, report: FileReport | None = None, task: FileTask | None = None, future: Future | None = None,
                 key: str | None = None, executor: ProcessPoolExecutor | None = None) -> None:
        self.report = report
        self.task = task
        self.future = future
        self.key = key
        self.executor = executor


# --- the worker side ----------------------------------------------------------------------

_worker_linters: dict[Settings, Linter] = {}


def _worker_init() -> None:
    import signal  # (a worker's: the main process of a run that starts none never imports it)

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    from livemigrate.engine import settle_when_loaded

    settle_when_loaded()  # a worker runs livemigrate only


def _work(settings: Settings, data: bytes, path: str, fix: bool, unsafe: bool | None,
          facts: ModuleFacts | None = None) -> tuple[FileReport, bool]:
    """Check or fix one file in a worker: the report, without the bytes it was sent (the main
    process has them: they are not sent back), and whether they were taken out."""
    linter = _worker_linters.get(settings)
    if linter is None:
        linter = _worker_linters[settings] = Linter(settings)
    report = linter.fix_bytes(data, path, unsafe, facts) if fix else linter.check_bytes(data, path, facts)
    stripped = report.original is data
    if stripped:
        report.original = None
    return report, stripped


# --- the main side ------------------------------------------------------------------------

def _context():
    import multiprocessing  # with concurrent.futures, only once a pool starts: a run that
    # parses nothing (or one file) does not pay for them at start-up

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


class _Pool:
    """A ProcessPoolExecutor that is replaced when a worker dies."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.context = _context()
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, task: FileTask, fix: bool, unsafe: bool | None) -> tuple[Future, ProcessPoolExecutor]:
        """The future of ``task`` and the executor it went to."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        for _ in range(2):
            if self.executor is None:
                self.executor = ProcessPoolExecutor(self.jobs, mp_context=self.context, initializer=_worker_init)
            executor = self.executor
            try:
                return executor.submit(_work, task.linter.settings, task.source.data, task.path, fix, unsafe,
                                       task.facts), executor
            except BrokenProcessPool:  # a worker died since the last submit: start a new pool
                self.broken(executor)
        raise BrokenProcessPool("worker processes die as they start")

    def broken(self, executor: ProcessPoolExecutor | None) -> None:
        """The pool a future came from lost a worker: later files go to a new one."""
        if executor is not None and executor is self.executor:
            self.executor = None
            _stop(executor, kill=True)

    def alone(self, task: FileTask, fix: bool, unsafe: bool | None) -> tuple[FileReport, bool] | None:
        """``task`` in a process of its own: its result, or None if that process died too."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        executor = ProcessPoolExecutor(1, mp_context=self.context, initializer=_worker_init)
        try:
            return executor.submit(_work, task.linter.settings, task.source.data, task.path, fix, unsafe,
                                   task.facts).result()
        except BrokenProcessPool:
            return None
        finally:
            _stop(executor, kill=True)

    def close(self, kill: bool = False) -> None:
        if self.executor is not None:
            _stop(self.executor, kill)
            self.executor = None


def _stop(executor: ProcessPoolExecutor, kill: bool) -> None:
    if not kill:
        executor.shutdown(wait=True)
        return
    # Interrupted or broken: do not wait for files in progress. ProcessPoolExecutor has no
    # public way to end its workers before Python 3.14 (terminate_workers).
    processes = list((getattr(executor, "_processes", None) or {}).values())
    manager = getattr(executor, "_executor_manager_thread", None)  # shutdown() forgets it
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    # concurrent.futures' exit hook writes to the wake-up pipe of every manager thread it
    # knows of, without the lock the manager closes that pipe under: a manager still finishing
    # at exit (a busy machine after Ctrl-C) made "Aborted." end in a traceback (CPython 3.11's
    # executor shutdown race). shutdown() above woke this one already: the hook has nothing
    # to tell it, so it forgets it (it still ends on its own; the interpreter joins it).
    if manager is not None:
        _forget_at_exit(manager)
        manager.join(timeout=5)


def _forget_at_exit(manager: object) -> None:
    from concurrent.futures import process as pool_internals

    wakeups = getattr(pool_internals, "_threads_wakeups", None)  # private: absent in some Python
    if wakeups is not None:
        wakeups.pop(manager, None)


def _crashed(task: FileTask, fix: bool) -> FileReport:
    action = "file left unchanged" if fix else "file skipped"
    error = InternalFileError(task.path, f"internal error: the worker process checking this file died (a crash "
                                         f"in libcst, in a rule from --rule-path, or out of memory); {action} "
                                         f"(a livemigrate bug: please report it at {ISSUES_URL})")
    return FileReport(task.path, error=error, original=task.source.data)


def _failed(task: FileTask, exc: BaseException, fix: bool) -> FileReport:
    action = "file left unchanged" if fix else "file skipped"
    return FileReport(task.path, error=InternalError("worker", exc).as_source_error(task.path, action),
                      original=task.source.data)


class _Run:
    """One ordered run over a stream of tasks (see :func:`run_in_order`)."""

    def __init__(self, fix: bool, unsafe: bool | None, jobs: int, cache: ResultCache | None) -> None:
        self.fix, self.unsafe, self.cache = fix, unsafe, cache
        self.jobs = jobs
        self.pool: _Pool | None = None
        self.to_parse = 0  # files seen so far that need parsing
        self.in_flight = 0

    def admit(self, item: FileReport | FileTask) -> _Slot:
        """The cheap part, here: a finished report, or a file to parse."""
        if isinstance(item, FileReport):
            return _Slot(report=item)
        data, path, linter = item.source.data, item.path, item.linter
        if not may_touch_live_api(data, bool(linter.settings.rule_paths)) \
                and not (item.facts and item.facts.takes_part_in_live):
            if is_notebook(path):  # its cells are read (a broken notebook is an error), never parsed
                report = linter.fix_bytes(data, path, self.unsafe) if self.fix else linter.check_bytes(data, path)
            else:  # what check_bytes and fix_bytes give, without running the prefilter twice
                report = FileReport(path, original=data, skipped=True)
            return _Slot(report=self._finish(report, item))
        slot = _Slot(task=item)
        if self.cache is not None and self.cache.enabled and linter.rebuildable:
            slot.key = self.cache.key(data, path, linter.settings, item.facts.digest() if item.facts else "")
            cached = self.cache.get(slot.key)
            if cached is not None and not (self.fix and cached):
                # check: the stored findings; fix: a file with no findings has nothing to fix
                for finding in cached:
                    finding.path = path
                return _Slot(report=self._finish(FileReport(path, findings=cached, original=data), item))
        self.to_parse += 1
        return slot

    def start_pool_if_worth_it(self, pending: deque[_Slot]) -> None:
        if self.pool is None and self.jobs > 1 and self.to_parse >= MIN_FILES_FOR_POOL:
            self.pool = _Pool(self.jobs)
            for slot in pending:
                self.submit(slot)

    def submit(self, slot: _Slot) -> None:
        if self.pool is not None and slot.task is not None and slot.future is None and slot.report is None:
            slot.future, slot.executor = self.pool.submit(slot.task, self.fix, self.unsafe)
            self.in_flight += 1

    def room(self) -> bool:
        return self.pool is None or self.in_flight < self.jobs * IN_FLIGHT_PER_WORKER

    def result(self, slot: _Slot) -> FileReport:
        """The report of a slot, waiting for its worker (or checking here) as needed."""
        if slot.report is not None:
            return slot.report
        task = slot.task
        assert task is not None
        if slot.future is None:
            linter = task.linter
            report = (linter.fix_bytes(task.source.data, task.path, self.unsafe, task.facts) if self.fix
                      else linter.check_bytes(task.source.data, task.path, task.facts))
            return self._store(slot, self._finish(report, task))
        from concurrent.futures.process import BrokenProcessPool  # loaded with the pool

        self.in_flight -= 1
        try:
            outcome = slot.future.result()
        except BrokenProcessPool:
            assert self.pool is not None, "a future comes from the pool"
            self.pool.broken(slot.executor)
            outcome = self.pool.alone(task, self.fix, self.unsafe)
            if outcome is None:
                return self._finish(_crashed(task, self.fix), task)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - this file's error, not the run's end
            # (sys.exit() in a rule from --rule-path, a result that cannot be pickled)
            return self._finish(_failed(task, exc, self.fix), task)
        report, stripped = outcome
        if stripped:
            report.original = task.source.data
        return self._store(slot, self._finish(report, task))

    def _finish(self, report: FileReport, task: FileTask) -> FileReport:
        report.source = task.source
        return report

    def _store(self, slot: _Slot, report: FileReport) -> FileReport:
        if self.cache is None or slot.key is None or report.error is not None or report.skipped:
            return report
        if self.fix and (report.changed or report.applied):
            return report  # the findings are those of the fixed text, not of these bytes
        self.cache.put(slot.key, report.findings)
        return report

    def close(self, interrupted: bool) -> None:
        if self.pool is not None:
            self.pool.close(kill=interrupted)
            self.pool = None


def run_in_order(items: Iterable[FileReport | FileTask], *, fix: bool = False, unsafe: bool | None = None,
                 jobs: int = 1, cache: ResultCache | None = None, progress: ProgressBar | None = None,
                 total: int | None = None) -> Iterator[FileReport]:
    """A report per item, in the items' order: a :class:`FileReport` as it is, a
    :class:`FileTask` checked (or fixed, ``fix``) by its linter, here or in up to ``jobs``
    worker processes, or answered by ``cache``. ``progress`` hears of each report."""
    run = _Run(fix, unsafe, jobs, cache)
    if progress is not None and total is not None:
        progress.start(total)
    stream = iter(items)
    pending: deque[_Slot] = deque()
    exhausted = False
    interrupted = True
    try:
        while True:
            while not exhausted and len(pending) < READ_AHEAD and run.room():
                item = next(stream, None)
                if item is None:
                    exhausted = True
                    break
                slot = run.admit(item)
                pending.append(slot)
                run.submit(slot)
            run.start_pool_if_worth_it(pending)
            if not pending:
                break
            report = run.result(pending.popleft())
            if progress is not None:
                progress.update(report)
            yield report
        interrupted = False
    finally:
        run.close(interrupted)
        if progress is not None:
            progress.close()
        if cache is not None and not interrupted:
            cache.prune()
