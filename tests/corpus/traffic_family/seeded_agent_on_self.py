"""Agent that keeps its session on self (AsyncExitStack) and seeds a declared history: tasks started before the seed, a gather that races it, a greeting expected from the seed."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from google import genai
from google.genai import types

log = logging.getLogger(__name__)


class SeededAgent:
    def __init__(self, client: genai.Client, model: str, history: list[dict], mic, camera, speaker) -> None:
        self.client = client
        self.model = model
        self.history = history
        self.mic = mic
        self.camera = camera
        self.speaker = speaker
        self._stack = contextlib.AsyncExitStack()
        self._live = None
        self._tasks: list[asyncio.Task] = []

    def _config(self) -> dict:
        return {
            "responseModalities": ["AUDIO"],
            "historyConfig": {"initialHistoryInClientContent": True},
            "realtimeInputConfig": {"turnCoverage": "TURN_INCLUDES_ONLY_ACTIVITY"},
            "outputAudioTranscription": {},
        }

    async def _open(self) -> None:
        self._live = await self._stack.enter_async_context(
            self.client.aio.live.connect(model=self.model, config=self._config())
        )

    async def _seed(self) -> None:
        await self._live.send_client_content(turns=self.history, turn_complete=True)

    async def _mic_loop(self) -> None:
        async for pcm in self.mic:
            await self._live.send_realtime_input(audio={"data": pcm, "mime_type": "audio/pcm;rate=16000"})

    async def _camera_loop(self) -> None:
        async for jpeg in self.camera:
            await self._live.send_realtime_input(video={"data": jpeg, "mime_type": "image/jpeg"})

    async def _receive_loop(self) -> None:
        while True:
            async for msg in self._live.receive():
                if msg.go_away:
                    log.warning("session ends in %s", msg.go_away.time_left)
                content = msg.server_content
                if content and content.model_turn:
                    for part in content.model_turn.parts or []:
                        if part.inline_data:
                            self.speaker.write(part.inline_data.data)
                if content and content.output_transcription:
                    log.info("agent said: %s", content.output_transcription.text)

    async def start(self) -> None:
        await self._open()
        self._tasks.append(asyncio.create_task(self._camera_loop()))  # expect: LM107
        await self._seed()
        self._tasks.append(asyncio.create_task(self._mic_loop()))
        self._tasks.append(asyncio.create_task(self._receive_loop()))

    async def start_concurrently(self) -> None:
        await self._open()
        await asyncio.gather(self._seed(), self._mic_loop(), self._receive_loop())  # expect: LM107

    async def start_with_greeting(self) -> None:
        await self._open()
        await self._seed()  # expect: LM108
        await self._receive_loop()

    async def start_in_order(self) -> None:
        await self._open()
        await self._seed()
        async with asyncio.TaskGroup() as tg:
            tg.create_task(self._mic_loop())
            tg.create_task(self._camera_loop())
            tg.create_task(self._receive_loop())

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await self._stack.aclose()
