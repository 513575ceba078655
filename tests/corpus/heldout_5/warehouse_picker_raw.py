"""Warehouse picking assistant over a raw BidiGenerateContent socket, setup frame built in steps."""

import asyncio
import base64
import json
import os

import websockets

HOST = "wss://generativelanguage.googleapis.com"
PATH = "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503
MODEL = "models/gemini-2.5-flash-native-audio-preview-09-2025"  # expect: LM001
SCANNER_MIME = "audio/pcm"  # expect: LM106


def build_setup() -> dict:
    generation = {"responseModalities": ["AUDIO"]}
    generation["thinkingConfig"] = {"thinkingBudget": 0}  # expect: LM002
    generation["maxOutputTokens"] = 8192  # expect: LM403
    setup = {"model": MODEL, "generationConfig": generation}
    setup["systemInstruction"] = {"parts": [{"text": "You guide pickers to bin locations."}]}
    return {"setup": setup}  # expect: LM402


async def stream_scanner_audio(ws, frames) -> None:
    async for pcm in frames:
        chunk = {"mimeType": SCANNER_MIME, "data": base64.b64encode(pcm).decode()}
        await ws.send(json.dumps({"realtimeInput": {"mediaChunks": [chunk]}}))  # expect: LM104


async def play_replies(ws, speaker) -> None:
    async for raw in ws:
        reply = json.loads(raw)
        server = reply.get("serverContent")
        if not server or "modelTurn" not in server:
            continue
        first = server["modelTurn"]["parts"][0]  # expect: LM301
        if "inlineData" in first:
            speaker.write(base64.b64decode(first["inlineData"]["data"]))


async def main(frames, speaker) -> None:
    url = f"{HOST}{PATH}?key={os.environ['GEMINI_API_KEY']}"
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps(build_setup()))
        await ws.recv()
        await asyncio.gather(stream_scanner_audio(ws, frames), play_replies(ws, speaker))
