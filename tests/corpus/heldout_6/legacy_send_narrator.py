"""Audiobook narrator on the pre-1.0 send surface: send(), start_stream() and dict blobs."""
import asyncio
import wave

from google import genai
from google.genai import types

client = genai.Client()
NARRATOR = "gemini-live-2.5-flash-preview"  # expect: LM001
PCM = "audio/pcm"  # expect: LM106
CONFIG = {"response_modalities": ["AUDIO"]}


def wav_chunks(path: str, size: int = 4096):
    with wave.open(path, "rb") as wav:
        while data := wav.readframes(size):
            yield data


async def wav_stream(path: str):
    for data in wav_chunks(path):
        yield data


async def narrate(chapter: str) -> bytes:
    audio = bytearray()
    async with client.aio.live.connect(model=NARRATOR, config=CONFIG) as session:
        await session.send(input=f"Read this aloud in a calm voice: {chapter}", end_of_turn=True)  # expect: LM103
        async for msg in session.receive():
            if msg.data:
                audio.extend(msg.data)
            if msg.server_content and msg.server_content.turn_complete:
                break
    return bytes(audio)


async def retell(path: str) -> bytes:
    audio = bytearray()
    async with client.aio.live.connect(model=NARRATOR, config=CONFIG) as session:
        for pcm in wav_chunks(path):
            await session.send(input={"data": pcm, "mime_type": PCM})  # expect: LM103
        await session.send(end_of_turn=True)  # expect: LM103
        async for msg in session.receive():
            if msg.data:
                audio.extend(msg.data)
    return bytes(audio)


async def dub(path: str) -> None:
    async with client.aio.live.connect(model=NARRATOR, config=CONFIG) as session:
        for pcm in wav_chunks(path):
            await session.send(input=types.LiveClientRealtimeInput(media_chunks=[types.Blob(data=pcm, mime_type="audio/pcm;rate=16000")]))  # expect: LM103, LM104
        async for msg in session.receive():
            if msg.server_content and msg.server_content.turn_complete:
                break


async def stream_file(path: str) -> None:
    async with client.aio.live.connect(model=NARRATOR, config=CONFIG) as session:
        async for msg in session.start_stream(stream=wav_stream(path), mime_type=PCM):  # expect: LM105
            if msg.server_content and msg.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(narrate("Chapter one. The lighthouse keeper woke early."))
