"""Negatives: correct 3.1 Live code (thinking_level, synchronous tools, plain responses, raw 3.1 setup frame)."""

from __future__ import annotations

import asyncio
import base64
import json
import os

from google import genai
from google.genai import types
from websockets.asyncio.client import connect

MODEL = "gemini-3.1-flash-live-preview"
RAW_MODEL = "models/gemini-3.1-flash-live-preview"


def get_stock(symbol: str) -> dict:
    return {"symbol": symbol, "price": 187.2}


CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    system_instruction="You are a concise financial news reader.",
    speech_config=types.SpeechConfig(
        voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Kore"))
    ),
    thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW, include_thoughts=False),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    input_audio_transcription=types.AudioTranscriptionConfig(),
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
    realtime_input_config=types.RealtimeInputConfig(turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),
    tools=[
        types.Tool(
            function_declarations=[
                types.FunctionDeclaration(
                    name="get_stock",
                    description="Latest price of a stock.",
                    parameters=types.Schema(type="OBJECT", properties={"symbol": types.Schema(type="STRING")}),
                )
            ]
        )
    ],
)

DICT_CONFIG = {
    "response_modalities": ["AUDIO"],
    "thinking_config": {"thinking_level": "minimal"},
    "output_audio_transcription": {},
}


async def news(audio_chunks) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_client_content(
            turns=[types.Content(role="user", parts=[types.Part(text="I follow tech stocks.")])],
            turn_complete=True,
        )
        feeder = asyncio.create_task(_feed(session, audio_chunks))
        try:
            async for msg in session.receive():
                if msg.tool_call:
                    await session.send_tool_response(
                        function_responses=[
                            types.FunctionResponse(id=fc.id, name=fc.name, response=get_stock(**(fc.args or {})))
                            for fc in msg.tool_call.function_calls or []
                        ]
                    )
        finally:
            feeder.cancel()


async def _feed(session, audio_chunks) -> None:
    async for chunk in audio_chunks:
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


async def quick(question: str) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    async with client.aio.live.connect(model=MODEL, config=DICT_CONFIG) as session:
        await session.send_realtime_input(text=question)
        async for msg in session.receive():
            if msg.server_content and msg.server_content.turn_complete:
                break


async def raw(key: str, pcm: bytes) -> None:
    uri = (
        "wss://generativelanguage.googleapis.com/ws/"
        f"google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key={key}"
    )
    async with connect(uri) as ws:
        setup = {
            "setup": {
                "model": RAW_MODEL,
                "generationConfig": {
                    "responseModalities": ["AUDIO"],
                    "thinkingConfig": {"thinkingLevel": "minimal"},
                },
                "outputAudioTranscription": {},
            }
        }
        await ws.send(json.dumps(setup))
        await ws.recv()
        await ws.send(
            json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}}})
        )
        async for raw_msg in ws:
            event = json.loads(raw_msg)
            if "toolCall" in event:
                replies = [
                    {"id": fc["id"], "name": fc["name"], "response": {"ok": True}}
                    for fc in event["toolCall"]["functionCalls"]
                ]
                await ws.send(json.dumps({"toolResponse": {"functionResponses": replies}}))
            if event.get("serverContent", {}).get("turnComplete"):
                break
