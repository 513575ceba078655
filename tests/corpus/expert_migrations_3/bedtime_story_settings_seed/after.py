"""Bedtime stories: carries on last night's story for a child, from a saved transcript."""

import asyncio
import json
from dataclasses import dataclass, field
from pathlib import Path

from google import genai
from google.genai import types

from storytime.audio import Speaker, microphone_chunks

HISTORY_FILE = Path.home() / ".storytime" / "last_night.json"


@dataclass
class StorySettings:
    model: str = "gemini-3.1-flash-live-preview"
    voice: str = "Leda"
    config: types.LiveConnectConfig = field(
        default_factory=lambda: types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            speech_config=types.SpeechConfig(
                voice_config=types.VoiceConfig(
                    prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Leda")
                )
            ),
            max_output_tokens=8192,  # expert: left LM403 stories are short; whether to lift 2.5's cap is the product's call
            history_config=types.HistoryConfig(initial_history_in_client_content=True),
            system_instruction="You tell gentle bedtime stories to a six-year-old.",
        )
    )


def load_history() -> list[types.Content]:
    """Last night's story as alternating user/model turns (empty on the first night)."""
    if not HISTORY_FILE.exists():
        return []
    turns = json.loads(HISTORY_FILE.read_text(encoding="utf-8"))
    return [
        types.Content(role=turn["role"], parts=[types.Part(text=turn["text"])])
        for turn in turns
    ]


async def tell_story(settings: StorySettings) -> None:
    client = genai.Client()
    speaker = Speaker(rate=24000)
    async with client.aio.live.connect(model=settings.model, config=settings.config) as session:
        history = load_history()
        await session.send_client_content(turns=history, turn_complete=True)

        async def listen() -> None:
            async for chunk in microphone_chunks(rate=16000):
                await session.send_realtime_input(
                    audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000")
                )

        mic = asyncio.create_task(listen())
        try:
            while True:
                async for message in session.receive():
                    if message.data:
                        speaker.play(message.data)
                    if message.server_content and message.server_content.turn_complete:
                        speaker.drain()
        finally:
            mic.cancel()


if __name__ == "__main__":
    asyncio.run(tell_story(StorySettings()))
