"""The emulator's data: script parsing, audio, rules table, wire encoding (no sockets)."""

from __future__ import annotations

import struct

import pytest

from livemigrate.emulator.audio import pcm_seconds, speech_chunks
from livemigrate.emulator.rules import (
    RULES,
    HistoryTracker,
    check_setup,
    enforced_rules,
    violation,
)
from livemigrate.emulator.script import (
    DEFAULT_TURN,
    Say,
    Script,
    ScriptError,
    ToolCall,
    TurnComplete,
    UserTurn,
    parse_step,
)
from livemigrate.emulator.wire import (
    b64decode,
    client_message_kind,
    encode_server_message,
    field,
)


def test_string_and_option_shorthands():
    assert parse_step("hi") == Say("hi")
    assert parse_step({"say": "hi", "turn_complete": True}) == Say("hi", turn_complete=True)
    assert parse_step({"turn_complete": False}) == TurnComplete(False)
    step = parse_step({"tool_call": {"name": "f"}, "wait": False})
    assert isinstance(step, ToolCall) and not step.wait and step.calls[0].id is None


@pytest.mark.parametrize(
    ("step", "says"),
    [
        ({"sya": "typo"}, "needs exactly one of"),
        ({"say": "a", "go_away": 1}, "needs exactly one of"),
        ({"say": "a", "chunk": 2}, "takes no option(s) ['chunk']"),
        ({"say": "a", "chunks": 0}, "expected an integer >= 1"),
        ({"tool_call": {"args": {}}}, "a function call is"),
        ({"send": {"someFutureMessage": {}}}, "google-genai crashes on them"),
        ({"close": 999}, "expected an integer >= 1000"),
        ({"go_away": "ten"}, "duration like '10s'"),
        ({"cancel_tool_calls": []}, "list of call ids or True"),
    ],
)
def test_script_errors_name_the_step(step, says):
    with pytest.raises(ScriptError) as caught:
        Script.from_data({"*": ["fine", step]})
    assert caught.value.args[0].startswith("rules['*'][1]")
    assert says in caught.value.args[0]


def test_rules_match_in_order_then_turns_then_fallback():
    script = Script(turns=["one", "two"], rules={"weather": "sunny", "<audio>": "heard you"})
    text = UserTurn("What's the WEATHER?", "text")
    assert script.turn_for(text) == (Say("sunny"),)
    assert script.turn_for(UserTurn("[audio 1.00 s]", "audio", 1.0)) == (Say("heard you"),)
    assert [script.turn_for(UserTurn("x", "text")) for _ in range(3)] == [(Say("one"),), (Say("two"),), DEFAULT_TURN]
    with pytest.raises(ScriptError, match="a script is a list of turns or a dict of rules"):
        Script.from_data("hello")


def test_speech_is_deterministic_continuous_24k_pcm():
    chunks = speech_chunks("hello", chunks=3, chunk_ms=40)
    assert chunks == speech_chunks("hello", chunks=3, chunk_ms=40)
    assert [len(c) for c in chunks] == [1920] * 3  # 40 ms of 16-bit samples at 24 kHz
    assert chunks != speech_chunks("other", chunks=3, chunk_ms=40)
    # One tone split in pieces: the second chunk goes on where the first stopped.
    joined = b"".join(speech_chunks("hello", chunks=1, chunk_ms=120))
    assert joined == b"".join(chunks)
    assert max(abs(s) for s in struct.unpack("<2880h", joined)) > 5000


def test_pcm_seconds_reads_the_rate_from_the_mime_type():
    assert pcm_seconds(32000, "audio/pcm;rate=16000") == 1.0
    assert pcm_seconds(32000, "audio/pcm") == 1.0
    assert pcm_seconds(48000, "audio/pcm;rate=24000") == 1.0


def test_close_reason_fits_a_close_frame_and_keeps_the_rule_id():
    long = violation("model-not-served", "x", "models/" + "é" * 200)
    assert len(long.close_reason.encode("utf-8")) <= 123
    assert long.close_reason.endswith("... [model-not-served]")
    assert violation("thinking-budget", "x").close_reason.endswith("use thinkingLevel [thinking-budget]")


def test_every_rule_has_evidence_and_a_fitting_message():
    for rule in RULES.values():
        assert rule.evidence and rule.close_code in (1007, 1008, None)  # None: input ignored, no close
        assert len(f"{rule.message} [{rule.id}]".encode()) <= 123, rule.id


def test_modes_and_overrides():
    strict, lenient = enforced_rules("strict"), enforced_rules("lenient")
    assert lenient < strict
    assert {"model-not-served", "invalid-json"} <= lenient
    assert "client-content-mid-session" in strict - lenient
    assert "proactivity" in enforced_rules("lenient", {"proactivity": True})
    with pytest.raises(ValueError, match="unknown emulator rule 'nope'"):
        enforced_rules("strict", {"nope": True})
    with pytest.raises(ValueError, match="mode must be one of"):
        enforced_rules("loose")  # type: ignore[arg-type]


def test_check_setup_reads_both_spellings_and_accepts_a_3_1_config():
    ok = {
        "model": "models/gemini-3.1-flash-live-preview",
        "generationConfig": {"responseModalities": ["AUDIO"], "thinkingConfig": {"thinking_level": "MINIMAL"}},
        "realtimeInputConfig": {"turn_coverage": "TURN_INCLUDES_ONLY_ACTIVITY"},
        "historyConfig": {"initial_history_in_client_content": True},
        "sessionResumption": {"handle": "h-1"},
    }
    assert check_setup(ok) == []
    both = {"model": "gemini-3.1-flash-live-preview",
            "generation_config": {"thinking_config": {"thinkingBudget": 0}, "enableAffectiveDialog": True}}
    found = check_setup(both)
    assert [v.rule.id for v in found] == ["affective-dialog", "thinking-budget"]
    assert found[1].detail == "setup.generation_config.thinking_config.thinkingBudget"


def test_history_tracker_follows_the_launch_era_rules():
    tracker = HistoryTracker(declared=True)
    assert tracker.on_client_content({"turns": [], "turn_complete": False}) == ("seed", [])
    assert tracker.on_client_content({"turnComplete": True}) == ("seed", [])
    assert tracker.on_realtime_input() == []
    kind, found = tracker.on_client_content({"turnComplete": True})
    assert kind == "turn" and [v.rule.id for v in found] == ["client-content-mid-session"]


def test_wire_helpers():
    assert field({"turnComplete": True}, "turn_complete") is True
    assert field({"turn_complete": False}, "turn_complete") is False
    assert field("not a dict", "x", 7) == 7
    assert client_message_kind({"realtimeInput": {}}) == ("realtime_input", [])
    assert client_message_kind({"setup": {}, "client_content": {}}) == (None, [])
    assert client_message_kind({"toolResponse": {}, "x": 1}) == ("tool_response", ["x"])
    assert b64decode("_9g") == b"\xff\xd8" == b64decode("/9g=")
    assert encode_server_message({"goAway": {"timeLeft": "1s"}}) == '{"goAway":{"timeLeft":"1s"}}'
    with pytest.raises(ValueError, match="unknown server message key"):
        encode_server_message({"error": {}})
