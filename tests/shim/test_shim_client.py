"""wrap / install / uninstall, pass-through, options, and emulator faults through the shim."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
import warnings
from typing import Any

import pytest
from google import genai
from google.genai import errors, live, types

from livemigrate import shim
from livemigrate.migration import get_target
from livemigrate.shim.diagnostics import make_visible

from shim_support import LEGACY_MODEL, TARGET_MODEL, client_for, run

TRANSCRIBE = {"output_audio_transcription": {}}


async def one_shot(client: Any, config: Any = None, model: str = LEGACY_MODEL) -> list[Any]:
    """A 2.5 one-shot prompt: client content right after setup, then read the reply."""
    async with client.aio.live.connect(model=model, config=config if config is not None else dict(TRANSCRIBE)) as s:
        await s.send_client_content(turns={"role": "user", "parts": [{"text": "hi"}]}, turn_complete=True)
        return [message async for message in s.receive()]


def transcript(messages: list[Any]) -> list[str]:
    return [m.server_content.output_transcription.text for m in messages
            if m.server_content and m.server_content.output_transcription]


# --- wrap ---------------------------------------------------------------------------------


def test_wrap_passes_everything_else_through():
    client = genai.Client(api_key="test")
    wrapped = shim.wrap(client)

    assert isinstance(wrapped, genai.Client)
    assert wrapped.models is client.models and wrapped.aio.models is client.aio.models
    assert wrapped.aio.live.music is client.aio.live.music
    assert wrapped.aio.live.connect.__func__ is not live.AsyncLive.connect
    assert object.__getattribute__(shim.wrap(wrapped), "_wrapped") is client  # never wrapped twice
    assert isinstance(shim.wrap(client.aio), genai.client.AsyncClient)
    with pytest.raises(TypeError, match="Client"):
        shim.wrap(object())


def test_wrapped_async_client_works_too(live_emulator):
    messages = run(one_shot(type("Holder", (), {"aio": shim.wrap(client_for(live_emulator).aio)})()))
    assert transcript(messages) == ["You said: hi"]


def test_session_pass_through_adds_no_copies(live_emulator):
    blob = types.Blob(data=b"\x00\x00" * 160, mime_type="audio/pcm;rate=16000")
    response = types.FunctionResponse(id="x", name="f", response={})
    seen: dict[str, Any] = {}

    async def main():
        async with shim.wrap(client_for(live_emulator)).aio.live.connect(model=TARGET_MODEL) as session:
            assert isinstance(session, live.AsyncSession)
            assert session.session_id == "emulator-session-0"
            assert session.receive().ag_code is live.AsyncSession.receive.__code__  # the SDK's own
            raw = session.raw_session

            async def spy_audio(**kwargs):
                seen["audio"] = kwargs["audio"]

            async def spy_tool(**kwargs):
                seen["tool"] = kwargs["function_responses"]

            raw.send_realtime_input, raw.send_tool_response = spy_audio, spy_tool
            await session.send_realtime_input(text="start")
            await session.send_realtime_input(audio=blob)
            await session.send_tool_response(function_responses=response)

    run(main())
    assert seen["audio"] is blob and seen["tool"] is response


def test_client_context_managers_return_the_shim(live_emulator):
    with shim.wrap(client_for(live_emulator)) as client:
        assert transcript(run(one_shot(client))) == ["You said: hi"]


# --- install ------------------------------------------------------------------------------


def test_install_reaches_existing_and_new_clients_and_uninstall_restores_exactly(live_emulator):
    original = live.AsyncLive.__dict__["connect"]
    before = client_for(live_emulator)

    shim.install()
    patched = live.AsyncLive.__dict__["connect"]
    shim.install()  # idempotent
    assert live.AsyncLive.__dict__["connect"] is patched and shim.is_installed()
    after = client_for(live_emulator)
    assert transcript(run(one_shot(before))) == ["You said: hi"]
    assert transcript(run(one_shot(after))) == ["You said: hi"]

    shim.uninstall()
    shim.uninstall()  # idempotent
    assert live.AsyncLive.__dict__["connect"] is original and not shim.is_installed()
    with pytest.raises(errors.APIError):
        run(one_shot(before))


def test_wrap_under_install_translates_once(live_emulator):
    shim.install(split_parts=True)
    messages = run(one_shot(shim.wrap(client_for(live_emulator))))
    assert transcript(messages) == ["You said: hi"]
    live_emulator.wait_idle()
    assert [f for f in live_emulator.received if "setup" in f][0]["setup"]["model"] == f"models/{TARGET_MODEL}"


def test_install_takes_the_wrap_options(live_emulator):
    shim.install(strict=True)
    with pytest.raises(shim.LiveMigrateError):
        run(one_shot(client_for(live_emulator)))
    with pytest.raises(TypeError):
        shim.install(no_such_option=True)


# --- strict, warnings visibility ----------------------------------------------------------


def test_strict_connect_raises_before_connecting(live_emulator):
    client = shim.wrap(client_for(live_emulator), strict=True)
    config = types.LiveConnectConfig(
        thinking_config=types.ThinkingConfig(thinking_budget=0), enable_affective_dialog=True
    )
    with pytest.raises(shim.LiveMigrateError) as caught:
        client.aio.live.connect(model=LEGACY_MODEL, config=config)
    assert [a.rule for a in caught.value.adaptations] == ["LM001", "LM002", "LM004"]
    assert __file__ in str(caught.value) and "LM002: " in str(caught.value)
    assert live_emulator.connections == []


def python_default_filters() -> None:
    """Set ``warnings.filters`` to what a plain ``python app.py`` starts with."""
    warnings.resetwarnings()
    warnings.filterwarnings("ignore", category=ResourceWarning)
    warnings.filterwarnings("ignore", category=ImportWarning)
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")


def test_warnings_are_visible_by_default_outside_main():
    with warnings.catch_warnings(record=True) as records:
        python_default_filters()
        make_visible()
        shim.translate_config  # noqa: B018 - nothing to warn yet
        from livemigrate.shim.diagnostics import Adaptation, CallSite, report

        site = CallSite("library.py", 3, "some.library", {})
        report([Adaptation("LM002", "x")], site, strict=False)
        report([Adaptation("LM002", "x")], site, strict=False)
    assert [(str(r.message), r.filename, r.lineno) for r in records] == [("LM002: x", "library.py", 3)]


_FILTER_SCRIPT = """
import sys, warnings
from google import genai
from livemigrate import shim
{setup}
try:
    shim.wrap(genai.Client(api_key="x")).aio.live.connect(model="{model}", config={{}})
    print("no exception")
except Exception as e:
    print("raised", type(e).__name__)
"""


@pytest.mark.parametrize(("setup", "flags", "shown", "outcome"), [
    ("", [], True, "no exception"),  # nothing configured: the shim makes its warning visible
    ('warnings.simplefilter("ignore")', [], False, "no exception"),
    ('warnings.filterwarnings("ignore", category=DeprecationWarning)', [], False, "no exception"),
    ('warnings.filterwarnings("error", category=DeprecationWarning)', [], False, "raised LiveMigrateWarning"),
    ("", ["-W", "error::DeprecationWarning"], False, "raised LiveMigrateWarning"),
])
def test_the_users_own_warning_filters_win(tmp_path, setup, flags, shown, outcome):
    script = tmp_path / "app.py"
    script.write_text(_FILTER_SCRIPT.format(setup=setup, model=LEGACY_MODEL))
    done = subprocess.run([sys.executable, *flags, str(script)], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == outcome, done.stderr
    assert ("LiveMigrateWarning: LM001" in done.stderr) is shown


def test_reset_warning_registry_lets_python_warn_again_at_the_same_line():
    from livemigrate.shim.diagnostics import Adaptation, CallSite, report

    site = CallSite("library.py", 3, "some.library", {"__name__": "some.library"})
    with warnings.catch_warnings(record=True) as records:
        python_default_filters()
        warnings.filterwarnings("default", category=shim.LiveMigrateWarning)
        report([Adaptation("LM002", "x")], site, strict=False)
        shim.reset_warning_registry()
        report([Adaptation("LM002", "x")], site, strict=False)
    assert [str(r.message) for r in records] == ["LM002: x", "LM002: x"]


def test_uninstall_removes_the_filter_install_added():
    with warnings.catch_warnings():
        python_default_filters()
        before = list(warnings.filters)
        shim.install()
        assert warnings.filters[0][:3] == ("default", None, shim.LiveMigrateWarning)
        shim.uninstall()
        assert warnings.filters == before


# --- TEXT emulation, split_parts, spellings -----------------------------------------------


def test_a_25_text_app_reads_message_text(live_emulator, shim_warnings):
    async def text_app(client: Any) -> list[str]:
        texts = []
        async with client.aio.live.connect(model=LEGACY_MODEL, config={"response_modalities": ["TEXT"]}) as s:
            await s.send_client_content(turns={"parts": [{"text": "hi"}]})
            async for message in s.receive():
                if message.text:
                    texts.append(message.text)
        return texts

    with pytest.raises(errors.APIError):
        run(text_app(client_for(live_emulator)))
    assert run(text_app(shim.wrap(client_for(live_emulator)))) == ["You said: hi"]
    assert "LM005" in shim_warnings.rules()
    live_emulator.wait_idle()
    setup = live_emulator.connections[-1].setup
    assert setup["generationConfig"]["responseModalities"] == ["AUDIO"] and setup["outputAudioTranscription"] == {}


def test_split_parts_gives_parts_zero_readers_every_chunk(live_emulator):
    messages = run(one_shot(shim.wrap(client_for(live_emulator), split_parts=True)))
    assert [len(m.server_content.model_turn.parts) for m in messages[:3]] == [1, 1, 1]
    assert transcript(messages) == ["You said: hi"]
    assert messages[-1].server_content.turn_complete and messages[-1].usage_metadata is not None
    assert len(messages) == 5


@pytest.mark.parametrize(
    "config",
    [
        types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_budget=4096),
                                proactivity=types.ProactivityConfig(proactive_audio=True),
                                output_audio_transcription=types.AudioTranscriptionConfig()),
        {"thinking_config": {"thinking_budget": 4096}, "proactivity": {"proactive_audio": True},
         "output_audio_transcription": {}},
        {"thinkingConfig": {"thinkingBudget": 4096}, "proactivity": {"proactiveAudio": True},
         "outputAudioTranscription": {}},
    ],
    ids=["types", "snake", "camel"],
)
def test_every_spelling_reaches_the_server_as_the_same_setup(live_emulator, config):
    run(one_shot(shim.wrap(client_for(live_emulator)), config))
    live_emulator.wait_idle()
    assert live_emulator.received[0] == {"setup": {
        "model": f"models/{TARGET_MODEL}",
        "generationConfig": {"thinkingConfig": {"thinking_level": "MEDIUM"}},
        "outputAudioTranscription": {},
    }}


# --- faults -------------------------------------------------------------------------------


def test_a_1007_at_setup_surfaces_as_the_sdk_error(live_emulator):
    client = shim.wrap(client_for(live_emulator), text_mode="keep")
    with pytest.raises(errors.APIError) as caught:
        run(one_shot(client, {"response_modalities": ["TEXT"]}))
    assert caught.value.code == 1007 and "text-modality" in str(caught.value)


CLOSE_1007 = {"close": 1007, "reason": "Request contains an invalid argument."}


@pytest.mark.live_emulator(script=[[{"say": "Hmm"}, CLOSE_1007]])
def test_a_1007_mid_session_surfaces_as_the_sdk_error(live_emulator):
    with pytest.raises(errors.APIError) as caught:
        run(one_shot(shim.wrap(client_for(live_emulator), split_parts=True)))
    assert caught.value.code == 1007 and "invalid argument" in str(caught.value)


@pytest.mark.live_emulator(setup_fault="hang")
def test_a_setup_hang_is_bounded_by_setup_timeout(live_emulator):
    # A profile that (wrongly) believes proactivity is fine lets it through to the server,
    # which then never completes setup, as reported for 3.1.
    naive = dataclasses.replace(
        get_target("3.1"), supports_proactivity=True, removed_config_fields=frozenset({"enable_affective_dialog"})
    )
    client = shim.wrap(client_for(live_emulator), target=naive, setup_timeout=0.3)
    started = time.monotonic()
    with pytest.raises(shim.SetupTimeoutError) as caught:
        run(one_shot(client, {"proactivity": {"proactive_audio": True}}))
    assert time.monotonic() - started < 3
    assert isinstance(caught.value, TimeoutError) and "setupComplete" in str(caught.value)
    live_emulator.wait_idle()
    assert live_emulator.connections[-1].hung


@pytest.mark.live_emulator(script=[[{"say": "Bye"}, {"go_away": "5s"}, {"turn_complete": True}]])
@pytest.mark.parametrize("split_parts", [False, True])
def test_go_away_is_delivered_through_the_shim(live_emulator, split_parts):
    messages = run(one_shot(shim.wrap(client_for(live_emulator), split_parts=split_parts)))
    assert [m.go_away.time_left for m in messages if m.go_away] == ["5s"]
    assert messages[-1].server_content.turn_complete


def test_a_vertex_client_keeps_its_model_and_config(shim_warnings):
    client = genai.Client(vertexai=True, project="p", location="us-central1")
    config = {"proactivity": {"proactive_audio": True}}
    connect = shim.wrap(client).aio.live.connect(model="gemini-live-2.5-flash-native-audio", config=config)
    assert connect.translation.model == "gemini-live-2.5-flash-native-audio"
    assert connect.translation.config is config and not connect.translation.on_target
    [warned] = shim_warnings.shim
    assert warned.rule == "LM001" and "Vertex AI" in warned.message and warned.filename == __file__


def test_strict_mode_and_3x_code_send_the_setup_as_written(live_emulator):
    """Strict raises instead of adapting, so it declares no seed; 3.x code is left alone."""
    async def open_and_close(client, model, config):
        async with client.aio.live.connect(model=model, config=config) as session:
            await session.send_realtime_input(text="hi")
            async for _ in session.receive():
                pass

    ready = {"response_modalities": ["AUDIO"]}
    run(open_and_close(shim.wrap(client_for(live_emulator), strict=True), TARGET_MODEL, ready))
    run(open_and_close(shim.wrap(client_for(live_emulator)), TARGET_MODEL, ready))
    live_emulator.wait_idle()
    for record in live_emulator.connections[-2:]:
        assert "historyConfig" not in record.setup
        assert not any("client_content" in frame for frame in record.frames[1:])


def test_only_the_shims_own_deadline_becomes_a_setup_timeout():
    """A TimeoutError raised inside the SDK (the socket's own open_timeout) propagates as it is."""
    from livemigrate.shim.client import ShimConnect

    class Failing:
        async def __aenter__(self):
            raise TimeoutError("open_timeout")

    connect = ShimConnect.__new__(ShimConnect)
    connect.translation = shim.translate_config({}, model=TARGET_MODEL)
    with pytest.raises(TimeoutError) as caught:
        run(connect._enter_bounded(Failing(), timeout=5))
    assert not isinstance(caught.value, shim.SetupTimeoutError)
