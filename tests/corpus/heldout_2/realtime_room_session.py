"""Room-framework realtime session that forwards camera frames to Live: LM401 (no turn coverage)."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from google import genai
from google.genai import types


@dataclass
class RealtimeOptions:
    model: str = "gemini-3.1-flash-live-preview"
    voice: str = "Puck"
    instructions: str = "You can see the user's camera. Describe only what they ask about."


class RealtimeSession:
    def __init__(self, client: genai.Client, opts: RealtimeOptions) -> None:
        self._client = client
        self._opts = opts
        self._exit = contextlib.AsyncExitStack()
        self._active_session = None
        self._resume_handle: str | None = None
        self._events: asyncio.Queue = asyncio.Queue()

    def _build_connect_config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            system_instruction=self._opts.instructions,
            input_audio_transcription=types.AudioTranscriptionConfig(),
            output_audio_transcription=types.AudioTranscriptionConfig(),
            session_resumption=types.SessionResumptionConfig(handle=self._resume_handle),
            realtime_input_config=types.RealtimeInputConfig(
                automatic_activity_detection=types.AutomaticActivityDetection(disabled=False)),
        )

    async def _main_task(self) -> None:
        cm = self._client.aio.live.connect(  # expect: LM401
            model=self._opts.model, config=self._build_connect_config())
        self._active_session = await self._exit.enter_async_context(cm)
        await self._recv_task()

    def push_audio(self, frame: bytes) -> None:
        if self._active_session is not None:
            asyncio.ensure_future(self._active_session.send_realtime_input(
                audio=types.Blob(data=frame, mime_type="audio/pcm;rate=16000")))

    def push_video(self, jpeg: bytes) -> None:
        if self._active_session is not None:
            asyncio.ensure_future(self._active_session.send_realtime_input(
                video=types.Blob(data=jpeg, mime_type="image/jpeg")))

    async def _recv_task(self) -> None:
        async for response in self._active_session.receive():
            update = getattr(response, "session_resumption_update", None)
            if update is not None and update.resumable:
                self._resume_handle = update.new_handle
            sc = response.server_content
            if sc is None:
                continue
            if hasattr(sc, "model_turn") and sc.model_turn:
                for part in sc.model_turn.parts or []:
                    if part.inline_data:
                        self._events.put_nowait(("audio", part.inline_data.data))
            itrans = getattr(sc, "input_transcription", None)
            if itrans and itrans.text:
                self._events.put_nowait(("user_text", itrans.text))
            otrans = getattr(sc, "output_transcription", None)
            if otrans and otrans.text:
                self._events.put_nowait(("agent_text", otrans.text))
            if getattr(sc, "turn_complete", False):
                self._events.put_nowait(("done", None))

    async def aclose(self) -> None:
        await self._exit.aclose()
