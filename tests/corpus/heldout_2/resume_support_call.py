"""Support agent that restores a previous chat as a declared seed, with the mic racing it: LM107."""

import asyncio

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"


def live_config() -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        history_config=types.HistoryConfig(initial_history_in_client_content=True),
        output_audio_transcription=types.AudioTranscriptionConfig(),
        context_window_compression=types.ContextWindowCompressionConfig(
            sliding_window=types.SlidingWindow()),
    )


def to_contents(chat: list[dict]) -> list[types.Content]:
    return [types.Content(role=m["role"], parts=[types.Part(text=m["text"])]) for m in chat]


class SupportCall:
    def __init__(self, client: genai.Client, mic, speaker) -> None:
        self.client = client
        self.mic = mic
        self.speaker = speaker

    async def _stream_mic(self, session) -> None:
        async for chunk in self.mic:
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

    async def _restore(self, session, chat: list[dict]) -> None:
        await session.send_client_content(turns=to_contents(chat), turn_complete=True)

    async def _play(self, session) -> None:
        async for msg in session.receive():
            sc = msg.server_content
            if sc and sc.model_turn:
                for part in sc.model_turn.parts:
                    if part.inline_data:
                        self.speaker.play(part.inline_data.data)
            if sc and sc.output_transcription:
                print(sc.output_transcription.text, end="")

    async def resume_racy(self, chat: list[dict]) -> None:
        """Starts the mic first "so the caller is not kept waiting"."""
        async with self.client.aio.live.connect(model=MODEL, config=live_config()) as session:
            mic_task = asyncio.create_task(self._stream_mic(session))  # expect: LM107
            await self._restore(session, chat)
            await asyncio.gather(mic_task, self._play(session))

    async def resume_parallel(self, chat: list[dict]) -> None:
        async with self.client.aio.live.connect(model=MODEL, config=live_config()) as session:
            await asyncio.gather(  # expect: LM107
                self._restore(session, chat),
                self._stream_mic(session),
                self._play(session),
            )

    async def resume_typed_hello(self, chat: list[dict]) -> None:
        async with self.client.aio.live.connect(model=MODEL, config=live_config()) as session:
            await session.send_realtime_input(text="Hi, I'm back about my order.")  # expect: LM107
            await self._restore(session, chat)
            await asyncio.gather(self._stream_mic(session), self._play(session))

    async def resume(self, chat: list[dict]) -> None:
        """The ordering 3.x expects: seed complete, then live input."""
        async with self.client.aio.live.connect(model=MODEL, config=live_config()) as session:
            await self._restore(session, chat)
            await asyncio.gather(self._stream_mic(session), self._play(session))
