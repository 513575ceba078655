"""FastAPI WebSocket bridge: browser text relayed with send_client_content, browser PCM labelled without a rate; browser-side sends are not Live."""

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

LIVE_MODEL = os.getenv("LIVE_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")
BROWSER_AUDIO_MIME = "audio/pcm"  # expect: LM106

client = genai.Client(api_key=os.getenv("GEMINI_API_KEY"))


def live_config(voice: str) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=voice))
        ),
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )


async def browser_to_gemini(browser: WebSocket, session) -> None:
    while True:
        payload = json.loads(await browser.receive_text())
        kind = payload.get("type")
        if kind == "audio":
            await session.send_realtime_input(
                audio=types.Blob(data=base64.b64decode(payload["data"]), mime_type=BROWSER_AUDIO_MIME)
            )
        elif kind == "image":
            await session.send_realtime_input(
                video=types.Blob(data=base64.b64decode(payload["data"]), mime_type="image/jpeg")
            )
        elif kind == "text":
            await session.send_client_content(  # expect: LM101
                turns=types.Content(role="user", parts=[types.Part(text=payload["text"])]),
                turn_complete=True,
            )
        elif kind == "end":
            await session.send_realtime_input(audio_stream_end=True)


async def gemini_to_browser(browser: WebSocket, session) -> None:
    while True:
        async for message in session.receive():
            content = message.server_content
            if content is None:
                continue
            if content.model_turn:
                for part in content.model_turn.parts or []:
                    if part.inline_data and part.inline_data.data:
                        await browser.send_json(
                            {"type": "audio", "data": base64.b64encode(part.inline_data.data).decode()}
                        )
            if content.input_transcription and content.input_transcription.text:
                await browser.send_json({"type": "user_text", "text": content.input_transcription.text})
            if content.output_transcription and content.output_transcription.text:
                await browser.send_text(json.dumps({"type": "text", "text": content.output_transcription.text}))
            if content.interrupted:
                await browser.send_json({"type": "interrupted"})
            if content.turn_complete:
                await browser.send_json({"type": "turn_complete"})


@app.websocket("/ws/{voice}")
async def bridge(browser: WebSocket, voice: str) -> None:
    await browser.accept()
    async with client.aio.live.connect(model=LIVE_MODEL, config=live_config(voice)) as session:
        upstream = asyncio.create_task(browser_to_gemini(browser, session))
        downstream = asyncio.create_task(gemini_to_browser(browser, session))
        try:
            await asyncio.gather(upstream, downstream)
        except WebSocketDisconnect:
            log.info("browser left")
        finally:
            upstream.cancel()
            downstream.cancel()
