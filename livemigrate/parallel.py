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

Files go to the workers in batches (a few files, a few dozen KB), once every worker has
something to do: each task costs this process a pickling, a wake-up of the executor's threads
and an unpickling of its result, and on 2 cores those threads take their time from the workers
(on a tree of 1140 small files, one task per file cost this process about 0.5 s of CPU). The
first tasks of a run are single files, so that no worker waits for a batch to fill. A batch
whose worker died is checked again in a process of its own, then halved until the file that
kills its process is alone.
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
IN_FLIGHT_PER_WORKER = 3  # batches queued per worker, so none waits for the next one
BATCH_FILES = 8  # a batch ends at this many files or this many bytes, whichever comes first
BATCH_BYTES = 48 * 1024
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
    batch: _Batch | None  # the batch it went to a worker in
    index: int  # its place in that batch
    key: str | None  # its cache entry, when its result may be stored

    _fields = ("report", "task", "batch", "index", "key")

    def __init__(self, report: FileReport | None = None, task: FileTask | None = None, key: str | None = None) -> None:
        self.report = report
        self.task = task
        self.batch = None
        self.index = 0
        self.key = key


class _Batch(Record):
    """Files sent to a worker as one task, and what came back for each (once it did)."""

    tasks: list[FileTask]
    future: Future | None
    executor: ProcessPoolExecutor | None  # the pool it went to (not shown)
    outcomes: list[_Outcome | None] | None  # None for a file whose process died

    _fields = ("tasks", "future", "executor", "outcomes")
    _shown = ("tasks", "outcomes")

    def __init__(self, tasks: list[FileTask]) -> None:
        self.tasks = tasks
        self.future = None
        self.executor = None
        self.outcomes = None


# --- the worker side ----------------------------------------------------------------------

_worker_linters: dict[Settings, Linter] = {}


def _worker_init() -> None:
    import signal  # (a worker's: the main process of a run that starts none never imports it)

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    from livemigrate.engine import settle_when_loaded

    settle_when_loaded()  # a worker runs livemigrate only


# A file's outcome in a worker: its report without the bytes it was sent (the main process has
# them: they are not sent back) and whether they were taken out; or the error that escaped it.
_Outcome = "tuple[FileReport, bool] | BaseException"


def _work(settings: Settings, files: list[tuple[bytes, str, ModuleFacts | None]], fix: bool,
          unsafe: bool | None) -> list[_Outcome]:
    """Check or fix a batch of files in a worker, each on its own: an exception that escapes
    one file (``sys.exit()`` in a rule from --rule-path) is that file's outcome, not the batch's."""
    linter = _worker_linters.get(settings)
    if linter is None:
        linter = _worker_linters[settings] = Linter(settings)
    outcomes: list[_Outcome] = []
    for data, path, facts in files:
        try:
            report = linter.fix_bytes(data, path, unsafe, facts) if fix else linter.check_bytes(data, path, facts)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - this file's error, not the batch's
            outcomes.append(exc)
            continue
        stripped = report.original is data
        if stripped:
            report.original = None
        outcomes.append((report, stripped))
    return outcomes


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

    def submit(self, batch: _Batch, fix: bool, unsafe: bool | None) -> None:
        """Send ``batch`` to a worker (its future, and the executor it went to)."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        for _ in range(2):
            if self.executor is None:
                self.executor = ProcessPoolExecutor(self.jobs, mp_context=self.context, initializer=_worker_init)
            executor = self.executor
            try:
                batch.future = executor.submit(_work, batch.tasks[0].linter.settings, _files(batch.tasks), fix,
                                               unsafe)
                batch.executor = executor
                return
            except BrokenProcessPool:  # a worker died since the last submit: start a new pool
                self.broken(executor)
        raise BrokenProcessPool("worker processes die as they start")

    def broken(self, executor: ProcessPoolExecutor | None) -> None:
        """The pool a future came from lost a worker: later files go to a new one."""
        if executor is not None and executor is self.executor:
            self.executor = None
            _stop(executor, kill=True)

    def alone(self, tasks: list[FileTask], fix: bool, unsafe: bool | None) -> list[_Outcome | None]:
        """``tasks`` in a process of their own, halved while that process dies: an outcome per
        task, None for the one that kills its process even alone."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        executor = ProcessPoolExecutor(1, mp_context=self.context, initializer=_worker_init)
        try:
            return list(executor.submit(_work, tasks[0].linter.settings, _files(tasks), fix, unsafe).result())
        except BrokenProcessPool:
            pass
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
            if len(tasks) == 1:
                return [exc]
        finally:
            _stop(executor, kill=True)
        if len(tasks) == 1:
            return [None]
        half = len(tasks) // 2
        return self.alone(tasks[:half], fix, unsafe) + self.alone(tasks[half:], fix, unsafe)

    def close(self, kill: bool = False) -> None:
        if self.executor is not None:
            _stop(self.executor, kill)
            self.executor = None


def _files(tasks: list[FileTask]) -> list[tuple[bytes, str, ModuleFacts | None]]:
    return [(task.source.data, task.path, task.facts) for task in tasks]


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
        self.in_flight = 0  # batches sent whose outcomes were not taken yet
        self.filling: list[_Slot] = []  # the batch being filled, not sent yet
        self.filling_bytes = 0

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
        """Put a file to parse in the batch being filled; send that batch once it is full, or at
        once while a worker has nothing to do."""
        if self.pool is None or slot.task is None or slot.batch is not None or slot.report is not None:
            return
        if self.filling and self.filling[0].task.linter.settings != slot.task.linter.settings:
            self.send()  # a batch runs under one linter's settings
        self.filling.append(slot)
        self.filling_bytes += len(slot.task.source.data)
        if (self.in_flight < self.jobs or len(self.filling) >= BATCH_FILES
                or self.filling_bytes >= BATCH_BYTES):
            self.send()

    def send(self) -> None:
        """Send the batch being filled to a worker."""
        if not self.filling:
            return
        assert self.pool is not None, "only a run with a pool fills batches"
        batch = _Batch([slot.task for slot in self.filling])
        for index, slot in enumerate(self.filling):
            slot.batch, slot.index = batch, index
        self.filling, self.filling_bytes = [], 0
        self.pool.submit(batch, self.fix, self.unsafe)
        self.in_flight += 1

    def room(self) -> bool:
        return self.pool is None or self.in_flight < self.jobs * IN_FLIGHT_PER_WORKER

    def result(self, slot: _Slot) -> FileReport:
        """The report of a slot, waiting for its worker (or checking here) as needed."""
        if slot.report is not None:
            return slot.report
        task = slot.task
        assert task is not None
        if slot.batch is None and slot in self.filling:
            self.send()  # its batch is the next to be reported: no more waiting for it to fill
        if slot.batch is None:
            linter = task.linter
            report = (linter.fix_bytes(task.source.data, task.path, self.unsafe, task.facts) if self.fix
                      else linter.check_bytes(task.source.data, task.path, task.facts))
            return self._store(slot, self._finish(report, task))
        outcome = self._outcomes(slot.batch)[slot.index]
        if outcome is None:
            return self._finish(_crashed(task, self.fix), task)
        if isinstance(outcome, BaseException):
            # (sys.exit() in a rule from --rule-path, a result that cannot be pickled)
            return self._finish(_failed(task, outcome, self.fix), task)
        report, stripped = outcome
        if stripped:
            report.original = task.source.data
        return self._store(slot, self._finish(report, task))

    def _outcomes(self, batch: _Batch) -> list[_Outcome | None]:
        """What came back for each file of ``batch``, waiting for it the first time."""
        if batch.outcomes is not None:
            return batch.outcomes
        from concurrent.futures.process import BrokenProcessPool  # loaded with the pool

        assert self.pool is not None and batch.future is not None, "a sent batch has a future"
        self.in_flight -= 1
        try:
            batch.outcomes = list(batch.future.result())
        except BrokenProcessPool:  # a worker died: this batch again, in a process of its own
            self.pool.broken(batch.executor)
            batch.outcomes = self.pool.alone(batch.tasks, self.fix, self.unsafe)
        except (Exception, SystemExit):  # noqa: BLE001 - the batch's result could not come back
            batch.outcomes = self.pool.alone(batch.tasks, self.fix, self.unsafe)
        batch.future = batch.executor = None
        return batch.outcomes

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
