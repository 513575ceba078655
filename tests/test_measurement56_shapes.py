"""Shapes measurement 56's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

LIVEKIT_FALLBACK_IMPORT = dedent("""
    try:
        from livekit.plugins.google.beta.realtime import RealtimeModel
    except ImportError:
        from livekit.plugins.google import RealtimeModel


    def build():
        return RealtimeModel(model="gemini-2.0-flash-exp", modalities=["audio", "text"], voice="Puck")
""")


def test_livekits_gemini_model_imported_with_a_fallback() -> None:
    """`RealtimeModel` imported from the google plugin's `beta.realtime` with a fallback to the
    plugin's top-level name is still LiveKit's Gemini model: its TEXT modality is LM005."""
    assert [(f.line, f.rule_id) for f in check(LIVEKIT_FALLBACK_IMPORT, ("LM005",))] == [(8, "LM005")]
    # (OpenAI's plugin's RealtimeModel is not Gemini's)
    openai = LIVEKIT_FALLBACK_IMPORT.replace("livekit.plugins.google import", "livekit.plugins.openai import")
    assert openai != LIVEKIT_FALLBACK_IMPORT
    assert check(openai.replace("livekit.plugins.google.beta.realtime", "livekit.plugins.openai.realtime"),
                 ("LM005",)) == []


HANG_UP_FLAG = dedent("""
    import asyncio

    from google import genai
    from google.genai import types


    class PhoneAgent:
        def __init__(self):
            self._client = genai.Client()
            self._call_ended = False

        async def start(self):
            self._live = self._client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                                       config=types.LiveConnectConfig(response_modalities=["AUDIO"]))
            self._session = await self._live.__aenter__()
            self._receiver = asyncio.create_task(self._receive_loop())

        async def handle_media(self, chunk):
            await self._session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

        async def _receive_loop(self):
            while not self._call_ended:
                async for response in self._session.receive():
                    if response.tool_call:
                        asyncio.create_task(self._end_call())

        async def _end_call(self):
            if self._call_ended:
                return
            self._call_ended = True
""")


def test_a_receive_loop_until_a_hang_up_method_sets_its_flag() -> None:
    """`while not self._call_ended:` around `receive()`, the flag set by a hang-up method with no
    loop of its own: nothing bounds the call, so the session runs long (LM402). A method setting
    the flag after bounded work (a recording of a few seconds) still ends it."""
    assert [(f.line, f.rule_id) for f in check(HANG_UP_FLAG, ("LM402",))] == [(13, "LM402")]
    recording = HANG_UP_FLAG.replace("        self._call_ended = True\n",
                                     "        for _ in range(50):\n            await asyncio.sleep(0.1)\n"
                                     "        self._call_ended = True\n")
    assert recording != HANG_UP_FLAG
    assert check(recording, ("LM402",)) == []


RESUMPTION_NONE = dedent("""
    from google import genai
    from google.genai import types

    client = genai.Client()


    async def relay(browser):
        config = types.LiveConnectConfig(response_modalities=["AUDIO"], session_resumption=None)
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config=config) as session:
            while True:
                chunk = await browser.receive_bytes()
                await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
""")

ADK_RESUMPTION_NONE = dedent("""
    import asyncio

    from google.adk.agents import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from google.genai import types

    from agent import runner


    async def stream(websocket, user_id, session_id):
        queue = LiveRequestQueue()
        run_config = RunConfig(streaming_mode=StreamingMode.BIDI, response_modalities=["AUDIO"],
                               session_resumption=None)

        async def upstream():
            while True:
                data = await websocket.receive_bytes()
                queue.send_realtime(types.Blob(mime_type="audio/pcm;rate=16000", data=data))

        async def downstream():
            async for event in runner.run_live(user_id=user_id, session_id=session_id, live_request_queue=queue,
                                               run_config=run_config):
                await websocket.send_text(event.model_dump_json())

        await asyncio.gather(upstream(), downstream())
""")


def test_session_resumption_written_as_none_turns_nothing_on() -> None:
    """`session_resumption=None` written out (ADK's bidi sample writes it) leaves resumption off,
    as leaving it out does: a session kept open by a loop is LM402, SDK and ADK alike."""
    assert [f.rule_id for f in check(RESUMPTION_NONE, ("LM402",))] == ["LM402"]
    assert [f.rule_id for f in check(ADK_RESUMPTION_NONE, ("LM402",))] == ["LM402"]
    # (a value turns it on)
    resumed = RESUMPTION_NONE.replace("session_resumption=None", "session_resumption=types.SessionResumptionConfig()")
    assert check(resumed, ("LM402",)) == []


OWN_DECLARATION_CLASS = dedent("""
    from dataclasses import dataclass


    @dataclass
    class FunctionDefinition:
        name: str
        description: str
        behavior: str = "NON_BLOCKING"

        def to_wire(self):
            return {"name": self.name, "description": self.description, "behavior": self.behavior}
""")

OWN_DECLARATION_TOOL = dedent("""
    from app.functions import FunctionDefinition


    def weather_definition():
        return FunctionDefinition(name="get_weather", description="Weather now", behavior="NON_BLOCKING")
""")

OWN_DECLARATION_CLIENT = dedent("""
    from google import genai

    from app.tools import weather_definition

    client = genai.Client()


    async def run():
        tools = [{"function_declarations": [weather_definition().to_wire()]}]
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config={"response_modalities": ["AUDIO"], "tools": tools}) as session:
            async for message in session.receive():
                print(message)
""")


def test_non_blocking_in_a_declaration_class_of_the_projects_own(tmp_path: Path) -> None:
    """A project's own declaration class mirrors the wire (`{"behavior": self.behavior}`) with
    NON_BLOCKING as its field's default, and a tool module passes `behavior="NON_BLOCKING"` to
    it, beside a module opening Live sessions: both are LM201, with no fix."""
    write_tree(tmp_path, {"app/__init__.py": "", "app/functions.py": OWN_DECLARATION_CLASS,
                          "app/tools.py": OWN_DECLARATION_TOOL, "app/client.py": OWN_DECLARATION_CLIENT})
    assert findings_by_file(tmp_path, ("LM201",)) == {"app/functions.py": [(8, "LM201")],
                                                       "app/tools.py": [(5, "LM201")]}
    # (BLOCKING ones are fine)
    blocking = {"app/functions.py": OWN_DECLARATION_CLASS.replace('"NON_BLOCKING"', '"BLOCKING"'),
                "app/tools.py": OWN_DECLARATION_TOOL.replace('"NON_BLOCKING"', '"BLOCKING"')}
    write_tree(tmp_path / "b", {"app/__init__.py": "", **blocking, "app/client.py": OWN_DECLARATION_CLIENT})
    assert findings_by_file(tmp_path / "b", ("LM201",)) == {}


RAW_CLIENT_CLASS = dedent("""
    import json

    import websockets

    URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class LiveClient:
        async def connect(self, key):
            self.ws = await websockets.connect(f"{URL}?key={key}")
            await self.ws.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-live-001"}}))

        async def send_event(self, event):
            await self.ws.send(json.dumps(event))

        async def stream(self, chunk):
            await self.send_event({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": chunk}}})
""")

ASSISTANT_SENDING_FRAMES = dedent("""
    from .client import LiveClient


    class Assistant:
        def __init__(self):
            self.client = LiveClient()

        async def run(self, key, mic):
            await self.client.connect(key)
            while True:
                await self.client.stream(await mic.read())

        async def say(self, text):
            await self.client.send_event({"clientContent": {"turns": [{"role": "user", "parts": [{"text": text}]}],
                                                            "turnComplete": True}})
""")


def test_client_frames_a_module_builds_for_an_imported_raw_client(tmp_path: Path) -> None:
    """An assistant module builds `clientContent` frames and sends them through the raw Live
    client it imports: they are Live frames (LM101 where the frame is built)."""
    write_tree(tmp_path, {"app/__init__.py": "", "app/client.py": RAW_CLIENT_CLASS,
                          "app/assistant.py": ASSISTANT_SENDING_FRAMES})
    assert [r for _, r in findings_by_file(tmp_path, ("LM101",)).get("app/assistant.py", [])] == ["LM101"]


RAW_READER_TASK = dedent("""
    import asyncio
    import json

    import websockets
    from websockets.exceptions import ConnectionClosed


    class LiveClient:
        def __init__(self, url):
            self.url = url
            self.is_connected = False

        async def connect(self):
            self.ws = await websockets.connect(self.url)
            self.is_connected = True
            self.reader = asyncio.create_task(self._reader())
            await self.ws.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-live-001"}}))

        async def disconnect(self):
            self.is_connected = False
            await self.ws.close()

        async def _reader(self):
            while self.is_connected:
                try:
                    message = await self.ws.recv()
                    await self._handle(message)
                except ConnectionClosed:
                    break

        async def _handle(self, message):
            event = json.loads(message)
            if "serverContent" in event:
                print(event["serverContent"])
""")


def test_a_raw_reader_that_leaves_only_when_the_connection_fails() -> None:
    """A raw client's reader task loops `while self.is_connected` and breaks only in `except
    ConnectionClosed:`: it reads until the program disconnects, so the session runs long
    (LM402 on the setup frame)."""
    assert [f.rule_id for f in check(RAW_READER_TASK, ("LM402",))] == ["LM402"]
