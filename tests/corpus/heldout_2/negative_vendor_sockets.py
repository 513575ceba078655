"""Deepgram agent socket and a store-locator page with a Maps browser key: other vendors, no Gemini Live."""

import asyncio
import json
import os

import websockets
from flask import Flask, render_template

MAPS_BROWSER_KEY = "AIzaSymihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS"
DEEPGRAM_URL = "wss://agent.deepgram.com/v1/agent/converse"

app = Flask(__name__)


@app.get("/stores")
def stores():
    return render_template("stores.html", maps_key=MAPS_BROWSER_KEY)


SETTINGS = {
    "type": "Settings",
    "audio": {"input": {"encoding": "linear16", "sample_rate": 16000}},
    "agent": {
        "listen": {"provider": {"type": "deepgram", "model": "nova-3"}},
        "think": {"provider": {"type": "google", "model": "gemini-2.5-flash"}, "functions": [{"name": "find_store"}]},
        "speak": {"provider": {"type": "deepgram", "model": "aura-2-thalia-en"}},
    },
}


async def converse(mic, speaker) -> None:
    headers = {"Authorization": f"Token {os.environ['DEEPGRAM_API_KEY']}"}
    async with websockets.connect(DEEPGRAM_URL, additional_headers=headers) as ws:
        await ws.send(json.dumps(SETTINGS))

        async def pump() -> None:
            while True:
                await ws.send(await mic.read())

        sender = asyncio.create_task(pump())
        async for raw in ws:
            if isinstance(raw, bytes):
                speaker.play(raw)
                continue
            event = json.loads(raw)
            if event["type"] == "FunctionCallRequest":
                print("function call:", event["functions"][0]["name"])
            elif event["type"] == "ConversationText":
                print(event["role"], event["content"])
            elif event["type"] == "Error":
                break
        sender.cancel()
