"""Twilio media-stream bridge: caller audio sent with the legacy media= dict and no rate; Twilio-side frames are not Live."""

from __future__ import annotations

import asyncio
import base64
import json

import numpy as np
from google import genai
from google.genai import types
from starlette.websockets import WebSocket

MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"
TWILIO_RATE = 8_000
GEMINI_IN_RATE = 16_000
GEMINI_OUT_RATE = 24_000

_MULAW_TABLE = np.array(
    [((~b & 0x0F) << 3 | 0x84) << ((~b & 0x70) >> 4) for b in range(256)], dtype=np.int32
)


def mulaw_to_pcm16(data: bytes, out_rate: int) -> bytes:
    """Decode G.711 mu-law and resample by linear interpolation."""
    codes = np.frombuffer(data, dtype=np.uint8)
    magnitude = _MULAW_TABLE[codes] - 0x84
    samples = np.where(codes & 0x80, magnitude, -magnitude).astype(np.float32)
    positions = np.linspace(0, len(samples) - 1, int(len(samples) * out_rate / TWILIO_RATE))
    return np.interp(positions, np.arange(len(samples)), samples).astype("<i2").tobytes()


def pcm16_to_mulaw(pcm: bytes, in_rate: int) -> bytes:
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    positions = np.linspace(0, len(samples) - 1, int(len(samples) * TWILIO_RATE / in_rate))
    resampled = np.interp(positions, np.arange(len(samples)), samples).astype(np.int32)
    sign = np.where(resampled < 0, 0x80, 0)
    magnitude = np.minimum(np.abs(resampled), 32635) + 0x84
    exponent = np.floor(np.log2(magnitude)).astype(np.int32) - 7
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return (~(sign | (exponent << 4) | mantissa) & 0xFF).astype(np.uint8).tobytes()


async def caller_to_gemini(twilio: WebSocket, session, stream_sid: asyncio.Future[str]) -> None:
    async for raw in twilio.iter_text():
        event = json.loads(raw)
        if event["event"] == "start":
            stream_sid.set_result(event["start"]["streamSid"])
        elif event["event"] == "media":
            pcm = mulaw_to_pcm16(base64.b64decode(event["media"]["payload"]), GEMINI_IN_RATE)
            await session.send_realtime_input(
                media={"data": pcm, "mime_type": "audio/pcm"}  # expect: LM104, LM106
            )
        elif event["event"] == "stop":
            break


async def gemini_to_caller(twilio: WebSocket, session, stream_sid: asyncio.Future[str]) -> None:
    sid = await stream_sid
    while True:
        async for message in session.receive():
            content = message.server_content
            if content is None:
                continue
            if content.model_turn:
                for part in content.model_turn.parts or []:
                    blob = part.inline_data
                    if blob is None or not blob.mime_type.startswith("audio/pcm"):
                        continue
                    payload = base64.b64encode(pcm16_to_mulaw(blob.data, GEMINI_OUT_RATE)).decode()
                    await twilio.send_text(json.dumps({"event": "media", "streamSid": sid, "media": {"payload": payload}}))
            if content.interrupted:
                await twilio.send_text(json.dumps({"event": "clear", "streamSid": sid}))


async def handle_call(twilio: WebSocket) -> None:
    await twilio.accept()
    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        system_instruction="You are the after-hours line of Dr. Reyes' clinic. Take a message.",
    )
    stream_sid: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await asyncio.gather(
            caller_to_gemini(twilio, session, stream_sid),
            gemini_to_caller(twilio, session, stream_sid),
        )
