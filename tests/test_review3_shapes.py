"""Shapes a third review of the cross-module mechanisms found wrong, each a test (written from
the review's reproductions)."""

from __future__ import annotations

from pathlib import Path

from harness import dedent, findings_by_file, write_tree

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
