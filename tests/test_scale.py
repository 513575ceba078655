"""Repository scale: worker processes, the result cache, lazy heavy imports, the progress bar.

None of them may change what a run reports: the same findings, errors and order for every
``--jobs``, cold or warm.
"""

from __future__ import annotations

import json
import os
import pickle
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import livemigrate.engine as engine
import livemigrate.parallel as parallel
from livemigrate.cache import CACHE_DIR_NAME, ResultCache
from livemigrate.cli import main
from livemigrate.engine import FileReport, Linter
from livemigrate.settings import Settings

from harness import REPO, dedent

LIVE_FILES = sorted((REPO / "fixtures" / "rules").glob("LM00*/before.py"))[:5]
APP = REPO / "fixtures" / "apps" / "voice_agent" / "agent.py"
NOTEBOOK = REPO / "fixtures" / "notebooks" / "live_session.ipynb"
MIGRATED = "from google import genai\n\nclient = genai.Client()\nMODEL = \"gemini-3.1-flash-live-preview\"\n"  # passes the prefilter, no findings
UNFIXABLE = dedent('''
    from google import genai
    from google.genai import types
    config = types.LiveConnectConfig(enable_affective_dialog=True)
''')


def _rule(body: str, rule_id: str = "LM901") -> str:
    return dedent('''
        """A user rule for the tests."""
        import os, time
        from livemigrate.rule import Rule

        class UserRule(Rule):
            """User rule."""
            id = "{id}"
            name = "user-rule"
            message = "user rule"
            def check(self, ctx):
        {body}
    ''').format(id=rule_id, body=textwrap.indent(body, " " * 16))


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """Live files (more than the pool threshold), a notebook, a syntax error, an unreadable
    file, a clean file and a file the prefilter rules out."""
    root = tmp_path / "tree"
    (root / "pkg").mkdir(parents=True)
    for number, source in enumerate(LIVE_FILES):
        shutil.copy(source, root / "pkg" / f"live_{number}.py")
    shutil.copy(APP, root / "agent.py")
    shutil.copy(NOTEBOOK, root / "pkg" / "notebook.ipynb")
    (root / "broken.py").write_text("from google.genai.types import LiveConnectConfig\ndef oops(:\n")
    (root / "binary.py").write_bytes(b"from google.genai.types import LiveConnectConfig\n\x00\x00")
    (root / "migrated.py").write_text(MIGRATED)
    (root / "plain.py").write_text("print('nothing to see')\n")
    if os.geteuid() != 0:  # root reads anything
        locked = root / "locked.py"
        locked.write_text("from google import genai\n")
        locked.chmod(0)
    return root


def _env() -> dict[str, str]:
    """This checkout, with the cache on in its default place (whatever the caller's environment)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LIVEMIGRATE_NO_CACHE", "LIVEMIGRATE_CACHE_DIR")}
    return {**env, "PYTHONPATH": str(REPO)}


def _summary(reports: list[FileReport]) -> list[tuple]:
    return [(r.path, [(f.rule_id, f.line, f.column, f.message, type(f).__name__, getattr(f, "cell", None),
                       f.fix.applicability if f.fix else None) for f in r.findings],
             str(r.error) if r.error else None, r.skipped, r.fixed) for r in reports]


class PoolSpy:
    """Counts the worker pools a run starts."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = 0
        real = parallel._Pool

        spy = self

        class Counted(real):  # type: ignore[misc, valid-type]
            def __init__(self, jobs: int) -> None:
                spy.started += 1
                super().__init__(jobs)

        monkeypatch.setattr(parallel, "_Pool", Counted)


# --- the pool --------------------------------------------------------------------------------

def test_jobs_do_not_change_the_reports_or_their_order(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = PoolSpy(monkeypatch)
    alone = list(Linter().check_paths([tree], jobs=1))
    assert spy.started == 0
    pooled = list(Linter().check_paths([tree], jobs=2))
    assert spy.started == 1
    assert _summary(pooled) == _summary(alone)
    by_name = {Path(r.path).name: r for r in pooled}
    assert "syntax error" in str(by_name["broken.py"].error)
    assert "binary" in str(by_name["binary.py"].error)
    assert by_name["plain.py"].skipped and not by_name["migrated.py"].findings
    assert by_name["notebook.ipynb"].findings and by_name["agent.py"].findings
    assert all(r.original == Path(r.path).read_bytes() for r in pooled if r.source is not None)
    # and each is what the one-file API gives for those bytes
    for report in pooled:
        if report.source is not None:
            assert _summary([Linter().check_bytes(report.source.data, report.path)]) == _summary([report])


def test_fix_with_jobs_writes_the_same_files(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(tree, twin)
    spy = PoolSpy(monkeypatch)
    alone = list(Linter().fix_paths([tree], jobs=1))
    pooled = list(Linter().fix_paths([twin], jobs=2))
    assert spy.started == 1
    assert [(Path(r.path).name, r.written, len(r.applied), str(r.error).replace(str(twin), str(tree)))
            for r in pooled] == [(Path(r.path).name, r.written, len(r.applied), str(r.error)) for r in alone]
    assert sum(r.written for r in pooled) >= 4
    for path in sorted(tree.rglob("*.py*")):
        if os.access(path, os.R_OK):
            assert (twin / path.relative_to(tree)).read_bytes() == path.read_bytes(), path


def test_few_files_are_checked_without_starting_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(parallel.MIN_FILES_FOR_POOL - 1):
        shutil.copy(LIVE_FILES[number], tmp_path / f"live_{number}.py")
    spy = PoolSpy(monkeypatch)
    reports = list(Linter().check_paths([tmp_path], jobs=8))
    assert spy.started == 0 and all(r.findings for r in reports)


def test_a_worker_that_dies_costs_only_its_file(tree: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "dies.py").write_text(_rule('if "DIE_HERE" in ctx.module.code:\n    os._exit(1)'))
    doomed = tree / "pkg" / "live_1.py"
    doomed.write_text(doomed.read_text() + "# DIE_HERE\n")
    linter = Linter(Settings(rule_paths=(str(rules),)))
    pooled = list(linter.check_paths([tree], jobs=2))
    others = [Path(r.path) for r in pooled if Path(r.path) != doomed]
    alone = list(linter.check_paths(others, jobs=1))
    assert _summary([r for r in pooled if Path(r.path) != doomed]) == _summary(alone)
    (crashed,) = [r for r in pooled if Path(r.path) == doomed]
    assert "worker process checking this file died" in str(crashed.error) and not crashed.findings
    assert isinstance(crashed.error, engine.InternalFileError)

    fixed = {Path(r.path): r for r in linter.fix_paths([tree], jobs=2)}
    assert "file left unchanged" in str(fixed[doomed].error) and doomed.read_text().endswith("# DIE_HERE\n")
    assert sum(r.written for r in fixed.values()) >= 4


def test_files_go_to_workers_in_batches_and_a_dying_one_costs_only_its_file(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # Files go to the workers a batch at a time once each worker has one; a batch whose worker
    # died is checked again in a process of its own, halved until the killer is alone.
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "dies.py").write_text(_rule('if "DIE_HERE" in ctx.module.code:\n    os._exit(1)'))
    root = tmp_path / "many"
    root.mkdir()
    for number in range(24):
        shutil.copy(LIVE_FILES[number % len(LIVE_FILES)], root / f"live_{number:02}.py")
    doomed = root / "live_13.py"
    doomed.write_text(doomed.read_text() + "# DIE_HERE\n")
    sizes: list[int] = []
    real = parallel._Pool.submit

    def counted(self, batch, fix, unsafe):
        sizes.append(len(batch.tasks))
        return real(self, batch, fix, unsafe)

    monkeypatch.setattr(parallel._Pool, "submit", counted)
    linter = Linter(Settings(rule_paths=(str(rules),)))
    pooled = list(linter.check_paths([root], jobs=2))
    assert sum(sizes) == 24 and len(sizes) < 24 and max(sizes) <= parallel.BATCH_FILES
    assert sizes[:2] == [1, 1]  # no worker waits for a batch to fill
    assert [Path(r.path).name for r in pooled] == sorted(p.name for p in root.iterdir())
    others = [Path(r.path) for r in pooled if Path(r.path) != doomed]
    alone = list(linter.check_paths(others, jobs=1))
    assert _summary([r for r in pooled if Path(r.path) != doomed]) == _summary(alone)
    (crashed,) = [r for r in pooled if Path(r.path) == doomed]
    assert "worker process checking this file died" in str(crashed.error) and not crashed.findings


def test_an_exception_that_escapes_a_worker_is_its_files_error(tree: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "exits.py").write_text(_rule('if "EXIT_HERE" in ctx.module.code:\n    raise SystemExit(3)'))
    doomed = tree / "pkg" / "live_2.py"
    doomed.write_text(doomed.read_text() + "# EXIT_HERE\n")
    reports = {Path(r.path): r for r in Linter(Settings(rule_paths=(str(rules),))).check_paths([tree], jobs=2)}
    assert "internal error in worker: SystemExit: 3" in str(reports[doomed].error)
    assert sum(bool(r.findings) for r in reports.values()) >= 6


def test_ctrl_c_stops_the_workers_without_a_traceback(tmp_path: Path) -> None:
    rules, pids = tmp_path / "rules", tmp_path / "pids"
    rules.mkdir()
    pids.mkdir()
    (rules / "slow.py").write_text(_rule(
        f'open(os.path.join({str(pids)!r}, str(os.getpid())), "w").close()\n'
        f'if "SLOW_HERE" in ctx.module.code:\n    time.sleep(60)'))
    for number in range(4):
        source = LIVE_FILES[number].read_text()
        (tmp_path / f"live_{number}.py").write_text(source + ("# SLOW_HERE\n" if number < 2 else ""))
    process = subprocess.Popen(  # two workers busy with the slow files, one idle once done with the rest
        [sys.executable, "-m", "livemigrate", "check", "-j", "3", "--no-cache", "--rule-path", str(rules),
         str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        env=_env(),
        # as in a terminal: a test run started as a background job inherits SIGINT ignored, and
        # so would the run (it keeps an ignored SIGINT ignored, as nohup asks)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while len(list(pids.iterdir())) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    workers = [int(p.name) for p in pids.iterdir()]
    assert len(workers) == 3, "the workers never started"
    # Ctrl-C in a terminal signals the whole process group; the workers first, so that a worker
    # that would print a traceback surely has the time to (the order is up to the kernel)
    for pid in workers:
        os.kill(pid, signal.SIGINT)
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert b"Traceback" not in err, err.decode()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def test_a_notebooks_cell_error_crosses_from_a_worker_as_it_is(tree: Path) -> None:
    # The worker rewrites a notebook's syntax error for its cell (records.replace, by keyword);
    # that exception did not unpickle in the main process, and the pool took it for a dead
    # worker: "internal error ... died", and a new pool for every such notebook.
    broken = json.loads(NOTEBOOK.read_text())
    next(c for c in broken["cells"] if c["cell_type"] == "code")["source"] = ["def oops(:\n"]
    (tree / "pkg" / "broken_cell.ipynb").write_text(json.dumps(broken))
    for fix in (False, True):
        run = (lambda paths, jobs: Linter().fix_paths(paths, write=False, jobs=jobs)) if fix else Linter().check_paths
        alone, pooled = ({Path(r.path).name: r for r in run([tree], jobs=jobs)} for jobs in (1, 2))
        assert "syntax error in cell" in str(alone["broken_cell.ipynb"].error)
        assert str(pooled["broken_cell.ipynb"].error) == str(alone["broken_cell.ipynb"].error)
        assert pickle.loads(pickle.dumps(pooled["broken_cell.ipynb"].error)) == pooled["broken_cell.ipynb"].error


def test_a_stopped_pool_leaves_nothing_for_the_exit_hook_to_wake() -> None:
    # concurrent.futures' exit hook writes to the wake-up pipe of every pool manager thread it
    # still knows of, without the lock the manager closes that pipe under: a manager still
    # finishing at exit (a busy machine after Ctrl-C) made "Aborted." end in a traceback. A pool
    # stopped on interrupt was woken already; the hook must not touch it again.
    import concurrent.futures.process as pool_internals
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(1)
    executor.submit(time.sleep, 30)
    manager = executor._executor_manager_thread
    assert manager in pool_internals._threads_wakeups
    parallel._stop(executor, kill=True)
    assert manager not in pool_internals._threads_wakeups


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead; /proc says so
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return True


def test_reports_cross_process_boundaries_whole(tree: Path) -> None:
    linter = Linter()
    checked = linter.check_bytes(APP.read_bytes(), "agent.py")
    fixed = linter.fix_bytes(APP.read_bytes(), "agent.py", unsafe=True)
    broken = linter.check_bytes((tree / "broken.py").read_bytes(), "broken.py")
    notebook = linter.check_bytes(NOTEBOOK.read_bytes(), "n.ipynb")
    assert checked.findings and fixed.applied and fixed.changed and broken.error and notebook.findings
    for report in (checked, fixed, broken, notebook):
        restored = pickle.loads(pickle.dumps(report))
        assert _summary([restored]) == _summary([report])
        assert restored.applied == report.applied and restored.diff() == report.diff()
        assert type(restored.error) is type(report.error)


# --- the cache -------------------------------------------------------------------------------

@pytest.fixture()
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths parsed (in this process) from now on."""
    seen: list[str] = []
    real = Linter._parse

    def counted(self, data, path):
        seen.append(Path(path).name)
        return real(self, data, path)

    monkeypatch.setattr(Linter, "_parse", counted)
    return seen


def test_a_warm_run_parses_nothing_and_reports_the_same(tree: Path, tmp_path: Path, parses: list[str]) -> None:
    cache = ResultCache(tmp_path / "cache")
    cold = list(Linter().check_paths([tree], cache=cache))
    assert cache.stored == len(LIVE_FILES) + 3  # agent, notebook, migrated; never the errors
    parses.clear()
    warm_cache = ResultCache(tmp_path / "cache")
    warm = list(Linter().check_paths([tree], cache=warm_cache))
    assert _summary(warm) == _summary(cold)
    assert sorted(parses) == ["broken.py"]  # errors are found again, never stored
    assert warm_cache.hits == len(LIVE_FILES) + 3
    assert (tmp_path / "cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (tmp_path / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_warm_run_with_workers_reports_the_same(tree: Path, tmp_path: Path) -> None:
    cold = list(Linter().check_paths([tree], jobs=2, cache=ResultCache(tmp_path / "cache")))
    cache = ResultCache(tmp_path / "cache")
    assert _summary(list(Linter().check_paths([tree], jobs=2, cache=cache))) == _summary(cold)
    assert cache.hits == len(LIVE_FILES) + 3 and cache.misses == 1  # broken.py: errors are not stored


def test_changed_bytes_or_settings_are_a_miss(tree: Path, tmp_path: Path, parses: list[str]) -> None:
    folder = tmp_path / "cache"
    list(Linter().check_paths([tree], cache=ResultCache(folder)))
    edited = tree / "pkg" / "live_0.py"
    edited.write_text(edited.read_text() + "\n# edited\n")
    parses.clear()
    list(Linter().check_paths([tree], cache=ResultCache(folder)))
    assert sorted(parses) == ["broken.py", "live_0.py"]
    for settings in (Settings(select=("LM001",)), Settings(target="3.8"), Settings(unsafe_fixes=True)):
        parses.clear()
        reports = list(Linter(settings).check_paths([tree], cache=ResultCache(folder)))
        assert len(parses) == len(LIVE_FILES) + 4, settings
        parses.clear()
        assert _summary(list(Linter(settings).check_paths([tree], cache=ResultCache(folder)))) == _summary(reports)
        assert parses == ["broken.py"]


def test_the_same_bytes_under_another_path_are_a_miss(tmp_path: Path, parses: list[str]) -> None:
    for name in ("a.py", "b.py"):
        shutil.copy(APP, tmp_path / name)
    reports = list(Linter().check_paths([tmp_path], cache=ResultCache(tmp_path / "cache")))
    assert parses == ["a.py", "b.py"]
    assert {f.path for f in reports[1].findings} == {str(tmp_path / "b.py")}


def test_a_corrupt_entry_is_a_miss(tree: Path, tmp_path: Path, parses: list[str]) -> None:
    folder = tmp_path / "cache"
    cold = list(Linter().check_paths([tree], cache=ResultCache(folder)))
    entries = sorted(folder.glob("*/*/*.json"))
    assert entries
    garbage = [b"", b"{not json", b'{"key": "other", "findings": []}', b'{"findings": [{"x": 1}]}', b"[]",
               b"\xff\xfe"]
    for number, entry in enumerate(entries):
        entry.write_bytes(garbage[number % len(garbage)])
    parses.clear()
    cache = ResultCache(folder)
    assert _summary(list(Linter().check_paths([tree], cache=cache))) == _summary(cold)
    assert cache.hits == 0 and len(parses) == len(entries) + 1
    assert all(json.loads(entry.read_bytes())["findings"] is not None for entry in entries)  # rewritten


@pytest.mark.parametrize("how", ["a file in the way", "read-only folder"])
def test_a_cache_that_cannot_be_written_is_silently_off(tree: Path, tmp_path: Path, how: str) -> None:
    if how == "a file in the way":
        (tmp_path / "file").write_text("")
        folder = tmp_path / "file" / "cache"
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        folder = tmp_path / "cache"
        folder.mkdir()
        folder.chmod(0o555)
    cache = ResultCache(folder)
    reports = list(Linter().check_paths([tree], cache=cache))
    assert _summary(reports) == _summary(list(Linter().check_paths([tree])))
    assert not cache.enabled and cache.stored == 0


def test_an_edited_rule_is_a_miss(tmp_path: Path) -> None:
    """The cache key holds the rule code by each file's size and modification time: a user who
    edits a --rule-path rule (here to a text of the same size) sees its new findings on the next
    run (each run is a process, as in real use)."""
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = rules / "mine.py"
    rule.write_text(_rule('ctx.report(ctx.module.body[0], "first version")'))
    shutil.copy(APP, tmp_path / "agent.py")
    command = [sys.executable, "-m", "livemigrate", "check", "--select", "LM9", "--rule-path", str(rules),
               "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "agent.py")]

    def run() -> str:
        done = subprocess.run(command, capture_output=True, text=True, env=_env())
        return done.stdout

    assert "first version" in run()
    assert "first version" in run()
    assert len(list((tmp_path / "cache").glob("*/*/*.json"))) == 1  # the second run was a hit
    rule.write_text(_rule('ctx.report(ctx.module.body[0], "second version")'))
    assert "second version" in run()
    assert len(list((tmp_path / "cache").glob("*/*/*.json"))) == 2


def test_fix_uses_the_cache_only_for_files_known_clean(tmp_path: Path, parses: list[str]) -> None:
    (tmp_path / "migrated.py").write_text(MIGRATED)
    (tmp_path / "unfixable.py").write_text(UNFIXABLE)
    shutil.copy(LIVE_FILES[2], tmp_path / "agent.py")  # every finding has a safe fix
    cache = tmp_path / "cache"
    checked = list(Linter().check_paths([tmp_path], cache=ResultCache(cache)))
    assert [bool(r.findings) for r in checked] == [True, False, True]
    parses.clear()
    fixed = list(Linter().fix_paths([tmp_path], cache=ResultCache(cache)))
    assert "migrated.py" not in parses  # no findings: nothing to fix, not even parsed
    assert fixed[0].written and (tmp_path / "agent.py").read_bytes() != LIVE_FILES[2].read_bytes()
    assert not fixed[2].changed and fixed[2].findings
    # fix stores what it finds in a file it leaves alone; check reuses it
    fresh = tmp_path / "fresh"
    list(Linter().fix_paths([tmp_path / "unfixable.py", tmp_path / "migrated.py"], cache=ResultCache(fresh)))
    parses.clear()
    again = list(Linter().check_paths([tmp_path / "unfixable.py", tmp_path / "migrated.py"],
                                      cache=ResultCache(fresh)))
    assert parses == [] and _summary(again) == _summary(checked[2:] + checked[1:2])


def test_prune_deletes_entries_unused_for_a_month(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    cache.put("a" * 64, [])
    cache.put("b" * 64, [])
    old = time.time() - 31 * 86_400
    os.utime(cache._entry("a" * 64), (old, old))
    assert cache.prune() == 1
    assert cache.get("a" * 64) is None and cache.get("b" * 64) == []
    os.utime(cache._entry("b" * 64), (old, old))
    assert cache.prune() == 0  # at most once a day
    assert cache.prune(now=time.time() + 2 * 86_400) == 1


# --- the command line ------------------------------------------------------------------------

def test_cli_cache_is_in_the_project_root_and_no_cache_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("LIVEMIGRATE_NO_CACHE", raising=False)
    monkeypatch.delenv("LIVEMIGRATE_CACHE_DIR", raising=False)
    (tmp_path / "pyproject.toml").write_text("[tool.livemigrate]\n")
    (tmp_path / "src").mkdir()
    shutil.copy(APP, tmp_path / "src" / "agent.py")
    monkeypatch.chdir(tmp_path / "src")
    assert main(["check", "--no-cache", "."]) == 1
    monkeypatch.setenv("LIVEMIGRATE_NO_CACHE", "1")
    assert main(["check", "."]) == 1
    assert not (tmp_path / CACHE_DIR_NAME).exists() and not (tmp_path / "src" / CACHE_DIR_NAME).exists()
    monkeypatch.setenv("LIVEMIGRATE_NO_CACHE", "0")
    assert main(["check", "."]) == 1
    assert (tmp_path / CACHE_DIR_NAME / "CACHEDIR.TAG").is_file()
    monkeypatch.setenv("LIVEMIGRATE_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert main(["check", "."]) == 1
    assert list((tmp_path / "elsewhere").glob("*/*/*.json"))
    assert main(["check", "--cache-dir", str(tmp_path / "third"), "-j", "1", "."]) == 1
    assert list((tmp_path / "third").glob("*/*/*.json"))


def test_cli_warm_output_is_the_cold_output(tree: Path, tmp_path: Path, capsys) -> None:
    outputs = []
    for args in (["--no-cache", "-j", "1"], ["-j", "2"], ["-j", "2"], ["-j", "1"]):
        code = main(["check", "--cache-dir", str(tmp_path / "cache"), *args, str(tree)])
        outputs.append((code, *capsys.readouterr()))
    assert all(output == outputs[0] for output in outputs), outputs
    assert main(["check", "--jobs", "0", str(tree)]) == 2


# --- imports ---------------------------------------------------------------------------------

DRIVER = """
import sys
from livemigrate.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m == "libcst" or m.startswith("livemigrate_rules"))
print("HEAVY", heavy, file=sys.stderr)
sys.exit(code)
"""


def _heavy(*args: str, cwd: Path) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-c", DRIVER, *args], capture_output=True, text=True, cwd=cwd,
                          env=_env())
    return done.returncode, done.stdout, done.stderr.rsplit("HEAVY ", 1)[-1].strip()


def test_a_run_that_parses_nothing_imports_no_libcst_and_no_rules(tmp_path: Path) -> None:
    for number in range(5):
        (tmp_path / f"plain_{number}.py").write_text("import os\nprint(os.getcwd())\n")
    (tmp_path / "not_python_but_not_live.py").write_text("def oops(:\n")
    assert _heavy("check", ".", cwd=tmp_path) == (0, "", "[]")
    assert _heavy("check", "--select", "LM0", "--ignore", "LM001", ".", cwd=tmp_path)[0] == 0  # validated
    code, out, heavy = _heavy("--version", cwd=tmp_path)
    assert code == 0 and "livemigrate" in out and heavy == "[]"
    # a warm run is answered from the cache, without libcst either
    shutil.copy(APP, tmp_path / "agent.py")
    cold = _heavy("check", ".", cwd=tmp_path)
    assert cold[0] == 1 and "libcst" in cold[2]
    assert _heavy("check", ".", cwd=tmp_path) == (1, cold[1], "[]")


# What a cold run over a large tree with no Live file pays for at start-up, beyond libcst: the
# worker pool, the cache, the notebook reader, the suppression reader and the writer's helpers
# are each imported only where a file needs them (the bar: such a run within ruff's time).
STARTUP_ONLY_WHEN_NEEDED = ("multiprocessing", "concurrent.futures", "livemigrate.cache", "livemigrate.notebooks",
                            "livemigrate.suppression", "livemigrate.preserve", "secrets", "hashlib", "difflib", "json",
                            "shutil")

LOADED_DRIVER = """
import sys
from livemigrate.cli import main
code = main(sys.argv[1:])
print("LOADED", sorted(m for m in sys.modules if m in {names!r}), file=sys.stderr)
sys.exit(code)
"""


def test_a_run_that_parses_nothing_starts_without_the_pool_cache_or_notebook_reader(tmp_path: Path) -> None:
    for number in range(5):
        (tmp_path / f"plain_{number}.py").write_text("import os\nprint(os.getcwd())\n")
    driver = LOADED_DRIVER.format(names=set(STARTUP_ONLY_WHEN_NEEDED))
    done = subprocess.run([sys.executable, "-c", driver, "check", "--no-cache", "."], capture_output=True, text=True,
                          cwd=tmp_path, env=_env())
    assert done.returncode == 0, done.stderr
    assert done.stderr.rsplit("LOADED ", 1)[-1].strip() == "[]"


# --- the progress bar ------------------------------------------------------------------------

BAR_DRIVER = """
import sys
import livemigrate.progress as progress
progress.SHOW_AFTER = 0
progress.REDRAW_EVERY = 0
from livemigrate.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture()
def many_files(tmp_path: Path) -> Path:
    for number in range(30):
        (tmp_path / f"plain_{number:02}.py").write_text("x = 1\n")
    shutil.copy(APP, tmp_path / "zz_agent.py")
    return tmp_path


def _bar_run(folder: Path, tty: bool, *args: str, ci: bool = False) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PYTHONPATH=str(REPO), TERM="xterm", COLUMNS="100", **({"CI": "true"} if ci else {}))
    command = [sys.executable, "-c", BAR_DRIVER, "check", "--no-cache", *args, str(folder)]
    if not tty:
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        return done.returncode, done.stdout, done.stderr
    master, slave = os.openpty()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    out = process.stdout.read().decode() if process.stdout else ""
    process.wait(timeout=60)
    return process.returncode, out, b"".join(chunks).decode()


def test_the_progress_bar_shows_on_a_terminal_and_is_erased(many_files: Path) -> None:
    code, out, err = _bar_run(many_files, tty=True)
    assert code == 1 and "zz_agent.py" in out
    assert "livemigrate [" in err and "/31 files" in err, err
    last_bar = err.rindex("files")
    assert "\r\x1b[K" in err[last_bar:], "the bar is erased when the run ends"


@pytest.mark.parametrize("why", ["not a terminal", "CI", "--quiet"])
def test_no_progress_bar_off_a_terminal_in_ci_or_quiet(many_files: Path, why: str) -> None:
    tty = why != "not a terminal"
    code, out, err = _bar_run(many_files, tty, *(["--quiet"] if why == "--quiet" else []), ci=why == "CI")
    assert code == 1 and "zz_agent.py" in out
    assert "\r" not in err.replace("\r\n", "\n") and "livemigrate [" not in err and "/31 files" not in err, err


def test_the_bar_is_erased_before_an_error_line() -> None:
    import io

    from livemigrate.progress import ProgressBar
    from livemigrate.source import SourceError

    stream = io.StringIO()
    bar = ProgressBar(stream, show_after=0)
    bar.start(10)
    bar.update(FileReport("a.py"))
    assert stream.getvalue().endswith("1/10 files")
    import livemigrate.progress as progress

    bar.update(FileReport("b.py", error=SourceError("b.py", "oops")))
    assert stream.getvalue().endswith("\r\x1b[K")
    drawn = stream.getvalue()
    progress_every, progress.REDRAW_EVERY = progress.REDRAW_EVERY, 3600
    try:
        bar.update(FileReport("c.py"))  # erased a moment ago: drawn again at once
        assert stream.getvalue().endswith("3/10 files") and len(stream.getvalue()) > len(drawn)
        drawn = stream.getvalue()
        bar.update(FileReport("d.py"))  # just drawn: not again within REDRAW_EVERY
        assert stream.getvalue() == drawn
    finally:
        progress.REDRAW_EVERY = progress_every
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")
