"""Front-desk concierge: one Live session per kiosk, opened lazily by a helper.

The kiosk UI feeds microphone frames to ``ConciergeAgent.handle_audio`` and drains
``ConciergeAgent.replies`` into the speaker; captions go to the screen.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from google import genai
from google.genai import types

log = logging.getLogger("concierge")


@dataclass
class AgentSettings:
    model: str = "gemini-2.5-flash-native-audio-preview-09-2025"
    voice: str = "Aoede"
    thinking_budget: int = 1024
    persona: str = "You are the front-desk concierge of the Harbour Hotel. Keep answers short."

    def live_config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            system_instruction=self.persona,
            enable_affective_dialog=True,
            speech_config=types.SpeechConfig(
                voice_config=types.VoiceConfig(
                    prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=self.voice)
                )
            ),
            thinking_config=types.ThinkingConfig(thinking_budget=self.thinking_budget),
            output_audio_transcription=types.AudioTranscriptionConfig(),
            proactivity=types.ProactivityConfig(proactive_audio=True),
        )


class ConciergeAgent:
    """One kiosk's conversation. The session is opened on the first audio frame."""

    def __init__(self, settings: AgentSettings | None = None) -> None:
        self.settings = settings or AgentSettings()
        self.client = genai.Client(http_options={"api_version": "v1alpha"})
        self.replies: asyncio.Queue[bytes] = asyncio.Queue()
        self.captions: list[str] = []
        self._cm = None
        self._live = None
        self._reader: asyncio.Task | None = None

    async def _ensure_session(self):
        if self._live is None:
            self._cm = self.client.aio.live.connect(
                model=self.settings.model, config=self.settings.live_config()
            )
            self._live = await self._cm.__aenter__()
            self._reader = asyncio.create_task(self._read_loop())
        return self._live

    async def handle_audio(self, pcm: bytes) -> None:
        live = await self._ensure_session()
        await live.send_realtime_input(
            audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000")
        )

    async def _read_loop(self) -> None:
        while self._live is not None:
            async for msg in self._live.receive():
                content = msg.server_content
                if content is None:
                    continue
                if content.model_turn and content.model_turn.parts:
                    first = content.model_turn.parts[0]
                    if first.inline_data:
                        await self.replies.put(first.inline_data.data)
                if content.output_transcription and content.output_transcription.text:
                    self.captions.append(content.output_transcription.text)
                if content.interrupted:
                    self._drain_replies()
                if content.turn_complete:
                    log.info("turn done: %s", "".join(self.captions[-5:]))

    def _drain_replies(self) -> None:
        while not self.replies.empty():
            self.replies.get_nowait()

    async def close(self) -> None:
        if self._reader:
            self._reader.cancel()
        if self._cm is not None:
            await self._cm.__aexit__(None, None, None)
        self._cm = self._live = None
