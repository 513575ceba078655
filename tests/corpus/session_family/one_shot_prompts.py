"""One-shot prompts: a single user text sent with send_client_content right after connect, no seed declared (LM101, not LM102)."""

from __future__ import annotations

import asyncio
import io
import wave

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
OUTPUT_RATE = 24_000  # the model speaks 16-bit PCM at 24 kHz

client = genai.Client()
VOICE_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    speech_config=types.SpeechConfig(
        voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Kore"))
    ),
)


def to_wav(pcm: bytes) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(OUTPUT_RATE)
        wav.writeframes(pcm)
    return buffer.getvalue()


async def narrate(script: str) -> bytes:
    """Render a short announcement as speech."""
    audio = bytearray()
    async with client.aio.live.connect(model=MODEL, config=VOICE_CONFIG) as session:
        await session.send_client_content(  # expect: LM101
            turns=types.Content(role="user", parts=[types.Part(text=f"Read this aloud: {script}")]),
            turn_complete=True,
        )
        async for message in session.receive():
            content = message.server_content
            if content and content.model_turn:
                for part in content.model_turn.parts or []:
                    if part.inline_data and part.inline_data.data:
                        audio.extend(part.inline_data.data)
            if content and content.turn_complete:
                break
    return to_wav(bytes(audio))


async def ask_once(question: str) -> str:
    """Dict spelling of the same one-shot, answer collected from the output transcription."""
    config = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
    answer: list[str] = []
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_client_content(turns={"role": "user", "parts": [{"text": question}]}, turn_complete=True)  # expect: LM101
        async for message in session.receive():
            content = message.server_content
            if content and content.output_transcription and content.output_transcription.text:
                answer.append(content.output_transcription.text)
            if content and content.turn_complete:
                break
    return "".join(answer)


async def kick_off(model: str, topic: str) -> None:
    """Model from the caller; still a one-shot prompt."""
    async with client.aio.live.connect(model=model, config=VOICE_CONFIG) as session:
        await session.send_client_content(  # expect: LM101
            turns=[types.Content(role="user", parts=[types.Part(text=f"Give me a fun fact about {topic}.")])],
        )
        async for message in session.receive():
            if message.server_content and message.server_content.turn_complete:
                break


if __name__ == "__main__":
    with open("announcement.wav", "wb") as fh:
        fh.write(asyncio.run(narrate("The store closes in ten minutes.")))
