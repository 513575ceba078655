"""Half-migrated code: the model id is already 3.1 but 2.5-only fields remain in the Live config (still reported)."""

import asyncio
import os

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=types.ThinkingConfig(thinking_level="low", thinking_budget=1024),  # expect: LM002
    proactivity=types.ProactivityConfig(proactive_audio=True),  # expect: LM003
    output_audio_transcription=types.AudioTranscriptionConfig(),
)

DICT_CONFIG = {
    "response_modalities": ["AUDIO"],
    "thinking_config": {"thinking_level": "minimal"},
    "enable_affective_dialog": True,  # expect: LM004
    "tools": [{"function_declarations": [{"name": "log_mood", "behavior": "NON_BLOCKING"}]}],  # expect: LM201
}


async def talk(dict_config: bool = False) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    config = DICT_CONFIG if dict_config else CONFIG
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text="How are you today?")
        async for msg in session.receive():
            if msg.tool_call:
                await session.send_tool_response(
                    function_responses=[
                        types.FunctionResponse(
                            id=fc.id,
                            name=fc.name,
                            response={"logged": True},
                            scheduling=types.FunctionResponseScheduling.SILENT,  # expect: LM202
                        )
                        for fc in msg.tool_call.function_calls or []
                    ]
                )
            if msg.server_content and msg.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(talk())
