"""Pipeline-framework LLM service with dataclass params: LM007, LM403, LM302 (resumption handled)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from google import genai
from google.genai import types


@dataclass
class LiveParams:
    voice: str = "Aoede"
    temperature: float = 0.7
    max_tokens: int = 8192  # expect: LM403
    affective: bool = False
    extra: dict = field(default_factory=dict)


class GeminiLiveService:
    """Frames in, frames out; the pipeline owns the transport."""

    def __init__(self, api_key: str, model: str, params: LiveParams | None = None) -> None:
        self._params = params or LiveParams()
        self._model = model
        http = {"api_version": "v1alpha"} if self._params.affective else None  # expect: LM007
        self._client = genai.Client(api_key=api_key, http_options=http)
        self._handle: str | None = None
        self._session = None
        self._receiver: asyncio.Task | None = None

    def _connect_config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            max_output_tokens=self._params.max_tokens,
            temperature=self._params.temperature,
            output_audio_transcription=types.AudioTranscriptionConfig(),
            session_resumption=types.SessionResumptionConfig(handle=self._handle),
            speech_config=types.SpeechConfig(voice_config=types.VoiceConfig(
                prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=self._params.voice))),
        )

    async def start(self, push_frame) -> None:
        self._push = push_frame
        self._cm = self._client.aio.live.connect(model=self._model, config=self._connect_config())
        self._session = await self._cm.__aenter__()
        self._receiver = asyncio.create_task(self._receive_task_handler())

    async def process_audio_frame(self, pcm: bytes) -> None:
        if self._session is not None:
            await self._session.send_realtime_input(
                audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

    async def _reconnect(self) -> None:
        await self._cm.__aexit__(None, None, None)
        self._cm = self._client.aio.live.connect(model=self._model, config=self._connect_config())
        self._session = await self._cm.__aenter__()

    async def _receive_task_handler(self) -> None:
        while True:
            async for evt in self._session.receive():
                if evt.session_resumption_update and evt.session_resumption_update.resumable:
                    self._handle = evt.session_resumption_update.new_handle
                if evt.go_away is not None:
                    await self._reconnect()
                    break
                sc = evt.server_content
                if not sc:
                    continue
                if sc.model_turn:  # expect: LM302
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            await self._push(("audio", part.inline_data.data))
                elif sc.output_transcription:
                    await self._push(("text", sc.output_transcription.text))
                elif sc.turn_complete:
                    await self._push(("end", None))

    async def stop(self) -> None:
        if self._receiver:
            self._receiver.cancel()
        if self._session is not None:
            await self._cm.__aexit__(None, None, None)
