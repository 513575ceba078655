"""Raw client seeding history with clientContent frames: declared and awaited, undeclared, and raced by the mic."""

import asyncio
import base64
import enum
import json
import os

from websockets.asyncio.client import connect


class Endpoint(str, enum.Enum):
    STABLE = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    PREVIEW = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503


HEADERS = {"x-goog-api-key": os.environ.get("GEMINI_API_KEY", "")}
MODEL = "models/gemini-3.1-flash-live-preview"


def setup(declared: bool) -> str:
    body = {"model": MODEL, "generationConfig": {"responseModalities": ["AUDIO"]}}
    if declared:
        body["historyConfig"] = {"initialHistoryInClientContent": True}
    return json.dumps({"setup": body})


def history(lines: list[tuple[str, str]]) -> list[dict]:
    return [{"role": role, "parts": [{"text": text}]} for role, text in lines]


async def read_turn(ws) -> bytes:
    audio = bytearray()
    async for raw in ws:
        content = json.loads(raw).get("serverContent", {})
        for part in content.get("modelTurn", {}).get("parts", []):
            if "inlineData" in part:
                audio.extend(base64.b64decode(part["inlineData"]["data"]))
        if content.get("turnComplete"):
            return bytes(audio)
    return bytes(audio)


async def welcome_back(lines) -> bytes:
    async with connect(Endpoint.STABLE.value, additional_headers=HEADERS) as ws:
        await ws.send(setup(declared=True))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"turns": history(lines), "turnComplete": True}}))  # expect: LM108
        return await read_turn(ws)


async def carry_over(lines, pcm: bytes) -> bytes:
    async with connect(Endpoint.PREVIEW.value, additional_headers=HEADERS) as ws:
        await ws.send(setup(declared=False))
        await ws.recv()
        turns = history([("model", "Welcome back. Here is where we stopped.")] + list(lines))
        await ws.send(json.dumps({"client_content": {"turns": turns, "turn_complete": True}}))  # expect: LM102
        await ws.send(json.dumps({"realtime_input": {"audio": {
            "mime_type": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}}}))
        await ws.send(json.dumps({"realtime_input": {"audio_stream_end": True}}))
        return await read_turn(ws)


async def mic_frames(ws, mic: asyncio.Queue) -> None:
    while (chunk := await mic.get()) is not None:
        await ws.send(json.dumps({"realtimeInput": {"audio": {
            "mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(chunk).decode()}}}))


async def seeded_call(lines, mic: asyncio.Queue) -> bytes:
    async with connect(Endpoint.STABLE.value, additional_headers=HEADERS) as ws:
        await ws.send(setup(declared=True))
        await ws.recv()
        sender = asyncio.create_task(mic_frames(ws, mic))  # expect: LM107
        await ws.send(json.dumps({"clientContent": {"turns": history(lines), "turnComplete": True}}))
        try:
            return await read_turn(ws)
        finally:
            sender.cancel()
