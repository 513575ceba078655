"""Tool calls routed through a queue, a logger and a cancel watcher: LM305 only where nobody answers."""

import asyncio
import logging

from google import genai
from google.genai import types

log = logging.getLogger("tools")
MODEL = "gemini-3.1-flash-live-preview"

TOOLS = [types.Tool(function_declarations=[
    types.FunctionDeclaration(name="turn_on_lights", parameters={"type": "OBJECT", "properties": {
        "room": {"type": "STRING"}}}),
])]
CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=TOOLS)


async def run_tool(name: str, args: dict) -> dict:
    await asyncio.sleep(0.05)
    return {"status": "ok", "room": args.get("room")}


class HomeAssistantBridge:
    def __init__(self, client: genai.Client) -> None:
        self.client = client
        self.pending: asyncio.Queue = asyncio.Queue()

    async def _tool_worker(self, session) -> None:
        while True:
            call = await self.pending.get()
            result = await run_tool(call.name, call.args or {})
            await session.send_tool_response(
                function_responses=types.FunctionResponse(id=call.id, name=call.name, response=result))

    def _audit(self, tool_call) -> None:
        for call in tool_call.function_calls:
            log.info("model asked for %s(%s)", call.name, call.args)

    async def command(self, utterance: str, speaker) -> None:
        """Queue-backed: the worker task answers every call on the same session."""
        async with self.client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            worker = asyncio.create_task(self._tool_worker(session))
            await session.send_realtime_input(text=utterance)
            async for msg in session.receive():
                if msg.tool_call:
                    for call in msg.tool_call.function_calls:
                        self.pending.put_nowait(call)
                if msg.server_content and msg.server_content.model_turn:
                    for part in msg.server_content.model_turn.parts:
                        if part.inline_data:
                            speaker.play(part.inline_data.data)
                if msg.server_content and msg.server_content.turn_complete:
                    break
            worker.cancel()

    async def dry_run(self, utterance: str) -> None:
        """Shows what the model would do, without doing it."""
        async with self.client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_realtime_input(text=utterance)
            async for msg in session.receive():
                if msg.tool_call:  # expect: LM305
                    self._audit(msg.tool_call)
                if msg.server_content and msg.server_content.turn_complete:
                    break

    async def watch_cancellations(self, utterance: str) -> None:
        async with self.client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_realtime_input(text=utterance)
            async for msg in session.receive():
                if msg.tool_call_cancellation:
                    log.info("cancelled: %s", msg.tool_call_cancellation.ids)
                if msg.server_content and msg.server_content.turn_complete:
                    break
