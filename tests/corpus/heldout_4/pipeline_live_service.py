"""Pipeline-framework service for 2.5 and 3.x: params dataclass, model-gated config, frames pushed by method."""

import asyncio
from dataclasses import dataclass, field

from google import genai
from google.genai import types

from pipeline.frames import AudioFrame, ImageFrame, TranscriptFrame, TurnEndFrame
from pipeline.processor import FrameProcessor


@dataclass
class LiveParams:
    model: str = "models/gemini-3.1-flash-live-preview"
    affective: bool = False
    proactive_audio: bool = False
    thinking_budget: int | None = None
    history: list[dict] = field(default_factory=list)


class GeminiLiveService(FrameProcessor):
    def __init__(self, *, api_key: str, params: LiveParams | None = None, tools: list[dict] | None = None):
        super().__init__()
        self._params = params or LiveParams()
        self._tools_spec = tools or []
        self._client = genai.Client(api_key=api_key)
        self._session = None
        self._handle = None

    def _config(self) -> types.LiveConnectConfig:
        p, model = self._params, self._params.model
        config = types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            input_audio_transcription=types.AudioTranscriptionConfig(),
            session_resumption=types.SessionResumptionConfig(handle=self._handle),
            tools=[types.Tool(function_declarations=self._declarations())],
        )
        if p.affective:
            config.enable_affective_dialog = True  # expect: LM004
        if p.proactive_audio:
            config.proactivity = types.ProactivityConfig(proactive_audio=True)  # expect: LM003
        if p.thinking_budget is not None and "3.1" not in model:
            config.thinking_config = types.ThinkingConfig(thinking_budget=p.thinking_budget)
        if "gemini-3" in model:
            config.history_config = types.HistoryConfig(initial_history_in_client_content=True)
            config.realtime_input_config = types.RealtimeInputConfig(
                turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY)
        return config

    def _declarations(self) -> list[types.FunctionDeclaration]:
        decls = []
        for spec in self._tools_spec:
            decl = types.FunctionDeclaration(name=spec["name"], description=spec["description"],
                                             parameters=spec.get("parameters"))
            if "gemini-3" not in self._params.model:
                decl.behavior = types.Behavior.NON_BLOCKING
            decls.append(decl)
        return decls

    async def start(self) -> None:
        self._cm = self._client.aio.live.connect(model=self._params.model, config=self._config())
        self._session = await self._cm.__aenter__()
        if self._params.history:
            turns = [types.Content(role=m["role"], parts=[types.Part(text=m["content"])])
                     for m in self._params.history]
            await self._session.send_client_content(turns=turns, turn_complete=True)
        self._receiver = asyncio.create_task(self._receive())

    async def push_frame(self, frame) -> None:
        if isinstance(frame, AudioFrame):
            await self._session.send_realtime_input(
                audio=types.Blob(data=frame.pcm, mime_type=f"audio/pcm;rate={frame.rate}"))
        elif isinstance(frame, ImageFrame):
            await self._session.send_realtime_input(video=types.Blob(data=frame.jpeg, mime_type="image/jpeg"))

    async def add_context(self, text: str) -> None:
        if "gemini-3" not in self._params.model:
            await self._session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=text)]), turn_complete=False)
        else:
            await self._session.send_realtime_input(text=text)

    async def _answer(self, call: types.LiveServerToolCall) -> None:
        responses = []
        for fc in call.function_calls:
            response = types.FunctionResponse(id=fc.id, name=fc.name, response={"ok": True})
            if "gemini-3" not in self._params.model:
                response.scheduling = types.FunctionResponseScheduling.WHEN_IDLE
            responses.append(response)
        await self._session.send_tool_response(function_responses=responses)

    async def _receive(self) -> None:
        while True:
            async for msg in self._session.receive():
                if msg.session_resumption_update and msg.session_resumption_update.new_handle:
                    self._handle = msg.session_resumption_update.new_handle
                if msg.tool_call:
                    await self._answer(msg.tool_call)
                sc = msg.server_content
                if sc is None:
                    continue
                if hasattr(sc, "model_turn") and sc.model_turn:  # expect: LM302
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            await self.emit(AudioFrame(pcm=part.inline_data.data, rate=24000))
                elif getattr(sc, "turn_complete", False):
                    await self.emit(TurnEndFrame())
                if sc.input_transcription and sc.input_transcription.text:
                    await self.emit(TranscriptFrame(role="user", text=sc.input_transcription.text))
