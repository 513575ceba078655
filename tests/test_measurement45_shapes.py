"""Shapes measurement 45's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree


def test_an_experimental_2x_id_a_live_session_opens_with_is_a_legacy_live_model() -> None:
    """An experimental id of generation 2 the model list does not hold and whose name does not
    say Live (`gemini-2.5-flash-exp`, named as `gemini-2.0-flash-exp` was) is the move's when it
    flows to a Live session; a released text model's id reaching generate_content is not."""
    code = dedent("""
        from google import genai

        client = genai.Client()


        async def talk():
            async with client.aio.live.connect(model="gemini-2.5-flash-exp", config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text="hi")


        def summarize(text):
            return client.models.generate_content(model="gemini-2.5-flash", contents=text).text
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM001",))] == [("LM001", 7)]


def test_a_settings_class_field_naming_a_2x_id_for_another_modules_session(tmp_path: Path) -> None:
    settings = dedent("""
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            LIVE_MODEL_ID: str = "gemini-2.5-flash-exp"
            JOURNAL_MODEL_ID: str = "gemini-2.5-flash"


        settings = Settings()
    """)
    app = dedent("""
        from google import genai

        from config import settings

        client = genai.Client()


        async def talk():
            ctx = client.aio.live.connect(model=settings.LIVE_MODEL_ID, config={"response_modalities": ["AUDIO"]})
            session = await ctx.__aenter__()
            await session.send_realtime_input(text="hi")
            return client.models.generate_content(model=settings.JOURNAL_MODEL_ID, contents="x")
    """)
    write_tree(tmp_path, {"app/config.py": settings, "app/app.py": app})
    assert findings_by_file(tmp_path, ("LM001",)) == {"app/config.py": [(5, "LM001")]}


VERTEX_NOTEBOOK = dedent("""
    import json

    from websockets.asyncio.client import connect

    PROJECT_ID = "p"
    LOCATION = "us-central1"
    SERVICE_URL = f"wss://{LOCATION}-aiplatform.googleapis.com/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent"
    MODEL_ID = "gemini-2.0-flash-live-preview-04-09"
    MODEL = f"projects/{PROJECT_ID}/locations/{LOCATION}/publishers/google/models/{MODEL_ID}"

    CONFIG = {"response_modalities": ["TEXT"]}
    async with connect(SERVICE_URL) as ws:
        await ws.send(json.dumps({"setup": {"model": MODEL, "generation_config": CONFIG}}))
        async for raw in ws:
            print(raw)

    MODEL_ID = "gemini-live-2.5-flash-preview-native-audio-09-2025"
    MODEL = f"projects/{PROJECT_ID}/locations/{LOCATION}/publishers/google/models/{MODEL_ID}"
""")


def test_a_resource_path_with_several_placeholders_holds_the_model_its_last_one_names() -> None:
    """The setup frame's model is the 2.0 half-cascade id the notebook's cells bound before it
    (the native-audio one comes later), on Vertex AI where LM001 leaves it: TEXT stays right."""
    assert check(VERTEX_NOTEBOOK, ("LM005",)) == []
    # (a native-audio id reaching the frame answers in audio only)
    native = VERTEX_NOTEBOOK.replace('"gemini-2.0-flash-live-preview-04-09"', '"gemini-live-2.5-flash-native-audio"', 1)
    assert native != VERTEX_NOTEBOOK
    assert [f.line for f in check(native, ("LM005",))] == [11]


def test_a_function_only_the_cells_below_it_call_sees_the_config_bound_before_the_call() -> None:
    """A notebook rebinds CONFIG per cell; a cell's `async def main()` reading it, awaited in the
    same cell, sees the AUDIO config bound just before, not the TEXT ones of other cells."""
    cells = dedent("""
        import json

        from websockets.asyncio.client import connect

        URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
        MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"

        CONFIG = {"response_modalities": ["AUDIO"]}


        async def main():
            async with connect(URL) as ws:
                await ws.send(json.dumps({"setup": {"model": MODEL, "generation_config": CONFIG}}))

        await main()

        CONFIG = {"response_modalities": ["TEXT"]}
        print(CONFIG)
    """)
    assert check(cells, ("LM005",)) == []
    # (a function called from elsewhere too may run after any binding)
    handed = cells.replace("await main()\n", "await main()\ncallbacks = [main]\n")
    assert handed != cells
    assert [f.line for f in check(handed, ("LM005",))] == [18]


CONSOLE = dedent("""
    import json

    from IPython.display import Audio, display
    from websockets.asyncio.client import connect

    URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def main() -> None:
        async with connect(URL) as ws:
            async def setup() -> None:
                await ws.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-live-001"}}))
                print(await ws.recv())

            async def send() -> bool:
                text = input("> ")
                if text == "q":
                    return False
                turn = {"turns": [{"role": "user", "parts": [{"text": text}]}], "turn_complete": True}
                await ws.send(json.dumps({"client_content": turn}))
                return True

            async def receive() -> None:
                responses = []
                async for raw in ws:
                    response = json.loads(raw.decode())
                    server_content = response.pop("serverContent", None)
                    if server_content is None:
                        break
                    if server_content.pop("turnComplete", None):
                        break
                display(Audio(responses, rate=24000, autoplay=True))

            await setup()
            while True:
                if not await send():
                    break
                await receive()

    await main()
""")


def test_a_console_loops_receive_function_leaving_to_display_what_it_got_is_called_again() -> None:
    """The console's `while True` calls receive() again each turn; what follows its loop only
    displays the turn (IPython's print): no LM306."""
    assert check(CONSOLE, ("LM306",)) == []
    played = CONSOLE.replace("display(Audio(responses, rate=24000, autoplay=True))", "await play(responses)")
    assert played != CONSOLE
    assert [f.line for f in check(played, ("LM306",))] == [29]


def test_a_console_session_whose_setup_frame_a_nested_function_sends_runs_long() -> None:
    """The raw setup frame sits in a nested `setup()`; the console loop sending user turns
    until the user quits keeps the socket open (LM402 on the setup key)."""
    assert [f.line for f in check(CONSOLE, ("LM402",))] == [12]


def test_each_raw_socket_of_a_notebook_keeps_its_own_loops() -> None:
    """A cell before the console opens a one-shot socket of its own: the console's loop still
    keeps its own socket open (LM402 on its setup frame only)."""
    one_shot = dedent("""
        async with connect(URL) as ws:
            await ws.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-live-001"}}))
            await ws.send(json.dumps({"client_content": {"turns": [{"role": "user", "parts": [{"text": "hi"}]}],
                                                         "turn_complete": True}}))
            async for raw in ws:
                if json.loads(raw).get("serverContent", {}).get("turnComplete"):
                    break
    """)
    cells = CONSOLE.replace("\n\nasync def main()", "\n" + one_shot + "\n\nasync def main()", 1)
    assert cells != CONSOLE
    assert [f.line for f in check(cells, ("LM402",))] == [20]  # (the console's setup line)
    assert cells.splitlines()[19].startswith(" " * 12 + "await ws.send(json.dumps({\"setup\"")


def test_a_name_a_walrus_binds_in_the_test_around_the_read_is_that_value() -> None:
    """Notebook cells bind `parts` in several ways; the read under `if (parts := ...) is not
    None:` reads the walrus's value (the raw message's parts: LM301 on both reads)."""
    cells = dedent("""
        import json

        from websockets.asyncio.client import connect

        URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"

        parts = ["intro", "body"]
        print(parts[0])

        async with connect(URL) as ws:
            await ws.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-live-001"}}))
            responses = []
            async for raw in ws:
                response = json.loads(raw)
                if (server_content := response.get("serverContent")) is not None:
                    if (model_turn := server_content.get("modelTurn")) is not None:
                        if (parts := model_turn.get("parts")) is not None:
                            if parts[0].get("text"):
                                responses.append(parts[0]["text"])
                    if server_content.get("turnComplete", False):
                        break
    """)
    assert [f.line for f in check(cells, ("LM301",))] == [18, 19]


def test_a_tool_call_a_notebook_only_displays_is_unanswered() -> None:
    """`display(Markdown(f"... {function_call}"))` prints the call (IPython's print): it
    answers nothing, so the loop still gets calls nobody answers (LM305)."""
    code = dedent("""
        from google import genai
        from google.genai.types import Content, LiveConnectConfig, Part
        from IPython.display import Markdown, display

        client = genai.Client()


        def get_current_weather(location: str) -> str:
            return "sunny"


        config = LiveConnectConfig(response_modalities=["AUDIO"], tools=[get_current_weather])

        async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:
            await session.send_client_content(turns=Content(role="user", parts=[Part(text="Weather in Boston?")]))
            async for message in session.receive():
                if message.tool_call:
                    for function_call in message.tool_call.function_calls:
                        display(Markdown(f"**FunctionCall >** {str(function_call)}"))
    """)
    assert [f.line for f in check(code, ("LM305",))] == [17]
    handled = code.replace("display(Markdown(", "handle(Markdown(")
    assert handled != code and check(handled, ("LM305",)) == []


READER_TASK = dedent("""
    import asyncio


    class LongRunningTask:
        def __init__(self, state):
            self.state = state
            self._stop = False

        def running(self):
            return not self._stop

        def stop(self):
            self._stop = True


    class GeminiReaderTask(LongRunningTask):
        def __init__(self, state, session):
            LongRunningTask.__init__(self, state)
            self.session = session

        async def start(self):
            return [asyncio.create_task(self._process())]

        async def _process(self):
            while self.running():
                async for response in self.session.receive():
                    if response.data:
                        await self.state.play(response.data)
""")

CHAT_CONTEXT = dedent("""
    from google import genai

    from tasks import GeminiReaderTask

    client = genai.Client()


    class ChatContext:
        def __init__(self, state):
            self.state = state
            self.tasks = []

        async def __aenter__(self):
            self.gemini_ctx = client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                                      config={"response_modalities": ["AUDIO"]})
            self.gemini_session = await self.gemini_ctx.__aenter__()
            self.tasks.append(GeminiReaderTask(self.state, self.gemini_session))
            for task in self.tasks:
                await task.start()
            return self

        async def __aexit__(self, *exc):
            await self.gemini_ctx.__aexit__(*exc)
""")


def test_a_session_handed_to_another_modules_reader_task_class_runs_long(tmp_path: Path) -> None:
    """The session goes to the constructor of a task class of another module that keeps it as
    `self.session` and reads it in `while self.running():` (a flag's getter): LM402."""
    write_tree(tmp_path, {"app/tasks.py": READER_TASK, "app/app.py": CHAT_CONTEXT})
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/app.py": [(14, "LM402")]}
    # (a task reading one turn and leaving does not keep it open)
    one_turn = READER_TASK.replace("                if response.data:\n",
                                   "                if response.server_content.turn_complete:\n"
                                   "                    return\n                if response.data:\n")
    assert one_turn != READER_TASK
    write_tree(tmp_path / "one", {"app/tasks.py": one_turn, "app/app.py": CHAT_CONTEXT})
    assert findings_by_file(tmp_path / "one", ("LM402",)) == {}


def test_a_session_handed_to_a_reader_task_class_of_the_same_module_runs_long() -> None:
    module = READER_TASK + "\n\n" + CHAT_CONTEXT.replace("from tasks import GeminiReaderTask\n", "")
    assert [f.line for f in check(module, ("LM402",))] == [43]


def test_a_message_class_fields_default_mime_type_sent_to_an_adk_queue() -> None:
    """`AudioMessage(**data).mime_type` reaches `LiveRequestQueue.send_realtime(Blob(...))`: its
    field default `"audio/pcm"` is what is sent when the browser names none (LM106 there); the
    reply class's identical default goes to the browser and is not flagged."""
    code = dedent("""
        import base64

        from google.adk.agents import LiveRequestQueue
        from google.genai.types import Blob
        from pydantic import BaseModel


        class AudioMessage(BaseModel):
            mime_type: str = "audio/pcm"
            data: str


        class AgentAudioMessage(BaseModel):
            mime_type: str = "audio/pcm"
            data: str


        def handle_audio_message(message_data, live_request_queue: LiveRequestQueue):
            message = AudioMessage(**message_data)
            live_request_queue.send_realtime(Blob(data=base64.b64decode(message.data), mime_type=message.mime_type))


        async def reply(websocket, audio):
            await websocket.send_json(AgentAudioMessage(data=base64.b64encode(audio).decode()).model_dump())
    """)
    assert [f.line for f in check(code, ("LM106",))] == [9]
    # (a module the queue is handed to, importing nothing of ADK: its send_realtime of a Blob)
    handed = code.replace("from google.adk.agents import LiveRequestQueue\n", "").replace(
        "live_request_queue: LiveRequestQueue", "live_request_queue")
    assert "LiveRequestQueue" not in handed
    assert [f.line for f in check(handed, ("LM106",))] == [8]


ADK_SESSION = dedent("""
    from google.adk.agents import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig
    from google.adk.runners import InMemoryRunner

    from agent import root_agent


    async def start_agent_session(user_id, is_audio=False):
        runner = InMemoryRunner(app_name="app", agent=root_agent)
        session = await runner.session_service.create_session(app_name="app", user_id=user_id)
        run_config = RunConfig(response_modalities=["AUDIO"])
        live_request_queue = LiveRequestQueue()
        live_events = runner.run_live(session=session, live_request_queue=live_request_queue, run_config=run_config)
        return live_events, live_request_queue
""")

ADK_MESSAGING = dedent("""
    import base64
    import json

    from google.genai.types import Blob


    def handle_audio_message(message_data, live_request_queue):
        data = base64.b64decode(message_data["data"])
        live_request_queue.send_realtime(Blob(data=data, mime_type="audio/pcm;rate=16000"))


    async def client_to_agent_messaging(websocket, live_request_queue):
        while True:
            message_data = json.loads(await websocket.receive_text())
            if message_data.get("type") == "audio":
                handle_audio_message(message_data, live_request_queue)
""")

ADK_CONNECTION = dedent("""
    import asyncio

    from fastapi import APIRouter, WebSocket

    from session import start_agent_session
    from messaging import client_to_agent_messaging

    router = APIRouter()


    async def _setup_agent_session(user_id):
        return await start_agent_session(user_id, is_audio=True)


    async def _handle_communication(websocket, live_events, live_request_queue):
        task = asyncio.create_task(client_to_agent_messaging(websocket, live_request_queue))
        await task


    @router.websocket("/ws/{user_id}")
    async def websocket_endpoint(websocket: WebSocket, user_id: int):
        await websocket.accept()
        live_events, live_request_queue = await _setup_agent_session(str(user_id))
        await _handle_communication(websocket, live_events, live_request_queue)
""")


def test_an_adk_session_a_module_opens_and_another_feeds_in_an_endless_loop(tmp_path: Path) -> None:
    """ADK's streaming sample split into modules: session.py runs run_live and returns the
    queue; connection.py gets it (through a wrapper of its own) and hands it (through another)
    to messaging.py's `while True` feeding it through a helper. LM402 on the run_live."""
    agent = 'from google.adk.agents import Agent\n\nroot_agent = Agent(name="voice", model="gemini-2.5-flash-native-audio-preview-12-2025")\n'
    files = {"app/agent.py": agent, "app/session.py": ADK_SESSION, "app/messaging.py": ADK_MESSAGING,
             "app/connection.py": ADK_CONNECTION}
    write_tree(tmp_path, files)
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/session.py": [(13, "LM402")]}
    # (a feeder that reads one message and stops keeps nothing open)
    once = ADK_MESSAGING.replace("    while True:\n", "    if True:\n")
    assert once != ADK_MESSAGING
    write_tree(tmp_path / "once", {**files, "app/messaging.py": once})
    assert findings_by_file(tmp_path / "once", ("LM402",)) == {}


def test_client_content_a_pipecat_services_process_frame_sends_is_mid_session() -> None:
    """A vendored pipecat service's `process_frame` (the pipeline calls it for every frame)
    sends the messages of an LLMMessagesFrame as raw client content: mid-session (LM101)."""
    code = dedent("""
        import json

        import websockets

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        class GeminiLiveService:
            async def _connect(self):
                self._websocket = await websockets.connect(URI)
                await self._websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-live-001"}}))

            async def process_frame(self, frame, direction):
                if isinstance(frame, LLMMessagesFrame):
                    await self._create_single_response(frame.messages)

            async def _create_single_response(self, messages):
                turns = [{"role": m["role"], "parts": [{"text": m["content"]}]} for m in messages]
                await self._websocket.send(json.dumps({"clientContent": {"turns": turns, "turnComplete": True}}))
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM101",))] == [("LM101", 19)]
    # (a method of another name, called by nothing here, may be a seed: not reported)
    hook = code.replace("async def process_frame(", "async def on_frame(")
    assert hook != code and check(hook, ("LM101",)) == []


def test_server_events_mirrored_in_camel_case_attributes_are_read_as_live_messages() -> None:
    """A vendored pipecat service parses each socket message into pydantic models spelled as the
    wire is (`evt.serverContent.modelTurn`): its elif chain over one message (LM302) and its
    first-part read (LM301) are the Live message's."""
    code = dedent("""
        import json

        import websockets

        import events

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        class GeminiLiveService:
            async def _connect(self):
                self._websocket = await websockets.connect(URI)
                await self._websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-live-001"}}))

            async def _receive_task_handler(self):
                async for message in self._websocket:
                    evt = events.parse_server_event(message)
                    if evt.setupComplete:
                        await self._handle_evt_setup_complete(evt)
                    elif evt.serverContent and evt.serverContent.modelTurn:
                        await self._handle_evt_model_turn(evt)
                    elif evt.serverContent and evt.serverContent.turnComplete:
                        await self._handle_evt_turn_complete(evt)

            async def _handle_evt_model_turn(self, evt):
                part = evt.serverContent.modelTurn.parts[0]
                if part.inlineData:
                    await self.push_audio(part.inlineData.data)
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM301", "LM302"))] == [("LM302", 18), ("LM301", 26)]
    # (and its reader, which never leaves, keeps the socket open: LM402 on the setup frame)
    assert [(f.rule_id, f.line) for f in check(code, ("LM402",))] == [("LM402", 13)]


ADK_FEEDER_CLASS = dedent("""
    import base64
    import json

    from google.genai.types import Blob


    class ClientFeeder:
        def __init__(self, websocket, live_request_queue):
            self.websocket = websocket
            self.queue = live_request_queue

        async def run(self):
            while True:
                message_data = json.loads(await self.websocket.receive_text())
                data = base64.b64decode(message_data["data"])
                self.queue.send_realtime(Blob(data=data, mime_type="audio/pcm;rate=16000"))
""")


def test_an_adk_queue_a_feeder_class_keeps_and_feeds_in_an_endless_loop(tmp_path: Path) -> None:
    """As above, with the feeder a class of another module: its constructor keeps ADK's queue
    as `self.queue` and a method feeds it `send_realtime(...)` in a `while True` (a class pump
    counts ADK's queue uses as a function pump does). LM402 on the run_live."""
    agent = 'from google.adk.agents import Agent\n\nroot_agent = Agent(name="voice", model="gemini-2.5-flash-native-audio-preview-12-2025")\n'
    connection = ADK_CONNECTION.replace("from messaging import client_to_agent_messaging",
                                        "from messaging import ClientFeeder").replace(
        "client_to_agent_messaging(websocket, live_request_queue)",
        "ClientFeeder(websocket, live_request_queue).run()")
    assert connection.count("ClientFeeder") == 2
    files = {"app/agent.py": agent, "app/session.py": ADK_SESSION, "app/messaging.py": ADK_FEEDER_CLASS,
             "app/connection.py": connection}
    write_tree(tmp_path, files)
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/session.py": [(13, "LM402")]}
    # (a feeder that forwards one message and stops keeps nothing open)
    once = ADK_FEEDER_CLASS.replace("        while True:\n", "        if True:\n")
    assert once != ADK_FEEDER_CLASS
    write_tree(tmp_path / "once", {**files, "app/messaging.py": once})
    assert findings_by_file(tmp_path / "once", ("LM402",)) == {}
