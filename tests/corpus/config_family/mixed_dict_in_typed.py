"""Dict values inside a typed LiveConnectConfig, and a camelCase keyword (`thinkingBudget=`) that pydantic accepts."""

import asyncio
import os

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001


def config_for(user_locale: str) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        speech_config={"language_code": user_locale},
        thinking_config={"thinking_budget": 256, "include_thoughts": False},  # expect: LM002
        proactivity={"proactive_audio": True},  # expect: LM003
        tools=[
            {
                "function_declarations": [
                    {
                        "name": "translate_menu",
                        "description": "Translate the restaurant menu.",
                        "behavior": "NON_BLOCKING",  # expect: LM201
                    }
                ]
            }
        ],
        output_audio_transcription={},
    )


TERSE_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=types.ThinkingConfig(thinkingBudget=0),  # expect: LM002
)


async def waiter(locale: str = "fr-FR", terse: bool = False) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    config = TERSE_CONFIG if terse else config_for(locale)
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text="Bonjour !")
        async for msg in session.receive():
            if msg.tool_call:
                await session.send_tool_response(
                    function_responses=[
                        {"id": fc.id, "name": fc.name, "response": {"menu": "..."}, "will_continue": False}  # expect: LM202
                        for fc in msg.tool_call.function_calls or []
                    ]
                )
            if msg.server_content and msg.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(waiter())
