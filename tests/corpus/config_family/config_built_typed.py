"""Typed LiveConnectConfig mutated attribute by attribute before connect; declaration behaviour set afterwards."""

import asyncio
import os

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001


def book_ride(pickup: str, destination: str) -> dict:
    return {"eta_minutes": 6, "pickup": pickup, "destination": destination}


def ride_config(rider_name: str, premium: bool) -> types.LiveConnectConfig:
    decl = types.FunctionDeclaration.from_callable_with_api_option(callable=book_ride)
    decl.behavior = types.Behavior.NON_BLOCKING  # expect: LM201

    config = types.LiveConnectConfig(response_modalities=["AUDIO"])
    config.system_instruction = f"You dispatch rides. The rider is {rider_name}."
    config.tools = [types.Tool(function_declarations=[decl])]
    config.thinking_config = types.ThinkingConfig(thinking_budget=256)  # expect: LM002
    config.proactivity = types.ProactivityConfig(proactive_audio=True)  # expect: LM003
    if premium:
        config.enable_affective_dialog = True  # expect: LM004
    config.generation_config = types.GenerationConfig(temperature=0.4)  # expect: LM006
    config.output_audio_transcription = types.AudioTranscriptionConfig()
    return config


async def dispatch(rider_name: str, premium: bool = False) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    async with client.aio.live.connect(model=MODEL, config=ride_config(rider_name, premium)) as session:
        await session.send_realtime_input(text="I need a ride from the station to the museum.")
        async for msg in session.receive():
            if msg.tool_call:
                for fc in msg.tool_call.function_calls or []:
                    await session.send_tool_response(
                        function_responses=types.FunctionResponse(
                            id=fc.id, name=fc.name, response=book_ride(**(fc.args or {}))
                        )
                    )
            if msg.server_content and msg.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(dispatch("Sam"))
