"""The scripted 3.1 model as the real SDK sees it: multi-part replies, tools, notices."""

from __future__ import annotations

import asyncio

import pytest

from livemigrate.emulator import speech_chunks

TRANSCRIBE = {"output_audio_transcription": {}, "input_audio_transcription": {}}
PCM_16K_HALF_SECOND = b"\x01\x00" * 8000


def test_text_turn_is_one_multi_part_message(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator, TRANSCRIBE) as session:
            await session.send_realtime_input(text="hello there")
            return session.session_id, await sdk.turn(session)

    session_id, messages = sdk.run(main())

    assert session_id == "emulator-session-0"
    [message] = messages  # audio, transcript, end of turn and usage on one message (3.1 shape)
    content = message.server_content
    parts = content.model_turn.parts
    assert [p.inline_data.mime_type for p in parts] == ["audio/pcm;rate=24000"] * 3
    assert [p.inline_data.data for p in parts] == speech_chunks("You said: hello there")
    assert message.data == b"".join(speech_chunks("You said: hello there"))
    assert content.output_transcription.text == "You said: hello there"
    assert content.turn_complete and content.generation_complete
    assert message.usage_metadata.total_token_count == (
        message.usage_metadata.prompt_token_count + message.usage_metadata.response_token_count
    )


def test_transcript_only_when_setup_asks_for_it(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator) as session:
            await session.send_realtime_input(text="hi")
            return await sdk.turn(session)

    [message] = sdk.run(main())
    assert message.server_content.output_transcription is None
    assert len(message.server_content.model_turn.parts) == 3


def test_audio_turn_answers_after_audio_stream_end(live_emulator, sdk):
    from google.genai import types

    async def main():
        async with sdk.connect(live_emulator, TRANSCRIBE) as session:
            blob = types.Blob(data=PCM_16K_HALF_SECOND, mime_type="audio/pcm;rate=16000")
            await session.send_realtime_input(audio=blob)
            with pytest.raises(asyncio.TimeoutError):  # no reply before the stream ends
                await asyncio.wait_for(session.receive().__anext__(), 0.2)
            await session.send_realtime_input(audio_stream_end=True)
            return await sdk.turn(session)

    heard, reply = sdk.run(main())
    assert heard.server_content.input_transcription.text == "[audio 0.50 s]"
    assert reply.server_content.output_transcription.text == "You said: [audio 0.50 s]"
    assert reply.usage_metadata.prompt_token_count == 16  # 0.5 s at 32 tokens/s


def test_audio_turn_with_manual_activity_signals(live_emulator, sdk):
    from google.genai import types

    async def main():
        async with sdk.connect(live_emulator) as session:
            await session.send_realtime_input(activity_start=types.ActivityStart())
            await session.send_realtime_input(audio=types.Blob(data=PCM_16K_HALF_SECOND, mime_type="audio/pcm"))
            await session.send_realtime_input(activity_end=types.ActivityEnd())
            return await sdk.turn(session)

    [reply] = sdk.run(main())  # input transcription was not asked for
    assert reply.server_content.turn_complete


SCRIPT = {
    "weather": [
        {"say": "Let me check."},
        {"tool_call": {"name": "get_weather", "args": {"city": "Paris"}}},
        {"say": "It is {tool_result}.", "turn_complete": True},
    ],
    "notices": [
        {"tool_call": [{"name": "slow", "id": "fc-9"}], "wait": False},
        {"cancel_tool_calls": True},
        {"go_away": 50},
        {"resumption_update": {"new_handle": "h-2", "last_consumed_client_message_index": 3}},
        {"resumption_update": True},
    ],
    "hang up": [{"say": "Bye."}, {"close": 1011, "reason": "Internal error encountered."}],
    "slow": [{"say": "Part one."}, {"wait": 2}, {"say": "never sent"}],
}


@pytest.mark.live_emulator(script=SCRIPT)
def test_tool_call_holds_the_turn_until_the_response(live_emulator, sdk):
    from google.genai import types

    async def main():
        async with sdk.connect(live_emulator, TRANSCRIBE) as session:
            await session.send_realtime_input(text="weather in Paris?")
            stream = session.receive()
            speech = await stream.__anext__()
            call = await stream.__anext__()
            with pytest.raises(asyncio.TimeoutError):  # synchronous: nothing until the response
                await asyncio.wait_for(stream.__anext__(), 0.2)
            function_call = call.tool_call.function_calls[0]
            await session.send_tool_response(
                function_responses=types.FunctionResponse(
                    id=function_call.id, name=function_call.name, response={"output": "sunny"}
                )
            )
            return speech, function_call, await sdk.turn(session)

    speech, function_call, rest = sdk.run(main())
    assert speech.server_content.output_transcription.text == "Let me check."
    assert not speech.server_content.turn_complete
    assert (function_call.id, function_call.name, function_call.args) == ("call-1", "get_weather", {"city": "Paris"})
    [answer] = rest
    assert answer.server_content.output_transcription.text == 'It is {"output": "sunny"}.'
    assert answer.server_content.turn_complete


@pytest.mark.live_emulator(script=SCRIPT)
def test_cancellation_go_away_and_resumption_arrive_as_sdk_types(live_emulator, sdk):
    from google.genai import types

    async def main():
        async with sdk.connect(live_emulator) as session:
            await session.send_realtime_input(text="notices please")
            return await sdk.turn(session)

    call, cancel, go_away, update, auto_update, generation_complete, end = sdk.run(main())
    assert call.tool_call.function_calls[0].id == "fc-9"
    assert isinstance(cancel.tool_call_cancellation, types.LiveServerToolCallCancellation)
    assert cancel.tool_call_cancellation.ids == ["fc-9"]
    assert isinstance(go_away.go_away, types.LiveServerGoAway)
    assert go_away.go_away.time_left == "50s"
    assert isinstance(update.session_resumption_update, types.LiveServerSessionResumptionUpdate)
    assert (update.session_resumption_update.new_handle, update.session_resumption_update.resumable) == ("h-2", True)
    assert update.session_resumption_update.last_consumed_client_message_index == 3
    assert auto_update.session_resumption_update.new_handle == "handle-1"
    assert generation_complete.server_content.generation_complete
    assert end.server_content.turn_complete and end.usage_metadata is not None


@pytest.mark.live_emulator(script=SCRIPT)
def test_a_new_turn_interrupts_a_reply_in_progress(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator, TRANSCRIBE) as session:
            await session.send_realtime_input(text="slow answer")
            stream = session.receive()
            first = await stream.__anext__()
            await session.send_realtime_input(text="stop")
            return first, await sdk.turn(session)

    first, rest = sdk.run(main())
    assert first.server_content.output_transcription.text == "Part one."
    interrupted, answer = rest
    assert interrupted.server_content.interrupted
    assert answer.server_content.output_transcription.text == "You said: stop"


@pytest.mark.live_emulator(script=SCRIPT)
def test_close_step_surfaces_as_api_error_from_receive(live_emulator, sdk):
    from google.genai import errors

    async def main():
        async with sdk.connect(live_emulator) as session:
            await session.send_realtime_input(text="hang up")
            await sdk.turn(session)  # "Bye." does not end the turn: the close does

    with pytest.raises(errors.APIError) as caught:
        sdk.run(main())
    assert caught.value.code == 1011
    assert "Internal error encountered." in str(caught.value)


@pytest.mark.live_emulator(script=["First.", [{"say": "Second.", "chunks": 1}]])
def test_listed_turns_play_in_order_then_the_default(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator, TRANSCRIBE) as session:
            turns = []
            for text in ("a", "b", "c"):
                await session.send_realtime_input(text=text)
                turns.append(await sdk.turn(session))
            return turns

    first, second, third = sdk.run(main())
    # A turn whose steps do not end it gets generationComplete, then turnComplete + usage.
    assert [m.server_content.output_transcription.text for m in first[:1]] == ["First."]
    assert first[1].server_content.generation_complete and first[2].server_content.turn_complete
    assert first[2].usage_metadata.prompt_token_count == 1
    assert len(second[0].server_content.model_turn.parts) == 1
    assert third[0].server_content.output_transcription.text == "You said: c"


def test_received_records_every_client_frame(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator, {"system_instruction": "Be brief."}) as session:
            await session.send_realtime_input(text="hi")
            await sdk.turn(session)

    sdk.run(main())
    live_emulator.wait_idle()
    setup, text = live_emulator.received
    assert setup["setup"]["model"] == "models/gemini-3.1-flash-live-preview"
    assert setup["setup"]["systemInstruction"]["parts"] == [{"text": "Be brief."}]
    assert text == {"realtime_input": {"text": "hi"}}
    [record] = live_emulator.connections
    record.wait_closed()
    assert record.frames == live_emulator.received
    assert record.headers["x-goog-api-key"] == "test"
    assert record.closed_by == "client" and record.close_code == 1000
    assert [next(iter(m)) for m in record.sent] == ["setupComplete", "serverContent"]


def test_async_context_manager_on_the_callers_loop(sdk):
    from livemigrate.emulator import LiveEmulator

    async def main():
        async with LiveEmulator(mode="lenient") as emulator:
            async with sdk.connect(emulator) as session:
                await session.send_realtime_input(text="x")
                await sdk.turn(session)
            return emulator

    emulator = sdk.run(main())
    emulator.wait_idle()  # stopped: returns at once, since leaving `async with` ended every connection
    assert len(emulator.received) == 2
    with pytest.raises(RuntimeError, match="not running"):
        _ = emulator.port


def test_lenient_collects_every_user_text_until_the_turn_completes(live_emulator_factory, sdk):
    emulator = live_emulator_factory(mode="lenient")

    async def main():
        async with sdk.connect(emulator, TRANSCRIBE) as session:
            await session.send_client_content(turns={"role": "user", "parts": [{"text": "My name is Ada."}]},
                                              turn_complete=False)
            await session.send_client_content(turns=[{"role": "user", "parts": [{"text": "I like tea."}]},
                                                     {"role": "user", "parts": [{"text": "What is my name?"}]}])
            return await sdk.turn(session)

    [message] = sdk.run(main())
    assert message.server_content.output_transcription.text == (
        "You said: My name is Ada. I like tea. What is my name?")
