"""Retail-banking voice line configured by a pydantic settings object."""
import asyncio

from google import genai
from google.genai import types
from pydantic_settings import BaseSettings


class VoiceLineSettings(BaseSettings):
    model: str = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001
    api_version: str = "v1alpha"  # expect: LM007
    max_output_tokens: int = 8192  # expect: LM403
    budget: int = 0
    voice: str = "Charon"

    model_config = {"env_prefix": "BANKLINE_"}


def build_config(s: VoiceLineSettings) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        max_output_tokens=s.max_output_tokens,
        thinking_config=types.ThinkingConfig(thinking_budget=s.budget),  # expect: LM002
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=s.voice))
        ),
        session_resumption=types.SessionResumptionConfig(),
    )


async def answer_call(s: VoiceLineSettings, caller_audio, speaker) -> None:
    client = genai.Client(http_options=types.HttpOptions(api_version=s.api_version))
    async with client.aio.live.connect(model=s.model, config=build_config(s)) as session:

        async def feed() -> None:
            async for pcm in caller_audio:
                await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
            await session.send_realtime_input(audio_stream_end=True)

        task = asyncio.create_task(feed())
        async for msg in session.receive():
            if msg.data:
                speaker.write(msg.data)
            if msg.server_content and msg.server_content.interrupted:
                speaker.clear()
        await task


if __name__ == "__main__":
    from telephony import CallerAudio, Speaker

    asyncio.run(answer_call(VoiceLineSettings(), CallerAudio(), Speaker()))
