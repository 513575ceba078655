"""Shapes measurement 11 found on real code the analysis did not follow (written from the
shapes, not the repositories' code)."""

from __future__ import annotations

import pytest

from harness import check, dedent, findings_by_file, write_tree

# A relay that first reads the browser's setup into `config`, then replaces it with a literal
# before connecting: only the literal reaches the connect call (the first value is dead).
REASSIGNED = dedent('''
    import json
    from google import genai

    client = genai.Client()


    async def handler(browser):
        setup = json.loads(await browser.recv())
        config = setup.get("setup", {})
        config["system_instruction"] = "be brief"
        config = {"response_modalities": ["AUDIO"]}
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config=config) as session:
            async for message in browser:
                data = json.loads(message)
                for chunk in data["chunks"]:
                    if chunk["mime_type"] == "image/jpeg":
                        await session.send(input={"mime_type": "image/jpeg", "data": chunk["data"]})
                    else:
                        await session.send(input={"mime_type": "audio/pcm;rate=16000", "data": chunk["data"]})
''')


def test_a_config_replaced_before_the_connect_is_the_replacement() -> None:
    assert {(f.rule_id, f.line) for f in check(REASSIGNED, ("LM401", "LM402"))} == {("LM401", 12), ("LM402", 12)}


def test_a_config_that_may_be_replaced_in_a_branch_stays_unknown() -> None:
    branch = REASSIGNED.replace('    config = {"response_modalities": ["AUDIO"]}\n',
                                '    if not config:\n        config = {"response_modalities": ["AUDIO"]}\n')
    assert branch != REASSIGNED
    assert check(branch, ("LM401", "LM402")) == []


def test_a_config_rebound_between_the_replacement_and_the_connect_stays_unknown() -> None:
    rebound = REASSIGNED.replace('    async with client', '    if setup.get("keep"):\n'
                                 '        config = setup["setup"]\n    async with client')
    assert rebound != REASSIGNED
    assert check(rebound, ("LM401", "LM402")) == []


# A frame forwarded with the MIME type the browser gave, in the branch that tested it.
NARROWED = dedent('''
    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"]}


    async def relay(browser):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config=CONFIG) as session:
            while True:
                data = await browser.receive_json()
                for chunk in data["media_chunks"]:
                    mime_type = chunk.get("mime_type", "")
                    if mime_type == "audio/pcm;rate=16000":
                        await session.send(input={"mime_type": mime_type, "data": chunk["data"]})
                    elif mime_type == "image/jpeg":
                        await session.send(input={"mime_type": mime_type, "data": chunk["data"]})
''')


def test_a_mime_type_narrowed_by_its_branch_is_that_type() -> None:
    assert {(f.rule_id, f.line) for f in check(NARROWED, ("LM401",))} == {("LM401", 8)}


def test_a_mime_type_rebound_in_its_branch_is_not_narrowed() -> None:
    rebound = NARROWED.replace('elif mime_type == "image/jpeg":\n',
                               'elif mime_type == "image/jpeg":\n                    mime_type = "audio/pcm"\n')
    assert rebound != NARROWED
    assert check(rebound, ("LM401",)) == []


# A voice-agent framework's Live class opens the session with the id it is given.
@pytest.mark.parametrize("construct", [
    "google.beta.realtime.RealtimeModel(model={id!r}, voice='Puck', modalities=['AUDIO'])",
    "google.realtime.RealtimeModel(model={id!r})",
    "GeminiMultimodalLiveLLMService(api_key=KEY, model={id!r})",
])
def test_a_frameworks_live_class_takes_a_live_model(construct: str) -> None:
    code = dedent('''
        from livekit.plugins import google
        from pipecat.services.gemini_multimodal_live.gemini import GeminiMultimodalLiveLLMService

        KEY = "k"


        def build():
            print("using gemini-2.0-flash-exp")
            return {construct}
    ''').format(construct=construct.format(id="gemini-2.0-flash-exp"))
    assert [(f.rule_id, f.line) for f in check(code, ("LM001",))] == [("LM001", 9)]


def test_the_same_id_in_a_text_models_call_is_not_live() -> None:
    code = dedent('''
        from google import genai

        client = genai.Client()
        reply = client.models.generate_content(model="gemini-2.0-flash-exp", contents="hi")
    ''')
    assert check(code, ("LM001",)) == []


# ADK: a blob sent with LiveRequestQueue.send_realtime is the Live session's realtime input.
ADK_RELAY = dedent('''
    import base64

    from google.adk.agents.live_request_queue import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig
    from google.genai import types


    async def relay(runner, browser, session):
        queue = LiveRequestQueue()
        events = runner.run_live(session=session, live_request_queue=queue,
                                 run_config=RunConfig(response_modalities=["AUDIO"]))
        while True:
            message = await browser.receive_json()
            if message["type"] == "audio":
                queue.send_realtime(types.Blob(data=base64.b64decode(message["data"]), mime_type="audio/pcm"))
''')


def test_an_adk_queues_realtime_blob_is_live_input() -> None:
    assert [(f.rule_id, f.line) for f in check(ADK_RELAY, ("LM106",))] == [("LM106", 15)]


def test_send_realtime_of_something_else_is_not() -> None:
    other = ADK_RELAY.replace("from google.adk.agents.live_request_queue import LiveRequestQueue\n", "") \
        .replace("queue = LiveRequestQueue()", "queue = make_queue()")
    assert check(other, ("LM106",)) == []


# A raw client sends its instructions as one "system" turn right after setup to get a greeting.
RAW_SYSTEM_TURN = dedent('''
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def connect(instructions):
        ws = await websockets.connect(URI)
        await ws.send(json.dumps({"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-12-2025"}}))
        await ws.recv()
        first = {"client_content": {"turn_complete": True,
                                    "turns": [{"role": "system", "parts": [{"text": instructions}]}]}}
        await ws.send(json.dumps(first))
        return ws
''')


def test_one_system_turn_right_after_setup_is_a_one_shot_prompt_not_a_seed() -> None:
    found = [(f.rule_id, f.line, f.fix is not None) for f in check(RAW_SYSTEM_TURN, ("LM101", "LM102"))]
    assert found == [("LM101", 12, False)]


def test_a_model_turn_after_it_makes_a_history_seed() -> None:
    seed = RAW_SYSTEM_TURN.replace('[{"text": instructions}]}]', '[{"text": instructions}]},\n'
                                   '                                              {"role": "model", "parts": [{"text": "ok"}]}]')
    assert seed != RAW_SYSTEM_TURN
    assert [f.rule_id for f in check(seed, ("LM101", "LM102"))] == ["LM102"]


# ADK: run_live with a browser (or microphone) feeding the LiveRequestQueue in an endless loop.
ADK_APP = dedent('''
    import asyncio
    import json

    from google.adk.agents.live_request_queue import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig
    from google.genai import types


    def build_run_config(mode):
        if mode == "voice":
            return RunConfig(response_modalities=["AUDIO"],
                             output_audio_transcription=types.AudioTranscriptionConfig())
        return RunConfig(response_modalities=["AUDIO"])


    async def endpoint(websocket, runner, session, mode):
        run_config = build_run_config(mode)
        queue = LiveRequestQueue()

        async def forward_events():
            async for event in runner.run_live(session_id=session.id, live_request_queue=queue,
                                               run_config=run_config):
                await websocket.send_json({"type": "event"})

        async def read_client():
            while True:
                message = json.loads(await websocket.receive_text())
                queue.send_realtime(types.Blob(data=message["data"], mime_type="audio/pcm;rate=16000"))

        await asyncio.gather(forward_events(), read_client())
''')


def test_an_adk_session_fed_in_an_endless_loop_runs_long() -> None:
    (finding,) = check(ADK_APP, ("LM402",))
    assert finding.line == 21 and "RunConfig(session_resumption=" in finding.message


def test_an_adk_run_config_with_session_resumption_manages_it() -> None:
    managed = ADK_APP.replace('return RunConfig(response_modalities=["AUDIO"])',
                              'return RunConfig(response_modalities=["AUDIO"], '
                              'session_resumption=types.SessionResumptionConfig())')
    assert managed != ADK_APP
    assert check(managed, ("LM402",)) == []


def test_an_adk_session_fed_once_does_not_run_long() -> None:
    once = ADK_APP.replace("while True:", "if True:")
    assert once != ADK_APP
    assert check(once, ("LM402",)) == []


# An API version constant of a config module that every handler's Live client takes.
VERSION_CONFIG = dedent('''
    API_VERSION = "v1alpha"
    MODEL = "models/gemini-2.0-flash-exp"
''')
VERSION_HANDLER = dedent('''
    from google import genai

    from src.config import API_VERSION, MODEL


    class AudioHandler:
        def __init__(self):
            self.client = genai.Client(http_options={"api_version": API_VERSION})

        async def run(self):
            async with self.client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
                async for message in s.receive():
                    print(message.data)
''')


def test_an_api_version_constant_other_modules_live_clients_take_is_reported_once(tmp_path) -> None:
    files = {"src/__init__.py": "", "src/config.py": VERSION_CONFIG, "src/handlers/__init__.py": "",
             "src/handlers/audio.py": VERSION_HANDLER,
             "src/handlers/camera.py": VERSION_HANDLER.replace("AudioHandler", "CameraHandler")}
    project = write_tree(tmp_path / "p", files)
    assert findings_by_file(project, ("LM007",)) == {"src/config.py": [(1, "LM007")]}


def test_the_constant_given_to_a_token_client_or_a_text_client_is_not(tmp_path) -> None:
    text_only = VERSION_HANDLER.replace("async with self.client.aio.live.connect(model=MODEL, "
                                        "config={\"response_modalities\": [\"AUDIO\"]}) as s:\n"
                                        "            async for message in s.receive():\n"
                                        "                print(message.data)",
                                        "print(self.client.models.generate_content(model=MODEL, contents=\"hi\"))")
    assert text_only != VERSION_HANDLER
    tokens = VERSION_HANDLER.replace("self.client = genai.Client(",
                                     "token = genai.Client().auth_tokens.create(config={})\n"
                                     "        self.client = genai.Client(api_key=token.name, ")
    for handler in (text_only, tokens):
        project = write_tree(tmp_path / str(len(handler)), {"src/__init__.py": "", "src/config.py": VERSION_CONFIG,
                                                            "src/handler.py": handler})
        assert findings_by_file(project, ("LM007",)) == {}


# A raw one-shot prompt on a session whose 2.x id a settings module writes: whether that id
# moves is the other module's fix, so rewriting the prompt for the target is not safe here.
SETTINGS = dedent('''
    GEMINI_MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"
''')
BRIDGE = dedent('''
    import json

    import websockets

    from app.config import GEMINI_MODEL

    URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def bridge():
        async with websockets.connect(URL) as ws:
            await ws.send(json.dumps({"setup": {"model": GEMINI_MODEL}}))
            await ws.recv()
            await ws.send(json.dumps({"clientContent": {"turns": [{"role": "user", "parts": [{"text": "Hello!"}]}],
                                                        "turnComplete": True}}))
''')


def test_a_fix_for_the_target_waits_for_a_model_another_module_writes(tmp_path) -> None:
    from livemigrate.engine import Linter
    from livemigrate.rule import Applicability

    project = write_tree(tmp_path / "p", {"app/__init__.py": "", "app/config.py": SETTINGS, "app/bridge.py": BRIDGE})
    (finding,) = [f for r in Linter().check_paths([project]) for f in r.findings if f.rule_id == "LM101"]
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert any("written in another module" in reason for reason in finding.fix.unsafe_reasons)
