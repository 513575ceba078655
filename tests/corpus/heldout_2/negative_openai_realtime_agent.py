"""OpenAI Realtime voice agent over a raw socket: tool calls, breaks and token caps that are not Live."""

import asyncio
import base64
import json
import os

import websockets

OPENAI_URL = "wss://api.openai.com/v1/realtime?model=gpt-realtime"
HEADERS = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}


def session_update() -> dict:
    return {
        "type": "session.update",
        "session": {
            "modalities": ["audio", "text"],
            "input_audio_format": "pcm16",
            "input_audio_transcription": {"model": "whisper-1"},
            "max_response_output_tokens": 8192,
            "tools": [{"type": "function", "name": "lookup_order", "parameters": {"type": "object"}}],
        },
    }


async def mic_loop(ws, mic) -> None:
    async for chunk in mic:
        await ws.send(json.dumps({"type": "input_audio_buffer.append",
                                  "audio": base64.b64encode(chunk).decode()}))


async def event_loop(ws, speaker, transcript: list) -> None:
    while True:
        event = json.loads(await ws.recv())
        kind = event["type"]
        if kind == "response.audio.delta":
            speaker.play(base64.b64decode(event["delta"]))
            continue
        if kind == "response.function_call_arguments.done":
            print("tool call:", event["name"], event["arguments"])
        elif kind == "conversation.item.input_audio_transcription.completed":
            transcript.append(event["transcript"])
        elif kind == "response.done":
            usage = event["response"].get("usage")
            if usage:
                break
        if event.get("output") and event["output"][0].get("content"):
            transcript.append(event["output"][0]["content"][0].get("transcript", ""))


async def main(mic, speaker) -> None:
    transcript: list[str] = []
    async with websockets.connect(OPENAI_URL, additional_headers=HEADERS) as ws:
        await ws.send(json.dumps(session_update()))
        await asyncio.gather(mic_loop(ws, mic), event_loop(ws, speaker, transcript))
