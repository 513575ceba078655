"""The 3.8 targets (``--target 3.8`` / ``3.8-xt``): the profiles, the verdict-driven behaviour of
the older rules there, and the LM6xx rules that only speak for them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from livemigrate.cli import cli
from livemigrate.migration import DEFAULT_TARGET, TARGETS, VERDICT_FACTS, get_target
from livemigrate.rulepack import load_rules
from livemigrate.testing import verify_example
from livemigrate.rule import Invalid

from harness import REPO, dedent, linter

APPS = sorted(p for p in (REPO / "fixtures" / "apps").iterdir() if p.is_dir())
SOURCES = [str(p) for app in APPS for p in sorted(app.glob("*.py"))]
LM6 = [rule for rule in load_rules() if rule.id.startswith("LM6")]


def _findings(code: str, select: tuple[str, ...], target: str):
    report = linter(select, target).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return report.findings


def _fixed(code: str, select: tuple[str, ...], target: str) -> str:
    report = linter(select, target).fix_bytes(dedent(code).encode(), "example.py", unsafe=True)
    assert report.error is None, report.error
    return (report.fixed or dedent(code).encode()).decode()


# --- profiles ----------------------------------------------------------------------------
def test_default_target_stays_31() -> None:
    assert DEFAULT_TARGET == "3.1"
    assert get_target(None).model_id == "gemini-3.1-flash-live-preview"


def test_extended_thinking_profile_takes_the_reading_that_works_everywhere() -> None:
    xt = get_target("gemini-3.8-live-extended-thinking")
    assert xt is TARGETS["3.8-xt"]
    assert xt.thinking == "level" and xt.thinking_levels == ("low", "medium", "high") and xt.requires_thinking_level
    assert xt.supports_non_blocking_tools and not xt.supports_blocking_tools and not xt.supports_response_scheduling
    assert not xt.accepts_parameters_json_schema and xt.interaction_end == "interaction_idle"
    assert {"proactivity", "enable_affective_dialog"} <= xt.removed_config_fields
    # a budget maps to at least low: minimal is not a level there
    assert [xt.budget_to_level(b) for b in (0, 1, 2048, 4096, 30000)] == ["low", "low", "low", "medium", "high"]


def test_38_live_profile() -> None:
    live = TARGETS["3.8"]
    assert live.thinking == "forbidden" and "thinking_config" in live.removed_config_fields
    assert live.supports_non_blocking_tools and live.supports_response_scheduling and live.supports_blocking_tools
    assert live.client_content_mid_session and not live.audio_stream_end_ends_turn
    assert live.requires_explicit_tool_behavior and live.interaction_end == "turn_complete"


# --- the bar: `check --target` on the apps speaks for the target only ----------------------
@pytest.mark.parametrize("target", ["3.8", "3.8-xt"])
def test_check_on_the_apps_reports_the_target_verdicts_and_none_of_31s(target: str) -> None:
    result = CliRunner().invoke(cli, ["check", "--target", target, "--output-format", "json", *SOURCES])
    assert result.exit_code == 1, result.output
    messages = [r["message"] for r in json.loads(result.stdout)]
    text = "\n".join(messages)
    profile, old = TARGETS[target], TARGETS["3.1"]
    for fact in VERDICT_FACTS:
        if old.reason(fact) != profile.reason(fact):
            assert old.reason(fact) not in text, fact
    assert old.model_id not in text.replace("`gemini-3.1-flash-live-preview`", "")
    for fact in ("thinking_budget", "tool_behavior_default"):
        assert profile.claim(fact) in text, fact


def test_check_on_the_apps_with_the_default_target_has_no_lm6_finding() -> None:
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", *SOURCES])
    assert not [r for r in json.loads(result.stdout) if r["code"].startswith("LM6")]


# --- the LM6xx rules are silent where the profile does not ask for them -------------------
@pytest.mark.parametrize("rule", LM6, ids=[r.id for r in LM6])
def test_lm6_examples_are_silent_on_the_default_target(rule) -> None:
    for example in rule.INVALID:
        assert _findings(example.code, (rule.id,), "3.1") == []


# --- older rules, asked of the 3.8 profiles ----------------------------------------------
BUDGET = '''
    from google.genai import types
    MODEL = "{model}"
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        thinking_config=types.ThinkingConfig(include_thoughts=True, thinking_budget={budget}),
    )
'''


def test_lm002_on_38_live_drops_the_whole_thinking_config() -> None:
    code = BUDGET.format(model="gemini-3.8-live", budget=1024)
    [finding] = _findings(code, ("LM002",), "3.8")
    assert TARGETS["3.8"].claim("thinking_budget") in finding.message
    assert "thinking_config" not in _fixed(code, ("LM002",), "3.8")
    assert _findings(code, ("LM601",), "3.8") == []  # one finding for one config


@pytest.mark.parametrize("budget,level", [(0, "LOW"), (-1, "LOW"), (9000, "MEDIUM")])
def test_lm002_on_extended_thinking_maps_a_budget_to_at_least_low(budget: int, level: str) -> None:
    code = BUDGET.format(model="gemini-3.8-live-extended-thinking", budget=budget)
    fixed = _fixed(code, ("LM002",), "3.8-xt")
    assert f"thinking_level=types.ThinkingLevel.{level}" in fixed and "thinking_budget" not in fixed


def test_lm601_on_extended_thinking_raises_minimal_to_low() -> None:
    verify_example([r for r in LM6 if r.id == "LM601"][0], Invalid(
        "from google.genai import types\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
        "config = {'thinking_config': {'thinking_level': 'minimal'}}\n"
        "c = types.LiveConnectConfig(**config)\n",
        fixed="from google.genai import types\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
        "config = {'thinking_config': {'thinking_level': 'low'}}\n"
        "c = types.LiveConnectConfig(**config)\n", unsafe=True), "LM601-xt", target="3.8-xt")
    ok = "from google.genai import types\nconfig = types.LiveConnectConfig(thinking_config={'thinking_level': 'high'})\n"
    assert _findings(ok, ("LM601",), "3.8-xt") == []


TOOLS = '''
    from google.genai import types
    MODEL = "{model}"
    decl = types.FunctionDeclaration(name="f", behavior=types.Behavior.{behavior})
    config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[decl])])

    async def answer(session, call):
        await session.send_tool_response(function_responses=[types.FunctionResponse(
            id=call.id, name=call.name, response={{}}, will_continue=True, scheduling="SILENT")])
'''


def test_non_blocking_and_scheduling_are_valid_on_38_live() -> None:
    code = TOOLS.format(model="gemini-3.8-live", behavior="NON_BLOCKING")
    assert _findings(code, ("LM201", "LM202", "LM602", "LM603"), "3.8") == []
    assert {f.rule_id for f in _findings(code, ("LM201", "LM202"), "3.1")} == {"LM201", "LM202"}


def test_extended_thinking_needs_non_blocking_and_no_scheduling() -> None:
    code = TOOLS.format(model="gemini-3.8-live-extended-thinking", behavior="BLOCKING")
    found = _findings(code, ("LM201", "LM202", "LM602", "LM603"), "3.8-xt")
    # scheduling goes; will_continue marks a streaming NON_BLOCKING response and stays
    assert sorted((f.rule_id, f.message.split(":")[0]) for f in found) == [
        ("LM202", "`scheduling`"), ("LM602", "`behavior")]
    fixed = _fixed(code, ("LM202", "LM602"), "3.8-xt")
    assert "types.Behavior.NON_BLOCKING" in fixed and "scheduling" not in fixed and "will_continue=True" in fixed


def test_a_tool_without_behavior_on_extended_thinking_becomes_non_blocking() -> None:
    code = ("from google.genai import types\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
            "config = {'tools': [{'function_declarations': [{'name': 'f'}]}]}\n"
            "c = types.LiveConnectConfig(**config)\n")
    [finding] = _findings(code, ("LM602", "LM603"), "3.8-xt")
    assert finding.rule_id == "LM602" and TARGETS["3.8-xt"].claim("blocking_tools") in finding.message
    assert "'behavior': 'NON_BLOCKING'" in _fixed(code, ("LM602",), "3.8-xt")


def test_turn_complete_ends_the_loop_on_38_live_but_not_on_extended_thinking() -> None:
    code = [r for r in LM6 if r.id == "LM604"][0].INVALID[0].code
    assert _findings(code, ("LM604",), "3.8") == []
    assert len(_findings(code, ("LM604",), "3.8-xt")) == 1


def test_turn_complete_compared_to_true_keeps_its_meaning_when_fixed() -> None:
    code = ("from google import genai\nclient = genai.Client()\nasync def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config={}) as s:\n"
            "        async for message in s.receive():\n"
            "            if message.server_content.turn_complete == True:\n"
            "                return\n")
    fixed = _fixed(code, ("LM604",), "3.8-xt")
    assert 'if (message.server_content.interaction_status in ("IDLE", "REQUIRES_ACTION")) == True:' in fixed


def test_audio_stream_end_next_to_activity_signals_is_left_alone_on_38() -> None:
    rule = [r for r in LM6 if r.id == "LM606"][0]
    assert len(_findings(rule.INVALID[0].code, ("LM606",), "3.8-xt")) == 1
    assert _findings(rule.VALID[0], ("LM606",), "3.8") == []


def test_client_content_mid_session_is_no_finding_on_38() -> None:
    code = ("from google import genai\nclient = genai.Client()\nasync def main(lines):\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
            "        await s.send_realtime_input(text='hi')\n"
            "        for line in lines:\n"
            "            await s.send_client_content(turns={'role': 'user', 'parts': [{'text': line}]}, "
            "turn_complete=True)\n")
    assert _findings(code, ("LM101",), "3.8") == []
    assert _findings(code, ("LM101",), "3.8-xt") == []


def test_the_31_preview_id_moves_to_the_38_target() -> None:
    from livemigrate.engine import Linter
    from livemigrate.settings import Settings

    code = (b"from google import genai\nclient = genai.Client()\nMODEL = 'gemini-3.1-flash-live-preview'\n"
            b"async def main():\n    async with client.aio.live.connect(model=MODEL, config={}) as s:\n"
            b"        await s.send_realtime_input(text='hi')\n")
    for target, new in (("3.8", "gemini-3.8-live"), ("3.8-xt", "gemini-3.8-live-extended-thinking")):
        report = Linter(Settings(select=("LM001",), target=target)).fix_bytes(code, "app.py")
        assert report.error is None and report.fixed is not None, target
        assert f"MODEL = '{new}'".encode() in report.fixed
    # on the default target the 3.1 id is the target itself
    assert Linter(Settings(select=("LM001",))).check_bytes(code, "app.py").findings == []
