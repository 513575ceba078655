"""`genai.types.X` after `from google import genai`, and `google.genai.types.X` after `import google.genai`."""

import asyncio
import os

import google.genai
from google import genai

NATIVE_AUDIO_MODEL = "gemini-2.5-flash-preview-native-audio-dialog"  # expect: LM001


def weather(city: str) -> dict:
    return {"city": city, "forecast": "light rain", "high_c": 14}


WEATHER_TOOL = genai.types.Tool(
    function_declarations=[
        genai.types.FunctionDeclaration(
            name="weather",
            description="Three-day forecast for a city.",
            parameters=genai.types.Schema(
                type="OBJECT",
                properties={"city": genai.types.Schema(type="STRING")},
                required=["city"],
            ),
            behavior=genai.types.Behavior.NON_BLOCKING,  # expect: LM201
        )
    ]
)

LIVE_CONFIG = genai.types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=genai.types.ThinkingConfig(thinking_budget=0),  # expect: LM002
    proactivity=google.genai.types.ProactivityConfig(proactive_audio=True),  # expect: LM003
    tools=[WEATHER_TOOL],
    output_audio_transcription=genai.types.AudioTranscriptionConfig(),
)


async def converse(audio_frames) -> list[str]:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    transcript: list[str] = []
    async with client.aio.live.connect(model=NATIVE_AUDIO_MODEL, config=LIVE_CONFIG) as session:
        for frame in audio_frames:
            await session.send_realtime_input(
                audio=genai.types.Blob(data=frame, mime_type="audio/pcm;rate=16000")
            )
        async for msg in session.receive():
            if msg.tool_call is not None:
                await session.send_tool_response(
                    function_responses=[
                        genai.types.FunctionResponse(
                            id=fc.id,
                            name=fc.name,
                            response=weather(**(fc.args or {})),
                            will_continue=True,  # expect: LM202
                        )
                        for fc in msg.tool_call.function_calls or []
                    ]
                )
            content = msg.server_content
            if content is not None and content.output_transcription is not None:
                transcript.append(content.output_transcription.text or "")
            if content is not None and content.turn_complete:
                break
    return transcript


if __name__ == "__main__":
    print(asyncio.run(converse([b"\x00\x00" * 1600] * 10)))
