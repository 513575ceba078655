"""Output caps carried over from 2.5 in every spelling (typed, nested, snake, camel, assignment, constant, raw setup), next to caps that are deliberate or not Live."""

from __future__ import annotations

import json
import os

import websockets
from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
MAX_TOKENS = 8_192  # expect: LM403
SUMMARY_TOKENS = 8192

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])

TYPED = types.LiveConnectConfig(response_modalities=["AUDIO"], max_output_tokens=8192)  # expect: LM403

NESTED = types.LiveConnectConfig(
    generation_config=types.GenerationConfig(
        temperature=0.7,
        max_output_tokens=8192,  # expect: LM403
    ),
)

SNAKE = {"response_modalities": ["AUDIO"], "generation_config": {"max_output_tokens": 8192}}  # expect: LM403

CAMEL = {
    "responseModalities": ["AUDIO"],
    "maxOutputTokens": 8192,  # expect: LM403
}

SHORT_ANSWERS = types.LiveConnectConfig(response_modalities=["AUDIO"], max_output_tokens=4096)
FROM_CONSTANT = types.LiveConnectConfig(response_modalities=["AUDIO"], max_output_tokens=MAX_TOKENS)


def tuned(temperature: float) -> types.LiveConnectConfig:
    config = types.LiveConnectConfig(response_modalities=["AUDIO"])
    config.temperature = temperature
    config.max_output_tokens = 8192  # expect: LM403
    return config


def summarize(text: str) -> str:
    response = client.models.generate_content(
        model="gemini-2.5-flash",
        contents=f"Summarize:\n{text}",
        config=types.GenerateContentConfig(max_output_tokens=SUMMARY_TOKENS),
    )
    return response.text or ""


async def ask(config, question: str) -> bytes:
    audio = bytearray()
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text=question)
        async for message in session.receive():
            if message.data:
                audio.extend(message.data)
    return bytes(audio)


async def ask_all(question: str) -> list[bytes]:
    configs = [TYPED, NESTED, SNAKE, CAMEL, SHORT_ANSWERS, FROM_CONSTANT, tuned(0.4)]
    return [await ask(config, question) for config in configs]


async def ask_raw(question: str) -> None:
    uri = (
        "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService."
        f"BidiGenerateContent?key={os.environ['GEMINI_API_KEY']}"
    )
    setup = {
        "setup": {
            "model": f"models/{MODEL}",
            "generationConfig": {"responseModalities": ["AUDIO"], "maxOutputTokens": 8192},  # expect: LM403
        }
    }
    async with websockets.connect(uri) as ws:
        await ws.send(json.dumps(setup))
        await ws.recv()
        await ws.send(json.dumps({"realtimeInput": {"text": question}}))
        async for raw in ws:
            if json.loads(raw).get("serverContent", {}).get("turnComplete"):
                break
