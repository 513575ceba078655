"""One phone call handled by a Gemini Live session (German-speaking support line).

The telephony layer calls `feed_audio` with 16 kHz PCM from the caller and receives the
agent's audio through `on_audio`. Captions go to the supervisor dashboard.
"""

from __future__ import annotations

import logging
import os
from typing import Awaitable, Callable

from google import genai
from google.genai import types

logger = logging.getLogger(__name__)

LIVE_MODEL = os.environ.get("LIVE_MODEL", "gemini-3.1-flash-live-preview")

AudioSink = Callable[[bytes], Awaitable[None]]
CaptionSink = Callable[[str], Awaitable[None]]


class LiveCall:
    """A call's Live session, opened on `open()` and closed on `close()`."""

    def __init__(self, client: genai.Client, on_audio: AudioSink, on_caption: CaptionSink,
                 on_interrupt: Callable[[], None]) -> None:
        self._client = client
        self._on_audio = on_audio
        self._on_caption = on_caption
        self._on_interrupt = on_interrupt
        self._cm = None
        self._conn = None
        self._caption = ""

    def _config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            max_output_tokens=8192,  # expert: left LM403 8192 was 2.5's ceiling; keep the cap or lift it to 65536 is a product decision
            output_audio_transcription=types.AudioTranscriptionConfig(),
            speech_config=types.SpeechConfig(language_code="de-DE"),
            system_instruction="Du bist der Kundendienst der Stadtwerke. Sprich kurz und freundlich.",
        )

    async def open(self) -> None:
        self._cm = self._client.aio.live.connect(model=LIVE_MODEL, config=self._config())  # expert: left LM402 calls rarely pass 15 min; resumption on go_away is a telephony-layer design
        self._conn = await self._cm.__aenter__()

    async def close(self) -> None:
        if self._cm is not None:
            await self._cm.__aexit__(None, None, None)
            self._cm = self._conn = None

    async def feed_audio(self, pcm: bytes) -> None:
        await self._conn.send_realtime_input(
            audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000")
        )

    async def whisper(self, note: str) -> None:
        """The supervisor types a hint; the agent should use it in its next answer."""
        await self._conn.send_realtime_input(text=note)

    async def pump_events(self) -> None:
        while self._conn is not None:
            async for msg in self._conn.receive():
                if msg.server_content is None:
                    logger.debug("non-content message, skipping: %s", msg)
                    continue
                sc = msg.server_content
                if getattr(sc, "interrupted", False):
                    self._on_interrupt()
                if sc.model_turn and sc.model_turn.parts:
                    for part in sc.model_turn.parts:
                        if part.inline_data and part.inline_data.mime_type.startswith("audio/"):
                            await self._on_audio(part.inline_data.data)
                if hasattr(sc, "output_transcription") and sc.output_transcription:
                    self._caption += sc.output_transcription.text or ""
                if getattr(sc, "turn_complete", False):
                    await self._on_caption(self._caption)
                    self._caption = ""
