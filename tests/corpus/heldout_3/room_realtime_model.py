"""Room-framework realtime model: options dataclass, feature-flagged extras, resumption with reconnect on GoAway."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from google import genai
from google.genai import types

logger = logging.getLogger("room.gemini")


@dataclass
class RealtimeOptions:
    model: str = "gemini-3.1-flash-live-preview"
    voice: str = "Aoede"
    proactive: bool = False
    instructions: str = "You are a helpful meeting assistant."


class RealtimeSession:
    def __init__(self, opts: RealtimeOptions, api_key: str) -> None:
        self._opts = opts
        self._client = genai.Client(
            api_key=api_key,
            http_options={"api_version": "v1alpha" if opts.proactive else "v1beta"},  # expect: LM007
        )
        self._handle: str | None = None
        self.played: asyncio.Queue[bytes] = asyncio.Queue()

    def _build_config(self) -> types.LiveConnectConfig:
        config = types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            system_instruction=self._opts.instructions,
            input_audio_transcription=types.AudioTranscriptionConfig(),
            output_audio_transcription=types.AudioTranscriptionConfig(),
            session_resumption=types.SessionResumptionConfig(handle=self._handle),
            history_config=types.HistoryConfig(initial_history_in_client_content=True),
        )
        if self._opts.proactive:
            config.proactivity = types.ProactivityConfig(proactive_audio=True)  # expect: LM003
        return config

    async def _pump(self, session) -> bool:
        """Returns True when the server asked us to reconnect."""
        async for msg in session.receive():
            if msg.session_resumption_update and msg.session_resumption_update.new_handle:
                self._handle = msg.session_resumption_update.new_handle
            if msg.go_away:
                return True
            sc = msg.server_content
            if sc and sc.model_turn:
                for part in sc.model_turn.parts:
                    blob = part.inline_data
                    if blob is None or blob.mime_type != "audio/pcm":  # expect: LM307
                        continue
                    self.played.put_nowait(blob.data)
            if sc and sc.input_transcription:
                logger.debug("user: %s", sc.input_transcription.text)
            if sc and sc.output_transcription:
                logger.debug("agent: %s", sc.output_transcription.text)
        return False

    async def run(self, chat_history: list[types.Content], stop: asyncio.Event) -> None:
        first = True
        while not stop.is_set():
            async with self._client.aio.live.connect(model=self._opts.model, config=self._build_config()) as session:
                if first and chat_history:
                    await session.send_client_content(turns=chat_history, turn_complete=True)
                    await session.send_realtime_input(text=".")
                first = False
                while not stop.is_set():
                    if await self._pump(session):
                        break
