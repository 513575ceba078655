"""Live configs as camelCase and snake_case dicts, built across statements and returned by helpers."""

import os
from typing import Any

from google import genai

LIVE_MODEL = os.getenv("LIVE_MODEL", "gemini-2.5-flash-native-audio-preview-09-2025")  # expect: LM001
HTTP_OPTIONS = {"api_version": "v1alpha"}  # expect: LM007

client = genai.Client(http_options=HTTP_OPTIONS)


def camel_config(voice: str) -> dict[str, Any]:
    return {
        "responseModalities": ["AUDIO"],
        "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": voice}}},
        "thinkingConfig": {"thinkingBudget": 0},  # expect: LM002
        "enableAffectiveDialog": True,  # expect: LM004
        "proactivity": {"proactiveAudio": True},  # expect: LM003
        "maxOutputTokens": 8192,  # expect: LM403
    }


def snake_config(instructions: str) -> dict[str, Any]:
    cfg: dict[str, Any] = {"system_instruction": instructions}
    cfg["generation_config"] = {  # expect: LM006
        "response_modalities": ["AUDIO"],
        "temperature": 0.6,
        "max_output_tokens": 8_192,  # expect: LM403
    }
    cfg["thinking_config"] = {"thinking_budget": 512}  # expect: LM002
    return cfg


async def greet(voice: str) -> bytes:
    audio = bytearray()
    async with client.aio.live.connect(model=LIVE_MODEL, config=camel_config(voice)) as session:
        await session.send_realtime_input(text="Say hello in one sentence.")
        async for message in session.receive():
            if message.data:
                audio.extend(message.data)
    return bytes(audio)


async def brief(instructions: str, question: str) -> bytes:
    audio = bytearray()
    async with client.aio.live.connect(model=LIVE_MODEL, config=snake_config(instructions)) as session:
        await session.send_realtime_input(text=question)
        async for message in session.receive():
            if message.data:
                audio.extend(message.data)
    return bytes(audio)
