"""Framework service keeping 2.5 and 3.x side by side behind model-id checks, with a few ungated leftovers."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from google import genai
from google.genai import types

logger = logging.getLogger(__name__)
LEGACY_DEFAULT = "gemini-live-2.5-flash-preview"  # expect: LM001


@dataclass
class VoiceServiceParams:
    model: str = "gemini-3.1-flash-live-preview"
    voice: str = "Puck"
    max_output_tokens: int = 8192  # expect: LM403
    thinking_budget: int = 256
    tool_names: list[str] = field(default_factory=list)


class GeminiVoiceService:
    def __init__(self, client: genai.Client, params: VoiceServiceParams | None = None) -> None:
        self._client = client
        self._params = params or VoiceServiceParams()
        self._session = None

    def _declarations(self) -> list[types.FunctionDeclaration]:
        decls = []
        for name in self._params.tool_names:
            decl = types.FunctionDeclaration(name=name, description=f"Run {name}.")
            if "gemini-3" not in self._params.model:
                decl.behavior = types.Behavior.NON_BLOCKING
            decls.append(decl)
        return decls

    def _config(self) -> types.LiveConnectConfig:
        model = self._params.model
        config = types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            max_output_tokens=self._params.max_output_tokens,
            session_resumption=types.SessionResumptionConfig(),
            tools=[types.Tool(function_declarations=self._declarations())],
        )
        if model.startswith("gemini-2"):
            config.thinking_config = types.ThinkingConfig(thinking_budget=self._params.thinking_budget)
            config.enable_affective_dialog = True
        else:
            config.thinking_config = types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW)
        return config

    async def start(self, history: list[types.Content]) -> None:
        config = self._config()
        if "gemini-3" in self._params.model:
            config.history_config = types.HistoryConfig(initial_history_in_client_content=True)
        self._session = await self._client.aio.live.connect(  # expect: LM401
            model=self._params.model, config=config
        ).__aenter__()
        if history:
            await self._session.send_client_content(turns=history, turn_complete=True)

    async def push_text(self, text: str) -> None:
        if "gemini-3" in self._params.model:
            await self._session.send_realtime_input(text=text)
        else:
            await self._session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=text)]), turn_complete=True)

    async def push_audio(self, pcm: bytes) -> None:
        await self._session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

    async def push_frame(self, jpeg: bytes) -> None:
        await self._session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))

    async def answer(self, call_id: str, name: str, result: dict) -> None:
        response = types.FunctionResponse(id=call_id, name=name, response=result)
        if not self._params.model.startswith("gemini-3"):
            response.scheduling = types.FunctionResponseScheduling.INTERRUPT
        await self._session.send_tool_response(function_responses=[response])


def legacy_service(client: genai.Client) -> GeminiVoiceService:
    return GeminiVoiceService(client, VoiceServiceParams(model=LEGACY_DEFAULT))
