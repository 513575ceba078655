"""Smart-home assistant receive loops: tool calls only logged or collected, answered through helpers and queues, and a loop that returns right after answering."""

from __future__ import annotations

import asyncio
import logging

from google import genai
from google.genai import types

log = logging.getLogger("home")

MODEL = "gemini-3.1-flash-live-preview"

DEVICES = {"kitchen": False, "porch": True}

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    session_resumption=types.SessionResumptionConfig(),
    tools=[
        types.Tool(
            function_declarations=[
                types.FunctionDeclaration(name="set_light", description="Turn a light on or off."),
                types.FunctionDeclaration(name="list_lights", description="Which lights are on."),
            ]
        )
    ],
)


def run_tool(call: types.FunctionCall) -> dict:
    if call.name == "set_light":
        DEVICES[call.args["room"]] = call.args["on"]
        return {"ok": True}
    return {"on": [room for room, on in DEVICES.items() if on]}


async def debug_console(session) -> None:
    while True:
        async for message in session.receive():
            if message.tool_call:  # expect: LM305
                log.info("tool call: %s", message.tool_call.function_calls)
            if message.server_content and message.server_content.turn_complete:
                log.info("turn done")


async def dry_run(session, audit: list[dict]) -> None:
    while True:
        async for response in session.receive():
            calls = response.tool_call.function_calls if response.tool_call else []  # expect: LM305
            for call in calls:
                audit.append({"name": call.name, "args": dict(call.args or {}), "result": run_tool(call)})


async def answer_then_stop(session, speaker) -> None:
    async for message in session.receive():
        if message.tool_call:
            results = [types.FunctionResponse(id=c.id, name=c.name, response=run_tool(c)) for c in message.tool_call.function_calls]
            await session.send_tool_response(function_responses=results)
            return  # expect: LM306
        if message.data:
            speaker.write(message.data)


class Dispatcher:
    def __init__(self, session) -> None:
        self.session = session
        self.pending: asyncio.Queue[types.LiveServerToolCall] = asyncio.Queue()

    async def receive(self, speaker) -> None:
        while True:
            async for message in self.session.receive():
                if message.tool_call:
                    self.pending.put_nowait(message.tool_call)
                    break
                if message.data:
                    speaker.write(message.data)

    async def worker(self) -> None:
        while True:
            tool_call = await self.pending.get()
            responses = [types.FunctionResponse(id=c.id, name=c.name, response=run_tool(c)) for c in tool_call.function_calls]
            await self.session.send_tool_response(function_responses=responses)


async def main(client: genai.Client, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        dispatcher = Dispatcher(session)
        await asyncio.gather(dispatcher.receive(speaker), dispatcher.worker())


async def console(client: genai.Client) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await debug_console(session)
