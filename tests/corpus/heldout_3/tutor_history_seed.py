"""Declared history seeds: a greeting awaited right after the seed, and realtime input racing the seed."""

import asyncio

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()

SEEDED = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
    session_resumption=types.SessionResumptionConfig(),
)


def lesson_history(notes: list[tuple[str, str]]) -> list[types.Content]:
    turns = []
    for role, text in notes:
        turns.append(types.Content(role=role, parts=[types.Part(text=text)]))
    return turns


async def play(session, speaker: asyncio.Queue) -> None:
    async for msg in session.receive():
        if msg.data:
            speaker.put_nowait(msg.data)


async def mic_sender(session, mic: asyncio.Queue) -> None:
    while True:
        chunk = await mic.get()
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


async def resume_lesson(notes, speaker: asyncio.Queue) -> None:
    """The tutor is expected to greet the student from the seeded notes."""
    async with client.aio.live.connect(model=MODEL, config=SEEDED) as session:
        await session.send_client_content(turns=lesson_history(notes), turn_complete=True)  # expect: LM108
        await play(session, speaker)


async def resume_with_mic_first(notes, mic: asyncio.Queue, speaker: asyncio.Queue) -> None:
    async with client.aio.live.connect(model=MODEL, config=SEEDED) as session:
        sender = asyncio.create_task(mic_sender(session, mic))  # expect: LM107
        await session.send_client_content(turns=lesson_history(notes), turn_complete=True)
        try:
            while True:
                await play(session, speaker)
        finally:
            sender.cancel()


async def resume_push_to_talk(notes, recording: list[bytes], speaker: asyncio.Queue) -> None:
    async with client.aio.live.connect(model=MODEL, config=SEEDED) as session:
        await session.send_realtime_input(activity_start=types.ActivityStart())  # expect: LM107
        await session.send_client_content(turns=lesson_history(notes), turn_complete=True)
        for chunk in recording:
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(activity_end=types.ActivityEnd())
        await play(session, speaker)


async def first_words(notes) -> bytes | None:
    async with client.aio.live.connect(model=MODEL, config=SEEDED) as session:
        await session.send_client_content(turns=lesson_history(notes))  # expect: LM108
        opening = await anext(session.receive())
        return opening.data
