"""Live captioner driven by pydantic settings and a camelCase dict config handed to the SDK."""

import asyncio

from google import genai
from pydantic_settings import BaseSettings, SettingsConfigDict

from captions.audio import mic_frames
from captions.display import show_caption, show_heard


class CaptionSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAPTION_")

    live_model: str = "gemini-2.5-flash-native-audio-latest"  # expect: LM001
    api_version: str = "v1alpha"  # expect: LM007
    budget: int = 2048
    warm: bool = True


def caption_config(settings: CaptionSettings) -> dict:
    config = {
        "responseModalities": ["TEXT"],  # expect: LM005
        "generationConfig": {  # expect: LM006
            "temperature": 0.2,
            "thinkingConfig": {"thinkingBudget": settings.budget},  # expect: LM002
        },
        "systemInstruction": "Turn the speech you hear into short captions.",
    }
    if settings.warm:
        config["enableAffectiveDialog"] = True  # expect: LM004
        config["proactivity"] = {"proactiveAudio": False}  # expect: LM003
    return config


async def caption_forever(settings: CaptionSettings) -> None:
    client = genai.Client(http_options={"api_version": settings.api_version})
    config = caption_config(settings)
    async with client.aio.live.connect(model=settings.live_model, config=config) as session:  # expect: LM402

        async def feed() -> None:
            async for frame in mic_frames(rate=16000):
                await session.send_realtime_input(audio={"data": frame, "mime_type": "audio/pcm;rate=16000"})

        feeder = asyncio.create_task(feed())
        try:
            while True:
                async for msg in session.receive():
                    if msg.text:
                        show_caption(msg.text)
                    sc = msg.server_content
                    heard = sc.input_transcription if sc else None  # expect: LM009
                    if heard is not None:
                        show_heard(heard.text)
        finally:
            feeder.cancel()


if __name__ == "__main__":
    asyncio.run(caption_forever(CaptionSettings()))
