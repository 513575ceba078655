"""Lecture-capture assistant that streams slides and the room mic for the whole class."""
import asyncio
import io

import mss
from PIL import Image
from google import genai
from google.genai import types

client = genai.Client()
MODEL = "gemini-3.1-flash-live-preview"


def lecture_config(language: str) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        output_audio_transcription=types.AudioTranscriptionConfig(),
        speech_config=types.SpeechConfig(language_code=language),
        system_instruction="Summarise each slide in one sentence when the lecturer moves on.",
    )


def grab_slide() -> bytes:
    with mss.mss() as screen:
        shot = screen.grab(screen.monitors[1])
    buf = io.BytesIO()
    Image.frombytes("RGB", shot.size, shot.rgb).save(buf, format="JPEG")
    return buf.getvalue()


async def slides(session, stop: asyncio.Event) -> None:
    while not stop.is_set():
        await session.send_realtime_input(media=types.Blob(data=grab_slide(), mime_type="image/jpeg"))  # expect: LM104
        await asyncio.sleep(2.0)


async def room_audio(session, mic) -> None:
    async for pcm in mic:
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def capture(mic, notes: list[str], stop: asyncio.Event) -> None:
    async with client.aio.live.connect(  # expect: LM401, LM402
        model=MODEL, config=lecture_config("en-US")
    ) as session:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slides(session, stop))
            tg.create_task(room_audio(session, mic))
            while not stop.is_set():
                async for msg in session.receive():
                    sc = msg.server_content
                    if sc and sc.output_transcription:
                        notes.append(sc.output_transcription.text)
