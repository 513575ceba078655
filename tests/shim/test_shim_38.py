"""The 3.8 bar: an unmodified 2.5 program and an unmodified 3.1 program, each refused by the
strict 3.8 and 3.8 XT emulators, complete through ``shim.wrap(client, target=...)``."""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from google.genai import errors, types

from livemigrate import shim
from livemigrate.emulator import LiveEmulator
from livemigrate.emulator.wire import field
from livemigrate.migration import get_target, to_snake

from shim_support import LEGACY_MODEL, TARGET_MODEL, client_for, run

SCRIPT = {
    "weather": [
        {"say": "Let me check the forecast."},
        {"tool_call": {"name": "get_weather", "args": {"city": "Paris"}}},
        {"say": "It is {tool_result} in Paris.", "turn_complete": True},
    ],
    "*": "You said: {text}",
}
# One second of 16 kHz PCM in four chunks: what a push-to-talk client sends while the key is down.
SPEECH = [b"\x01\x02" * 4000] * 4
WEATHER_TOOL = dict(
    name="get_weather",
    description="Weather for a city",
    parameters=types.Schema(type="OBJECT", properties={"city": types.Schema(type="STRING")}),
)
MODES = [("3.8", "3.8"), ("3.8-xt", "3.8-xt")]  # (emulator mode, shim target)


def config_25() -> types.LiveConnectConfig:
    """2.5 native audio: a budget, proactivity, affective dialog, a tool relying on blocking."""
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        thinking_config=types.ThinkingConfig(thinking_budget=1024),
        proactivity=types.ProactivityConfig(proactive_audio=True),
        enable_affective_dialog=True,
        output_audio_transcription=types.AudioTranscriptionConfig(),
        tools=[types.Tool(function_declarations=[types.FunctionDeclaration(**WEATHER_TOOL)])],
    )


def config_31() -> dict[str, Any]:
    """3.1 Flash Live, as its docs taught: a level, a declared history seed, a synchronous tool."""
    return {
        "response_modalities": ["AUDIO"],
        "thinking_config": {"thinking_level": "minimal"},
        "history_config": {"initial_history_in_client_content": True},
        "output_audio_transcription": {},
        "tools": [{"function_declarations": [{"name": "get_weather", "description": "Weather for a city",
                                              "parameters": {"type": "OBJECT",
                                                             "properties": {"city": {"type": "STRING"}}}}]}],
    }


async def _collect(session: Any, audio: list[bytes], transcript: list[str]) -> None:
    """A receive loop as 2.5 and 3.1 code writes it: one turn, tools answered inline."""
    async for message in session.receive():
        content = message.server_content
        if content and content.model_turn:
            audio.extend(p.inline_data.data for p in content.model_turn.parts if p.inline_data)
        if content and content.output_transcription:
            transcript.append(content.output_transcription.text)
        if message.tool_call:
            await session.send_tool_response(function_responses=[
                types.FunctionResponse(id=call.id, name=call.name, response={"forecast": "sunny"})
                for call in message.tool_call.function_calls
            ])


async def _push_to_talk(session: Any) -> None:
    for chunk in SPEECH:
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
    await session.send_realtime_input(audio_stream_end=True)  # 2.5 / 3.1: the end of the user's turn


async def program_25(client: Any, model: str = LEGACY_MODEL) -> tuple[list[bytes], list[str]]:
    """A 2.5 voice agent: a text turn, a tool turn, a push-to-talk turn."""
    audio: list[bytes] = []
    transcript: list[str] = []
    async with client.aio.live.connect(model=model, config=config_25()) as session:
        for prompt in ("Hello there", "What is the weather in Paris?"):
            await session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=prompt)]), turn_complete=True
            )
            await _collect(session, audio, transcript)
        await _push_to_talk(session)
        await _collect(session, audio, transcript)
    return audio, transcript


async def program_31(client: Any, model: str = TARGET_MODEL) -> tuple[list[bytes], list[str]]:
    """A 3.1 voice agent: a declared history seed, realtime text, a tool turn, push-to-talk."""
    audio: list[bytes] = []
    transcript: list[str] = []
    async with client.aio.live.connect(model=model, config=config_31()) as session:
        await session.send_client_content(
            turns=[{"role": "user", "parts": [{"text": "My name is Ada."}]},
                   {"role": "model", "parts": [{"text": "Hello Ada."}]}],
            turn_complete=True,
        )
        for prompt in ("Hello there", "What is the weather in Paris?"):
            await session.send_realtime_input(text=prompt)
            await _collect(session, audio, transcript)
        await _push_to_talk(session)
        await _collect(session, audio, transcript)
    return audio, transcript


def what_the_server_sent(emulator: Any) -> tuple[list[bytes], list[str]]:
    emulator.wait_idle()
    audio, transcript = [], []
    for content in emulator.connections[-1].sent_of("serverContent"):
        for part in content.get("modelTurn", {}).get("parts", []):
            audio.append(base64.b64decode(part["inlineData"]["data"]))
        if "outputTranscription" in content:
            transcript.append(content["outputTranscription"]["text"])
    return audio, transcript


PROGRAMS = [pytest.param(program_25, LEGACY_MODEL, id="2.5"), pytest.param(program_31, TARGET_MODEL, id="3.1")]


@pytest.mark.parametrize(("mode", "target"), MODES)
@pytest.mark.parametrize(("program", "model"), PROGRAMS)
def test_the_program_fails_unchanged(mode, target, program, model):
    with LiveEmulator(mode=mode, script=SCRIPT) as emulator:
        with pytest.raises(errors.APIError) as caught:
            run(program(client_for(emulator)))
        assert caught.value.code == 1008  # the old model id is not served
        # and on the new id the old config is refused too
        with pytest.raises(errors.APIError) as caught:
            run(program(client_for(emulator), model=get_target(target).model_id))
        assert caught.value.code == 1007
        emulator.wait_idle()
        assert emulator.connections[-1].violations


@pytest.mark.parametrize(("mode", "target"), MODES)
@pytest.mark.parametrize(("program", "model"), PROGRAMS)
def test_the_program_completes_through_the_shim(mode, target, program, model, shim_warnings):
    with LiveEmulator(mode=mode, script=SCRIPT) as emulator:
        audio, transcript = run(program(shim.wrap(client_for(emulator), target=target)))

        sent_audio, sent_transcript = what_the_server_sent(emulator)
        record = emulator.connections[-1]
        assert record.violations == []  # (3.8 takes client content: recorded as ignored 3.1 rules)
        assert record.setup["model"] == f"models/{get_target(target).model_id}"
        assert audio == sent_audio and len(audio) == 12  # four spoken messages, 3 chunks each
        assert transcript == sent_transcript
        assert transcript[0] == "You said: Hello there"
        assert transcript[2] == 'It is {"forecast": "sunny"} in Paris.'  # the tool result reached the model
        assert transcript[3] == "You said: [audio 1.00 s]"  # push-to-talk got its reply
    assert "LM606" in shim_warnings.rules()  # warned where audio_stream_end was sent


@pytest.mark.parametrize(("mode", "target"), MODES)
def test_the_wire_carries_activity_signals_and_explicit_behavior(mode, target):
    with LiveEmulator(mode=mode, script=SCRIPT) as emulator:
        run(program_25(shim.wrap(client_for(emulator), target=target)))
        emulator.wait_idle()
        setup = emulator.received[0]["setup"]
        frames = [f for f in emulator.received if "setup" not in f]

    declaration = field(field(setup, "tools")[0], "function_declarations")[0]
    assert declaration["behavior"] == ("BLOCKING" if target == "3.8" else "NON_BLOCKING")
    assert field(field(setup, "realtime_input_config"), "automatic_activity_detection") == {"disabled": True}
    gen = setup.get("generationConfig", {})
    assert "proactivity" not in setup and "enableAffectiveDialog" not in gen
    if target == "3.8":
        assert "thinkingConfig" not in gen
    else:
        # budget 1024 → low, never minimal
        assert str(field(field(gen, "thinking_config"), "thinking_level")).lower() == "low"
    # A 2.5 config that seeds nothing gets no history declaration and no seed-closing frame.
    assert "historyConfig" not in setup
    assert not any("client_content" in f and not f["client_content"].get("turns") for f in frames)
    realtime = [to_snake(k) for f in frames if "realtime_input" in f for k in f["realtime_input"]]
    assert [k for k in realtime if k not in ("audio", "text")] == ["activity_start", "activity_end"]
    assert realtime.index("activity_start") < realtime.index("audio")  # opened before the audio
    assert "audio_stream_end" not in realtime


# --- realtime text on a push-to-talk session (detection off) -------------------------------


def answered(emulator: Any) -> Callable[[], Awaitable[None]]:
    """Called after the program's input: waits until the emulator is idle and fails unless it
    sent something since the last call. Input it ignores would leave ``receive()`` waiting."""
    seen = [0]

    async def check() -> None:
        await emulator.wait_idle_async()
        sent = len(emulator.connections[-1].sent)
        assert sent > seen[0], "the emulator is idle and did not answer: receive() would wait forever"
        seen[0] = sent

    return check


async def program_25_text(client: Any, replied: Callable[[], Awaitable[None]]) -> tuple[list[bytes], list[str]]:
    """A 2.5 agent that types as well as talks: realtime text from one line, push-to-talk."""
    audio: list[bytes] = []
    transcript: list[str] = []
    async with client.aio.live.connect(model=LEGACY_MODEL, config=config_25()) as session:
        await replied()  # setupComplete
        for prompt in ("Hello there", "What is the weather in Paris?"):
            await session.send_realtime_input(text=prompt)
            await replied()
            await _collect(session, audio, transcript)
        await _push_to_talk(session)
        await replied()
        await _collect(session, audio, transcript)
        await session.send_realtime_input(text="Thanks")
        await replied()
        await _collect(session, audio, transcript)
    return audio, transcript


def _realtime_keys(emulator: Any) -> list[str]:
    """``realtime_input`` fields in the order the server got them (text with its value)."""
    keys = []
    for frame in emulator.received:
        for key, value in frame.get("realtime_input", {}).items():
            keys.append(f"text:{value}" if key == "text" else to_snake(key))
    return keys


@pytest.mark.parametrize(("mode", "target"), MODES)
def test_realtime_text_is_framed_on_a_push_to_talk_session(mode, target, shim_warnings):
    with LiveEmulator(mode=mode, script=SCRIPT) as emulator:
        audio, transcript = run(program_25_text(shim.wrap(client_for(emulator), target=target),
                                                answered(emulator)))
        sent_audio, sent_transcript = what_the_server_sent(emulator)
        record = emulator.connections[-1]
        assert record.violations == []  # no input outside an activity
        assert audio == sent_audio and len(audio) == 15
        assert transcript == sent_transcript
        assert transcript[0] == "You said: Hello there"
        assert transcript[2] == 'It is {"forecast": "sunny"} in Paris.'
        assert transcript[3] == "You said: [audio 1.00 s]"
        assert transcript[4] == "You said: Thanks"
        keys = _realtime_keys(emulator)

    framed = ["activity_start", "text:Hello there", "activity_end", "activity_start",
              "text:What is the weather in Paris?", "activity_end"]
    assert keys == [*framed, "activity_start", *["audio"] * 4, "activity_end",
                    "activity_start", "text:Thanks", "activity_end"]
    # one warning per call site: the loop's line once, the last text's line once
    assert len(shim_warnings.of("LM606")) == 3  # (and one at the audio_stream_end)
    assert len({w.lineno for w in shim_warnings.of("LM606")}) == 3


@pytest.mark.parametrize("inside", ["program", "shim"])
def test_text_inside_an_activity(inside):
    """Text in an activity the program opened joins it; text while the shim's own activity
    around push-to-talk audio is open ends that turn first and gets its own activity."""

    async def program(client: Any) -> list[str]:
        transcript: list[str] = []
        replied = answered(emulator)
        async with client.aio.live.connect(model=LEGACY_MODEL, config=config_25()) as session:
            await replied()  # setupComplete
            if inside == "program":
                await session.send_realtime_input(activity_start=types.ActivityStart())
            await session.send_realtime_input(audio=types.Blob(data=SPEECH[0], mime_type="audio/pcm;rate=16000"))
            await session.send_realtime_input(text="typed meanwhile")
            if inside == "program":
                await session.send_realtime_input(activity_end=types.ActivityEnd())
            await replied()
            await _collect(session, [], transcript)
            if inside == "shim":
                await _collect(session, [], transcript)
        return transcript

    with LiveEmulator(mode="3.8", script=SCRIPT) as emulator:
        transcript = run(program(shim.wrap(client_for(emulator), target="3.8")))
        emulator.wait_idle()
        assert emulator.connections[-1].violations == []
        keys = _realtime_keys(emulator)
    if inside == "program":
        assert keys == ["activity_start", "audio", "text:typed meanwhile", "activity_end"]
        assert transcript == ["You said: typed meanwhile [audio 0.25 s]"]
    else:
        assert keys == ["activity_start", "audio", "activity_end",
                        "activity_start", "text:typed meanwhile", "activity_end"]
        assert transcript == ["You said: [audio 0.25 s]", "You said: typed meanwhile"]


def test_text_the_shim_sends_for_client_content_is_framed_too():
    """On a target that both refuses mid-session client content (3.1's reading) and ends no
    turn on audio_stream_end, the realtime text the shim sends for 2.5 client content
    (the prompt ending a seed, a mid-session turn, text held until the session ends) is framed."""
    profile = dataclasses.replace(get_target("3.1"), audio_stream_end_ends_turn=False)

    async def program(client: Any) -> list[str]:
        transcript: list[str] = []
        replied = answered(emulator)
        config = {"output_audio_transcription": {}}
        async with client.aio.live.connect(model=LEGACY_MODEL, config=config) as session:
            for prompt in ("Hello there", "And again"):
                await session.send_client_content(turns={"role": "user", "parts": [{"text": prompt}]})
                await replied()
                await _collect(session, [], transcript)
            await session.send_client_content(turns={"role": "user", "parts": [{"text": "Bye"}]},
                                              turn_complete=False)  # held, sent at the end
        return transcript

    with LiveEmulator(mode="strict", script=SCRIPT, enforce={"input-outside-activity": True}) as emulator:
        transcript = run(program(shim.wrap(client_for(emulator), target=profile)))
        emulator.wait_idle()
        assert emulator.connections[-1].violations == []
        keys = _realtime_keys(emulator)
    assert transcript == ["You said: Hello there", "You said: And again"]
    assert keys == [k for text in ("Hello there", "And again", "Bye")
                    for k in ("activity_start", f"text:{text}", "activity_end")]


def test_realtime_text_is_sent_bare_when_detection_stays_on():
    async def program(client: Any) -> list[str]:
        transcript: list[str] = []
        async with client.aio.live.connect(model=LEGACY_MODEL, config=config_25()) as session:
            await session.send_realtime_input(text="Hello there")
            await _collect(session, [], transcript)
        return transcript

    with LiveEmulator(mode="3.8", script=SCRIPT) as emulator:
        client = shim.wrap(client_for(emulator), target="3.8", push_to_talk=False)
        assert run(program(client)) == ["You said: Hello there"]
        emulator.wait_idle()
        assert _realtime_keys(emulator) == ["text:Hello there"]


@pytest.mark.parametrize("target", ["3.8", "3.8-xt"])
def test_push_to_talk_false_keeps_voice_activity_detection(target):
    result = shim.translate_config(config_25(), model=LEGACY_MODEL, target=target)
    assert result.push_to_talk
    kept = shim.translate_config(config_25(), model=LEGACY_MODEL, target=target, push_to_talk=False)
    assert not kept.push_to_talk and kept.config.realtime_input_config is None
    assert "LM606" not in kept.rules


def test_xt_levels_and_behaviors():
    minimal = {"thinking_config": {"thinking_level": "minimal"},
               "tools": [{"function_declarations": [{"name": "f", "behavior": "BLOCKING"}]}]}
    result = shim.translate_config(minimal, model=TARGET_MODEL, target="3.8-xt", push_to_talk=False)
    assert result.config["thinking_config"] == {"thinking_level": "low"}
    assert result.config["tools"][0]["function_declarations"][0]["behavior"] == "NON_BLOCKING"
    assert result.rules == ("LM001", "LM601", "LM602")
    bare = shim.translate_config({}, model=TARGET_MODEL, target="3.8-xt", push_to_talk=False)
    assert bare.config == {"thinking_config": {"thinking_level": "low"}}
    dynamic = shim.translate_config({"thinking_config": {"thinking_budget": -1}}, model=TARGET_MODEL,
                                    target="3.8-xt", push_to_talk=False)
    assert dynamic.config == {"thinking_config": {"thinking_level": "low"}}


def test_a_config_that_only_needs_an_id_change_gets_nothing_else_on_38():
    result = shim.translate_config({"response_modalities": ["AUDIO"]}, model=TARGET_MODEL, target="3.8",
                                   push_to_talk=False)
    assert result.config == {"response_modalities": ["AUDIO"]} and result.rules == ("LM001",)
    assert not result.history_declared_by_shim
