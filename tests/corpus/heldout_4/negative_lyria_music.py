"""Not Live: Lyria RealTime music sessions, through the SDK and through a raw BidiGenerateMusic socket."""

import asyncio
import base64
import json
import os

import websockets
from google import genai
from google.genai import types

client = genai.Client(http_options={"api_version": "v1alpha"})
MUSIC_MODEL = "models/lyria-realtime-exp"
MUSIC_URL = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage."
             "v1alpha.GenerativeService.BidiGenerateMusic")


async def jam(player, prompts: list[str]) -> None:
    async with client.aio.live.music.connect(model=MUSIC_MODEL) as session:
        await session.set_weighted_prompts(prompts=[types.WeightedPrompt(text=p, weight=1.0) for p in prompts])
        await session.set_music_generation_config(config=types.LiveMusicGenerationConfig(bpm=92, temperature=1.1))
        await session.play()
        while True:
            async for message in session.receive():
                if message.server_content is None:
                    break
                chunk = message.server_content.audio_chunks[0]
                if chunk.mime_type == "audio/pcm":
                    player.write(chunk.data)


async def raw_jam(player) -> None:
    url = f"{MUSIC_URL}?key={os.environ['GEMINI_API_KEY']}"
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"setup": {"model": MUSIC_MODEL}}))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"weightedPrompts": [{"text": "lofi piano", "weight": 1.0}]}}))
        await ws.send(json.dumps({"musicGenerationConfig": {"bpm": 80}}))
        await ws.send(json.dumps({"playbackControl": "PLAY"}))
        async for raw in ws:
            msg = json.loads(raw)
            if "serverContent" not in msg:
                break
            for chunk in msg["serverContent"].get("audioChunks", []):
                player.write(base64.b64decode(chunk["data"]))
