"""Making the emulator misbehave on purpose: no setupComplete, raw frames, GoAway then silence."""

from __future__ import annotations

import asyncio
import json

import pytest

from livemigrate.emulator.script import Raw, Script, ScriptError, parse_step

SETUP_FRAME = {"setup": {"model": "models/gemini-3.1-flash-live-preview"}}


def _raw_client(emulator, frames, read):
    """Send JSON frames over a plain WebSocket; return what came back, undecoded (str or bytes)."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    async def main():
        got = []
        async with connect(emulator.ws_url(), ssl=emulator.ssl_context(), proxy=None,
                           additional_headers={"x-goog-api-key": "k"}) as ws:
            for frame in frames:
                await ws.send(json.dumps(frame))
            try:
                for _ in range(read):
                    got.append(await ws.recv())
            except ConnectionClosed:
                pass
        return got

    return asyncio.run(asyncio.wait_for(main(), 5))


def test_raw_steps_parse_and_stay_short_in_reports():
    assert parse_step({"raw": "not json"}) == Raw("not json")
    assert parse_step({"raw": b"\x00\xff"}) == Raw(b"\x00\xff")
    assert len(repr(Raw("x" * 20_000_000))) < 100
    with pytest.raises(ScriptError, match=r"rules\['\*'\]\[0\]\.raw: expected a str \(text frame\) or bytes"):
        Script.from_data({"*": [{"raw": {"error": {}}}]})


def test_setup_reply_is_checked(live_emulator_factory):
    with pytest.raises(ValueError, match="setup_reply must be"):
        live_emulator_factory(setup_reply="hang")


@pytest.mark.live_emulator(script=[[{"raw": "<html>502</html>"}, {"raw": b"\x00\xffbinary"}, {"raw": "42"}]])
def test_raw_steps_send_text_and_binary_frames_as_given(live_emulator):
    got = _raw_client(live_emulator, [SETUP_FRAME, {"realtimeInput": {"text": "hi"}}], read=6)

    assert json.loads(got[0]) == {"setupComplete": {"sessionId": "emulator-session-0"}}
    assert got[1:4] == ["<html>502</html>", b"\x00\xffbinary", "42"]
    assert [json.loads(frame) for frame in got[4:]] == [
        {"serverContent": {"generationComplete": True}},
        {"serverContent": {"turnComplete": True}, "usageMetadata": json.loads(got[5])["usageMetadata"]},
    ]
    live_emulator.wait_idle()
    assert live_emulator.connections[0].sent[1:4] == [
        {"raw": "<html>502</html>"}, {"raw": b"\x00\xffbinary"}, {"raw": "42"}
    ]


@pytest.mark.live_emulator(setup_reply=Raw('{"error": {"code": 503, "message": "overloaded"}}'))
def test_a_raw_setup_reply_replaces_setup_complete_and_the_session_carries_on(live_emulator):
    got = _raw_client(live_emulator, [SETUP_FRAME, {"realtimeInput": {"text": "hi"}}], read=2)

    assert got[0] == '{"error": {"code": 503, "message": "overloaded"}}'
    assert json.loads(got[1])["serverContent"]["turnComplete"]


@pytest.mark.live_emulator(setup_reply="silent")
def test_a_silent_setup_reply_never_completes_setup_nor_closes(live_emulator, sdk):
    async def main():
        with pytest.raises(asyncio.TimeoutError):  # the SDK has no bound of its own
            await asyncio.wait_for(sdk.connect(live_emulator, {"thinking_config": {"thinking_budget": 1}}).__aenter__(),
                                   0.5)

    sdk.run(main())
    [record] = live_emulator.connections
    record.wait_closed()
    assert record.hung and record.sent == [] and record.violations == []  # not even the strict rules answer
    assert record.closed_by == "client"


@pytest.mark.live_emulator(script=[[{"go_away": "0.5s"}, {"turn_complete": False}]])
def test_go_away_then_silence_keeps_the_connection_open(live_emulator, sdk):
    async def main():
        async with sdk.connect(live_emulator) as session:
            await session.send_realtime_input(text="hi")
            messages = session.receive()
            notice = await messages.__anext__()
            await live_emulator.wait_idle_async()  # the scripted turn is over: nothing more comes
            return notice, live_emulator.connections[0].close_code

    notice, close_code = sdk.run(main())
    assert notice.go_away.time_left == "0.5s"
    assert close_code is None  # the server said it would go and did not
