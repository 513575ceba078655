"""Typed LiveConnectConfig via `from google.genai import types`: each config-family construct once."""

from __future__ import annotations

import asyncio
import logging
import os

from google import genai
from google.genai import types

log = logging.getLogger(__name__)

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001
VOICE = "Puck"

SYSTEM_PROMPT = (
    "You are a friendly concierge for a boutique hotel. Keep answers short and "
    "offer to book a table when the guest mentions dinner."
)


def check_availability(date: str, party_size: int) -> dict:
    """Pretend to call the reservation system."""
    return {"date": date, "party_size": party_size, "available": party_size <= 6}


AVAILABILITY_DECL = types.FunctionDeclaration(
    name="check_availability",
    description="Check whether the restaurant has a free table.",
    parameters=types.Schema(
        type=types.Type.OBJECT,
        properties={
            "date": types.Schema(type=types.Type.STRING),
            "party_size": types.Schema(type=types.Type.INTEGER),
        },
        required=["date", "party_size"],
    ),
    behavior=types.Behavior.NON_BLOCKING,  # expect: LM201
)

CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    system_instruction=SYSTEM_PROMPT,
    speech_config=types.SpeechConfig(
        voice_config=types.VoiceConfig(
            prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=VOICE)
        )
    ),
    thinking_config=types.ThinkingConfig(thinking_budget=1024),  # expect: LM002
    proactivity=types.ProactivityConfig(proactive_audio=True),  # expect: LM003
    enable_affective_dialog=True,  # expect: LM004
    output_audio_transcription=types.AudioTranscriptionConfig(),
    tools=[types.Tool(function_declarations=[AVAILABILITY_DECL])],
)


async def handle_tool_call(session, tool_call: types.LiveServerToolCall) -> None:
    responses = []
    for fc in tool_call.function_calls or []:
        args = fc.args or {}
        result = check_availability(args.get("date", ""), int(args.get("party_size", 2)))
        responses.append(
            types.FunctionResponse(
                id=fc.id,
                name=fc.name,
                response=result,
                scheduling=types.FunctionResponseScheduling.WHEN_IDLE,  # expect: LM202
            )
        )
    await session.send_tool_response(function_responses=responses)


async def main() -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text="Hi, is there a table for four tomorrow?")
        async for message in session.receive():
            content = message.server_content
            if content is not None and content.output_transcription is not None:
                log.info("model: %s", content.output_transcription.text)
            if message.tool_call is not None:
                await handle_tool_call(session, message.tool_call)
            if content is not None and content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(main())
