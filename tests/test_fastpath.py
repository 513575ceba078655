"""The entry point's fast path: the common ``check`` shapes run without click, and print and exit
exactly as the click command does on the same arguments; everything else goes to click."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from livemigrate import fastpath
from livemigrate.cli import main as click_main

from harness import REPO, dedent

LIVE = dedent('''
    from google import genai

    client = genai.Client()

    async def main():
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025") as session:
            await session.send(input="hi", end_of_turn=True)
''')


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "agent.py").write_text(LIVE)
    (tmp_path / "app" / "plain.py").write_text("print('hello')\n")
    (tmp_path / "app" / "broken.py").write_text("import google.genai\nclient.aio.live.connect(\n")
    (tmp_path / "live").mkdir()
    (tmp_path / "live" / "agent.py").write_text(LIVE)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "util.py").write_text("x = 1\n")
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LIVEMIGRATE_NO_CACHE", "1")
    return tmp_path


ARGVS = [
    ["check"],
    ["check", "app"],
    ["check", "-q", "app"],
    ["check", "--quiet", "--no-cache", "other"],
    ["check", "other", "empty"],
    ["check", "--exit-zero", "app"],
    ["check", "--exit-zero", "live"],
    ["check", "-q", "live"],
    ["check", "--output-format", "json", "live", "other"],
    ["check", "--output-format", "json", "app"],
    ["check", "--output-format=sarif", "app/agent.py"],
    ["check", "--select", "LM001", "app"],
    ["check", "--select=LM1", "--ignore", "LM103", "app"],
    ["check", "--select", "LM9999", "app"],
    ["check", "--target", "3.8", "app"],
    ["check", "--target", "nope", "app"],
    ["check", "-j", "1", "app"],
    ["check", "-j2", "app", "--jobs=1"],
    ["check", "--extend-exclude", "broken.py", "app"],
    ["check", "--exclude", "app", "."],
    ["check", "--force-exclude", "--extend-exclude", "agent.py", "app/agent.py"],
    ["check", "--no-respect-gitignore", "--no-force-exclude", "app"],
    ["check", "--", "app"],
    ["check", "--cache-dir", "cachedir", "live"],
    ["check", "--cache-dir=cachedir", "--no-cache", "live"],
    ["check", "missing.py"],
    ["check", "README.txt"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=lambda argv: " ".join(argv))
def test_fast_path_prints_and_exits_as_click_does(project: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    if "--cache-dir" in " ".join(argv):
        monkeypatch.delenv("LIVEMIGRATE_NO_CACHE")
    (project / "README.txt").write_text("not python\n")
    assert fastpath.parse_check(argv) is not None, "this shape is meant for the fast path"
    fast_code = fastpath.main(argv)
    fast = capsys.readouterr()
    click_code = click_main(argv)
    slow = capsys.readouterr()
    assert (fast_code, fast.out, fast.err) == (click_code, slow.out, slow.err)


@pytest.mark.parametrize("argv", [
    [], ["--version"], ["rules"], ["fix", "app"], ["check", "--help"], ["check", "-h"], ["check", "-"],
    ["check", "--stdin-filename", "x.py", "-"], ["check", "--config", "pyproject.toml"], ["check", "--add-noqa"],
    ["check", "--output-format", "nope"], ["check", "--jobs", "0"], ["check", "--jobs", "two"], ["check", "-j=2"],
    ["check", "--jobs"], ["check", "--select", "-q"], ["check", "--quiet=1"], ["check", "-qj2"], ["check", "--bogus"],
    ["check", "--cache-dir", __file__], ["check", "--cache-dir="], ["check", "--rule-path", "r"], ["check", "--", "-"], ["check", "--jobs", "+2"],
])
def test_everything_else_is_clicks(argv: list[str]) -> None:
    assert fastpath.parse_check(argv) is None


def test_fields_of_a_fast_invocation() -> None:
    fields = fastpath.parse_check(["check", "-q", "a", "--select", "LM1,LM2", "--select=LM3", "-j3", "--", "-x.py"])
    assert fields == {"paths": ["a", "-x.py"], "quiet": True, "select": ["LM1,LM2", "LM3"], "jobs": 3}


def test_usage_errors_stay_clicks(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert fastpath.main(["check", "--jobs", "0", "app"]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_a_run_with_no_live_file_imports_neither_click_nor_libcst(project: Path) -> None:
    """Nor the rule API and the migration facts: a run that parses nothing needs neither."""
    heavy = ('click', 'libcst', 'livemigrate.rule', 'livemigrate.migration')
    probe = ("import sys\nfrom livemigrate.fastpath import main\ncode = main(['check', 'other'])\n"
             f"print(sorted(m for m in {heavy!r} if m in sys.modules), code)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "LIVEMIGRATE_NO_CACHE": "1", "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip() == "[] 0", done.stderr


def test_a_cached_run_with_no_live_file_reads_and_writes_no_entry(project: Path, tmp_path: Path) -> None:
    """The cache is on by default: a run whose files are all screened out computes no key and
    touches no entry, so it imports neither json nor hashlib (nor the rule API)."""
    heavy = ('json', 'hashlib', 'livemigrate.rule', 'libcst')
    probe = ("import sys\nfrom livemigrate.fastpath import main\n"
             f"code = main(['check', '--cache-dir', {str(tmp_path / 'cache')!r}, 'other'])\n"
             f"print(sorted(m for m in {heavy!r} if m in sys.modules), code)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip() == "[] 0", done.stderr


def test_python_dash_m_and_the_console_script_take_the_fast_path() -> None:
    main_module = (REPO / "livemigrate" / "__main__.py").read_text()
    assert "livemigrate.fastpath import console_main" in main_module
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'livemigrate = "livemigrate.fastpath:console_main"' in pyproject


def test_json_output_is_the_same_document(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fastpath.main(["check", "--output-format", "json", "app"])
    document = json.loads(capsys.readouterr().out)
    assert {finding["code"] for finding in document} >= {"LM001", "LM103"}
