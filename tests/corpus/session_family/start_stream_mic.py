"""Deprecated session.start_stream fed by a mic generator and by a WAV file, with and without a rate in the MIME type."""

from __future__ import annotations

import asyncio
import wave
from collections.abc import AsyncIterator
from pathlib import Path

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
SAMPLE_RATE = 16_000
CHUNK_FRAMES = 1_600  # 100 ms

client = genai.Client()
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


async def mic_chunks(device) -> AsyncIterator[bytes]:
    while True:
        yield await asyncio.to_thread(device.read, CHUNK_FRAMES)


async def wav_chunks(path: Path) -> AsyncIterator[bytes]:
    with wave.open(str(path), "rb") as wav:
        assert wav.getframerate() == SAMPLE_RATE
        while frames := wav.readframes(CHUNK_FRAMES):
            yield frames
            await asyncio.sleep(CHUNK_FRAMES / SAMPLE_RATE)


async def talk(device, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        async for message in session.start_stream(stream=mic_chunks(device), mime_type="audio/pcm"):  # expect: LM105, LM106
            if message.data:
                speaker.write(message.data)
            content = message.server_content
            if content and content.output_transcription:
                print(content.output_transcription.text, end="", flush=True)


async def transcribe_reply(path: Path) -> str:
    """Play a recorded question to the model and return what it answered."""
    said: list[str] = []
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        async for message in session.start_stream(  # expect: LM105
            stream=wav_chunks(path),
            mime_type=f"audio/pcm;rate={SAMPLE_RATE}",
        ):
            content = message.server_content
            if content and content.output_transcription and content.output_transcription.text:
                said.append(content.output_transcription.text)
            if content and content.turn_complete:
                break
    return "".join(said)


if __name__ == "__main__":
    print(asyncio.run(transcribe_reply(Path("question.wav"))))
