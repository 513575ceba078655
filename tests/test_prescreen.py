"""The prescreen: half of a large tree's files ruled out by a forked child, with the reports a
single process gives (livemigrate/prescreen.py)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from harness import REPO
from livemigrate import engine, prescreen
from livemigrate.engine import Linter
from livemigrate.settings import Settings, SettingsResolver

APP = REPO / "fixtures" / "apps" / "voice_agent" / "agent.py"
fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")


def _tree(root: Path) -> list[str]:
    """Files of every kind the prescreen must get right, interleaved so both halves hold some."""
    kinds = {
        "plain.py": b"import os\nprint(os.getcwd())\n",
        "live.py": APP.read_bytes(),
        "binary.py": b"x = 1\n\x00\x01",
        "big.py": b"# " + b"x" * 5000 + b"\n",
        "broken.py": b"def oops(:\n",
        "notes.ipynb": b"not a notebook\n",
        "genai_token.py": b"from google import genai\nclient = genai.Client(api_key=token)\n",
    }
    paths = []
    for number in range(6):
        for name, data in kinds.items():
            path = root / f"{number}_{name}"
            path.write_bytes(data)
            paths.append(str(path))
    unreadable = root / "9_unreadable.py"
    unreadable.write_bytes(b"x = 1\n")
    unreadable.chmod(0)
    paths += [str(unreadable), str(root / "9_gone.py")]
    (root / "pyproject.toml").write_text('[tool.livemigrate]\nmax-file-size = 4000\n')
    return paths


def _verdicts(candidates: list[prescreen.Candidate], jobs: int) -> list[bool]:
    """What the prescreen decides per file (True skipped; False or the file read: look at it)."""
    screener = prescreen.Screener(jobs)
    for candidate in candidates:
        screener.add(candidate)
    return [verdict is True for verdict in screener.verdicts()]


def _spy_on_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    pids: list[int] = []
    real = prescreen._Child.start

    def start():
        child = real()
        pids.append(child.pid)
        return child

    monkeypatch.setattr(prescreen._Child, "start", staticmethod(start))
    return pids


def _candidates(paths: list[str]) -> list[prescreen.Candidate]:
    return [(path, 4000, False) for path in paths]


@fork_only
def test_the_child_answers_what_this_process_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _tree(tmp_path)
    alone = _verdicts(_candidates(paths), jobs=1)
    forks = _spy_on_forks(monkeypatch)
    monkeypatch.setattr(prescreen, "MIN_FILES_TO_FORK", 2)
    monkeypatch.setattr(prescreen, "_FLUSH_AT", 64)  # handed over in several runs
    assert _verdicts(_candidates(paths), jobs=2) == alone
    assert len(forks) == 1
    # only modules that read cleanly and say nothing Live are ruled out (a syntax error in one is
    # not looked for, as without the prescreen); everything else is left to the usual path
    readable = {"unreadable.py"} if os.access(paths[-2], os.R_OK) else set()  # root reads it
    assert {Path(p).name.split("_", 1)[1] for p, skip in zip(paths, alone) if skip} == {"plain.py", "broken.py",
                                                                                         *readable}


@fork_only
def test_a_child_that_dies_costs_only_the_screening_done_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _tree(tmp_path)
    alone = _verdicts(_candidates(paths), jobs=1)
    parent = os.getpid()
    real = prescreen._screen

    def dying(candidate):
        if os.getpid() != parent:
            os._exit(3)
        return real(candidate)

    monkeypatch.setattr(prescreen, "_screen", dying)
    monkeypatch.setattr(prescreen, "MIN_FILES_TO_FORK", 2)
    monkeypatch.setattr(prescreen, "_FLUSH_AT", 1)  # the parent writes on after the child died
    assert _verdicts(_candidates(paths), jobs=2) == alone


@fork_only
def test_this_process_screens_from_the_end_until_it_meets_the_child(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _tree(tmp_path)
    alone = _verdicts(_candidates(paths), jobs=1)
    parent, here = os.getpid(), []
    real = prescreen._screen

    def slow_child(candidate):
        if os.getpid() != parent:
            time.sleep(0.02)  # a child that falls behind: this process does the rest
        else:
            here.append(candidate[0])
        return real(candidate)

    monkeypatch.setattr(prescreen, "_screen", slow_child)
    monkeypatch.setattr(prescreen, "MIN_FILES_TO_FORK", 2)
    assert _verdicts(_candidates(paths), jobs=2) == alone
    assert here and here == paths[len(paths) - len(here):][::-1]  # from the last file back


def test_no_fork_while_other_threads_run_or_for_few_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _tree(tmp_path)
    monkeypatch.setattr(prescreen._Child, "start", staticmethod(lambda: pytest.fail("forked")))
    _verdicts(_candidates(paths), jobs=2)  # fewer than MIN_FILES_TO_FORK
    monkeypatch.setattr(prescreen, "MIN_FILES_TO_FORK", 2)
    _verdicts(_candidates(paths), jobs=1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        _verdicts(_candidates(paths), jobs=2)
    finally:
        stop.set()
        other.join()


def _reports(root: Path, jobs: int) -> list[tuple]:
    linter = Linter(Settings())
    return [(r.path, r.skipped, str(r.error) if r.error else None, [(f.rule_id, f.line) for f in r.findings])
            for r in linter.check_paths([root], resolver=SettingsResolver(), jobs=jobs)]


@fork_only
def test_check_reports_the_same_with_the_prescreen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path)
    alone = _reports(tmp_path, jobs=1)
    monkeypatch.setattr(prescreen, "MIN_FILES_TO_FORK", 2)
    monkeypatch.setattr(engine, "PRESCREEN_BATCH", 5)  # several batches, one cut inside a kind's run
    forks = _spy_on_forks(monkeypatch)
    assert _reports(tmp_path, jobs=2) == alone
    assert len(forks) == -(-len(alone) // 5)  # one child per batch (each holds MIN_FILES_TO_FORK or more)
    assert sum(1 for r in alone if r[1]) >= 12 and any(r[2] for r in alone) and any(r[3] for r in alone)


class _WalkStopped(Exception):
    pass


@fork_only
def test_a_run_stopped_early_leaves_no_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path)
    monkeypatch.setattr(prescreen, "MIN_FILES_TO_FORK", 2)
    forks = _spy_on_forks(monkeypatch)

    def walk():
        yield from (tmp_path / f"{n}_plain.py" for n in range(6))
        raise _WalkStopped  # after the child started: an error, or Ctrl-C, in the middle of a walk

    with pytest.raises(_WalkStopped):
        next(Linter(Settings())._tasks(walk(), None, fix=False, jobs=2))
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)  # reaped: no child left running or as a zombie
