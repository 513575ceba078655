"""A file whose analysis runs on (a bug of ours) costs that file alone: one error line, exit 2,
the other files checked and fixed. Measurement 34 met a module that took minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from livemigrate.cli import main
from livemigrate.engine import Linter
from livemigrate.settings import Settings

from test_isolation import CRASHING_RULE, LIVE_25

# test_isolation's crashing rule, spinning instead of raising
SPINNING_RULE = CRASHING_RULE.replace('"""A user rule with a bug."""', '"""A user rule with a bug that never ends."""') \
    .replace("class Crashes(Rule):", "class Spins(Rule):").replace("Crashes.", "Spins.").replace('"LM901"', '"LM902"') \
    .replace('"crashes"', '"spins"').replace(
        '        if "crash_me" in ctx.module.code:\n            raise RecursionError("maximum recursion depth exceeded")\n',
        '        while "spin_me" in ctx.module.code:\n            pass\n')
assert "while \"spin_me\"" in SPINNING_RULE and "LM902" in SPINNING_RULE


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("LIVEMIGRATE_FILE_TIME_LIMIT", "1")
    (tmp_path / "a_live.py").write_text(LIVE_25)
    (tmp_path / "b_spin.py").write_text("spin_me = 1\n" + LIVE_25)
    (tmp_path / "c_live.py").write_text(LIVE_25)
    rules = tmp_path / "my_rules"
    rules.mkdir()
    (rules / "spins.py").write_text(SPINNING_RULE)
    return tmp_path


def test_a_file_whose_analysis_runs_on_is_skipped_and_the_run_completes(project: Path, capsys) -> None:
    code = main(["check", "--no-cache", "--jobs", "1", "--rule-path", str(project / "my_rules"), str(project)])
    out, err = capsys.readouterr()
    assert code == 2
    lines = [line for line in err.splitlines() if "took more than 1 s" in line]
    assert len(lines) == 1 and "b_spin.py" in lines[0] and "file skipped" in lines[0], err
    assert "a_live.py" in out and "c_live.py" in out


def test_the_limit_holds_in_the_workers_of_a_parallel_run(project: Path) -> None:
    # (a fresh process: the workers take the limit from the environment they start in)
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "livemigrate", "check", "--no-cache", "--jobs", "2",
                           "--rule-path", str(project / "my_rules"), str(project)],
                          capture_output=True, text=True, timeout=240,
                          env={**os.environ, "LIVEMIGRATE_FILE_TIME_LIMIT": "1"})
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if "took more than 1 s" in line]
    assert len(lines) == 1 and "b_spin.py" in lines[0], done.stderr
    assert "a_live.py" in done.stdout and "c_live.py" in done.stdout


def test_fix_leaves_that_file_unchanged_and_fixes_the_others(project: Path, capsys) -> None:
    before = (project / "b_spin.py").read_bytes()
    code = main(["fix", "--no-cache", "--jobs", "1", "--rule-path", str(project / "my_rules"), str(project)])
    _, err = capsys.readouterr()
    assert code == 2
    assert (project / "b_spin.py").read_bytes() == before
    assert "gemini-3.1-flash-live-preview" in (project / "a_live.py").read_text()
    assert "file left unchanged" in err


def test_no_limit_when_turned_off(monkeypatch) -> None:
    monkeypatch.setenv("LIVEMIGRATE_FILE_TIME_LIMIT", "0")
    report = Linter(Settings()).check_bytes(LIVE_25.encode(), "a.py")
    assert report.error is None and report.findings
