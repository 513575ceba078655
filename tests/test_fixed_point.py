"""Fixes settle, and a finding called fixable has a fix that removes it; the engine reports a
breach of either as our bug (exit 2, file unchanged) instead of looping or claiming success."""

from __future__ import annotations

from pathlib import Path

from livemigrate.cli import main
from livemigrate.rule import Applicability

from harness import check, dedent, fix

SEED = ('[types.Content(role="user", parts=[types.Part(text="hi")]), '
        'types.Content(role="model", parts=[types.Part(text="hello")])]')

SHARED_CONFIG = dedent(f'''
    from google import genai
    from google.genai import types
    client = genai.Client()
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])

    async def pinned():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            await session.send_client_content(turns={SEED}, turn_complete=True)

    async def chosen(model):
        async with client.aio.live.connect(model=model, config=CONFIG) as session:
            await session.send_client_content(turns={SEED}, turn_complete=True)
''')


def test_a_config_shared_by_two_sessions_is_declared_once() -> None:
    report = fix(SHARED_CONFIG, ("LM102",), unsafe=True)
    out = report.fixed.decode()
    assert out.count("history_config") == 1
    assert fix(out, ("LM102",), unsafe=True).fixed is None


def test_a_config_shared_with_an_unknown_model_session_gets_only_unsafe_fixes() -> None:
    code = SHARED_CONFIG.replace('response_modalities=["AUDIO"]', 'response_modalities=["AUDIO"], '
                                                                  'enable_affective_dialog=True')
    found = [f for f in check(code, ("LM004",))]
    assert found and all(f.fix.applicability is Applicability.UNSAFE for f in found)


def test_a_concatenated_text_modality_is_fixed() -> None:
    code = dedent('''
        from google import genai
        client = genai.Client()
        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["TE" "XT"]}) as s:
                pass
    ''')
    out = fix(code, ("LM005",), unsafe=True).fixed.decode()
    assert '"response_modalities": ["AUDIO"]' in out
    assert not check(out, ("LM005",))


NO_OP_RULE = dedent('''
    """A user rule whose fix changes nothing."""
    from livemigrate.edits import Replace
    from livemigrate.rule import Fix, FixAvailability, Rule

    class NoOp(Rule):
        """No-op.

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
        id = "LM902"
        name = "no-op"
        message = "claims a fix"
        fix_availability = FixAvailability.ALWAYS
        VALID = ["x = 1\\n"]
        def check(self, ctx):
            for statement in ctx.module.body[:1]:
                ctx.report(statement, fix=Fix.safe("nothing", Replace(statement, statement)))
''')


def test_a_fix_that_removes_nothing_is_reported_as_our_bug(tmp_path: Path, capsys) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "noop.py").write_text(NO_OP_RULE)
    target = tmp_path / "app.py"
    target.write_text("from google import genai\nx = 1\n")
    before = target.read_bytes()
    assert main(["fix", "--rule-path", str(rules), "--select", "LM902", str(target)]) == 2
    assert "internal error in LM902" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_fixes_that_never_settle_are_reported_not_looped(tmp_path: Path, capsys) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    growing = NO_OP_RULE.replace("LM902", "LM903").replace("no-op", "grows").replace(
        "Replace(statement, statement)",
        "Replace(statement, statement.with_changes(body=[statement.body[0].with_changes("
        "value=__import__('libcst').BinaryOperation(statement.body[0].value, __import__('libcst').Add(), "
        "__import__('libcst').Integer('0')))]))")
    (rules / "grows.py").write_text(growing)
    target = tmp_path / "app.py"
    target.write_text("x = 1\nfrom google import genai\n")
    before = target.read_bytes()
    assert main(["fix", "--rule-path", str(rules), "--select", "LM903", str(target)]) == 2
    assert "did not settle" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_livemigrate_test_runs_the_harness_on_user_rules(tmp_path: Path, capsys) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "noop.py").write_text(NO_OP_RULE.replace(
        'VALID = ["x = 1\\n"]',
        'VALID = ["x = 1\\n"]\n    INVALID = [__import__("livemigrate.rule").rule.Invalid("from google import genai\\n", fixed="x\\n")]'))
    assert main(["test", str(rules)]) == 1
    out, err = capsys.readouterr()
    assert "LM902-INVALID-1" in out and "1 rule(s) checked" in err
    assert "LM0" not in out  # the built-in pack is not re-tested here
