"""Shapes measurement 28 showed (public 2.x Live code; written from the shapes, not the
repositories' code)."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

# A transcription session: a sender task streams the microphone queue until its sentinel, a
# receiver task reads the replies; the block gathers both and cancels them in `finally`.
GATHERED_THEN_CANCELLED = dedent('''
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client()


    async def run(audio_queue, on_caption):
        config = {"response_modalities": ["AUDIO"], "input_audio_transcription": {}}
        async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:

            async def send_audio():
                while True:
                    chunk = await audio_queue.get()
                    if chunk is None:
                        break
                    await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

            async def receive_loop():
                async for response in session.receive():
                    if response.server_content and response.server_content.input_transcription:
                        await on_caption(response.server_content.input_transcription.text)

            send_task = asyncio.create_task(send_audio())
            recv_task = asyncio.create_task(receive_loop())
            try:
                await asyncio.gather(send_task, recv_task)
            finally:
                send_task.cancel()
                recv_task.cancel()
''')


def test_tasks_gathered_then_cancelled_in_cleanup_keep_the_session_open() -> None:
    assert [(f.rule_id, f.line) for f in check(GATHERED_THEN_CANCELLED, ("LM402",))] == [("LM402", 11)]


def test_a_sender_cancelled_once_the_reply_is_read_is_one_turn() -> None:
    one_turn = GATHERED_THEN_CANCELLED.replace(
        "        try:\n"
        "            await asyncio.gather(send_task, recv_task)\n"
        "        finally:\n"
        "            send_task.cancel()\n"
        "            recv_task.cancel()\n",
        "        await recv_task\n"
        "        send_task.cancel()\n")
    assert one_turn != GATHERED_THEN_CANCELLED
    assert check(one_turn, ("LM402",)) == []


# A class enters its session by hand and keeps it on the object; the web handler, a module that
# writes "Gemini" only capitalised, starts it and streams the browser's audio until disconnect.
KEPT_ON_OBJECT = dedent("""
    import asyncio

    from google import genai
    from google.genai import types


    class VoiceSession:
        def __init__(self):
            self.client = genai.Client()
            self._session = None

        async def start(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            self._cm = self.client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config)
            self._session = await self._cm.__aenter__()

        async def send_audio(self, chunk):
            await self._session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
""")
HANDLER = dedent("""
    from voice_session import VoiceSession


    async def websocket_endpoint(websocket):
        # streams the browser's microphone to Gemini and back
        session = VoiceSession()
        await session.start()
        while True:
            message = await websocket.receive()
            if message.get("type") == "websocket.disconnect":
                break
            await session.send_audio(message["bytes"])
""")


def test_a_handler_naming_gemini_only_capitalised_keeps_the_session_open(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"voice_session.py": KEPT_ON_OBJECT, "main.py": HANDLER})
    assert findings_by_file(project, ("LM402",)) == {"voice_session.py": [(14, "LM402")]}


def test_a_ladder_rung_on_a_name_holding_a_fields_truth() -> None:
    # `interrupted = bool(getattr(sc, "interrupted", False))`: the name holds the field's truth
    code = dedent("""
        from google import genai

        client = genai.Client()


        async def main(ws, play):
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as live_session:
                while True:
                    async for message in live_session.receive():
                        if message.server_content:
                            sc = message.server_content
                            interrupted = bool(getattr(sc, "interrupted", False))
                            if interrupted:
                                await ws.send("interrupted")
                                continue
                            if sc.model_turn and sc.model_turn.parts:
                                for part in sc.model_turn.parts:
                                    play(part)
                            if getattr(sc, "input_transcription", None):
                                print(sc.input_transcription.text)
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM302",))] == [("LM302", 13)]
    other = code.replace('bool(getattr(sc, "interrupted", False))', 'bool(len(sc.model_turn.parts) > 3)')
    assert other != code
    assert check(other, ("LM302",)) == []


# A raw client's `interrupt()` sends client content with neither turns nor a turn end.
EMPTY_CLIENT_CONTENT = dedent("""
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Client:
        async def connect(self):
            self.websocket = await websockets.connect(URI)
            await self.websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-exp"}}))

        async def interrupt(self):
            await self.websocket.send(json.dumps({"client_content": {"turn_complete": False, "interrupted": True}}))
""")


def test_client_content_with_neither_turns_nor_a_turn_end() -> None:
    found = check(EMPTY_CLIENT_CONTENT, ("LM101",))
    assert [(f.rule_id, f.line) for f in found] == [("LM101", 14)]
    assert found[0].fix is None


def test_empty_client_content_right_after_connect_is_left_alone() -> None:
    # sent as the session opens (no exchange yet): no finding
    first = EMPTY_CLIENT_CONTENT.replace(
        '        await self.websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-exp"}}))\n',
        '        await self.websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-exp"}}))\n'
        '        await self.websocket.send(json.dumps({"client_content": {"turn_complete": False}}))\n')
    assert first != EMPTY_CLIENT_CONTENT
    assert [(f.rule_id, f.line) for f in check(first, ("LM101",))] == [("LM101", 15)]
