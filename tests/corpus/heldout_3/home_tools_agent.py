"""Smart-home tool agent: NON_BLOCKING declarations, scheduled responses and an exclusive if/elif receive chain."""

import asyncio
import logging

from google import genai
from google.genai import types

log = logging.getLogger(__name__)
MODEL = "gemini-3.1-flash-live-preview"


def set_lights(room: str, on: bool) -> dict:
    return {"room": room, "on": on}


def read_thermostat(room: str) -> dict:
    return {"room": room, "celsius": 21.5}


light_decl = types.FunctionDeclaration(
    name="set_lights",
    description="Turn the lights of a room on or off.",
    parameters={"type": "OBJECT", "properties": {"room": {"type": "STRING"}, "on": {"type": "BOOLEAN"}}},
    behavior=types.Behavior.NON_BLOCKING,  # expect: LM201
)
thermo_decl = {
    "name": "read_thermostat",
    "description": "Read the temperature of a room.",
    "parameters": {"type": "OBJECT", "properties": {"room": {"type": "STRING"}}},
    "behavior": "non_blocking",  # expect: LM201
}
HANDLERS = {"set_lights": set_lights, "read_thermostat": read_thermostat}

config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    tools=[types.Tool(function_declarations=[light_decl, thermo_decl])],
    session_resumption=types.SessionResumptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


async def answer(session, tool_call) -> None:
    responses = []
    for call in tool_call.function_calls:
        result = HANDLERS[call.name](**call.args)
        if call.name == "set_lights":
            responses.append(types.FunctionResponse(
                id=call.id, name=call.name, response=result,
                scheduling=types.FunctionResponseScheduling.WHEN_IDLE,  # expect: LM202
            ))
        else:
            responses.append({"id": call.id, "name": call.name, "response": result,
                              "will_continue": False})  # expect: LM202
    await session.send_tool_response(function_responses=responses)


async def run(client: genai.Client, mic_chunks: asyncio.Queue, speaker: asyncio.Queue) -> None:
    async with client.aio.live.connect(model=MODEL, config=config) as session:

        async def pump_mic() -> None:
            while True:
                chunk = await mic_chunks.get()
                await session.send_realtime_input(
                    audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

        mic_task = asyncio.create_task(pump_mic())
        try:
            while True:
                async for msg in session.receive():
                    if msg.server_content and msg.server_content.model_turn:  # expect: LM302
                        for part in msg.server_content.model_turn.parts:
                            if part.inline_data:
                                speaker.put_nowait(part.inline_data.data)
                    elif msg.server_content and msg.server_content.output_transcription:
                        log.info("model: %s", msg.server_content.output_transcription.text)
                    elif msg.tool_call:
                        await answer(session, msg.tool_call)
        finally:
            mic_task.cancel()
