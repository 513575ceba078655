"""Shapes measurement 51's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

ADK_BRANCHES = dedent("""
    from google.adk.agents import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig
    from google.adk.runners import InMemoryRunner
    from google.genai import types

    from agent import root_agent


    async def start_agent_session(user_id, is_audio=False):
        runner = InMemoryRunner(app_name="app", agent=root_agent)
        session = await runner.session_service.create_session(app_name="app", user_id=user_id)
        if is_audio:
            modalities = ["AUDIO"]
        else:
            modalities = ["TEXT"]
        run_config = RunConfig(
            response_modalities=modalities,
            output_audio_transcription=types.AudioTranscriptionConfig() if is_audio else None,
        )
        live_request_queue = LiveRequestQueue()
        live_events = runner.run_live(session=session, live_request_queue=live_request_queue, run_config=run_config)
        return live_events, live_request_queue
""")


def test_an_adk_run_config_whose_modalities_a_branch_sets_to_text() -> None:
    """ADK's streaming sample with the modality list bound in an `if` / `else` (or chosen whole
    by a conditional expression): TEXT on some runs of the agent's Live session, as the sample's
    `["AUDIO" if is_audio else "TEXT"]` is (LM005 on the keyword, no fix)."""
    found = check(ADK_BRANCHES, ("LM005",))
    assert [(f.line, f.fix is None) for f in found] == [(17, True)]
    whole = ADK_BRANCHES.replace('    if is_audio:\n        modalities = ["AUDIO"]\n    else:\n        modalities = ["TEXT"]\n',
                                 '    modalities = ["AUDIO"] if is_audio else ["TEXT"]\n')
    assert whole != ADK_BRANCHES
    assert [(f.line, f.fix is None) for f in check(whole, ("LM005",))] == [(14, True)]


FORWARDED_FRAMES = dedent("""
    import json

    from google import genai
    from google.genai import types

    client = genai.Client(http_options={"api_version": "v1beta"})
    MODEL = "gemini-2.0-flash-live-001"


    async def relay(websocket):
        config = types.LiveConnectConfig(response_modalities=["AUDIO"])
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            async for message in websocket:
                data = json.loads(message)
                for chunk in data["realtime_input"]["media_chunks"]:
                    if chunk["mime_type"] == "audio/pcm":
                        await session.send(input={"mime_type": "audio/pcm", "data": chunk["data"]})
                    elif chunk["mime_type"].startswith("image/"):
                        await session.send(input={"mime_type": chunk["mime_type"], "data": chunk["data"]})
""")


def test_a_frame_forwarded_under_a_test_of_its_image_mime_type_is_video() -> None:
    """A relay forwards the browser's chunks, the image ones under `elif
    chunk["mime_type"].startswith("image/"):` with the chunk's own MIME type: video (LM401)."""
    assert [f.line for f in check(FORWARDED_FRAMES, ("LM401",))] == [12]
    audio_only = FORWARDED_FRAMES.replace('startswith("image/")', 'startswith("audio/")')
    assert audio_only != FORWARDED_FRAMES and check(audio_only, ("LM401",)) == []


CLIENT_CLASS = dedent('''
    from google import genai
    from google.genai import types


    class GeminiClient:
        def __init__(self):
            self.client = genai.Client()

        def connect(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            return self.client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config)
''')

CLIENT_USER = dedent('''
    import asyncio

    from core.gemini_client import GeminiClient


    async def main():
        client = GeminiClient()
        async with client.connect() as session:
            await session.send_client_content(
                turns={"role": "user", "parts": [{"text": "Introduce yourself."}]}, turn_complete=True)
            async for response in session.receive():
                if response.server_content and response.server_content.model_turn:
                    for part in response.server_content.model_turn.parts:
                        if part.text:
                            print(part.text)


    asyncio.run(main())
''')


def test_a_session_an_imported_classs_method_opens_and_hands_back(tmp_path: Path) -> None:
    """`client = GeminiClient()`, then `async with client.connect() as session:` where the
    method (another module) returns `live.connect(...)` on an AUDIO config it builds itself:
    the session here is that Live session (LM101 on its one-shot prompt, LM304 on its parts'
    text)."""
    write_tree(tmp_path, {"core/__init__.py": "", "core/gemini_client.py": CLIENT_CLASS, "try_it.py": CLIENT_USER})
    found = findings_by_file(tmp_path, ("LM101", "LM304"))
    assert found == {"try_it.py": [(9, "LM101"), (14, "LM304"), (15, "LM304")]}


ADK_SSE = dedent('''
    import json

    from fastapi import FastAPI
    from fastapi.responses import StreamingResponse
    from google.adk.agents import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig
    from google.adk.runners import InMemoryRunner

    from agent import root_agent

    app = FastAPI()
    active = {}


    async def start_agent_session(user_id):
        runner = InMemoryRunner(app_name="app", agent=root_agent)
        session = await runner.session_service.create_session(app_name="app", user_id=user_id)
        run_config = RunConfig(response_modalities=["AUDIO"])
        live_request_queue = LiveRequestQueue()
        live_events = runner.run_live(session=session, live_request_queue=live_request_queue, run_config=run_config)
        return live_events, live_request_queue


    async def agent_to_client_sse(live_events):
        async for event in live_events:
            if event.turn_complete or event.interrupted:
                yield f"data: {json.dumps({'turn_complete': event.turn_complete})}\\n\\n"
                continue
            yield f"data: {json.dumps({'text': str(event.content)})}\\n\\n"


    @app.get("/events/{user_id}")
    async def sse_endpoint(user_id: str):
        live_events, live_request_queue = await start_agent_session(user_id)
        active[user_id] = live_request_queue
        return StreamingResponse(agent_to_client_sse(live_events), media_type="text/event-stream")
''')


def test_an_adk_sse_stream_reading_events_across_turns_keeps_the_session_open() -> None:
    """ADK's SSE streaming sample: the browser posts each chunk to another endpoint (no loop
    here feeds the queue), and the event stream reads the session's events across turns until
    the browser goes: the session runs long (LM402 on run_live)."""
    assert [f.line for f in check(ADK_SSE, ("LM402",))] == [20]
    one_turn = ADK_SSE.replace("            continue\n", "            break\n")
    assert one_turn != ADK_SSE and check(one_turn, ("LM402",)) == []


RAW_HANDLER = dedent('''
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Client:
        async def run(self):
            self.ws = await websockets.connect(URI)
            await self.ws.send(json.dumps({"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-12-2025",
                                                     "generationConfig": {"responseModalities": ["AUDIO"]}}}))
            async for message in self.ws:
                await self.process(json.loads(message))

        async def process(self, data):
            if "serverContent" in data:
                server_content = data["serverContent"]
                for part in server_content.get("modelTurn", {}).get("parts", []):
                    if "inlineData" in part:
                        self.play(part["inlineData"]["data"])
                if server_content.get("turnComplete"):
                    self.done()
                return
            if "toolCall" in data:
                self.log(data["toolCall"])
                return
            if "usageMetadata" in data:
                self.log(data["usageMetadata"])
                return
''')


def test_a_return_ladder_that_skips_only_the_usage_metadata_is_no_lm302() -> None:
    """A handler returning after the server content (and after a tool call) skips only a later
    `usageMetadata` rung: 2.x put the usage on the turn's last server-content message too, so
    the ladder loses nothing the move changes (no LM302; measurement 52). The return after the
    audio stays LM303: on the target the audio comes on that message as well."""
    assert [f.rule_id for f in check(RAW_HANDLER, ("LM302", "LM303"))] == ["LM303"]


def test_a_continue_before_the_usage_log_still_skips_the_rest_of_the_loop_body() -> None:
    """`if sc.interrupted: ...; continue` before a usage log and the transcript: the `continue`
    skips the transcript too (LM302), whatever the usage rung is."""
    code = dedent("""
        from google import genai

        client = genai.Client()


        async def main(ws):
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={"response_modalities": ["AUDIO"]}) as s:
                async for response in s.receive():
                    if response.server_content and response.server_content.interrupted is not None:
                        await ws.send("interrupted")
                        continue

                    if response.usage_metadata:
                        print(response.usage_metadata.total_token_count)

                    if response.server_content and response.server_content.output_transcription is not None:
                        await ws.send(response.server_content.output_transcription.text)
    """)
    assert [f.line for f in check(code, ("LM302",))] == [9]


HANG_UP_AFTER_DRAINING = dedent("""
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="end_call")])],
    )


    async def converse(play, events):
        async with client.aio.live.connect(model="gemini-live-2.5-flash-preview", config=config) as session:
            async for message in session.receive():
                if message.tool_call:
                    hang_up = False
                    responses = []
                    for call in message.tool_call.function_calls:
                        responses.append(types.FunctionResponse(name=call.name, id=call.id, response={}))
                        if call.name == "end_call":
                            hang_up = True
                    await session.send_tool_response(function_responses=responses)
                    if hang_up:
                        try:
                            while True:
                                try:
                                    rest = await asyncio.wait_for(session.receive().__anext__(), timeout=3)
                                except (asyncio.TimeoutError, StopAsyncIteration):
                                    break
                                content = rest.server_content
                                if content and content.model_turn:
                                    for part in content.model_turn.parts:
                                        play(part.inline_data.data)
                                if content and content.turn_complete:
                                    break
                        except Exception:
                            pass
                        await events.put("end_call")
                        return
""")


def test_a_hang_up_tool_that_reads_the_rest_of_the_turn_before_leaving() -> None:
    """An end-call tool answered, then a loop that reads the session until `turn_complete`
    (the goodbye's audio) before the `return`: the program leaves at the end of the turn, as
    LM306 asks, so the stop under its own test is not reported (a false positive of a
    measurement-51 candidate)."""
    assert check(HANG_UP_AFTER_DRAINING, ("LM306",)) == []
    stops_at_once = HANG_UP_AFTER_DRAINING.replace("if content and content.turn_complete:", "if content is None:")
    assert [f.rule_id for f in check(stops_at_once, ("LM306",))] == ["LM306"]


SETTINGS_CLASS = dedent("""
    from pydantic import BaseModel


    class RuntimeSettings(BaseModel):
        voice: str = "Puck"
        model_name: str = "gemini-live-2.5-flash-preview"
        reply_mode: str = "audio"
""")

SETTINGS_SESSION = dedent("""
    import json

    from google import genai
    from google.genai import types

    from app.settings import RuntimeSettings

    client = genai.Client()


    def load_settings() -> RuntimeSettings:
        with open("settings.json") as f:
            return RuntimeSettings(**json.load(f))


    def open_session(tools, settings):
        modalities = [types.Modality.AUDIO] if settings.reply_mode == "audio" else [types.Modality.TEXT]
        config = types.LiveConnectConfig(response_modalities=modalities, tools=tools)
        return client.aio.live.connect(model=settings.model_name, config=config)


    async def serve(websocket, settings: RuntimeSettings):
        async with open_session([], settings) as session:
            async for message in session.receive():
                await websocket.send_bytes(message.data)
""")


def test_a_model_read_from_a_settings_parameter_of_an_imported_class(tmp_path: Path) -> None:
    """The session's model is `settings.model_name`, where `settings` is a parameter whose
    callers here pass a parameter annotated with a settings class of another module, and that
    class declares the field's default (a half-cascade id LM001 moves there): the model is
    that default, as LM001's backward flow already reads it, so a modality list a conditional
    sets to TEXT on some runs is LM005 (a measurement-51 candidate's FastAPI app)."""
    write_tree(tmp_path, {"app/__init__.py": "", "app/settings.py": SETTINGS_CLASS, "app/api.py": SETTINGS_SESSION})
    found = findings_by_file(tmp_path, ("LM001", "LM005"))
    assert found == {"app/settings.py": [(6, "LM001")], "app/api.py": [(18, "LM005")]}
    # (annotated on the opener itself, likewise)
    annotated = SETTINGS_SESSION.replace("def open_session(tools, settings):",
                                         "def open_session(tools, settings: RuntimeSettings):")
    write_tree(tmp_path / "a", {"app/__init__.py": "", "app/settings.py": SETTINGS_CLASS, "app/api.py": annotated})
    assert findings_by_file(tmp_path / "a", ("LM005",)) == {"app/api.py": [(18, "LM005")]}
    # (a parameter of no known class says nothing of the model)
    unknown = SETTINGS_SESSION.replace("settings: RuntimeSettings)", "settings)")
    write_tree(tmp_path / "u", {"app/__init__.py": "", "app/settings.py": SETTINGS_CLASS, "app/api.py": unknown})
    assert findings_by_file(tmp_path / "u", ("LM005",)) == {}
