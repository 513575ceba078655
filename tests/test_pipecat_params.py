"""pipecat's Gemini Live services take Live config fields in `params=InputParams(...)`: its
`thinking=` is the session's thinking config (measurement 38 missed LM002 there)."""

from __future__ import annotations

import pytest

from harness import check, dedent, fixed_text

BOT = dedent("""
    import os

    from google.genai.types import ThinkingConfig
    from pipecat.services.google.gemini_live.llm import GeminiLiveLLMService, InputParams


    async def run_bot(transport):
        llm = GeminiLiveLLMService(
            api_key=os.getenv("GOOGLE_API_KEY"),
            model="gemini-3.1-flash-live-preview",
            voice_id="Charon",
            system_instruction="Be brief.",
            params=InputParams(thinking=ThinkingConfig(thinking_budget=0)),
        )
        return llm
""")


def test_the_thinking_budget_of_a_pipecat_live_service_is_reported_and_fixed() -> None:
    found = check(BOT)
    assert [(f.line, f.rule_id) for f in found] == [(13, "LM002")], [(f.line, f.rule_id, f.message) for f in found]
    assert fixed_text(BOT) == BOT.replace("thinking_budget=0", 'thinking_level="minimal"')


@pytest.mark.parametrize("change", [
    pytest.param(("from pipecat.services.google.gemini_live.llm import GeminiLiveLLMService, InputParams",
                  "from pipecat.services.google.gemini_live.llm import GeminiLiveLLMService\n"
                  "InputParams = GeminiLiveLLMService.InputParams"), id="the-service-class-attribute"),
    pytest.param(("params=InputParams(thinking=ThinkingConfig(thinking_budget=0)),", "params=PARAMS,"),
                 id="params-bound-to-a-name"),
])
def test_other_spellings_of_the_params_are_read(change: tuple[str, str]) -> None:
    code = BOT.replace(*change)
    if change[1] == "params=PARAMS,":
        code = code.replace("async def run_bot", "PARAMS = InputParams(thinking=ThinkingConfig(thinking_budget=0))\n\n\nasync def run_bot")
    assert code != BOT
    assert "LM002" in {f.rule_id for f in check(code)}


def test_pipecats_text_service_params_are_not_a_live_config() -> None:
    code = dedent("""
        from google.genai.types import ThinkingConfig
        from pipecat.services.google.llm import GoogleLLMService

        llm = GoogleLLMService(model="gemini-2.5-flash",
                               params=GoogleLLMService.InputParams(thinking=ThinkingConfig(thinking_budget=0)))
    """)
    assert not check(code)


def test_a_2_5_service_gets_both_findings_and_the_affective_and_proactive_params_too() -> None:
    code = BOT.replace("gemini-3.1-flash-live-preview", "gemini-2.5-flash-native-audio-preview-09-2025").replace(
        "params=InputParams(thinking=ThinkingConfig(thinking_budget=0)),",
        "params=InputParams(thinking=ThinkingConfig(thinking_budget=0), enable_affective_dialog=True,\n"
        "                   proactivity=ProactivityConfig(proactive_audio=True)),").replace(
        "import ThinkingConfig", "import ProactivityConfig, ThinkingConfig")
    assert code != BOT
    rules = sorted(f.rule_id for f in check(code))
    assert rules == ["LM001", "LM002", "LM003", "LM004"], rules


def test_params_pipecat_keeps_aside_are_not_read_as_config_fields() -> None:
    """`extra=` is pipecat's own: its service builds the Live config from the named fields
    (a review found LM002 reported and fixed inside it)."""
    code = BOT.replace("params=InputParams(thinking=ThinkingConfig(thinking_budget=0)),",
                       'params=InputParams(extra={"thinking_config": {"thinking_budget": 0}}),')
    assert code != BOT
    assert not check(code)
