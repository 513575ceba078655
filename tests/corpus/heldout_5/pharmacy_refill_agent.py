"""Pharmacy refill voice agent: typed 2.5 config, session kept on self by an AsyncExitStack helper."""

import asyncio
import contextlib
import os

from google import genai
from google.genai import types

MODEL_ID = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001


def lookup_refill(rx_number: str) -> dict:
    return {"rx": rx_number, "status": "ready for pickup"}


REFILL_TOOL = types.Tool(
    function_declarations=[
        types.FunctionDeclaration(
            name="lookup_refill",
            description="Look up a prescription refill by its number.",
            parameters={"type": "OBJECT", "properties": {"rx_number": {"type": "STRING"}}},
            behavior=types.Behavior.NON_BLOCKING,  # expect: LM201
        )
    ]
)


class RefillAgent:
    def __init__(self, mic: "asyncio.Queue[bytes]", speaker) -> None:
        self.client = genai.Client(
            api_key=os.environ["GEMINI_API_KEY"],
            http_options={"api_version": "v1alpha"},  # expect: LM007
        )
        self.mic = mic
        self.speaker = speaker
        self.stack = contextlib.AsyncExitStack()
        self.live = None
        self.handle = None

    def _config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            thinking_config=types.ThinkingConfig(thinking_budget=1024),  # expect: LM002
            proactivity=types.ProactivityConfig(proactive_audio=True),  # expect: LM003
            enable_affective_dialog=True,  # expect: LM004
            tools=[REFILL_TOOL],
            session_resumption=types.SessionResumptionConfig(handle=self.handle),
        )

    async def _open(self) -> None:
        self.live = await self.stack.enter_async_context(
            self.client.aio.live.connect(model=MODEL_ID, config=self._config())
        )

    async def _pump_mic(self) -> None:
        while True:
            chunk = await self.mic.get()
            await self.live.send_realtime_input(
                audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000")
            )

    async def _answer(self, call: types.FunctionCall) -> None:
        result = lookup_refill(**call.args)
        await self.live.send_tool_response(
            function_responses=[
                types.FunctionResponse(
                    id=call.id,
                    name=call.name,
                    response=result,
                    scheduling=types.FunctionResponseScheduling.WHEN_IDLE,  # expect: LM202
                )
            ]
        )

    async def _listen(self) -> None:
        while True:
            async for msg in self.live.receive():
                update = msg.session_resumption_update
                if update and update.new_handle:
                    self.handle = update.new_handle
                content = msg.server_content
                if content and content.model_turn:
                    for part in content.model_turn.parts:
                        if part.inline_data:
                            self.speaker.play(part.inline_data.data)
                if msg.tool_call:
                    for call in msg.tool_call.function_calls:
                        await self._answer(call)

    async def run(self) -> None:
        await self._open()
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._pump_mic())
                tg.create_task(self._listen())
        finally:
            await self.stack.aclose()
