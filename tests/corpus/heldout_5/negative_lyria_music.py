"""Not Live (Gemini Live API): Lyria RealTime music sessions through the SDK and a raw BidiGenerateMusic socket."""

import asyncio
import base64
import json
import os

import websockets
from google import genai
from google.genai import types

client = genai.Client(http_options={"api_version": "v1alpha"})
MUSIC_URL = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage."
    "v1alpha.GenerativeService.BidiGenerateMusic"
)


async def jam(speaker, seconds: float = 30.0) -> None:
    async with client.aio.live.music.connect(model="models/lyria-realtime-exp") as session:
        await session.set_weighted_prompts(prompts=[types.WeightedPrompt(text="warm lo-fi piano", weight=1.0)])
        await session.set_music_generation_config(config=types.LiveMusicGenerationConfig(bpm=84, temperature=1.1))
        await session.play()
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        async for message in session.receive():
            if message.server_content and message.server_content.audio_chunks:
                speaker.play(message.server_content.audio_chunks[0].data)
            if loop.time() > end:
                break


async def raw_jam(speaker) -> None:
    url = f"{MUSIC_URL}?key={os.environ['GEMINI_API_KEY']}"
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"setup": {"model": "models/lyria-realtime-exp"}}))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"weightedPrompts": [{"text": "ambient synth", "weight": 1.0}]}}))
        await ws.send(json.dumps({"playbackControl": "PLAY"}))
        while True:
            msg = json.loads(await ws.recv())
            chunks = msg.get("serverContent", {}).get("audioChunks", [])
            if not chunks:
                continue
            if chunks[0].get("mimeType") == "audio/pcm":
                speaker.play(base64.b64decode(chunks[0]["data"]))
