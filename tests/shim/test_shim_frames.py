"""The pure parts of the receive guard: judging frames, the GoAway deadline (no sockets)."""

from __future__ import annotations

import pytest
from google.genai import types
from pydantic import ValidationError
from websockets.exceptions import ConnectionClosedError, ConnectionClosedOK
from websockets.frames import Close

from livemigrate import shim
from livemigrate.shim.frames import (
    KNOWN_FIELDS,
    check_server_frame,
    from_client_close,
    from_setup_failure,
)
from livemigrate.shim.guard import GoAwayDeadline, parse_duration


def test_a_good_frame_comes_back_parsed_in_either_frame_type():
    assert check_server_frame('{"goAway": {"timeLeft": "1s"}}') == {"goAway": {"timeLeft": "1s"}}
    assert check_server_frame(b'{"setupComplete": {}}') == {"setupComplete": {}}
    assert check_server_frame("{}") == {}  # the SDK reads an empty message as an empty one
    assert {"serverContent", "toolCall", "goAway", "setupComplete", "usageMetadata"} <= KNOWN_FIELDS


@pytest.mark.parametrize(("frame", "kind"), [
    ("", "not-json"),
    ("[1, 2]", "not-object"),
    ("null", "not-object"),
    ('{"error": "plain text"}', "error"),
    ('{"toolCall": []}', "invalid-field"),
])
def test_bad_frames_name_their_kind(frame, kind):
    with pytest.raises(shim.LiveProtocolError) as caught:
        check_server_frame(frame)
    assert caught.value.kind == kind


def test_messages_are_capped_and_never_chain_to_the_frame():
    huge = "{" + '"k": 1, ' * 200_000
    with pytest.raises(shim.LiveProtocolError) as caught:
        check_server_frame(huge)
    assert len(str(caught.value)) <= shim.LiveProtocolError.MAX_MESSAGE
    assert caught.value.__context__ is None  # a JSONDecodeError would hold the whole frame
    assert len(str(shim.LiveProtocolError("x", "y" * 1000))) == shim.LiveProtocolError.MAX_MESSAGE


def _closed(sent: int | None, rcvd: int | None = None, rcvd_then_sent: bool | None = None) -> ConnectionClosedError:
    return ConnectionClosedError(
        Close(rcvd, "server reason") if rcvd else None,
        Close(sent, "client reason") if sent else None,
        rcvd_then_sent,
    )


@pytest.mark.parametrize(("closed", "kind"), [
    (_closed(1009), "too-large"),
    (_closed(1002), "invalid-frame"),
    (_closed(1007), "invalid-frame"),
    (_closed(1009, rcvd=1009, rcvd_then_sent=False), "too-large"),  # our close, echoed
    (_closed(1007, rcvd=1007, rcvd_then_sent=True), None),  # the server closed first: its error
    (_closed(1000), None),
    (_closed(None, rcvd=1011), None),
    (ConnectionClosedOK(Close(1000, ""), Close(1000, ""), True), None),
])
def test_only_closes_the_client_made_over_a_frame_are_protocol_errors(closed, kind):
    problem = from_client_close(closed)
    assert (problem.kind if problem else None) == kind
    if problem:
        assert "client reason" in str(problem)


def test_setup_failures_that_are_not_about_the_frame_keep_their_type():
    with pytest.raises(ValidationError) as bad_config:
        types.LiveConnectConfig(no_such_field=1)
    for error in (bad_config.value, TypeError("bad argument"), ValueError("Failed to connect"),
                  AttributeError("no"), RecursionError("elsewhere"), TimeoutError()):
        assert from_setup_failure(error) is None


@pytest.mark.parametrize(("text", "seconds"), [
    ("50s", 50.0), ("0.5s", 0.5), ("3.000000001s", 3.000000001), (".5s", 0.5),
    (None, 0.0), ("soon", 0.0), (12, 0.0), ("-1s", 0.0),
])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


def test_the_go_away_deadline_starts_at_the_notice_and_moves_with_each_frame():
    deadline = GoAwayDeadline(grace=2.0)
    deadline.on_frame({"serverContent": {}}, now=5.0)
    assert deadline.deadline() is None  # no notice, no deadline
    deadline.on_frame({"goAway": {"timeLeft": "10s"}}, now=100.0)
    assert deadline.deadline() == 112.0 and deadline.time_left == "10s"
    deadline.on_frame({"serverContent": {}}, now=105.0)
    assert deadline.deadline() == 112.0  # talking before the announced end (110) changes nothing
    deadline.on_frame({"serverContent": {}}, now=115.0)
    assert deadline.deadline() == 117.0  # still talking after it: not gone yet
    deadline.on_frame({"goAway": {}}, now=120.0)
    assert deadline.deadline() == 122.0 and deadline.time_left == "0s"
