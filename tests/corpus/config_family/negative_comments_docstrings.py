"""Negatives: ids such as gemini-2.5-flash-native-audio-preview-12-2025 in docstrings and comments are never flagged."""

import asyncio
import os

from google import genai
from google.genai import types

# Migrated from gemini-2.5-flash-native-audio-preview-12-2025 (and before that
# gemini-2.0-flash-live-001) in March; thinking_budget=1024 became thinking_level="low",
# proactivity / enable_affective_dialog were removed and NON_BLOCKING tools went away.
MODEL = "gemini-3.1-flash-live-preview"


class Receptionist:
    """Front-desk voice bot.

    History: ran on ``gemini-live-2.5-flash-preview`` until it was shut down, then on
    ``models/gemini-2.5-flash-native-audio-preview-09-2025`` with
    ``types.ThinkingConfig(thinking_budget=0)`` and ``proactivity={"proactive_audio": True}``.
    """

    def __init__(self) -> None:
        self.client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])

    def config(self) -> types.LiveConnectConfig:
        """Build the 3.1 config (2.5 used generation_config=GenerationConfig(...) here)."""
        return types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            # was: thinking_config=types.ThinkingConfig(thinking_budget=512),
            thinking_config=types.ThinkingConfig(thinking_level="minimal"),
            # was: enable_affective_dialog=True,
            output_audio_transcription=types.AudioTranscriptionConfig(),
        )

    async def greet(self) -> None:
        # The old gemini-2.5-flash-exp-native-audio-thinking-dialog model needed a v1alpha client.
        async with self.client.aio.live.connect(model=MODEL, config=self.config()) as session:
            await session.send_realtime_input(text="A guest just walked in.")
            async for msg in session.receive():
                # behavior=NON_BLOCKING and scheduling=WHEN_IDLE are not supported on 3.1
                if msg.server_content and msg.server_content.turn_complete:
                    break


if __name__ == "__main__":
    asyncio.run(Receptionist().greet())
