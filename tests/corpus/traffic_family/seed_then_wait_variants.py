"""Onboarding coach (one session also sends a photo) whose declared seeds are expected to make the model speak first (default turn_complete, multi-call seeds, anext, a helper that awaits the reply), with the correct and undeclared shapes beside them."""

from __future__ import annotations

import asyncio

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()

DECLARED = {
    "responseModalities": ["AUDIO"],
    "historyConfig": {"initialHistoryInClientContent": True},
    "contextWindowCompression": {"slidingWindow": {}},
}
UNDECLARED = {"response_modalities": ["AUDIO"], "context_window_compression": {"sliding_window": {}}}

PROFILE = types.Content(role="user", parts=[types.Part(text="New hire: Priya, backend team, starts Monday.")])
ACK = types.Content(role="model", parts=[types.Part(text="Got it.")])
KICKOFF = types.Content(role="user", parts=[types.Part(text="Welcome Priya and explain the first-week plan.")])


async def play_reply(session, speaker) -> None:
    async for message in session.receive():
        if message.data:
            speaker.write(message.data)


async def coach_default_turn_complete(speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:
        await session.send_client_content(turns=[PROFILE, ACK, KICKOFF])  # expect: LM108
        await play_reply(session, speaker)


async def coach_multi_call_seed(speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:
        await session.send_client_content(turns=[PROFILE], turn_complete=False)
        await session.send_client_content(turns=[ACK], turn_complete=False)
        await session.send_client_content(turns=[KICKOFF], turn_complete=True)  # expect: LM108
        await play_reply(session, speaker)


async def coach_first_message(speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:
        await session.send_client_content(turns=[PROFILE, KICKOFF], turn_complete=True)  # expect: LM108
        first = await anext(session.receive())
        if first.data:
            speaker.write(first.data)


async def coach_video_before_seed(badge_photo: bytes, mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:  # expect: LM401
        await session.send_realtime_input(video=types.Blob(data=badge_photo, mime_type="image/jpeg"))  # expect: LM107
        await session.send_client_content(turns=[PROFILE, ACK], turn_complete=True)
        async for pcm in mic:
            await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
        await play_reply(session, speaker)


async def coach_stream_end_before_seed(mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:
        await session.send_realtime_input(audio_stream_end=True)  # expect: LM107
        await session.send_client_content(turns=[PROFILE, ACK], turn_complete=True)
        await session.send_realtime_input(text="Hi, I'm ready.")
        await play_reply(session, speaker)


async def coach_taskgroup_race(mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(stream_mic(session, mic))  # expect: LM107
            await session.send_client_content(turns=[PROFILE, ACK], turn_complete=True)
            tg.create_task(play_reply(session, speaker))


async def stream_mic(session, mic) -> None:
    async for pcm in mic:
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def coach_user_speaks_first(mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:
        await session.send_client_content(turns=[PROFILE, ACK], turn_complete=True)
        await asyncio.gather(stream_mic(session, mic), play_reply(session, speaker))


async def coach_undeclared(speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=UNDECLARED) as session:
        await session.send_client_content(turns=[PROFILE, ACK, KICKOFF], turn_complete=True)
        await play_reply(session, speaker)
