"""Doorbell camera narrator that streams JPEG frames and microphone audio into one long Live session."""

import asyncio
import io

from google import genai
from google.genai import types

client = genai.Client()
MODEL = "gemini-live-2.5-flash-preview"  # expect: LM001


async def frames(camera):
    while True:
        image = await camera.capture()
        buf = io.BytesIO()
        image.save(buf, format="JPEG")
        yield buf.getvalue()
        await asyncio.sleep(1.0)


async def narrate(camera, mic, speaker) -> None:
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        system_instruction="Describe who is at the door, briefly.",
    )
    async with client.aio.live.connect(model=MODEL, config=config) as session:  # expect: LM401, LM402

        async def push_video() -> None:
            async for jpeg in frames(camera):
                await session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))

        async def push_audio() -> None:
            async for pcm in mic:
                await session.send(  # expect: LM103
                    input=types.LiveClientRealtimeInput(
                        media_chunks=[types.Blob(data=pcm, mime_type="audio/pcm;rate=16000")]  # expect: LM104
                    )
                )

        async def play() -> None:
            while True:
                async for msg in session.receive():
                    if msg.data:
                        speaker.play(msg.data)
                        continue  # expect: LM303
                    if msg.server_content and msg.server_content.turn_complete:
                        speaker.flush()

        await asyncio.gather(push_video(), push_audio(), play())
