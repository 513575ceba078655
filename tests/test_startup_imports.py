"""What a cold ``check`` imports when no file touches the Live API: only what it needs.

A CI run over a large code base with little or no Live code spends most of its wall time starting
up, and a good part of that is importing the standard library: ``dataclasses`` alone brings
``inspect``, ``ast``, ``dis`` and ``tokenize``; ``pathlib`` brings ``urllib.parse`` and
``ipaddress``; ``tomllib`` brings ``datetime``. None of them is needed to walk a tree, read its
files and screen their bytes, so the no-Live path imports none of them (the parsing path, the
cache's key and the report of a finding may). Each run here is a fresh interpreter that prints
the modules it ended with.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness import REPO

# What the no-Live path must not import (and what pulls it in, to say where to look).
NOT_ON_THE_PATH = (
    "dataclasses", "inspect", "ast", "dis", "tokenize", "linecache",  # dataclasses
    "typing",  # annotations are strings; names for the type checker only
    "pathlib", "urllib.parse", "ipaddress", "fnmatch",  # pathlib: paths are strings until a file is parsed
    "tomllib", "datetime",  # a pyproject.toml without [tool.livemigrate] is not parsed
    "threading", "signal", "struct", "contextlib",
    "click", "libcst", "livemigrate.rule", "livemigrate.migration",
)

PYPROJECT = '''\
[project]
name = "app"
dependencies = ["livemigrate>=0.1"]  # the name alone does not make a [tool.livemigrate] table

[project.scripts]
livemigrate-app = "app.cli:main"

[tool.ruff]
line-length = 100
'''


def _tree(root: Path) -> Path:
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / ".gitignore").write_text("build/\n*.log\n")
    for package in ("app", "app/sub", "build", "tests"):
        (root / package).mkdir(parents=True, exist_ok=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "cli.py").write_text("import sys\n\ndef main():\n    print(sys.argv)\n")
    (root / "app" / "sub" / "models.py").write_text("class Model:\n    name = 'user'\n")
    (root / "build" / "gen.py").write_text("x = 1\n")
    (root / "tests" / "test_cli.py").write_text("from app.cli import main\n\ndef test():\n    main()\n")
    return root


def _modules_after(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[set[str], int, str]:
    """The modules loaded by a ``livemigrate`` run (the console script's entry), its exit code and
    its standard error."""
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: sys.__stderr__.write('MODULES ' + repr(sorted(sys.modules)) + '\\n'))\n"
             "from livemigrate.fastpath import main\n"
             f"code = main({argv!r})\n"
             "sys.stdout.flush()\n"
             "sys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env})
    line = next((line for line in done.stderr.splitlines() if line.startswith("MODULES ")), None)
    assert line is not None, done.stderr
    return set(ast.literal_eval(line[len("MODULES "):])), done.returncode, done.stderr


PATHLIB = ("pathlib", "urllib.parse", "ipaddress", "fnmatch")


@pytest.mark.parametrize(("argv", "allowed"), [
    pytest.param(["check", "--no-cache", "."], (), id="a tree"),
    pytest.param(["check", "--no-cache", "-j", "1", "./app/", "tests/cli.py", "tests//test_cli.py"], (),
                 id="named files and a missing one, one process"),
    pytest.param(["check", "--no-cache", "--output-format", "json", "app", "tests"], (), id="json"),
    # the cache on (its folder is a Path), and nothing to look up in it
    pytest.param(["check", "."], PATHLIB, id="cache"),
])
def test_a_run_with_no_live_file_imports_none_of_the_heavy_stdlib(tmp_path: Path, argv: list[str],
                                                                   allowed: tuple[str, ...]) -> None:
    root = _tree(tmp_path / "project")
    modules, code, stderr = _modules_after(argv, root, {"LIVEMIGRATE_CACHE_DIR": str(tmp_path / "cache")})
    assert code == (2 if "tests/cli.py" in argv else 0), stderr
    assert sorted(modules.intersection(NOT_ON_THE_PATH).difference(allowed)) == []


def test_a_wide_tree_split_over_two_processes_imports_none_of_them(tmp_path: Path) -> None:
    """Enough folders that the walk is split with a forked child (livemigrate.prescreen)."""
    root = _tree(tmp_path / "project")
    for index in range(40):
        (root / "app" / f"pkg{index}").mkdir()
        (root / "app" / f"pkg{index}" / "mod.py").write_text(f"VALUE = {index}\n")
    modules, code, stderr = _modules_after(["check", "--no-cache", "-j", "2", "."], root, {})
    assert code == 0, stderr
    assert sorted(modules.intersection(NOT_ON_THE_PATH)) == []


def test_a_pyproject_with_the_table_is_still_read(tmp_path: Path) -> None:
    """The screen lets a real table through: its settings apply (LM001 ignored), and TOML is parsed."""
    root = _tree(tmp_path / "project")
    (root / "pyproject.toml").write_text(PYPROJECT + '\n[tool.livemigrate]\nignore = ["LM001"]\n')
    (root / "app" / "live.py").write_text(
        "from google import genai\n\nclient = genai.Client()\n\nasync def main():\n"
        "    async with client.aio.live.connect(model='gemini-2.5-flash-native-audio-preview-12-2025') as s:\n"
        "        pass\n")
    modules, code, stderr = _modules_after(["check", "--no-cache", "--output-format", "json", "."], root, {})
    assert "tomllib" in modules or "tomli" in modules
    assert "LM001" not in stderr


@pytest.mark.parametrize("table", [
    "[tool.livemigrate]\nselect = [1]\n",
    "[ tool . 'livemigrate' ]\nselect = [1]\n",
    "[tool]\nlivemigrate = {select = [1]}\n",
    'tool.livemigrate.select = [1]\n',
    "[[tool.livemigrate]]\nselect = ['LM1']\n",
    "[tool.livemigrate.per-file-ignores]\n'x.py' = 1\n",
    "\ufeff[tool.livemigrate]\nselect = ['LM1']\n",  # a BOM: invalid TOML, as before
    "[project]\rname = 'x'\r[tool.livemigrate]\rselect = ['LM1']\r",  # lone CRs: invalid TOML
])
def test_every_spelling_of_the_table_is_parsed(tmp_path: Path, table: str) -> None:
    """A table however TOML lets it be spelt is read, so a bad value in it is still an error."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text(table, encoding="utf-8")
    (root / "a.py").write_text("x = 1\n")
    _, code, stderr = _modules_after(["check", "--no-cache", "."], root, {})
    assert code == 2, stderr
    assert "pyproject.toml" in stderr and "livemigrate" in stderr


def test_a_malformed_pyproject_with_the_table_is_still_an_error(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.livemigrate]\nselect = [\n")
    (root / "a.py").write_text("x = 1\n")
    _, code, stderr = _modules_after(["check", "--no-cache", "."], root, {})
    assert code == 2
    assert "pyproject.toml: invalid TOML" in stderr


def test_the_start_up_classes_keep_their_value_behaviour(tmp_path: Path) -> None:
    """Settings, options, reports and errors are plain classes now (livemigrate.records): equal by
    value, frozen ones hashable and read-only, ``replace`` and pickling as before."""
    import pickle

    from livemigrate.command import RunOptions
    from livemigrate.engine import FileReport
    from livemigrate.records import replace
    from livemigrate.settings import CliOverrides, Settings
    from livemigrate.source import SourceError

    settings = Settings(select=("lm1",), per_file_ignores={"tests/*": ["lm2"]})
    assert settings.select == ("LM1",) and settings.per_file_ignores == (("tests/*", ("LM2",)),)
    assert settings == Settings(select=("LM1",), per_file_ignores=(("tests/*", ("LM2",)),))
    assert hash(settings) == hash(Settings(select=("LM1",), per_file_ignores=(("tests/*", ("LM2",)),)))
    assert settings != Settings() and settings.merged(select=None) is not settings
    assert settings.merged(target=None, ignore=("LM3",)) == replace(settings, ignore=("LM3",))
    assert replace(settings, ignore=("LM3",)).select == ("LM1",)
    assert pickle.loads(pickle.dumps(settings)) == settings
    assert repr(Settings()).startswith("Settings(select=('LM',), ignore=()") and "root=" not in repr(Settings())
    with pytest.raises(AttributeError):
        settings.select = ("LM",)  # type: ignore[misc]
    with pytest.raises(TypeError):
        replace(settings, nope=1)
    assert {CliOverrides(select=("LM1",)), CliOverrides(select=("lm1",))} == {CliOverrides(select=("LM1",))}
    assert RunOptions(jobs=2) == RunOptions(jobs=2) != RunOptions()

    error = SourceError("a.py", "no such file")
    assert error == SourceError("a.py", "no such file") and str(error) == "a.py: no such file"
    assert repr(error) == "SourceError(path='a.py', message='no such file')"
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again) == (SourceError, error)
    report = FileReport("a.py", skipped=True)
    assert report == FileReport("a.py", skipped=True) and report.findings == [] and report.findings is not (
        FileReport("b.py").findings)
    assert "source=" not in repr(report) and repr(report).startswith("FileReport(path='a.py', findings=[]")
    with pytest.raises(TypeError):
        hash(report)


@pytest.mark.parametrize("text", [
    "", ".", "./", "a", "a/", "./a/./b/", "a//b", "/", "//", "///", "//a/b", "///a", "../a/..", "a/.hidden",
    " a /b", "./.py", ".//x.py", "/tmp/./x//y/",
])
def test_a_path_is_spelt_as_pathlib_spells_it(text: str) -> None:
    from livemigrate.discovery import path_text

    assert path_text(text) == str(Path(text))
    assert path_text(Path(text)) == str(Path(text))


def test_files_are_reported_under_the_names_pathlib_gave_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The walk keeps strings, but a report names a file as ``str(Path(...))`` did: no "./", no "//"."""
    from livemigrate.fastpath import main

    root = _tree(tmp_path / "project")
    (root / "app" / "broken.py").write_text("import google.genai\nclient.aio.live.connect(\n")
    monkeypatch.chdir(root)
    monkeypatch.setenv("LIVEMIGRATE_NO_CACHE", "1")
    assert main(["check", "--output-format", "json", ".//app/", "./missing.py"]) == 2
    err = capsys.readouterr().err
    assert "livemigrate: error: app/broken.py:" in err and "livemigrate: error: missing.py:" in err
