"""Lyria RealTime music session and a raw BidiGenerateMusic socket: live.music is not a Live conversation."""

import asyncio
import json
import os

import websockets
from google import genai
from google.genai import types

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"], http_options={"api_version": "v1alpha"})
MUSIC_MODEL = "models/lyria-realtime-exp"
MUSIC_URL = ("wss://generativelanguage.googleapis.com/ws/"
             "google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateMusic")


async def play_forever(speaker, prompts: list[str]) -> None:
    async with client.aio.live.music.connect(model=MUSIC_MODEL) as session:
        await session.set_weighted_prompts(prompts=[types.WeightedPrompt(text=p, weight=1.0) for p in prompts])
        await session.set_music_generation_config(config=types.LiveMusicGenerationConfig(bpm=96))
        await session.play()
        while True:
            async for message in session.receive():
                if message.server_content is None:
                    break
                chunk = message.server_content.audio_chunks[0]
                speaker.play(chunk.data)
                await asyncio.sleep(0)


async def raw_music(speaker) -> None:
    async with websockets.connect(f"{MUSIC_URL}?key={os.environ['GEMINI_API_KEY']}") as ws:
        await ws.send(json.dumps({"setup": {"model": MUSIC_MODEL}}))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"weightedPrompts": [{"text": "lofi", "weight": 1}]}}))
        await ws.send(json.dumps({"playbackControl": "PLAY"}))
        while True:
            msg = json.loads(await ws.recv())
            if "serverContent" not in msg:
                break
            speaker.play(msg["serverContent"]["audioChunks"][0]["data"])
