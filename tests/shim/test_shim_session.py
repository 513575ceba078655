"""Session adaptation on a strict 3.1 emulator: what 2.5 calls become on the wire."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest
from google.genai import errors, types

from livemigrate import shim

from shim_support import LEGACY_MODEL, TARGET_MODEL, client_for, run

TRANSCRIBE = {"output_audio_transcription": {}}
PCM = b"\x01\x00" * 1600  # 0.1 s at 16 kHz


def user(text: str) -> types.Content:
    return types.Content(role="user", parts=[types.Part(text=text)])


def model(text: str) -> types.Content:
    return types.Content(role="model", parts=[types.Part(text=text)])


def after_setup(emulator: Any) -> list[dict[str, Any]]:
    """The client frames after setup, once the emulator has handled every one of them."""
    emulator.wait_idle()
    return [frame for frame in emulator.received if "setup" not in frame]


async def turn(session: Any) -> list[Any]:
    return [message async for message in session.receive()]


def transcripts(messages: list[Any]) -> list[str]:
    return [
        m.server_content.output_transcription.text
        for m in messages
        if m.server_content and m.server_content.output_transcription
    ]


async def opened(emulator: Any, body: Any, config: Any = None, **options: Any) -> Any:
    """Open a shimmed session on ``emulator`` and run ``body(session)``."""
    client = shim.wrap(client_for(emulator), **options)
    async with client.aio.live.connect(model=LEGACY_MODEL, config=config or dict(TRANSCRIBE)) as session:
        return await body(session)


# --- warnings: once per call site ---------------------------------------------------------


def test_the_same_call_site_in_a_loop_warns_once_and_two_sites_warn_twice(live_emulator, shim_warnings):
    async def body(session):
        for word in ("one", "two", "three"):
            await session.send_realtime_input(text="start")  # the exchange has started
            await turn(session)
            await session.send_client_content(turns=user(word))  # site A, three times
            await turn(session)
        await session.send_client_content(turns=user("four"))  # site B
        await turn(session)

    run(opened(live_emulator, body))

    warned = shim_warnings.of("LM101")
    assert len(warned) == 2
    assert warned[0].lineno != warned[1].lineno and {w.filename for w in warned} == {__file__}
    assert warned[0].message.startswith(
        "LM101: send_client_content mid-session is refused by gemini-3.1-flash-live-preview; "
        "use session.send_realtime_input(text=...)"
    )
    # all of it went out as realtime text; nothing was seeded, so nothing was declared or closed
    assert [f for f in after_setup(live_emulator) if "client_content" in f] == []


def test_warnings_name_the_user_line_even_through_legacy_send(live_emulator, shim_warnings):
    async def body(session):
        await session.send(input="hello", end_of_turn=True)
        return await turn(session)

    messages = run(opened(live_emulator, body))

    assert transcripts(messages) == ["You said: hello"]
    assert shim_warnings.rules() == ["LM001", "LM103", "LM301", "LM302"]  # LM103's fix covers LM101; 2.x id: split
    assert shim_warnings.of("LM103")[0].filename == __file__
    assert not [w for w in shim_warnings._records if w.category is DeprecationWarning]  # no SDK send()


# --- client content -----------------------------------------------------------------------


def test_a_seed_ending_in_user_text_is_declared_history_plus_a_realtime_prompt(live_emulator, shim_warnings):
    async def body(session):
        await session.send_client_content(
            turns=[user("My name is Ada."), model("Hi Ada."), user("What is my name?")], turn_complete=True
        )
        return await turn(session)

    messages = run(opened(live_emulator, body))

    assert after_setup(live_emulator) == [
        {"client_content": {"turns": [
            {"parts": [{"text": "My name is Ada."}], "role": "user"},
            {"parts": [{"text": "Hi Ada."}], "role": "model"},
        ], "turnComplete": True}},
        {"realtime_input": {"text": "What is my name?"}},
    ]
    assert transcripts(messages) == ["You said: What is my name?"]
    assert shim_warnings.rules() == ["LM001", "LM102", "LM101", "LM301", "LM302"]  # 2.x id: split


def test_unfinished_seeds_are_held_and_sent_as_one_finished_seed_before_audio(live_emulator, shim_warnings):
    async def body(session):
        await session.send_client_content(turns=[user("Context one.")], turn_complete=False)
        await session.send_client_content(turns=[model("Noted.")], turn_complete=False)
        await session.send_realtime_input(audio=types.Blob(data=PCM, mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(audio_stream_end=True)
        return await turn(session)

    messages = run(opened(live_emulator, body))

    frames = after_setup(live_emulator)
    assert frames[0] == {"client_content": {"turns": [
        {"parts": [{"text": "Context one."}], "role": "user"},
        {"parts": [{"text": "Noted."}], "role": "model"},
    ], "turnComplete": True}}
    assert list(frames[1]["realtime_input"]) == ["audio"]
    assert transcripts(messages) == ["You said: [audio 0.10 s]"]
    assert shim_warnings.rules() == ["LM001", "LM102", "LM102", "LM301", "LM302"]  # two call sites; split


def test_a_seed_ending_in_a_model_turn_gets_no_reply_as_on_3x(live_emulator):
    async def body(session):
        await session.send_client_content(turns=[user("Hi"), model("Hello!")], turn_complete=True)
        await session.send_realtime_input(text="Go on")
        return await turn(session)

    messages = run(opened(live_emulator, body))

    assert [list(f) for f in after_setup(live_emulator)] == [["client_content"], ["realtime_input"]]
    assert transcripts(messages) == ["You said: Go on"]


def test_mid_session_text_without_turn_complete_waits_for_the_rest_of_the_turn(live_emulator):
    async def body(session):
        await session.send_realtime_input(text="hi")
        await turn(session)
        await session.send_client_content(turns=user("part one"), turn_complete=False)
        await session.send_client_content(turns={"parts": [{"text": "part two"}]}, turn_complete=True)
        return await turn(session)

    messages = run(opened(live_emulator, body))

    assert after_setup(live_emulator)[-1] == {"realtime_input": {"text": "part one\npart two"}}
    assert transcripts(messages) == ["You said: part one\npart two"]


def test_held_mid_session_text_goes_out_before_the_next_audio(live_emulator, shim_warnings):
    async def body(session):
        await session.send_realtime_input(text="hi")
        await turn(session)
        await session.send_client_content(turns=user("Note: my name is Bob"), turn_complete=False)
        await session.send_realtime_input(audio=types.Blob(data=PCM, mime_type="audio/pcm;rate=16000"))

    run(opened(live_emulator, body))

    frames = after_setup(live_emulator)
    assert frames[-2:] == [
        {"realtime_input": {"text": "Note: my name is Bob"}},
        {"realtime_input": {"audio": frames[-1]["realtime_input"]["audio"]}},
    ]
    assert "held" in shim_warnings.of("LM101")[0].message


def test_held_mid_session_text_is_joined_with_the_next_realtime_text(live_emulator):
    async def body(session):
        await session.send_realtime_input(text="hi")
        await turn(session)
        await session.send_client_content(turns=user("My name is Bob."), turn_complete=False)
        await session.send_realtime_input(text="What is my name?")
        return await turn(session)

    messages = run(opened(live_emulator, body))

    assert after_setup(live_emulator)[-1] == {"realtime_input": {"text": "My name is Bob.\nWhat is my name?"}}
    assert transcripts(messages) == ["You said: My name is Bob.\nWhat is my name?"]


@pytest.mark.parametrize("ending", ["close", "exit"])
def test_held_mid_session_text_is_sent_when_the_session_ends(live_emulator, ending):
    async def body(session):
        await session.send_realtime_input(text="hi")
        await turn(session)
        await session.send_client_content(turns=user("Remember this."), turn_complete=False)
        if ending == "close":
            await session.close()

    run(opened(live_emulator, body))

    assert {"realtime_input": {"text": "Remember this."}} in after_setup(live_emulator)


def test_content_that_cannot_be_realtime_text_is_sent_as_written_and_the_1007_surfaces(live_emulator, shim_warnings):
    async def body(session):
        await session.send_realtime_input(text="hi")
        await turn(session)
        await session.send_client_content(turns=[model("I was saying...")])
        return await turn(session)

    with pytest.raises(errors.APIError) as caught:
        run(opened(live_emulator, body))

    assert caught.value.code == 1007
    assert "model turns or non-text parts" in shim_warnings.of("LM101")[0].message


def test_declared_seeds_in_the_users_config_are_31_code_and_pass_through(live_emulator, shim_warnings):
    config = {**TRANSCRIBE, "history_config": {"initial_history_in_client_content": True}}

    async def body(session):
        await session.send_client_content(turns=[user("Remember: blue.")], turn_complete=True)
        await session.send_realtime_input(text="Colour?")
        return await turn(session)

    messages = run(opened(live_emulator, body, config))

    assert after_setup(live_emulator)[0] == {
        "client_content": {"turns": [{"parts": [{"text": "Remember: blue."}], "role": "user"}], "turnComplete": True}
    }
    assert transcripts(messages) == ["You said: Colour?"]
    assert shim_warnings.rules() == ["LM001", "LM301", "LM302"]  # a 2.x id still splits


# --- legacy send, media, audio format -----------------------------------------------------


@pytest.mark.live_emulator(script=[[{"tool_call": {"name": "f", "args": {}}}, {"say": "done {tool_result}"}]])
def test_legacy_send_is_routed_to_the_current_calls(live_emulator, shim_warnings):
    async def body(session):
        await session.send(input={"data": PCM, "mime_type": "audio/pcm"})
        await session.send(input=types.LiveClientRealtimeInput(audio_stream_end=True))
        calls = []
        async for message in session.receive():
            if message.tool_call:
                calls.append(message.tool_call)
                await session.send(input=types.FunctionResponse(
                    id=message.tool_call.function_calls[0].id, name="f", response={"ok": True},
                    will_continue=False,
                ))
        return calls

    [call] = run(opened(live_emulator, body))

    frames = after_setup(live_emulator)
    assert frames[0] == {"realtime_input": {"audio": {"data": frames[0]["realtime_input"]["audio"]["data"],
                                                      "mime_type": "audio/pcm;rate=16000"}}}
    assert frames[1] == {"realtime_input": {"audioStreamEnd": True}}
    assert frames[2] == {"tool_response": {"functionResponses": [
        {"id": call.function_calls[0].id, "name": "f", "response": {"ok": True}}
    ]}}
    assert sorted(shim_warnings.rules()) == ["LM001", "LM103", "LM103", "LM103", "LM106", "LM202", "LM301", "LM302"]


def test_media_is_routed_to_audio_and_video(live_emulator, shim_warnings):
    async def body(session):
        await session.send_realtime_input(media=types.Blob(data=b"\xff\xd8", mime_type="image/jpeg"))
        await session.send_realtime_input(media={"data": PCM, "mime_type": "audio/pcm;rate=16000"})
        await session.send_realtime_input(audio_stream_end=True)
        return await turn(session)

    messages = run(opened(live_emulator, body))

    frames = after_setup(live_emulator)
    assert [list(f["realtime_input"]) for f in frames] == [["video"], ["audio"], ["audioStreamEnd"]]
    assert transcripts(messages) == ["You said: [audio 0.10 s]"]  # no 1007 for mediaChunks
    assert shim_warnings.rules() == ["LM001", "LM104", "LM104", "LM301", "LM302"]  # 2.x id: split
    assert "send_realtime_input(video=...)" in shim_warnings.of("LM104")[0].message


def test_audio_pcm_without_rate_gets_the_target_rate(live_emulator, shim_warnings):
    async def body(session):
        await session.send_realtime_input(audio=types.Blob(data=PCM, mime_type="audio/pcm"))

    run(opened(live_emulator, body))

    assert after_setup(live_emulator)[-1]["realtime_input"]["audio"]["mime_type"] == "audio/pcm;rate=16000"
    assert shim_warnings.rules() == ["LM001", "LM106"]


def test_start_stream_streams_audio_with_current_calls(live_emulator, shim_warnings):
    async def chunks():
        for _ in range(3):
            yield PCM

    async def body(session):
        return [m async for m in session.start_stream(stream=chunks(), mime_type="audio/pcm")]

    assert run(opened(live_emulator, body)) == []  # no VAD in the emulator: nothing to answer yet

    audio = [f["realtime_input"]["audio"] for f in after_setup(live_emulator) if "realtime_input" in f]
    assert [a["mime_type"] for a in audio] == ["audio/pcm;rate=16000"] * 3
    assert shim_warnings.rules() == ["LM001", "LM105", "LM106"]


def test_calls_run_as_tasks_warn_at_the_line_that_made_them(live_emulator, shim_warnings):
    async def body(session):
        lines = {}
        here = inspect.currentframe()
        await session.send_realtime_input(text="hi")
        await turn(session)
        lines["LM106"] = here.f_lineno + 1
        await asyncio.wait_for(session.send_realtime_input(audio={"data": PCM, "mime_type": "audio/pcm"}), 5)
        lines["LM103"] = here.f_lineno + 1
        await asyncio.gather(session.send(input="hello", end_of_turn=True))
        await turn(session)
        lines["LM104"] = here.f_lineno + 1
        await asyncio.create_task(session.send_realtime_input(media={"data": PCM, "mime_type": "audio/pcm;rate=16000"}))
        return lines

    lines = run(opened(live_emulator, body))

    got = {w.rule: (w.filename, w.lineno) for w in shim_warnings.shim if w.rule in lines}
    assert got == {rule: (__file__, line) for rule, line in lines.items()}


def test_a_different_adaptation_of_the_same_rule_at_the_same_line_still_warns(live_emulator, shim_warnings):
    async def send_turns(session, turns):
        await session.send_client_content(turns=turns)  # one helper line, two kinds of LM101

    async def body(session):
        await session.send_realtime_input(text="hi")
        await turn(session)
        await send_turns(session, user("plain text"))
        await turn(session)
        await send_turns(session, user("plain text again"))  # same kind: no second warning
        await turn(session)
        await send_turns(session, [model("I am a bot"), user("ok?")])
        await turn(session)

    with pytest.raises(errors.APIError):  # the model turn cannot be adapted: 1007
        run(opened(live_emulator, body))

    warned = shim_warnings.of("LM101")
    assert len(warned) == 2 and warned[0].lineno == warned[1].lineno
    assert "cannot be realtime text" in warned[1].message


def test_receive_works_after_start_stream_ends(live_emulator):
    """The receive start_stream cancels must be finished, or receive() hits ConcurrencyError."""

    async def chunks():
        for _ in range(3):
            yield PCM
            await asyncio.sleep(0.02)

    async def body(session):
        streamed = [m async for m in session.start_stream(stream=chunks(), mime_type="audio/pcm")]
        await session.send_realtime_input(text="after the stream")
        return streamed, await turn(session)

    streamed, after = run(opened(live_emulator, body))
    assert streamed == []
    assert transcripts(after) == ["You said: after the stream"]


# --- strict -------------------------------------------------------------------------------


def test_strict_sessions_raise_before_sending(live_emulator):
    async def body(session):
        await session.send_realtime_input(text="hi")
        await turn(session)
        await live_emulator.wait_idle_async()
        sent = len(live_emulator.received)
        with pytest.raises(shim.LiveMigrateError, match="LM101") as caught:
            await session.send_client_content(turns=user("again"))
        await live_emulator.wait_idle_async()  # a frame in flight would be counted now
        assert len(live_emulator.received) == sent
        assert [a.rule for a in caught.value.adaptations] == ["LM101"]
        await session.send_realtime_input(text="still fine")  # the session is untouched
        return await turn(session)

    client = shim.wrap(client_for(live_emulator), strict=True)

    async def main():
        async with client.aio.live.connect(model=TARGET_MODEL, config=dict(TRANSCRIBE)) as session:
            return await body(session)

    assert transcripts(run(main())) == ["You said: still fine"]


# --- another target -----------------------------------------------------------------------


class RecordingSession:
    """Stands in for the SDK session where the emulator cannot go (it serves 3.1 only)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        async def record(**kwargs: Any) -> None:
            self.calls.append((name, kwargs))

        return record


def test_on_a_target_that_takes_client_content_it_goes_out_unchanged(shim_warnings):
    translation = shim.translate_config({}, model=LEGACY_MODEL, target="3.8")
    raw = RecordingSession()
    session = shim.ShimSession(raw, translation)
    turns = user("hello")

    async def main():
        await session.send_client_content(turns=turns, turn_complete=True)
        await session.send(input="legacy", end_of_turn=True)
        await session.send_tool_response(function_responses={"id": "1", "name": "f", "scheduling": "SILENT"})

    run(main())
    assert raw.calls[0] == ("send_client_content", {"turns": turns, "turn_complete": True})
    assert raw.calls[1][0] == "send_client_content" and raw.calls[1][1]["turn_complete"] is True
    assert raw.calls[2] == (
        "send_tool_response", {"function_responses": {"id": "1", "name": "f", "scheduling": "SILENT"}}
    )
    assert shim_warnings.rules() == ["LM103"]  # 3.8 keeps client content and scheduling


def test_push_to_talk_end_of_turn_ends_the_audio_turn(live_emulator, shim_warnings):
    """2.5 answered buffered audio on send(end_of_turn=True); 3.x needs audio_stream_end."""
    async def program(client):
        replies = 0
        async with client.aio.live.connect(model=LEGACY_MODEL, config={}) as session:
            for _ in range(3):
                await session.send(input={"data": b"\0\1" * 800, "mime_type": "audio/pcm;rate=16000"})
            await session.send(input=None, end_of_turn=True)
            async for message in session.receive():
                replies += bool(message.data)
        return replies

    assert run(program(shim.wrap(client_for(live_emulator)))) > 0
    frames = after_setup(live_emulator)
    assert frames[-1] == {"realtime_input": {"audioStreamEnd": True}}
    assert any("audio_stream_end" in w.message for w in shim_warnings.shim if w.rule == "LM103")
