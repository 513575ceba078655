"""``wait_idle``: reading the emulator's records only once it has handled what the client sent."""

from __future__ import annotations

import asyncio
import threading

import pytest

PCM = b"\x01\x00" * 160  # 10 ms at 16 kHz: recorded, never answered (no audioStreamEnd)


def frozen(emulator):
    """Stop the emulator's loop until the returned event is set, so frames pile up unread."""
    release = threading.Event()
    entered = threading.Event()

    def hold():
        entered.set()
        release.wait(5)

    emulator._loop.call_soon_threadsafe(hold)
    assert entered.wait(5)
    return release


def test_wait_idle_async_sees_every_frame_sent_mid_session(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator) as session:
            release = frozen(live_emulator)
            try:
                for _ in range(20):
                    await session.send_realtime_input(audio={"data": PCM, "mime_type": "audio/pcm;rate=16000"})
                # Ask while the frames are still unread: the request reaches the emulator's
                # loop before it reads the socket again (its first step runs on this yield).
                waiting = asyncio.ensure_future(live_emulator.wait_idle_async())
                await asyncio.sleep(0)
            finally:
                release.set()
            await waiting
            return len(live_emulator.received)

    assert sdk.run(main()) == 21  # setup + every audio frame, while the session is still open


@pytest.mark.live_emulator(script=[[{"wait": 0.3}, {"say": "late", "turn_complete": True}]])
def test_wait_idle_async_waits_for_a_reply_still_playing(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator) as session:
            await session.send_realtime_input(text="hi")
            await live_emulator.wait_idle_async()
            return [next(iter(message)) for message in live_emulator.connections[0].sent]

    assert sdk.run(main()) == ["setupComplete", "serverContent"]


@pytest.mark.live_emulator(script=[[{"tool_call": {"name": "f"}}, "done"]])
def test_a_turn_blocked_on_a_function_response_counts_as_idle(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator) as session:
            await session.send_realtime_input(text="call it")
            call = (await session.receive().__anext__()).tool_call.function_calls[0]
            await live_emulator.wait_idle_async(timeout=2)  # the server waits for us, not busy
            await session.send_tool_response(function_responses={"id": call.id, "name": "f", "response": {}})
            await live_emulator.wait_idle_async()
            return [list(message) for message in live_emulator.connections[0].sent]

    assert sdk.run(main())[-3:] == [["serverContent"], ["serverContent"], ["serverContent", "usageMetadata"]]


def test_wait_idle_after_the_client_left_sees_the_frames_sent_before_its_close(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator) as session:
            for _ in range(20):
                await session.send_realtime_input(audio={"data": PCM, "mime_type": "audio/pcm;rate=16000"})

    for sessions in range(1, 4):
        sdk.run(main())
        live_emulator.wait_idle()
        assert len(live_emulator.received) == 21 * sessions


@pytest.mark.live_emulator(script=[[{"wait": 30}, "never in time"]])
def test_wait_idle_times_out_naming_what_is_still_going_on(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator) as session:
            await session.send_realtime_input(text="hi")
            with pytest.raises(TimeoutError, match=r"connection 0: answering a user turn"):
                await live_emulator.wait_idle_async(timeout=0.3)
            with pytest.raises(RuntimeError, match="await emulator.wait_idle_async"):
                live_emulator.wait_idle()  # blocking here would stall this very client

    sdk.run(main())


def test_wait_idle_on_the_emulators_own_loop_and_after_it_stopped(sdk):
    from livemigrate.emulator import LiveEmulator

    async def main():
        async with LiveEmulator() as emulator:
            async with sdk.connect(emulator) as session:
                await session.send_realtime_input(text="hi")
                await emulator.wait_idle_async()
                sent = [next(iter(message)) for message in emulator.connections[0].sent]
        return emulator, sent

    emulator, sent = sdk.run(main())
    assert sent == ["setupComplete", "serverContent"]
    emulator.wait_idle()  # stopped: every connection has ended, nothing to wait for
