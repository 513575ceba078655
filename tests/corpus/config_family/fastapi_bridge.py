"""FastAPI WebSocket bridge: browser audio relayed to a Live session; model from an env default; session passed to tasks."""

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

LIVE_MODEL = os.getenv("GEMINI_LIVE_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")  # expect: LM001
client = genai.Client(api_key=os.getenv("GEMINI_API_KEY"), http_options={"api_version": "v1alpha"})

BOOKING_TOOL = types.Tool(
    function_declarations=[
        types.FunctionDeclaration(
            name="find_slots",
            description="Find free appointment slots for a service.",
            parameters_json_schema={
                "type": "object",
                "properties": {"service": {"type": "string"}, "day": {"type": "string"}},
                "required": ["service"],
            },
            behavior=types.Behavior.NON_BLOCKING,  # expect: LM201
        )
    ]
)


def session_config(voice: str) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        system_instruction="You book appointments for a hair salon. Be warm and brief.",
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=voice))
        ),
        enable_affective_dialog=True,  # expect: LM004
        proactivity=types.ProactivityConfig(proactive_audio=True),  # expect: LM003
        tools=[BOOKING_TOOL],
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )


async def find_slots(service: str, day: str = "tomorrow") -> dict:
    await asyncio.sleep(1)
    return {"service": service, "day": day, "slots": ["10:00", "14:30"]}


async def browser_to_gemini(browser: WebSocket, session) -> None:
    while True:
        message = await browser.receive_text()
        payload = json.loads(message)
        if payload.get("type") == "audio":
            await session.send_realtime_input(
                audio=types.Blob(data=base64.b64decode(payload["data"]), mime_type="audio/pcm;rate=16000")
            )
        elif payload.get("type") == "text":
            await session.send_realtime_input(text=payload["text"])


async def answer_tools(session, tool_call: types.LiveServerToolCall) -> None:
    for fc in tool_call.function_calls or []:
        result = await find_slots(**(fc.args or {}))
        await session.send_tool_response(
            function_responses=types.FunctionResponse(
                id=fc.id,
                name=fc.name,
                response=result,
                will_continue=False,  # expect: LM202
                scheduling=types.FunctionResponseScheduling.WHEN_IDLE,  # expect: LM202
            )
        )


async def gemini_to_browser(browser: WebSocket, session) -> None:
    while True:
        async for msg in session.receive():
            if msg.tool_call is not None:
                asyncio.create_task(answer_tools(session, msg.tool_call))
            content = msg.server_content
            if content is None:
                continue
            if content.model_turn is not None:
                for part in content.model_turn.parts or []:
                    if part.inline_data and part.inline_data.data:
                        await browser.send_json({"type": "audio", "data": base64.b64encode(part.inline_data.data).decode()})
            if content.output_transcription and content.output_transcription.text:
                await browser.send_json({"type": "transcript", "text": content.output_transcription.text})
            if content.interrupted:
                await browser.send_json({"type": "interrupted"})


@app.websocket("/ws/{voice}")
async def relay(browser: WebSocket, voice: str = "Aoede") -> None:
    await browser.accept()
    try:
        async with client.aio.live.connect(model=LIVE_MODEL, config=session_config(voice)) as session:
            upstream = asyncio.create_task(browser_to_gemini(browser, session))
            downstream = asyncio.create_task(gemini_to_browser(browser, session))
            done, pending = await asyncio.wait({upstream, downstream}, return_when=asyncio.FIRST_EXCEPTION)
            for task in pending:
                task.cancel()
    except WebSocketDisconnect:
        log.info("browser left")
