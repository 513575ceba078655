"""Not Live: an OpenAI Realtime voice loop over websockets with its own sessions, tools and audio events."""

import asyncio
import base64
import json
import os

import websockets

URL = "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview"
HEADERS = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}", "OpenAI-Beta": "realtime=v1"}

SESSION_UPDATE = {
    "type": "session.update",
    "session": {
        "modalities": ["text", "audio"],
        "input_audio_format": "pcm16",
        "output_audio_format": "pcm16",
        "max_response_output_tokens": 8192,
        "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
        "tools": [{"type": "function", "name": "get_time", "parameters": {"type": "object"}}],
    },
}


async def mic_pump(ws, mic) -> None:
    while True:
        pcm = await mic.read()
        await ws.send(json.dumps({"type": "input_audio_buffer.append",
                                  "audio": base64.b64encode(pcm).decode()}))


async def events(ws, speaker) -> None:
    async for raw in ws:
        event = json.loads(raw)
        kind = event["type"]
        if kind == "response.audio.delta":
            speaker.write(base64.b64decode(event["delta"]))
            continue
        if kind == "response.audio_transcript.done":
            print("assistant:", event["transcript"])
        elif kind == "response.function_call_arguments.done":
            print("tool call", event["name"], event["arguments"])
        elif kind == "error":
            print("error", event["error"]["message"])
            break
        elif kind == "response.done":
            output = event["response"]["output"]
            if output and output[0]["content"]:
                print("first item:", output[0]["content"][0].get("transcript"))


async def converse(mic, speaker) -> None:
    async with websockets.connect(URL, additional_headers=HEADERS) as ws:
        await ws.send(json.dumps(SESSION_UPDATE))
        await ws.send(json.dumps({"type": "conversation.item.create", "item": {
            "type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hello!"}]}}))
        await ws.send(json.dumps({"type": "response.create"}))
        await asyncio.gather(mic_pump(ws, mic), events(ws, speaker))
