"""A Live session another module's function or method opens from the config this module passes.

Real code (a home-automation integration, run 6) keeps its sessions in a manager: an
``@asynccontextmanager`` method in one module opens ``client.aio.live.connect(model=model,
config=config)`` with its parameters and yields the session; the modules that talk to the model
build the config dict and write ``async with manager.acquire(conversation_id, client, model,
live_config) as session:``, the manager reached through a dict lookup. Those modules opened
nothing the analysis knew, so their reads of ``part.text`` on an AUDIO session went unreported
(six labels). The project index now names such providers (``ModuleFacts.session_providers``),
and a call of one counts as the connect of the session it opens, with the caller's config.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from livemigrate.engine import Linter
from livemigrate.project import build_project_index
from livemigrate.settings import Settings
from harness import dedent, findings_by_file, write_tree

RUNTIME = dedent('''
    from contextlib import asynccontextmanager


    class SessionManager:
        def __init__(self):
            self._open = {}

        @asynccontextmanager
        async def acquire(self, conversation_id, client, model, config):
            session = self._open.get(conversation_id)
            if session is None:
                manager = client.aio.live.connect(model=model, config=config)
                session = await manager.__aenter__()
                self._open[conversation_id] = session
            yield session


    def new_conversation_id():
        return "c1"
''')
CONVERSATION = dedent('''
    from google import genai

    from .runtime import new_conversation_id


    async def ask(hass, entry, model, text, out):
        manager = hass.data["gemini"]["manager"]
        live_config = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
        client = genai.Client()
        async with manager.acquire(new_conversation_id(), client, model, live_config) as session:
            await session.send_realtime_input(text=text)
            async for response in session.receive():
                content = response.server_content
                if not content:
                    continue
                if content.model_turn:
                    for part in content.model_turn.parts or []:
                        if part.text:
                            out.append(part.text)
''')


def _project(tmp_path: Path, runtime: str = RUNTIME, conversation: str = CONVERSATION) -> Path:
    # (the project names its model ids somewhere, as every real one does: the index is built
    # for runs where some file can define one)
    return write_tree(tmp_path / "p", {"pkg/__init__.py": "", "pkg/runtime.py": runtime,
                                       "pkg/conversation.py": conversation,
                                       "pkg/const.py": 'MODELS = ["gemini-2.5-flash-native-audio-preview-12-2025"]\n'})


def test_text_read_on_a_session_a_providers_method_opens_is_reported(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert findings_by_file(project, ("LM304",)) == {"pkg/conversation.py": [(18, "LM304"), (19, "LM304")]}


def test_checked_alone_the_module_knows_no_provider(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert findings_by_file(project / "pkg" / "conversation.py", ("LM304",)) == {}


def test_the_index_names_the_provider_with_its_model_and_config_parameters(tmp_path: Path) -> None:
    project = _project(tmp_path)
    index = build_project_index(sorted(project.rglob("*.py")), [project])
    facts = index.facts_for(project / "pkg" / "conversation.py")
    assert facts is not None
    # a method: matched by its name on any receiver (model: 3rd after self, config: 4th)
    assert facts.session_providers == ((".acquire", 2, "model", 3, "config"),)


def test_a_text_config_passed_to_the_provider_is_a_text_session(tmp_path: Path) -> None:
    project = _project(tmp_path, conversation=CONVERSATION.replace('["AUDIO"]', '["TEXT"]'))
    found = findings_by_file(project, ("LM304", "LM005"))
    assert [rule for _, rule in found.get("pkg/conversation.py", [])] == ["LM005"]


def test_a_function_provider_imported_by_name(tmp_path: Path) -> None:
    runtime = dedent('''
        from contextlib import asynccontextmanager

        from google import genai


        @asynccontextmanager
        async def live_session(config, *, model="gemini-2.5-flash-native-audio-preview-12-2025"):
            client = genai.Client()
            async with client.aio.live.connect(model=model, config=config) as session:
                yield session
    ''')
    conversation = dedent('''
        from .runtime import live_session


        async def ask(text, out):
            async with live_session({"response_modalities": ["AUDIO"]}) as session:
                await session.send_realtime_input(text=text)
                async for response in session.receive():
                    if response.text:
                        out.append(response.text)
    ''')
    project = _project(tmp_path, runtime, conversation)
    index = build_project_index(sorted(project.rglob("*.py")), [project])
    facts = index.facts_for(project / "pkg" / "conversation.py")
    assert facts is not None and facts.session_providers == (("live_session", -1, "model", 0, "config"),)
    assert findings_by_file(project, ("LM304",)) == {"pkg/conversation.py": [(8, "LM304"), (9, "LM304")]}


@pytest.mark.parametrize("change", [
    # the function returns nothing it opened: not a provider
    ("        yield session\n", "        return\n"),
    # the config is not a parameter of the method: the caller's argument is not the session's
    ("connect(model=model, config=config)", "connect(model=model, config={})"),
])
def test_not_a_provider(tmp_path: Path, change: tuple[str, str]) -> None:
    runtime = RUNTIME.replace(*change)
    assert runtime != RUNTIME
    project = _project(tmp_path, runtime)
    index = build_project_index(sorted(project.rglob("*.py")), [project])
    facts = index.facts_for(project / "pkg" / "conversation.py")
    assert facts is None or not facts.session_providers
    assert findings_by_file(project, ("LM304",)) == {}


def test_a_method_of_that_name_is_not_a_provider_where_the_module_imports_nothing_of_its_module(
        tmp_path: Path) -> None:
    conversation = CONVERSATION.replace("from .runtime import new_conversation_id\n", "") \
        .replace("new_conversation_id()", '"c1"')
    project = _project(tmp_path, conversation=conversation)
    assert findings_by_file(project, ("LM304",)) == {}


# --- a settings default handed to another module's class that opens the session --------------
SETTINGS = dedent('''
    from pydantic_settings import BaseSettings


    class Settings(BaseSettings):
        gemini_api_key: str = ""
        gemini_model: str = "gemini-2.0-flash-exp"


    settings = Settings()
''')
BRIDGE = dedent('''
    from google import genai


    class LiveVoiceBridge:
        def __init__(self, websocket, api_key: str, model: str):
            self.websocket = websocket
            self.client = genai.Client(api_key=api_key)
            self.model = model

        async def run(self):
            async with self.client.aio.live.connect(model=self.model, config={"response_modalities": ["AUDIO"]}) as s:
                async for message in s.receive():
                    await self.websocket.send_bytes(message.data)
''')
ROUTER = dedent('''
    from app.core.settings import settings
    from app.services.live_voice import LiveVoiceBridge


    async def endpoint(websocket):
        bridge = LiveVoiceBridge(websocket=websocket, api_key=settings.gemini_api_key, model=settings.gemini_model)
        await bridge.run()
''')


def test_a_settings_default_another_module_hands_to_a_live_class_is_a_live_model(tmp_path: Path) -> None:
    """Run 7: settings.py's default reaches live.connect through the router (a third module)
    passing it to the bridge class's model parameter; its id was not reported."""
    project = write_tree(tmp_path / "p", {"app/__init__.py": "", "app/core/__init__.py": "",
                                          "app/services/__init__.py": "", "app/api/__init__.py": "",
                                          "app/core/settings.py": SETTINGS, "app/services/live_voice.py": BRIDGE,
                                          "app/api/websocket.py": ROUTER})
    assert findings_by_file(project, ("LM001",)) == {"app/core/settings.py": [(6, "LM001")]}
    # handed to a class whose parameter is not the session's model: not a Live model
    other = write_tree(tmp_path / "q", {"app/__init__.py": "", "app/core/__init__.py": "",
                                        "app/services/__init__.py": "", "app/api/__init__.py": "",
                                        "app/core/settings.py": SETTINGS,
                                        "app/services/live_voice.py": BRIDGE.replace("model=self.model",
                                                                                     'model="gemini-3.1-flash-live-preview"'),
                                        "app/api/websocket.py": ROUTER})
    assert findings_by_file(other, ("LM001",)) == {}


# --- a config built by another module's builder -------------------------------------------
CONFIG_MODULE = dedent('''
    from google.genai import types

    MODEL = "gemini-3.1-flash-live-preview"


    def build_live_config(audio_enabled: bool = True) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=["AUDIO"] if audio_enabled else ["TEXT"],
            context_window_compression=types.ContextWindowCompressionConfig(
                sliding_window=types.SlidingWindow()),
        )
''')
LOOP_MODULE = dedent('''
    import asyncio

    from google import genai
    from google.genai import types

    from .config import MODEL, build_live_config


    class LiveLoop:
        def __init__(self, camera):
            self.client = genai.Client()
            self.camera = camera
            self.live_config = build_live_config(audio_enabled=True)

        async def run(self):
            async with self.client.aio.live.connect(model=MODEL, config=self.live_config) as session:
                while True:
                    frame = await self.camera.read()
                    await session.send_realtime_input(video=types.Blob(data=frame, mime_type="image/jpeg"))
                    await asyncio.sleep(1)
''')


def _config_project(tmp_path: Path, config: str = CONFIG_MODULE) -> Path:
    return write_tree(tmp_path / "p", {"app/__init__.py": "", "app/config.py": config,
                                       "app/live_loop.py": LOOP_MODULE})


def test_a_config_from_another_modules_builder_that_never_names_turn_coverage(tmp_path: Path) -> None:
    """Run 7: video on a session whose config config.py's build_live_config builds, which
    never names turn_coverage: LM401 (the builder sets compression, so no LM402)."""
    project = _config_project(tmp_path)
    assert findings_by_file(project, ("LM401", "LM402")) == {"app/live_loop.py": [(16, "LM401")]}
    facts = build_project_index(sorted(project.rglob("*.py")), [project]).facts_for(project / "app" / "live_loop.py")
    assert facts is not None
    (builder,) = facts.config_builders
    assert builder[0] == "build_live_config" and "context_window_compression" in builder[1]
    assert "turn_coverage" not in builder[1]


def test_a_builder_whose_module_names_the_field_may_set_it(tmp_path: Path) -> None:
    config = CONFIG_MODULE.replace("    )\n", "        realtime_input_config=types.RealtimeInputConfig(\n"
                                   "            turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),\n"
                                   "    )\n")
    assert config != CONFIG_MODULE
    assert findings_by_file(_config_project(tmp_path, config), ("LM401", "LM402")) == {}


def test_without_the_builders_module_the_config_stays_unknown(tmp_path: Path) -> None:
    project = _config_project(tmp_path)
    assert findings_by_file(project / "app" / "live_loop.py", ("LM401", "LM402")) == {}


# A config kept as a module-level constant of a settings module (run 11: a push-to-talk
# device app whose app_config.py holds GEMINI_CONFIG = {...} and adds a key under a flag).
CONSTANT_CONFIG = dedent('''
    import json

    _CFG = json.load(open("config.json"))
    MODEL = _CFG["gemini"].get("model", "gemini-2.5-flash-native-audio-preview-12-2025")
    VOICE_NAME = _CFG["gemini"].get("voice")

    GEMINI_CONFIG = {
        "response_modalities": ["AUDIO"],
        "realtime_input_config": {"automatic_activity_detection": {"disabled": True}},
        "output_audio_transcription": {},
    }
    if VOICE_NAME:
        GEMINI_CONFIG["speech_config"] = {"voice_config": {"prebuilt_voice_config": {"voice_name": VOICE_NAME}}}
''')
CONSTANT_USER = dedent('''
    import asyncio

    from google import genai
    from google.genai import types

    import app_config as cfg


    async def run(read_chunk, play):
        client = genai.Client()
        async with client.aio.live.connect(model=cfg.MODEL, config=cfg.GEMINI_CONFIG) as session:
            async def receive():
                while True:
                    async for message in session.receive():
                        if message.data:
                            play(message.data)

            task = asyncio.create_task(receive())
            while True:
                chunk = await read_chunk()
                await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
''')


def test_a_config_constant_of_another_module_that_never_names_the_field(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"app_config.py": CONSTANT_CONFIG, "device.py": CONSTANT_USER})
    assert findings_by_file(project, ("LM402",)) == {"device.py": [(11, "LM402")]}
    facts = build_project_index(sorted(project.rglob("*.py")), [project]).facts_for(project / "device.py")
    assert facts is not None and ("cfg.GEMINI_CONFIG", ) == tuple(b[0] for b in facts.config_builders
                                                                 if b[0].endswith("CONFIG"))


def test_a_config_constant_whose_module_names_the_field_may_set_it(tmp_path: Path) -> None:
    config = CONSTANT_CONFIG.replace('"output_audio_transcription": {},\n',
                                     '"output_audio_transcription": {},\n    "session_resumption": {},\n')
    assert config != CONSTANT_CONFIG
    project = write_tree(tmp_path / "p", {"app_config.py": config, "device.py": CONSTANT_USER})
    assert findings_by_file(project, ("LM402",)) == {}
    assert findings_by_file(project / "device.py", ("LM402",)) == {}  # alone: the config is unknown


# --- a session another module keeps open in its loop ---------------------------------------
OPENER = dedent('''
    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    def create_live_session(client: genai.Client, prompt: str):
        config = types.LiveConnectConfig(response_modalities=["AUDIO"], system_instruction=prompt)
        return client.aio.live.connect(model=MODEL, config=config)
''')
HANDLER = dedent('''
    from gemini_session import create_live_session


    async def handle(websocket, client, prompt):
        async def open_session():
            manager = create_live_session(client, prompt)
            return await manager.__aenter__()

        session = await open_session()
        while True:
            chunk = await websocket.receive_bytes()
            await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
''')


def test_a_session_another_module_keeps_open_in_its_loop_runs_long(tmp_path: Path) -> None:
    """Run 7: the tutor's session module returns live.connect(...); the server's websocket
    handler enters it and streams for as long as the browser stays."""
    project = write_tree(tmp_path / "p", {"gemini_session.py": OPENER, "main.py": HANDLER})
    found = findings_by_file(project, ("LM402",))
    assert found == {"gemini_session.py": [(9, "LM402")]}
    (report,) = [r for r in Linter(Settings(select=("LM402",))).check_paths([project])
                 if r.path.endswith("gemini_session.py")]
    assert "(main.py:6 keeps it open in a loop that runs until stopped)" in report.findings[0].message


def test_a_caller_that_asks_once_or_retries_does_not_keep_it_open(tmp_path: Path) -> None:
    retry = HANDLER.replace("    while True:\n", "    attempts = 0\n    while attempts < 3:\n")
    assert retry != HANDLER
    project = write_tree(tmp_path / "p", {"gemini_session.py": OPENER, "main.py": retry})
    assert findings_by_file(project, ("LM402",)) == {}
    assert findings_by_file(project / "gemini_session.py", ("LM402",)) == {}


CLIENT_MODULE = dedent('''
    from google import genai

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    GENAI = genai.Client()


    class RealLiveClient:
        async def connect(self, prompt):
            manager = GENAI.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]})
            return await manager.__aenter__()


    def get_client():
        return RealLiveClient()
''')
CLIENT_HANDLER = dedent('''
    import websockets

    from live_client import get_client


    async def handle(browser):
        client = get_client()
        session = await client.connect("hi")
        while True:
            chunk = await browser.recv()
            await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
''')


def test_an_opener_method_is_matched_on_a_receiver_from_its_module_only(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"live_client.py": CLIENT_MODULE, "handler.py": CLIENT_HANDLER})
    assert findings_by_file(project, ("LM402",)) == {"live_client.py": [(9, "LM402")]}
    # a socket library's `.connect(` in the loop's function is not the opener
    other = CLIENT_HANDLER.replace('session = await client.connect("hi")',
                                   'session = await websockets.connect("wss://example")')
    assert other != CLIENT_HANDLER
    project = write_tree(tmp_path / "q", {"live_client.py": CLIENT_MODULE, "handler.py": other})
    assert findings_by_file(project, ("LM402",)) == {}
