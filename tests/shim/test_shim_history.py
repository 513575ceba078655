"""Issue 12 item 5: the shim declares a history seed only for a program that seeds one.

The setup frame goes out before the program's first send, so a session whose setup depends
on it (2.5 code on a target that needs declared seeds) opens at its first call; these tests
read the setup and the frames the emulator recorded, on strict 3.1, 3.8 and 3.8 XT servers.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from google.genai import errors, live, types

from livemigrate import shim
from livemigrate.emulator import LiveEmulator

from shim_support import LEGACY_MODEL, TARGET_MODEL, client_for, run

TRANSCRIBE = {"output_audio_transcription": {}}
PCM = types.Blob(data=b"\x01\x00" * 1600, mime_type="audio/pcm;rate=16000")


def user(text: str) -> types.Content:
    return types.Content(role="user", parts=[types.Part(text=text)])


def model(text: str) -> types.Content:
    return types.Content(role="model", parts=[types.Part(text=text)])


def transcripts(messages: list[Any]) -> list[str]:
    return [m.server_content.output_transcription.text for m in messages
            if m.server_content and m.server_content.output_transcription]


def wire(emulator: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The last connection's setup and the frames after it, once the server has handled them."""
    emulator.wait_idle()
    record = emulator.connections[-1]
    return record.setup, record.frames[1:]


def client_content_frames(frames: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in frames if "client_content" in f or "clientContent" in f]


async def realtime_only(client: Any) -> list[Any]:
    """2.5 code that never sends client content: realtime text, then the reply."""
    async with client.aio.live.connect(model=LEGACY_MODEL, config=dict(TRANSCRIBE)) as session:
        await session.send_realtime_input(text="hello")
        return [message async for message in session.receive()]


# --- a program that does not seed gets nothing extra ----------------------------------------


@pytest.mark.parametrize("target", ["3.1", "3.8", "3.8-xt"])
def test_a_realtime_only_program_gets_no_history_config_and_no_client_content(target):
    with LiveEmulator(mode="strict" if target == "3.1" else target) as emulator:
        messages = run(realtime_only(shim.wrap(client_for(emulator), target=target, push_to_talk=False)))
        setup, frames = wire(emulator)
        assert emulator.connections[-1].violations == []
    assert transcripts(messages) == ["You said: hello"]
    assert "historyConfig" not in setup and "history_config" not in setup
    assert client_content_frames(frames) == []
    assert frames == [{"realtime_input": {"text": "hello"}}]  # the only frame the program asked for


def test_a_one_shot_prompt_is_realtime_text_with_no_declaration(live_emulator, shim_warnings):
    """2.5's "client content right after setup" is a prompt, not history: nothing to declare."""
    async def main(client: Any) -> list[Any]:
        async with client.aio.live.connect(model=LEGACY_MODEL, config=dict(TRANSCRIBE)) as session:
            await session.send_client_content(turns=user("hi"), turn_complete=True)
            return [message async for message in session.receive()]

    messages = run(main(shim.wrap(client_for(live_emulator))))

    setup, frames = wire(live_emulator)
    assert "historyConfig" not in setup
    assert frames == [{"realtime_input": {"text": "hi"}}]
    assert transcripts(messages) == ["You said: hi"]
    [warned] = shim_warnings.of("LM101")
    assert "send_realtime_input(text=...)" in warned.message and warned.filename == __file__


def test_receive_called_first_opens_the_session_without_a_declaration(live_emulator):
    async def main(client: Any) -> list[Any]:
        async with client.aio.live.connect(model=LEGACY_MODEL, config=dict(TRANSCRIBE)) as session:
            async def send_later() -> None:
                await session.send_realtime_input(text="hi")

            replies = session.receive()
            first = await asyncio.gather(replies.__anext__(), send_later())
            return [first[0]] + [message async for message in replies]

    messages = run(main(shim.wrap(client_for(live_emulator))))

    setup, frames = wire(live_emulator)
    assert "historyConfig" not in setup and frames == [{"realtime_input": {"text": "hi"}}]
    assert transcripts(messages) == ["You said: hi"]
    assert len(live_emulator.connections) == 1  # two tasks waited on one opening


def test_a_session_left_without_a_call_still_sends_its_setup(live_emulator):
    async def main(client: Any) -> None:
        async with client.aio.live.connect(model=LEGACY_MODEL, config={}):
            pass

    run(main(shim.wrap(client_for(live_emulator))))

    setup, frames = wire(live_emulator)
    assert setup["model"] == f"models/{TARGET_MODEL}" and "historyConfig" not in setup and frames == []
    assert live_emulator.connections[-1].closed_by == "client"


# --- a program that seeds history gets it declared -----------------------------------------


def test_a_seed_with_history_is_declared_and_sent_before_the_first_realtime_input(live_emulator, shim_warnings):
    async def main(client: Any) -> list[Any]:
        async with client.aio.live.connect(model=LEGACY_MODEL, config=dict(TRANSCRIBE)) as session:
            await session.send_client_content(turns=[user("My name is Ada."), model("Hi Ada.")], turn_complete=True)
            await session.send_realtime_input(text="What is my name?")
            return [message async for message in session.receive()]

    messages = run(main(shim.wrap(client_for(live_emulator))))

    setup, frames = wire(live_emulator)
    assert setup["historyConfig"] == {"initial_history_in_client_content": True}
    assert [list(f) for f in frames] == [["client_content"], ["realtime_input"]]
    assert frames[0]["client_content"]["turnComplete"] is True
    assert transcripts(messages) == ["You said: What is my name?"]
    assert live_emulator.connections[-1].violations == []
    assert shim_warnings.rules() == ["LM001", "LM102", "LM301", "LM302"]  # 2.x id: split


def test_seeds_held_when_receive_opens_the_session_are_declared(live_emulator):
    async def main(client: Any) -> list[Any]:
        async with client.aio.live.connect(model=LEGACY_MODEL, config=dict(TRANSCRIBE)) as session:
            await session.send_client_content(turns=user("Context."), turn_complete=False)
            receiving = asyncio.ensure_future(session.receive().__anext__())
            await asyncio.sleep(0)  # the receive task runs first and opens the session
            await session.send_client_content(turns=user("What did I say?"), turn_complete=True)
            return [await receiving]

    run(main(shim.wrap(client_for(live_emulator))))

    setup, frames = wire(live_emulator)
    assert setup["historyConfig"] == {"initial_history_in_client_content": True}
    # The held turn is the seed; the user text that completed it is the prompt.
    assert frames == [
        {"client_content": {"turns": [{"parts": [{"text": "Context."}], "role": "user"}], "turnComplete": True}},
        {"realtime_input": {"text": "What did I say?"}},
    ]
    assert live_emulator.connections[-1].violations == []


def test_history_sent_after_receive_opened_the_session_says_how_to_fix_it(live_emulator, shim_warnings):
    """The one order the shim cannot serve: it had to send the setup before the seed came."""
    async def main(client: Any) -> None:
        async with client.aio.live.connect(model=LEGACY_MODEL, config=dict(TRANSCRIBE)) as session:
            receiving = asyncio.ensure_future(session.receive().__anext__())
            await asyncio.sleep(0)  # the receive task runs first and opens the session
            await session.send_client_content(turns=[user("Hi"), model("Hello!")], turn_complete=True)
            await receiving

    with pytest.raises(errors.APIError) as caught:
        run(main(shim.wrap(client_for(live_emulator))))

    assert caught.value.code == 1007
    [warned] = shim_warnings.of("LM102")
    assert "receive()" in warned.message and "history_config" in warned.message
    assert warned.filename == __file__


# --- errors still surface, with the SDK's types -------------------------------------------


def test_a_setup_refusal_raises_from_the_first_awaited_call(live_emulator):
    reached: list[str] = []

    async def main(client: Any) -> None:
        config = {"response_modalities": ["TEXT"], "thinking_config": {"thinking_budget": 0}}
        async with client.aio.live.connect(model=LEGACY_MODEL, config=config) as session:
            reached.append("body")
            await session.send_realtime_input(text="hi")
            reached.append("after send")

    with pytest.raises(errors.APIError) as caught:
        run(main(shim.wrap(client_for(live_emulator), text_mode="keep")))
    assert caught.value.code == 1007 and "text-modality" in str(caught.value)
    assert reached == ["body"]


@pytest.mark.live_emulator(setup_reply="silent")
def test_a_setup_timeout_raises_from_receive_when_it_is_the_first_call(live_emulator):
    async def main(client: Any) -> None:
        async with client.aio.live.connect(model=LEGACY_MODEL, config={}) as session:
            async for _ in session.receive():
                pass

    with pytest.raises(shim.SetupTimeoutError):
        run(main(shim.wrap(client_for(live_emulator), setup_timeout=0.3)), timeout=5)


def test_a_setup_refusal_with_an_empty_body_raises_when_async_with_ends(live_emulator):
    async def main(client: Any) -> None:
        async with client.aio.live.connect(model=LEGACY_MODEL, config={"response_modalities": ["TEXT"]}):
            pass

    with pytest.raises(errors.APIError) as caught:
        run(main(shim.wrap(client_for(live_emulator), text_mode="keep")))
    assert caught.value.code == 1007


def test_a_setup_that_does_not_depend_on_the_program_still_opens_at_async_with(live_emulator):
    """3.x code, strict mode, declare_history=False: nothing to decide, so nothing waits."""
    reached: list[str] = []

    async def main(client: Any, model_id: str) -> None:
        async with client.aio.live.connect(model=model_id, config={"response_modalities": ["TEXT"]}):
            reached.append("body")

    keep = shim.wrap(client_for(live_emulator), text_mode="keep")
    for client, model_id in [(keep, TARGET_MODEL),
                             (shim.wrap(client_for(live_emulator), text_mode="keep", declare_history=False),
                              LEGACY_MODEL)]:
        with pytest.raises(errors.APIError):
            run(main(client, model_id))
    assert reached == []


def test_before_its_first_call_the_session_is_still_an_async_session(live_emulator):
    async def main(client: Any) -> tuple[Any, ...]:
        async with client.aio.live.connect(model=LEGACY_MODEL, config=dict(TRANSCRIBE)) as session:
            before = (isinstance(session, live.AsyncSession), session.session_id)
            await session.send_realtime_input(text="hi")
            return (*before, session.session_id)

    is_session, before, after = run(main(shim.wrap(client_for(live_emulator))))
    assert is_session and before is None and after == "emulator-session-0"


# --- opening once, from whichever call comes first -----------------------------------------


class RecordingSession:
    """Stands in for the SDK session: records each send."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        async def record(**kwargs: Any) -> None:
            self.calls.append((name, kwargs))

        return record


def lazy_session(opener: Any) -> shim.ShimSession:
    translation = shim.translate_config({}, model=LEGACY_MODEL)
    assert translation.history_declarable
    return shim.ShimSession(None, translation, opener=opener)


def test_a_cancelled_opening_leaves_the_session_to_the_next_call():
    raw = RecordingSession()
    attempts: list[bool] = []

    async def opener(declare: bool) -> Any:
        attempts.append(declare)
        if len(attempts) == 1:
            await asyncio.Event().wait()  # never set: this opening is cancelled
        return raw, shim.translate_config({}, model=LEGACY_MODEL)

    async def main() -> None:
        session = lazy_session(opener)
        first = asyncio.ensure_future(session.send_realtime_input(text="one"))
        await asyncio.sleep(0)  # the first call is now waiting inside the opening
        first.cancel()
        with pytest.raises(asyncio.CancelledError):
            await first
        await session.send_realtime_input(text="two")

    run(main())
    assert attempts == [False, False]
    assert raw.calls == [("send_realtime_input", {
        "media": None, "audio": None, "audio_stream_end": None, "video": None, "text": "two",
        "activity_start": None, "activity_end": None,
    })]


def test_a_failed_opening_raises_again_from_later_calls_but_not_at_the_end():
    refused = errors.APIError(1007, {"message": "refused"})
    attempts: list[bool] = []

    async def opener(declare: bool) -> Any:
        attempts.append(declare)
        raise refused

    async def main() -> None:
        session = lazy_session(opener)
        with pytest.raises(errors.APIError) as first:
            await session.send_realtime_input(text="hi")
        with pytest.raises(errors.APIError) as second:
            await session.send_tool_response(function_responses={"id": "1", "name": "f", "response": {}})
        assert first.value is second.value is refused
        await session.flush_on_exit()  # what the end of async with runs: quiet
        with pytest.raises(RuntimeError, match="first send or receive"):
            session.raw_session  # noqa: B018

    run(main())
    assert attempts == [False]
