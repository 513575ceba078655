"""Receptionist whose session lives on self under an odd name, opened through an AsyncExitStack helper."""

import asyncio
import contextlib
import logging

from google import genai
from google.genai import types

log = logging.getLogger("receptionist")


class Receptionist:
    def __init__(self, client: genai.Client, model: str = "gemini-3.1-flash-live-preview") -> None:
        self._client = client
        self._model = model
        self._stack = contextlib.AsyncExitStack()
        self._conn = None
        self.transcript: list[str] = []
        self.caller_said: list[str] = []

    def _live_config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            input_audio_transcription=types.AudioTranscriptionConfig(),
            system_instruction="You are the front desk of a dental clinic.",
        )

    async def _open(self) -> None:
        self._conn = await self._stack.enter_async_context(
            self._client.aio.live.connect(model=self._model, config=self._live_config())
        )

    async def greet(self, speaker: asyncio.Queue) -> None:
        await self._open()
        await self._conn.send_realtime_input(text="Greet the caller.")
        await self.handle_turn(speaker)

    async def handle_turn(self, speaker: asyncio.Queue) -> None:
        async for message in self._conn.receive():
            content = message.server_content
            if content is None:
                continue
            if content.model_turn and content.model_turn.parts:
                first = content.model_turn.parts[0]  # expect: LM301
                if first.inline_data:
                    speaker.put_nowait(first.inline_data.data)
            if content.input_transcription:
                self.caller_said.append(content.input_transcription.text)
            if content.output_transcription:  # expect: LM009
                self.transcript.append(content.output_transcription.text)  # expect: LM009

    async def handle_turn_quick(self, speaker: asyncio.Queue) -> str:
        async for message in self._conn.receive():
            if message.data:
                speaker.put_nowait(message.data)
                return "audio"  # expect: LM303
            if message.server_content and message.server_content.turn_complete:
                return "done"
        return "closed"

    async def summary(self) -> str:
        await self._conn.send_realtime_input(text="Summarise the booking in one sentence.")
        parts = []
        async for message in self._conn.receive():
            chunk = message.text  # expect: LM304
            if chunk:
                parts.append(chunk)
        return "".join(parts)

    async def close(self) -> None:
        await self._stack.aclose()
