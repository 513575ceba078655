"""Kitchen agent with a handlers dict, a TaskGroup, and a camera observer session that never answers tools."""

import asyncio
import logging
import os

from google import genai
from google.genai import types

log = logging.getLogger("kitchen")
LIVE_MODEL = os.environ["KITCHEN_LIVE_MODEL"]
client = genai.Client()

DECLARATIONS = [
    {
        "name": "set_timer",
        "description": "Start a kitchen timer.",
        "parameters": {"type": "OBJECT", "properties": {"minutes": {"type": "INTEGER"}}},
        "behavior": "non_blocking",  # expect: LM201
    },
    {
        "name": "add_to_list",
        "description": "Add an item to the shopping list.",
        "parameters": {"type": "OBJECT", "properties": {"item": {"type": "STRING"}}},
    },
]


async def set_timer(minutes: int) -> str:
    asyncio.get_running_loop().call_later(minutes * 60, log.warning, "timer done")
    return f"timer set for {minutes} minutes"


async def add_to_list(item: str) -> str:
    return f"added {item}"


HANDLERS = {"set_timer": set_timer, "add_to_list": add_to_list}


async def stream_mic(session, mic) -> None:
    async for chunk in mic:
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


async def dispatch(session, speaker) -> None:
    while True:
        async for msg in session.receive():
            if msg.data:
                speaker.write(msg.data)
            if msg.tool_call:
                replies = []
                for fc in msg.tool_call.function_calls:
                    output = await HANDLERS[fc.name](**(fc.args or {}))
                    replies.append(types.FunctionResponse(
                        id=fc.id, name=fc.name, response={"output": output},
                        scheduling=types.FunctionResponseScheduling.SILENT,  # expect: LM202
                    ))
                await session.send_tool_response(function_responses=replies)


async def converse(mic, speaker) -> None:
    config = {
        "response_modalities": ["AUDIO"],
        "tools": [{"function_declarations": DECLARATIONS}],
        "session_resumption": {},
    }
    async with client.aio.live.connect(model=LIVE_MODEL, config=config) as session:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(stream_mic(session, mic))
            tg.create_task(dispatch(session, speaker))


async def watch(session) -> None:
    while True:
        async for msg in session.receive():
            if msg.tool_call:  # expect: LM305
                log.info("observer asked for %s", [fc.name for fc in msg.tool_call.function_calls])
            if msg.server_content and msg.server_content.turn_complete:
                log.info("observer turn done")


async def observe(frames) -> None:
    config = types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        tools=[{"function_declarations": DECLARATIONS}],
        realtime_input_config=types.RealtimeInputConfig(
            turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY
        ),
    )
    async with client.aio.live.connect(model=LIVE_MODEL, config=config) as session:  # expect: LM402
        watcher = asyncio.create_task(watch(session))
        async for jpeg in frames:
            await session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))
        watcher.cancel()
