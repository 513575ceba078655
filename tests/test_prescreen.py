"""The prescreen as a run meets it: `check` screens each file where its (split) walk finds it,
and reports what a run that reads every file the usual way reports (livemigrate/prescreen.py;
the walk's own equivalence is tests/test_split_walk.py)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from harness import REPO
from livemigrate import engine, prescreen
from livemigrate.engine import Linter
from livemigrate.parallel import run_in_order
from livemigrate.settings import Settings, SettingsResolver

APP = REPO / "fixtures" / "apps" / "voice_agent" / "agent.py"
fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")

KINDS = {
    "plain.py": b"import os\nprint(os.getcwd())\n",
    "live.py": APP.read_bytes(),
    "binary.py": b"x = 1\n\x00\x01",
    "big.py": b"# " + b"x" * 5000 + b"\n",
    "broken.py": b"def oops(:\n",
    "notes.ipynb": b"not a notebook\n",
    "genai_token.py": b"from google import genai\nclient = genai.Client(api_key=token)\n",
}


def _tree(root: Path) -> None:
    """Files of every kind the prescreen must get right, in folders enough to split the walk."""
    for number in range(12):
        folder = root / f"part{number:02d}"
        folder.mkdir()
        for name, data in KINDS.items():
            (folder / f"{number}_{name}").write_bytes(data)
    unreadable = root / "part09" / "9_unreadable.py"
    unreadable.write_bytes(b"x = 1\n")
    unreadable.chmod(0)
    (root / "pyproject.toml").write_text('[tool.livemigrate]\nmax-file-size = 4000\n')


def _reports(root: Path, jobs: int) -> list[tuple]:
    linter = Linter(Settings())
    return [(r.path, r.skipped, str(r.error) if r.error else None, [(f.rule_id, f.line) for f in r.findings])
            for r in linter.check_paths([root], resolver=SettingsResolver(), jobs=jobs)]


def _unscreened(root: Path) -> list[tuple]:
    """The reports of a run whose walk screens nothing: every file read and admitted the usual way."""
    linter = Linter(Settings())
    resolver = SettingsResolver()
    found = list(engine.iter_source_files([root], resolver))
    return [(r.path, r.skipped, str(r.error) if r.error else None, [(f.rule_id, f.line) for f in r.findings])
            for r in run_in_order(linter._tasks(found, resolver))]


@pytest.fixture
def split_small(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Split even a test's small tree; the pids of the children forked."""
    monkeypatch.setattr(prescreen, "SPLIT_UNITS", 4)
    monkeypatch.setattr(prescreen, "MIN_ITEMS_TO_SPLIT", 2)
    pids: list[int] = []
    real = prescreen._WalkChild.start

    def start(split, walker, items):
        child = real(split, walker, items)
        if child is not None:
            pids.append(child.pid)
        return child

    monkeypatch.setattr(prescreen._WalkChild, "start", staticmethod(start))
    return pids


@fork_only
def test_check_reports_the_same_with_the_split_walk(tmp_path: Path, split_small: list[int]) -> None:
    _tree(tmp_path)
    plain = _unscreened(tmp_path)
    assert _reports(tmp_path, jobs=1) == plain
    assert _reports(tmp_path, jobs=2) == plain
    assert len(split_small) == 1
    # only modules that read cleanly and say nothing Live are ruled out (a syntax error in one is
    # not looked for, as without the prescreen); everything else is left to the usual path
    skipped = {Path(path).name.split("_", 1)[1] for path, skip, _, _ in plain if skip}
    readable = {"unreadable.py"} if os.access(tmp_path / "part09" / "9_unreadable.py", os.R_OK) else set()
    assert skipped == {"plain.py", "broken.py", *readable}
    assert any(error for _, _, error, _ in plain) and any(findings for *_, findings in plain)


@fork_only
def test_a_run_stopped_early_leaves_no_child(tmp_path: Path, split_small: list[int],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path)
    parent = os.getpid()
    real = prescreen.SplitWalk._item

    class Stopped(Exception):
        pass

    # The child waits for the parent's first item before walking its own: on a loaded machine it
    # could otherwise walk them all first, and the parent, with nothing left, would stop nowhere.
    ready_read, ready_write = os.pipe()
    waited: list[bool] = []

    def stopping(self, walker, item):
        if os.getpid() == parent:
            os.write(ready_write, b"x")
            raise Stopped  # after the child started: an error, or Ctrl-C, in the middle of a walk
        if not waited:
            waited.append(os.read(ready_read, 1) == b"x")
        return real(self, walker, item)

    monkeypatch.setattr(prescreen.SplitWalk, "_item", stopping)
    try:
        with pytest.raises(Stopped):
            _reports(tmp_path, jobs=2)
    finally:
        os.close(ready_read)
        os.close(ready_write)
    assert len(split_small) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(split_small[0], os.WNOHANG)  # reaped: no child left running or as a zombie


def test_no_fork_while_other_threads_run(tmp_path: Path, split_small: list[int]) -> None:
    _tree(tmp_path)
    plain = _unscreened(tmp_path)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _reports(tmp_path, jobs=2) == plain
    finally:
        stop.set()
        other.join()
    assert split_small == []


def test_the_screen_flags_what_the_project_index_reads(tmp_path: Path) -> None:
    config = tmp_path / "config.py"
    config.write_bytes(b'MODEL = "gemini-2.0-flash-exp"\n')
    chat = tmp_path / "chat.py"
    chat.write_bytes(b"def ask(client, m):\n    return client.models.generate_content(model=m, contents='hi')\n")
    plain = tmp_path / "plain.py"
    plain.write_bytes(b"x = 1\n")
    flags = {path.name: prescreen._screen_with_flags((str(path), None, False)) for path in (config, chat, plain)}
    assert flags["config.py"][1] & prescreen.DEFINES_LIVE_VALUE
    assert flags["chat.py"] == (True, prescreen.USES_A_MODEL)  # ruled out, and read by the index
    assert flags["plain.py"] == (True, 0)
