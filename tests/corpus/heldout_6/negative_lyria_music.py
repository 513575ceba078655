"""Not Live API conversation: Lyria RealTime music through live.music and a raw BidiGenerateMusic socket."""
import asyncio
import base64
import json
import os

import websockets
from google import genai
from google.genai import types

client = genai.Client(http_options={"api_version": "v1alpha"})
MUSIC_URL = ("wss://generativelanguage.googleapis.com/ws/"
             "google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateMusic")


async def jam(speaker, stop: asyncio.Event) -> None:
    async with client.aio.live.music.connect(model="models/lyria-realtime-exp") as session:
        await session.set_weighted_prompts(prompts=[types.WeightedPrompt(text="minimal techno", weight=1.0)])
        await session.set_music_generation_config(config=types.LiveMusicGenerationConfig(bpm=120, temperature=1.0))
        await session.play()
        while not stop.is_set():
            async for message in session.receive():
                chunk = message.server_content.audio_chunks[0]
                if chunk.mime_type == "audio/pcm":
                    speaker.write(chunk.data)
                if message.filtered_prompt:
                    break


async def raw_jam(speaker) -> None:
    url = MUSIC_URL + "?key=" + os.environ["GEMINI_API_KEY"]
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"setup": {"model": "models/lyria-realtime-exp"}}))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"weightedPrompts": [{"text": "lofi piano", "weight": 1.0}]}}))
        await ws.send(json.dumps({"musicGenerationConfig": {"bpm": 80, "maxOutputTokens": 8192}}))
        await ws.send(json.dumps({"playbackControl": "PLAY"}))
        while True:
            msg = json.loads(await ws.recv())
            content = msg.get("serverContent", {})
            if "audioChunks" in content:
                speaker.write(base64.b64decode(content["audioChunks"][0]["data"]))
            elif "filteredPrompt" in msg:
                break
