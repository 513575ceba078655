"""`from google.genai.types import ...` names: NON_BLOCKING vs BLOCKING declarations, SILENT scheduling and will_continue."""

import asyncio
import json
import logging
import os

from google.genai import Client
from google.genai.types import (
    AudioTranscriptionConfig,
    Behavior,
    Blob,
    FunctionDeclaration,
    FunctionResponse,
    FunctionResponseScheduling,
    LiveConnectConfig,
    ProactivityConfig,
    ThinkingConfig,
    Tool,
)

logger = logging.getLogger("home_assistant")

MODEL_ID = "gemini-2.5-flash-native-audio-latest"  # expect: LM001

SET_LIGHTS = FunctionDeclaration(
    name="set_lights",
    description="Turn the lights in a room on or off.",
    parameters_json_schema={
        "type": "object",
        "properties": {"room": {"type": "string"}, "on": {"type": "boolean"}},
        "required": ["room", "on"],
    },
    behavior=Behavior.NON_BLOCKING,  # expect: LM201
)

GET_TEMPERATURE = FunctionDeclaration(
    name="get_temperature",
    description="Read the thermostat in a room.",
    parameters_json_schema={
        "type": "object",
        "properties": {"room": {"type": "string"}},
        "required": ["room"],
    },
    behavior=Behavior.BLOCKING,
)

HOME_CONFIG = LiveConnectConfig(
    response_modalities=["AUDIO"],
    system_instruction="You control a smart home. Confirm every action in one sentence.",
    thinking_config=ThinkingConfig(thinking_budget=0),  # expect: LM002
    proactivity=ProactivityConfig(proactive_audio=False),  # expect: LM003
    output_audio_transcription=AudioTranscriptionConfig(),
    tools=[Tool(function_declarations=[SET_LIGHTS, GET_TEMPERATURE])],
)

STATE = {"kitchen": {"on": False, "temp": 21.5}, "bedroom": {"on": True, "temp": 19.0}}


def run_tool(name: str, args: dict) -> dict:
    room = STATE.setdefault(args.get("room", "kitchen"), {"on": False, "temp": 20.0})
    if name == "set_lights":
        room["on"] = bool(args.get("on"))
        return {"ok": True}
    if name == "get_temperature":
        return {"celsius": room["temp"]}
    return {"error": f"unknown function {name}"}


async def answer(session, tool_call) -> None:
    replies = []
    for call in tool_call.function_calls:
        result = run_tool(call.name, call.args or {})
        logger.info("tool %s(%s) -> %s", call.name, json.dumps(call.args), result)
        replies.append(
            FunctionResponse(
                id=call.id,
                name=call.name,
                response=result,
                scheduling=FunctionResponseScheduling.SILENT,  # expect: LM202
                will_continue=False,  # expect: LM202
            )
        )
    await session.send_tool_response(function_responses=replies)


async def serve(mic_chunks) -> None:
    client = Client(api_key=os.environ["GEMINI_API_KEY"])
    async with client.aio.live.connect(model=MODEL_ID, config=HOME_CONFIG) as session:

        async def pump() -> None:
            async for chunk in mic_chunks:
                await session.send_realtime_input(audio=Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

        pump_task = asyncio.create_task(pump())
        try:
            while True:
                async for msg in session.receive():
                    if msg.tool_call:
                        await answer(session, msg.tool_call)
                    if msg.server_content and msg.server_content.output_transcription:
                        logger.info("assistant: %s", msg.server_content.output_transcription.text)
        finally:
            pump_task.cancel()
