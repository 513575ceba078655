"""Shapes measurement 46's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

OPENER = dedent("""
    from google import genai
    from google.genai.types import LiveConnectConfig, Modality

    client = genai.Client()
    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    CONFIG = LiveConnectConfig(response_modalities=[Modality.AUDIO])


    def start_live_session():
        return client.aio.live.connect(model=MODEL, config=CONFIG)
""")

CHAT = dedent("""
    import asyncio

    from services.gemini_client import start_live_session


    class AudioChat:
        def __init__(self):
            self.session = None
            self.out_queue = asyncio.Queue(maxsize=5)

        async def listen_mic(self, stream):
            while True:
                data = await asyncio.to_thread(stream.read, 1024)
                await self.out_queue.put({"data": data, "mime_type": "audio/pcm"})

        async def send_audio(self):
            while True:
                msg = await self.out_queue.get()
                await self.session.send(input=msg)

        async def receive_response(self):
            while True:
                async for response in self.session.receive():
                    if response.text:
                        print("Gemini:", response.text.strip())

        async def run(self, stream):
            session_ctx = start_live_session()
            async with session_ctx as session:
                self.session = session
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(self.listen_mic(stream))
                    tg.create_task(self.send_audio())
                    tg.create_task(self.receive_response())
""")


def test_a_session_an_opener_returns_bound_to_a_name_then_entered(tmp_path: Path) -> None:
    """`session_ctx = start_live_session()` then `async with session_ctx as session:` enters the
    session the other module's opener returns, as `async with start_live_session() as session:`
    does: the session rules read what is done with it."""
    write_tree(tmp_path, {"services/gemini_client.py": OPENER, "chat.py": CHAT})
    found = findings_by_file(tmp_path, ("LM103", "LM106", "LM304"))
    assert found == {"chat.py": [(14, "LM106"), (19, "LM103"), (24, "LM304"), (25, "LM304")]}


def test_a_raw_setup_naming_its_one_modality_as_a_bare_string() -> None:
    """`"responseModalities": "audio"` (one value, not a list, any case) is AUDIO: a text part
    read as the model's words is LM304; `"text"` there is LM005's TEXT."""
    code = dedent("""
        import json

        import websockets

        URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def talk(on_text):
            async with websockets.connect(URL) as ws:
                await ws.send(json.dumps({"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-09-2025",
                                                    "generationConfig": {"responseModalities": "audio"}}}))
                async for raw in ws:
                    data = json.loads(raw)
                    for part in data.get("serverContent", {}).get("modelTurn", {}).get("parts", []):
                        if "text" in part:
                            on_text(part["text"])
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM304", "LM005"))] == [("LM304", 16)]  # (on the read below the `"text" in part` test)
    text = code.replace('"responseModalities": "audio"', '"responseModalities": "text"')
    assert text != code and [f.rule_id for f in check(text, ("LM304", "LM005"))] == ["LM005"]
