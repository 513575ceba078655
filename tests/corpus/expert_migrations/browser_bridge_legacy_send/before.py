"""FastAPI bridge between a browser page and a Gemini Live session.

The page sends JSON messages: {"type": "audio"|"image"|"text", "data": ...}. Audio comes as
base64 16 kHz PCM, images as base64 JPEG snapshots of the user's camera.
"""

import asyncio
import base64
import json
import logging

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from google import genai
from google.genai import types

logger = logging.getLogger(__name__)
app = FastAPI()
client = genai.Client()

MODEL = "models/gemini-2.5-flash-native-audio-preview-09-2025"

LIVE_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    system_instruction="You are a museum guide. Describe what the visitor shows you.",
    generation_config=types.GenerationConfig(
        temperature=0.6,
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(
                prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Puck")
            )
        ),
    ),
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


async def browser_to_gemini(websocket: WebSocket, session) -> None:
    while True:
        message = json.loads(await websocket.receive_text())
        kind = message.get("type")
        if kind == "audio":
            pcm = base64.b64decode(message["data"])
            await session.send(input={"data": pcm, "mime_type": "audio/pcm"})
        elif kind == "image":
            jpeg = base64.b64decode(message["data"])
            await session.send_realtime_input(media=types.Blob(data=jpeg, mime_type="image/jpeg"))
        elif kind == "text":
            await session.send(input=message["data"], end_of_turn=True)
        else:
            logger.warning("unknown message type from browser: %r", kind)


async def gemini_to_browser(websocket: WebSocket, session) -> None:
    while True:
        async for response in session.receive():
            content = response.server_content
            if content is None:
                continue
            if content.model_turn:
                for part in content.model_turn.parts:
                    if part.inline_data:
                        await websocket.send_bytes(part.inline_data.data)
            if content.input_transcription and content.input_transcription.text:
                await websocket.send_json({"type": "user", "text": content.input_transcription.text})
            if content.output_transcription and content.output_transcription.text:
                await websocket.send_json({"type": "guide", "text": content.output_transcription.text})
            if content.interrupted:
                await websocket.send_json({"type": "interrupted"})
            if content.turn_complete:
                await websocket.send_json({"type": "turn_complete"})


@app.websocket("/ws")
async def bridge(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        async with client.aio.live.connect(model=MODEL, config=LIVE_CONFIG) as session:
            upstream = asyncio.create_task(browser_to_gemini(websocket, session))
            downstream = asyncio.create_task(gemini_to_browser(websocket, session))
            done, pending = await asyncio.wait(
                {upstream, downstream}, return_when=asyncio.FIRST_COMPLETED
            )
            for task in pending:
                task.cancel()
            for task in done:
                if task.exception() and not isinstance(task.exception(), WebSocketDisconnect):
                    raise task.exception()
    except WebSocketDisconnect:
        logger.info("browser left")
    except Exception:
        logger.exception("live session failed")
        await websocket.close(code=1011)
