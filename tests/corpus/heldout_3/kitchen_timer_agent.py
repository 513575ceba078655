"""Kitchen assistant with declared tools: calls handed to tasks that never reply, a raw loop that only queues them."""

import asyncio
import base64
import json
import logging

from google import genai
from google.genai import types
from websockets.asyncio.client import connect

log = logging.getLogger("kitchen")
MODEL = "gemini-3.1-flash-live-preview"
URI = ("wss://generativelanguage.googleapis.com/ws/"
       "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent")
TIMER_TOOL = {"function_declarations": [{
    "name": "start_timer",
    "description": "Start a kitchen timer.",
    "parameters": {"type": "OBJECT", "properties": {"minutes": {"type": "INTEGER"}}},
}]}


class KitchenAgent:
    def __init__(self, client: genai.Client) -> None:
        self._client = client
        self.timers: dict[str, asyncio.Task] = {}
        self.speaker: asyncio.Queue[bytes] = asyncio.Queue()

    async def _ring(self, minutes: int) -> None:
        await asyncio.sleep(minutes * 60)
        log.info("timer of %d minutes done", minutes)

    async def start_timer(self, call) -> None:
        self.timers[call.id] = asyncio.create_task(self._ring(int(call.args["minutes"])))
        log.info("started timer %s", call.id)

    async def run(self, question: str) -> None:
        config = {"response_modalities": ["AUDIO"], "tools": [TIMER_TOOL]}
        async with self._client.aio.live.connect(model=MODEL, config=config) as session:
            await session.send_realtime_input(text=question)
            async for msg in session.receive():
                if msg.data:
                    self.speaker.put_nowait(msg.data)
                for call in (msg.tool_call.function_calls if msg.tool_call else []):  # expect: LM305
                    asyncio.create_task(self.start_timer(call))


async def raw_timer_question(api_key: str, question: str, speaker: asyncio.Queue) -> list[dict]:
    queued: list[dict] = []
    async with connect(URI, additional_headers={"x-goog-api-key": api_key}) as ws:
        await ws.send(json.dumps({"setup": {"model": f"models/{MODEL}", "tools": [TIMER_TOOL]}}))
        await ws.recv()
        await ws.send(json.dumps({"realtimeInput": {"text": question}}))
        async for raw in ws:
            msg = json.loads(raw)
            calls = msg.get("toolCall", {}).get("functionCalls", [])  # expect: LM305
            queued.extend(calls)
            content = msg.get("serverContent", {})
            for part in content.get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    speaker.put_nowait(base64.b64decode(part["inlineData"]["data"]))
            if content.get("turnComplete"):
                break
    return queued
