"""Negatives: the 3.1 shape end to end: declared seed, realtime text from the input loop, every part read, independent ifs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
SEND_MIME = "audio/pcm;rate=16000"

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.MINIMAL),
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
    session_resumption=types.SessionResumptionConfig(),
    context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()),
    tools=[
        types.Tool(
            function_declarations=[
                types.FunctionDeclaration(
                    name="set_timer",
                    description="Start a kitchen timer.",
                    parameters=types.Schema(type="OBJECT", properties={"minutes": types.Schema(type="INTEGER")}),
                )
            ]
        )
    ],
)


class KitchenAssistant:
    def __init__(self, read_line: Callable[[], Awaitable[str | None]], play: Callable[[bytes], None]) -> None:
        self._client = genai.Client()
        self._read_line = read_line
        self._play = play
        self._playback: asyncio.Queue[bytes] = asyncio.Queue()
        self.session = None
        self.resume_handle: str | None = None

    async def seed(self, history: list[types.Content]) -> None:
        await self.session.send_client_content(turns=history, turn_complete=True)

    async def send_text(self, text: str) -> None:
        await self.session.send_realtime_input(text=text)

    async def typed_input(self) -> None:
        while (line := await self._read_line()) is not None:
            await self.send_text(line)

    async def microphone(self, mic: AsyncIterator[bytes]) -> None:
        async for chunk in mic:
            await self.session.send_realtime_input(audio=types.Blob(data=chunk, mime_type=SEND_MIME))

    async def receive_loop(self) -> None:
        while True:
            async for message in self.session.receive():
                content = message.server_content
                if content is not None:
                    if content.model_turn is not None:
                        for part in content.model_turn.parts or []:
                            if part.inline_data is not None and part.inline_data.data:
                                self._playback.put_nowait(part.inline_data.data)
                    if content.input_transcription is not None and content.input_transcription.text:
                        print("you:", content.input_transcription.text)
                    if content.output_transcription is not None and content.output_transcription.text:
                        print("assistant:", content.output_transcription.text)
                    if content.interrupted:
                        while not self._playback.empty():
                            self._playback.get_nowait()
                    if content.turn_complete:
                        print("-- turn complete --")
                if message.tool_call is not None:
                    await self.session.send_tool_response(
                        function_responses=[
                            types.FunctionResponse(id=fc.id, name=fc.name, response={"started": True})
                            for fc in message.tool_call.function_calls or []
                        ]
                    )
                if message.session_resumption_update is not None and message.session_resumption_update.resumable:
                    self.resume_handle = message.session_resumption_update.new_handle
                if message.go_away is not None:
                    print("server closes in", message.go_away.time_left)

    async def speaker(self) -> None:
        while True:
            self._play(await self._playback.get())

    async def run(self, mic: AsyncIterator[bytes], history: list[types.Content]) -> None:
        async with self._client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            self.session = session
            await self.seed(history)
            await session.send_realtime_input(text="Hello!")
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self.receive_loop())
                tg.create_task(self.speaker())
                tg.create_task(self.microphone(mic))
                tg.create_task(self.typed_input())
