"""Reading what a 2.5 program sends: turns, blobs, tool responses, legacy send input."""

from __future__ import annotations

import pytest
from google.genai import types

from livemigrate.shim import inputs

RATE = "audio/pcm;rate=16000"


def user(text: str) -> types.Content:
    return types.Content(role="user", parts=[types.Part(text=text)])


def model(text: str) -> types.Content:
    return types.Content(role="model", parts=[types.Part(text=text)])


@pytest.mark.parametrize(
    ("turns", "text"),
    [
        (user("hi"), "hi"),
        ({"parts": [{"text": "hi"}]}, "hi"),
        ([{"role": "user", "parts": [{"text": "a"}, {"text": "b"}]}, user("c")], "ab\nc"),
        ([user("hi"), model("hello")], None),
        (types.Content(role="user", parts=[types.Part.from_bytes(data=b"x", mime_type="image/png")]), None),
        (types.Content(role="user", parts=[types.Part(text="t", thought=True)]), None),
    ],
    ids=["content", "dict", "two-turns", "model-turn", "image", "thought"],
)
def test_plain_user_text(turns, text):
    assert inputs.plain_user_text(inputs.as_contents(turns)) == text


def test_unreadable_turns_are_left_to_the_sdk():
    assert inputs.as_contents("just a string") is None
    assert inputs.as_contents(None) == []


def test_trailing_user_text_is_split_from_the_history():
    history, text = inputs.split_trailing_user_text([user("Ada"), model("Hi Ada"), user("How"), user("are you")])
    assert [c.role for c in history] == ["user", "model"]
    assert text == "How\nare you"
    assert inputs.split_trailing_user_text([user("a"), model("b")])[1] is None


@pytest.mark.parametrize(
    ("blob", "field"),
    [
        (types.Blob(data=b"", mime_type="audio/pcm"), "audio"),
        ({"data": b"", "mimeType": "image/jpeg"}, "video"),
        ({"data": b"", "mime_type": "video/mp4"}, None),
        ({"data": b""}, None),
    ],
)
def test_route_blob(blob, field):
    assert inputs.route_blob(blob) == field


@pytest.mark.parametrize(
    ("mime", "fixed"),
    [("audio/pcm", RATE), ("audio/pcm;", RATE), ("audio/pcm; channels=1", "audio/pcm; channels=1;rate=16000"),
     (RATE, None), ("audio/pcm;rate=8000", None), ("audio/wav", None)],
)
def test_pcm_rate(mime, fixed):
    blob = types.Blob(data=b"\x00\x00", mime_type=mime)
    result = inputs.with_pcm_rate(blob, RATE)
    assert (result.mime_type if result is not None else None) == fixed
    assert blob.mime_type == mime
    camel = inputs.with_pcm_rate({"data": b"", "mimeType": mime}, RATE)
    assert (camel["mimeType"] if camel is not None else None) == fixed


def test_scheduling_is_stripped_in_every_shape():
    typed = types.FunctionResponse(id="1", name="f", response={}, scheduling="WHEN_IDLE", will_continue=False)
    camel = {"id": "2", "name": "g", "response": {}, "willContinue": True}
    clean = {"id": "3", "name": "h", "response": {}}
    out, names = inputs.strip_response_scheduling([typed, camel, clean])
    assert names == ["f", "g"]
    assert out[0].scheduling is None and out[0].will_continue is None and typed.scheduling is not None
    assert out[1] == {"id": "2", "name": "g", "response": {}} and "willContinue" in camel
    assert out[2] is clean
    single, names = inputs.strip_response_scheduling(clean)
    assert single is clean and names == []


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, "end_of_turn"),
        ("hello", "content"),
        (["hello", types.Part(text="!")], "content"),
        ({"turns": [{"parts": [{"text": "x"}]}], "turn_complete": True}, "content"),
        (types.LiveClientContent(turns=[user("x")], turn_complete=False), "content"),
        ({"data": b"\x00", "mime_type": "audio/pcm"}, "media"),
        (types.Blob(data=b"\x00", mime_type="image/png"), "media"),
        (types.LiveClientRealtimeInput(media_chunks=[types.Blob(data=b"", mime_type="audio/pcm")]), "media"),
        ({"media_chunks": [{"data": b"", "mime_type": "audio/pcm"}]}, "media"),
        (types.LiveClientRealtimeInput(text="hi"), "realtime"),
        ({"id": "1", "name": "f", "response": {}}, "tool"),
        (types.FunctionResponse(id="1", name="f", response={}), "tool"),
        ([types.FunctionResponse(id="1", name="f", response={})], "tool"),
        (types.LiveClientToolResponse(function_responses=[types.FunctionResponse(id="1", name="f")]), "tool"),
        ({"function_responses": [{"id": "1", "name": "f", "response": {}}]}, "tool"),
        ({"something": "else"}, "unknown"),
        (42, "unknown"),
    ],
)
def test_legacy_send_input_is_classified_like_the_sdk(value, kind):
    assert inputs.classify_legacy_input(value).kind == kind


def test_legacy_client_content_keeps_its_own_turn_complete():
    legacy = inputs.classify_legacy_input(types.LiveClientContent(turns=[user("x")], turn_complete=False))
    assert legacy.turn_complete is False


def test_a_part_with_thought_false_is_plain_text():
    parts = [types.Part(text="next", thought=False)]
    assert inputs.plain_user_text([types.Content(role="user", parts=parts)]) == "next"
    assert inputs.plain_user_text([types.Content(role="user", parts=[types.Part(text="x", thought=True)])]) is None
