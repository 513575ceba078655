"""Smart-home hub: tool calls travel through queues to worker tasks, one of which never replies."""
import asyncio
import sqlite3

from google import genai
from google.genai import types

client = genai.Client()
HUB_MODEL = "gemini-3.1-flash-live-preview"
TOOLS = [types.Tool(function_declarations=[
    types.FunctionDeclaration(name="set_light", description="Turn a light on or off."),
    types.FunctionDeclaration(name="lock_door", description="Lock a door."),
])]
HUB_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    tools=TOOLS,
    session_resumption=types.SessionResumptionConfig(),
)


async def listen(session, mic) -> None:
    async for pcm in mic:
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def actuator(session, calls: asyncio.Queue) -> None:
    while True:
        call = await calls.get()
        done = [types.FunctionResponse(id=fc.id, name=fc.name, response={"ok": True}) for fc in call.function_calls]
        await session.send_tool_response(function_responses=done)


async def hub(mic) -> None:
    calls: asyncio.Queue = asyncio.Queue()
    async with client.aio.live.connect(model=HUB_MODEL, config=HUB_CONFIG) as session:
        asyncio.create_task(actuator(session, calls))
        asyncio.create_task(listen(session, mic))
        while True:
            async for msg in session.receive():
                if msg.tool_call:
                    calls.put_nowait(msg.tool_call)


async def record(audit: asyncio.Queue, db: sqlite3.Connection) -> None:
    while True:
        call = await audit.get()
        for fc in call.function_calls:
            db.execute("insert into calls values (?, ?)", (fc.id, fc.name))
        db.commit()


async def auditor(mic, db: sqlite3.Connection) -> None:
    audit: asyncio.Queue = asyncio.Queue()
    async with client.aio.live.connect(model=HUB_MODEL, config=HUB_CONFIG) as session:
        asyncio.create_task(record(audit, db))
        asyncio.create_task(listen(session, mic))
        while True:
            async for msg in session.receive():
                if msg.tool_call is not None:  # expect: LM305
                    await audit.put(msg.tool_call)
