"""Late-night radio DJ: settings dataclass, a config builder with keyword overrides, text cue sheets."""
import asyncio
import os
from dataclasses import dataclass

from google import genai
from google.genai import types

ALPHA = "v1alpha"  # expect: LM007
client = genai.Client(http_options=types.HttpOptions(api_version=ALPHA))


@dataclass
class DjSettings:
    model: str = os.getenv("DJ_MODEL", "gemini-3.1-flash-live-preview")
    temperature: float = 1.1
    persona: str = "a warm late-night radio DJ"


def dj_config(*, persona: str, **overrides) -> types.LiveConnectConfig:
    kwargs = {
        "system_instruction": f"You are {persona}. Write short spoken cues.",
        "generation_config": {"temperature": overrides.pop("temperature", 1.0)},  # expect: LM006
        "proactivity": {"proactive_audio": False},  # expect: LM003
        "response_modalities": [types.Modality.TEXT],  # expect: LM005
    }
    kwargs.update(overrides)
    return types.LiveConnectConfig(**kwargs)


async def cue_sheet(s: DjSettings, tracks: list[str]) -> list[str]:
    cues: list[str] = []
    config = dj_config(persona=s.persona, temperature=s.temperature)
    async with client.aio.live.connect(model=s.model, config=config) as session:
        for track in tracks:
            await session.send_realtime_input(text=f"Next up: {track}. Give me a cue.")
            async for msg in session.receive():
                sc = msg.server_content
                if sc is None:
                    continue
                if sc.model_turn:  # expect: LM302
                    cues.extend(p.text for p in sc.model_turn.parts if p.text)
                elif sc.interrupted:
                    cues.append("[cut]")
                elif sc.turn_complete:
                    break
    return cues


if __name__ == "__main__":
    for line in asyncio.run(cue_sheet(DjSettings(), ["Blue in Green", "Naima"])):
        print(line)
