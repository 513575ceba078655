"""Phone bridge: a Twilio media stream feeds a Live session; audio is forwarded before the turn end is read."""

import asyncio
import audioop
import base64
import json
import os

from fastapi import FastAPI, WebSocket
from google import genai
from google.genai import types

app = FastAPI()
client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
PHONE_MODEL = os.getenv("PHONE_MODEL", "gemini-3.1-flash-live-preview")
PHONE_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    speech_config=types.SpeechConfig(language_code="en-US"),
)


def mulaw_to_pcm16k(payload: str) -> bytes:
    pcm8k = audioop.ulaw2lin(base64.b64decode(payload), 2)
    return audioop.ratecv(pcm8k, 2, 1, 8000, 16000, None)[0]


def pcm24k_to_mulaw(pcm: bytes) -> str:
    pcm8k = audioop.ratecv(pcm, 2, 1, 24000, 8000, None)[0]
    return base64.b64encode(audioop.lin2ulaw(pcm8k, 2)).decode()


async def caller_to_gemini(twilio: WebSocket, session, stream_sid: list[str]) -> None:
    async for raw in twilio.iter_text():
        event = json.loads(raw)
        if event["event"] == "start":
            stream_sid.append(event["start"]["streamSid"])
        elif event["event"] == "media":
            pcm = mulaw_to_pcm16k(event["media"]["payload"])
            await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm"))  # expect: LM106
        elif event["event"] == "stop":
            await session.send_realtime_input(audio_stream_end=True)
            return


async def gemini_to_caller(twilio: WebSocket, session, stream_sid: list[str]) -> None:
    while True:
        async for response in session.receive():
            if response.data:
                await twilio.send_json({"event": "media", "streamSid": stream_sid[0],
                                        "media": {"payload": pcm24k_to_mulaw(response.data)}})
                continue  # expect: LM303
            if response.server_content and response.server_content.interrupted:
                await twilio.send_json({"event": "clear", "streamSid": stream_sid[0]})
            if response.server_content and response.server_content.turn_complete:
                await twilio.send_json({"event": "mark", "streamSid": stream_sid[0], "mark": {"name": "turn"}})


@app.websocket("/twilio/media")
async def media_stream(twilio: WebSocket) -> None:
    await twilio.accept()
    stream_sid: list[str] = []
    async with client.aio.live.connect(model=PHONE_MODEL, config=PHONE_CONFIG) as session:  # expect: LM402
        inbound = asyncio.create_task(caller_to_gemini(twilio, session, stream_sid))
        outbound = asyncio.create_task(gemini_to_caller(twilio, session, stream_sid))
        await inbound
        outbound.cancel()
