"""Streaming code that is not the Live API: Lyria music sessions on v1alpha, a raw BidiGenerateMusic socket, Deepgram STT, and a camera uplink to our own server."""

from __future__ import annotations

import asyncio
import base64
import json
import os

import websockets
from google import genai
from google.genai import types

music_client = genai.Client(api_key=os.environ["GEMINI_API_KEY"], http_options={"api_version": "v1alpha"})
MUSIC_URI = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha."
    f"GenerativeService.BidiGenerateMusic?key={os.environ['GEMINI_API_KEY']}"
)
DEEPGRAM_URI = "wss://api.deepgram.com/v1/listen?encoding=linear16&sample_rate=16000"


async def background_music(speaker, stop: asyncio.Event) -> None:
    async with music_client.aio.live.music.connect(model="models/lyria-realtime-exp") as session:
        await session.set_weighted_prompts(prompts=[types.WeightedPrompt(text="calm lo-fi piano", weight=1.0)])
        await session.set_music_generation_config(config=types.LiveMusicGenerationConfig(bpm=80, temperature=1.0))
        await session.play()
        while not stop.is_set():
            async for message in session.receive():
                if message.server_content is None:
                    break
                for chunk in message.server_content.audio_chunks or []:
                    speaker.write(chunk.data)


async def raw_music(prompt: str, seconds: float) -> bytes:
    pcm = bytearray()
    async with websockets.connect(MUSIC_URI) as ws:
        await ws.send(json.dumps({"setup": {"model": "models/lyria-realtime-exp"}}))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"weightedPrompts": [{"text": prompt, "weight": 1.0}]}}))
        await ws.send(json.dumps({"playbackControl": "PLAY"}))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        async for raw in ws:
            message = json.loads(raw)
            if "serverContent" not in message:
                break
            for chunk in message["serverContent"].get("audioChunks", []):
                pcm.extend(base64.b64decode(chunk["data"]))
            if loop.time() > deadline:
                break
    return bytes(pcm)


async def transcribe(mic) -> list[str]:
    lines: list[str] = []
    headers = {"Authorization": f"Token {os.environ['DEEPGRAM_API_KEY']}"}
    async with websockets.connect(DEEPGRAM_URI, additional_headers=headers) as ws:
        async def pump() -> None:
            async for pcm in mic:
                await ws.send(pcm)
            await ws.send(json.dumps({"type": "CloseStream"}))

        sender = asyncio.create_task(pump())
        async for raw in ws:
            event = json.loads(raw)
            if event.get("type") != "Results":
                break
            lines.append(event["channel"]["alternatives"][0]["transcript"])
        sender.cancel()
    return lines


async def camera_uplink(frames, server: str) -> None:
    async with websockets.connect(f"wss://{server}/ingest?key={os.environ['INGEST_KEY']}") as ws:
        while True:
            jpeg = await frames.get()
            await ws.send(json.dumps({"video": {"mime_type": "image/jpeg", "data": base64.b64encode(jpeg).decode()}}))
            ack = json.loads(await ws.recv())
            if "toolCall" in ack or "goAway" in ack:
                return
