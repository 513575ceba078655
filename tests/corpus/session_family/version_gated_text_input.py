"""Framework keeping 2.5 and 3.x side by side: 2.x-only branches (if/else, startswith, not in, ternary) get no finding; ungated code does."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from google import genai
from google.genai import types

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


class GeminiLiveTransport:
    def __init__(self, api_key: str, model: str = DEFAULT_MODEL) -> None:
        self._client = genai.Client(api_key=api_key)
        self._model = model
        self._session = None
        self._receiver: asyncio.Task | None = None

    async def start(self, system_instruction: str) -> None:
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            system_instruction=system_instruction,
            output_audio_transcription=types.AudioTranscriptionConfig(),
        )
        self._session = await self._client.aio.live.connect(model=self._model, config=config).__aenter__()
        self._receiver = asyncio.create_task(self._receive())

    async def send_user_text(self, text: str) -> None:
        if "gemini-3" in self._model:
            await self._session.send_realtime_input(text=text)
        else:
            await self._session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=text)]),
                turn_complete=True,
            )

    async def send_user_audio(self, pcm: bytes) -> None:
        mime_type = "audio/pcm;rate=16000" if "gemini-3" in self._model else "audio/pcm"
        await self._session.send_realtime_input(audio=types.Blob(data=pcm, mime_type=mime_type))

    async def send_legacy_ping(self) -> None:
        if self._model.startswith("gemini-2"):
            # 2.x keeps the connection warm with an empty end-of-turn.
            await self._session.send(input=".", end_of_turn=True)

    async def send_frame(self, jpeg: bytes) -> None:
        blob = types.Blob(data=jpeg, mime_type="image/jpeg")
        if "3.1" not in self._model:
            await self._session.send_realtime_input(media=blob)
        else:
            await self._session.send_realtime_input(video=blob)

    async def inject_context(self, note: str) -> None:
        """Ungated: runs for every model, mid-session."""
        await self._session.send_client_content(  # expect: LM101
            turns=types.Content(role="user", parts=[types.Part(text=f"[context] {note}")]),
            turn_complete=False,
        )

    async def _receive(self) -> None:
        while True:
            async for message in self._session.receive():
                content = message.server_content
                if content is None or content.model_turn is None:
                    continue
                if "gemini-3" not in self._model and content.model_turn.parts:
                    first = content.model_turn.parts[0]
                    logger.debug("2.x first part: %s", first)
                for part in content.model_turn.parts or []:
                    if part.inline_data is not None:
                        await self.on_audio(part.inline_data.data)

    async def on_audio(self, pcm: bytes) -> None:  # overridden by the pipeline
        logger.debug("audio %d bytes", len(pcm))

    async def on_event(self, event: dict[str, Any]) -> None:
        if event.get("type") == "user_text":
            await self.send_user_text(event["text"])
        elif event.get("type") == "context":
            await self.inject_context(event["text"])
