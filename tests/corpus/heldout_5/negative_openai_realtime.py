"""Not Live: an OpenAI Realtime client with its own session, audio and tool-call events."""

import asyncio
import base64
import json
import os

import websockets

URL = "wss://api.openai.com/v1/realtime?model=gpt-realtime"
HEADERS = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}


def session_update() -> dict:
    return {
        "type": "session.update",
        "session": {
            "modalities": ["audio", "text"],
            "input_audio_format": "pcm16",
            "input_audio_transcription": {"model": "whisper-1"},
            "turn_detection": {"type": "server_vad"},
            "max_response_output_tokens": 8192,
            "tools": [{"type": "function", "name": "lookup_order", "behavior": "NON_BLOCKING"}],
        },
    }


async def realtime_call(mic, speaker) -> None:
    async with websockets.connect(URL, additional_headers=HEADERS) as ws:
        await ws.send(json.dumps(session_update()))

        async def uplink() -> None:
            async for pcm in mic:
                chunk = {"type": "input_audio_buffer.append", "audio": base64.b64encode(pcm).decode(), "mime_type": "audio/pcm"}
                await ws.send(json.dumps(chunk))

        sender = asyncio.create_task(uplink())
        while True:
            event = json.loads(await ws.recv())
            if event["type"] == "response.audio.delta":
                speaker.play(base64.b64decode(event["delta"]))
                continue
            elif event["type"] == "response.function_call_arguments.done":
                break
            elif event["type"] == "response.output_item.done":
                parts = event["item"].get("content", [])
                if parts and parts[0].get("transcript"):
                    print(parts[0]["transcript"])
        sender.cancel()
