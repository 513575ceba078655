"""Budgeted voice agent: meters usage per message, queues tool calls for a logger task, quick one-shot checks."""

import asyncio
import contextlib
import logging

from google import genai

log = logging.getLogger("budget")
MODEL = "gemini-3.1-flash-live-preview"
TOKEN_BUDGET = 20_000

WEATHER = {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}}},
}
CONFIG = {
    "response_modalities": ["AUDIO"],
    "tools": [{"function_declarations": [WEATHER]}],
    "input_audio_transcription": {},
    "session_resumption": {},
}


class BudgetedAgent:
    def __init__(self) -> None:
        self.client = genai.Client()
        self.session = None
        self.spent = 0
        self.pending: asyncio.Queue = asyncio.Queue()

    async def _open(self, stack: contextlib.AsyncExitStack) -> None:
        self.session = await stack.enter_async_context(
            self.client.aio.live.connect(model=MODEL, config=CONFIG))

    async def _audit_tools(self) -> None:
        while True:
            call = await self.pending.get()
            log.info("tool requested: %s", [fc.name for fc in call.function_calls])

    async def listen(self, speaker) -> None:
        while True:
            async for msg in self.session.receive():
                if msg.usage_metadata:
                    self.spent = msg.usage_metadata.total_token_count or self.spent
                    if self.spent > TOKEN_BUDGET:
                        log.warning("token budget reached after %d tokens", self.spent)
                        return  # expect: LM306
                if msg.data:
                    speaker.play(msg.data)
                    continue  # expect: LM303
                if msg.tool_call:  # expect: LM305
                    await self.pending.put(msg.tool_call)
                sc = msg.server_content
                if sc is None:
                    continue
                if sc.input_transcription:  # expect: LM302
                    log.info("caller: %s", sc.input_transcription.text)
                elif sc.turn_complete:
                    log.info("turn done, %d tokens so far", self.spent)
                said = sc.output_transcription  # expect: LM009
                if said:
                    log.info("agent: %s", said.text)

    async def run(self, mic, speaker) -> None:
        async with contextlib.AsyncExitStack() as stack:
            await self._open(stack)
            auditor = asyncio.create_task(self._audit_tools())
            async def pump() -> None:
                async for pcm in mic:
                    await self.session.send_realtime_input(audio={"data": pcm, "mime_type": "audio/pcm;rate=16000"})
            pumper = asyncio.create_task(pump())
            await self.listen(speaker)
            pumper.cancel()
            auditor.cancel()


async def quick_check(city: str) -> None:
    client = genai.Client()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text=f"What is the weather in {city}?")
        async for msg in session.receive():
            if msg.tool_call:  # expect: LM305
                log.info("model wants %s", msg.tool_call.function_calls[0].name)
                break  # expect: LM306
            if msg.server_content and msg.server_content.turn_complete:
                break
