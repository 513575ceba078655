"""Dict config built across statements: subscript assignment, update(), nested subscript, non-model `if`."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

from google import genai

LIVE_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001

SEARCH_DECL = {
    "name": "search_catalog",
    "description": "Search the product catalog.",
    "parameters": {
        "type": "OBJECT",
        "properties": {"query": {"type": "STRING"}},
        "required": ["query"],
    },
    "behavior": "NON_BLOCKING",  # expect: LM201
}


@dataclass
class Persona:
    name: str
    prompt: str
    thinking_budget: int = 1024
    proactive: bool = False
    empathetic: bool = True
    temperature: float = 0.7


def build_config(persona: Persona) -> dict:
    config = {"response_modalities": ["AUDIO"], "system_instruction": persona.prompt}
    config["tools"] = [{"function_declarations": [SEARCH_DECL]}]
    config["thinking_config"] = {"thinking_budget": persona.thinking_budget}  # expect: LM002
    if persona.proactive:
        config["proactivity"] = {"proactive_audio": True}  # expect: LM003
    config.update({"enable_affective_dialog": persona.empathetic})  # expect: LM004
    config["generation_config"] = {"temperature": persona.temperature}  # expect: LM006
    config["output_audio_transcription"] = {}
    return config


def fast_config(persona: Persona) -> dict:
    cfg = build_config(persona)
    cfg["thinking_config"]["thinking_budget"] = 0  # expect: LM002
    return cfg


async def shop_assistant(persona: Persona, fast: bool = False) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    config = fast_config(persona) if fast else build_config(persona)
    async with client.aio.live.connect(model=LIVE_MODEL, config=config) as session:
        await session.send_realtime_input(text="I'm looking for waterproof hiking boots.")
        async for msg in session.receive():
            if msg.server_content and msg.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(shop_assistant(Persona("Robin", "You are Robin, a helpful outdoor-gear shop assistant.")))
