"""One bad file (or one bug of ours) never costs the rest of the run, in any output format."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from livemigrate.cli import main
from livemigrate.engine import Linter
from livemigrate.settings import Settings

from harness import dedent

SELF_REFERENCE = dedent('''
    from google.genai import types
    async def reply(session, response):
        response = types.FunctionResponse(id="1", name="f", response=response)
        await session.send_tool_response(function_responses=response)
''')

LIVE_25 = dedent('''
    from google import genai
    client = genai.Client()
    async def main():
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config={"response_modalities": ["AUDIO"]}) as s:
            pass
''')

CRASHING_RULE = dedent('''
    """A user rule with a bug."""
    from livemigrate.rule import Rule

    class Crashes(Rule):
        """Crashes.

        ## What it does
        x
        ## Why is this bad?
        x
        ## Example
        x
        ## Use instead
        x
        ## Fix safety
        x
        """
        id = "LM901"
        name = "crashes"
        message = "never reported"
        VALID = ["x = 1\\n"]
        def check(self, ctx):
            if "crash_me" in ctx.module.code:
                raise RecursionError("maximum recursion depth exceeded")
''')


def test_a_config_that_names_itself_does_not_recurse_forever() -> None:
    report = Linter(Settings()).check_bytes(SELF_REFERENCE.encode(), "reply.py")
    assert report.error is None


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "a_live.py").write_text(LIVE_25)
    (tmp_path / "b_crash.py").write_text("crash_me = 1\n" + LIVE_25)
    (tmp_path / "c_live.py").write_text(LIVE_25)
    rules = tmp_path / "my_rules"
    rules.mkdir()
    (rules / "crashes.py").write_text(CRASHING_RULE)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_a_crashing_rule_is_that_files_error_and_the_run_completes(project: Path, fmt: str, capsys) -> None:
    code = main(["check", "--rule-path", str(project / "my_rules"), "--output-format", fmt,
                 str(project / "a_live.py"), str(project / "b_crash.py"), str(project / "c_live.py")])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.count("internal error in LM901: RecursionError") == 1, err
    assert "b_crash.py" in err and "report it" in err
    # every file's own findings are still there, the crashing file's other rules included
    for name in ("a_live.py", "b_crash.py", "c_live.py"):
        assert name in out, (fmt, out)
    if fmt == "json":
        assert {Path(r["filename"]).name for r in json.loads(out)} == {"a_live.py", "b_crash.py", "c_live.py"}
    if fmt == "sarif":
        log = json.loads(out)
        run = log["runs"][0]
        assert len(run["results"]) == 3
        notes = run["invocations"][0]["toolExecutionNotifications"]
        assert any("LM901" in n["message"]["text"] and n["level"] == "error" for n in notes)
        assert run["invocations"][0]["executionSuccessful"] is False


def test_fix_leaves_a_crashing_file_alone_and_fixes_the_others(project: Path, capsys) -> None:
    before = (project / "b_crash.py").read_bytes()
    code = main(["fix", "--rule-path", str(project / "my_rules"), str(project)])
    _, err = capsys.readouterr()
    assert code == 2
    assert (project / "b_crash.py").read_bytes() == before
    assert "gemini-3.1-flash-live-preview" in (project / "a_live.py").read_text()
    assert "gemini-3.1-flash-live-preview" in (project / "c_live.py").read_text()
    assert "file left unchanged" in err


def test_an_analysis_crash_is_the_files_error(monkeypatch, tmp_path: Path, capsys) -> None:
    import livemigrate.engine as engine

    real = engine.build_live_model

    def fragile(module, text=""):
        if "crash_me" in text:
            raise ValueError("x" * 900_000)
        return real(module, text)

    monkeypatch.setattr(engine, "build_live_model", fragile)
    (tmp_path / "a.py").write_text(LIVE_25)
    (tmp_path / "b.py").write_text("crash_me = 1\n" + LIVE_25)
    code = main(["check", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "a.py" in out
    line = next(l for l in err.splitlines() if "b.py" in l)
    assert "internal error in analysis: ValueError" in line and len(line) < 500


def test_reports_carry_no_tree_and_cross_process_boundaries() -> None:
    linter = Linter(Settings())
    for report in (linter.check_bytes(LIVE_25.encode(), "a.py"), linter.fix_bytes(LIVE_25.encode(), "a.py")):
        assert report.findings or report.applied
        restored = pickle.loads(pickle.dumps(report))
        assert [f.rule_id for f in restored.findings] == [f.rule_id for f in report.findings]
        assert all(f.node is None and (f.fix is None or not f.fix.edits) for f in report.findings + report.applied)


def test_a_rule_pack_that_cannot_load_is_one_error_line_not_a_traceback(tmp_path, monkeypatch, capsys) -> None:
    # The pack loads lazily, on the first file that needs parsing: a broken built-in rule
    # module (a bad install, an edit in a checkout) must still end the run with exit 2.
    from livemigrate import rulepack
    from livemigrate.cli import main

    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "lm998_broken.py").write_text("x = undefined_name\n", encoding="utf-8")
    monkeypatch.setattr(rulepack, "builtin_rules_dir", lambda: pack)
    app = tmp_path / "app.py"
    app.write_text('MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n', encoding="utf-8")
    assert main(["check", "--no-cache", "--jobs", "1", str(app)]) == 2
    err = capsys.readouterr().err
    assert "lm998_broken.py: rule module failed to import" in err
    assert "Traceback" not in err
