"""Not Live: an OpenAI Realtime voice client with its own session, transcription and tool events."""
import asyncio
import base64
import json
import os

import websockets

URL = "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview"


def session_update() -> dict:
    return {
        "type": "session.update",
        "session": {
            "modalities": ["text", "audio"],
            "input_audio_format": "pcm16",
            "input_audio_transcription": {"model": "whisper-1"},
            "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
            "max_response_output_tokens": 8192,
            "tools": [{"type": "function", "name": "lookup", "description": "Look something up."}],
        },
    }


async def talk(mic, speaker) -> None:
    headers = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}", "OpenAI-Beta": "realtime=v1"}
    async with websockets.connect(URL, additional_headers=headers) as ws:
        await ws.send(json.dumps(session_update()))

        async def send_audio() -> None:
            async for pcm in mic:
                await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": base64.b64encode(pcm).decode()}))

        asyncio.create_task(send_audio())
        while True:
            event = json.loads(await ws.recv())
            kind = event["type"]
            if kind == "response.audio.delta":
                speaker.write(base64.b64decode(event["delta"]))
                continue
            elif kind == "response.text.delta":
                print(event["delta"], end="")
            elif kind == "conversation.item.input_audio_transcription.completed":
                print("you:", event["transcript"])
            elif kind == "response.function_call_arguments.done":
                print("tool requested:", event["name"])
                break
            if event.get("response", {}).get("output"):
                first = event["response"]["output"][0]
                print(first.get("type"))
