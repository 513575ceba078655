"""Negatives: PCM MIME strings that label the model's output (playback, WAV, HTTP) and input MIME types that carry a rate."""

from __future__ import annotations

import io
import wave
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import Response, StreamingResponse
from google import genai
from google.genai import types

app = FastAPI()
client = genai.Client()

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
SEND_RATE = 16_000
RECEIVE_RATE = 24_000
INPUT_MIME = f"audio/pcm;rate={SEND_RATE}"
OUTPUT_MIME = "audio/pcm;rate=24000"
CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])


async def model_audio(prompt: str) -> AsyncIterator[bytes]:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text=prompt)
        async for message in session.receive():
            content = message.server_content
            if content and content.model_turn:
                for part in content.model_turn.parts or []:
                    if part.inline_data and part.inline_data.mime_type.startswith("audio/pcm"):
                        yield part.inline_data.data
            if content and content.turn_complete:
                break


async def echo_question(pcm16k: bytes) -> AsyncIterator[bytes]:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(audio=types.Blob(data=pcm16k, mime_type=INPUT_MIME))
        await session.send_realtime_input(audio={"data": pcm16k, "mime_type": "audio/pcm;rate=16000"})
        await session.send_realtime_input(audio_stream_end=True)
        async for message in session.receive():
            if message.data:
                yield message.data
            if message.server_content and message.server_content.turn_complete:
                break


def to_wav(pcm: bytes) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RECEIVE_RATE)
        wav.writeframes(pcm)
    return buf.getvalue()


@app.get("/speak/raw")
async def speak_raw(prompt: str) -> StreamingResponse:
    return StreamingResponse(model_audio(prompt), media_type="audio/pcm", headers={"X-Sample-Rate": "24000"})


@app.get("/speak/wav")
async def speak_wav(prompt: str) -> Response:
    pcm = b"".join([chunk async for chunk in model_audio(prompt)])
    return Response(content=to_wav(pcm), media_type="audio/wav")


@app.get("/speak/labelled")
async def speak_labelled(prompt: str) -> StreamingResponse:
    return StreamingResponse(model_audio(prompt), media_type=OUTPUT_MIME)
