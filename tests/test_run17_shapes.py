"""Shapes measurement 17 showed (written from the shapes, not the repositories' code)."""

from __future__ import annotations

from harness import check, dedent

# A raw relay hands each message's server content to a handler function.
RAW_HANDLER = dedent('''
    import json
    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def relay(browser):
        async with websockets.connect(URI) as ws:
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",
                                                "generationConfig": {"responseModalities": ["AUDIO"]}}}))
            async for raw in ws:
                response = json.loads(raw)
                if "serverContent" in response:
                    await show(browser, response["serverContent"])


    async def show(browser, server_content):
        if "outputTranscription" in server_content:
            await browser.send_text(server_content["outputTranscription"].get("text", ""))
''')


def test_a_handler_given_the_server_content_reads_its_fields() -> None:
    # every call passes `response["serverContent"]`: the parameter is the server content
    assert [(f.rule_id, f.line) for f in check(RAW_HANDLER, ("LM009",))] == [("LM009", 18), ("LM009", 19)]


def test_a_parameter_some_call_fills_with_something_else_is_not_the_server_content() -> None:
    code = RAW_HANDLER + "\n\nasync def other(browser, settings):\n    await show(browser, settings)\n"
    assert check(code, ("LM009",)) == []


# A framework's helper builds the function response its Live class sends on the session.
HELPER_RESPONSE = dedent('''
    from google.genai import types
    from frames import Part
    from live import LiveAgent

    agent = LiveAgent(model_name="gemini-3.1-flash-live-preview",
                      config=types.LiveConnectConfig(response_modalities=["AUDIO"]))


    def answer(queue, call_id):
        queue.put_nowait(Part.from_function_response(
            function_call_id=call_id, name="comment", response={},
            will_continue=False, scheduling=types.FunctionResponseScheduling.SILENT))
''')


def test_scheduling_given_to_a_function_response_helper_is_reported() -> None:
    found = check(HELPER_RESPONSE, ("LM202",))
    assert [(f.rule_id, f.line) for f in found] == [("LM202", 12), ("LM202", 12)]
    assert all(f.fix is not None and f.fix.applicability.name == "UNSAFE" for f in found)


def test_a_module_that_configures_no_live_session_is_not_live_code_for_a_helper_alone() -> None:
    # a framework's own function calling, used with other models too
    code = HELPER_RESPONSE.replace('agent = LiveAgent(model_name="gemini-3.1-flash-live-preview",\n'
                                   '                  config=types.LiveConnectConfig(response_modalities=["AUDIO"]))\n', "")
    assert code != HELPER_RESPONSE and check(code, ("LM202",)) == []


# A parsing module: helpers build frames and pull fields out of server messages for its users.
PARSERS = dedent('''
    import json

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    def setup_frame():
        return json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",
                                     "tools": [{"functionDeclarations": [{"name": "lookup"}]}]}})


    def tool_calls(server_message):
        return server_message["toolCall"]["functionCalls"]
''')


def test_tool_calls_returned_to_the_users_of_a_parser_may_be_answered_there() -> None:
    assert check(PARSERS, ("LM305",)) == []


def test_tool_calls_returned_to_a_caller_here_that_never_answers_are_reported() -> None:
    code = PARSERS + dedent('''


        async def run(ws, log):
            async for raw in ws:
                for call in tool_calls(json.loads(raw)):
                    log.info("call %s", call)
    ''')
    assert [f.rule_id for f in check(code, ("LM305",))] == ["LM305"]


# A session class enters its session by hand and keeps it on self; the app connects it, then
# gathers its own methods that stream until stopped.
SESSION_CLASS = dedent('''
    from google import genai
    from google.genai import types


    class ScreenSession:
        MODEL = "gemini-3.1-flash-live-preview"

        def __init__(self):
            self.client = genai.Client()

        async def connect(self):
            self._ctx = self.client.aio.live.connect(model=self.MODEL, config={"response_modalities": ["AUDIO"]})
            self.session = await self._ctx.__aenter__()

        async def send_audio(self, chunk):
            await self.session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
''')
APP = dedent('''
    import asyncio
    from screen_session import ScreenSession


    class Attendee:
        def __init__(self, mic):
            self.mic = mic
            self.live = ScreenSession()
            self.running = False

        async def run(self):
            await self.live.connect()
            self.running = True
            await asyncio.gather(self._audio_loop())

        async def _audio_loop(self):
            while self.running:
                await self.live.send_audio(await self.mic.read())
''')


def test_a_session_its_opener_keeps_open_through_a_method_that_loops_until_stopped(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"screen_session.py": SESSION_CLASS, "app.py": APP})
    assert findings_by_file(project, ("LM402",)) == {"screen_session.py": [(12, "LM402")]}
    # a method that sends a bounded number of chunks does not keep it open, nor does a capture
    # loop that leaves at its maximum duration (one turn)
    bounded = APP.replace("while self.running:", "for _ in range(3):")
    capped = APP.replace("        while self.running:\n",
                         "        while self.running:\n            if self.mic.elapsed() > 30:\n"
                         "                break\n")
    nested = APP.replace("        while self.running:\n",
                         "        while self.running:\n            for _ in range(2):\n"
                         "                if self.mic.elapsed() > 30:\n                    return\n")
    assert capped != APP and nested != APP
    for name, app in (("q", bounded), ("r", capped), ("s", nested)):
        project = write_tree(tmp_path / name, {"screen_session.py": SESSION_CLASS, "app.py": app})
        assert findings_by_file(project, ("LM402",)) == {}


# A library's Live class builds its client with the HTTP options its caller passes; an app
# reaches it through a module alias.
PROCESSOR = dedent('''
    from google import genai


    class LiveProcessor:
        def __init__(self, api_key, model_name, realtime_config=None, http_options=None):
            self._client = genai.Client(api_key=api_key, http_options=http_options)
            self._model_name = model_name
            self._realtime_config = realtime_config

        async def call(self, parts):
            async with self._client.aio.live.connect(model=self._model_name, config=self._realtime_config) as s:
                async for message in s.receive():
                    yield message
''')
CLI = dedent('''
    from google.genai import types
    from lib import live_model

    processor = live_model.LiveProcessor(
        api_key="k",
        model_name="gemini-3.1-flash-live-preview",
        realtime_config=types.LiveConnectConfig(response_modalities=["AUDIO"]),
        http_options=types.HttpOptions(api_version="v1alpha"),
    )
''')


def test_v1alpha_given_to_another_modules_live_client_builder_is_reported(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"lib/__init__.py": "", "lib/live_model.py": PROCESSOR, "cli.py": CLI})
    assert findings_by_file(project, ("LM007",)) == {"cli.py": [(8, "LM007")]}
    # options the class gives a client it never opens sessions on are not Live's
    other = PROCESSOR.replace("self._client.aio.live.connect", "self._other.aio.live.connect")
    project = write_tree(tmp_path / "q", {"lib/__init__.py": "", "lib/live_model.py": other, "cli.py": CLI})
    assert findings_by_file(project, ("LM007",)) == {}


# The library's class keeps its session open until stopped; the app passes the config.
LONG_PROCESSOR = PROCESSOR.replace(
    "            async for message in s.receive():\n                yield message\n",
    "            while True:\n                async for message in s.receive():\n                    yield message\n")


def test_a_session_another_modules_class_keeps_open_is_reported_where_the_config_is_passed(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    assert LONG_PROCESSOR != PROCESSOR
    project = write_tree(tmp_path / "p", {"lib/__init__.py": "", "lib/live_model.py": LONG_PROCESSOR, "cli.py": CLI})
    assert findings_by_file(project, ("LM402",)) == {"cli.py": [(4, "LM402")]}
    # a config that compresses the context, or a caller reading GoAway, manages the length
    managed = CLI.replace('response_modalities=["AUDIO"]', 'response_modalities=["AUDIO"], '
                          'context_window_compression=types.ContextWindowCompressionConfig()')
    reading = CLI + "\n\ndef on_part(part):\n    return part.get_metadata('go_away')\n"
    for app in (managed, reading):
        project = write_tree(tmp_path / str(len(app)), {"lib/__init__.py": "", "lib/live_model.py": LONG_PROCESSOR,
                                                        "cli.py": app})
        assert findings_by_file(project, ("LM402",)) == {}
    # a class that reads one turn and returns is not kept open
    project = write_tree(tmp_path / "q", {"lib/__init__.py": "", "lib/live_model.py": PROCESSOR, "cli.py": CLI})
    assert findings_by_file(project, ("LM402",)) == {}


# A raw client's helpers take the whole server message; one reads a transcript at its top level.
RAW_HELPERS = dedent('''
    import json

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    def setup_frame():
        return json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",
                                     "outputAudioTranscription": {}}})


    def handle(server_message):
        if "serverContent" in server_message:
            play(server_message["serverContent"]["modelTurn"]["parts"])
        transcript = server_message.get("outputTranscription")
        return transcript.get("text") if transcript else None
''')


def test_a_raw_transcript_read_on_the_whole_message_is_always_none() -> None:
    assert [(f.rule_id, f.line) for f in check(RAW_HELPERS, ("LM009",))] == [("LM009", 14)]
    # another function's `data` may be the server content: only the same name in the same scope
    split = RAW_HELPERS.replace(
        '    transcript = server_message.get("outputTranscription")\n',
        '    return None\n\n\ndef said(server_message):\n'
        '    transcript = server_message.get("outputTranscription")\n')
    assert split != RAW_HELPERS and check(split, ("LM009",)) == []
    # read under serverContent it is the transcript
    right = RAW_HELPERS.replace('server_message.get("outputTranscription")',
                                'server_message.get("serverContent", {}).get("outputTranscription")')
    assert right != RAW_HELPERS and check(right, ("LM009",)) == []


# A session class takes its model from its callers; the app passes a Vertex-only 2.x id from the
# environment, and the client is Vertex AI's unless a Gemini API key is set.
GEMINI_LIVE = dedent('''
    import os
    from google import genai


    class GeminiLive:
        def __init__(self, model):
            key = os.getenv("GEMINI_API_KEY")
            self.client = genai.Client(api_key=key) if key else genai.Client(vertexai=True, project="p", location="l")
            self.model = model

        async def run(self):
            async with self.client.aio.live.connect(model=self.model, config={"response_modalities": ["AUDIO"]}) as s:
                async for message in s.receive():
                    print(message.text)
''')
MAIN = dedent('''
    import os
    from gemini_live import GeminiLive

    MODEL = os.getenv("MODEL", "gemini-live-2.5-flash-native-audio")
    live = GeminiLive(model=MODEL)
''')


def test_the_session_module_knows_the_ids_its_callers_pass(tmp_path) -> None:
    from harness import write_tree

    from livemigrate.engine import Linter
    from livemigrate.project import build_project_index
    from livemigrate.settings import Settings

    project = write_tree(tmp_path / "p", {"gemini_live.py": GEMINI_LIVE, "main.py": MAIN})
    index = build_project_index([project / "gemini_live.py", project / "main.py"], [project])
    facts = index.facts_for(project / "gemini_live.py")
    assert facts is not None and facts.passed_models == (("GeminiLive", "model", "gemini-live-2.5-flash-native-audio"),)
    # the id only serves on Vertex AI, where the session keeps its 2.x model: no rewrite of its reads
    (report,) = [r for r in Linter(Settings()).check_paths([project]) if r.path.endswith("gemini_live.py")]
    (finding,) = [f for f in report.findings if f.rule_id == "LM304"]
    assert finding.fix is None and "Vertex AI" in finding.message


# --- measurement 18 ------------------------------------------------------------------------------
# A Home Assistant integration: the package's subfolder has no __init__.py (a namespace
# subpackage) and imports the package's constants relatively.
CONST = 'MODEL = "gemini-3.1-flash-live-preview"\nAPI_VERSION = "v1alpha"\n'
CLIENT = dedent('''
    from google import genai

    from ..config.const import API_VERSION, MODEL

    client = genai.Client(http_options={"api_version": API_VERSION})


    async def talk():
        async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
            async for message in s.receive():
                print(message.server_content)
''')


def test_a_namespace_subpackage_imports_from_its_package(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "integration", {"__init__.py": "", "config/__init__.py": "",
                                                    "config/const.py": CONST, "llm/gemini.py": CLIENT})
    assert findings_by_file(project, ("LM007",)) == {"config/const.py": [(2, "LM007")]}


LADDER = dedent('''
    from google import genai

    client = genai.Client()


    async def run(queue):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                           config={"response_modalities": ["AUDIO"]}) as session:
            async for response in session.receive():
                if data := response.data:
                    queue.put_nowait(data)
                    continue
                if text := response.text:
                    print(text)
                    continue
                if tool_call := response.tool_call:
                    print(tool_call)
                    continue
''')


def test_a_ladder_whose_text_branch_continues_is_lm302s_too() -> None:
    # the audio branch's `continue` is LM303's; the ladder also skips the text of an audio message
    found = [(f.rule_id, f.line) for f in check(LADDER, ("LM302", "LM303"))]
    assert found == [("LM302", 10), ("LM303", 12)]
    audio_only = LADDER.replace("            if text := response.text:\n                print(text)\n"
                                "                continue\n", "")
    assert audio_only != LADDER
    assert [f.rule_id for f in check(audio_only, ("LM302",))] == []


LOG_LINE = dedent('''
    import logging
    from livekit.plugins.google.realtime import RealtimeModel

    logger = logging.getLogger("agent")


    def make_model():
        logger.info("Initializing RealtimeModel with gemini-2.5-flash-native-audio-latest...")
        return RealtimeModel(model="gemini-3.1-flash-live-preview")
''')


def test_a_live_id_named_in_a_log_line_is_reported_without_a_fix() -> None:
    (finding,) = check(LOG_LINE, ("LM001",))
    assert (finding.line, finding.fix) == (8, None) and "named in this text" in finding.message
    # not in a docstring, nor in a module that uses no Live API
    assert check(LOG_LINE.replace('logger.info("Initializing', '"""Initializing').replace('...")', '..."""'),
                 ("LM001",)) == []
    assert check('print("we moved off gemini-2.5-flash-native-audio-latest")\n', ("LM001",)) == []


# A LiveKit agent: its Gemini model comes from a settings module and answers in text for a TTS.
SETTINGS = dedent('''
    from pydantic import Field
    from pydantic_settings import BaseSettings


    class Settings(BaseSettings):
        gemini_model: str = Field(default="gemini-2.0-flash-exp")


    settings = Settings()
''')
PIPELINE = dedent('''
    from google.genai.types import Modality
    from livekit.plugins import google

    from config import settings


    def make_llm():
        return google.realtime.RealtimeModel(model=settings.gemini_model, modalities=[Modality.TEXT])
''')


def test_a_livekit_model_from_settings_and_its_text_modality(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"config.py": SETTINGS, "pipeline.py": PIPELINE})
    assert findings_by_file(project, ("LM001", "LM005")) == {"config.py": [(6, "LM001")],
                                                             "pipeline.py": [(8, "LM005")]}
    # the same constant also feeds LiveKit's text LLM: no rewrite of the shared id
    from livemigrate.engine import Linter
    from livemigrate.settings import Settings as LintSettings

    text_llm = ("from livekit.plugins import google\n\nfrom config import settings\n\n"
                "llm = google.LLM(model=settings.gemini_model)\n")
    project = write_tree(tmp_path / "q", {"config.py": SETTINGS, "pipeline.py": PIPELINE, "text.py": text_llm})
    (report,) = [r for r in Linter(LintSettings()).check_paths([project]) if r.path.endswith("config.py")]
    (finding,) = [f for f in report.findings if f.rule_id == "LM001"]
    assert finding.fix is None


# An ADK app streams with run_live; its tool's declaration and its responses are built apart from
# any config (ADK sends the agent's tools, and the responses go through the LiveRequestQueue).
ADK_APP = dedent('''
    from google.adk.agents import Agent, LiveRequestQueue
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from google.genai import types


    def approve(message: str) -> dict:
        return {"ok": True}


    DECLARATION = types.FunctionDeclaration.from_callable_with_api_option(
        callable=approve, api_option="GEMINI_API", behavior=types.Behavior.NON_BLOCKING)


    async def stream(runner, queue: LiveRequestQueue, call_id):
        async for event in runner.run_live(live_request_queue=queue,
                                           run_config=RunConfig(streaming_mode=StreamingMode.BIDI)):
            queue.send_content(types.Content(role="user", parts=[types.Part(function_response=types.FunctionResponse(
                id=call_id, name="approve", response={}, will_continue=True))]))
''')


def test_async_tool_settings_of_an_adk_live_module_are_reported() -> None:
    found = [(f.rule_id, f.line) for f in check(ADK_APP, ("LM201", "LM202"))]
    assert found == [("LM201", 11), ("LM202", 18)]
    # the same module streaming text with run_async is no Live code
    text = ADK_APP.replace("runner.run_live(", "runner.run_async(")
    assert check(text, ("LM201", "LM202")) == []


def test_from_callable_in_a_tool_module_beside_the_live_handler(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    tools = dedent('''
        from google.genai import types


        def lookup(city: str) -> dict:
            return {}


        LOOKUP = types.FunctionDeclaration.from_callable(callable=lookup, behavior=types.Behavior.NON_BLOCKING)
    ''')
    handler = dedent('''
        from google import genai
        from tools import LOOKUP

        client = genai.Client()


        async def run():
            config = {"response_modalities": ["AUDIO"], "tools": [{"function_declarations": [LOOKUP]}]}
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as s:
                async for message in s.receive():
                    print(message)
    ''')
    project = write_tree(tmp_path / "p", {"tools.py": tools, "handler.py": handler})
    assert findings_by_file(project, ("LM201",)) == {"tools.py": [(8, "LM201")]}


LIVEKIT_VIDEO = dedent('''
    from livekit.agents import AgentSession, RoomInputOptions
    from livekit.plugins import google


    async def entrypoint(ctx, agent):
        session = AgentSession(llm=google.realtime.RealtimeModel(model="gemini-3.1-flash-live-preview"))
        await session.start(room=ctx.room, agent=agent, room_input_options=RoomInputOptions(video_enabled=True))
''')


def test_livekit_streams_the_rooms_video_into_its_gemini_session() -> None:
    assert [(f.rule_id, f.line) for f in check(LIVEKIT_VIDEO, ("LM401",))] == [("LM401", 6)]
    # no video from the room, or a coverage the model sets: nothing to say
    assert check(LIVEKIT_VIDEO.replace("video_enabled=True", "video_enabled=False"), ("LM401",)) == []
    covered = LIVEKIT_VIDEO.replace(
        'RealtimeModel(model="gemini-3.1-flash-live-preview")',
        'RealtimeModel(model="gemini-3.1-flash-live-preview", realtime_input_config='
        '{"turn_coverage": "TURN_INCLUDES_ONLY_ACTIVITY"})')
    assert covered != LIVEKIT_VIDEO and check(covered, ("LM401",)) == []


# ADK's streaming sample: the agent's model is tested for "native-audio" to choose AUDIO or TEXT.
AGENT = dedent('''
    import os
    from google.adk.agents import Agent

    agent = Agent(name="search", model=os.getenv("AGENT_MODEL", "gemini-2.5-flash-native-audio-preview-09-2025"))
''')
MAIN_ADK = dedent('''
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from agent import agent


    def run_config():
        if "native-audio" in agent.model.lower():
            return RunConfig(streaming_mode=StreamingMode.BIDI, response_modalities=["AUDIO"])
        return RunConfig(streaming_mode=StreamingMode.BIDI, response_modalities=["TEXT"])


    async def stream(runner, queue):
        async for event in runner.run_live(live_request_queue=queue, run_config=run_config()):
            print(event)
''')


def test_an_id_another_module_tests_by_name_is_not_moved_alone(tmp_path) -> None:
    from harness import write_tree

    from livemigrate.engine import Linter
    from livemigrate.settings import Settings as LintSettings

    project = write_tree(tmp_path / "p", {"agent.py": AGENT, "main.py": MAIN_ADK})
    (report,) = [r for r in Linter(LintSettings()).check_paths([project]) if r.path.endswith("agent.py")]
    (finding,) = [f for f in report.findings if f.rule_id == "LM001"]
    assert finding.fix is None and "main.py tests this id for `native-audio`" in finding.message
    # a test for a piece the target's id has too ("gemini") changes nothing
    project = write_tree(tmp_path / "q", {"agent.py": AGENT, "main.py": MAIN_ADK.replace('"native-audio"', '"gemini"')})
    (report,) = [r for r in Linter(LintSettings()).check_paths([project]) if r.path.endswith("agent.py")]
    (finding,) = [f for f in report.findings if f.rule_id == "LM001"]
    assert finding.fix is not None


def test_an_id_a_test_binds_and_compares_is_a_compared_id() -> None:
    code = dedent('''
        from app import runner


        def test_model_not_legacy():
            legacy = "gemini-live-2.5-flash-preview"
            assert runner.agent.model != legacy
    ''')
    (finding,) = check(code, ("LM001",))
    assert finding.fix is None and "compared here" in finding.message
    # the same name given as a model is a setting
    given = code.replace("assert runner.agent.model != legacy", "runner.start(model=legacy)")
    assert given != code
    (finding,) = check(given, ("LM001",))
    assert "compared" not in finding.message
    # compared, and also written into a setup frame: a setting (the move fixes both)
    setup = dedent('''
        import json


        def setup(ws):
            model = "gemini-2.0-flash-live-001"
            if "native-audio" in model:
                print("native audio")
            ws.send(json.dumps({"setup": {"model": f"models/{model}"}}))
    ''')
    (finding,) = check(setup, ("LM001",))
    assert finding.fix is not None and "compared" not in finding.message


# --- left from earlier runs ------------------------------------------------------------------------
# Run 13: a session class sends audio with the deprecated send(input=LiveClientRealtimeInput(...))
# and the MIME type its caller passes; the caller's default is a bare "audio/pcm".
LEGACY_SENDER = dedent('''
    from google import genai
    from google.genai import types


    class LiveSession:
        async def start(self):
            self.session = await genai.Client().aio.live.connect(
                model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]}).__aenter__()

        async def send_audio_chunk(self, audio, mime_type="audio/pcm;rate=16000"):
            await self.session.send(input=types.LiveClientRealtimeInput(
                media_chunks=[types.Blob(data=audio, mime_type=mime_type)]))
''')
RELAY = dedent('''
    from live_session import LiveSession


    async def relay(websocket):
        live = LiveSession()
        async for data in websocket.iter_json():
            await live.send_audio_chunk(data["data"], data.get("mime_type", "audio/pcm"))


    async def forward(websocket, live):
        async for message in live.session.receive():
            await websocket.send_json({"done": bool(message.server_content and message.server_content.turn_complete)})
''')


def test_a_bare_pcm_passed_to_a_legacy_realtime_sender_is_reported(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"live_session.py": LEGACY_SENDER, "relay.py": RELAY})
    assert findings_by_file(project, ("LM106",)) == {"relay.py": [(7, "LM106")]}


# Run 12: pipecat's Gemini Live service told to answer in text.
PIPECAT_TEXT = dedent('''
    from pipecat.services.gemini_multimodal_live.gemini import (
        GeminiMultimodalLiveLLMService, GeminiMultimodalModalities, InputParams)


    def make_llm(api_key):
        return GeminiMultimodalLiveLLMService(
            api_key=api_key,
            model="models/gemini-2.5-flash-native-audio-preview-12-2025",
            params=InputParams(modalities=GeminiMultimodalModalities.TEXT),
        )
''')


def test_a_pipecat_live_service_answering_in_text_is_reported() -> None:
    (finding,) = check(PIPECAT_TEXT, ("LM005",))
    assert (finding.line, finding.fix) == (9, None)
    audio = PIPECAT_TEXT.replace("GeminiMultimodalModalities.TEXT", "GeminiMultimodalModalities.AUDIO")
    assert check(audio, ("LM005",)) == []


def test_a_handler_parameter_named_like_the_relays_message_is_not_its_alias() -> None:
    # `show(browser, response)` is given the content, but the relay's own `response` is the
    # whole message: its top-level transcript read is always None, not "not enabled"
    code = RAW_HANDLER.replace("server_content", "response").replace(
        '            if "serverContent" in response:\n',
        '            print(response.get("outputTranscription"))\n            if "serverContent" in response:\n')
    assert code != RAW_HANDLER.replace("server_content", "response")
    messages = [f.message for f in check(code, ("LM009",))]
    assert any("at its top level" in m for m in messages), messages


def test_a_text_that_names_the_move_itself_is_left_alone() -> None:
    moved = LOG_LINE.replace("Initializing RealtimeModel with gemini-2.5-flash-native-audio-latest...",
                             "gemini-2.5-flash-native-audio-latest was retired; using gemini-3.1-flash-live-preview")
    assert moved != LOG_LINE and check(moved, ("LM001",)) == []


def test_a_not_in_test_of_the_name_counts_too(tmp_path) -> None:
    from harness import write_tree

    from livemigrate.engine import Linter
    from livemigrate.settings import Settings as LintSettings

    main = MAIN_ADK.replace('if "native-audio" in agent.model.lower():', 'if "native-audio" not in agent.model.lower():')
    assert main != MAIN_ADK
    project = write_tree(tmp_path / "p", {"agent.py": AGENT, "main.py": main})
    (report,) = [r for r in Linter(LintSettings()).check_paths([project]) if r.path.endswith("agent.py")]
    (finding,) = [f for f in report.findings if f.rule_id == "LM001"]
    assert finding.fix is None


def test_openais_realtime_model_is_not_a_gemini_live_class(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    pipeline = PIPELINE.replace("from livekit.plugins import google", "from livekit.plugins import google, openai") \
        .replace("google.realtime.RealtimeModel(model=settings.gemini_model, modalities=[Modality.TEXT])",
                 "openai.realtime.RealtimeModel(model=settings.gemini_model)")
    project = write_tree(tmp_path / "p", {"config.py": SETTINGS, "pipeline.py": pipeline})
    assert findings_by_file(project, ("LM001", "LM005")) == {}


def test_an_endless_method_of_another_class_does_not_keep_the_session_open(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    # `_audio_loop` loops until stopped in another class; the app's own `_audio_loop` sends a turn
    app = APP.replace("        while self.running:\n            await self.live.send_audio(await self.mic.read())\n",
                      "        await self.live.send_audio(await self.mic.read())\n\n\n"
                      "class Meter:\n    async def _audio_loop(self):\n        while self.running:\n"
                      "            await self.tick()\n")
    assert app != APP
    project = write_tree(tmp_path / "p", {"screen_session.py": SESSION_CLASS, "app.py": app})
    assert findings_by_file(project, ("LM402",)) == {}
