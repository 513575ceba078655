"""Shapes measurement 13's fix hunks showed wrong (written from the shapes, not the
repositories' code)."""

from __future__ import annotations

from harness import check, dedent, fixed_text

# A text session on a half-cascade model (LM005 moves it to AUDIO with LM001's move) whose
# receive loop takes a message without text for the end of a turn (the `else`).
TEXT_SESSION = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()
    MODEL = "gemini-2.0-flash-live-001"
    CONFIG = types.LiveConnectConfig(response_modalities=["TEXT"])


    async def listen(queue):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            async for response in session.receive():
                if text := response.text:
                    await queue.put(text)
                else:
                    await queue.put("Turn end")
''')


def test_a_text_test_with_an_else_keeps_the_modality_for_a_human() -> None:
    # On AUDIO every audio chunk is a message without text: the `else` that marked a turn's end
    # would run per chunk. The modality move is the program's call, so no fix.
    (finding,) = check(TEXT_SESSION, ("LM005",))
    assert finding.fix is None and "line 12" in finding.message
    after = fixed_text(TEXT_SESSION, unsafe=True)
    assert 'response_modalities=["TEXT"]' in after and "output_transcription" not in after


def test_a_text_test_without_an_else_still_moves_to_audio() -> None:
    code = TEXT_SESSION.replace('            else:\n                await queue.put("Turn end")\n', "")
    (finding,) = check(code, ("LM005",))
    assert finding.fix is not None
    after = fixed_text(code, unsafe=True)
    assert 'response_modalities=["AUDIO"]' in after and "output_transcription.text" in after


def test_an_elif_on_the_turns_end_is_not_a_catch_all() -> None:
    code = TEXT_SESSION.replace("            else:\n",
                                "            elif response.server_content and response.server_content.turn_complete:\n")
    (finding,) = check(code, ("LM005",))
    assert finding.fix is not None


# A session class in one module sends what its method's parameter says as the audio's MIME
# type; another module passes it a bare `audio/pcm` (a browser message's default).
SENDER = dedent('''
    from google import genai
    from google.genai import types


    class GeminiSession:
        def __init__(self):
            self.client = genai.Client()
            self.session = None

        async def start(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            self.session = await self.client.aio.live.connect(
                model="gemini-2.5-flash-native-audio-preview-12-2025", config=config)

        async def send_audio_chunk(self, audio: bytes, mime_type: str = "audio/pcm;rate=16000"):
            await self.session.send_realtime_input(audio=types.Blob(data=audio, mime_type=mime_type))

        async def log_chunk(self, audio: bytes, mime_type: str):
            print(len(audio), mime_type)
''')
CALLER = dedent('''
    import base64

    from gemini_live import GeminiSession


    async def relay(websocket):
        gemini = GeminiSession()
        await gemini.start()
        async for data in websocket.iter_json():
            audio = base64.b64decode(data["data"])
            mime_type = data.get("mime_type", "audio/pcm")
            await gemini.send_audio_chunk(audio, mime_type)
''')


def test_a_bare_pcm_passed_to_another_modules_sending_method_is_reported(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"gemini_live.py": SENDER, "main.py": CALLER})
    assert findings_by_file(project, ("LM106",)) == {"main.py": [(11, "LM106")]}


def test_the_same_by_keyword_is_reported(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    caller = CALLER.replace("send_audio_chunk(audio, mime_type)", "send_audio_chunk(audio=audio, mime_type=mime_type)")
    project = write_tree(tmp_path / "p", {"gemini_live.py": SENDER, "main.py": caller})
    assert findings_by_file(project, ("LM106",)) == {"main.py": [(11, "LM106")]}


def test_a_method_that_does_not_send_its_mime_type_is_not_a_sender(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    caller = CALLER.replace("send_audio_chunk(audio, mime_type)", "log_chunk(audio, mime_type)")
    project = write_tree(tmp_path / "p", {"gemini_live.py": SENDER, "main.py": caller})
    assert findings_by_file(project, ("LM106",)) == {}


def test_a_rate_passed_to_the_sending_method_is_fine(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    caller = CALLER.replace('"audio/pcm")', '"audio/pcm;rate=16000")')
    project = write_tree(tmp_path / "p", {"gemini_live.py": SENDER, "main.py": caller})
    assert findings_by_file(project, ("LM106",)) == {}


def test_an_elif_on_the_data_after_the_server_content_is_dead_code_not_a_skip() -> None:
    # Measurement 14: `if response.server_content: ... elif response.data:` (an older SDK's
    # fallback). `.data` reads the server content's parts, so the elif never runs on any model.
    code = dedent('''
        from google import genai
        client = genai.Client()


        async def main(ws):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                async for response in session.receive():
                    if response.server_content:
                        sc = response.server_content
                        if sc.model_turn:
                            await ws.send(sc.model_turn)
                    elif getattr(response, "data", None):
                        await ws.send(response.data)
    ''')
    assert check(code, ("LM302",)) == []
    # the same fallback after a field of the content is reachable: the audio of a message with
    # a model turn is skipped when its test is the turn's end
    reachable = code.replace("if response.server_content:", "if response.server_content.turn_complete:")
    assert [f.rule_id for f in check(reachable, ("LM302",))] == ["LM302"]


def test_a_logged_presence_flag_of_a_parts_text_is_not_what_the_model_said() -> None:
    # Measurement 14: a debug line logs whether each part has text (`... is not None`); the words
    # are never used there.
    code = dedent('''
        import logging

        from google import genai

        client = genai.Client()
        log = logging.getLogger(__name__)


        async def main(out):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                async for response in session.receive():
                    for part in response.server_content.model_turn.parts:
                        log.debug("part: text=%s audio=%s", getattr(part, "text", None) is not None,
                                  part.inline_data is not None)
                        print("has text:", part.text is None)
                        out.play(part.inline_data.data)
    ''')
    assert check(code, ("LM304",)) == []
    used = code.replace('getattr(part, "text", None) is not None', 'getattr(part, "text", None)')
    assert [f.line for f in check(used, ("LM304",))] == [14]


def test_a_dict_declaration_in_a_tool_module_beside_the_live_handler_is_non_blocking(tmp_path) -> None:
    # Measurement 14: a tools module writes its declarations as dicts with "behavior"; an
    # endpoint module collects them and a session class in a third module connects with them.
    from harness import findings_by_file, write_tree

    tools = dedent('''
        SAVE_TOOL_DEF = {
            "name": "save_artifact",
            "behavior": "NON_BLOCKING",
            "description": "Save what was decided.",
            "parameters": {"type": "object", "properties": {}},
        }
        SEARCH_TOOL_DEF = {
            "function_declarations": [
                {"name": "search", "behavior": "NON_BLOCKING"},
            ],
        }
        NOT_A_TOOL = {"behavior": "NON_BLOCKING", "mood": "calm"}
    ''')
    session = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()


        class Audio:
            def __init__(self, tools=None):
                self.tools = tools

            async def start(self):
                config = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=self.tools)
                async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                                   config=config) as s:
                    await s.send_realtime_input(text="hi")
    ''')
    project = write_tree(tmp_path / "p", {"tool_defs.py": tools, "gemini_audio.py": session})
    assert findings_by_file(project, ("LM201",)) == {"tool_defs.py": [(3, "LM201"), (9, "LM201")]}
    from livemigrate.engine import Linter
    from livemigrate.settings import Settings

    list(Linter(Settings(unsafe_fixes=True, select=("LM201",))).fix_paths([project]))
    fixed = (project / "tool_defs.py").read_text()
    assert fixed.count('"behavior"') == 1 and '"name": "search"}' in fixed and "NOT_A_TOOL = {\"behavior\"" in fixed


LIVEKIT = dedent('''
    from google.genai import types
    from livekit.plugins import google

    from config import MODEL


    def build_model():
        return google.beta.realtime.RealtimeModel(
            model=MODEL,
            voice="Puck",
            proactivity=True,
            enable_affective_dialog=True,
            thinking_config=types.ThinkingConfig(thinking_budget=0),
        )
''')


def test_livekits_gemini_model_takes_the_live_configs_fields() -> None:
    # Measurement 14: LiveKit's plugin opens the session with these keywords as its config.
    found = [(f.rule_id, f.line) for f in check(LIVEKIT, ("LM002", "LM003", "LM004"))]
    assert sorted(found) == [("LM002", 13), ("LM003", 11), ("LM004", 12)]


def test_livekits_gemini_model_under_an_import_alias() -> None:
    code = LIVEKIT.replace("from livekit.plugins import google",
                           "from livekit.plugins.google.beta import realtime as google_realtime").replace(
        "google.beta.realtime.RealtimeModel", "google_realtime.RealtimeModel")
    found = [(f.rule_id, f.line) for f in check(code, ("LM002", "LM003", "LM004"))]
    assert sorted(found) == [("LM002", 13), ("LM003", 11), ("LM004", 12)]


def test_livekits_tool_response_scheduling_is_response_scheduling() -> None:
    code = LIVEKIT.replace('        voice="Puck",\n', '        voice="Puck",\n        tool_response_scheduling="WHEN_IDLE",\n')
    assert code != LIVEKIT
    assert [(f.rule_id, f.line) for f in check(code, ("LM202",))] == [("LM202", 11)]


def test_another_plugins_realtime_model_is_not_gemini() -> None:
    code = LIVEKIT.replace("from livekit.plugins import google", "from livekit.plugins import openai").replace(
        "google.beta.realtime", "openai.realtime")
    assert check(code, ("LM002", "LM003", "LM004")) == []


ADK_CAMERA = dedent('''
    import asyncio

    from google.adk.agents import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig
    from google.genai import types


    async def upstream(websocket, queue):
        while True:
            msg = await websocket.receive_json()
            if msg["type"] == "audio":
                queue.send_realtime(types.Blob(data=msg["data"], mime_type="audio/pcm;rate=16000"))
            elif msg["type"] == "frame":
                queue.send_realtime(types.Blob(data=msg["data"], mime_type=msg.get("mime", "image/jpeg")))


    async def session(websocket, runner, user):
        queue = LiveRequestQueue()
        run_config = RunConfig(response_modalities=["AUDIO"], session_resumption=types.SessionResumptionConfig())
        task = asyncio.create_task(upstream(websocket, queue))
        async for event in runner.run_live(user_id=user, live_request_queue=queue, run_config=run_config):
            await websocket.send_json(event.model_dump())
''')


def test_camera_frames_an_adk_queue_sends_are_video_of_its_session() -> None:
    # Measurement 14: ADK apps stream camera frames with LiveRequestQueue.send_realtime; the
    # RunConfig (ADK's connect config) sets no turn coverage.
    (finding,) = check(ADK_CAMERA, ("LM401",))
    assert finding.line == 21 and "line 14" in finding.message


def test_an_adk_session_with_only_audio_streams_no_video() -> None:
    code = ADK_CAMERA.replace('mime_type=msg.get("mime", "image/jpeg")', 'mime_type="audio/pcm;rate=16000"')
    assert check(code, ("LM401",)) == []


def test_an_adk_run_config_with_turn_coverage_is_fine() -> None:
    code = ADK_CAMERA.replace(
        "session_resumption=types.SessionResumptionConfig())",
        "session_resumption=types.SessionResumptionConfig(),\n"
        "                           realtime_input_config=types.RealtimeInputConfig(\n"
        "                               turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY))")
    assert check(code, ("LM401",)) == []


RAW_WRAPPER_USER = dedent('''
    import os

    from .raw_session import RawLiveSession, connect_raw_live

    API_KEY = os.environ["GEMINI_API_KEY"]


    class Supervisor:
        async def run(self, setup):
            async with connect_raw_live(API_KEY, setup) as session:
                async for event in session.receive():
                    if "toolCall" in event:
                        await self._dispatch(session, event["toolCall"]["functionCalls"])

        async def _dispatch(self, session, calls):
            for fc in calls:
                await session.send_tool_response(function_responses=[{
                    "id": fc["id"], "name": fc["name"], "response": {"ok": True},
                    "will_continue": True,
                    "scheduling": "SILENT",
                }])


    async def test_the_wrapper_camelcases_scheduling(fake_socket):
        sess = RawLiveSession(_ws=fake_socket)
        await sess.send_tool_response(function_responses=[{
            "id": "1", "name": "ping", "response": {}, "will_continue": True, "scheduling": "SILENT"}])
''')


def test_scheduling_sent_through_a_raw_sockets_wrapper_session_is_live() -> None:
    # Measurement 14: Gemini code without the SDK wraps a raw socket in a class with the SDK's
    # method names; its tool responses on an opened session carry scheduling. A test building
    # the wrapper around a fake socket sends nothing to Live.
    found = [(f.rule_id, f.line) for f in check(RAW_WRAPPER_USER, ("LM202",))]
    assert found == [("LM202", 19), ("LM202", 20)]


def test_a_setup_naming_its_model_in_an_f_string_is_live_in_gemini_code() -> None:
    # Measurement 14: a raw socket's wrapper names the model `f"models/{model}"`; its caller
    # passes the URL. In Gemini code such a setup frame is Live's (a literal "models/..." was).
    code = dedent('''
        import base64
        import json
        import os

        import websockets

        KEY = os.environ["GEMINI_API_KEY"]


        class RawSession:
            def __init__(self, ws):
                self._ws = ws

            async def send_audio(self, audio, mime_type):
                await self._ws.send(json.dumps({"realtimeInput": {"mediaChunks": [
                    {"mimeType": mime_type, "data": base64.b64encode(audio).decode("ascii")}]}}))


        async def connect_raw(url, model):
            ws = await websockets.connect(url)
            await ws.send(json.dumps({"setup": {"model": f"models/{model}"}}))
            return RawSession(ws)
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM104",))] == [("LM104", 15)]
    assert check(code.replace('KEY = os.environ["GEMINI_API_KEY"]', 'KEY = os.environ["CHAT_KEY"]'), ("LM104",)) == []


def test_a_sender_re_exported_by_a_package_under_a_folder_that_is_no_package(tmp_path) -> None:
    # Measurement 14: `live-api/` holds an __init__.py but cannot be a package (its name is no
    # identifier); its server inserts it on sys.path and imports `from core import SessionManager`,
    # which core/__init__.py re-exports from core/session_manager.py.
    from harness import findings_by_file, write_tree

    caller = dedent('''
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).parent.parent))

        from core import GeminiSession


        async def relay(gemini, chunk):
            await gemini.send_audio_chunk(chunk, "audio/pcm")
    ''')
    project = write_tree(tmp_path / "repo", {
        "live-api/__init__.py": "",
        "live-api/core/__init__.py": "from .gemini_live import GeminiSession\n",
        "live-api/core/gemini_live.py": SENDER,
        "live-api/server/proxy.py": caller,
    })
    assert findings_by_file(project, ("LM106",)) == {"live-api/server/proxy.py": [(10, "LM106")]}


def test_a_session_method_called_through_a_name_is_a_session_call() -> None:
    # Measurement 14: `send = cast(..., getattr(self._session, "send_client_content"))`, then
    # `await send(turns=...)`. Reported on the call; no rewrite through the name.
    code = dedent('''
        from typing import Any, Awaitable, Callable, cast

        from google import genai

        client = genai.Client()


        class Live:
            async def start(self):
                self._session = await client.aio.live.connect(
                    model="gemini-2.5-flash-native-audio-preview-12-2025", config={"response_modalities": ["AUDIO"]}
                ).__aenter__()
                await self._session.send_realtime_input(text="hello")

            async def send_text(self, text: str):
                send_client_content = cast(Callable[..., Awaitable[Any]], getattr(self._session, "send_client_content"))
                await send_client_content(turns={"role": "user", "parts": [{"text": text}]}, turn_complete=True)
    ''')
    (finding,) = check(code, ("LM101",))
    assert finding.line == 17 and finding.fix is None


def test_tool_calls_copied_into_a_list_of_calls_made_are_not_answered() -> None:
    # Measurement 14: an evaluation harness records each call (`dict(fc.args)`) and never answers.
    code = dedent('''
        from google import genai
        from google.genai.types import Blob, LiveConnectConfig

        from schemas import TOOL_SCHEMAS

        client = genai.Client()


        async def evaluate(audio, prompt):
            config = LiveConnectConfig(system_instruction=prompt, tools=[{"function_declarations": TOOL_SCHEMAS}])
            made = []
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config=config) as session:
                await session.send_realtime_input(audio=Blob(data=audio, mime_type="audio/pcm;rate=16000"))
                async for response in session.receive():
                    if response.tool_call:
                        for fc in response.tool_call.function_calls:
                            made.append({"name": fc.name, "args": dict(fc.args)})
            return made
    ''')
    assert [f.line for f in check(code, ("LM305",))] == [16]


API_ANSWERS = dedent('''
    from typing import Any, Awaitable, Callable, cast

    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"], "tools": [{"function_declarations": [{"name": "lights"}]}]}


    class LiveClient:
        def __init__(self):
            self._pending = {}
            self._handlers = []

        async def run(self):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config=CONFIG) as session:
                self._session = session
                async for response in session.receive():
                    if hasattr(response, "tool_call") and response.tool_call:
                        await self._handle_tool_call(response.tool_call)

        async def _handle_tool_call(self, tool_call):
            for fc in tool_call.function_calls:
                self._pending[fc.id] = fc.name
                for handler in self._handlers:
                    await handler({"call_id": fc.id, "name": fc.name, "args": dict(fc.args)})

        async def send_function_result(self, call_id: str, result: Any) -> None:
            name = self._pending.pop(call_id)
            send_tool = cast(Callable[..., Awaitable[Any]], getattr(self._session, "send_tool_response"))
            await send_tool(function_responses=[types.FunctionResponse(id=call_id, name=name, response=result)])
''')


def test_tool_calls_answered_through_the_modules_public_method_are_answered() -> None:
    # Measurement 14: the client emits each call to handlers registered from outside; they
    # answer through its public send_function_result.
    assert check(API_ANSWERS, ("LM305",)) == []
    # the loop only logging the call: its users never learn of it
    logged = API_ANSWERS.replace("await self._handle_tool_call(response.tool_call)", "print(response.tool_call)")
    assert [f.line for f in check(logged, ("LM305",))] == [20]


KEY_AS_TOKEN = dedent('''
    import os

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    GOOGLE_API_KEY = os.getenv("GOOGLE_API_KEY")


    def create_ephemeral_token() -> dict:
        """Config for client-side Live access (ephemeral tokens can come later)."""
        return {
            "token": GOOGLE_API_KEY,
            "model": MODEL,
            "config": {"model": f"models/{MODEL}", "generationConfig": {"responseModalities": ["AUDIO"]}},
        }


    def client_kwargs() -> dict:
        return {"api_key": GOOGLE_API_KEY}
''')


def test_the_key_returned_as_a_clients_token_is_handed_out() -> None:
    # Measurement 14: a helper another module's /api/ephemeral-token handler returns passes the
    # long-lived key off as the browser's token.
    assert [(f.rule_id, f.line) for f in check(KEY_AS_TOKEN, ("LM501",))] == [("LM501", 10)]
    renamed = KEY_AS_TOKEN.replace("create_ephemeral_token", "browser_config").replace('"token"', '"key"')
    assert check(renamed, ("LM501",)) == []


def test_a_config_passed_to_another_modules_session_class_is_a_live_config(tmp_path) -> None:
    # Measurement 14: a demo passes SessionManager(config={... "response_modalities": ["TEXT"]});
    # the class's connect spreads it into the session's config.
    from harness import findings_by_file, write_tree

    manager = dedent('''
        class SessionManager:
            def __init__(self, client, model, config=None):
                self.client = client
                self.model = model
                self.config = config or {}

            async def connect(self):
                session_config = {"response_modalities": ["AUDIO"], **self.config}
                self._cm = self.client.aio.live.connect(model=self.model, config=session_config)
                self.session = await self._cm.__aenter__()
    ''')
    demo = dedent('''
        from google import genai

        from session_manager import SessionManager


        async def main():
            client = genai.Client()
            session = SessionManager(
                client=client,
                model="gemini-2.5-flash-native-audio-preview-12-2025",
                config={"response_modalities": ["TEXT"]},
            )
            await session.connect()
    ''')
    project = write_tree(tmp_path / "p", {"session_manager.py": manager, "demo.py": demo})
    assert findings_by_file(project, ("LM005",)) == {"demo.py": [(11, "LM005")]}


def test_a_v1alpha_client_handed_to_another_modules_session_class_is_a_live_client(tmp_path) -> None:
    # Measurement 14: the relay builds a v1alpha client and hands it to SessionManager, whose
    # connect opens the Live session on it.
    from harness import findings_by_file, write_tree

    manager = dedent('''
        class SessionManager:
            def __init__(self, client, model, config=None):
                self.client = client
                self.model = model
                self.config = config or {}

            async def connect(self):
                self._cm = self.client.aio.live.connect(model=self.model, config=self.config)
                self.session = await self._cm.__aenter__()
    ''')
    relay = dedent('''
        import os

        from google import genai

        from session_manager import SessionManager


        async def connect():
            client = genai.Client(api_key=os.getenv("GOOGLE_API_KEY"), http_options={"api_version": "v1alpha"})
            session = SessionManager(client=client, model="gemini-2.5-flash-native-audio-preview-12-2025")
            await session.connect()
    ''')
    project = write_tree(tmp_path / "p", {"session_manager.py": manager, "relay.py": relay})
    assert findings_by_file(project, ("LM007",)) == {"relay.py": [(9, "LM007")]}


VERTEX_KWARGS = dedent('''
    from google import genai
    from google.genai import types


    class GeminiLive:
        def __init__(self, project_id, location, model, api_version=None):
            self.model = model
            client_kwargs = dict(vertexai=True, project=project_id, location=location)
            if api_version:
                client_kwargs["http_options"] = {"api_version": api_version}
            self.client = genai.Client(**client_kwargs)

        async def run(self, frames):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            async with self.client.aio.live.connect(model=self.model, config=config) as session:
                async for frame in frames:
                    await session.send_realtime_input(video=types.Blob(data=frame, mime_type="image/jpeg"))
''')


def test_a_client_built_from_a_kwargs_dict_with_vertexai_is_on_vertex() -> None:
    # Measurement 15: `genai.Client(**client_kwargs)` where `client_kwargs = dict(vertexai=True,
    # ...)`: a Vertex AI session on a model a caller passes stays on its 2.x model (no LM401).
    assert check(VERTEX_KWARGS, ("LM401",)) == []
    flagged_later = VERTEX_KWARGS.replace('client_kwargs["http_options"]', 'client_kwargs["vertexai"]')
    assert [f.rule_id for f in check(flagged_later, ("LM401",))] == ["LM401"]


MIXIN_BUILDER = dedent('''
    from google.genai import types


    class ConfigBuilderMixin:
        def _build_config(self):
            kwargs = {"response_modalities": ["AUDIO"]}
            if not self.config.is_31_model:
                kwargs["enable_affective_dialog"] = True
            else:
                kwargs["history_config"] = types.HistoryConfig(initial_history_in_client_content=True)
            return types.LiveConnectConfig(**kwargs)
''')
MIXIN_SESSION = dedent('''
    from google import genai
    from google.genai import types

    from config_builder import ConfigBuilderMixin

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    class LiveSession(ConfigBuilderMixin):
        def __init__(self, config):
            self.config = config
            self.summary = None

        async def run(self):
            client = genai.Client(api_key=self.config.api_key, http_options={"api_version": "v1alpha"})
            live_config = self._build_config()
            async with client.aio.live.connect(model=MODEL, config=live_config) as session:
                if self.summary:
                    turns = [types.Content(role="model", parts=[types.Part.from_text(text=self.summary)])]
                    await session.send_client_content(turns=turns, turn_complete=False)
                async for message in session.receive():
                    pass
''')
MIXIN_MAIN = dedent('''
    import asyncio

    from session import LiveSession


    async def main(config):
        live = LiveSession(config)
        while True:
            try:
                await live.run()
            except Exception:
                await asyncio.sleep(3)
''')


def test_a_mixins_config_builder_and_a_reconnect_loop(tmp_path) -> None:
    # Measurement 15: the session class takes its config from a mixin of another module that
    # declares the history seed (for 3.1) and sets affective dialog (for 2.x), and main runs
    # it in a reconnect loop. The seed right after connect is a seed of each new session (not
    # a send per message), declared where this module cannot see; v1alpha serves the 2.x side.
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"config_builder.py": MIXIN_BUILDER, "session.py": MIXIN_SESSION,
                                          "main.py": MIXIN_MAIN})
    assert findings_by_file(project, ("LM101", "LM102", "LM007")) == {}
    plain = MIXIN_BUILDER.replace("history_config", "speech_config").replace("HistoryConfig(initial_history_in_client_content=True)", "SpeechConfig()")
    project = write_tree(tmp_path / "q", {"config_builder.py": plain, "session.py": MIXIN_SESSION, "main.py": MIXIN_MAIN})
    assert findings_by_file(project, ("LM101", "LM102")) == {"session.py": [(20, "LM102")]}


def test_a_frame_sent_for_a_tool_call_is_not_streamed_video() -> None:
    # Measurement 14's hunks: a camera tool sends the frame the model asked for after the tool
    # response; only-activity coverage would drop it, and nothing is streamed.
    code = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()
        CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"],
                                         tools=[{"function_declarations": [{"name": "get_camera_view"}]}])


        async def main(camera):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
                async for response in session.receive():
                    if response.tool_call:
                        for fc in response.tool_call.function_calls:
                            await session.send_tool_response(function_responses=[
                                types.FunctionResponse(id=fc.id, name=fc.name, response={"ok": True})])
                            await session.send_realtime_input(video=types.Blob(data=camera.jpeg(), mime_type="image/jpeg"))
    ''')
    assert check(code, ("LM401",)) == []
    streamed = code.replace("        async for response in session.receive():\n",
                            "        async for frame in camera.frames():\n"
                            "            await session.send_realtime_input(video=types.Blob(data=frame, mime_type=\"image/jpeg\"))\n"
                            "        async for response in session.receive():\n")
    assert streamed != code and [f.rule_id for f in check(streamed, ("LM401",))] == ["LM401"]


def test_an_id_passed_in_and_asserted_back_in_one_test_is_moved_by_hand() -> None:
    # Measurement 14's hunks: rewriting the input alone made the assert below it fail.
    code = dedent('''
        from supervisor.raw_session import build_setup_payload


        def test_setup_payload():
            payload = build_setup_payload(model="gemini-2.5-flash-native-audio-latest", voice="Puck")
            assert payload["setup"]["model"] == "models/gemini-2.5-flash-native-audio-latest"


        def test_other():
            return build_setup_payload(model="gemini-2.5-flash-native-audio-latest", voice="Puck")
    ''')
    found = {f.line: f for f in check(code, ("LM001",))}
    assert sorted(found) == [5, 6, 10]
    assert found[5].fix is None and "line 6" in found[5].message
    assert found[6].fix is None and found[10].fix is not None


def test_a_session_on_an_exported_id_a_vertex_client_may_run_keeps_its_model(tmp_path) -> None:
    # Measurement 14's hunks: the client is Vertex AI or Gemini API by a flag, and the model is
    # a settings module's 2.x id, which LM001 leaves there (Vertex AI has no target id); an
    # LM101 rewrite for the target ran on the 2.x model the session keeps.
    from harness import write_tree

    from livemigrate.engine import Linter
    from livemigrate.settings import Settings

    settings = 'GEMINI_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n'
    client = dedent('''
        import os

        from google import genai

        from settings import GEMINI_MODEL

        USE_VERTEX_AI = os.getenv("USE_VERTEX_AI") == "1"


        def build_client():
            if USE_VERTEX_AI:
                return genai.Client(vertexai=True, project="p", location="us-central1")
            return genai.Client(api_key=os.environ["GEMINI_API_KEY"])


        async def relay(browser):
            client = build_client()
            async with client.aio.live.connect(model=GEMINI_MODEL, config={"response_modalities": ["AUDIO"]}) as s:
                async for msg in browser:
                    await s.send_client_content(turns={"role": "user", "parts": [{"text": msg}]}, turn_complete=True)
    ''')
    project = write_tree(tmp_path / "p", {"settings.py": settings, "client.py": client})
    reports = {r.path.rsplit("/", 1)[-1]: r for r in Linter(Settings(unsafe_fixes=True)).check_paths([project])}
    (lm101,) = [f for f in reports["client.py"].findings if f.rule_id == "LM101"]
    assert lm101.fix is None and "Vertex AI" in lm101.message


def test_a_transcript_read_in_a_method_the_handler_calls_is_read_already() -> None:
    # Measurement 14's hunks: the handler buffers `part.text` and then calls a method that reads
    # `getattr(sc, "output_transcription")` from a tuple of names; rewriting the part's text
    # into the transcript took it twice.
    code = dedent('''
        from google import genai

        client = genai.Client()


        class Audio:
            async def run(self, queue):
                async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                                   config={"response_modalities": ["AUDIO"]}) as session:
                    async for message in session.receive():
                        await self._handle_server_content(message.server_content, queue)

            async def _handle_server_content(self, server_content, queue):
                if server_content and server_content.model_turn:
                    for part in server_content.model_turn.parts:
                        if part.text:
                            self._buffer(part.text)
                await self._handle_transcriptions(server_content, queue)

            async def _handle_transcriptions(self, server_content, queue):
                for source, attr in (("user", "input_transcription"), ("gemini", "output_transcription")):
                    transcription = getattr(server_content, attr, None)
                    if transcription and transcription.text:
                        await queue.put((source, transcription.text))
    ''')
    found = check(code, ("LM304",))
    assert found and all(f.fix is None and "reads the output transcription already" in f.message for f in found)


def test_a_server_driving_another_modules_live_session_hands_the_key_out(tmp_path) -> None:
    # Measurement 15: the FastAPI server imports the project's Live session class and returns
    # the key to the browser from `/token`; alone it names no Live word.
    from harness import findings_by_file, write_tree

    live = dedent('''
        from google import genai


        class GeminiLiveSession:
            _model = "gemini-3.1-flash-live-preview"

            async def connect(self, key):
                client = genai.Client(api_key=key)
                self._cm = client.aio.live.connect(model=self._model, config={"response_modalities": ["AUDIO"]})
                self.session = await self._cm.__aenter__()
    ''')
    server = dedent('''
        import os

        from fastapi import FastAPI

        from gemini_live import GeminiLiveSession

        app = FastAPI()
        GEMINI_API_KEY = os.getenv("GEMINI_API_KEY", "")


        @app.get("/token")
        async def get_token():
            return {"token": GEMINI_API_KEY}


        @app.websocket("/ws")
        async def relay(websocket):
            gemini = GeminiLiveSession()
            await gemini.connect(GEMINI_API_KEY)
            async for text in websocket.iter_text():
                await gemini.send_text(text)


        async def summarize(http, text):  # a REST call beside the relay
            url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"
            return await http.post(url, json={"contents": [{"parts": [{"text": text}]}]})
    ''')
    project = write_tree(tmp_path / "p", {"gemini_live.py": live, "server.py": server})
    assert findings_by_file(project, ("LM501",)) == {"server.py": [(13, "LM501")]}


def test_a_raw_receive_loop_with_a_timeout_runs_until_the_connection_drops() -> None:
    # Measurement 15: `await asyncio.wait_for(self.websocket.recv(), timeout=30)` in a loop that
    # runs while connected, its messages handed to a method reading serverContent.
    code = dedent('''
        import asyncio
        import json

        import websockets

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        class Client:
            async def connect(self, key):
                self.websocket = await websockets.connect(f"{URI}?key={key}")
                await self.websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-exp"}}))
                self.is_connected = True

            async def receive_loop(self):
                while self.is_connected and self.websocket:
                    try:
                        message = await asyncio.wait_for(self.websocket.recv(), timeout=30.0)
                        await self._process(message)
                    except asyncio.TimeoutError:
                        continue

            async def _process(self, message):
                data = json.loads(message)
                if "serverContent" in data:
                    print(data["serverContent"])
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM402",))] == [("LM402", 12)]


def test_an_adk_session_class_whose_method_feeds_the_queue_runs_long() -> None:
    # Measurement 15: a session manager class starts run_live in one method and a task of
    # another method feeds the LiveRequestQueue in a `while True` loop.
    code = dedent('''
        import asyncio

        from google.adk.agents import LiveRequestQueue
        from google.adk.agents.run_config import RunConfig, StreamingMode
        from google.genai import types


        class SessionManager:
            def __init__(self, websocket, runner):
                self.websocket = websocket
                self.runner = runner
                self.queue = LiveRequestQueue()

            async def start(self, session):
                run_config = RunConfig(response_modalities=["AUDIO"], streaming_mode=StreamingMode.BIDI)
                events = self.runner.run_live(run_config=run_config, session=session, live_request_queue=self.queue)
                task = asyncio.create_task(self.receive_from_client())
                async for event in events:
                    await self.websocket.send_json(event.model_dump())
                task.cancel()

            async def receive_from_client(self):
                while True:
                    data = await self.websocket.receive_bytes()
                    self.queue.send_realtime(types.Blob(data=data, mime_type="audio/pcm;rate=16000"))
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM402",))] == [("LM402", 16)]


def test_a_sender_a_bridge_function_gathers_keeps_the_session_open() -> None:
    # Measurement 15: the `async with` block awaits `_bridge(ws, session)`, whose `gather` runs an
    # endless sender beside a receive of one turn: the block stays open while the sender runs.
    code = dedent('''
        import asyncio

        from google import genai

        client = genai.Client()


        async def run(websocket):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                await _bridge(websocket, session)


        async def _bridge(websocket, session):
            async def _from_client():
                while True:
                    data = await websocket.receive_bytes()
                    await session.send_realtime_input(audio={"data": data, "mime_type": "audio/pcm;rate=16000"})

            async def _from_gemini():
                async for message in session.receive():
                    await websocket.send_bytes(message.data)

            await asyncio.gather(_from_client(), _from_gemini())
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM402",))] == [("LM402", 9)]


def test_a_transcription_read_on_the_message_itself_is_always_none() -> None:
    # Measurement 15: `getattr(message, "input_transcription", None)`: the server content holds it.
    code = dedent('''
        from google import genai

        client = genai.Client()


        async def main(ui):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                async for message in session.receive():
                    heard = getattr(message, "input_transcription", None)
                    if heard:
                        ui.user(heard.text)
                    if message.server_content and message.server_content.input_transcription:
                        ui.user(message.server_content.input_transcription.text)
    ''')
    found = [(f.line, "has no" in f.message) for f in check(code, ("LM009",))]
    assert found == [(10, True), (13, False), (14, False)]


def test_one_user_turn_with_a_file_right_after_connect_is_a_one_shot_prompt() -> None:
    # Measurement 15: a notebook sends one user turn holding an uploaded PDF (turn_complete left
    # at its default, True) and reads the reply: a prompt, not a history seed.
    code = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()


        async def main(file):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                turns = [types.Content(role="user", parts=[types.Part.from_uri(file_uri=file.uri, mime_type=file.mime_type)])]
                await session.send_client_content(turns=turns)
                async for message in session.receive():
                    print(message)
    ''')
    found = check(code, ("LM101", "LM102"))
    assert [(f.rule_id, f.line) for f in found] == [("LM101", 11)] and found[0].fix is None


def test_a_text_read_under_a_getattr_guard_gets_no_rewrite() -> None:
    # Measurement 15's hunks: `elif getattr(r, "text", None): print(r.text)`; the body's read was
    # rewritten and the guard (no rewrite for getattr) left, so the transcript never printed.
    code = dedent('''
        from google import genai

        client = genai.Client()


        async def main():
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                async for r in session.receive():
                    if r.data:
                        print(len(r.data))
                    elif getattr(r, "text", None):
                        print(r.text)
    ''')
    found = check(code, ("LM304",))
    assert [f.line for f in found] == [12, 13] and all(f.fix is None for f in found)


def test_a_one_shot_summary_a_mixin_builder_declares_as_history_is_a_seed(tmp_path) -> None:
    # Measurement 15's hunks: a "[context from the previous session]" user turn right after
    # connect, which the mixin's config builder declares as history on 3.1: not a one-shot prompt
    # to rewrite as realtime text.
    from harness import findings_by_file, write_tree

    session = MIXIN_SESSION.replace(
        'turns = [types.Content(role="model", parts=[types.Part.from_text(text=self.summary)])]',
        'turns = [types.Content(role="user", parts=[types.Part.from_text(text=self.summary)])]').replace(
        "turn_complete=False", "turn_complete=True")
    assert session != MIXIN_SESSION
    project = write_tree(tmp_path / "p", {"config_builder.py": MIXIN_BUILDER, "session.py": session,
                                          "main.py": MIXIN_MAIN})
    assert findings_by_file(project, ("LM101", "LM102")) == {}


def test_an_adk_agent_on_a_vertex_id_imported_through_the_scripts_folder(tmp_path) -> None:
    # Measurement 11 re-scored: main.py puts its folder on sys.path and imports
    # `from home_agent.agent import agent`, an Agent on a Vertex AI 2.x id; its run_live session
    # keeps that model (no LM401 for the camera frames it streams).
    from harness import findings_by_file, write_tree

    agent = dedent('''
        import os

        from google.adk.agents import Agent

        MODEL = os.getenv("HOME_AGENT_MODEL", "gemini-live-2.5-flash-native-audio")

        agent = Agent(name="home", model=MODEL, instruction="Watch the video.")
    ''')
    main = dedent('''
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).parent))

        from google.adk.agents import LiveRequestQueue
        from google.adk.agents.run_config import RunConfig, StreamingMode
        from google.genai import types

        from home_agent.agent import agent


        async def endpoint(websocket, runner, session):
            queue = LiveRequestQueue()
            run_config = RunConfig(streaming_mode=StreamingMode.BIDI, response_modalities=["AUDIO"],
                                   session_resumption=types.SessionResumptionConfig())
            async for event in runner.run_live(session=session, live_request_queue=queue, run_config=run_config):
                frame = await websocket.receive_bytes()
                queue.send_realtime(types.Blob(data=frame, mime_type="image/jpeg"))
    ''')
    project = write_tree(tmp_path / "repo", {"app/__init__.py": "", "app/home_agent/__init__.py": "",
                                             "app/home_agent/agent.py": agent, "app/main.py": main})
    assert findings_by_file(project, ("LM401",)) == {}
    on_gemini = agent.replace("gemini-live-2.5-flash-native-audio", "gemini-2.5-flash-native-audio-preview-12-2025")
    (project / "app/home_agent/agent.py").write_text(on_gemini)
    assert findings_by_file(project, ("LM401",)) == {"app/main.py": [(17, "LM401")]}


def test_video_a_mixin_of_another_module_sends_streams_on_the_session(tmp_path) -> None:
    # Measurement 15: the session class derives from mixins of other modules; one of their
    # methods sends camera frames (`send_realtime_input(video=...)`) on the session it is given.
    from harness import findings_by_file, write_tree

    mixin = dedent('''
        from google.genai import types


        class AudioLoopsMixin:
            async def _send_realtime_loop(self, session):
                while True:
                    kind, data = await self.out_queue.get()
                    if kind == "video":
                        await session.send_realtime_input(video=types.Blob(data=data, mime_type="image/jpeg"))
                    else:
                        await session.send_realtime_input(audio=types.Blob(data=data, mime_type="audio/pcm;rate=16000"))
    ''')
    session = dedent('''
        import asyncio

        from google import genai

        from audio import AudioLoopsMixin

        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


        class LiveSession(AudioLoopsMixin):
            async def run(self):
                client = genai.Client()
                config = {"response_modalities": ["AUDIO"], "session_resumption": {}}
                async with client.aio.live.connect(model=MODEL, config=config) as session:
                    await asyncio.gather(self._send_realtime_loop(session))
    ''')
    project = write_tree(tmp_path / "p", {"audio.py": mixin, "session.py": session})
    assert findings_by_file(project, ("LM401",)) == {"session.py": [(14, "LM401")]}


def test_part_text_on_a_session_that_adds_text_on_some_runs_is_lm005s() -> None:
    # Measurement 16: `modalities = ["AUDIO"]`, then TEXT appended when transcription is set up;
    # the session's `part.text` reads belong to LM005's finding (run 12's decision), not LM304's.
    code = dedent('''
        from google import genai

        client = genai.Client()


        async def main(transcribe, out):
            modalities = ["AUDIO"]
            if transcribe:
                modalities.append("TEXT")
            config = {"response_modalities": modalities}
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config) as s:
                async for message in s.receive():
                    for part in message.server_content.model_turn.parts:
                        if part.text:
                            out.write(part.text)
    ''')
    assert check(code, ("LM304",)) == []
    assert [f.rule_id for f in check(code, ("LM005",))] == ["LM005"]
    audio_only = code.replace("        modalities.append(\"TEXT\")\n", "        pass\n")
    assert audio_only != code and [f.line for f in check(audio_only, ("LM304",))] == [14, 15]


def test_a_modalities_list_chosen_by_a_conditional_chooses_text_on_some_runs() -> None:
    # Measurement 16: `["TEXT"] if response_mode == "text" else ["AUDIO"]` on a model the module names.
    code = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()


        async def main(response_mode):
            modalities = ["TEXT"] if response_mode == "text" else ["AUDIO"]
            config = types.LiveConnectConfig(response_modalities=modalities)
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config) as s:
                await s.send_realtime_input(text="hi")
    ''')
    (finding,) = check(code, ("LM005",))
    assert finding.line == 9 and "chooses TEXT on some runs" in finding.message and finding.fix is None


def test_a_tool_call_forwarded_to_the_browser_through_a_dict_is_handed_on() -> None:
    # Measurement 16: the loop puts each call's fields in a dict and sends `json.dumps(data)` to
    # the browser, which answers through the relay's other task.
    code = dedent('''
        import json

        from google import genai

        client = genai.Client()
        CONFIG = {"response_modalities": ["AUDIO"], "tools": [{"function_declarations": [{"name": "lookup"}]}]}


        async def relay(websocket):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=CONFIG) as s:
                async for message in s.receive():
                    if message.tool_call and message.tool_call.function_calls:
                        for call in message.tool_call.function_calls:
                            data = {"type": "tool_call", "name": call.name, "id": call.id, "args": call.args}
                            await websocket.send_text(json.dumps(data))
    ''')
    assert check(code, ("LM305",)) == []
    logged = code.replace("await websocket.send_text(json.dumps(data))", "print(json.dumps(data))")
    assert logged != code and [f.rule_id for f in check(logged, ("LM305",))] == ["LM305"]
