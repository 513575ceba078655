"""Voice home agent: lights, weather and timers, with tools that run in the background."""

from __future__ import annotations

import asyncio
import logging

from google import genai
from google.genai import types

from home import lights, timers, weather
from home.audio import Microphone, Speaker

log = logging.getLogger("home_agent")

MODEL_ID = "gemini-3.1-flash-live-preview"

turn_on_lights = types.FunctionDeclaration(
    name="turn_on_lights",
    description="Turn on the lights in one room.",
    parameters=types.Schema(
        type=types.Type.OBJECT,
        properties={"room": types.Schema(type=types.Type.STRING)},
        required=["room"],
    ),
)
get_forecast = types.FunctionDeclaration(
    name="get_forecast",
    description="Weather forecast for today.",
)
set_timer = types.FunctionDeclaration(
    name="set_timer",
    description="Start a kitchen timer.",
    parameters=types.Schema(
        type=types.Type.OBJECT,
        properties={"minutes": types.Schema(type=types.Type.INTEGER)},
    ),
)

HANDLERS = {
    "turn_on_lights": lights.turn_on,
    "get_forecast": weather.forecast,
    "set_timer": timers.start,
}

config = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    system_instruction="You control the house. Confirm every action briefly.",
    thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW),
    tools=[types.Tool(function_declarations=[turn_on_lights, get_forecast, set_timer])],
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


async def answer_tool_call(session, tool_call: types.LiveServerToolCall) -> None:
    responses = []
    for fc in tool_call.function_calls:
        try:
            result = await HANDLERS[fc.name](**(fc.args or {}))
        except Exception as exc:  # a failing device must not end the session
            result = {"error": str(exc)}
        responses.append(
            types.FunctionResponse(
                id=fc.id,
                name=fc.name,
                response={"result": result},
            )
        )
    await session.send_tool_response(function_responses=responses)


async def receive_loop(session, speaker: Speaker) -> None:
    while True:
        async for message in session.receive():
            if message.server_content:
                sc = message.server_content
                if sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            speaker.play(part.inline_data.data)
                if sc.input_transcription:
                    log.info("user: %s", sc.input_transcription.text)
                if sc.output_transcription:
                    log.info("agent: %s", sc.output_transcription.text)
                if sc.turn_complete:
                    speaker.flush()
            if message.tool_call:
                asyncio.create_task(answer_tool_call(session, message.tool_call))


async def send_loop(session, mic: Microphone) -> None:
    async for chunk in mic.chunks():
        await session.send_realtime_input(
            audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000")
        )


async def main() -> None:
    client = genai.Client()
    async with client.aio.live.connect(model=MODEL_ID, config=config) as session:  # expert: left LM402 no resumption; the house agent runs for hours and needs a reconnect design
        async with asyncio.TaskGroup() as tg:
            tg.create_task(send_loop(session, Microphone()))
            tg.create_task(receive_loop(session, Speaker()))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
