"""Shapes measurement 54's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from harness import check, dedent

RESPONSE_WRAPPER = dedent("""
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client()
    TOOLS = [types.Tool(function_declarations=[types.FunctionDeclaration(name="move")])]


    class Response:
        def __init__(self, raw: types.LiveServerMessage):
            self.text = raw.text or ""
            self.tool_call = raw.tool_call if raw.tool_call else None


    class Service:
        async def receive(self):
            async with client.aio.live.connect(model="gemini-live-2.5-flash-preview",
                                               config=types.LiveConnectConfig(tools=TOOLS)) as session:
                self.session = session
                async for raw in session.receive():
                    response = Response(raw)
                    if response.tool_call:
                        asyncio.create_task(self.answer(response.tool_call))
                    yield response

        async def answer(self, tool_call):
            responses = [types.FunctionResponse(id=fc.id, name=fc.name, response={}) for fc in tool_call.function_calls]
            await self.session.send_tool_response(function_responses=responses)
""")


def test_a_tool_call_a_wrapper_keeps_on_the_object_it_builds() -> None:
    """A response wrapper's constructor keeps the message's tool call on the object
    (`self.tool_call = raw.tool_call if raw.tool_call else None`); the receive loop that builds
    it answers the call from there. The wrapper's read hands the call on to its builder: not
    LM305 (a measurement-54 false positive)."""
    assert check(RESPONSE_WRAPPER, ("LM305",)) == []
    # (a wrapper that only logs the call hands nothing on)
    logs = RESPONSE_WRAPPER.replace("self.tool_call = raw.tool_call if raw.tool_call else None",
                                    "print(raw.tool_call)")
    assert logs != RESPONSE_WRAPPER
    assert [f.rule_id for f in check(logs, ("LM305",))] == ["LM305"]


ADK_TEXT_FALLBACK = dedent("""
    from google.adk.agents import Agent, LiveRequestQueue
    from google.adk.agents.run_config import RunConfig
    from google.adk.runners import InMemoryRunner
    from google.genai import types

    agent = Agent(name="guide", model="gemini-2.5-flash-native-audio-preview-12-2025")
    runner = InMemoryRunner(agent=agent, app_name="guide")


    class Bridge:
        @staticmethod
        def _live_config() -> RunConfig:
            return RunConfig(response_modalities=[types.Modality.AUDIO])

        @staticmethod
        def _text_fallback_config() -> RunConfig:
            return RunConfig(response_modalities=[types.Modality.TEXT])

        async def stream(self, session, queue: LiveRequestQueue):
            async for event in runner.run_live(session=session, live_request_queue=queue,
                                               run_config=self._live_config()):
                yield event

        async def fallback(self, session, text):
            content = types.Content(role="user", parts=[types.Part(text=text)])
            async for event in runner.run_async(user_id="u", session_id=session.id, new_message=content,
                                                run_config=self._text_fallback_config()):
                yield event
""")


def test_a_text_run_config_only_run_async_takes_beside_the_live_stream() -> None:
    """An ADK module streaming with `run_live` on an AUDIO RunConfig also builds a TEXT
    RunConfig that only `run_async` takes (a text fallback: no Live session): not LM005 (a
    measurement-54 false positive)."""
    assert check(ADK_TEXT_FALLBACK, ("LM005",)) == []
    # (the TEXT one given to run_live is)
    live_text = ADK_TEXT_FALLBACK.replace("run_config=self._live_config()", "run_config=self._text_fallback_config()")
    assert live_text != ADK_TEXT_FALLBACK
    assert [f.rule_id for f in check(live_text, ("LM005",))] == ["LM005"]


PARSER_RETURNING_THE_FIRST_AUDIO_PART = dedent("""
    from google import genai

    client = genai.Client()


    def parse(message):
        result = {}
        sc = message.server_content
        if hasattr(sc, "model_turn") and sc.model_turn:
            for part in sc.model_turn.parts:
                if hasattr(part, "inline_data") and part.inline_data:
                    result["type"] = "audio"
                    result["data"] = part.inline_data.data
                    return result
        return None


    async def main(out):
        async with client.aio.live.connect(model="gemini-2.0-flash-exp", config={"response_modalities": ["AUDIO"]}) as s:
            async for message in s.receive():
                out.put(parse(message))
""")


def test_a_parts_loop_that_returns_the_first_audio_part_it_handles() -> None:
    """A parser walking the parts returns as soon as it has taken one part's audio: the other
    parts of the message (more audio on the target) are dropped. LM301, no fix (the function
    returns one result per message; what to return for several is the program's call)."""
    (finding,) = check(PARSER_RETURNING_THE_FIRST_AUDIO_PART, ("LM301",))
    assert finding.line == 14 and finding.fix is None
    # (a search over the parts, returning on a test alone, drops nothing it handles)
    search = PARSER_RETURNING_THE_FIRST_AUDIO_PART.replace(
        '                result["type"] = "audio"\n                result["data"] = part.inline_data.data\n'
        '                return result\n', '                return True\n')
    assert search != PARSER_RETURNING_THE_FIRST_AUDIO_PART
    assert check(search, ("LM301",)) == []


REFUSED_ID_TEST = dedent("""
    import pytest

    from app.config import get_settings


    def test_a_retired_model_is_refused(monkeypatch):
        monkeypatch.setenv("GEMINI_MODEL", "gemini-2.0-flash-live-001")
        with pytest.raises(ValueError):
            get_settings()


    def test_the_model_is_read(monkeypatch):
        monkeypatch.setenv("GEMINI_MODEL", "gemini-2.0-flash-live-001")
        assert get_settings().gemini_model
""")


def test_an_id_in_a_test_that_expects_an_error_gets_no_fix() -> None:
    """A settings test sets a retired id and expects the settings to refuse it (`pytest.raises`):
    rewriting the id would make the test pass a good id and fail. LM001 still reports it, with
    no fix; the same id in a test expecting no error keeps its fix."""
    found = check(REFUSED_ID_TEST, ("LM001",))
    assert [(f.line, f.fix is None) for f in found] == [(7, True), (13, False)]


def test_an_id_in_a_test_that_expects_a_warning_gets_no_fix() -> None:
    """`with pytest.warns(DeprecationWarning):` around a retired id: the test wants the old id
    warned about; rewriting it changes what it tests (no fix; the review's item 15)."""
    code = REFUSED_ID_TEST.replace("with pytest.raises(ValueError):", "with pytest.warns(DeprecationWarning):")
    assert code != REFUSED_ID_TEST
    assert [(f.line, f.fix is None) for f in check(code, ("LM001",))] == [(7, True), (13, False)]
