"""Phone-line bridge (carrier media stream <-> Live): LM303, LM304, LM307; carrier secrets are not Gemini keys."""

import asyncio
import audioop
import base64
import json

from fastapi import FastAPI, WebSocket
from google import genai
from google.genai import types

CARRIER_AUTH_TOKEN = "b7e3c1f0a9d24e6f8c5a1b2d3e4f5a6b"
MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"

app = FastAPI()
client = genai.Client()

CALL_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    context_window_compression=types.ContextWindowCompressionConfig(
        trigger_tokens=25_000, sliding_window=types.SlidingWindow(target_tokens=12_000)),
    system_instruction="You answer calls for a dental clinic. Keep answers under two sentences.",
)


def to_mulaw_8k(pcm24k: bytes) -> bytes:
    down, _ = audioop.ratecv(pcm24k, 2, 1, 24000, 8000, None)
    return audioop.lin2ulaw(down, 2)


async def caller_to_gemini(phone: WebSocket, session) -> None:
    async for text in phone.iter_text():
        event = json.loads(text)
        if event.get("event") != "media":
            continue
        ulaw = base64.b64decode(event["media"]["payload"])
        pcm16k, _ = audioop.ratecv(audioop.ulaw2lin(ulaw, 2), 2, 1, 8000, 16000, None)
        await session.send_realtime_input(audio=types.Blob(data=pcm16k, mime_type="audio/pcm;rate=16000"))


async def gemini_to_caller(phone: WebSocket, session, stream_sid: str, log: list) -> None:
    while True:
        async for response in session.receive():
            if response.server_content and response.server_content.model_turn:
                for part in response.server_content.model_turn.parts:
                    if part.inline_data is None or part.inline_data.mime_type != "audio/pcm":  # expect: LM307
                        continue
                    payload = base64.b64encode(to_mulaw_8k(part.inline_data.data)).decode()
                    await phone.send_json({"event": "media", "streamSid": stream_sid,
                                           "media": {"payload": payload}})
                continue  # expect: LM303
            if said := response.text:  # expect: LM304
                log.append(said)
            if response.server_content and response.server_content.interrupted:
                await phone.send_json({"event": "clear", "streamSid": stream_sid})


@app.websocket("/media-stream")
async def media_stream(phone: WebSocket) -> None:
    await phone.accept()
    start = json.loads(await phone.receive_text())
    stream_sid = start.get("streamSid", "")
    log: list[str] = []
    async with client.aio.live.connect(model=MODEL, config=CALL_CONFIG) as session:
        await asyncio.gather(
            caller_to_gemini(phone, session),
            gemini_to_caller(phone, session, stream_sid, log),
        )
