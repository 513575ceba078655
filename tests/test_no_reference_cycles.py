"""Checking or fixing a module leaves no reference cycle behind (issue 10 §5: memory flat).

A module's tree is freed the moment its report is made only while nothing of the analysis
refers back to itself: a closure that calls itself, a helper holding the object that holds
it, a class made per call. One such cycle anywhere keeps the whole tree (hundreds of
thousands of nodes on a big module) alive until the cyclic collector runs, and every
collection then walks it again: on the Live-heavy benchmark that was half a second of
collector time and a heap that grew with every file. Here the collector is off and each
file's garbage is counted: nothing of libcst's or ours may be in it.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from livemigrate.engine import Linter
from livemigrate.settings import Settings

from harness import REPO

# Every shape the rules and the analysis know: the rule fixtures and the example apps.
SOURCES = sorted({*(REPO / "fixtures" / "rules").rglob("before.py"), *(REPO / "fixtures" / "apps").rglob("*.py")})


def _ours(garbage: list[object]) -> list[str]:
    """The garbage objects of libcst, livemigrate or the rule pack, and functions of ours
    (a closure calling itself is a function and a cell: the function names where it is)."""
    found = []
    for obj in garbage:
        kind = type(obj)
        module = getattr(kind, "__module__", "") or ""
        if module.split(".")[0] in ("libcst", "livemigrate", "rules"):
            found.append(f"{module}.{kind.__qualname__}")
        elif kind.__name__ == "function" and "/ast.py" not in obj.__code__.co_filename:  # type: ignore[attr-defined]
            # the standard library's ast.literal_eval makes its own small cycles
            found.append(f"function {obj.__qualname__} ({obj.__code__.co_filename})")  # type: ignore[attr-defined]
    return found


def _garbage_of(run) -> list[str]:
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        run()
        gc.collect()
        return _ours(list(gc.garbage))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()


@pytest.mark.parametrize("mode", ["check", "fix"])
def test_checking_or_fixing_a_module_leaves_no_cycle_holding_its_tree(mode: str) -> None:
    assert len(SOURCES) > 40
    linter = Linter(Settings(unsafe_fixes=True))
    linter.rules  # the rule pack is loaded once, outside what is counted
    leftover: dict[str, list[str]] = {}
    for path in SOURCES:
        data = path.read_bytes()
        run = (lambda: linter.check_bytes(data, str(path))) if mode == "check" else \
            (lambda: linter.fix_bytes(data, str(path)))
        garbage = _garbage_of(run)
        if garbage:
            leftover[str(path.relative_to(REPO))] = sorted(set(garbage))[:6]
    assert not leftover, leftover


def test_a_run_over_a_project_leaves_no_cycle_holding_its_modules() -> None:
    # The project index (what modules tell each other) reads every module of the run too.
    linter = Linter(Settings())
    linter.rules
    apps = REPO / "fixtures" / "apps"
    garbage = _garbage_of(lambda: list(linter.check_paths([apps])))
    assert not garbage, sorted(set(garbage))[:6]


def test_a_closure_calling_itself_is_the_kind_of_cycle_this_finds() -> None:
    # The check above can fail: a recursive closure over a tree leaves the tree as garbage.
    import libcst as cst

    def leaky() -> None:
        module = cst.parse_module("x = 1\n")
        found: list[cst.CSTNode] = []

        def walk(node: cst.CSTNode) -> None:
            found.append(node)
            for child in node.children:
                walk(child)

        walk(module)

    garbage = _garbage_of(leaky)
    assert any(name.startswith("libcst.") for name in garbage)
    assert any("walk" in name for name in garbage)


def test_the_sources_include_the_big_apps() -> None:
    assert any(Path(p).parent.name == "voice_agent" for p in map(str, SOURCES))


def test_only_a_livemigrate_process_freezes_its_loaded_heap() -> None:
    # A library caller (this test process) is never frozen; the command's own process freezes
    # libcst, the analysis and the rule pack once they are loaded (engine.settle_when_loaded).
    import subprocess
    import sys

    before = gc.get_freeze_count()
    Linter(Settings()).check_bytes(b"async def f(c):\n    async with c.aio.live.connect(model='m') as s:\n        pass\n",
                                   "x.py")
    assert gc.get_freeze_count() == before
    live = "from google import genai\\nasync def f(c):\\n    async with c.aio.live.connect(model='m') as s:\\n        pass\\n"
    probe = ("import gc\nfrom livemigrate import engine\nengine.settle_when_loaded()\nbefore = gc.get_freeze_count()\n"
             f"engine.Linter(engine.Settings()).check_bytes(b\"{live}\", 'x.py')\n"
             "print(before, gc.get_freeze_count(), gc.get_threshold()[0])\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    before_load, after_load, young = map(int, done.stdout.split())
    assert before_load == 0 and after_load > 10_000 and young == 10_000
    assert gc.get_threshold()[0] != 10_000  # this process keeps its own
