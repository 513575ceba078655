"""Smart-home agent whose receive loop dispatches to a handlers dict of coroutine callbacks."""

from typing import Awaitable, Callable

from google import genai
from google.genai import types

LIGHTS = types.FunctionDeclaration(
    name="set_lights",
    description="Switch a room's lights on or off.",
    parameters={"type": "OBJECT", "properties": {"room": {"type": "STRING"}, "on": {"type": "BOOLEAN"}}},
)


def home_config() -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        tools=[types.Tool(function_declarations=[LIGHTS])],
        input_audio_transcription=types.AudioTranscriptionConfig(),
        session_resumption=types.SessionResumptionConfig(),
    )


class HomeAgent:
    def __init__(self, client: genai.Client, speaker, ui, budget: int = 200_000) -> None:
        self.client = client
        self.speaker = speaker
        self.ui = ui
        self.budget = budget
        self.session = None
        self.handlers: dict[str, Callable[..., Awaitable[None]]] = {
            "audio": self.on_audio,
            "heard": self.on_heard,
            "said": self.on_said,
            "tool": self.on_tool,
        }

    async def on_audio(self, data: bytes) -> None:
        self.speaker.play(data)

    async def on_heard(self, text: str) -> None:
        self.ui.user(text)

    async def on_said(self, text: str) -> None:
        self.ui.agent(text)

    async def on_tool(self, call: types.FunctionCall) -> None:
        self.ui.log(f"model asked for {call.name} with {call.args}")

    async def run(self, model: str) -> None:
        async with self.client.aio.live.connect(model=model, config=home_config()) as session:
            self.session = session
            while True:
                async for msg in session.receive():
                    if msg.usage_metadata and msg.usage_metadata.total_token_count > self.budget:
                        return  # expect: LM306
                    sc = msg.server_content
                    if sc and sc.model_turn:  # expect: LM302
                        for part in sc.model_turn.parts:
                            if part.inline_data:
                                await self.handlers["audio"](part.inline_data.data)
                    elif sc and sc.input_transcription:
                        await self.handlers["heard"](sc.input_transcription.text)
                    elif sc and sc.output_transcription:  # expect: LM009
                        await self.handlers["said"](sc.output_transcription.text)  # expect: LM009
                    elif msg.tool_call:  # expect: LM305
                        for call in msg.tool_call.function_calls:
                            await self.handlers["tool"](call)
