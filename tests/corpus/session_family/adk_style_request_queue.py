"""Agent-framework request queue forwarded to the session: content via send_client_content, blobs via media=, if/elif over the request (not a server message)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from google import genai
from google.genai import types

logger = logging.getLogger("live_flow")


@dataclass
class LiveRequest:
    content: types.Content | None = None
    blob: types.Blob | None = None
    activity_start: bool = False
    activity_end: bool = False
    close: bool = False


class LiveRequestQueue:
    def __init__(self) -> None:
        self._queue: asyncio.Queue[LiveRequest] = asyncio.Queue()

    def send_content(self, content: types.Content) -> None:
        self._queue.put_nowait(LiveRequest(content=content))

    def send_realtime(self, blob: types.Blob) -> None:
        self._queue.put_nowait(LiveRequest(blob=blob))

    def close(self) -> None:
        self._queue.put_nowait(LiveRequest(close=True))

    async def get(self) -> LiveRequest:
        return await self._queue.get()


async def send_to_model(session, queue: LiveRequestQueue) -> None:
    while True:
        request = await queue.get()
        if request.close:
            return
        if request.content is not None:
            logger.debug("sending content: %s", request.content)
            await session.send_client_content(turns=request.content, turn_complete=True)  # expect: LM101
        elif request.blob is not None:
            await session.send_realtime_input(media=request.blob)  # expect: LM104
        elif request.activity_start:
            await session.send_realtime_input(activity_start=types.ActivityStart())
        elif request.activity_end:
            await session.send_realtime_input(activity_end=types.ActivityEnd())


async def receive_from_model(session, events: asyncio.Queue[types.LiveServerMessage]) -> None:
    while True:
        async for message in session.receive():
            await events.put(message)


async def run_live(client: genai.Client, model: str, queue: LiveRequestQueue) -> asyncio.Queue:
    events: asyncio.Queue[types.LiveServerMessage] = asyncio.Queue()
    config = types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        realtime_input_config=types.RealtimeInputConfig(
            automatic_activity_detection=types.AutomaticActivityDetection(disabled=True)
        ),
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )
    async with client.aio.live.connect(model=model, config=config) as session:
        sender = asyncio.create_task(send_to_model(session, queue))
        receiver = asyncio.create_task(receive_from_model(session, events))
        await sender
        receiver.cancel()
    return events
