"""`LiveConnectConfig(**kwargs)` from dict()/literal kwargs, and `{**BASE, **EXTRA}` spreads reaching live.connect."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001

BASE_SETTINGS: dict[str, Any] = {
    "response_modalities": ["AUDIO"],
    "output_audio_transcription": {},
}

EMPATHY = {"enable_affective_dialog": True}  # expect: LM004


def typed_config(voice: str, budget: int) -> types.LiveConnectConfig:
    kwargs = dict(
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=voice))
        ),
        thinking_config=types.ThinkingConfig(thinking_budget=budget),  # expect: LM002
    )
    kwargs["proactivity"] = types.ProactivityConfig(proactive_audio=True)  # expect: LM003
    return types.LiveConnectConfig(**BASE_SETTINGS, **kwargs)


def dict_config(instructions: str) -> dict[str, Any]:
    return {
        **BASE_SETTINGS,
        **EMPATHY,
        "system_instruction": instructions,
        "thinking_config": {"thinkingBudget": 128},  # expect: LM002
    }


async def run(kind: str) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    config = typed_config("Kore", 2048) if kind == "typed" else dict_config("Be concise.")
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text="Hello!")
        async for message in session.receive():
            if message.server_content and message.server_content.turn_complete:
                return


if __name__ == "__main__":
    asyncio.run(run("typed"))
