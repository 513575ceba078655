"""Shapes a review of the fourth review's fixes found wrong, each a test (written from the
review's reproductions)."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

from livemigrate.engine import Linter
from livemigrate.settings import Settings

ASK_AND_CAMERA = dedent("""
    from google import genai

    from voice import open_camera

    client = genai.Client()


    async def ask(question):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            await session.send_realtime_input(text=question)
            async for message in session.receive():
                print(message.text)


    async def camera(frames):
        async with open_camera() as session:
            while True:
                await session.send_realtime_input(video={"data": await frames.get(), "mime_type": "image/jpeg"})
""")


def test_a_session_an_opener_outside_the_module_hands_back_is_not_the_modules_own() -> None:
    """Checked alone (a pre-commit hook names one file): the camera's video is not the
    question session's."""
    assert check(ASK_AND_CAMERA, ("LM401",)) == []


def test_a_session_a_method_of_an_imported_object_opens_is_not_the_modules_own() -> None:
    code = ASK_AND_CAMERA.replace("from voice import open_camera", "from voice import VoiceClient") \
        .replace("async def camera(frames):\n    async with open_camera() as session:",
                 "async def camera(frames, voice: VoiceClient):\n    async with voice.open() as session:")
    assert "voice.open()" in code
    assert check(code, ("LM401",)) == []


RELAY = dedent("""
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client()
    MODEL = "gemini-3.1-flash-live-preview"


    async def listen(first, to_second: asyncio.Queue):
        async for response in first.receive():
            if response.data:
                await to_second.put({"data": response.data, "mime_type": "audio/pcm"})


    async def speak(second, to_second: asyncio.Queue):
        while True:
            item = await to_second.get()
            await second.send_realtime_input(audio=types.Blob(**item))
""")


def test_one_sessions_audio_relayed_into_another_session_is_input() -> None:
    """An interpreter: the first session's answer is the second session's input."""
    assert [f.rule_id for f in check(RELAY, ("LM106",))] == ["LM106"]


def test_audio_queued_for_a_player_is_not_input() -> None:
    code = RELAY.replace("await second.send_realtime_input(audio=types.Blob(**item))", "second.play(item[\"data\"])")
    assert code != RELAY
    assert check(code, ("LM106",)) == []


BUFFERED = dedent("""
    import asyncio

    from google import genai

    client = genai.Client()


    class Mic:
        def __init__(self, buffer):
            self.buffer = buffer

        async def capture(self, stream):
            while True:
                self.buffer.add_chunk({"data": await stream.read(), "mime_type": "audio/pcm"})


    class Sender:
        def __init__(self, buffer):
            self.buffer = buffer

        async def run(self):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                while True:
                    item = await asyncio.wait_for(self.buffer.get_chunk(), timeout=0.5)
                    await session.send_realtime_input(audio=item)
""")


def test_a_buffer_two_classes_share_and_a_take_waited_for_with_a_timeout_carry_input() -> None:
    assert [f.rule_id for f in check(BUFFERED, ("LM106",))] == ["LM106"]


OPENER = dedent("""
    from google import genai

    client = genai.Client()


    def open_live():
        return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]})
""")

AIOHTTP = dedent("""
    import asyncio
    import json

    from aiohttp import WSMsgType, web

    from gemini_live import open_live


    async def gemini_to_browser(ws, live):
        while True:
            async for message in live.receive():
                if message.data:
                    await ws.send_bytes(message.data)


    async def handler(request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async with open_live() as live:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT and json.loads(msg.data)["type"] == "start":
                    asyncio.create_task(gemini_to_browser(ws, live))
                elif msg.type == WSMsgType.ERROR:
                    break
        return ws
""")


def test_a_socket_loop_leaving_on_an_error_still_goes_on_while_the_call_lasts(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/main.py": AIOHTTP})
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/gemini_live.py": [(7, "LM402")]}


ASK = dedent("""
    from fastapi import FastAPI, WebSocket

    from gemini_live import open_live

    app = FastAPI()


    @app.websocket("/ask")
    async def ask(ws: WebSocket):
        async def collect(live):
            while True:
                async for message in live.receive():
                    if message.server_content and message.server_content.turn_complete:
                        return

        async def answer(question: str) -> None:
            async with open_live() as live:
                session = live  # a shorter name
                await session.send_realtime_input(text=question)
                await collect(live)

        while True:
            await answer(await ws.receive_text())
""")


def test_a_local_alias_and_a_one_turn_collector_keep_nothing_open(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/ws.py": ASK})
    assert findings_by_file(tmp_path, ("LM402",)) == {}


def test_a_factorys_own_client_does_not_shield_the_modules_shared_client(tmp_path: Path) -> None:
    clients = dedent("""
        from google import genai

        client = genai.Client(http_options={"api_version": "v1alpha"})


        def music_client():
            client = genai.Client(http_options={"api_version": "v1alpha"})
            return client
    """)
    agent = dedent("""
        from clients import client


        async def talk():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                await s.send_realtime_input(text="hi")
    """)
    music = dedent("""
        from clients import music_client


        async def play():
            async with music_client().aio.live.music.connect(model="models/lyria-realtime-exp") as s:
                await s.play()
    """)
    write_tree(tmp_path, {"app/clients.py": clients, "app/agent.py": agent, "app/music.py": music})
    assert findings_by_file(tmp_path, ("LM007",)) == {"app/clients.py": [(3, "LM007")]}


def test_a_text_default_every_call_overrides_with_audio_is_not_reported() -> None:
    code = dedent("""
        from google import genai
        from google.genai import types

        MODEL = "models/gemini-2.0-flash-live-001"
        DEFAULT_MODALITY = "TEXT"


        class LiveClient:
            def __init__(self, response_modality=DEFAULT_MODALITY):
                self.response_modality = response_modality

            async def run(self):
                config = types.LiveConnectConfig(response_modalities=[self.response_modality])
                async with genai.Client().aio.live.connect(model=MODEL, config=config) as session:
                    await session.send_realtime_input(text="hi")


        async def main():
            await LiveClient(response_modality="AUDIO").run()
            await LiveClient("AUDIO").run()
    """)
    assert check(code, ("LM005",)) == []
    assert [f.rule_id for f in check(code.replace('LiveClient("AUDIO")', "LiveClient()"), ("LM005",))] == ["LM005"]
    # a value the module cannot tell (a command-line choice whose default may be the same TEXT)
    chosen = code.replace('LiveClient("AUDIO")', "LiveClient(args.responses)")
    assert [f.rule_id for f in check(chosen, ("LM005",))] == ["LM005"]


def test_a_module_level_one_turn_collector_keeps_nothing_open(tmp_path: Path) -> None:
    main = dedent("""
        from gemini_live import open_live


        async def collect(live):
            while True:
                async for message in live.receive():
                    if message.server_content and message.server_content.turn_complete:
                        return


        async def answer(question):
            async with open_live() as live:
                await live.send_realtime_input(text=question)
                await collect(live)
    """)
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/main.py": main})
    assert findings_by_file(tmp_path, ("LM402",)) == {}


def test_a_module_level_loop_leaving_only_when_its_socket_fails_keeps_the_session_open(tmp_path: Path) -> None:
    main = dedent("""
        from gemini_live import open_live


        async def pump(ws, live):
            while True:
                try:
                    await live.send_realtime_input(audio={"data": await ws.receive_bytes(), "mime_type": "audio/pcm;rate=16000"})
                except ConnectionError:
                    break


        async def bridge(ws):
            async with open_live() as live:
                await pump(ws, live)
    """)
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/main.py": main})
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/gemini_live.py": [(7, "LM402")]}


def test_a_nested_block_storing_its_session_in_a_name_declared_nonlocal_above_it_lends_it(tmp_path: Path) -> None:
    # (the declaration sits at the top of the nested function, outside the `with` block)
    ws = dedent("""
        import asyncio

        from fastapi import FastAPI, WebSocket

        from gemini_live import open_live

        app = FastAPI()


        @app.websocket("/voice")
        async def voice(ws: WebSocket):
            ready, done, session = asyncio.Event(), asyncio.Event(), None

            async def hold_session() -> None:
                nonlocal session
                async with open_live() as live:
                    session = live
                    ready.set()
                    await done.wait()

            task = asyncio.create_task(hold_session())
            await ready.wait()
            while True:
                await session.send_realtime_input(audio={"data": await ws.receive_bytes(), "mime_type": "audio/pcm;rate=16000"})
    """)
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/ws.py": ws})
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/gemini_live.py": [(7, "LM402")]}


def test_a_nested_block_storing_its_session_in_a_local_name_does_not_lend_it(tmp_path: Path) -> None:
    ws = dedent("""
        from fastapi import FastAPI, WebSocket

        from gemini_live import open_live

        app = FastAPI()


        @app.websocket("/voice")
        async def voice(ws: WebSocket):
            async def ask(question: str) -> None:
                async with open_live() as live:
                    current = live
                    await current.send_realtime_input(text=question)

            while True:
                await ask(await ws.receive_text())
    """)
    write_tree(tmp_path, {"app/gemini_live.py": OPENER, "app/ws.py": ws})
    assert findings_by_file(tmp_path, ("LM402",)) == {}


SHARED_SETTINGS = dedent("""
    from google import genai

    MODEL = "gemini-3.1-flash-live-preview"
    LIVE_CONFIG = {"response_modalities": ["AUDIO"], "system_instruction": "Be brief.",
                   "thinking_config": {"thinking_budget": 0}}


    async def healthcheck():
        async with genai.Client().aio.live.connect(model=MODEL, config=LIVE_CONFIG) as s:
            await s.send_realtime_input(text="ping")
""")

SUMMARY = dedent("""


    def summarize(text):
        config = types.GenerateContentConfig(system_instruction=LIVE_CONFIG["system_instruction"])
        return genai.Client().models.generate_content(model="gemini-2.5-flash", contents=text, config=config).text
""")


def _thinking_fix(root: Path, files: dict[str, str]) -> tuple[str, str]:
    write_tree(root, files)
    [finding] = [f for report in Linter(Settings()).check_paths([root]) for f in report.findings if f.rule_id == "LM002"]
    assert finding.fix is not None
    return finding.fix.applicability.value, " ".join(finding.fix.unsafe_reasons)


def test_a_non_live_call_of_another_module_reading_one_other_entry_keeps_the_safe_fix(tmp_path: Path) -> None:
    summary = "from google import genai\nfrom google.genai import types\n\nfrom settings import LIVE_CONFIG\n" + SUMMARY
    assert _thinking_fix(tmp_path, {"app/settings.py": SHARED_SETTINGS, "app/summary.py": summary}) == ("safe", "")


def test_a_non_live_call_of_another_module_reading_the_fixed_entry_gets_no_safe_fix(tmp_path: Path) -> None:
    summary = ("from google import genai\nfrom google.genai import types\n\nfrom settings import LIVE_CONFIG\n"
               + SUMMARY.replace("system_instruction=LIVE_CONFIG[\"system_instruction\"]",
                                 "thinking_config=LIVE_CONFIG[\"thinking_config\"]"))
    assert "thinking_config=LIVE_CONFIG" in summary
    applicability, reasons = _thinking_fix(tmp_path, {"app/settings.py": SHARED_SETTINGS, "app/summary.py": summary})
    assert applicability == "unsafe" and "models.generate_content at summary.py:7" in reasons


def test_a_non_live_call_of_the_same_module_reading_one_other_entry_keeps_the_safe_fix(tmp_path: Path) -> None:
    settings = SHARED_SETTINGS.replace("from google import genai\n", "from google import genai\nfrom google.genai import types\n")
    assert _thinking_fix(tmp_path, {"app/settings.py": settings + SUMMARY}) == ("safe", "")


def test_a_non_live_call_of_the_same_module_reading_the_fixed_entry_gets_no_safe_fix(tmp_path: Path) -> None:
    settings = SHARED_SETTINGS.replace("from google import genai\n", "from google import genai\nfrom google.genai import types\n")
    summary = SUMMARY.replace("system_instruction=LIVE_CONFIG[\"system_instruction\"]",
                              "thinking_config=LIVE_CONFIG[\"thinking_config\"]")
    assert summary != SUMMARY
    applicability, reasons = _thinking_fix(tmp_path, {"app/settings.py": settings + summary})
    assert applicability == "unsafe" and "models.generate_content at line 14" in reasons


def test_an_entry_read_with_get_through_the_module_alias_shares_that_entry(tmp_path: Path) -> None:
    summary = ("from google import genai\nfrom google.genai import types\n\nimport settings\n"
               + SUMMARY.replace("LIVE_CONFIG[\"system_instruction\"]", "settings.LIVE_CONFIG.get(\"{entry}\")"))
    assert ".get(" in summary
    files = {"app/settings.py": SHARED_SETTINGS, "app/summary.py": summary.format(entry="thinking_config")}
    assert _thinking_fix(tmp_path / "read", files)[0] == "unsafe"
    files = {"app/settings.py": SHARED_SETTINGS, "app/summary.py": summary.format(entry="system_instruction")}
    assert _thinking_fix(tmp_path / "other", files) == ("safe", "")
