"""The screen's one pass over a file's bytes (prefilter.screen_bytes) answers what the three
separate byte tests answer: whether the file may touch the Live API, and, for one that does not,
whether it may define a Live value or hand a model to a setup frame or a google-genai call."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from livemigrate.prefilter import (DEFINES_LIVE_VALUE, USES_A_MODEL, may_define_live_value, may_touch_live_api,
                                   may_use_a_model, screen_bytes)

# Pieces that make the tests say yes (and near misses that must not), among ordinary code.
PIECES = [
    b"gemini-", b"gemini-2.5-flash", b"gemini-2.0-flash-exp", b"gemini-2.5-flash-native-audio-preview-12-2025",
    b"gemini-3.1-flash-live-preview", b"BidiGenerateContent", b"generativelanguage", b"genai", b"google.genai",
    b"generate_content", b"GenerateContent", b"content", b"ontent", b"setup", b'"setup"', b"'setup'", b"setUp",
    b"token", b"noqa", b"livemigrate:", b"aio.live", b"LiveServer", b"LiveServerTestCase", b"LiveServerMessage",
    b"tool", b"tool_call", b"tool_call_cancellation", b"server_content", b"realtime_input", b"end_of_turn",
    b"import os\n", b"def f(x):\n    return x\n", b" ", b"\n", b"'", b'"', b"=", b"(", b")",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.booleans())
def test_one_pass_answers_what_the_three_tests_answer(pieces: list[bytes], user_rules: bool) -> None:
    data = b"".join(pieces)
    touches, flags = screen_bytes(data, user_rules)
    assert touches == may_touch_live_api(data, user_rules)
    if touches:
        assert flags == DEFINES_LIVE_VALUE | USES_A_MODEL  # read by the index in any case
    else:
        assert bool(flags & DEFINES_LIVE_VALUE) == may_define_live_value(data)
        assert bool(flags & USES_A_MODEL) == may_use_a_model(data)


def test_examples() -> None:
    assert screen_bytes(b'MODEL = "gemini-2.5-flash"\n') == (False, DEFINES_LIVE_VALUE)
    assert screen_bytes(b"client.models.generate_content(model=m)\n") == (False, USES_A_MODEL)
    assert screen_bytes(b'ws.send(json.dumps({"setup": {"model": MODEL}}))\n') == (False, USES_A_MODEL)
    assert screen_bytes(b"def setup(self):\n    pass\n") == (False, 0)
    assert screen_bytes(b"async with client.aio.live.connect(model=m) as s:\n")[0] is True
