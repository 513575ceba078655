"""asyncio.gather of a sender and a receiver: media= with a rate-less PCM blob, an if/elif chain over one message's fields."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable

from google import genai
from google.genai import types

log = logging.getLogger(__name__)

LIVE_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


def weather_tool() -> types.Tool:
    return types.Tool(
        function_declarations=[
            types.FunctionDeclaration(
                name="get_weather",
                description="Current weather for a city.",
                parameters=types.Schema(type="OBJECT", properties={"city": types.Schema(type="STRING")}),
            )
        ]
    )


async def send_microphone(session, frames: AsyncIterator[bytes]) -> None:
    async for frame in frames:
        await session.send_realtime_input(
            media=types.Blob(  # expect: LM104
                data=frame,
                mime_type="audio/pcm",  # expect: LM106
            )
        )


async def receive_events(
    session,
    on_audio: Callable[[bytes], None],
    on_caption: Callable[[str], None],
    on_turn_done: Callable[[], None],
) -> None:
    while True:
        async for msg in session.receive():
            sc = msg.server_content
            if msg.tool_call:  # expect: LM302
                responses = [
                    types.FunctionResponse(id=fc.id, name=fc.name, response={"city": fc.args["city"], "temp_c": 21})
                    for fc in msg.tool_call.function_calls
                ]
                await session.send_tool_response(function_responses=responses)
            elif sc and sc.model_turn:
                for part in sc.model_turn.parts or []:
                    if part.inline_data and part.inline_data.data:
                        on_audio(part.inline_data.data)
            elif sc and sc.output_transcription:
                on_caption(sc.output_transcription.text or "")
            elif sc and sc.turn_complete:
                on_turn_done()


async def converse(frames: AsyncIterator[bytes], speaker: Callable[[bytes], None]) -> None:
    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        tools=[weather_tool()],
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )
    async with client.aio.live.connect(model=LIVE_MODEL, config=config) as session:
        await asyncio.gather(
            send_microphone(session, frames),
            receive_events(session, speaker, lambda text: log.info("caption %s", text), lambda: log.info("done")),
        )
