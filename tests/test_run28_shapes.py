"""Shapes measurement 28 showed (public 2.x Live code; written from the shapes, not the
repositories' code)."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

# A transcription session: a sender task streams the microphone queue until its sentinel, a
# receiver task reads the replies; the block gathers both and cancels them in `finally`.
GATHERED_THEN_CANCELLED = dedent('''
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client()


    async def run(audio_queue, on_caption):
        config = {"response_modalities": ["AUDIO"], "input_audio_transcription": {}}
        async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:

            async def send_audio():
                while True:
                    chunk = await audio_queue.get()
                    if chunk is None:
                        break
                    await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

            async def receive_loop():
                async for response in session.receive():
                    if response.server_content and response.server_content.input_transcription:
                        await on_caption(response.server_content.input_transcription.text)

            send_task = asyncio.create_task(send_audio())
            recv_task = asyncio.create_task(receive_loop())
            try:
                await asyncio.gather(send_task, recv_task)
            finally:
                send_task.cancel()
                recv_task.cancel()
''')


def test_tasks_gathered_then_cancelled_in_cleanup_keep_the_session_open() -> None:
    assert [(f.rule_id, f.line) for f in check(GATHERED_THEN_CANCELLED, ("LM402",))] == [("LM402", 11)]


def test_a_sender_cancelled_once_the_reply_is_read_is_one_turn() -> None:
    one_turn = GATHERED_THEN_CANCELLED.replace(
        "        try:\n"
        "            await asyncio.gather(send_task, recv_task)\n"
        "        finally:\n"
        "            send_task.cancel()\n"
        "            recv_task.cancel()\n",
        "        await recv_task\n"
        "        send_task.cancel()\n")
    assert one_turn != GATHERED_THEN_CANCELLED
    assert check(one_turn, ("LM402",)) == []


# A class enters its session by hand and keeps it on the object; the web handler, a module that
# writes "Gemini" only capitalised, starts it and streams the browser's audio until disconnect.
KEPT_ON_OBJECT = dedent("""
    import asyncio

    from google import genai
    from google.genai import types


    class VoiceSession:
        def __init__(self):
            self.client = genai.Client()
            self._session = None

        async def start(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            self._cm = self.client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config)
            self._session = await self._cm.__aenter__()

        async def send_audio(self, chunk):
            await self._session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
""")
HANDLER = dedent("""
    from voice_session import VoiceSession


    async def websocket_endpoint(websocket):
        # streams the browser's microphone to Gemini and back
        session = VoiceSession()
        await session.start()
        while True:
            message = await websocket.receive()
            if message.get("type") == "websocket.disconnect":
                break
            await session.send_audio(message["bytes"])
""")


def test_a_handler_naming_gemini_only_capitalised_keeps_the_session_open(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"voice_session.py": KEPT_ON_OBJECT, "main.py": HANDLER})
    assert findings_by_file(project, ("LM402",)) == {"voice_session.py": [(14, "LM402")]}


def test_a_ladder_rung_on_a_name_holding_a_fields_truth() -> None:
    # `interrupted = bool(getattr(sc, "interrupted", False))`: the name holds the field's truth
    code = dedent("""
        from google import genai

        client = genai.Client()


        async def main(ws, play):
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as live_session:
                while True:
                    async for message in live_session.receive():
                        if message.server_content:
                            sc = message.server_content
                            interrupted = bool(getattr(sc, "interrupted", False))
                            if interrupted:
                                await ws.send("interrupted")
                                continue
                            if sc.model_turn and sc.model_turn.parts:
                                for part in sc.model_turn.parts:
                                    play(part)
                            if getattr(sc, "input_transcription", None):
                                print(sc.input_transcription.text)
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM302",))] == [("LM302", 13)]
    other = code.replace('bool(getattr(sc, "interrupted", False))', 'bool(len(sc.model_turn.parts) > 3)')
    assert other != code
    assert check(other, ("LM302",)) == []


# A raw client's `interrupt()` sends client content with neither turns nor a turn end.
EMPTY_CLIENT_CONTENT = dedent("""
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Client:
        async def connect(self):
            self.websocket = await websockets.connect(URI)
            await self.websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-exp"}}))

        async def interrupt(self):
            await self.websocket.send(json.dumps({"client_content": {"turn_complete": False, "interrupted": True}}))
""")


def test_client_content_with_neither_turns_nor_a_turn_end() -> None:
    found = check(EMPTY_CLIENT_CONTENT, ("LM101",))
    assert [(f.rule_id, f.line) for f in found] == [("LM101", 14)]
    assert found[0].fix is None


def test_empty_client_content_right_after_connect_is_left_alone() -> None:
    # sent as the session opens (no exchange yet): no finding
    first = EMPTY_CLIENT_CONTENT.replace(
        '        await self.websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-exp"}}))\n',
        '        await self.websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-exp"}}))\n'
        '        await self.websocket.send(json.dumps({"client_content": {"turn_complete": False}}))\n')
    assert first != EMPTY_CLIENT_CONTENT
    assert [(f.rule_id, f.line) for f in check(first, ("LM101",))] == [("LM101", 15)]


def test_an_exit_in_an_error_handler_is_an_abort_not_an_early_exit() -> None:
    # the audio sender fails too often: the collection gives up, it does not skip fields
    code = dedent("""
        from google import genai

        client = genai.Client()


        async def collect(on_audio, transcript):
            failures = 0
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as session:
                async for response in session.receive():
                    server = response.server_content
                    if server and server.model_turn:
                        for part in server.model_turn.parts:
                            if part.inline_data:
                                try:
                                    await on_audio(part.inline_data.data)
                                except Exception:
                                    failures += 1
                                    if failures >= 3:
                                        return
                    if server and server.output_transcription:
                        transcript.append(server.output_transcription.text)
    """)
    assert check(code, ("LM303",)) == []
    # the same exit after the audio, outside any handler: it skips the transcript
    plain = code.replace(
        "                        try:\n"
        "                            await on_audio(part.inline_data.data)\n"
        "                        except Exception:\n"
        "                            failures += 1\n"
        "                            if failures >= 3:\n"
        "                                return\n",
        "                        await on_audio(part.inline_data.data)\n"
        "                        return\n")
    assert plain != code
    assert [f.rule_id for f in check(plain, ("LM303",))] == ["LM303"]


# A client factory module builds the client on v1alpha; another module opens its Live
# session on the client the factory returns.
FACTORY = dedent("""
    import os

    from google import genai
    from google.genai.types import HttpOptions


    def get_client():
        if os.getenv("USE_VERTEX"):
            return genai.Client(vertexai=True, project="p", location="us-central1")
        return genai.Client(api_key=os.getenv("GOOGLE_API_KEY"), http_options=HttpOptions(api_version="v1alpha"))
""")
FACTORY_USER = dedent("""
    from factory import get_client


    async def run(audio):
        client = get_client()
        async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as session:
            await session.send_realtime_input(text="hi")
""")


def test_a_client_factory_on_v1alpha_whose_client_opens_live_sessions_elsewhere(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"factory.py": FACTORY, "app.py": FACTORY_USER})
    assert findings_by_file(project, ("LM007",)) == {"factory.py": [(10, "LM007")]}


def test_a_client_factory_whose_clients_only_generate_content(tmp_path: Path) -> None:
    text = FACTORY_USER.replace(
        '    async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as session:\n'
        '        await session.send_realtime_input(text="hi")\n',
        '    return client.models.generate_content(model="gemini-2.5-flash", contents="hi")\n')
    assert text != FACTORY_USER
    project = write_tree(tmp_path / "p", {"factory.py": FACTORY, "app.py": text})
    assert findings_by_file(project, ("LM007",)) == {}


# A relay retries with a smaller config when the first connect fails: either session is the
# one its tasks then stream on.
FALLBACK_CONNECT = dedent("""
    import asyncio

    from google import genai

    client = genai.Client()


    async def relay(ws, pump, drain):
        cfg = {"response_modalities": ["AUDIO"], "tools": []}
        try:
            manager = client.aio.live.connect(model="gemini-2.0-flash-live-001", config=cfg)
            live_session = await manager.__aenter__()
        except Exception:
            minimal = {"response_modalities": ["AUDIO"]}
            manager = client.aio.live.connect(model="gemini-2.0-flash-live-001", config=minimal)
            live_session = await manager.__aenter__()
        try:
            await asyncio.gather(pump(ws, live_session), drain(ws, live_session))
        finally:
            await manager.__aexit__(None, None, None)


    async def pump(ws, live_session):
        while True:
            await live_session.send_realtime_input(text=await ws.receive_text())


    async def drain(ws, live_session):
        while True:
            async for message in live_session.receive():
                await ws.send_bytes(message.data)
""")


def test_a_fallback_connect_holding_the_same_name_is_as_long() -> None:
    assert [(f.rule_id, f.line) for f in check(FALLBACK_CONNECT, ("LM402",))] == [("LM402", 11), ("LM402", 15)]


def test_a_fallback_config_filtered_out_of_the_first_by_key() -> None:
    filtered = FALLBACK_CONNECT.replace(
        '        minimal = {"response_modalities": ["AUDIO"]}\n',
        '        minimal = {k: v for k, v in cfg.items() if k in {"response_modalities", "system_instruction"}}\n')
    assert filtered != FALLBACK_CONNECT
    assert [(f.rule_id, f.line) for f in check(filtered, ("LM402",))] == [("LM402", 11), ("LM402", 15)]
    # the filter keeps what the first config manages its length with: the fallback is managed too
    managed = filtered.replace('cfg = {"response_modalities": ["AUDIO"], "tools": []}',
                               'cfg = {"response_modalities": ["AUDIO"], "session_resumption": {}}').replace(
        'if k in {"response_modalities", "system_instruction"}', 'if k in {"response_modalities", "session_resumption"}')
    assert managed.count("session_resumption") == 2
    assert check(managed, ("LM402",)) == []
    # a filter the module cannot read leaves the fallback's config unknown
    unknown = filtered.replace('if k in {"response_modalities", "system_instruction"}', 'if allowed(k)')
    assert [(f.rule_id, f.line) for f in check(unknown, ("LM402",))] == [("LM402", 11)]


# An ADK service class keeps its LiveRequestQueue on the object and runs run_live in a method;
# a web handler in another module feeds the queue through the class's method until disconnect.
ADK_SERVICE = dedent("""
    from google.adk.agents import Agent, LiveRequestQueue
    from google.adk.agents.run_config import RunConfig
    from google.adk.runners import Runner
    from google.genai import types

    agent = Agent(name="coach", model="gemini-2.0-flash-live-001", instruction="Help.")


    class VoiceService:
        def __init__(self, session_service):
            self._runner = Runner(app_name="coach", agent=agent, session_service=session_service)
            self._queue = LiveRequestQueue()
            self._run_config = RunConfig(response_modalities=["AUDIO"])

        def send_audio(self, data):
            self._queue.send_realtime(types.Blob(mime_type="audio/pcm;rate=16000", data=data))

        async def receive_events(self, user_id, session_id):
            async for event in self._runner.run_live(user_id=user_id, session_id=session_id,
                                                     live_request_queue=self._queue, run_config=self._run_config):
                yield event
""")
ADK_HANDLER = dedent("""
    import asyncio

    from service import VoiceService


    async def client_to_agent(websocket, service):
        # the browser's microphone, forwarded to Gemini until the socket closes
        while True:
            message = await websocket.receive()
            service.send_audio(message["bytes"])


    async def agent_to_client(websocket, service):
        async for event in service.receive_events("u", "s"):
            await websocket.send_text(str(event))


    async def endpoint(websocket, sessions):
        service = VoiceService(sessions)
        await asyncio.gather(client_to_agent(websocket, service), agent_to_client(websocket, service))
""")


def test_an_adk_service_fed_by_another_modules_endless_loop(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"service.py": ADK_SERVICE, "api.py": ADK_HANDLER})
    assert findings_by_file(project, ("LM402",)) == {"service.py": [(19, "LM402")]}


def test_an_adk_service_fed_once_keeps_nothing_open(tmp_path: Path) -> None:
    once = ADK_HANDLER.replace("    while True:\n        message = await websocket.receive()\n"
                               "        service.send_audio(message[\"bytes\"])\n",
                               "    message = await websocket.receive()\n    service.send_audio(message[\"bytes\"])\n")
    assert once != ADK_HANDLER
    project = write_tree(tmp_path / "p", {"service.py": ADK_SERVICE, "api.py": once})
    assert findings_by_file(project, ("LM402",)) == {}


# A session module declares its tools as module constants; another module passes them to the
# session module's config builder.
TOOLS_BY_CONSTANT = dedent("""
    from google import genai
    from google.genai import types

    FACE_TOOL = types.Tool(function_declarations=[
        types.FunctionDeclaration(name="set_face", behavior=types.Behavior.NON_BLOCKING),
    ])
    client = genai.Client()


    def build_live_config(tools=None):
        return types.LiveConnectConfig(response_modalities=["AUDIO"], tools=tools or [])


    async def open_session(config):
        async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:
            await session.send_realtime_input(text="hi")
""")


def test_a_non_blocking_declaration_a_live_module_exports_to_its_callers() -> None:
    assert [(f.rule_id, f.line) for f in check(TOOLS_BY_CONSTANT, ("LM201",))] == [("LM201", 5)]
    # given to generate_content here: not a Live declaration
    text_only = TOOLS_BY_CONSTANT + dedent("""

        def ask(prompt):
            return client.models.generate_content(model="gemini-2.5-flash", contents=prompt,
                                                  config=types.GenerateContentConfig(tools=[FACE_TOOL]))
    """)
    assert check(text_only, ("LM201",)) == []


def test_an_adk_frame_whose_mime_type_a_branch_tested_among_image_types() -> None:
    # the browser's MIME type, sent on only when the branch found it among image types
    code = dedent("""
        import asyncio

        from google.adk.agents import Agent, LiveRequestQueue
        from google.adk.agents.run_config import RunConfig
        from google.adk.runners import Runner
        from google.genai.types import Blob

        agent = Agent(name="a", model="gemini-2.0-flash-live-001", instruction="Watch.")


        async def endpoint(websocket, sessions):
            runner = Runner(app_name="a", agent=agent, session_service=sessions)
            queue = LiveRequestQueue()
            run_config = RunConfig(response_modalities=["AUDIO"])

            async def upstream():
                while True:
                    message = await websocket.receive_json()
                    mime_type = message.get("mime_type")
                    if mime_type in ["image/jpeg", "image/webp"]:
                        queue.send_realtime(Blob(data=message["data"], mime_type=mime_type))

            task = asyncio.create_task(upstream())
            async for event in runner.run_live(user_id="u", session_id="s", live_request_queue=queue,
                                               run_config=run_config):
                await websocket.send_text(str(event))
            task.cancel()
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM401",))] == [("LM401", 24)]
    audio = code.replace('["image/jpeg", "image/webp"]', '["audio/pcm", "audio/wav"]')
    assert check(audio, ("LM401",)) == []
    mixed = code.replace('["image/jpeg", "image/webp"]', '["image/jpeg", "audio/pcm"]')
    assert check(mixed, ("LM401",)) == []


def test_an_adk_service_fed_by_a_websocket_handler_naming_no_gemini(tmp_path: Path) -> None:
    # a web handler streaming the browser's audio: serving a WebSocket, it is read by the index
    plain = ADK_HANDLER.replace("    # the browser's microphone, forwarded to Gemini until the socket closes\n", "")
    assert plain != ADK_HANDLER and "emini" not in plain
    project = write_tree(tmp_path / "p", {"service.py": ADK_SERVICE, "api.py": plain})
    assert findings_by_file(project, ("LM402",)) == {"service.py": [(19, "LM402")]}
