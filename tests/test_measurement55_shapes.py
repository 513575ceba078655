"""Shapes measurement 55's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

RAW_PROVIDER = dedent("""
    import json
    import os

    import websockets

    URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class LiveProvider:
        async def connect(self):
            self.ws = await websockets.connect(f"{URL}?key={os.environ['GEMINI_API_KEY']}")
            await self.ws.send(json.dumps({"setup": {
                "model": "models/gemini-2.5-flash-native-audio-preview-12-2025",
                "generationConfig": {"responseModalities": ["AUDIO"]},
            }}))
            json.loads(await self.ws.recv())

        async def receive(self):
            async for message in self.ws:
                yield json.loads(message)
""")

PROVIDER_USER = dedent("""
    import base64

    from providers.live import LiveProvider


    class Conversation:
        def __init__(self, speaker):
            self.provider = LiveProvider()
            self.speaker = speaker

        async def play(self):
            await self.provider.connect()
            async for response in self.provider.receive():
                server_content = response.get("serverContent")
                if not server_content:
                    continue
                if server_content.get("interrupted"):
                    self.speaker.clear()
                    continue
                model_turn = server_content.get("modelTurn")
                if model_turn:
                    for part in model_turn.get("parts", []):
                        inline = part.get("inlineData")
                        if inline:
                            await self.speaker.play(base64.b64decode(inline["data"]))
                        if part.get("text"):
                            print(part.get("text"))
                if server_content.get("turnComplete"):
                    print()
""")


def test_raw_messages_an_imported_raw_client_yields(tmp_path: Path) -> None:
    """A conversation module reads the raw server messages an imported provider class yields
    (`async for response in self.provider.receive()`, the provider decoding its socket's
    frames): they are Live messages, so the interrupted rung's `continue` skips the message's
    content (LM302) and `part.get("text")` on the provider's AUDIO setup is no transcript
    (LM304)."""
    write_tree(tmp_path, {"providers/__init__.py": "", "providers/live.py": RAW_PROVIDER,
                          "runtime/__init__.py": "", "runtime/conversation.py": PROVIDER_USER})
    found = findings_by_file(tmp_path, ("LM302", "LM304"))
    assert found == {"runtime/conversation.py": [(17, "LM302"), (26, "LM304"), (27, "LM304")]}
    # (a provider whose setup asks for TEXT answers in words: no LM304)
    text = RAW_PROVIDER.replace('"responseModalities": ["AUDIO"]', '"responseModalities": ["TEXT"]')
    assert text != RAW_PROVIDER
    write_tree(tmp_path / "t", {"providers/__init__.py": "", "providers/live.py": text,
                                "runtime/__init__.py": "", "runtime/conversation.py": PROVIDER_USER})
    assert findings_by_file(tmp_path / "t", ("LM304",)) == {}
    # (nor is a module reading its own protocol's messages beside an SDK client a raw reader)
    sdk = RAW_PROVIDER.replace("websockets.connect(", "client.aio.live.connect(")
    write_tree(tmp_path / "s", {"providers/__init__.py": "", "providers/live.py": sdk,
                                "runtime/__init__.py": "", "runtime/conversation.py": PROVIDER_USER})
    assert findings_by_file(tmp_path / "s", ("LM302", "LM304")) == {}


DEBUG_PRESENCE = dedent("""
    from google import genai

    client = genai.Client()


    async def receive(log_queue, out):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config={"response_modalities": ["AUDIO"]}) as session:
            async for response in session.receive():
                log_queue.put(f"got: data={response.data is not None}, text={response.text is not None}")
                if data := response.data:
                    out.put(data)
""")


def test_a_debug_line_formatting_whether_a_message_has_text() -> None:
    """`f"... text={response.text is not None}"` put on a log queue says whether there is text:
    it never uses the words (LM304 not reported, as for a logger's argument)."""
    assert check(DEBUG_PRESENCE, ("LM304",)) == []
    words = DEBUG_PRESENCE.replace("text={response.text is not None}", "text={response.text}")
    assert words != DEBUG_PRESENCE
    assert [f.rule_id for f in check(words, ("LM304",))] == ["LM304"]
