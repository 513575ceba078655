"""OpenAI Realtime client and token route (not Gemini Live): session.update caps, image input, unanswered function calls, loops that stop on non-audio events."""

from __future__ import annotations

import base64
import json
import os

import httpx
import websockets
from fastapi import FastAPI

OPENAI_KEY = os.environ["OPENAI_API_KEY"]
REALTIME_URL = "wss://api.openai.com/v1/realtime?model=gpt-realtime"
app = FastAPI()

SESSION_UPDATE = {
    "type": "session.update",
    "session": {
        "type": "realtime",
        "output_modalities": ["audio"],
        "max_output_tokens": 8192,
        "audio": {"input": {"transcription": {"model": "gpt-4o-transcribe"}, "turn_detection": {"type": "semantic_vad"}}},
        "tools": [{"type": "function", "name": "lookup_order", "parameters": {"type": "object"}}],
    },
}


@app.post("/session")
def mint_client_secret() -> dict:
    resp = httpx.post(
        "https://api.openai.com/v1/realtime/client_secrets",
        headers={"Authorization": f"Bearer {OPENAI_KEY}"},
        json={"session": SESSION_UPDATE["session"]},
    )
    return {"client_secret": resp.json()["value"]}


async def send_snapshot(ws, jpeg: bytes) -> None:
    item = {
        "type": "conversation.item.create",
        "item": {"type": "message", "role": "user", "content": [
            {"type": "input_image", "image_url": "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()}
        ]},
    }
    await ws.send(json.dumps(item))
    await ws.send(json.dumps({"type": "response.create"}))


async def talk(mic, speaker, snapshot: bytes | None = None) -> list[dict]:
    calls: list[dict] = []
    async with websockets.connect(REALTIME_URL, additional_headers={"Authorization": f"Bearer {OPENAI_KEY}"}) as ws:
        await ws.send(json.dumps(SESSION_UPDATE))
        if snapshot:
            await send_snapshot(ws, snapshot)
        async for pcm in mic:
            await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": base64.b64encode(pcm).decode()}))
            break
        while True:
            event = json.loads(await ws.recv())
            if event["type"] == "response.output_audio.delta":
                speaker.write(base64.b64decode(event["delta"]))
            elif event["type"] == "response.function_call_arguments.done":
                calls.append({"name": event["name"], "arguments": json.loads(event["arguments"])})
            elif event["type"] == "conversation.item.input_audio_transcription.completed":
                print("user:", event["transcript"])
            elif event["type"] == "error":
                break
            elif event["type"] == "response.done":
                return calls
    return calls
