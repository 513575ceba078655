"""Raw-socket client that declares a history seed in its setup frame: LM107, LM108 (raw spellings)."""

import base64
import json
import os

from websockets.asyncio.client import connect

URL = ("wss://generativelanguage.googleapis.com/ws/"
       "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent")


def _setup(model: str) -> dict:
    return {
        "setup": {
            "model": f"models/{model}",
            "generationConfig": {"responseModalities": ["AUDIO"]},
            "historyConfig": {"initialHistoryInClientContent": True},
            "outputAudioTranscription": {},
        }
    }


def _history(lines: list[tuple[str, str]]) -> list[dict]:
    return [{"role": role, "parts": [{"text": text}]} for role, text in lines]


async def _collect_turn(ws) -> str:
    said = []
    async for raw in ws:
        msg = json.loads(raw)
        content = msg.get("serverContent") or {}
        if "outputTranscription" in content:
            said.append(content["outputTranscription"].get("text", ""))
        if content.get("turnComplete"):
            break
    return "".join(said)


async def greet_returning_user(model: str, lines: list[tuple[str, str]]) -> str:
    """Replays the last conversation and waits for the model to say hello again."""
    async with connect(URL, additional_headers={"x-goog-api-key": os.environ["GEMINI_API_KEY"]}) as ws:
        await ws.send(json.dumps(_setup(model)))
        await ws.recv()
        await ws.send(json.dumps({
            "clientContent": {"turns": _history(lines), "turnComplete": True},  # expect: LM108
        }))
        return await _collect_turn(ws)


async def answer_clip(model: str, lines: list[tuple[str, str]], pcm: bytes) -> str:
    """Sends the user's clip first, then the history it refers to."""
    async with connect(URL, additional_headers={"x-goog-api-key": os.environ["GEMINI_API_KEY"]}) as ws:
        await ws.send(json.dumps(_setup(model)))
        await ws.recv()
        await ws.send(json.dumps({
            "realtimeInput": {"audio": {  # expect: LM107
                "mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}},
        }))
        await ws.send(json.dumps({"clientContent": {"turns": _history(lines), "turnComplete": True}}))
        await ws.send(json.dumps({"realtimeInput": {"audioStreamEnd": True}}))
        return await _collect_turn(ws)


async def ask_with_context(model: str, lines: list[tuple[str, str]], question: str) -> str:
    """Seed complete, then realtime text: the order 3.x expects."""
    async with connect(URL, additional_headers={"x-goog-api-key": os.environ["GEMINI_API_KEY"]}) as ws:
        await ws.send(json.dumps(_setup(model)))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"turns": _history(lines), "turnComplete": True}}))
        await ws.send(json.dumps({"realtimeInput": {"text": question}}))
        return await _collect_turn(ws)
