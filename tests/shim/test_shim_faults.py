"""A misbehaving server through the shim: bounded setup, GoAway then silence, malformed frames.

The real SDK over TLS against the emulator, made to misbehave with ``setup_reply`` and
``{"raw": ...}`` script steps. Timeouts are short and set per test; assertions are on the
error raised, never on how long it took.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from typing import Any

import pytest
from google.genai import errors

from livemigrate import shim
from livemigrate.emulator.script import Raw

from shim_support import LEGACY_MODEL, TARGET_MODEL, client_for, run

HTML = "<html><body><h1>502 Bad Gateway</h1>" + "padding " * 200 + "</body></html>"
DEEP = "[" * 50_000 + "]" * 50_000
HUGE_JSON = json.dumps({"serverContent": {"outputTranscription": {"text": "x" * 20_000_000}}})
ERROR_FRAME = '{"error": {"code": 429, "message": "Resource has been exhausted.", "status": "RESOURCE_EXHAUSTED"}}'

# (frame, LiveProtocolError.kind, words the message must contain)
MALFORMED = [
    pytest.param(Raw(HTML), "not-json", ["not JSON", "<html><body>"], id="text-not-json"),
    pytest.param(Raw("x" * 900_000), "not-json", ["not JSON", "xxxxxxxx"], id="text-900k-not-json"),
    pytest.param(Raw(b"\x00\xff\xfe\x80garbage"), "not-json", ["not JSON"], id="binary-not-json"),
    pytest.param(Raw('"just a string"'), "not-object", ["a JSON string", "just a string"], id="json-string"),
    pytest.param(Raw("42"), "not-object", ["a JSON number", "42"], id="json-number"),
    pytest.param(Raw(ERROR_FRAME), "error", ["429", "RESOURCE_EXHAUSTED", "Resource has been exhausted."],
                 id="error-frame"),
    pytest.param(Raw(DEEP), "too-deep", ["nested too deeply"], id="50000-deep"),
    pytest.param(Raw(HUGE_JSON), "too-large", ["exceeds limit of 1048576 bytes", "max_size"], id="20MB"),
    pytest.param(Raw('{"somethingNew": {"a": 1}}'), "unknown-fields", ["somethingNew"], id="unknown-key-only"),
    pytest.param(Raw('{"serverContent": 5}'), "invalid-field", ["serverContent"], id="field-not-an-object"),
    pytest.param(Raw('{"serverContent": {"modelTurn": {"parts": [[1]]}}}'), "invalid-field",
                 ["serverContent.modelTurn.parts.0"], id="part-not-an-object"),
]


def check(error: shim.LiveProtocolError, kind: str, words: list[str]) -> None:
    """One documented error, short, saying what was wrong."""
    assert type(error) is shim.LiveProtocolError and error.kind == kind
    assert error.__context__ is None and error.__cause__ is None  # nothing keeps the frame alive
    message = str(error)
    assert len(message) <= shim.LiveProtocolError.MAX_MESSAGE
    for word in words:
        assert word in message, message


async def read_turn(client: Any, **connect: Any) -> list[Any]:
    async with client.aio.live.connect(model=LEGACY_MODEL, config={}, **connect) as session:
        await session.send_realtime_input(text="hi")
        return [message async for message in session.receive()]


# --- setup ----------------------------------------------------------------------------------


def test_connect_is_bounded_by_default_and_the_default_is_documented():
    client = shim.wrap(client_for_nothing())
    connect = client.aio.live.connect(model=LEGACY_MODEL)
    assert connect.setup_timeout == shim.DEFAULT_SETUP_TIMEOUT == shim.ShimOptions().setup_timeout
    assert connect.go_away_grace == shim.DEFAULT_GO_AWAY_GRACE == shim.ShimOptions().go_away_grace
    assert 0 < shim.DEFAULT_SETUP_TIMEOUT <= 60 and 0 < shim.DEFAULT_GO_AWAY_GRACE <= 10
    assert f"{shim.DEFAULT_SETUP_TIMEOUT:g} s" in shim.__doc__ and f"{shim.DEFAULT_GO_AWAY_GRACE:g} s" in shim.__doc__
    assert inspect.signature(shim.wrap).parameters["setup_timeout"].default == shim.DEFAULT_SETUP_TIMEOUT
    shim.install()
    assert client_for_nothing().aio.live.connect(model=LEGACY_MODEL).setup_timeout == shim.DEFAULT_SETUP_TIMEOUT


def client_for_nothing() -> Any:
    from google import genai

    return genai.Client(api_key="test")


@pytest.mark.live_emulator(setup_reply="silent")
@pytest.mark.parametrize("where", ["wrap", "connect", "install"])
def test_a_server_that_never_completes_setup_raises_setup_timeout(live_emulator, where):
    if where == "wrap":
        client = shim.wrap(client_for(live_emulator), setup_timeout=0.5)
        opening = read_turn(client)
    elif where == "connect":
        opening = read_turn(shim.wrap(client_for(live_emulator)), setup_timeout=0.5)
    else:
        shim.install(setup_timeout=0.5)
        opening = read_turn(client_for(live_emulator))

    with pytest.raises(shim.SetupTimeoutError, match="no setupComplete from gemini-3.1-flash-live-preview within 0.5 s"):
        run(opening, timeout=5)


@pytest.mark.live_emulator(setup_reply="silent")
def test_setup_timeout_none_on_connect_disables_the_bound(live_emulator):
    client = shim.wrap(client_for(live_emulator), setup_timeout=0.5)

    async def opening() -> None:
        with pytest.raises(asyncio.TimeoutError) as caught:  # ours, not the shim's: it waits on
            await asyncio.wait_for(read_turn(client, setup_timeout=None), 1.0)
        assert not isinstance(caught.value, shim.SetupTimeoutError)

    run(opening(), timeout=5)


@pytest.mark.parametrize(("frame", "kind", "words"), MALFORMED)
def test_a_malformed_frame_instead_of_setup_complete_is_a_protocol_error(live_emulator_factory, frame, kind, words):
    emulator = live_emulator_factory(setup_reply=frame)
    with pytest.raises(shim.LiveProtocolError) as caught:
        run(read_turn(shim.wrap(client_for(emulator))))
    if kind in ("error", "unknown-fields"):  # google-genai drops such a first frame unread
        kind, words = "no-setup-complete", ["setupComplete"]
    check(caught.value, kind, words)
    emulator.wait_idle()
    assert emulator.connections[0].closed_by == "client"  # the shim does not leave it open


# --- GoAway -------------------------------------------------------------------------------


@pytest.mark.live_emulator(script=[[{"go_away": "0.2s"}, {"turn_complete": False}]])
def test_go_away_then_silence_ends_in_a_clear_error(live_emulator):
    seen: list[Any] = []

    async def main() -> None:
        client = shim.wrap(client_for(live_emulator), go_away_grace=0.3)
        async with client.aio.live.connect(model=LEGACY_MODEL, config={}) as session:
            await session.send_realtime_input(text="hi")
            async for message in session.receive():
                seen.append(message)

    with pytest.raises(shim.GoAwayTimeoutError) as caught:
        run(main(), timeout=5)
    assert [m.go_away.time_left for m in seen] == ["0.2s"]  # the notice itself was delivered
    assert isinstance(caught.value, TimeoutError)
    assert "goAway (timeLeft 0.2s)" in str(caught.value) and "0.3 s" in str(caught.value)


@pytest.mark.live_emulator(script=[[{"go_away": "0.2s"}, {"turn_complete": False}]])
def test_go_away_grace_none_waits_as_the_sdk_does(live_emulator):
    client = shim.wrap(client_for(live_emulator), go_away_grace=0.1)

    async def main() -> None:
        with pytest.raises(asyncio.TimeoutError) as caught:
            await asyncio.wait_for(read_turn(client, go_away_grace=None), 1.0)
        assert not isinstance(caught.value, shim.GoAwayTimeoutError)

    run(main(), timeout=5)


@pytest.mark.live_emulator(script=[[{"go_away": "0s"}, {"say": "still here"}, {"close": 1001, "reason": "bye"}]])
def test_a_server_that_talks_then_closes_after_go_away_is_not_cut_short(live_emulator):
    seen: list[Any] = []

    async def main() -> None:
        client = shim.wrap(client_for(live_emulator), go_away_grace=5)
        async with client.aio.live.connect(model=LEGACY_MODEL, config={}) as session:
            await session.send_realtime_input(text="hi")
            async for message in session.receive():
                seen.append(message)

    with pytest.raises(errors.APIError) as caught:  # the close, as the SDK reports it
        run(main())
    assert caught.value.code == 1001
    assert seen[0].go_away and seen[1].server_content.model_turn  # every frame before the close


# --- malformed frames mid-session ---------------------------------------------------------


@pytest.mark.parametrize(("frame", "kind", "words"), MALFORMED)
def test_a_malformed_frame_mid_session_is_one_protocol_error(live_emulator_factory, frame, kind, words):
    emulator = live_emulator_factory(script=[[frame, {"turn_complete": False}]])
    with pytest.raises(shim.LiveProtocolError) as caught:
        run(read_turn(shim.wrap(client_for(emulator))))
    check(caught.value, kind, words)


@pytest.mark.live_emulator(script=[[Raw("x" * 900_000), {"turn_complete": False}]])
def test_a_huge_frame_is_described_by_its_size_not_quoted(live_emulator):
    with pytest.raises(shim.LiveProtocolError) as caught:
        run(read_turn(shim.wrap(client_for(live_emulator))))
    assert "900,000 bytes" in str(caught.value) and str(caught.value).count("x") < 100


@pytest.mark.live_emulator(script=[[Raw("42"), {"say": "after the bad frame", "turn_complete": True}]])
def test_the_session_survives_a_malformed_frame_and_loses_nothing_after_it(live_emulator):
    async def main() -> tuple[shim.LiveProtocolError, list[Any]]:
        async with shim.wrap(client_for(live_emulator)).aio.live.connect(model=TARGET_MODEL) as session:
            await session.send_realtime_input(text="hi")
            with pytest.raises(shim.LiveProtocolError) as caught:
                async for _ in session.receive():
                    pass
            return caught.value, [message async for message in session.receive()]

    error, rest = run(main())
    assert error.kind == "not-object"
    [message] = rest
    assert message.server_content.turn_complete and message.server_content.model_turn


@pytest.mark.live_emulator(script=[[Raw(b'{"serverContent": {"turnComplete": true}}')]])
def test_json_in_a_binary_frame_is_fine(live_emulator):
    [message] = run(read_turn(shim.wrap(client_for(live_emulator))))
    assert message.server_content.turn_complete
