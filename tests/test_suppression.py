"""Suppression comments as a user writes them: line-level and file-level `# noqa`, the
unused-suppression finding (LM900) and its fix, and `check --add-noqa` to baseline a code base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from livemigrate.cli import cli
from livemigrate.engine import Linter
from livemigrate.rule import Applicability, FixAvailability, Rule, RuleContext
from livemigrate.rulepack import load_rules
from livemigrate.settings import Settings
from livemigrate.suppression import add_noqa_to_text

from harness import check, dedent, fix, linter

# LM001 at line 4, LM002 at 8, LM004 at 9, LM101 at 15
SESSION = dedent('''
    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        thinking_config=types.ThinkingConfig(thinking_budget=1024),
        enable_affective_dialog=True,
    )


    async def main():
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            await session.send_client_content(turns=types.Content(parts=[types.Part(text="hi")]), turn_complete=True)
''')
LEGACY = '"gemini-2.5-flash-native-audio-preview-12-2025"'
TARGET = '"gemini-3.1-flash-live-preview"'


def on_line(code: str, line: int, comment: str) -> str:
    lines = code.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].rstrip("\n") + "  " + comment + "\n"
    return "".join(lines)


def found(code: str, select: tuple[str, ...] = ("LM",)) -> list[tuple[str, int]]:
    return [(f.rule_id, f.line) for f in check(code, select)]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_session_has_the_findings_the_tests_rely_on() -> None:
    assert found(SESSION) == [("LM001", 4), ("LM002", 8), ("LM004", 9), ("LM101", 15)]


# --- line-level -----------------------------------------------------------------------------
def test_a_noqa_with_ids_suppresses_those_ids_on_its_line_only() -> None:
    code = on_line(SESSION, 8, "# noqa: LM002, LM004")
    code = on_line(code, 4, "# NOQA:lm001")
    assert found(code) == [("LM900", 8), ("LM004", 9), ("LM101", 15)]  # LM004 is on line 9


def test_ids_in_a_noqa_are_exact_not_prefixes() -> None:
    code = on_line(SESSION, 8, "# noqa: LM00")
    assert ("LM002", 8) in found(code)
    [unused] = [f for f in check(code) if f.rule_id == "LM900"]
    assert unused.line == 8 and "unknown: `LM00`" in unused.message


def test_a_bare_noqa_and_the_older_spelling_suppress() -> None:
    code = on_line(on_line(SESSION, 8, "# noqa"), 9, "# livemigrate: ignore[LM004]")
    assert found(code) == [("LM001", 4), ("LM101", 15)]


def test_a_noqa_in_a_string_suppresses_nothing() -> None:
    code = SESSION.replace("client = genai.Client()", 'client = genai.Client()\nNOTE = """\n# livemigrate: noqa\n"""')
    assert [rule for rule, _ in found(code)] == ["LM001", "LM002", "LM004", "LM101"]


def test_a_finding_on_a_line_that_starts_a_multi_line_string_takes_its_noqa_after_the_string() -> None:
    code = f'from google import genai\nMODEL, PROMPT = {LEGACY}, """\nBe brief.\n"""\n'
    assert found(code) == [("LM001", 2)]
    assert found(code.replace('brief.\n"""\n', 'brief.\n"""  # noqa: LM001\n')) == []


def test_a_backslash_continuation_takes_its_noqa_on_its_last_line() -> None:
    code = f"from google import genai\nMODEL = {LEGACY} \\\n    if True else None\n"
    assert found(code) == [("LM001", 2)]
    assert found(code.replace("None\n", "None  # noqa: LM001\n")) == []


def test_a_noqa_on_a_later_line_of_a_call_does_not_cover_its_first_line() -> None:
    code = SESSION.replace("enable_affective_dialog=True,\n)", "enable_affective_dialog=True,\n)  # noqa: LM002")
    assert ("LM002", 8) in found(code)


# --- file-level -----------------------------------------------------------------------------
def test_an_own_line_file_level_comment_suppresses_the_whole_file() -> None:
    code = SESSION + "\n# livemigrate: noqa\n"
    assert found(code) == []


def test_a_file_level_comment_with_ids_suppresses_those_ids_in_the_whole_file() -> None:
    code = "# livemigrate: noqa: LM001, LM101\n" + SESSION
    assert found(code) == [("LM002", 9), ("LM004", 10)]


def test_a_trailing_file_level_comment_is_line_level() -> None:
    code = on_line(SESSION, 4, "# livemigrate: noqa")
    assert found(code) == [("LM002", 8), ("LM004", 9), ("LM101", 15)]


def test_a_plain_noqa_at_the_top_is_not_file_level() -> None:
    assert found("# noqa\n" + SESSION) == [("LM001", 5), ("LM002", 9), ("LM004", 10), ("LM101", 16)]


def notebook(*cells: str) -> bytes:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": cell.splitlines(keepends=True)} for cell in cells]}, indent=1).encode()


def test_a_file_level_comment_in_any_cell_covers_the_whole_notebook() -> None:
    first, second = SESSION.split("\n\nasync def main():")
    second = "async def main():" + second
    plain = linter().check_bytes(notebook(first, second), "nb.ipynb")
    assert [(f.rule_id, f.cell) for f in plain.findings] == [
        ("LM001", 1), ("LM002", 1), ("LM004", 1), ("LM101", 2)]
    exempt = linter().check_bytes(notebook(first, "# livemigrate: noqa: LM001, LM002\n" + second), "nb.ipynb")
    assert [(f.rule_id, f.cell) for f in exempt.findings] == [("LM004", 1), ("LM101", 2)]


def test_a_line_level_noqa_in_a_cell_suppresses_its_line() -> None:
    first, second = SESSION.split("\n\nasync def main():")
    report = linter().check_bytes(notebook(on_line(first, 4, "# noqa: LM001"), "async def main():" + second),
                                  "nb.ipynb")
    assert [f.rule_id for f in report.findings] == ["LM002", "LM004", "LM101"]


# --- LM900 unused-noqa -------------------------------------------------------------------------
def test_an_unused_noqa_is_reported_and_fixed_keeping_the_rest_of_the_line() -> None:
    code = on_line(SESSION, 5, "# noqa: LM001 -- moved  # pylint: disable=invalid-name")
    [unused] = [f for f in check(code) if f.rule_id == "LM900"]
    assert (unused.line, unused.column) == (5, 26)
    assert unused.message == "unused `noqa` directive (unused: `LM001`)"
    assert unused.fix is not None and unused.fix.applicability is Applicability.SAFE
    out = fix(code, ("LM900",)).fixed.decode()
    assert out == SESSION.replace("client = genai.Client()\n",
                                  "client = genai.Client()  # pylint: disable=invalid-name\n")


def test_a_user_comment_before_the_noqa_stays_and_the_fix_is_safe() -> None:
    code = on_line(SESSION, 5, "# the client  # noqa: LM001")
    [unused] = [f for f in check(code) if f.rule_id == "LM900"]
    assert unused.fix.applicability is Applicability.SAFE, unused.fix.unsafe_reasons
    assert "client = genai.Client()  # the client\n" in fix(code, ("LM900",)).fixed.decode()


def test_another_tools_codes_stay() -> None:
    code = on_line(SESSION, 5, "# noqa: E501, LM001,W291")
    assert "client = genai.Client()  # noqa: E501,W291\n" in fix(code, ("LM900",)).fixed.decode()


@pytest.mark.parametrize("comment", ["# noqa", "# noqa: E501", "# livemigrate: ignore", "# NOQA: F401 (re-export)"])
def test_a_bare_noqa_or_another_tools_is_never_reported(comment: str) -> None:
    assert found(on_line(SESSION, 5, comment), ("LM900",)) == []


def test_an_unknown_lm_code_is_reported() -> None:
    code = on_line(SESSION, 4, "# noqa: LM001, LM999")
    [unused] = [f for f in check(code) if f.rule_id == "LM900"]
    assert unused.message == "unused `noqa` directive (unknown: `LM999`)"
    assert 'preview-12-2025"  # noqa: LM001\n' in fix(code, ("LM900",)).fixed.decode()


def test_a_noqa_covered_twice_counts_as_used() -> None:
    code = "# livemigrate: noqa: LM001\n" + on_line(SESSION, 4, "# noqa: LM001")
    assert found(code) == [("LM002", 9), ("LM004", 10), ("LM101", 16)]


def test_the_unused_finding_is_suppressed_by_its_own_code() -> None:
    code = on_line(SESSION, 5, "# noqa: LM001, LM900")
    assert "LM900" not in [rule for rule, _ in found(code)]
    code = "# livemigrate: noqa: LM900\n" + on_line(SESSION, 5, "# noqa: LM001")
    assert "LM900" not in [rule for rule, _ in found(code)]


def test_the_unused_finding_is_selected_and_ignored_like_any_rule() -> None:
    code = on_line(SESSION, 5, "# noqa: LM001")
    assert found(code, ("LM900",)) == [("LM900", 5)]
    assert "LM900" not in [f.rule_id for f in Linter(Settings(ignore=("LM9",))).check_bytes(code.encode()).findings]


def test_a_noqa_for_a_rule_the_run_does_not_select_is_judged_by_that_rule(tmp_path: Path) -> None:
    code = on_line(SESSION, 15, "# noqa: LM101")
    (tmp_path / "a.py").write_text(code)
    # LM101 does report on that line: the noqa is used, whichever rules this run selects
    for select in ("LM001", "LM001,LM900", "LM900"):
        result = run("check", "--select", select, "--output-format", "json", str(tmp_path))
        assert "LM900" not in [r["code"] for r in json.loads(result.stdout)], select
    # on a line where LM101 reports nothing it is unused, also when LM101 is not selected
    (tmp_path / "a.py").write_text(on_line(SESSION, 5, "# noqa: LM101"))
    result = run("check", "--select", "LM001,LM900", "--output-format", "json", str(tmp_path))
    assert [(r["code"], r["location"]["row"]) for r in json.loads(result.stdout)] == [("LM001", 4), ("LM900", 5)]


class _Crashes(Rule):
    id = "LM777"
    name = "crashes"
    message = "never reported"
    fix_availability = FixAvailability.NEVER

    def check(self, ctx: RuleContext) -> None:
        raise RuntimeError("a bug")


def test_the_ids_of_a_rule_that_failed_on_the_file_are_not_judged() -> None:
    rules = [*load_rules(), _Crashes]
    code = on_line(SESSION, 5, "# noqa: LM777").encode()
    for select in (("LM777", "LM900"), ("LM900",)):  # run, or run only for the verdict
        report = Linter(Settings(select=select), rules=rules).check_bytes(code)
        assert [f.rule_id for f in report.findings] == [], select


def test_an_unused_noqa_on_a_line_of_its_own_is_removed_with_its_line() -> None:
    code = SESSION.replace("    async with", "    # noqa: LM001\n    async with")
    assert fix(code, ("LM900",)).fixed.decode() == SESSION


# --- --add-noqa --------------------------------------------------------------------------------
def test_add_noqa_then_check_is_clean_and_a_second_run_adds_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SESSION)
    result = run("check", "--add-noqa", str(tmp_path))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "Added 4 noqa directive(s).\n"
    after = (tmp_path / "a.py").read_text()
    assert after == (on_line(on_line(on_line(on_line(SESSION, 4, "# noqa: LM001"), 8, "# noqa: LM002"),
                                     9, "# noqa: LM004"), 15, "# noqa: LM101"))
    assert run("check", str(tmp_path)).exit_code == 0
    again = run("check", "--add-noqa", str(tmp_path))
    assert again.exit_code == 0 and again.stderr == "Added 0 noqa directive(s).\n"
    assert (tmp_path / "a.py").read_text() == after


def test_add_noqa_keeps_bom_and_crlf_and_changes_only_the_finding_lines(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + SESSION.replace("\n", "\r\n").encode()
    (tmp_path / "a.py").write_bytes(data)
    assert run("check", "--add-noqa", "--select", "LM001", str(tmp_path)).exit_code == 0
    out = (tmp_path / "a.py").read_bytes()
    assert out.startswith(b"\xef\xbb\xbf")
    assert out.count(b"\r\n") == data.count(b"\r\n") and b"\n" not in out.replace(b"\r\n", b"")
    before, after = data.split(b"\r\n"), out.split(b"\r\n")
    assert [i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b] == [4]
    assert after[3] == b'MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # noqa: LM001'


def test_add_noqa_merges_into_an_existing_noqa_and_goes_after_other_comments() -> None:
    code = on_line(on_line(SESSION, 8, "# noqa: E501  # why"), 9, "# type: ignore")
    code = on_line(code, 4, "# livemigrate: ignore[LM101]")
    out, added = add_noqa_to_text(code, [(4, "LM001"), (8, "LM002"), (8, "LM002"), (9, "LM004"), (9, "LM900")])
    assert added == 3
    lines = out.splitlines()
    assert lines[3].endswith('-12-2025"  # livemigrate: ignore[LM001, LM101]')
    assert lines[7].endswith("thinking_budget=1024),  # noqa: E501, LM002  # why")
    assert lines[8].endswith("enable_affective_dialog=True,  # type: ignore  # noqa: LM004")


def test_add_noqa_puts_a_multi_line_strings_noqa_after_the_string(tmp_path: Path) -> None:
    code = f'from google import genai\nMODEL, PROMPT = {LEGACY}, """\nBe brief.\n"""\n'
    (tmp_path / "a.py").write_text(code)
    assert run("check", "--add-noqa", str(tmp_path)).exit_code == 0
    assert (tmp_path / "a.py").read_text() == code.replace('\n"""\n', '\n"""  # noqa: LM001\n')
    assert run("check", str(tmp_path)).exit_code == 0


def test_add_noqa_writes_into_the_notebook_cells(tmp_path: Path) -> None:
    first, second = SESSION.split("\n\nasync def main():")
    path = tmp_path / "nb.ipynb"
    data = notebook(first, "async def main():" + second)
    path.write_bytes(data)
    result = run("check", "--add-noqa", str(tmp_path))
    assert result.exit_code == 0 and result.stderr == "Added 4 noqa directive(s).\n"
    cells = [("".join(c["source"])) for c in json.loads(path.read_text())["cells"]]
    assert 'preview-12-2025"  # noqa: LM001\n' in cells[0]
    assert "turn_complete=True)  # noqa: LM101" in cells[1]
    assert run("check", str(tmp_path)).exit_code == 0


def test_add_noqa_refuses_standard_input() -> None:
    result = run("check", "--add-noqa", "-")
    assert result.exit_code == 2 and "cannot take '-'" in result.stderr


def test_add_noqa_leaves_a_file_with_a_syntax_error_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("from google.genai.types import LiveConnectConfig\ndef (:\n")
    (tmp_path / "a.py").write_text(SESSION)
    result = run("check", "--add-noqa", str(tmp_path))
    assert result.exit_code == 2 and "bad.py" in result.stderr
    assert (tmp_path / "bad.py").read_text() == "from google.genai.types import LiveConnectConfig\ndef (:\n"
    assert "# noqa: LM001" in (tmp_path / "a.py").read_text()


def test_add_noqa_through_a_symlink_writes_the_file_behind_it(tmp_path: Path) -> None:
    """check reads without resolving symlinks; --add-noqa reads again to write, so the file
    behind the link gets the directive and the link stays a link."""
    real = tmp_path / "real.py"
    real.write_text("MODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
                    "async def run(client):\n"
                    "    async with client.aio.live.connect(model=MODEL, config={}) as s:\n"
                    "        pass\n")
    link = tmp_path / "link.py"
    link.symlink_to(real)
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--add-noqa", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert "# noqa: LM001" in real.read_text()
