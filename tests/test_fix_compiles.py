"""Fixes that parse but do not compile together (two fixes adding the same keyword to one call)
are applied one after the other, never written as code CPython refuses; a fix that alone
produces such code is reported as our bug and the file is left unchanged."""

from __future__ import annotations

from pathlib import Path

from livemigrate.cli import main

from harness import dedent

# A user rule that adds `flag=True` after an argument (the first or the last: two such rules edit
# two different nodes, so one pass applies both) of the module's first call that has no `flag`.
ADDS_FLAG = dedent('''
    """A user rule that adds a keyword to the first call."""
    import libcst as cst
    from livemigrate.edits import Splice
    from livemigrate.rule import Fix, FixAvailability, Rule

    def first_call(module):
        found = []
        class Finder(cst.CSTVisitor):
            def visit_Call(self, node):
                if not found:
                    found.append(node)
        module.visit(Finder())
        return found[0] if found else None

    class AddsFlag(Rule):
        """Adds a flag.

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
        id = "LM904"
        name = "adds-flag"
        message = "the call needs a flag"
        fix_availability = FixAvailability.ALWAYS
        COPIES = 1
        AT = 0
        VALID = ["x = 1\\n"]

        def check(self, ctx):
            call = first_call(ctx.module)
            if call is None or any(a.keyword is not None and a.keyword.value == "flag" for a in call.args):
                return
            extra = [cst.Arg(cst.Name("True"), keyword=cst.Name("flag"))] * self.COPIES
            arg = call.args[self.AT]
            ctx.report(call, fix=Fix.safe("add the flag", Splice(arg, [arg.with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), *extra])))
''')


def _rules(tmp_path: Path, *variants: tuple[str, str, int, int]) -> Path:
    rules = tmp_path / "rules"
    rules.mkdir()
    for rule_id, name, copies, at in variants:
        (rules / f"{name.replace('-', '_')}.py").write_text(
            ADDS_FLAG.replace("LM904", rule_id).replace("adds-flag", name).replace("AddsFlag", name.title().replace(
                "-", "")).replace("COPIES = 1", f"COPIES = {copies}").replace("AT = 0", f"AT = {at}"))
    return rules


def test_two_fixes_adding_the_same_keyword_are_applied_one_after_the_other(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("LM904", "adds-flag", 1, 0), ("LM905", "adds-flag-too", 1, -1))
    target = tmp_path / "app.py"
    target.write_text("from google import genai\nconnect(model=m, config=c)\n")
    assert main(["fix", "--rule-path", str(rules), "--select", "LM904,LM905", str(target)]) == 0
    fixed = target.read_text()
    assert fixed == "from google import genai\nconnect(model=m, flag = True, config=c)\n"
    compile(fixed, "app.py", "exec")


def test_a_fix_that_alone_does_not_compile_is_our_bug_and_the_file_stays(tmp_path: Path, capsys) -> None:
    rules = _rules(tmp_path, ("LM906", "adds-flag-twice", 2, 0))
    target = tmp_path / "app.py"
    target.write_text("from google import genai\nconnect(model=m, config=c)\n")
    before = target.read_bytes()
    assert main(["fix", "--rule-path", str(rules), "--select", "LM906", str(target)]) == 2
    err = capsys.readouterr().err
    assert "internal error in LM906" in err and "does not compile" in err and "keyword argument repeated" in err
    assert target.read_bytes() == before


def test_a_file_that_never_compiled_is_still_fixed(tmp_path: Path) -> None:
    # code for a newer Python, or a fragment (`return` at the top): the check compares with the input
    rules = _rules(tmp_path, ("LM904", "adds-flag", 1, 0))
    target = tmp_path / "app.py"
    target.write_text("from google import genai\nconnect(model=m, config=c)\nreturn 1\n")
    assert main(["fix", "--rule-path", str(rules), "--select", "LM904", str(target)]) == 0
    assert target.read_text() == "from google import genai\nconnect(model=m, flag = True, config=c)\nreturn 1\n"


def test_top_level_await_as_in_a_notebook_cell_is_not_a_compile_error(tmp_path: Path) -> None:
    rules = _rules(tmp_path, ("LM904", "adds-flag", 1, 0))
    target = tmp_path / "app.py"
    target.write_text("from google import genai\nawait connect(model=m, config=c)\n")
    assert main(["fix", "--rule-path", str(rules), "--select", "LM904", str(target)]) == 0
    assert target.read_text() == "from google import genai\nawait connect(model=m, flag = True, config=c)\n"


def test_lm005_and_lm304_turn_on_transcription_once_in_one_config(tmp_path: Path) -> None:
    """The case that showed it: TEXT next to AUDIO in a config with other entries, and `.text`
    read on the session; both rules' fixes turn on output transcription, at different places
    of one call, in the same pass."""
    target = tmp_path / "app.py"
    target.write_text(dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()
        CONFIG = types.LiveConnectConfig(
            response_modalities=["AUDIO", "TEXT"],
            system_instruction="be brief",
        )


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
                async for msg in session.receive():
                    if msg.text:
                        print(msg.text)
    '''))
    assert main(["fix", "--unsafe-fixes", "--no-cache", "--select", "LM005,LM304", str(target)]) == 0
    fixed = target.read_text()
    compile(fixed, "app.py", "exec")
    assert fixed.count("output_audio_transcription=") == 1
    assert 'response_modalities=["AUDIO"]' in fixed and "output_transcription.text" in fixed


def test_the_compile_check_prints_none_of_the_compilers_warnings(tmp_path: Path) -> None:
    import subprocess
    import sys

    from harness import REPO

    rules = _rules(tmp_path, ("LM904", "adds-flag", 1, 0))
    target = tmp_path / "app.py"
    target.write_text('from google import genai\nconnect(model=m, config=c)\npattern = "\\d+"\nok = pattern is "x"\n')
    done = subprocess.run([sys.executable, "-W", "default", "-m", "livemigrate", "fix", "--no-cache", "--rule-path",
                           str(rules), "--select", "LM904", str(target)], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr
    assert "flag = True" in target.read_text()
