"""Voice-pipeline service class that supports 2.5 and 3.x models behind model-id checks."""
import contextlib
from dataclasses import dataclass, field

from google import genai
from google.genai import types


@dataclass
class LiveParams:
    model: str
    temperature: float = 0.7
    budget: int | None = None
    affective: bool = False
    captions: bool = False
    extra: dict = field(default_factory=dict)


class GeminiVoiceService:
    """Frames in, audio out; the session lives on the service."""

    def __init__(self, params: LiveParams, api_key: str) -> None:
        self.params = params
        self.client = genai.Client(api_key=api_key)
        self.session = None

    def _config(self) -> dict:
        p = self.params
        cfg: dict = {"responseModalities": ["AUDIO"], "sessionResumption": {}}
        if p.model.startswith("gemini-2"):
            cfg["generationConfig"] = {"temperature": p.temperature}
            if p.budget is not None:
                cfg["generationConfig"]["thinkingConfig"] = {"thinkingBudget": p.budget}
            if p.affective:
                cfg["enableAffectiveDialog"] = True
        else:
            cfg["temperature"] = p.temperature
            cfg["thinkingConfig"] = {"thinkingLevel": "minimal"}
        if "3.1" not in p.model:
            cfg["proactivity"] = {"proactiveAudio": True}
        cfg["tools"] = self._tools()
        cfg.update(p.extra)
        return cfg

    def _tools(self) -> list:
        decl = {"name": "lookup_order", "description": "Find an order by number."}
        if "gemini-3" not in self.params.model:
            decl["behavior"] = "NON_BLOCKING"
        return [{"functionDeclarations": [decl]}]

    def _fallback_config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            generation_config=types.GenerationConfig(temperature=self.params.temperature),  # expect: LM006
            session_resumption=types.SessionResumptionConfig(),
        )

    def _captions_config(self) -> dict:
        return {"generationConfig": {"temperature": 0.2}, "sessionResumption": {}}  # expect: LM006

    async def start(self, stack: contextlib.AsyncExitStack, fallback: bool = False) -> None:
        if self.params.captions:
            config = self._captions_config()
        elif fallback:
            config = self._fallback_config()
        else:
            config = self._config()
        self.session = await stack.enter_async_context(
            self.client.aio.live.connect(model=self.params.model, config=config))

    async def push_audio(self, pcm: bytes) -> None:
        await self.session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

    async def answer(self, call: types.LiveServerToolCall) -> None:
        await self.session.send_tool_response(function_responses=[
            types.FunctionResponse(id=fc.id, name=fc.name, response={"status": "shipped"})
            for fc in call.function_calls
        ])

    async def events(self):
        async for msg in self.session.receive():
            if msg.tool_call:
                await self.answer(msg.tool_call)
            yield msg
