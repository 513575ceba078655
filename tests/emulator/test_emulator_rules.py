"""Strict (launch-era 3.1) refusals and what lenient mode lets through, via the real SDK."""

from __future__ import annotations

import asyncio
import base64
import json
import warnings

import pytest

BUDGET = {"thinking_config": {"thinking_budget": 1024}}
NON_BLOCKING = {"tools": [{"function_declarations": [{"name": "get_weather", "behavior": "NON_BLOCKING"}]}]}
SEED = {"history_config": {"initial_history_in_client_content": True}}

SETUP_REFUSALS = [
    pytest.param(BUDGET, "thinking-budget", id="thinking_budget"),
    pytest.param({"thinkingConfig": {"thinkingBudget": 0}}, "thinking-budget", id="thinkingBudget-camel"),
    pytest.param({"generation_config": {"thinking_config": {"thinking_budget": 0}}}, "thinking-budget",
                 id="thinking_budget-nested-generation_config"),
    pytest.param({"thinking_config": {"thinking_level": "XHIGH"}}, "thinking-level", id="thinking_level-xhigh"),
    pytest.param({"enable_affective_dialog": False}, "affective-dialog", id="affective-dialog-even-false"),
    pytest.param({"proactivity": {"proactive_audio": True}}, "proactivity", id="proactivity"),
    pytest.param(NON_BLOCKING, "non-blocking-function", id="non-blocking"),
    pytest.param({"response_modalities": ["TEXT"]}, "text-modality", id="text-modality"),
]


def _connect_error(sdk, emulator, config, model=None):
    from google.genai import errors

    async def main():
        async with sdk.connect(emulator, config, **({"model": model} if model else {})):
            pass

    with warnings.catch_warnings():
        # generation_config nesting is deprecated; SDKs before 3.x warn on XHIGH
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        with pytest.raises(errors.APIError) as caught:
            sdk.run(main())
    return caught.value


@pytest.mark.parametrize(("config", "rule_id"), SETUP_REFUSALS)
def test_strict_refuses_2_5_setup_with_1007_from_connect(live_emulator, sdk, config, rule_id):
    error = _connect_error(sdk, live_emulator, config)

    assert error.code == 1007
    assert error.details.endswith(f"[{rule_id}]")  # the close reason names the rule
    live_emulator.wait_idle()
    [record] = live_emulator.connections
    assert [v.rule.id for v in record.wait_closed().violations] == [rule_id]
    assert record.close_code == 1007 and record.closed_by == "server"


@pytest.mark.parametrize("model", ["gemini-2.5-flash-native-audio-preview-12-2025", "gemini-3.8-live"])
def test_any_other_model_is_refused_with_1008_in_both_modes(live_emulator_factory, sdk, model):
    for mode in ("strict", "lenient"):
        error = _connect_error(sdk, live_emulator_factory(mode=mode), {}, model=model)
        assert error.code == 1008
        assert f"models/{model} is not supported" in str(error)


@pytest.mark.parametrize(("config", "rule_id"), SETUP_REFUSALS)
def test_lenient_accepts_and_ignores_what_strict_refuses_in_setup(live_emulator_factory, sdk, config, rule_id):
    emulator = live_emulator_factory(mode="lenient")

    async def main():
        async with sdk.connect(emulator, config) as session:
            await session.send_realtime_input(text="still there?")
            return await sdk.turn(session)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        [reply] = sdk.run(main())
    assert reply.server_content.turn_complete
    emulator.wait_idle()
    [record] = emulator.connections
    assert record.violations == [] and [v.rule.id for v in record.ignored] == [rule_id]


def test_hang_mode_never_completes_setup(live_emulator_factory, sdk):
    emulator = live_emulator_factory(setup_fault="hang")

    async def main():
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(sdk.connect(emulator, {"proactivity": {"proactive_audio": True}}).__aenter__(), 0.3)

    sdk.run(main())
    emulator.wait_idle()
    [record] = emulator.connections
    assert record.wait_closed().hung and record.sent == []
    assert [v.rule.id for v in record.violations] == ["proactivity"]


def test_hang_mode_still_closes_on_faults_that_do_not_hang(live_emulator_factory, sdk):
    error = _connect_error(sdk, live_emulator_factory(setup_fault="hang"), BUDGET)
    assert error.code == 1007


def test_enforce_switches_single_rules(live_emulator_factory, sdk):
    lenient_but = live_emulator_factory(mode="lenient", enforce={"proactivity": True})
    assert _connect_error(sdk, lenient_but, {"proactivity": {}}).code == 1007
    strict_but = live_emulator_factory(enforce={"thinking-budget": False})

    async def main():
        async with sdk.connect(strict_but, BUDGET):
            pass

    sdk.run(main())
    strict_but.wait_idle()
    assert [v.rule.id for v in strict_but.connections[0].ignored] == ["thinking-budget"]


# --- mid-session -----------------------------------------------------------------------


def _session_error(sdk, emulator, config, actions):
    """Run ``actions(session)`` then read turns; return the APIError receive() raised."""
    from google.genai import errors

    async def main():
        async with sdk.connect(emulator, config) as session:
            await actions(session)
            for _ in range(3):  # replies to input before the refused frame come first
                await sdk.turn(session)

    with pytest.raises(errors.APIError) as caught:
        sdk.run(main())
    return caught.value


def _user(text):
    return {"role": "user", "parts": [{"text": text}]}


async def _text_then_client_content(session):
    await session.send_realtime_input(text="hi")
    await session.send_client_content(turns=_user("and now?"), turn_complete=True)


async def _client_content_only(session):
    await session.send_client_content(turns=_user("hi"), turn_complete=True)


async def _open_seed_then_text(session):
    await session.send_client_content(turns=_user("My name is Ada."), turn_complete=False)
    await session.send_realtime_input(text="hi")


async def _seed_with_function_call(session):
    await session.send_client_content(
        turns={"role": "model", "parts": [{"function_call": {"name": "f", "args": {}}}]}, turn_complete=True
    )


async def _media_chunks(session):
    from google.genai import types

    await session.send_realtime_input(media=types.Blob(data=b"\0\0" * 160, mime_type="audio/pcm;rate=16000"))
    await session.send_realtime_input(audio_stream_end=True)


MID_SESSION_REFUSALS = [
    pytest.param({}, _text_then_client_content, "client-content-mid-session", id="client_content-after-realtime"),
    pytest.param({}, _client_content_only, "client-content-undeclared", id="client_content-undeclared"),
    pytest.param(SEED, _open_seed_then_text, "history-seed-open", id="seed-without-turn_complete"),
    pytest.param(SEED, _seed_with_function_call, "function-parts-in-history", id="seed-with-function-call"),
    pytest.param({}, _media_chunks, "media-chunks", id="media_chunks"),
]


@pytest.mark.parametrize(("config", "actions", "rule_id"), MID_SESSION_REFUSALS)
def test_strict_refuses_mid_session_with_1007_from_receive(live_emulator, sdk, config, actions, rule_id):
    error = _session_error(sdk, live_emulator, config, actions)

    assert error.code == 1007
    assert f"[{rule_id}]" in str(error)
    live_emulator.wait_idle()
    assert [v.rule.id for v in live_emulator.violations] == [rule_id]


@pytest.mark.parametrize(("config", "actions", "rule_id"), MID_SESSION_REFUSALS)
def test_lenient_answers_mid_session_input_that_strict_refuses(live_emulator_factory, sdk, config, actions, rule_id):
    emulator = live_emulator_factory(mode="lenient")

    async def main():
        async with sdk.connect(emulator, {**config, "output_audio_transcription": {}}) as session:
            await actions(session)
            await session.send_realtime_input(text="go on")
            heard = []
            while "You said: go on" not in heard:
                heard += [m.server_content.output_transcription.text for m in await sdk.turn(session)]
            return heard

    heard = sdk.run(main())
    emulator.wait_idle()
    assert [v.rule.id for v in emulator.connections[0].ignored] == [rule_id]
    if actions is _text_then_client_content:
        assert heard == ["You said: hi", "You said: and now?", "You said: go on"]


def test_declared_seed_ending_turn_complete_is_silent_then_realtime_text_answers(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator, {**SEED, "output_audio_transcription": {}}) as session:
            await session.send_client_content(
                turns=[_user("My name is Ada."), {"role": "model", "parts": [{"text": "Hi Ada."}]}],
                turn_complete=True,
            )
            await session.send_realtime_input(text="What is my name?")
            return await sdk.turn(session)

    [reply] = sdk.run(main())  # the seed made no reply of its own
    assert reply.server_content.output_transcription.text == "You said: What is my name?"
    live_emulator.wait_idle()
    assert live_emulator.violations == []


def _tool_script():
    return [[{"tool_call": {"name": "get_weather", "args": {}}}, "Done."]]


@pytest.mark.parametrize(
    ("response", "rule_id"),
    [
        ({"scheduling": "WHEN_IDLE"}, "response-scheduling"),
        ({"will_continue": False}, "will-continue"),
        ({"id": "not-issued"}, "function-response-id"),
    ],
)
def test_strict_refuses_async_function_responses(live_emulator_factory, sdk, response, rule_id):
    from google.genai import errors

    emulator = live_emulator_factory(script=_tool_script())

    async def flow():
        async with sdk.connect(emulator) as session:
            await session.send_realtime_input(text="weather?")
            stream = session.receive()
            call = (await stream.__anext__()).tool_call.function_calls[0]
            fields = {"id": call.id, "name": call.name, "response": {"output": "sunny"}, **response}
            await session.send_tool_response(function_responses=fields)
            await sdk.turn(session)

    with pytest.raises(errors.APIError) as caught:
        sdk.run(flow())
    assert caught.value.code == 1007 and f"[{rule_id}]" in str(caught.value)


# --- raw frames (both key spellings, frames the SDK never sends) -----------------------


def _raw_exchange(emulator, frames, read=1):
    """Send raw JSON frames; return (messages read, close code, close reason)."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    async def main():
        got = []
        async with connect(emulator.ws_url(), ssl=emulator.ssl_context(), proxy=None,
                           additional_headers={"x-goog-api-key": "k"}) as ws:
            for frame in frames:
                await ws.send(frame if isinstance(frame, str) else json.dumps(frame))
            try:
                for _ in range(read):
                    got.append(json.loads(await ws.recv()))
            except ConnectionClosed:
                pass
            await ws.wait_closed() if read == 0 else None
            return got, ws.close_code, ws.close_reason

    return asyncio.run(asyncio.wait_for(main(), 5))


TENTH_SECOND_B64 = base64.b64encode(b"\0\0" * 1600).decode()
SETUP_FRAME = {"setup": {"model": "models/gemini-3.1-flash-live-preview", "outputAudioTranscription": {}}}


@pytest.mark.parametrize(
    ("frames", "code", "rule_id"),
    [
        pytest.param(["{not json"], 1007, "invalid-json", id="invalid-json"),
        pytest.param([{"realtimeInput": {"text": "hi"}}], 1007, "first-message-not-setup", id="no-setup"),
        pytest.param([SETUP_FRAME, SETUP_FRAME], 1007, "repeated-setup", id="setup-twice"),
        pytest.param([SETUP_FRAME, {"realtimeInput": {"text": "a"}, "extra": 1}], 1007, "unknown-client-message",
                     id="unknown-top-level-key"),
        pytest.param([{"setup": {"model": "models/gemini-3.1-flash-live-preview", "initial_content": 1}}], 1007,
                     "unknown-setup-field", id="unknown-setup-field"),
        pytest.param([SETUP_FRAME, {"clientContent": {"turns": [{"role": "user", "parts": [{"fileData": {}}]}],
                                                      "turnComplete": True}}],
                     1007, "client-content-undeclared", id="clientContent-camel"),
    ],
)
def test_raw_frames_no_server_accepts(live_emulator, frames, code, rule_id):
    _, close_code, reason = _raw_exchange(live_emulator, frames, read=3)
    assert close_code == code and reason.endswith(f"[{rule_id}]")


def test_raw_camel_case_frames_are_understood(live_emulator_factory):
    emulator = live_emulator_factory(mode="lenient")
    frames = [
        SETUP_FRAME,
        {"clientContent": {"turns": [{"role": "user", "parts": [{"text": "camel"}]}], "turnComplete": True}},
        {"realtimeInput": {"mediaChunks": [{"mimeType": "audio/pcm;rate=16000", "data": TENTH_SECOND_B64}]}},
        {"realtimeInput": {"audioStreamEnd": True}},
    ]
    got, _, _ = _raw_exchange(emulator, frames, read=3)
    assert "setupComplete" in got[0]
    assert got[1]["serverContent"]["outputTranscription"]["text"] == "You said: camel"
    assert got[2]["serverContent"]["outputTranscription"]["text"] == "You said: [audio 0.10 s]"
