"""Pharmacy refill line: a voice agent that looks up prescriptions while it keeps talking."""

import asyncio
import os

from google import genai
from google.genai import types

from pharmacy import audio_io, records

MODEL_ID = os.environ.get("REFILL_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")

LOOKUP_TOOL = {
    "name": "lookup_prescription",
    "description": "Find a patient's prescription by its number.",
    "parameters": {
        "type": "OBJECT",
        "properties": {"rx_number": {"type": "STRING"}},
        "required": ["rx_number"],
    },
    "behavior": "NON_BLOCKING",
}
REFILL_TOOL = {
    "name": "request_refill",
    "description": "Queue a refill for pickup at a store.",
    "parameters": {
        "type": "OBJECT",
        "properties": {"rx_number": {"type": "STRING"}, "store": {"type": "STRING"}},
        "required": ["rx_number"],
    },
    "behavior": "NON_BLOCKING",
}

CONFIG = {
    "response_modalities": ["AUDIO"],
    "system_instruction": "You are the refill line of Corner Pharmacy. Keep answers short and kind.",
    "tools": [{"function_declarations": [LOOKUP_TOOL, REFILL_TOOL]}],
    "thinking_config": {"thinking_budget": 512},
    "enable_affective_dialog": True,
    "output_audio_transcription": {},
}

TOOLS = {"lookup_prescription": records.lookup, "request_refill": records.queue_refill}


async def run_tool(session, call) -> None:
    result = await asyncio.to_thread(TOOLS[call.name], **call.args)
    await session.send_tool_response(
        function_responses=[
            types.FunctionResponse(
                id=call.id,
                name=call.name,
                response={"result": result},
                scheduling=types.FunctionResponseScheduling.WHEN_IDLE,
            )
        ]
    )


async def on_tool_call(session, message) -> None:
    for call in message.tool_call.function_calls:
        asyncio.create_task(run_tool(session, call))


async def on_server_content(session, message) -> None:
    content = message.server_content
    if content.model_turn:
        for part in content.model_turn.parts:
            if part.inline_data:
                audio_io.play(part.inline_data.data)
    if content.output_transcription:
        records.log_line("agent", content.output_transcription.text)


async def on_go_away(session, message) -> None:
    records.log_line("system", f"server closing in {message.go_away.time_left}")


HANDLERS = {
    "tool_call": on_tool_call,
    "server_content": on_server_content,
    "go_away": on_go_away,
}


async def dispatch(session) -> None:
    while True:
        async for message in session.receive():
            for field, handler in HANDLERS.items():
                if getattr(message, field) is not None:
                    await handler(session, message)
                    break


async def main() -> None:
    client = genai.Client(http_options={"api_version": "v1alpha"})
    async with client.aio.live.connect(model=MODEL_ID, config=CONFIG) as session:
        mic = asyncio.create_task(audio_io.pump_microphone(session))
        try:
            await dispatch(session)
        finally:
            mic.cancel()


if __name__ == "__main__":
    asyncio.run(main())
