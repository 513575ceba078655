"""Deprecated `generation_config=types.GenerationConfig(...)` nesting in a LiveConnectConfig (pre-1.41 SDK style)."""

import asyncio
import os

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"  # expect: LM001

PERSONA = "You are Max, an upbeat fitness coach. Count reps out loud and keep the energy high."


def coach_config(voice: str = "Fenrir") -> types.LiveConnectConfig:
    # Older SDKs could only reach thinking_config through generation_config.
    return types.LiveConnectConfig(
        system_instruction=PERSONA,
        generation_config=types.GenerationConfig(  # expect: LM006
            temperature=0.9,
            max_output_tokens=2048,
            response_modalities=["AUDIO"],
            speech_config=types.SpeechConfig(
                voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=voice))
            ),
            thinking_config=types.ThinkingConfig(thinking_budget=2048),  # expect: LM002
            enable_affective_dialog=True,  # expect: LM004
        ),
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )


def quiet_coach_config() -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        generation_config=types.GenerationConfig(temperature=0.3, top_p=0.9),  # expect: LM006
        proactivity=types.ProactivityConfig(proactive_audio=True),  # expect: LM003
    )


async def workout(reps: int, quiet: bool = False) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    config = quiet_coach_config() if quiet else coach_config()
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text=f"Start a set of {reps} squats.")
        async for message in session.receive():
            if message.server_content and message.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(workout(10))
