"""A walk split over two processes (livemigrate.prescreen.SplitWalk) finds what one walk finds:
the same files under the same names, the same errors, in the same order, each file screened
as the prescreen would screen it; when its child fails, or a folder is reached twice, it walks
again in one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from livemigrate import prescreen
from livemigrate.discovery import iter_source_files
from livemigrate.prescreen import SplitWalk, _screen_with_flags
from livemigrate.settings import SettingsResolver
from livemigrate.source import SourceError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the split walk forks")

LIVE = "from google import genai\nasync def f(c):\n    async with c.aio.live.connect(model='m') as s: pass\n"


def _tree(root: Path) -> Path:
    """A project in the shapes discovery cares about, with folders enough to split."""
    (root / ".git").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.livemigrate]\nextend-exclude = ["generated", "*_pb2.py"]\n')
    (root / ".gitignore").write_text("build/\n*.tmp.py\n!keep.tmp.py\n")
    for index in range(30):
        package = root / f"pkg{index:02d}"
        (package / "sub" / "deeper").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "mod.py").write_text(LIVE if index % 7 == 0 else "x = 1\n")
        (package / "sub" / "a.py").write_text("y = 2\n")
        (package / "sub" / "deeper" / "b.pyi").write_text("z: int\n")
        (package / "sub" / "data_pb2.py").write_text("pb = 1\n")
        (package / "sub" / "notes.txt").write_text("not python\n")
    (root / "pkg03" / "generated").mkdir()
    (root / "pkg03" / "generated" / "g.py").write_text("g = 1\n")
    (root / "pkg04" / "build").mkdir()
    (root / "pkg04" / "build" / "out.py").write_text("o = 1\n")
    (root / "pkg05" / "drop.tmp.py").write_text("d = 1\n")
    (root / "pkg05" / "keep.tmp.py").write_text("k = 1\n")
    (root / "pkg06" / ".hidden").mkdir()
    (root / "pkg06" / ".hidden" / "h.py").write_text("h = 1\n")
    (root / "pkg07" / "env").mkdir()
    (root / "pkg07" / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    (root / "pkg07" / "env" / "site.py").write_text("s = 1\n")
    (root / "pkg08" / "nb.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n')
    (root / "pkg09" / "sub" / "pyproject.toml").write_text("[tool.livemigrate]\nselect = [\n")  # invalid
    (root / "pkg10" / "link.py").symlink_to(root / "pkg00" / "mod.py")
    (root / "pkg11" / "folder_link").symlink_to(root / "pkg12", target_is_directory=True)
    # one file under three names: the first in walk order is the one reported
    os.link(root / "pkg01" / "mod.py", root / "pkg20" / "sub" / "hard.py")
    os.link(root / "pkg01" / "mod.py", root / "pkg28" / "sub" / "hard.py")
    (root / "pkg13" / "big.py").write_text(LIVE + "#" * 5000)
    (root / "pkg13" / "pyproject.toml").write_text("[tool.livemigrate]\nmax-file-size = 1000\n")
    return root


def _walk(root: Path, split: SplitWalk | None) -> tuple[list, dict]:
    """What discovery finds under ``root``, named as given: relative to its parent folder."""
    resolver = SettingsResolver()
    here = os.getcwd()
    os.chdir(root.parent)
    screened: dict = {}
    try:
        found = [(f.path, f.message) if isinstance(f, SourceError) else str(f)
                 for f in iter_source_files([root.name], resolver, split, screened)]
    finally:
        os.chdir(here)
    return found, screened


def _plain(verdict: object) -> object:
    """A screen's verdict without the file it read: True, False or "read"."""
    verdict = verdict[0] if isinstance(verdict, tuple) else verdict
    return verdict if isinstance(verdict, bool) else "read"


@pytest.fixture
def small_units(monkeypatch: pytest.MonkeyPatch) -> None:
    # a test tree is small: split it anyway, into more items than it has folders at the top
    monkeypatch.setattr(prescreen, "SPLIT_UNITS", 8)
    monkeypatch.setattr(prescreen, "MIN_ITEMS_TO_SPLIT", 2)


def test_a_split_walk_finds_what_one_walk_finds(tmp_path: Path, small_units: None) -> None:
    root = _tree(tmp_path / "project")
    alone, _ = _walk(root, None)
    split, screened = _walk(root, SplitWalk(2))
    assert split == alone
    assert "project/pkg01/mod.py" in split and "project/pkg20/sub/hard.py" not in split
    assert any(isinstance(f, tuple) and "configuration" in f[1] for f in split)
    files = [f for f in split if isinstance(f, str)]
    assert set(screened) == set(files)  # every file yielded was screened, where it was found
    resolver = SettingsResolver()
    for path in files:
        settings = resolver.for_file(root.parent / path)
        expected = _screen_with_flags((str(root.parent / path), settings.max_file_size, False))[0]
        assert screened[path][1] == _screen_with_flags((str(root.parent / path), settings.max_file_size, False))[1]
        assert _plain(screened[path]) in (_plain(expected), False), path
    assert screened["project/pkg01/mod.py"][0] is True
    assert screened["project/pkg13/big.py"][0] is False  # above its size limit: looked at, as usual


def test_both_processes_did_part_of_the_walk(tmp_path: Path, small_units: None,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path / "project")
    lows: list[int] = []
    low = prescreen._WalkChild.low

    def spy(self, results):
        lows.append(low(self, results))
        return lows[-1]

    monkeypatch.setattr(prescreen._WalkChild, "low", spy)
    split, _ = _walk(root, SplitWalk(2))
    assert split == _walk(root, None)[0]
    assert lows, "the walk was split"


def test_a_child_that_dies_costs_only_time(tmp_path: Path, small_units: None) -> None:
    root = _tree(tmp_path / "project")
    parent = os.getpid()

    class Dying(SplitWalk):
        def _item(self, walker, item):
            if os.getpid() != parent:
                os._exit(3)  # the child, at its first item
            return super()._item(walker, item)

    assert _walk(root, Dying(2))[0] == _walk(root, None)[0]


def test_a_folder_reached_twice_is_walked_again_in_order(tmp_path: Path, small_units: None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # (a bind mount: not made in a test; the walker flags it, and the split walk redoes the walk)
    from livemigrate import discovery

    root = _tree(tmp_path / "project")
    again: list[bool] = []
    redo = SplitWalk._again

    def spy(self, walker, top):
        again.append(True)
        return redo(self, walker, top)

    plan = discovery._Walker.plan

    def flagged(self, top, units):
        items = plan(self, top, units)
        self.revisited = True
        return items

    monkeypatch.setattr(SplitWalk, "_again", spy)
    monkeypatch.setattr(discovery._Walker, "plan", flagged)
    split, screened = _walk(root, SplitWalk(2))
    monkeypatch.undo()
    assert again and split == _walk(root, None)[0]
    assert set(screened) == {f for f in split if isinstance(f, str)}


def test_one_process_when_the_split_is_not_wanted(tmp_path: Path, small_units: None) -> None:
    root = _tree(tmp_path / "project")
    split, screened = _walk(root, SplitWalk(1))
    assert split == _walk(root, None)[0] and set(screened) == {f for f in split if isinstance(f, str)}


@pytest.mark.parametrize("folder", ["pkg02", "pkg27"])  # met by this process, or by the child
def test_a_folder_reached_twice_during_the_split_redoes_the_walk(tmp_path: Path, small_units: None,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  folder: str) -> None:
    from livemigrate import discovery

    root = _tree(tmp_path / "project")
    again: list[bool] = []
    redo = SplitWalk._again
    step = discovery._Walker.step

    def spy(self, walker, top):
        again.append(True)
        return redo(self, walker, top)

    def flagging(self, parent, entry):
        got = step(self, parent, entry)
        if entry.name == "deeper" and f"/{folder}/" in entry.path:
            self.revisited = True  # as a bind mount of a folder already walked would
        return got

    monkeypatch.setattr(SplitWalk, "_again", spy)
    monkeypatch.setattr(discovery._Walker, "step", flagging)
    split, _ = _walk(root, SplitWalk(2))
    monkeypatch.undo()
    assert again and split == _walk(root, None)[0]


def test_a_folder_that_cannot_be_entered_while_planning_keeps_its_place(tmp_path: Path, small_units: None,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # a bad config two levels down: the plan enters that folder, gets an error record, and
    # expands the items around it again
    root = _tree(tmp_path / "project")
    (root / "pkg02" / "sub" / "pyproject.toml").write_text("[tool.livemigrate]\nselect = [\n")
    monkeypatch.setattr(prescreen, "SPLIT_UNITS", 400)  # expand every level the plan may
    split, _ = _walk(root, SplitWalk(2))
    assert split == _walk(root, None)[0]
    assert ("project/pkg02/sub", ) == tuple(f[0] for f in split if isinstance(f, tuple) and "pkg02" in f[0])
