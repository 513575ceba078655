"""The strict 3.8 and 3.8 XT modes: what they refuse, how their turns and tools behave."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from click.testing import CliRunner

from livemigrate.emulator import LiveEmulator
from livemigrate.emulator.cli import emulator_command
from livemigrate.emulator.rules import check_setup, check_tool_response, enforced_rules
from livemigrate.migration import get_target

LIVE, XT = get_target("3.8"), get_target("3.8-xt")
SPEECH = b"\x01\x02" * 8000  # 0.5 s of 16 kHz PCM
TOOL_SCRIPT = [[
    {"say": "Let me check."},
    {"tool_call": {"name": "get_weather", "args": {}}},
    {"say": "It is {tool_result}.", "turn_complete": True},
]]


def setup(model: str, **fields: Any) -> dict[str, Any]:
    return {"model": f"models/{model}", **fields}


def ids(found: list[Any]) -> list[str]:
    return [v.rule.id for v in found]


# --- setup rules -----------------------------------------------------------------------------


@pytest.mark.parametrize("thinking", [{"thinkingLevel": "LOW"}, {"thinkingBudget": 0}, {}])
def test_38_refuses_any_thinking_config(thinking):
    found = check_setup(setup(LIVE.model_id, generationConfig={"thinkingConfig": thinking}), LIVE)
    assert "thinking-config" in ids(found)
    assert "thinking-config" in enforced_rules("3.8") and "thinking-config" not in enforced_rules("3.8-xt")


@pytest.mark.parametrize(
    ("thinking", "rule"),
    [(None, "thinking-level-required"), ({"thinkingBudget": 1024}, "thinking-level-required"),
     ({"thinkingLevel": "MINIMAL"}, "thinking-level")],
)
def test_xt_needs_low_medium_or_high(thinking, rule):
    gen = {} if thinking is None else {"generationConfig": {"thinkingConfig": thinking}}
    assert rule in ids(check_setup(setup(XT.model_id, **gen), XT))
    ok = setup(XT.model_id, generationConfig={"thinkingConfig": {"thinkingLevel": "high"}})
    assert check_setup(ok, XT) == []


@pytest.mark.parametrize(("behavior", "refused"), [(None, True), ("BLOCKING", True), ("NON_BLOCKING", False)])
def test_xt_tools_must_be_non_blocking_and_38_takes_both(behavior, refused):
    declaration = {"name": "f", **({"behavior": behavior} if behavior else {})}
    tools = {"tools": [{"functionDeclarations": [declaration]}]}
    xt = setup(XT.model_id, generationConfig={"thinkingConfig": {"thinkingLevel": "low"}}, **tools)
    assert ("blocking-function" in ids(check_setup(xt, XT))) is refused
    assert check_setup(setup(LIVE.model_id, **tools), LIVE) == []


def test_xt_refuses_scheduling_and_38_takes_it():
    body = {"functionResponses": [{"id": "c", "name": "f", "response": {}, "scheduling": "SILENT"}]}
    assert ids(check_tool_response(body, XT)) == ["response-scheduling"]
    assert check_tool_response(body, LIVE) == []
    assert "response-scheduling" in enforced_rules("3.8-xt") and "response-scheduling" not in enforced_rules("3.8")


def test_38_modes_refuse_2_5_settings_and_the_old_model_ids():
    config = setup("gemini-3.1-flash-live-preview", proactivity={"proactiveAudio": True},
                   generationConfig={"enableAffectiveDialog": True, "responseModalities": ["TEXT"]})
    found = set(ids(check_setup(config, LIVE)))
    assert {"model-not-served", "proactivity", "affective-dialog", "text-modality"} <= found
    for mode in ("3.8", "3.8-xt"):
        assert found - {"thinking-config"} <= enforced_rules(mode)
        # 3.8 takes client content for the whole session, declared or not, and NON_BLOCKING
        assert not {"client-content-mid-session", "client-content-undeclared", "non-blocking-function"} & \
            enforced_rules(mode)


# --- sessions over the real SDK ---------------------------------------------------------------


def _client(emulator: LiveEmulator) -> Any:
    from google import genai

    return genai.Client(api_key="test", http_options=emulator.http_options)


async def _turn(session: Any, answer: Any = None) -> list[Any]:
    """One receive() loop; tool calls are answered with ``answer`` as they arrive."""
    from google.genai import types

    messages = []
    async for message in session.receive():
        messages.append(message)
        if message.tool_call and answer is not None:
            await session.send_tool_response(function_responses=[
                types.FunctionResponse(id=c.id, name=c.name, response=answer) for c in message.tool_call.function_calls
            ])
    return messages


def _run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 10))


def test_audio_stream_end_is_no_end_of_turn_on_38_and_activity_signals_need_vad_off():
    from google.genai import errors, types

    async def push_to_talk(config: dict[str, Any], end: str) -> None:
        async with _client(emulator).aio.live.connect(model=LIVE.model_id, config=config) as session:
            if end == "activity":
                await session.send_realtime_input(activity_start=types.ActivityStart())
            await session.send_realtime_input(audio=types.Blob(data=SPEECH, mime_type="audio/pcm;rate=16000"))
            if end == "activity":
                await session.send_realtime_input(activity_end=types.ActivityEnd())
                await _turn(session)
            else:
                await session.send_realtime_input(audio_stream_end=True)
                await emulator.wait_idle_async()

    with LiveEmulator(mode="3.8") as emulator:
        _run(push_to_talk({}, "stream_end"))
        emulator.wait_idle()
        assert not list(emulator.connections[-1].sent_of("serverContent"))  # never answered

        with pytest.raises(errors.APIError) as caught:
            _run(push_to_talk({}, "activity"))
        assert caught.value.code == 1007 and "activity-signal-with-vad" in str(caught.value)

        vad_off = {"realtime_input_config": {"automatic_activity_detection": {"disabled": True}}}
        _run(push_to_talk(vad_off, "activity"))
        emulator.wait_idle()
        assert emulator.connections[-1].violations == []
        assert any(c.get("turnComplete") for c in emulator.connections[-1].sent_of("serverContent"))


VAD_OFF = {"realtime_input_config": {"automatic_activity_detection": {"disabled": True}},
           "output_audio_transcription": {}}


def _said(messages: list[Any]) -> list[str]:
    return [m.server_content.output_transcription.text for m in messages
            if m.server_content and m.server_content.output_transcription]


@pytest.mark.parametrize("mode", ["3.8", "3.8-xt"])
def test_with_detection_off_only_input_inside_an_activity_is_a_turn(mode):
    from google.genai import types

    target = LIVE if mode == "3.8" else XT
    config = {**VAD_OFF, **({"thinking_config": {"thinking_level": "low"}} if mode == "3.8-xt" else {})}
    speech = types.Blob(data=SPEECH, mime_type="audio/pcm;rate=16000")

    async def main() -> list[list[str]]:
        async with _client(emulator).aio.live.connect(model=target.model_id, config=config) as session:
            await session.send_realtime_input(text="bare text")
            await session.send_realtime_input(audio=speech)  # before any activityStart
            await emulator.wait_idle_async()
            record = emulator.connections[-1]
            assert not list(record.sent_of("serverContent"))  # neither got a reply ...
            assert record.close_code is None  # ... and the session goes on
            replies = []
            await session.send_realtime_input(activity_start=types.ActivityStart())
            await session.send_realtime_input(text="framed text")
            await session.send_realtime_input(activity_end=types.ActivityEnd())
            replies.append(_said(await _turn(session)))
            await session.send_realtime_input(activity_start=types.ActivityStart())
            await session.send_realtime_input(audio=speech)
            await session.send_realtime_input(text="and words")
            await session.send_realtime_input(activity_end=types.ActivityEnd())
            replies.append(_said(await _turn(session)))
            return replies

    with LiveEmulator(mode=mode) as emulator:
        replies = _run(main())
        emulator.wait_idle()
        record = emulator.connections[-1]
    # only the audio inside the activity counts (0.5 s, not 1 s); text inside joins its turn
    assert replies == [["You said: framed text"], ["You said: and words [audio 0.50 s]"]]
    assert [(v.rule.id, v.detail) for v in record.violations] == [
        ("input-outside-activity", "realtimeInput.text outside activityStart..activityEnd"),
        ("input-outside-activity", "realtimeInput audio before activityStart"),
    ]


@pytest.mark.parametrize(("config", "enforce"), [(VAD_OFF, {"input-outside-activity": False}), ({}, None)])
def test_bare_text_is_a_turn_with_detection_on_or_the_rule_off(config, enforce):
    async def main() -> list[str]:
        async with _client(emulator).aio.live.connect(model=LIVE.model_id,
                                                      config={**config, "output_audio_transcription": {}}) as session:
            await session.send_realtime_input(text="bare text")
            return _said(await _turn(session))

    with LiveEmulator(mode="3.8", enforce=enforce) as emulator:
        assert _run(main()) == ["You said: bare text"]
        emulator.wait_idle()
        assert emulator.connections[-1].violations == []


def test_3_1_modes_do_not_frame_input():
    assert all("input-outside-activity" not in enforced_rules(mode) for mode in ("strict", "lenient"))
    assert {"input-outside-activity"} <= enforced_rules("3.8") & enforced_rules("3.8-xt")


def _tool_config(behavior: str | None, level: str | None = None) -> dict[str, Any]:
    declaration: dict[str, Any] = {"name": "get_weather"}
    if behavior:
        declaration["behavior"] = behavior
    config: dict[str, Any] = {"tools": [{"function_declarations": [declaration]}]}
    if level:
        config["thinking_config"] = {"thinking_level": level}
    return config


@pytest.mark.parametrize(("behavior", "blocks"), [(None, False), ("NON_BLOCKING", False), ("BLOCKING", True)])
def test_38_tools_are_non_blocking_by_default(behavior, blocks):
    async def main() -> None:
        async with _client(emulator).aio.live.connect(model=LIVE.model_id, config=_tool_config(behavior)) as session:
            await session.send_realtime_input(text="weather?")
            await emulator.wait_idle_async()  # idle: done, or holding the turn for the tool response

    with LiveEmulator(mode="3.8", script=TOOL_SCRIPT) as emulator:
        _run(main())
        emulator.wait_idle()
        sent = emulator.connections[-1].sent
    keys = [next(iter(m)) for m in sent]
    after_call = sent[keys.index("toolCall") + 1:]
    # Unanswered: a non-blocking call ends the utterance (the rest waits for the result);
    # a BLOCKING one holds the turn, as every call did on 3.1.
    assert any(m.get("serverContent", {}).get("turnComplete") for m in after_call) is not blocks


def test_xt_reports_interaction_status_until_idle():
    async def main() -> list[Any]:
        config = {**_tool_config("NON_BLOCKING", level="low"), "output_audio_transcription": {}}
        async with _client(emulator).aio.live.connect(model=XT.model_id, config=config) as session:
            await session.send_realtime_input(text="weather?")
            return await _turn(session, answer={"forecast": "sunny"})

    with LiveEmulator(mode="3.8-xt", script=TOOL_SCRIPT) as emulator:
        messages = _run(main())
        emulator.wait_idle()
        sent = list(emulator.connections[-1].sent_of("serverContent"))
    statuses = [c.get("interactionStatus") for c in sent if "interactionStatus" in c]
    assert statuses == ["IN_PROGRESS", "IN_PROGRESS", "IDLE"]  # opening frame, utterance before the result, end
    assert sum(1 for c in sent if c.get("turnComplete")) == 2  # turn_complete alone does not end the interaction
    # the SDK's receive() ran on to IDLE, so the result was spoken within one loop
    spoken = [m.server_content.output_transcription.text for m in messages
              if m.server_content and m.server_content.output_transcription]
    assert spoken[-1] == 'It is {"forecast": "sunny"}.'


def test_cli_accepts_the_38_modes():
    runner = CliRunner()
    result = runner.invoke(emulator_command, ["--help"])
    assert "3.8-xt" in result.output
    assert runner.invoke(emulator_command, ["--mode", "3.9"]).exit_code == 2
