"""Hospital wayfinding greeter over a raw socket: declared and undeclared history seeds in raw frames."""

import base64
import json
import os

import websockets

URL = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    f"?key={os.environ.get('GEMINI_API_KEY', '')}"
)
MODEL = "models/gemini-3.1-flash-live-preview"

VISIT = [
    {"role": "user", "parts": [{"text": "Where is radiology?"}]},
    {"role": "model", "parts": [{"text": "Radiology is on level two, east wing."}]},
]
DECLARED_SETUP = {
    "setup": {
        "model": MODEL,
        "generationConfig": {"responseModalities": ["AUDIO"]},
        "historyConfig": {"initialHistoryInClientContent": True},
    }
}
PLAIN_SETUP = {"setup": {"model": MODEL, "generationConfig": {"responseModalities": ["AUDIO"]}}}
TEXT_SETUP = {"setup": {"model": MODEL, "generationConfig": {"responseModalities": ["TEXT"]}}}  # expect: LM005


def audio_frame(pcm: bytes) -> str:
    blob = {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}
    return json.dumps({"realtimeInput": {"audio": blob}})


async def collect_turn(ws) -> list[bytes]:
    audio = []
    async for raw in ws:
        msg = json.loads(raw)
        content = msg.get("serverContent", {})
        for part in content.get("modelTurn", {}).get("parts", []):
            if "inlineData" in part:
                audio.append(base64.b64decode(part["inlineData"]["data"]))
        if content.get("turnComplete"):
            return audio
    return audio


async def greet_with_chime(chime: bytes) -> list[bytes]:
    async with websockets.connect(URL) as ws:
        await ws.send(json.dumps(DECLARED_SETUP))
        await ws.recv()
        await ws.send(json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(chime).decode()}}}))  # expect: LM107
        await ws.send(json.dumps({"clientContent": {"turns": VISIT, "turnComplete": True}}))
        return await collect_turn(ws)


async def greet_silently() -> list[bytes]:
    async with websockets.connect(URL) as ws:
        await ws.send(json.dumps(DECLARED_SETUP))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"turns": VISIT, "turnComplete": True}}))  # expect: LM108
        return await collect_turn(ws)


async def replay_visit(question_pcm: bytes) -> list[bytes]:
    async with websockets.connect(URL) as ws:
        await ws.send(json.dumps(PLAIN_SETUP))
        await ws.recv()
        await ws.send(json.dumps({"client_content": {"turns": VISIT, "turn_complete": True}}))  # expect: LM102
        await ws.send(audio_frame(question_pcm))
        return await collect_turn(ws)


async def text_directions(question: str) -> str:
    async with websockets.connect(URL) as ws:
        await ws.send(json.dumps(TEXT_SETUP))
        await ws.recv()
        await ws.send(json.dumps({"realtimeInput": {"text": question}}))
        words = []
        async for raw in ws:
            content = json.loads(raw).get("serverContent", {})
            words += [p.get("text", "") for p in content.get("modelTurn", {}).get("parts", [])]
            if content.get("turnComplete"):
                break
        return "".join(words)
