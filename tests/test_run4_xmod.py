"""Run 4, issue 11: what other modules do with a module's sending helper (LM101 / LM102), and a
tool call only queued for a frontend that nothing in the project answers (LM305).

Shapes only (never a measured repository's code): a helper that sends client content and is
called from other modules, a ``send_text`` method called both right after connect and from
another module's transport loop, and a receive loop that puts tool calls on a queue."""

from __future__ import annotations

from pathlib import Path

from harness import dedent, findings_by_file as _check, write_tree as _write

TARGET = "gemini-3.1-flash-live-preview"


# --- 1a: a context seed helper called right after connect from other modules -----------------------

SETTINGS = dedent(f'''
    LIVE_MODEL = "{TARGET}"
''')
SERVICE = dedent('''
    from google import genai
    from google.genai import types

    from settings import LIVE_MODEL


    async def prime(session, images):
        """Standing visual context before the microphone starts (no reply wanted)."""
        if not images:
            return 0
        parts = [types.Part.from_text(text="Reference images follow.")]
        for data, mime in images:
            parts.append(types.Part.from_bytes(data=data, mime_type=mime))
        await session.send_client_content(
            turns=types.Content(role="user", parts=parts),
            turn_complete=False,
        )
        return len(images)


    class Service:
        def __init__(self):
            self.client = genai.Client()

        def connect(self, config):
            return self.client.aio.live.connect(model=LIVE_MODEL, config=config)
''')
SEED_SEND_LINE = 14
VOICE = dedent('''
    from service import Service, prime


    async def voice(socket, images, make_config):
        service = Service()
        while True:
            async with service.connect(make_config()) as session:
                await socket.send_json({"type": "ready"})
                await prime(session, images)
                await run_duplex(session)


    async def run_duplex(session):
        async for chunk in microphone():
            await session.send_realtime_input(audio=chunk)
''')
PANEL = dedent('''
    from service import Service, prime


    async def panel(socket, images, config):
        async with Service().connect(config) as session:
            if socket.resumed:
                await socket.send_json({"type": "resumed"})
            else:
                await prime(session, images)
            async for message in session.receive():
                if message.server_content:
                    await socket.send_bytes(message.data)
''')
# The same helper, called by one module per turn (in its receive loop).
PER_TURN = dedent('''
    from service import Service, prime


    async def chat(socket, images, config):
        async with Service().connect(config) as session:
            async for message in session.receive():
                if message.server_content:
                    await prime(session, images)
''')


def test_a_context_seed_helper_called_right_after_connect_elsewhere_is_an_undeclared_seed(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"settings.py": SETTINGS, "service.py": SERVICE, "voice.py": VOICE,
                                      "panel.py": PANEL})
    assert _check(project, ("LM101", "LM102")) == {"service.py": [(SEED_SEND_LINE, "LM102")]}


def test_one_caller_sending_it_per_turn_makes_it_mid_session(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"settings.py": SETTINGS, "service.py": SERVICE, "voice.py": VOICE,
                                      "chat.py": PER_TURN})
    assert _check(project, ("LM101", "LM102")) == {"service.py": [(SEED_SEND_LINE, "LM101")]}


def test_without_its_callers_in_the_run_the_helper_stays_probably_mid_session(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"settings.py": SETTINGS, "service.py": SERVICE})
    assert _check(project, ("LM101", "LM102")) == {"service.py": [(SEED_SEND_LINE, "LM101")]}


# --- 1b: a prompt helper called right after connect here and per message from another module --------

SESSION = dedent(f'''
    from google import genai
    from google.genai import types


    class LiveSession:
        def __init__(self, config, initial_text=None):
            self.config = config
            self.initial_text = initial_text
            self.session = None

        async def connect(self):
            self.client = genai.Client()
            context = self.client.aio.live.connect(model="{TARGET}", config=self.config)
            self.session = await context.__aenter__()
            if self.initial_text:
                await self.send_text(self.initial_text)
            return True

        async def send_audio(self, data):
            await self.session.send_realtime_input(audio=types.Blob(data=data, mime_type="audio/pcm;rate=16000"))

        async def send_text(self, text, turn_complete=True):
            await self.session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=text)]),
                turn_complete=turn_complete,
            )
            return True
''')
PROMPT_SEND_LINE = 23
ORCHESTRATOR = dedent('''
    from live_session import LiveSession


    class Orchestrator:
        def __init__(self, transport, live: LiveSession):
            self.transport = transport
            self.live = live

        async def run(self):
            await self.live.connect()
            async for message in self.transport.messages():
                if message.kind == "audio":
                    await self.live.send_audio(message.data)
                else:
                    await self.live.send_text(message.text)
''')


def test_a_prompt_helper_also_sent_from_another_modules_transport_loop_is_mid_session(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"live_session.py": SESSION, "orchestrator.py": ORCHESTRATOR})
    assert _check(project, ("LM101", "LM102")) == {"live_session.py": [(PROMPT_SEND_LINE, "LM101")]}


# --- 2: tool calls only queued for a frontend sender -------------------------------------------------

QUEUED = dedent(f'''
    import asyncio

    from google import genai
    from google.genai import types

    CONFIG = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="finish")])],
    )


    class Intake:
        def __init__(self):
            self.client = genai.Client()
            self.to_frontend = asyncio.Queue()

        async def receive(self):
            async with self.client.aio.live.connect(model="{TARGET}", config=CONFIG) as session:
                async for response in session.receive():
                    if response.tool_call:
                        for call in response.tool_call.function_calls:
                            await self.to_frontend.put({{"type": "function_call", "name": call.name}})
''')
TOOL_READ_LINE = 20
FRONTEND = dedent('''
    async def forward(intake, socket):
        while True:
            item = await intake.to_frontend.get()
            await socket.send_json(item)
''')
ANSWERING = dedent('''
    from google.genai import types


    async def answer(session, name, call_id):
        await session.send_tool_response(function_responses=[types.FunctionResponse(id=call_id, name=name, response={})])
''')


def test_tool_calls_queued_for_a_frontend_that_nothing_in_the_project_answers(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"intake.py": QUEUED, "frontend.py": FRONTEND})
    assert _check(project, ("LM305",)) == {"intake.py": [(TOOL_READ_LINE, "LM305")]}


def test_another_module_that_may_answer_keeps_it_silent(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"intake.py": QUEUED, "frontend.py": FRONTEND, "answer.py": ANSWERING})
    assert _check(project, ("LM305",)) == {}


def test_a_raw_tool_response_frame_elsewhere_keeps_it_silent(tmp_path: Path) -> None:
    raw = "import json\n\nasync def answer(ws, responses):\n    await ws.send(json.dumps({'toolResponse': responses}))\n"
    project = _write(tmp_path / "p", {"intake.py": QUEUED, "frontend.py": FRONTEND, "answer.py": raw})
    assert _check(project, ("LM305",)) == {}


def test_a_file_given_alone_says_nothing_of_the_rest_of_the_project(tmp_path: Path) -> None:
    # pre-commit hands over the changed files only: the module that answers may not be in the run
    project = _write(tmp_path / "p", {"intake.py": QUEUED})
    assert _check(project / "intake.py", ("LM305",)) == {}


def test_a_relative_import_in_a_folder_without_init_names_a_sibling(tmp_path: Path) -> None:
    # a namespace package: `from .live_session import LiveSession` is the module beside it
    project = _write(tmp_path / "p", {"framework/live_session.py": SESSION, "framework/orchestrator.py":
                                      ORCHESTRATOR.replace("from live_session", "from .live_session")})
    assert _check(project, ("LM101", "LM102")) == {"framework/live_session.py": [(PROMPT_SEND_LINE, "LM101")]}
