"""Library help desk on a raw socket with a declared history seed, setup built in steps."""
import asyncio
import base64
import json
import os

import websockets

URI = ("wss://generativelanguage.googleapis.com/ws/"
       "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent")
MODEL = os.getenv("HELPDESK_MODEL", "models/gemini-3.1-flash-live-preview")

SEED = [
    {"role": "user", "parts": [{"text": "I'm looking for books on sailing."}]},
    {"role": "model", "parts": [{"text": "The nautical shelf is on floor two."}]},
]


def setup_message(note: str) -> dict:
    setup = {"model": MODEL}
    setup["generationConfig"] = {"responseModalities": ["AUDIO"]}
    setup["historyConfig"] = {"initialHistoryInClientContent": True}
    setup["outputAudioTranscription"] = {}
    setup["contextWindowCompression"] = {"slidingWindow": {}}
    setup["systemInstruction"] = {"parts": [{"text": note}]}
    return {"setup": setup}


def headers() -> dict:
    return {"x-goog-api-key": os.environ["GEMINI_API_KEY"]}


async def mic_loop(ws, mic) -> None:
    while True:
        pcm = await mic.read()
        await ws.send(json.dumps({"realtimeInput": {"audio": {
            "mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}}}))


async def greet(note: str) -> str:
    async with websockets.connect(URI, additional_headers=headers()) as ws:
        await ws.send(json.dumps(setup_message(note)))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"turns": SEED, "turnComplete": True}}))  # expect: LM108
        words = []
        async for raw in ws:
            msg = json.loads(raw)
            content = msg.get("serverContent", {})
            if "outputTranscription" in content:
                words.append(content["outputTranscription"].get("text", ""))
            if content.get("turnComplete"):
                break
        return "".join(words)


async def patron_desk(note: str, mic, speaker) -> None:
    async with websockets.connect(URI, additional_headers=headers()) as ws:
        await ws.send(json.dumps(setup_message(note)))
        await ws.recv()
        hello = {"realtime_input": {"text": "A patron just walked up to the desk."}}  # expect: LM107
        await ws.send(json.dumps(hello))
        await ws.send(json.dumps({"client_content": {"turns": SEED, "turn_complete": True}}))
        asyncio.create_task(mic_loop(ws, mic))
        async for raw in ws:
            content = json.loads(raw).get("serverContent", {})
            for part in content.get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    speaker.write(base64.b64decode(part["inlineData"]["data"]))
