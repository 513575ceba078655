"""Lyria RealTime music session (client.aio.live.music) and a raw BidiGenerateMusic socket: not Gemini Live."""

import asyncio
import base64
import json
import os

from google import genai
from google.genai import types
from websockets.asyncio.client import connect

client = genai.Client(http_options={"api_version": "v1alpha"})
MUSIC_URL = ("wss://generativelanguage.googleapis.com/ws/"
             "google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateMusic")


async def jam(prompts: list[str], speaker: asyncio.Queue, stop: asyncio.Event) -> None:
    async with client.aio.live.music.connect(model="models/lyria-realtime-exp") as session:
        await session.set_weighted_prompts(prompts=[types.WeightedPrompt(text=p, weight=1.0) for p in prompts])
        await session.set_music_generation_config(config=types.LiveMusicGenerationConfig(bpm=96))
        await session.play()
        while not stop.is_set():
            async for message in session.receive():
                if message.server_content and message.server_content.audio_chunks:
                    chunk = message.server_content.audio_chunks[0]
                    if chunk.mime_type == "audio/pcm":
                        speaker.put_nowait(chunk.data)
                    continue
                elif message.filtered_prompt:
                    break


async def raw_jam(prompt: str, speaker: asyncio.Queue) -> None:
    url = f"{MUSIC_URL}?key={os.environ['GEMINI_API_KEY']}"
    async with connect(url) as ws:
        await ws.send(json.dumps({"setup": {"model": "models/lyria-realtime-exp"}}))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"weightedPrompts": [{"text": prompt, "weight": 1.0}]}}))
        await ws.send(json.dumps({"playbackControl": "PLAY"}))
        async for raw in ws:
            msg = json.loads(raw)
            if "serverContent" in msg:
                chunk = msg["serverContent"]["audioChunks"][0]
                speaker.put_nowait(base64.b64decode(chunk["data"]))
            elif "filteredPrompt" in msg:
                break
