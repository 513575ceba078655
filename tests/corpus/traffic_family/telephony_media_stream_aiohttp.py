"""aiohttp Twilio media-stream bridge: calls run as long as the caller stays, a 2.5-era 8192 cap, the caller's words read but never transcribed."""

from __future__ import annotations

import asyncio
import audioop
import base64
import json
import logging
import os

from aiohttp import WSMsgType, web
from google import genai

log = logging.getLogger("phone")

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
MODEL = "gemini-live-2.5-flash-preview"

CALL_CONFIG = {
    "response_modalities": ["AUDIO"],
    "system_instruction": "You are the after-hours line of a dental clinic. Be brief.",
    "max_output_tokens": 8192,  # expect: LM403
    "output_audio_transcription": {},
}


def mulaw_to_pcm16k(payload: str) -> bytes:
    pcm8k = audioop.ulaw2lin(base64.b64decode(payload), 2)
    return audioop.ratecv(pcm8k, 2, 1, 8000, 16000, None)[0]


def pcm24k_to_mulaw(pcm: bytes) -> str:
    pcm8k = audioop.ratecv(pcm, 2, 1, 24000, 8000, None)[0]
    return base64.b64encode(audioop.lin2ulaw(pcm8k, 2)).decode()


async def caller_to_gemini(twilio: web.WebSocketResponse, session, call: dict) -> None:
    async for frame in twilio:
        if frame.type != WSMsgType.TEXT:
            continue
        event = json.loads(frame.data)
        if event["event"] == "start":
            call["sid"] = event["start"]["streamSid"]
        elif event["event"] == "media":
            pcm = mulaw_to_pcm16k(event["media"]["payload"])
            await session.send_realtime_input(audio={"data": pcm, "mime_type": "audio/pcm;rate=16000"})
        elif event["event"] == "stop":
            break


async def gemini_to_caller(twilio: web.WebSocketResponse, session, call: dict, transcript: list[str]) -> None:
    while True:
        async for message in session.receive():
            content = message.server_content
            if content is None:
                continue
            for part in content.model_turn.parts if content.model_turn else []:
                if part.inline_data:
                    media = {"event": "media", "streamSid": call.get("sid"), "media": {"payload": pcm24k_to_mulaw(part.inline_data.data)}}
                    await twilio.send_str(json.dumps(media))
            if content.input_transcription:  # expect: LM009
                transcript.append(f"caller: {content.input_transcription.text}")  # expect: LM009
            if content.output_transcription:
                transcript.append(f"agent: {content.output_transcription.text}")
            if content.interrupted:
                await twilio.send_str(json.dumps({"event": "clear", "streamSid": call.get("sid")}))


async def media_stream(request: web.Request) -> web.WebSocketResponse:
    twilio = web.WebSocketResponse()
    await twilio.prepare(request)
    call: dict = {}
    transcript: list[str] = []
    async with client.aio.live.connect(model=MODEL, config=CALL_CONFIG) as session:  # expect: LM402
        listener = asyncio.create_task(gemini_to_caller(twilio, session, call, transcript))
        try:
            await caller_to_gemini(twilio, session, call)
        finally:
            listener.cancel()
    log.info("call %s transcript:\n%s", call.get("sid"), "\n".join(transcript))
    return twilio


app = web.Application()
app.router.add_get("/media-stream", media_stream)
