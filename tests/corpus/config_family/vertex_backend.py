"""Vertex AI client: Vertex live ids (with and without `publishers/google/models/`) and 2.5 extras on Vertex."""

from __future__ import annotations

import asyncio
import os

from google import genai
from google.genai import types

PROJECT = os.environ.get("GOOGLE_CLOUD_PROJECT", "my-project")
LOCATION = os.environ.get("GOOGLE_CLOUD_LOCATION", "us-central1")

MODEL = "gemini-live-2.5-flash-native-audio"  # expect: LM001
PREVIEW_MODEL = "publishers/google/models/gemini-live-2.5-flash-preview-native-audio-09-2025"  # expect: LM001
REGIONAL_MODELS = {
    "us-central1": "gemini-live-2.5-flash",  # expect: LM001
    "europe-west4": "gemini-live-2.5-flash-preview-native-audio",  # expect: LM001
}


def vertex_client() -> genai.Client:
    return genai.Client(vertexai=True, project=PROJECT, location=LOCATION)


def vertex_config() -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        speech_config=types.SpeechConfig(language_code="en-US"),
        proactivity=types.ProactivityConfig(proactive_audio=True),  # expect: LM003
        enable_affective_dialog=True,  # expect: LM004
        thinking_config=types.ThinkingConfig(thinking_budget=1024),  # expect: LM002
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )


async def call_center(frames, preview: bool = False) -> None:
    client = vertex_client()
    model = PREVIEW_MODEL if preview else REGIONAL_MODELS.get(LOCATION, MODEL)
    async with client.aio.live.connect(model=model, config=vertex_config()) as session:
        for frame in frames:
            await session.send_realtime_input(audio=types.Blob(data=frame, mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(audio_stream_end=True)
        async for msg in session.receive():
            if msg.server_content and msg.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(call_center([b"\x00\x00" * 1600]))
