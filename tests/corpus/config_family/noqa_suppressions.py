"""`# noqa` handling: suppressed lines carry no expect marker; unsuppressed neighbours still do."""

import asyncio
import os

from google import genai
from google.genai import types

# Kept on 2.5 until the 3.1 voice is approved by the brand team.
PINNED_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # noqa: LM001
CANARY_MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"  # expect: LM001

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=types.ThinkingConfig(thinking_budget=512),  # noqa: LM002
    proactivity=types.ProactivityConfig(proactive_audio=True),  # noqa
    enable_affective_dialog=True,  # noqa: LM003, LM004
    output_audio_transcription=types.AudioTranscriptionConfig(),
)

CANARY_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=types.ThinkingConfig(thinking_budget=512),  # expect: LM002
    proactivity=types.ProactivityConfig(proactive_audio=True),  # expect: LM003
)


async def main(canary: bool = False) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    model, config = (CANARY_MODEL, CANARY_CONFIG) if canary else (PINNED_MODEL, CONFIG)
    async with client.aio.live.connect(model=model, config=config) as session:
        await session.send_realtime_input(text="Say hello.")
        async for msg in session.receive():
            if msg.server_content and msg.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(main())
