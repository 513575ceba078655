"""Raw WebSocket client, camelCase frames: mediaChunks for camera frames, clientContent typed mid-session, if/elif over top-level keys."""

from __future__ import annotations

import asyncio
import base64
import json
import os
from collections.abc import AsyncIterator, Callable

import websockets

API_KEY = os.environ["GEMINI_API_KEY"]
MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"
URI = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    f"?key={API_KEY}"
)


def get_stock_price(symbol: str) -> dict:
    return {"symbol": symbol, "price": 187.3}


async def send_setup(ws) -> None:
    setup = {
        "setup": {
            "model": MODEL,
            "generationConfig": {"responseModalities": ["AUDIO"]},
            "outputAudioTranscription": {},
            "tools": [
                {
                    "functionDeclarations": [
                        {
                            "name": "get_stock_price",
                            "description": "Latest price of a stock.",
                            "parameters": {"type": "OBJECT", "properties": {"symbol": {"type": "STRING"}}},
                        }
                    ]
                }
            ],
        }
    }
    await ws.send(json.dumps(setup))
    json.loads(await ws.recv())  # {"setupComplete": {}}


async def stream_audio(ws, mic: AsyncIterator[bytes]) -> None:
    async for chunk in mic:
        frame = {"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(chunk).decode()}}}
        await ws.send(json.dumps(frame))


async def stream_camera(ws, frames: AsyncIterator[bytes]) -> None:
    async for jpeg in frames:
        frame = {
            "realtimeInput": {
                "mediaChunks": [  # expect: LM104
                    {"mimeType": "image/jpeg", "data": base64.b64encode(jpeg).decode()},
                ]
            }
        }
        await ws.send(json.dumps(frame))
        await asyncio.sleep(1.0)


async def type_messages(ws, lines: AsyncIterator[str]) -> None:
    async for line in lines:
        await ws.send(
            json.dumps(
                {
                    "clientContent": {  # expect: LM101
                        "turns": [{"role": "user", "parts": [{"text": line}]}],
                        "turnComplete": True,
                    }
                }
            )
        )


async def receive(ws, play: Callable[[bytes], None], show: Callable[[str], None]) -> None:
    while True:
        response = json.loads(await ws.recv())
        if "serverContent" in response:  # one kind of message per branch (the oneof): no LM302
            content = response["serverContent"]
            for part in content.get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    play(base64.b64decode(part["inlineData"]["data"]))
            if "outputTranscription" in content:
                show(content["outputTranscription"].get("text", ""))
        elif "toolCall" in response:
            replies = [
                {"id": fc["id"], "name": fc["name"], "response": get_stock_price(**fc.get("args", {}))}
                for fc in response["toolCall"]["functionCalls"]
            ]
            await ws.send(json.dumps({"toolResponse": {"functionResponses": replies}}))
        elif "goAway" in response:
            show(f"[server closing in {response['goAway'].get('timeLeft')}]")


async def main(mic, camera, lines, play, show) -> None:
    async with websockets.connect(URI, max_size=None) as ws:
        await send_setup(ws)
        await asyncio.gather(
            stream_audio(ws, mic),
            stream_camera(ws, camera),
            type_messages(ws, lines),
            receive(ws, play, show),
        )
