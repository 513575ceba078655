"""Shapes measurement 49's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, fixed_text, write_tree

TWICE_BUILT_SETUP = dedent("""
    import asyncio
    import json

    from websockets import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Connection:
        def __init__(self):
            self.model = "gemini-2.0-flash-exp"

        async def start(self):
            self.ws = await connect(URI)
            generation_config = {"response_modalities": ["AUDIO"]}
            setup_message = {
                "setup": {
                    "model": f"models/{self.model}",
                    "generation_config": generation_config,
                }
            }

            setup_message = {
                "setup": {
                    "model": f"models/{self.model}",
                    "generation_config": generation_config,
                    "system_instruction": {"parts": [{"text": "Be brief."}]},
                }
            }
            await self.ws.send(json.dumps(setup_message))
            await self.ws.recv()
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self.receive())

        async def receive(self):
            async for msg in self.ws:
                response = json.loads(msg)
                for p in response["serverContent"].get("modelTurn", {}).get("parts", []):
                    if "text" in p:
                        print("Gemini:", p["text"])
""")


def test_a_setup_frame_built_again_before_it_is_sent_is_the_one_frame_of_the_socket() -> None:
    """`setup_message = {...}` written twice in a row, the first never read: only the second is
    sent, so the socket has one setup frame (LM402 on it, LM304 on its AUDIO parts' text) and
    the first is not a second session of the same block."""
    found = [(f.rule_id, f.line) for f in check(TWICE_BUILT_SETUP, ("LM001", "LM304", "LM402"))]
    assert found == [("LM001", 11), ("LM402", 24), ("LM304", 40)]
    # (a first frame that is read before it is built again is a frame of its own)
    sent_both = TWICE_BUILT_SETUP.replace("\n        setup_message = {\n            \"setup\": {\n"
                                          "                \"model\": f\"models/{self.model}\",\n"
                                          "                \"generation_config\": generation_config,\n"
                                          "                \"system_instruction\"",
                                          "\n        await self.ws.send(json.dumps(setup_message))\n"
                                          "        setup_message = {\n            \"setup\": {\n"
                                          "                \"model\": f\"models/{self.model}\",\n"
                                          "                \"generation_config\": generation_config,\n"
                                          "                \"system_instruction\"", 1)
    assert sent_both != TWICE_BUILT_SETUP
    assert ("LM402", 24) not in [(f.rule_id, f.line) for f in check(sent_both, ("LM402",))]


GUI_WITH_CAMERA = dedent("""
    import base64
    import io

    import PIL.Image

    from connection import Connection


    class Camera:
        def get_frame(self):
            image = PIL.Image.new("RGB", (64, 64))
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG")
            return {"mime_type": "image/jpeg", "data": base64.b64encode(buffer.getvalue()).decode()}


    class App:
        def start(self):
            self.client = Connection(camera=Camera())
""")

RAW_CONNECTION_WITH_CAMERA = dedent('''
    import asyncio
    import json

    from websockets import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Connection:
        def __init__(self, camera=None):
            self.camera = camera

        async def start(self):
            self.ws = await connect(URI)
            setup = {"setup": {"model": "models/gemini-2.0-flash-exp", "generation_config": {"response_modalities": ["AUDIO"]}}}
            await self.ws.send(json.dumps(setup))
            await self.capture_video()

        async def capture_video(self):
            while True:
                frame = self.camera.get_frame()
                await self.ws.send(json.dumps({"realtime_input": {"media_chunks": [frame]}}))
                await asyncio.sleep(1.0)
''')


def test_frames_a_camera_class_of_the_importing_gui_builds_are_video(tmp_path: Path) -> None:
    """The GUI module imports the raw Live client, builds image blobs in its camera class and
    hands the camera to the client, which sends whatever `get_frame()` gives as a media chunk:
    video (LM401 on the setup frame), as when the client imports the camera module."""
    write_tree(tmp_path, {"app/connection.py": RAW_CONNECTION_WITH_CAMERA, "app/gui.py": GUI_WITH_CAMERA})
    assert findings_by_file(tmp_path, ("LM401",)) == {"app/connection.py": [(15, "LM401")]}
    # (the MIME type bound to a local name first: `mime_type = "image/jpeg"`)
    local = GUI_WITH_CAMERA.replace('        return {"mime_type": "image/jpeg", ',
                                    '        mime_type = "image/jpeg"\n        return {"mime_type": mime_type, ')
    assert local != GUI_WITH_CAMERA
    write_tree(tmp_path / "local", {"app/connection.py": RAW_CONNECTION_WITH_CAMERA, "app/gui.py": local})
    assert findings_by_file(tmp_path / "local", ("LM401",)) == {"app/connection.py": [(15, "LM401")]}
    # (a GUI whose camera builds no image blob sends none)
    audio = GUI_WITH_CAMERA.replace('"image/jpeg"', '"audio/pcm;rate=16000"')
    assert audio != GUI_WITH_CAMERA
    write_tree(tmp_path / "audio", {"app/connection.py": RAW_CONNECTION_WITH_CAMERA, "app/gui.py": audio})
    assert findings_by_file(tmp_path / "audio", ("LM401",)) == {}
    # (nor a GUI that builds image blobs for something else and hands the client no camera:
    # review of measurement 50)
    apart = GUI_WITH_CAMERA.replace("Connection(camera=Camera())", "Connection()")
    assert apart != GUI_WITH_CAMERA
    write_tree(tmp_path / "apart", {"app/connection.py": RAW_CONNECTION_WITH_CAMERA, "app/gui.py": apart})
    assert findings_by_file(tmp_path / "apart", ("LM401",)) == {}
    # (nor does a module building image blobs that never calls the client)
    unrelated = GUI_WITH_CAMERA.replace("        self.client = Connection(camera=Camera())\n",
                                        "        self.client = Connection\n")
    assert unrelated != GUI_WITH_CAMERA
    write_tree(tmp_path / "unrelated", {"app/connection.py": RAW_CONNECTION_WITH_CAMERA, "app/gui.py": unrelated})
    assert findings_by_file(tmp_path / "unrelated", ("LM401",)) == {}


def test_livekits_gemini_model_is_read_in_a_module_naming_nothing_else_of_gemini(tmp_path: Path) -> None:
    """LiveKit's `RealtimeModel` imported from `livekit.plugins.google.realtime`, its model a
    settings attribute, in a module with no `genai` and no Gemini id: still Live code (LM002 on
    its thinking budget)."""
    code = dedent("""
        from livekit.plugins.google.realtime import RealtimeModel


        async def entrypoint(ctx, config):
            model = RealtimeModel(
                model=config.gemini.model,
                modalities=["AUDIO"],
                thinking_config={"thinking_budget": 0},
            )
            return model
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM002",))] == [("LM002", 8)]
    # (and a run over files reads the module: the file screen lets it through)
    write_tree(tmp_path, {"agent.py": code})
    assert findings_by_file(tmp_path, ("LM002",)) == {"agent.py": [(8, "LM002")]}
    # (OpenAI's RealtimeModel is not Gemini's, even beside Google's TTS: the screen skips it)
    openai = code.replace("livekit.plugins.google.realtime", "livekit.plugins.openai.realtime")
    assert openai != code and check(openai, ("LM002",)) == []
    from livemigrate.prefilter import screen_bytes

    assert screen_bytes((openai + "from livekit.plugins import google\ntts = google.TTS()\n").encode())[0] is False


FLAGGED_ALPHA = dedent("""
    from google import genai

    MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"


    class VoiceEngine:
        def __init__(self, api_key, affective_dialog=False, proactive_audio=False):
            self.api_key = api_key
            self.affective_dialog = affective_dialog
            self.proactive_audio = proactive_audio

        async def run(self):
            client_kwargs = {"api_key": self.api_key}
            if self.affective_dialog or self.proactive_audio:
                client_kwargs["http_options"] = {"api_version": "v1alpha"}
            client = genai.Client(**client_kwargs)
            config = {"response_modalities": ["AUDIO"]}
            if self.affective_dialog:
                config["enable_affective_dialog"] = True
            if self.proactive_audio:
                config["proactivity"] = {"proactive_audio": True}
            async with client.aio.live.connect(model=MODEL, config=config) as session:
                async for message in session.receive():
                    print(message.data)
""")


def test_v1alpha_a_user_feature_switch_turns_on_is_reported_beside_the_features() -> None:
    """`v1alpha` filled into the client's keyword dict when the user turns on affective dialog
    or proactive audio (a feature switch, not a model gate), the features set under the same
    switches: LM007 on the version (no fix) beside LM003 / LM004 on the features."""
    found = [(f.rule_id, f.line, f.fix is not None) for f in check(FLAGGED_ALPHA, ("LM003", "LM004", "LM007"))]
    assert found == [("LM007", 15, False), ("LM004", 19, True), ("LM003", 21, True)]
    # (v1alpha set under a model gate serves the 2.x branch: not reported)
    gated = FLAGGED_ALPHA.replace("        if self.affective_dialog or self.proactive_audio:\n",
                                  "        if MODEL.startswith(\"gemini-2\"):\n")
    assert gated != FLAGGED_ALPHA
    assert [f.rule_id for f in check(gated, ("LM007",))] == []


ADK_AGENT = dedent("""
    from google.adk.agents import Agent

    root_agent = Agent(
        name="coach",
        model="gemini-2.0-flash-exp",
        instruction="Be a coach.",
    )
""")

ADK_MAIN = dedent("""
    from google.adk.agents import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig
    from google.adk.runners import Runner
    from google.adk.sessions.in_memory_session_service import InMemorySessionService
    from coach.agent import root_agent

    session_service = InMemorySessionService()


    def start_agent_session(session_id: str):
        session = session_service.create_session(app_name="app", user_id=session_id, session_id=session_id)
        runner = Runner(app_name="app", agent=root_agent, session_service=session_service)
        run_config = RunConfig(response_modalities=["AUDIO"])
        live_request_queue = LiveRequestQueue()
        live_events = runner.run_live(session=session, live_request_queue=live_request_queue, run_config=run_config)
        return live_events, live_request_queue
""")


def test_a_flash_experiment_an_adk_agent_of_another_module_runs_live_on(tmp_path: Path) -> None:
    """`gemini-2.0-flash-exp` (a text model too) is the model of an agent another module's
    `Runner(agent=root_agent)` streams with `run_live`: it reaches a Live session (LM001)."""
    files = {"app/__init__.py": "", "app/coach/__init__.py": "", "app/coach/agent.py": ADK_AGENT,
             "app/main.py": ADK_MAIN}
    write_tree(tmp_path, files)
    assert findings_by_file(tmp_path, ("LM001",)) == {"app/coach/agent.py": [(5, "LM001")]}
    # (a runner that only runs text turns, `run_async`, takes the id as a text model)
    text = ADK_MAIN.replace("runner.run_live(session=session, live_request_queue=live_request_queue, "
                            "run_config=run_config)", "runner.run_async(session=session)")
    assert text != ADK_MAIN
    write_tree(tmp_path / "text", {**files, "app/main.py": text})
    assert findings_by_file(tmp_path / "text", ("LM001",)) == {}


COUNTED_TEXT = dedent("""
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])


    async def main(play, log):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=CONFIG) as s:
            async for response in s.receive():
                if response.server_content and response.server_content.model_turn:
                    text_parts = 0
                    for part in response.server_content.model_turn.parts:
                        if part.inline_data:
                            play(part.inline_data.data)
                        elif part.text:
                            text_parts += 1
                            log(f"text #{text_parts}: {part.text}")
""")


def test_a_text_branch_counting_with_a_name_its_model_turn_block_binds_gets_no_rewrite() -> None:
    """The rewrite moves a part's text branch after the `if ... model_turn:` block (the
    transcript comes on messages without a model turn too); a branch reading a name only that
    block binds (`text_parts = 0`) would then read it unbound: LM304 with no fix."""
    found = check(COUNTED_TEXT, ("LM304",))
    assert [(f.line, f.fix is None) for f in found] == [(16, True), (18, True)]
    # (a branch reading nothing the block binds moves, as before)
    moved = COUNTED_TEXT.replace("                        text_parts += 1\n", "").replace(
        'log(f"text #{text_parts}: {part.text}")', 'log(f"text: {part.text}")')
    assert moved != COUNTED_TEXT
    assert [(f.line, f.fix is None) for f in check(moved, ("LM304",))] == [(16, False), (17, False)]
    assert "output_transcription.text" in fixed_text(moved, ("LM304",), unsafe=True)


def test_only_the_adk_runner_that_streams_with_run_live_takes_its_agent_live(tmp_path: Path) -> None:
    """A module running one agent live and another for text turns (`run_async`): only the live
    runner's agent reaches a Live session (review of measurement 50)."""
    summary = ADK_AGENT.replace("root_agent", "summary_agent").replace('name="coach"', 'name="summary"')
    main = ADK_MAIN.replace("from coach.agent import root_agent\n",
                            "from coach.agent import root_agent\nfrom coach.summary import summary_agent\n") + dedent("""


        async def summarize(session):
            runner = Runner(app_name="app", agent=summary_agent, session_service=session_service)
            return runner.run_async(session=session)
    """)
    files = {"app/__init__.py": "", "app/coach/__init__.py": "", "app/coach/agent.py": ADK_AGENT,
             "app/coach/summary.py": summary, "app/main.py": main}
    write_tree(tmp_path, files)
    assert findings_by_file(tmp_path, ("LM001",)) == {"app/coach/agent.py": [(5, "LM001")]}


def test_a_mime_name_some_loop_binds_is_not_an_image_type() -> None:
    """`mime_type = "image/png"` in one function does not make the `mime_type` a loop binds in
    another an image type; and only `MediaChunk` of the `*Chunk` classes is the wire's
    (review of measurement 50)."""
    import ast

    from livemigrate.project import _image_blob_in

    looped = ast.parse(dedent("""
        def upload(data):
            mime_type = "image/png"
            return store(data, mime_type)


        def frames(recorder):
            for data, mime_type in recorder.stream():
                yield {"data": data, "mime_type": mime_type}
    """))
    assert not _image_blob_in(looped)
    assert _image_blob_in(ast.parse('def f(d):\n    mime_type = "image/png"\n    return {"data": d, "mime_type": mime_type}\n'))
    assert not _image_blob_in(ast.parse('DocumentChunk(mime_type="image/png", content=page)'))
    assert _image_blob_in(ast.parse('MediaChunk(mimeType=f"image/jpeg", data=data)'))
