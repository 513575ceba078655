"""Fleet radio operator: a TaskGroup receive loop and async-era tools declared three ways."""
import asyncio
import os

from google import genai
from google.genai import types
from google.genai.types import Behavior, FunctionDeclaration, FunctionResponse, FunctionResponseScheduling

MODEL = os.getenv("RADIO_MODEL", "gemini-3.1-flash-live-preview")
client = genai.Client()


def locate_truck(truck_id: str) -> dict:
    """Where a truck is right now."""
    return {"truck": truck_id, "lat": 52.1, "lon": 4.3}


locate_decl = FunctionDeclaration.from_callable(client=client, callable=locate_truck, behavior=Behavior.NON_BLOCKING)  # expect: LM201
reroute_decl = FunctionDeclaration(
    name="reroute",
    description="Send a truck to another depot.",
    parameters=types.Schema(type="OBJECT", properties={"depot": types.Schema(type="STRING")}),
    behavior="NON_BLOCKING",  # expect: LM201
)
weather_decl = {"name": "road_weather", "description": "Road weather on a route.", "behavior": "non_blocking"}  # expect: LM201

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    tools=[types.Tool(function_declarations=[locate_decl, reroute_decl, weather_decl])],
    session_resumption=types.SessionResumptionConfig(),
    context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()),
)


async def answer_calls(session, call: types.LiveServerToolCall) -> None:
    responses = []
    for fc in call.function_calls:
        if fc.name == "locate_truck":
            responses.append(FunctionResponse(id=fc.id, name=fc.name, response=locate_truck(**fc.args),
                                              scheduling=FunctionResponseScheduling.WHEN_IDLE))  # expect: LM202
        elif fc.name == "road_weather":
            responses.append({"id": fc.id, "name": fc.name, "response": {"ice": False}, "scheduling": "SILENT"})  # expect: LM202
        else:
            responses.append(FunctionResponse(
                id=fc.id,
                name=fc.name,
                response={"status": "queued"},
                will_continue=True,  # expect: LM202
            ))
    await session.send_tool_response(function_responses=responses)


async def pump(session, radio_in) -> None:
    async for pcm in radio_in:
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def operator(radio_in, radio_out) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session, asyncio.TaskGroup() as tg:
        tg.create_task(pump(session, radio_in))
        while True:
            async for msg in session.receive():
                if msg.tool_call:
                    tg.create_task(answer_calls(session, msg.tool_call))
                if msg.server_content and msg.server_content.model_turn:
                    for part in msg.server_content.model_turn.parts:
                        if part.inline_data:
                            radio_out.write(part.inline_data.data)
