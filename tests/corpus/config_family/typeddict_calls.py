"""TypedDict spellings: `types.LiveConnectConfigDict(...)` calls, `*Dict` constructors, and an annotated dict literal."""

from __future__ import annotations

import asyncio
import os

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001

NOTE_TAKER: types.FunctionDeclarationDict = {
    "name": "save_note",
    "description": "Save a note for later.",
    "behavior": "NON_BLOCKING",  # expect: LM201
}

CALL_CONFIG = types.LiveConnectConfigDict(
    response_modalities=["AUDIO"],
    thinking_config=types.ThinkingConfigDict(thinking_budget=0),  # expect: LM002
    proactivity=types.ProactivityConfigDict(proactive_audio=True),  # expect: LM003
    tools=[types.ToolDict(function_declarations=[NOTE_TAKER])],
)

ANNOTATED_CONFIG: types.LiveConnectConfigDict = {
    "response_modalities": ["AUDIO"],
    "enable_affective_dialog": True,  # expect: LM004
}


async def notes(annotated: bool = False) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    config = ANNOTATED_CONFIG if annotated else CALL_CONFIG
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text="Remind me to call the plumber.")
        async for msg in session.receive():
            if msg.tool_call:
                responses = [
                    types.FunctionResponseDict(
                        id=fc.id,
                        name=fc.name,
                        response={"saved": True},
                        scheduling="SILENT",  # expect: LM202
                    )
                    for fc in msg.tool_call.function_calls or []
                ]
                await session.send_tool_response(function_responses=responses)
            if msg.server_content and msg.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(notes())
