"""Framework service that keeps 2.5 and 3.x side by side: alpha API, 8192 cap, seeding and turn coverage all behind model-id checks."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from google import genai
from google.genai import types

logger = logging.getLogger(__name__)


@dataclass
class LiveParams:
    model: str = "gemini-3.1-flash-live-preview"
    voice: str = "Charon"
    history: list[dict] = field(default_factory=list)
    affective: bool = False


class GeminiLiveService:
    def __init__(self, api_key: str, params: LiveParams) -> None:
        self.params = params
        self._resumption_handle: str | None = None
        self._session = None
        options = {"api_version": "v1alpha"} if "gemini-3" not in params.model else None
        self._client = genai.Client(api_key=api_key, http_options=options)

    @property
    def _is_gemini_3(self) -> bool:
        return "gemini-3" in self.params.model

    def _config(self) -> types.LiveConnectConfig:
        config = types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            speech_config=types.SpeechConfig(
                voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=self.params.voice))
            ),
            input_audio_transcription=types.AudioTranscriptionConfig(),
            output_audio_transcription=types.AudioTranscriptionConfig(),
            session_resumption=types.SessionResumptionConfig(handle=self._resumption_handle),
            max_output_tokens=8192 if self.params.model.startswith("gemini-2") else None,
        )
        if self._is_gemini_3:
            config.realtime_input_config = types.RealtimeInputConfig(
                turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY
            )
            config.history_config = types.HistoryConfig(initial_history_in_client_content=True)
        elif self.params.affective:
            config.enable_affective_dialog = True
        return config

    async def _seed(self, session) -> None:
        if not self.params.history:
            return
        await session.send_client_content(turns=self.params.history, turn_complete=True)
        if self._is_gemini_3:
            # 3.x seeds do not generate: nudge the model so it speaks first.
            await session.send_realtime_input(text=".")

    async def push_frame(self, jpeg: bytes) -> None:
        if self._session is not None:
            await self._session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))

    async def push_audio(self, pcm: bytes) -> None:
        if self._session is not None:
            await self._session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

    async def _handle_tool_call(self, session, tool_call: types.LiveServerToolCall) -> None:
        responses = [
            types.FunctionResponse(id=fc.id, name=fc.name, response={"result": "ok"})
            for fc in tool_call.function_calls or []
        ]
        await session.send_tool_response(function_responses=responses)

    async def _receive(self, session, on_audio, on_text) -> None:
        while True:
            async for message in session.receive():
                if message.session_resumption_update and message.session_resumption_update.new_handle:
                    self._resumption_handle = message.session_resumption_update.new_handle
                if message.go_away:
                    logger.info("server closes in %s; reconnecting", message.go_away.time_left)
                    return
                if message.tool_call:
                    await self._handle_tool_call(session, message.tool_call)
                content = message.server_content
                if content is None:
                    continue
                for part in content.model_turn.parts if content.model_turn else []:
                    if part.inline_data:
                        on_audio(part.inline_data.data)
                if content.output_transcription:
                    on_text("assistant", content.output_transcription.text)
                if content.input_transcription:
                    on_text("user", content.input_transcription.text)

    async def run(self, on_audio, on_text, stop: asyncio.Event) -> None:
        while not stop.is_set():
            async with self._client.aio.live.connect(model=self.params.model, config=self._config()) as session:
                await self._seed(session)
                self._session = session  # published only after the seed is complete
                await self._receive(session, on_audio, on_text)
            self._session = None
