"""Shapes a third review of the cross-module mechanisms found wrong, each a test (written from
the review's reproductions)."""

from __future__ import annotations

from pathlib import Path

from harness import dedent, findings_by_file, write_tree

from livemigrate.engine import Linter
from livemigrate.settings import Settings

OPENER = dedent("""
    from google import genai

    client = genai.Client()


    def open_live():
        return client.aio.live.connect(
            model="gemini-3.1-flash-live-preview",
            config={"response_modalities": ["AUDIO"], "output_audio_transcription": {}},
        )
""")

BRIDGE = dedent("""
    import asyncio
    import json

    from fastapi import FastAPI, WebSocket

    from gemini_live import open_live

    app = FastAPI()


    async def gemini_to_phone(ws: WebSocket, live, sid: str):
        while True:
            async for message in live.receive():
                if message.data:
                    await ws.send_text(json.dumps({"event": "media", "streamSid": sid}))


    @app.websocket("/media-stream")
    async def media_stream(ws: WebSocket):
        await ws.accept()
        async with open_live() as live:
            async for text in ws.iter_text():
                event = json.loads(text)
                if event["event"] == "start":
                    asyncio.create_task(gemini_to_phone(ws, live, event["start"]["streamSid"]))
                elif event["event"] == "media":
                    await live.send_realtime_input(audio={"data": b"", "mime_type": "audio/pcm;rate=8000"})
                elif event["event"] == "stop":
                    break
""")


def _bridge(root: Path, bridge: str) -> dict[str, list[tuple[int, str]]]:
    write_tree(root, {"app/gemini_live.py": OPENER, "app/main.py": bridge})
    return findings_by_file(root, ("LM402",))


def test_a_task_started_in_the_blocks_socket_loop_runs_while_the_session_is_open(tmp_path: Path) -> None:
    """The phone-bridge shape: the receiver task is started and not stored, but the block goes
    on reading the call's socket, so the session stays open as long as the task loops."""
    assert _bridge(tmp_path, BRIDGE) == {"app/gemini_live.py": [(7, "LM402")]}


def test_a_task_the_block_starts_and_leaves_keeps_nothing_open(tmp_path: Path) -> None:
    """Started once, then one turn read: the block closes the session after that turn."""
    bridge = BRIDGE.replace(
        "        async for text in ws.iter_text():\n            event = json.loads(text)\n"
        "            if event[\"event\"] == \"start\":\n"
        "                asyncio.create_task(gemini_to_phone(ws, live, event[\"start\"][\"streamSid\"]))\n"
        "            elif event[\"event\"] == \"media\":\n"
        "                await live.send_realtime_input(audio={\"data\": b\"\", \"mime_type\": \"audio/pcm;rate=8000\"})\n"
        "            elif event[\"event\"] == \"stop\":\n                break\n",
        "        asyncio.create_task(gemini_to_phone(ws, live, \"sid\"))\n"
        "        await live.send_realtime_input(text=\"hello\")\n"
        "        async for message in live.receive():\n"
        "            if message.server_content and message.server_content.turn_complete:\n"
        "                break\n")
    assert bridge != BRIDGE
    assert _bridge(tmp_path, bridge) == {}


VOICE_AND_CAMERA = dedent("""
    from google import genai

    from gemini_live import open_live

    client = genai.Client()
    CAMERA_CONFIG = {
        "response_modalities": ["AUDIO"],
        "realtime_input_config": {"turn_coverage": "TURN_INCLUDES_ONLY_ACTIVITY"},
    }


    async def voice(mic):
        async with open_live() as session:
            while True:
                await session.send_realtime_input(audio={"data": await mic.get(), "mime_type": "audio/pcm;rate=16000"})


    async def camera(frames):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CAMERA_CONFIG) as session:
            while True:
                await session.send_realtime_input(video={"data": await frames.get(), "mime_type": "image/jpeg"})
""")


def test_a_session_name_another_function_reuses_is_not_the_imported_session(tmp_path: Path) -> None:
    """`session` in `camera` is its own connect's: its video is not the imported voice session's,
    and the voice loop is not the camera session's."""
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/main.py": VOICE_AND_CAMERA})
    assert findings_by_file(tmp_path, ("LM401",)) == {}
    by_file = {(Path(report.path).name, f.line): f.message for report in Linter(Settings()).check_paths([tmp_path])
               for f in report.findings if f.rule_id == "LM402"}
    assert set(by_file) == {("gemini_live.py", 7), ("main.py", 19)}
    assert "line 21" in by_file[("main.py", 19)] and "line 15" not in by_file[("main.py", 19)]


def test_a_session_kept_in_an_attribute_streams_video_wherever_it_is_read(tmp_path: Path) -> None:
    main = dedent("""
        from gemini_live import open_live


        class State:
            live = None


        async def voice(state, frames):
            async with open_live() as session:
                state.live = session
                while True:
                    await frames.get()


        async def camera(state, frames):
            await state.live.send_realtime_input(video={"data": await frames.get(), "mime_type": "image/jpeg"})
    """)
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/main.py": main})
    assert findings_by_file(tmp_path, ("LM401",)) == {"app/gemini_live.py": [(7, "LM401")]}


ALPHA_CLIENT = dedent("""
    from google import genai

    GEMINI = genai.Client(http_options={"api_version": "v1alpha"})
""")

TALK = dedent("""
    from clients import GEMINI


    async def talk():
        async with GEMINI.aio.live.connect(model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]}) as s:
            await s.send_realtime_input(text="hi")
""")


def test_a_shared_alpha_client_other_modules_open_plain_sessions_on_is_reported(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app/clients.py": ALPHA_CLIENT, "app/agent.py": TALK})
    assert findings_by_file(tmp_path, ("LM007",)) == {"app/clients.py": [(3, "LM007")]}


def test_a_shared_alpha_client_another_module_plays_lyria_on_keeps_v1alpha(tmp_path: Path) -> None:
    music = dedent("""
        from clients import GEMINI


        async def play(prompt):
            async with GEMINI.aio.live.music.connect(model="models/lyria-realtime-exp") as session:
                await session.set_weighted_prompts(prompts=[{"text": prompt, "weight": 1.0}])
                await session.play()
    """)
    write_tree(tmp_path, {"app/clients.py": ALPHA_CLIENT, "app/agent.py": TALK, "app/music.py": music})
    assert findings_by_file(tmp_path, ("LM007",)) == {}


def test_a_shared_alpha_client_for_affective_dialog_on_a_gated_2x_branch_keeps_v1alpha(tmp_path: Path) -> None:
    agent = dedent("""
        import os

        from clients import GEMINI

        MODEL = os.getenv("LIVE_MODEL", "gemini-3.1-flash-live-preview")


        def live_config():
            config = {"response_modalities": ["AUDIO"]}
            if MODEL.startswith("gemini-2.5"):
                config["enable_affective_dialog"] = True
            return config


        async def talk():
            async with GEMINI.aio.live.connect(model=MODEL, config=live_config()) as s:
                await s.send_realtime_input(text="hi")
    """)
    write_tree(tmp_path, {"app/clients.py": ALPHA_CLIENT, "app/agent.py": agent})
    assert findings_by_file(tmp_path, ("LM007",)) == {}


ASK = dedent("""
    from fastapi import FastAPI, WebSocket

    from gemini_live import open_live

    app = FastAPI()


    @app.websocket("/ask")
    async def ask(ws: WebSocket):
        await ws.accept()

        async def answer(question: str) -> None:
            async with open_live() as live:
                await live.send_realtime_input(text=question)
                async for message in live.receive():
                    if message.data:
                        await ws.send_bytes(message.data)

        while True:
            question = await ws.receive_text()
            await answer(question)
""")


def test_a_nested_function_opening_one_session_per_question_runs_nothing_long(tmp_path: Path) -> None:
    """The loop around calls `answer` once per question; each call's `with` closes its session."""
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/ws.py": ASK})
    assert findings_by_file(tmp_path, ("LM402",)) == {}


def test_a_nested_function_whose_session_stays_open_in_the_loop_around_runs_long(tmp_path: Path) -> None:
    ws = ASK.replace("        async with open_live() as live:\n            await live.send_realtime_input(text=question)",
                     "        live = await open_live().__aenter__()\n        if live:\n"
                     "            await live.send_realtime_input(text=question)")
    assert ws != ASK
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/ws.py": ws})
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/gemini_live.py": [(7, "LM402")]}


SETTINGS = dedent("""
    from google import genai

    MODEL = "gemini-3.1-flash-live-preview"
    LIVE_CONFIG = {"response_modalities": ["AUDIO"], "thinking_config": {"thinking_budget": 0}}


    async def healthcheck():
        async with genai.Client().aio.live.connect(model=MODEL, config=LIVE_CONFIG) as s:
            await s.send_realtime_input(text="ping")
""")


def _lm002_fix(root: Path, other: str) -> tuple[str, str]:
    write_tree(root, {"app/settings.py": SETTINGS, "app/other.py": other})
    [finding] = [f for report in Linter(Settings()).check_paths([root]) for f in report.findings if f.rule_id == "LM002"]
    assert finding.fix is not None
    return finding.fix.applicability.value, " ".join(finding.fix.unsafe_reasons)


def test_a_config_another_module_gives_generate_content_gets_no_safe_fix(tmp_path: Path) -> None:
    other = dedent("""
        from google import genai

        from settings import LIVE_CONFIG

        client = genai.Client()


        def summarize(text):
            return client.models.generate_content(model="gemini-2.5-flash", contents=text, config=LIVE_CONFIG).text
    """)
    applicability, reasons = _lm002_fix(tmp_path, other)
    assert applicability == "unsafe"
    assert "models.generate_content at other.py:9" in reasons


def test_a_config_connected_here_and_in_another_module_gets_no_safe_fix(tmp_path: Path) -> None:
    other = dedent("""
        from google import genai

        from settings import LIVE_CONFIG


        async def talk():
            async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview", config=LIVE_CONFIG) as s:
                await s.send_realtime_input(text="hi")
    """)
    applicability, reasons = _lm002_fix(tmp_path, other)
    assert applicability == "unsafe" and "another module opens its session" in reasons


def test_a_config_only_this_module_uses_keeps_its_safe_fix(tmp_path: Path) -> None:
    other = dedent("""
        from settings import MODEL

        print(MODEL)
    """)
    assert _lm002_fix(tmp_path, other) == ("safe", "")


BUFFERED = dedent("""
    from google import genai

    from jitter import JitterBuffer

    client = genai.Client()


    class Bridge:
        def __init__(self, ws):
            self.ws = ws
            self.out_buffer = JitterBuffer()

        async def from_browser(self):
            while True:
                pcm = await self.ws.receive_bytes()
                self.out_buffer.add_chunk({"data": pcm, "mime_type": "audio/pcm"})

        async def to_gemini(self, session):
            while True:
                msg = await self.out_buffer.get_chunk()
                await session.send_realtime_input(audio=msg)

        async def run(self):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                await self.to_gemini(session)
""")


def test_audio_handed_to_a_buffer_object_the_sender_takes_from_is_realtime_input(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app/bridge.py": BUFFERED})
    assert findings_by_file(tmp_path, ("LM106",)) == {"app/bridge.py": [(16, "LM106")]}


def test_audio_handed_to_a_recorder_nothing_takes_from_is_not_realtime_input(tmp_path: Path) -> None:
    bridge = BUFFERED.replace("msg = await self.out_buffer.get_chunk()", "msg = await self.ws.receive_json()")
    assert bridge != BUFFERED
    write_tree(tmp_path, {"app/bridge.py": bridge})
    assert findings_by_file(tmp_path, ("LM106",)) == {}
