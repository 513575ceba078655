"""The screen's one pass over a file's bytes (prefilter.screen_bytes) answers what the three
separate byte tests answer: whether the file may touch the Live API, and, for one that does not,
whether it may define a Live value or hand a model to a setup frame or a google-genai call."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from livemigrate.prefilter import (DEFINES_LIVE_VALUE, NAMES_GEMINI, USES_A_MODEL, may_define_live_value, may_touch_live_api,
                                   may_use_a_model, screen_bytes)

# Pieces that make the tests say yes (and near misses that must not), among ordinary code.
PIECES = [
    b"gemini-", b"gemini-2.5-flash", b"gemini-2.0-flash-exp", b"gemini-2.5-flash-native-audio-preview-12-2025",
    b"gemini-3.1-flash-live-preview", b"BidiGenerateContent", b"generativelanguage", b"genai", b"google.genai",
    b"generate_content", b"GenerateContent", b"content", b"ontent", b"setup", b'"setup"', b"'setup'", b"setUp",
    b"token", b"noqa", b"livemigrate:", b"aio.live", b"LiveServer", b"LiveServerTestCase", b"LiveServerMessage",
    b"tool", b"tool_call", b"tool_call_cancellation", b"server_content", b"realtime_input", b"end_of_turn",
    b"import os\n", b"def f(x):\n    return x\n", b" ", b"\n", b"'", b'"', b"=", b"(", b")",
    b"RealtimeModel", b"livekit", b"google", b"google.realtime", b"google.beta.realtime", b"proactive_audio",
    b"LiveLLMService",
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
    assert screen_bytes(b'MODEL = "gemini-2.5-flash"\n') == (False, DEFINES_LIVE_VALUE | NAMES_GEMINI)
    # a module of the run naming a Live class it imports: read by the index (measurement 13)
    assert screen_bytes(b"from gemini_live import GeminiLiveSession\n") == (False, NAMES_GEMINI)
    assert screen_bytes(b"client.models.generate_content(model=m)\n") == (False, USES_A_MODEL)
    assert screen_bytes(b'ws.send(json.dumps({"setup": {"model": MODEL}}))\n') == (False, USES_A_MODEL)
    assert screen_bytes(b"def setup(self):\n    pass\n") == (False, 0)
    assert screen_bytes(b"async with client.aio.live.connect(model=m) as s:\n")[0] is True


def test_every_live_model_id_holds_the_anchor_the_screen_looks_for_first() -> None:
    """The ids are looked for only in files that hold "gemini-" (so that a code base naming no
    Gemini model never imports the migration facts): an id without it would never be found."""
    from livemigrate.migration import LEGACY_LIVE_MODELS, TARGETS
    from livemigrate.prefilter import _MODEL_ANCHOR, _model_ids

    ids = {*LEGACY_LIVE_MODELS, *(target.model_id for target in TARGETS.values())}
    assert all(_MODEL_ANCHOR in model_id.encode() for model_id in ids)
    for model_id in ids:
        assert screen_bytes(b'MODEL = "' + model_id.encode() + b'"\n')[0] is True
    assert set(_model_ids()) <= {model_id.encode() for model_id in ids}


def test_a_run_that_names_no_gemini_model_does_not_import_the_migration_facts() -> None:
    import subprocess
    import sys

    code = ("import sys; from livemigrate.prefilter import screen_bytes; "
            "screen_bytes(b'from django.db import models\\nx = 1\\n'); "
            "print('livemigrate.migration' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_settings_default_target_is_the_migration_default() -> None:
    """Settings knows the default target's name without importing the migration facts."""
    from livemigrate import migration, settings

    assert settings.DEFAULT_TARGET == migration.DEFAULT_TARGET
    assert settings.Settings().target == migration.DEFAULT_TARGET
