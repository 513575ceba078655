"""Shapes a review of the third review's fixes found wrong, each a test (written from the
review's reproductions)."""

from __future__ import annotations

from pathlib import Path

from harness import dedent, findings_by_file, fixed_text, kept_open_walks, write_tree

from livemigrate.engine import Linter
from livemigrate.settings import Settings

OPENER = dedent("""
    from google import genai

    client = genai.Client()


    def open_live():
        return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]})
""")


def test_a_session_opened_through_the_modules_own_wrapper_is_its_session(tmp_path: Path) -> None:
    app = OPENER + dedent("""


        async def camera(frames):
            async with open_live() as session:
                while True:
                    await session.send_realtime_input(video={"data": await frames.get(), "mime_type": "image/jpeg"})
    """)
    write_tree(tmp_path, {"app.py": app})
    assert findings_by_file(tmp_path, ("LM401", "LM402")) == {"app.py": [(7, "LM401"), (7, "LM402")]}


def test_a_session_passed_to_a_helper_of_the_importing_module_streams_its_video(tmp_path: Path) -> None:
    main = dedent("""
        from gemini_live import open_live


        async def send_frames(session, camera):
            while True:
                await session.send_realtime_input(video={"data": await camera.read(), "mime_type": "image/jpeg"})


        async def main(camera):
            async with open_live() as session:
                await send_frames(session, camera)
    """)
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/main.py": main})
    assert findings_by_file(tmp_path, ("LM401",)) == {"app/gemini_live.py": [(7, "LM401")]}


SPEAKER = dedent("""
    import asyncio

    from google import genai

    client = genai.Client()
    SEND_SAMPLE_RATE = 16000


    class Speaker:
        def __init__(self, device):
            self.device = device
            self.jitter = JitterBuffer()

        async def receive(self, session):
            while True:
                async for response in session.receive():
                    if response.data:
                        self.jitter.add_chunk({"data": response.data, "mime_type": "audio/pcm"})

        async def play(self):
            while True:
                chunk = await self.jitter.get_chunk()
                self.device.play(chunk["data"])

        async def run(self, mic):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                await asyncio.gather(self.receive(session), self.play(), self.send(session, mic))

        async def send(self, session, mic):
            while True:
                await session.send_realtime_input(audio={"data": await mic.read(), "mime_type": f"audio/pcm;rate={SEND_SAMPLE_RATE}"})


    class JitterBuffer:
        def __init__(self):
            self.items = asyncio.Queue()

        def add_chunk(self, item):
            self.items.put_nowait(item)

        async def get_chunk(self):
            return await self.items.get()
""")


def test_the_models_audio_buffered_for_a_player_is_not_input(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.py": SPEAKER})
    assert findings_by_file(tmp_path, ("LM106",)) == {}


def test_the_models_audio_queued_for_a_player_is_not_input(tmp_path: Path) -> None:
    app = SPEAKER.replace("self.jitter.add_chunk(", "self.playback.put_nowait(") \
        .replace("await self.jitter.get_chunk()", "await self.playback.get()") \
        .replace("self.jitter = JitterBuffer()", "self.playback = asyncio.Queue()")
    assert app.count("self.playback") == 3
    write_tree(tmp_path, {"app.py": app})
    assert findings_by_file(tmp_path, ("LM106",)) == {}


def test_a_buffer_another_class_reads_without_waiting_is_not_a_live_sender(tmp_path: Path) -> None:
    app = dedent("""
        from google import genai

        client = genai.Client()


        class CallRecorder:
            def __init__(self, store):
                self.store = store

            async def on_audio(self, pcm):
                self.store.write_chunk({"data": pcm, "mime_type": "audio/pcm"})

            async def talk(self):
                async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                    await session.send_realtime_input(text="hi")


        class Archiver:
            def __init__(self, store):
                self.store = store

            def flush(self):
                return self.store.read_chunk()
    """)
    write_tree(tmp_path, {"app.py": app})
    assert findings_by_file(tmp_path, ("LM106",)) == {}


SETTINGS = dedent("""
    from google import genai

    MODEL = "gemini-3.1-flash-live-preview"
    LIVE_CONFIG = {"response_modalities": ["AUDIO"], "thinking_config": {"thinking_budget": 0}}


    async def healthcheck():
        async with genai.Client().aio.live.connect(model=MODEL, config=LIVE_CONFIG) as s:
            await s.send_realtime_input(text="ping")
""")

SUMMARY = dedent("""
    from google import genai
    from google.genai import types

    from settings import LIVE_CONFIG

    client = genai.Client()


    def summarize(text):
        cfg = LIVE_CONFIG
        return client.models.generate_content(model="gemini-2.5-flash", contents=text, config=cfg).text
""")


def _lm002_applicability(root: Path, other: str) -> str:
    write_tree(root, {"app/settings.py": SETTINGS, "app/other.py": other})
    [finding] = [f for report in Linter(Settings()).check_paths([root]) for f in report.findings if f.rule_id == "LM002"]
    assert finding.fix is not None
    return finding.fix.applicability.value


def test_a_shared_config_bound_to_a_local_name_first_gets_no_safe_fix(tmp_path: Path) -> None:
    assert _lm002_applicability(tmp_path, SUMMARY) == "unsafe"


def test_a_shared_config_spread_into_another_gets_no_safe_fix(tmp_path: Path) -> None:
    other = SUMMARY.replace("    cfg = LIVE_CONFIG\n", "    cfg = {**LIVE_CONFIG, \"temperature\": 0.2}\n")
    assert other != SUMMARY
    assert _lm002_applicability(tmp_path, other) == "unsafe"


def test_a_shared_configs_entry_given_to_generate_content_gets_no_safe_fix(tmp_path: Path) -> None:
    other = SUMMARY.replace("    cfg = LIVE_CONFIG\n",
                            "    cfg = types.GenerateContentConfig(thinking_config=LIVE_CONFIG[\"thinking_config\"])\n")
    assert other != SUMMARY
    assert _lm002_applicability(tmp_path, other) == "unsafe"


ALPHA_CLIENT = dedent("""
    from google import genai

    GEMINI = genai.Client(http_options={"api_version": "v1alpha"})


    def get_client():
        return GEMINI
""")

AGENT = dedent("""
    from clients import GEMINI

    PROMPT = "You are a proactive, friendly concierge."


    async def talk():
        # 3.1 has no enable_affective_dialog: removed it
        config = {"response_modalities": ["AUDIO"], "system_instruction": PROMPT}
        async with GEMINI.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as s:
            await s.send_realtime_input(text="hi")
""")


def test_words_of_a_prompt_or_a_comment_do_not_keep_v1alpha(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app/clients.py": ALPHA_CLIENT, "app/agent.py": AGENT})
    assert findings_by_file(tmp_path, ("LM007",)) == {"app/clients.py": [(3, "LM007")]}


def test_lyria_played_on_a_factorys_client_keeps_v1alpha(tmp_path: Path) -> None:
    music = dedent("""
        from clients import get_client


        async def play(prompt):
            async with get_client().aio.live.music.connect(model="models/lyria-realtime-exp") as session:
                await session.play()
    """)
    write_tree(tmp_path, {"app/clients.py": ALPHA_CLIENT, "app/agent.py": AGENT, "app/music.py": music})
    assert findings_by_file(tmp_path, ("LM007",)) == {}


PHONE = dedent("""
    import asyncio
    import json

    from fastapi import FastAPI, WebSocket

    from gemini_live import open_live

    app = FastAPI()


    async def gemini_to_phone(ws: WebSocket, live):
        while True:
            async for message in live.receive():
                if message.data:
                    await ws.send_bytes(message.data)


    @app.websocket("/media-stream")
    async def media_stream(ws: WebSocket):
        async with open_live() as live:
            async for text in ws.iter_text():
                if json.loads(text)["event"] == "start":
                    asyncio.create_task(gemini_to_phone(ws, live))
                    break
            await live.send_realtime_input(text="Greet the caller.")
            await asyncio.sleep(5)
""")


def test_a_socket_loop_that_leaves_once_it_started_the_task_keeps_nothing_open(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/main.py": PHONE})
    assert findings_by_file(tmp_path, ("LM402",)) == {}


CLOSURES = dedent("""
    import asyncio

    from fastapi import FastAPI, WebSocket

    from gemini_live import open_live

    app = FastAPI()


    @app.websocket("/voice")
    async def voice(ws: WebSocket):
        await ws.accept()

        async def upstream(live):
            while True:
                await live.send_realtime_input(audio={"data": await ws.receive_bytes(), "mime_type": "audio/pcm;rate=16000"})

        async def downstream(live):
            while True:
                async for message in live.receive():
                    await ws.send_bytes(message.data)

        async with open_live() as live:
            await asyncio.gather(upstream(live), downstream(live))
""")


def test_an_endpoints_endless_closures_keep_its_session_open(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/ws.py": CLOSURES})
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/gemini_live.py": [(7, "LM402")]}


def test_a_nested_function_running_the_endless_closures_keeps_its_session_open(tmp_path: Path) -> None:
    ws = CLOSURES.replace("    async with open_live() as live:\n        await asyncio.gather(upstream(live), downstream(live))\n",
                          "    async def run_session():\n        async with open_live() as live:\n"
                          "            await asyncio.gather(upstream(live), downstream(live))\n\n    await run_session()\n")
    assert ws != CLOSURES
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/ws.py": ws})
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/gemini_live.py": [(7, "LM402")]}


def test_a_nested_block_lending_its_session_to_an_endless_loop_keeps_it_open(tmp_path: Path) -> None:
    ws = dedent("""
        import asyncio

        from fastapi import FastAPI, WebSocket

        from gemini_live import open_live

        app = FastAPI()


        @app.websocket("/voice")
        async def voice(ws: WebSocket):
            ready, done, holder = asyncio.Event(), asyncio.Event(), {}

            async def hold_session() -> None:
                async with open_live() as live:
                    holder["live"] = live
                    ready.set()
                    await done.wait()

            task = asyncio.create_task(hold_session())
            await ready.wait()
            while True:
                await holder["live"].send_realtime_input(audio={"data": await ws.receive_bytes(), "mime_type": "audio/pcm;rate=16000"})
    """)
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/ws.py": ws})
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/gemini_live.py": [(7, "LM402")]}


def test_a_handler_of_many_session_blocks_walks_itself_a_constant_number_of_times() -> None:
    blocks = "\n".join(f"    async with open_live() as live{i}:\n        await live{i}.send_realtime_input(text='{i}')\n"
                       for i in range(200))
    source = (f"from opener import open_live\n\n\nasync def handler():\n{blocks}\n    while True:\n"
              "        await asyncio.sleep(1)\n")
    assert kept_open_walks(source, "handler") <= 4


def test_every_part_of_a_named_first_part_is_checked_for_what_it_reads() -> None:
    code = dedent("""
        async def play(session, out):
            async for m in session.receive():
                if m.server_content and m.server_content.model_turn:
                    first = m.server_content.model_turn.parts[0]
                    out.write(first.inline_data.data)
    """)
    assert fixed_text(code, ("LM301",), unsafe=True) == dedent("""
        async def play(session, out):
            async for m in session.receive():
                if m.server_content and m.server_content.model_turn:
                    for part in m.server_content.model_turn.parts:
                        if part.inline_data:
                            out.write(part.inline_data.data)
    """)


def test_a_field_of_the_first_part_used_later_is_checked_on_every_part() -> None:
    code = dedent("""
        async def shout(session, out):
            async for m in session.receive():
                if m.server_content and m.server_content.model_turn:
                    text = m.server_content.model_turn.parts[0].text
                    out.write(text.upper())
    """)
    assert fixed_text(code, ("LM301",), unsafe=True) == dedent("""
        async def shout(session, out):
            async for m in session.receive():
                if m.server_content and m.server_content.model_turn:
                    for part in m.server_content.model_turn.parts:
                        if part.text is not None:
                            text = part.text
                            out.write(text.upper())
    """)


def test_a_field_the_code_gives_a_value_of_its_own_is_not_checked() -> None:
    code = dedent("""
        async def caption(session, lines):
            async for m in session.receive():
                if m.server_content and m.server_content.model_turn:
                    text = m.server_content.model_turn.parts[0].text
                    if text is None:
                        text = "[audio]"
                    lines.append(text.upper())
    """)
    fixed = fixed_text(code, ("LM301",), unsafe=True)
    assert "for part in m.server_content.model_turn.parts:" in fixed and "if part.text" not in fixed
