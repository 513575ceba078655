"""snake_case dict config as a module constant, passed to live.connect; dict declarations and dict tool responses."""

import asyncio
import logging
import os

from google import genai

log = logging.getLogger(__name__)

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001

WEATHER_PARAMS = {
    "type": "object",
    "properties": {
        "location": {"type": "string", "description": "City and country"},
        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
    },
    "required": ["location"],
}

LIVE_CONFIG = {
    "response_modalities": ["AUDIO"],
    "system_instruction": "You are a cheerful weather presenter on a morning radio show.",
    "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Aoede"}}},
    "thinking_config": {"thinking_budget": 512},  # expect: LM002
    "proactivity": {"proactive_audio": True},  # expect: LM003
    "enable_affective_dialog": True,  # expect: LM004
    "output_audio_transcription": {},
    "tools": [
        {
            "function_declarations": [
                {
                    "name": "get_weather",
                    "description": "Current conditions for a location.",
                    "parameters_json_schema": WEATHER_PARAMS,
                    "behavior": "NON_BLOCKING",  # expect: LM201
                }
            ]
        }
    ],
}


def fake_weather(location: str, unit: str = "celsius") -> dict:
    return {"location": location, "temperature": 18 if unit == "celsius" else 64, "sky": "clear"}


async def run_show(mic) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    async with client.aio.live.connect(model=MODEL, config=LIVE_CONFIG) as session:

        async def send_mic() -> None:
            async for chunk in mic:
                await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})

        sender = asyncio.create_task(send_mic())
        try:
            async for msg in session.receive():
                if msg.tool_call:
                    out = []
                    for fc in msg.tool_call.function_calls:
                        out.append(
                            {
                                "id": fc.id,
                                "name": fc.name,
                                "response": fake_weather(**fc.args),
                                "scheduling": "WHEN_IDLE",  # expect: LM202
                            }
                        )
                    await session.send_tool_response(function_responses=out)
                if msg.server_content and msg.server_content.output_transcription:
                    log.info("presenter: %s", msg.server_content.output_transcription.text)
        finally:
            sender.cancel()
