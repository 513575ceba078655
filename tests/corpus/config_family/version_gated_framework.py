"""Framework service keeping 2.5 and 3.x side by side: constructs inside 2.x-only branches get no finding."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from google import genai
from google.genai import types

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001
NEXT_MODEL = "gemini-3.1-flash-live-preview"


class GeminiLiveLLMService:
    """Voice-pipeline service; callers choose the model."""

    def __init__(
        self,
        api_key: str,
        model: str = DEFAULT_MODEL,
        voice_id: str = "Charon",
        thinking_budget: int | None = None,
        proactive_audio: bool = False,
        affective_dialog: bool = False,
        temperature: float | None = None,
    ) -> None:
        self._client = genai.Client(api_key=api_key)
        self._model = model
        self._voice_id = voice_id
        self._thinking_budget = thinking_budget
        self._proactive_audio = proactive_audio
        self._affective_dialog = affective_dialog
        self._temperature = temperature
        self._session = None

    def _function_declarations(self, functions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        decls = []
        for fn in functions:
            decl = {"name": fn["name"], "description": fn.get("description", "")}
            if fn.get("parameters"):
                decl["parameters"] = fn["parameters"]
            # Gemini 3.x only supports synchronous function calling.
            if fn.get("async") and self._model.startswith("gemini-2"):
                decl["behavior"] = "NON_BLOCKING"
            decls.append(decl)
        return decls

    def _build_config(self, system_instruction: str, functions: list[dict[str, Any]]) -> types.LiveConnectConfig:
        model = self._model
        config = types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            system_instruction=system_instruction,
            speech_config=types.SpeechConfig(
                voice_config=types.VoiceConfig(
                    prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=self._voice_id)
                )
            ),
            input_audio_transcription=types.AudioTranscriptionConfig(),
            output_audio_transcription=types.AudioTranscriptionConfig(),
            tools=[types.Tool(function_declarations=self._function_declarations(functions))] if functions else None,
        )

        if "gemini-3" in model:
            config.thinking_config = types.ThinkingConfig(thinking_level=types.ThinkingLevel.MINIMAL)
        elif self._thinking_budget is not None:
            config.thinking_config = types.ThinkingConfig(thinking_budget=self._thinking_budget)

        if "3.1" not in model:
            # Native-audio extras that 3.1 rejects at setup.
            if self._proactive_audio:
                config.proactivity = types.ProactivityConfig(proactive_audio=True)
            if self._affective_dialog:
                config.enable_affective_dialog = True

        if model.startswith("gemini-2") and self._temperature is not None:
            config.generation_config = types.GenerationConfig(temperature=self._temperature)

        if "native-audio" in model:
            logger.debug("native audio model %s", model)
        return config

    async def _send_function_result(self, call_id: str, name: str, result: dict[str, Any]) -> None:
        kwargs: dict[str, Any] = {"id": call_id, "name": name, "response": result}
        if "gemini-3" not in self._model:
            kwargs["scheduling"] = types.FunctionResponseScheduling.WHEN_IDLE
        else:
            logger.debug("3.x: responses are synchronous")
        await self._session.send_tool_response(function_responses=[types.FunctionResponse(**kwargs)])

    async def run(self, system_instruction: str, functions: list[dict[str, Any]], handlers: dict[str, Any]) -> None:
        config = self._build_config(system_instruction, functions)
        async with self._client.aio.live.connect(model=self._model, config=config) as session:
            self._session = session
            while True:
                async for message in session.receive():
                    if message.tool_call is None:
                        continue
                    for call in message.tool_call.function_calls or []:
                        result = await handlers[call.name](**(call.args or {}))
                        await self._send_function_result(call.id, call.name, result)


def legacy_dict_config(model: str, budget: int) -> dict[str, Any]:
    """Dict-config path kept for older callers."""
    cfg: dict[str, Any] = {"response_modalities": ["AUDIO"]}
    if "gemini-3" not in model:
        cfg["thinking_config"] = {"thinking_budget": budget}
        cfg["enable_affective_dialog"] = True
    else:
        cfg["thinking_config"] = {"thinking_level": "low"}
    return cfg


async def open_legacy(client: genai.Client, model: str) -> None:
    async with client.aio.live.connect(model=model, config=legacy_dict_config(model, 1024)) as session:
        await session.send_realtime_input(text="ping")
        async for _ in session.receive():
            break


if __name__ == "__main__":
    service = GeminiLiveLLMService(api_key="test", model=NEXT_MODEL)
    asyncio.run(service.run("Be brief.", [], {}))
