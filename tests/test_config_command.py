"""`livemigrate config [PATH]`: the settings a path is checked with, where each comes from, and
why a rule is off; with the same options as `check`, so a user sees what a flag changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_cli import run

CONFIG = '''[tool.livemigrate]
ignore = ["LM2"]
extend-exclude = ["generated"]
per-file-ignores = {"tests/*" = ["LM1"]}
force-exclude = true
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text(CONFIG)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_agent.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def states(stdout: str) -> dict[str, str]:
    return {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in stdout.splitlines()
            if line[:2] == "LM" and line[2:5].isdigit()}


def test_text_names_the_config_and_where_each_value_comes_from(project: Path) -> None:
    result = run("config")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"Settings for {project}"
    assert lines[1] == f"config file: {project / 'pyproject.toml'}"
    assert f'ignore = ["LM2"]  # {project / "pyproject.toml"}' in lines
    assert 'select = ["LM"]  # default' in lines
    assert f'extend-exclude = ["generated"]  # {project / "pyproject.toml"}' in lines
    assert f'per-file-ignores = {{"tests/*" = ["LM1"]}}  # {project / "pyproject.toml"}' in lines
    assert "respect-gitignore = true  # default" in lines
    assert f"force-exclude = true  # {project / 'pyproject.toml'}" in lines
    assert "max-file-size = 10000000  # default" in lines
    assert "(per-file-ignores apply to files: name one to see its rules)" in lines
    rules = states(result.stdout)
    assert rules["LM001"] == "on" and rules["LM101"] == "on"  # a folder: no per-file ignores
    assert rules["LM201"] == f'off: ignored by ignore "LM2" in {project / "pyproject.toml"}'


def test_a_file_shows_its_per_file_ignores_and_flags_show_their_effect(project: Path) -> None:
    result = run("config", "tests/test_agent.py", "--ignore", "LM00", "--select", "LM0,LM1,LM2",
                 "--no-respect-gitignore", "--extend-exclude", "out")
    assert result.exit_code == 0
    rules = states(result.stdout)
    assert rules["LM001"] == "off: ignored by --ignore LM00"
    assert rules["LM101"] == f'off: per-file-ignores "tests/*" in {project / "pyproject.toml"}'
    assert rules["LM201"] == f'off: ignored by ignore "LM2" in {project / "pyproject.toml"}'
    assert rules["LM301"] == "off: not in select (LM0, LM1, LM2 from --select)"
    assert 'select = ["LM0", "LM1", "LM2"]  # --select' in result.stdout.splitlines()
    assert f'ignore = ["LM2", "LM00"]  # {project / "pyproject.toml"} and --ignore' in result.stdout
    assert "respect-gitignore = false  # --no-respect-gitignore" in result.stdout
    assert f'extend-exclude = ["generated", "out"]  # {project / "pyproject.toml"} and --extend-exclude' \
        in result.stdout


def test_json(project: Path) -> None:
    result = run("config", "--output-format", "json", "--target", "3.1", str(project / "tests" / "test_agent.py"))
    assert result.exit_code == 0
    described = json.loads(result.stdout)
    assert described["path"] == str(project / "tests" / "test_agent.py")
    assert described["config_file"] == str(project / "pyproject.toml")
    assert described["settings"]["per-file-ignores"] == {"tests/*": ["LM1"]}
    assert described["settings"]["force-exclude"] is True
    assert described["origins"]["target"] == "--target"
    by_code = {rule["code"]: rule for rule in described["rules"]}
    assert by_code["LM101"]["enabled"] is False
    assert by_code["LM101"]["reason"] == f'per-file-ignores "tests/*" in {project / "pyproject.toml"}'
    assert by_code["LM001"] == {"code": "LM001", "name": by_code["LM001"]["name"], "enabled": True, "reason": None}


def test_no_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("config")
    assert result.exit_code == 0
    assert f"config file: none (defaults; patterns relative to {tmp_path})" in result.stdout
    assert set(states(result.stdout).values()) == {"on"}


def test_explicit_config_and_bad_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "elsewhere.toml"
    other.write_text('[tool.livemigrate]\nselect = ["LM1"]\n')
    result = run("config", "--config", str(other))
    assert f"config file: {other}" in result.stdout
    assert states(result.stdout)["LM001"] == f"off: not in select (LM1 from {other})"
    (tmp_path / "pyproject.toml").write_text('[tool.livemigrate]\nper-file-ignores = "tests"\n')
    bad = run("config")
    assert bad.exit_code == 2 and "per-file-ignores must be a table" in bad.stderr


def test_stdin_named_with_stdin_filename_gets_that_files_per_file_ignores(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from livemigrate.cli import cli

    (tmp_path / "pyproject.toml").write_text('[tool.livemigrate]\nper-file-ignores = { "legacy/*" = ["LM001"] }\n',
                                             encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    monkeypatch.chdir(tmp_path)
    code = 'MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n'
    runner = CliRunner()
    ignored = runner.invoke(cli, ["check", "--stdin-filename", "legacy/app.py", "-"], input=code)
    checked = runner.invoke(cli, ["check", "--stdin-filename", "app.py", "-"], input=code)
    assert ignored.exit_code == 0, ignored.output
    assert checked.exit_code == 1 and "LM001" in checked.output
