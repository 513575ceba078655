"""The command line as a user meets it: exit codes, output formats, filters, suppressions,
stdin, and what `fix` writes (or does not write) on disk."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from livemigrate.cli import cli

from harness import REPO, dedent

SESSION = dedent('''
    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],  # keep this comment
        thinking_config=types.ThinkingConfig(thinking_budget=1024),
        enable_affective_dialog=True,
    )


    async def main():
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            await session.send_realtime_input(text="hi")
''')

FIXED = dedent('''
    from google import genai
    from google.genai import types

    MODEL = "gemini-3.1-flash-live-preview"
    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],  # keep this comment
        thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW),
    )


    async def main():
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            await session.send_realtime_input(text="hi")
''')

GENERATE_ONLY = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()
    reply = client.models.generate_content(
        model="gemini-2.5-flash",
        contents="hello",
        config=types.GenerateContentConfig(thinking_config=types.ThinkingConfig(thinking_budget=1024)),
    )
''')


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "agent.py").write_text(SESSION)
    (tmp_path / "generate.py").write_text(GENERATE_ONLY)
    (tmp_path / "plain.py").write_text("print('nothing to see')\n")
    return tmp_path


def test_check_reports_findings_and_exits_1(project: Path) -> None:
    result = run("check", str(project))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    agent = str(project / "agent.py")
    assert f"{agent}:4:9: LM001 [*] `gemini-2.5-flash-native-audio-preview-12-2025` is a legacy Live model id; use `gemini-3.1-flash-live-preview`" in lines
    assert any(line.startswith(f"{agent}:8:42: LM002 [*]") for line in lines)
    assert any(line.startswith(f"{agent}:9:5: LM004 [*]") for line in lines)
    assert "generate.py" not in result.stdout
    assert lines[-1].startswith("Found 3 findings (LM001: 1, LM002: 1, LM004: 1). [*] 3 fixable")


def test_check_clean_tree_exits_0(tmp_path: Path) -> None:
    (tmp_path / "generate.py").write_text(GENERATE_ONLY)
    result = run("check", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_select_ignore_and_exit_zero(project: Path) -> None:
    assert "LM002" not in run("check", "--ignore", "LM002", str(project)).stdout
    only = run("check", "--select", "LM00", "--ignore", "LM001,LM004", str(project))
    assert [l.split(": ")[1].split()[0] for l in only.stdout.splitlines()[:-1]] == ["LM002"]
    assert run("check", "--exit-zero", str(project)).exit_code == 0
    assert run("check", "--select", "LM2", str(project)).exit_code == 0


def test_json_output_is_machine_readable(project: Path) -> None:
    result = run("check", "--output-format", "json", str(project / "agent.py"))
    records = json.loads(result.stdout)
    assert [r["code"] for r in records] == ["LM001", "LM002", "LM004"]
    first = records[0]
    assert first["location"] == {"row": 4, "column": 9}
    assert first["fix"]["applicability"] == "safe"
    assert first["name"] == "live-model-id"


def test_github_output(project: Path) -> None:
    result = run("check", "--output-format", "github", str(project / "agent.py"))
    assert result.stdout.startswith("::error title=livemigrate (LM001),file=")
    assert ",line=4,col=9," in result.stdout


def test_sarif_output(project: Path) -> None:
    log = json.loads(run("check", "--output-format", "sarif", str(project / "agent.py")).stdout)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert {"LM001", "LM002"} <= {r["id"] for r in run_["tool"]["driver"]["rules"]}
    first = run_["results"][0]
    assert first["ruleId"] == "LM001"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 4


def test_noqa_suppresses(tmp_path: Path) -> None:
    code = SESSION.replace("thinking_budget=1024),", "thinking_budget=1024),  # noqa: LM002")
    code = code.replace("enable_affective_dialog=True,", "enable_affective_dialog=True,  # noqa")
    (tmp_path / "a.py").write_text(code)
    result = run("check", "--output-format", "json", str(tmp_path))
    assert [r["code"] for r in json.loads(result.stdout)] == ["LM001"]


def test_noqa_for_another_rule_does_not_suppress(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SESSION.replace("thinking_budget=1024),", "thinking_budget=1024),  # noqa: LM003"))
    codes = [r["code"] for r in json.loads(run("check", "--output-format", "json", str(tmp_path)).stdout)]
    assert "LM002" in codes


def test_fix_rewrites_and_second_run_is_clean(project: Path) -> None:
    generate_before = (project / "generate.py").read_bytes()
    plain_mtime = (project / "plain.py").stat().st_mtime_ns
    result = run("fix", str(project))
    assert result.exit_code == 0, result.stderr
    assert (project / "agent.py").read_text() == FIXED
    assert (project / "generate.py").read_bytes() == generate_before
    assert (project / "plain.py").stat().st_mtime_ns == plain_mtime
    assert "Fixed 3 finding(s) in 1 file(s)." in result.stderr
    again = run("fix", str(project))
    assert again.exit_code == 0
    assert (project / "agent.py").read_text() == FIXED
    assert run("check", str(project)).exit_code == 0


def test_fix_diff_writes_nothing(project: Path) -> None:
    result = run("fix", "--diff", str(project))
    assert result.exit_code == 1
    assert (project / "agent.py").read_text() == SESSION
    assert f"--- a/{project / 'agent.py'}" in result.stdout
    assert '-MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"' in result.stdout
    assert '+MODEL = "gemini-3.1-flash-live-preview"' in result.stdout


def test_fix_reports_what_needs_a_human(tmp_path: Path) -> None:
    code = SESSION.replace("thinking_budget=1024", "thinking_budget=BUDGET")
    (tmp_path / "a.py").write_text("BUDGET = int('5')\n" + code)
    result = run("fix", str(tmp_path))
    assert result.exit_code == 1
    assert "LM002" in result.stderr and "choose a level by hand" in result.stderr
    assert "thinking_budget=BUDGET" in (tmp_path / "a.py").read_text()


def test_unsafe_fixes_only_on_request(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SESSION.replace("thinking_budget=1024", "thinking_budget=-1"))
    run("fix", str(tmp_path))
    assert "thinking_budget=-1" in (tmp_path / "a.py").read_text()
    run("fix", "--unsafe-fixes", str(tmp_path))
    assert "thinking_budget" not in (tmp_path / "a.py").read_text()


def test_stdin(project: Path) -> None:
    result = run("check", "-", "--stdin-filename", "live.py", input=SESSION.encode())
    assert result.exit_code == 1
    assert result.stdout.startswith("live.py:4:9: LM001")
    fixed = run("fix", "-", input=SESSION.encode())
    assert fixed.stdout == FIXED


def test_syntax_error_among_good_files(project: Path) -> None:
    (project / "broken.py").write_text("from google.genai.types import LiveConnectConfig\ndef f(:\n")
    result = run("check", str(project))
    assert result.exit_code == 2
    assert "broken.py: syntax error at line 2" in result.stderr
    assert "agent.py:4:9: LM001" in result.stdout
    fixed = run("fix", str(project))
    assert fixed.exit_code == 2
    assert (project / "agent.py").read_text() == FIXED
    assert (project / "broken.py").read_text() == "from google.genai.types import LiveConnectConfig\ndef f(:\n"


def test_bad_inputs_each_get_one_line(project: Path) -> None:
    (project / "latin.py").write_bytes(b"from google.genai.types import LiveConnectConfig\nx = 'caf\xe9'\n")
    (project / "blob.py").write_bytes(b"LiveConnectConfig\x00\x01\x02")
    result = run("check", str(project), str(project / "missing.py"))
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert any("latin.py: not valid UTF-8" in line for line in errors)
    assert any("blob.py: looks binary" in line for line in errors)
    assert any("missing.py: no such file" in line for line in errors)
    assert "agent.py:4:9: LM001" in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file(project: Path) -> None:
    locked = project / "locked.py"
    locked.write_text(SESSION)
    locked.chmod(0)
    result = run("check", str(project))
    assert result.exit_code == 2 and "permission denied" in result.stderr


def test_coding_cookie_file_keeps_its_encoding(tmp_path: Path) -> None:
    code = "# -*- coding: latin-1 -*-\n" + SESSION.replace("# keep this comment", "# café")
    (tmp_path / "a.py").write_bytes(code.encode("latin-1"))
    assert run("fix", str(tmp_path)).exit_code == 0
    data = (tmp_path / "a.py").read_bytes()
    assert "# café".encode("latin-1") in data
    assert b"gemini-3.1-flash-live-preview" in data


def test_crlf_bom_and_mode_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(b"\xef\xbb\xbf" + SESSION.replace("\n", "\r\n").encode())
    path.chmod(0o754)
    assert run("fix", str(tmp_path)).exit_code == 0
    data = path.read_bytes()
    assert data == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o754
    assert [p.name for p in tmp_path.iterdir()] == ["a.py"]  # no temp file left behind


def test_explain_and_rules() -> None:
    explained = run("explain", "LM002")
    assert explained.exit_code == 0
    for section in ("## What it does", "## Why is this bad?", "## Fix safety"):
        assert section in explained.stdout
    assert run("explain", "thinking-budget").stdout == explained.stdout
    assert run("explain", "LM999").exit_code == 2
    table = run("rules").stdout
    assert "LM201  non-blocking-function" in table
    listed = json.loads(run("rules", "--output-format", "json").stdout)
    assert {"LM001", "LM002", "LM003", "LM004", "LM006", "LM201", "LM202"} <= {r["code"] for r in listed}


def test_usage_errors_exit_2(project: Path) -> None:
    assert run("check", "--output-format", "xml", str(project)).exit_code == 2
    assert run("check", "--target", "9.9", str(project)).exit_code == 2


def test_pyproject_settings(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.livemigrate]\nignore = ["LM001"]\n')
    result = subprocess.run([sys.executable, "-m", "livemigrate", "check", "."], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "LM001" not in result.stdout and "LM002" in result.stdout
    (project / "pyproject.toml").write_text('[tool.livemigrate]\nbogus = 1\n')
    bad = subprocess.run([sys.executable, "-m", "livemigrate", "check", "."], cwd=project,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown [tool.livemigrate] option(s): bogus" in bad.stderr


def test_user_rule_folder(tmp_path: Path, project: Path) -> None:
    rules = tmp_path / "my_rules"
    rules.mkdir()
    (rules / "lm901_no_kore.py").write_text(dedent('''
        """Flags the voice Kore.

        ## What it does
        x
        ## Why is this bad?
        x
        ## Example
        x
        ## Use instead
        x
        ## Fix safety
        none
        """
        from livemigrate.analysis.bindings import string_value
        from livemigrate.rule import Rule


        class NoKore(Rule):
            id = "LM901"
            name = "no-kore"
            message = "house style: no Kore"

            def check(self, ctx):
                for node in ctx.live.bindings.strings:
                    if string_value(node) == "Kore":
                        ctx.report(node)
    '''))
    (project / "voice.py").write_text("from google import genai\nVOICE = 'Kore'\n")
    result = run("check", "--rule-path", str(rules), "--select", "LM9", str(project))
    assert result.stdout.startswith(f"{project / 'voice.py'}:2:9: LM901 house style: no Kore")
    assert "LM901  no-kore" in run("rules", "--rule-path", str(rules)).stdout


def test_console_script_and_module_agree(project: Path) -> None:
    exe = Path(sys.executable).parent / "livemigrate"
    a = subprocess.run([str(exe), "check", str(project)], capture_output=True, text=True)
    b = subprocess.run([sys.executable, "-m", "livemigrate", "check", str(project)], capture_output=True, text=True)
    assert a.returncode == b.returncode == 1
    assert a.stdout == b.stdout


def test_unreadable_file_even_as_root(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root can read mode-000 files, so the refusal is simulated at the open itself."""
    import os

    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if os.fspath(path).endswith("locked.py"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    (project / "locked.py").write_text(SESSION)
    monkeypatch.setattr(os, "open", refuse)
    result = run("check", str(project))
    assert result.exit_code == 2
    assert f"{project / 'locked.py'}: cannot be read: permission denied" in result.stderr
    assert "agent.py:4:9: LM001" in result.stdout
