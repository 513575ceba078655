"""Legacy media paths: send_realtime_input(media=...) for frames and PIL images, media_chunks in typed and dict inputs, client content after media."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import PIL.Image
from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


def jpeg_bytes(image: PIL.Image.Image) -> bytes:
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="JPEG", quality=80)
    return buf.getvalue()


async def stream_frames(session, frames: AsyncIterator[PIL.Image.Image]) -> None:
    async for image in frames:
        blob = types.Blob(data=jpeg_bytes(image), mime_type="image/jpeg")
        await session.send_realtime_input(media=blob)  # expect: LM104
        await asyncio.sleep(1.0)


async def send_snapshot(session, image: PIL.Image.Image) -> None:
    await session.send_realtime_input(media=image)  # expect: LM104


async def send_audio_batch(session, chunks: list[bytes]) -> None:
    realtime = types.LiveClientRealtimeInput(
        media_chunks=[types.Blob(data=c, mime_type="audio/pcm;rate=16000") for c in chunks],  # expect: LM104
    )
    await session.send(input=realtime)  # expect: LM103


async def send_dict_chunks(session, chunk: bytes) -> None:
    await session.send(  # expect: LM103
        input={
            "media_chunks": [  # expect: LM104
                {"data": chunk, "mime_type": "audio/pcm;rate=16000"},
            ]
        }
    )


async def send_camel_chunks(session, jpeg: bytes) -> None:
    await session.send(input={"mediaChunks": [{"mimeType": "image/jpeg", "data": jpeg}]})  # expect: LM103, LM104


async def describe_scene(frames: AsyncIterator[PIL.Image.Image], question: str) -> str:
    client = genai.Client()
    said: list[str] = []
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        async for image in frames:
            await session.send_realtime_input(video=types.Blob(data=jpeg_bytes(image), mime_type="image/jpeg"))
            break
        await session.send_client_content(  # expect: LM101
            turns=types.Content(role="user", parts=[types.Part(text=question)]),
            turn_complete=True,
        )
        async for message in session.receive():
            content = message.server_content
            if content and content.output_transcription and content.output_transcription.text:
                said.append(content.output_transcription.text)
            if content and content.turn_complete:
                break
        await send_dict_chunks(session, b"\x00\x00" * 800)
        await send_camel_chunks(session, jpeg_bytes(PIL.Image.new("RGB", (8, 8))))
        await send_audio_batch(session, [b"\x00\x00" * 800])
        await stream_frames(session, frames)
        await send_snapshot(session, PIL.Image.new("RGB", (8, 8)))
    return "".join(said)
