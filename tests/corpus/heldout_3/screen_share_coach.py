"""Screen and photo sessions: video with and without turn_coverage, one still photo, a resumable long call."""

import asyncio
import io

import mss
import PIL.Image
from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()

COACH_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()),
)
FRUGAL_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    realtime_input_config=types.RealtimeInputConfig(turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),
    session_resumption=types.SessionResumptionConfig(),
)


def grab_screen() -> bytes:
    with mss.mss() as sct:
        shot = sct.grab(sct.monitors[1])
    img = PIL.Image.frombytes("RGB", shot.size, shot.rgb)
    img.thumbnail((1024, 1024))
    buf = io.BytesIO()
    img.save(buf, format="JPEG")
    return buf.getvalue()


async def stream_screen(session, stop: asyncio.Event) -> None:
    while not stop.is_set():
        frame = await asyncio.to_thread(grab_screen)
        await session.send_realtime_input(video=types.Blob(data=frame, mime_type="image/jpeg"))
        await asyncio.sleep(1)


async def drain(session, speaker: asyncio.Queue, stop: asyncio.Event) -> None:
    while not stop.is_set():
        async for msg in session.receive():
            if msg.data:
                speaker.put_nowait(msg.data)


async def coach(speaker: asyncio.Queue, stop: asyncio.Event) -> None:
    async with client.aio.live.connect(model=MODEL, config=COACH_CONFIG) as session:  # expect: LM401
        await asyncio.gather(stream_screen(session, stop), drain(session, speaker, stop))


async def frugal_coach(speaker: asyncio.Queue, stop: asyncio.Event) -> None:
    async with client.aio.live.connect(model=MODEL, config=FRUGAL_CONFIG) as session:
        await asyncio.gather(stream_screen(session, stop), drain(session, speaker, stop))


async def describe_photo(path: str, speaker: asyncio.Queue) -> None:
    with open(path, "rb") as fh:
        photo = fh.read()
    async with client.aio.live.connect(  # expect: LM401
        model=MODEL, config={"response_modalities": ["AUDIO"]},
    ) as session:
        await session.send_realtime_input(video={"data": photo, "mime_type": "image/png"})
        await session.send_realtime_input(text="What is in this picture?")
        async for msg in session.receive():
            if msg.data:
                speaker.put_nowait(msg.data)
