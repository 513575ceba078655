"""First-part-only reads of Live messages ([0], [-1], next(iter(...)), via a local, after anext) beside look-alikes that are fine."""

from __future__ import annotations

import asyncio
from pathlib import Path

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
RECORDINGS = Path("recordings")

client = genai.Client()
config = types.LiveConnectConfig(response_modalities=["AUDIO"])


async def first_chunk_latency(prompt: str) -> float:
    loop = asyncio.get_running_loop()
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        started = loop.time()
        await session.send_realtime_input(text=prompt)
        turn = session.receive()
        message = await anext(turn)
        while message.server_content is None or message.server_content.model_turn is None:
            message = await anext(turn)
        first = message.server_content.model_turn.parts[0]  # expect: LM301
        assert first.inline_data is not None
        return loop.time() - started


async def record_turn(prompt: str, name: str) -> Path:
    out = RECORDINGS / f"{name}.pcm"
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text=prompt)
        with out.open("wb") as fh:
            async for message in session.receive():
                content = message.server_content
                if content and content.model_turn:
                    parts = content.model_turn.parts
                    fh.write(parts[-1].inline_data.data)  # expect: LM301
                if content and content.turn_complete:
                    break
    return out


async def peek_mime(prompt: str) -> str | None:
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text=prompt)
        async for message in session.receive():
            if message.server_content and message.server_content.model_turn:
                part = next(iter(message.server_content.model_turn.parts))  # expect: LM301
                return part.inline_data.mime_type if part.inline_data else None
    return None


async def full_turn(prompt: str) -> bytes:
    audio = bytearray()
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text=prompt)
        async for message in session.receive():
            content = message.server_content
            if content and content.model_turn:
                for part in content.model_turn.parts or []:
                    if part.inline_data:
                        audio.extend(part.inline_data.data)
            if content and content.turn_complete:
                break
    return bytes(audio)


def latest_recording_session() -> str:
    newest = max(RECORDINGS.glob("*.pcm"), key=lambda p: p.stat().st_mtime)
    return newest.relative_to(RECORDINGS).parts[0]


def title_for(prompt: str) -> str:
    response = client.models.generate_content(model="gemini-2.5-flash", contents=f"Title: {prompt}")
    return response.candidates[0].content.parts[0].text or "untitled"
