"""`.text` of a Live message taken as what the model said on AUDIO sessions (explicit and unset modality) vs transcription reads."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from google import genai
from google.genai import types

log = logging.getLogger(__name__)

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"

client = genai.Client()

AUDIO_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


async def caption_stream(prompt: str) -> AsyncIterator[str]:
    async with client.aio.live.connect(model=MODEL, config=AUDIO_CONFIG) as session:
        await session.send_realtime_input(text=prompt)
        async for message in session.receive():
            if message.server_content and message.server_content.model_turn:
                yield message.text or ""  # expect: LM304


async def log_reply(prompt: str) -> None:
    # No response_modalities: the native-audio model answers in audio.
    async with client.aio.live.connect(model=MODEL, config={"speech_config": {"language_code": "en-GB"}}) as session:
        await session.send_realtime_input(text=prompt)
        async for response in session.receive():
            log.info("Gemini: %s", response.text)  # expect: LM304
            if response.server_content and response.server_content.turn_complete:
                break


async def reply_transcript(prompt: str) -> str:
    words: list[str] = []
    async with client.aio.live.connect(model=MODEL, config=AUDIO_CONFIG) as session:
        await session.send_realtime_input(text=prompt)
        async for message in session.receive():
            content = message.server_content
            if content and content.output_transcription and content.output_transcription.text:
                words.append(content.output_transcription.text)
            if content and content.turn_complete:
                break
    return "".join(words)


async def user_said(audio: bytes) -> str:
    heard: list[str] = []
    config = {"response_modalities": ["AUDIO"], "input_audio_transcription": {}}
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(audio=types.Blob(data=audio, mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(audio_stream_end=True)
        async for message in session.receive():
            content = message.server_content
            if content and content.input_transcription:
                heard.append(content.input_transcription.text or "")
            if content and content.turn_complete:
                break
    return "".join(heard)


def headline(article: str) -> str:
    response = client.models.generate_content(model="gemini-2.5-flash", contents=f"Headline for: {article}")
    return response.text.strip()
