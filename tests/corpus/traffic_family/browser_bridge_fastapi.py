"""FastAPI browser bridge: the page streams mic audio and webcam JPEGs through the server, which keeps one Live session per tab with no length management."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from google import genai
from google.genai import types

log = logging.getLogger("bridge")
app = FastAPI()

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
MODEL = os.environ.get("LIVE_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")


def session_config(voice: str) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=voice))
        ),
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )


@app.get("/config")
def page_config() -> dict:
    # The page never talks to Gemini directly: it only needs our socket path.
    return {"socket": "/ws/Puck", "sampleRate": 16000, "frameIntervalMs": 1000}


async def upstream(browser: WebSocket, session) -> None:
    while True:
        event = json.loads(await browser.receive_text())
        data = base64.b64decode(event["data"]) if "data" in event else b""
        if event["type"] == "audio":
            await session.send_realtime_input(audio=types.Blob(data=data, mime_type="audio/pcm;rate=16000"))
        elif event["type"] == "frame":
            await session.send_realtime_input(video=types.Blob(data=data, mime_type="image/jpeg"))
        elif event["type"] == "text":
            await session.send_realtime_input(text=event["text"])


async def downstream(browser: WebSocket, session) -> None:
    while True:
        async for message in session.receive():
            content = message.server_content
            if content is None:
                continue
            if content.model_turn:
                for part in content.model_turn.parts or []:
                    if part.inline_data:
                        await browser.send_bytes(part.inline_data.data)
            if content.input_transcription:
                await browser.send_json({"type": "user", "text": content.input_transcription.text})
            if content.output_transcription:
                await browser.send_json({"type": "model", "text": content.output_transcription.text})
            if content.interrupted:
                await browser.send_json({"type": "interrupted"})


@app.websocket("/ws/{voice}")
async def bridge(browser: WebSocket, voice: str) -> None:
    await browser.accept()
    async with client.aio.live.connect(model=MODEL, config=session_config(voice)) as session:  # expect: LM401, LM402
        tasks = [asyncio.create_task(upstream(browser, session)), asyncio.create_task(downstream(browser, session))]
        try:
            await asyncio.gather(*tasks)
        except WebSocketDisconnect:
            log.info("tab closed")
        finally:
            for task in tasks:
                task.cancel()
