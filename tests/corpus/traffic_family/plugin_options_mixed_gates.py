"""Realtime plugin with an options dataclass: some 2.5 leftovers gated on the model id, an alpha API switched on by feature flags and an 8192 default that are not."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from google import genai
from google.genai import types

logger = logging.getLogger("plugin")


@dataclass
class RealtimeOptions:
    model: str = "gemini-3.1-flash-live-preview"
    api_key: str | None = None
    voice: str = "Puck"
    max_output_tokens: int | None = 8192  # expect: LM403
    proactive_audio: bool = False
    affective_dialog: bool = False
    temperature: float = 0.8


def ws_url(model: str, key: str) -> str:
    version = "v1alpha" if model.startswith("gemini-2") else "v1beta"
    return f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{version}.GenerativeService.BidiGenerateContent?key={key}"


class RealtimeSession:
    def __init__(self, opts: RealtimeOptions) -> None:
        self._opts = opts
        http_options = None
        if opts.proactive_audio or opts.affective_dialog:
            http_options = types.HttpOptions(api_version="v1alpha")  # expect: LM007
        self._client = genai.Client(api_key=opts.api_key, http_options=http_options)
        self._video: asyncio.Queue[bytes] = asyncio.Queue()
        self._pending_calls: dict[str, str] = {}

    def _connect_config(self) -> types.LiveConnectConfig:
        opts = self._opts
        config = types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            temperature=opts.temperature,
            max_output_tokens=opts.max_output_tokens,
            speech_config=types.SpeechConfig(
                voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=opts.voice))
            ),
        )
        if "gemini-3" in opts.model:
            config.realtime_input_config = types.RealtimeInputConfig(turn_coverage="TURN_INCLUDES_ONLY_ACTIVITY")
        else:
            config.max_output_tokens = 8192
            if opts.affective_dialog:
                config.enable_affective_dialog = True
        if opts.proactive_audio:
            config.proactivity = types.ProactivityConfig(proactive_audio=True)
        return config

    def push_video(self, jpeg: bytes) -> None:
        self._video.put_nowait(jpeg)

    async def _send_video(self, session) -> None:
        while True:
            jpeg = await self._video.get()
            await session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))

    async def update_tool_results(self, session, results: dict[str, dict]) -> None:
        responses = [
            types.FunctionResponse(id=call_id, name=self._pending_calls.pop(call_id), response=result)
            for call_id, result in results.items()
        ]
        await session.send_tool_response(function_responses=responses)

    async def _recv(self, session, on_event) -> None:
        while True:
            async for response in session.receive():
                if response.go_away:
                    on_event("go_away", response.go_away.time_left)
                if response.tool_call:
                    for fc in response.tool_call.function_calls or []:
                        self._pending_calls[fc.id] = fc.name
                    results = await on_event("tool_call", response.tool_call.function_calls)
                    await self.update_tool_results(session, results)
                if response.server_content and response.server_content.model_turn:
                    for part in response.server_content.model_turn.parts or []:
                        if part.inline_data:
                            on_event("audio", part.inline_data.data)

    async def run(self, on_event) -> None:
        async with self._client.aio.live.connect(model=self._opts.model, config=self._connect_config()) as session:
            await asyncio.gather(self._send_video(session), self._recv(session, on_event))
