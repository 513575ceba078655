"""Negatives: pipeline service seeding history per model generation; 3.x declares the seed, the 2.x-only path keeps its old shape."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from google import genai
from google.genai import types

logger = logging.getLogger(__name__)


@dataclass
class LiveSettings:
    model: str = "gemini-2.5-flash-native-audio-preview-12-2025"
    voice: str = "Aoede"
    history: list[dict] = field(default_factory=list)


def build_config(settings: LiveSettings) -> dict:
    config: dict = {
        "response_modalities": ["AUDIO"],
        "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": settings.voice}}},
        "output_audio_transcription": {},
    }
    if "gemini-3" in settings.model:
        config["history_config"] = {"initial_history_in_client_content": True}
    return config


def to_turns(messages: list[dict]) -> list[types.Content]:
    turns = []
    for m in messages:
        role = "model" if m["role"] == "assistant" else "user"
        turns.append(types.Content(role=role, parts=[types.Part(text=m["content"])]))
    return turns


class GeminiLiveService:
    def __init__(self, client: genai.Client, settings: LiveSettings) -> None:
        self._client = client
        self._settings = settings
        self._session = None

    async def _create_initial_response(self) -> None:
        turns = to_turns(self._settings.history)
        if not turns:
            await self._session.send_realtime_input(text=" ")
            return
        if "gemini-3" in self._settings.model:
            # 3.x: the declared seed does not generate; nudge the model afterwards.
            await self._session.send_client_content(turns=turns, turn_complete=True)
            await self._session.send_realtime_input(text=" ")
        else:
            # 2.5 needs the history to end on a user turn to answer it.
            if turns[-1].role == "model":
                turns.append(types.Content(role="user", parts=[types.Part(text=" ")]))
            await self._session.send_client_content(turns=turns, turn_complete=False)

    async def run(self, audio_frames) -> None:
        config = build_config(self._settings)
        async with self._client.aio.live.connect(model=self._settings.model, config=config) as session:
            self._session = session
            await self._create_initial_response()
            async for frame in audio_frames:
                await session.send_realtime_input(audio=types.Blob(data=frame, mime_type="audio/pcm;rate=16000"))
