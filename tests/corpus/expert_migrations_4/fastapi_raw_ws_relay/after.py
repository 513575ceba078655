"""FastAPI relay: browser <-> this server <-> Gemini Live (raw BidiGenerateContent socket).

The browser sends {"type": "audio"|"frame"|"text", ...}; we forward to Gemini as JSON frames
and push audio/captions back. The API key never leaves the server.
"""
import asyncio
import json
import logging
import os

import websockets
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

log = logging.getLogger("relay")
app = FastAPI()

API_KEY = os.environ["GEMINI_API_KEY"]
GEMINI_URI = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    f"?key={API_KEY}"
)
MODEL = "models/gemini-3.1-flash-live-preview"


def setup_frame(voice: str = "Aoede") -> dict:
    return {
        "setup": {
            "model": MODEL,
            "generationConfig": {
                "responseModalities": ["AUDIO"],
                "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": voice}}},
                "thinkingConfig": {"thinkingLevel": "medium"},
            },
            "systemInstruction": {
                "parts": [{"text": "You help users fix their bikes using the camera feed."}]
            },
            "outputAudioTranscription": {},
            "realtimeInputConfig": {"turnCoverage": "TURN_INCLUDES_ONLY_ACTIVITY"},
        }
    }


async def browser_to_gemini(browser: WebSocket, gem) -> None:
    while True:
        evt = await browser.receive_json()
        kind = evt.get("type")
        if kind == "audio":
            frame = {"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": evt["data"]}}}
        elif kind == "frame":
            frame = {"realtimeInput": {"video": {"mimeType": "image/jpeg", "data": evt["data"]}}}
        elif kind == "text":
            frame = {"realtimeInput": {"text": evt["text"]}}
        else:
            log.warning("unknown browser event %r", kind)
            continue
        await gem.send(json.dumps(frame))


async def gemini_to_browser(gem, browser: WebSocket) -> None:
    async for raw in gem:
        resp = json.loads(raw)
        sc = resp.get("serverContent")
        if not sc:
            continue
        if "modelTurn" in sc:
            for part in sc["modelTurn"].get("parts", []):
                if "inlineData" in part:
                    await browser.send_json({"type": "audio", "data": part["inlineData"]["data"]})
        if sc.get("outputTranscription"):
            await browser.send_json({"type": "caption", "text": sc["outputTranscription"].get("text", "")})
        if sc.get("interrupted"):
            await browser.send_json({"type": "flush"})
        if sc.get("turnComplete"):
            await browser.send_json({"type": "turn_end"})


@app.websocket("/ws")
async def relay(browser: WebSocket):
    await browser.accept()
    voice = browser.query_params.get("voice", "Aoede")
    async with websockets.connect(GEMINI_URI, max_size=None) as gem:
        await gem.send(json.dumps(setup_frame(voice)))  # expert: left LM402 audio+video relay ends after ~2 min; no resumption/compression/goAway handling
        json.loads(await gem.recv())  # setupComplete
        tasks = [
            asyncio.create_task(browser_to_gemini(browser, gem)),
            asyncio.create_task(gemini_to_browser(gem, browser)),
        ]
        try:
            done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
            for t in done:
                if t.exception() and not isinstance(t.exception(), WebSocketDisconnect):
                    log.error("relay task failed: %s", t.exception())
        finally:
            for t in tasks:
                t.cancel()
