"""Gym coach that streams the treadmill mic through start_stream and parses each message in a helper."""
import asyncio
import wave

import pyaudio
from google import genai
from google.genai import types

client = genai.Client()
COACH = "gemini-3.1-flash-live-preview"
CONFIG = {"response_modalities": ["AUDIO"], "input_audio_transcription": {}, "output_audio_transcription": {}}


async def treadmill_mic():
    pa = pyaudio.PyAudio()
    stream = pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True, frames_per_buffer=1024)
    while True:
        yield await asyncio.to_thread(stream.read, 1024, exception_on_overflow=False)


async def cooldown_clip(path: str):
    with wave.open(path, "rb") as wav:
        while data := wav.readframes(2048):
            yield data


def handle(msg: types.LiveServerMessage, speaker, log: list[str]) -> None:
    sc = msg.server_content
    if sc is None:
        return
    if sc.model_turn:
        for part in sc.model_turn.parts:
            if part.inline_data and part.inline_data.mime_type == "audio/pcm":  # expect: LM307
                speaker.write(part.inline_data.data)
        return  # expect: LM303
    if sc.input_transcription:
        log.append("you: " + sc.input_transcription.text)
    if sc.output_transcription:
        log.append("coach: " + sc.output_transcription.text)


async def workout(speaker) -> list[str]:
    log: list[str] = []
    async with client.aio.live.connect(model=COACH, config=CONFIG) as session:  # expect: LM402
        async for msg in session.start_stream(stream=treadmill_mic(), mime_type="audio/pcm;rate=16000"):  # expect: LM105
            handle(msg, speaker, log)
    return log


async def cooldown(path: str, speaker) -> list[str]:
    log: list[str] = []
    async with client.aio.live.connect(model=COACH, config=CONFIG) as session:
        async for msg in session.start_stream(stream=cooldown_clip(path), mime_type="audio/pcm;rate=16000"):  # expect: LM105
            handle(msg, speaker, log)
            if msg.server_content and msg.server_content.turn_complete:
                break
    return log
