"""Interview coach that seeds a declared history; some paths race the seed, others wait on it for a greeting."""

import asyncio

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"

HISTORY = [
    types.Content(role="user", parts=[types.Part(text="I am applying for a data analyst role.")]),
    types.Content(role="model", parts=[types.Part(text="Great, let's practise behavioural questions.")]),
]


def coach_config() -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        history_config=types.HistoryConfig(initial_history_in_client_content=True),
        output_audio_transcription=types.AudioTranscriptionConfig(),
        context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()),
    )


class Coach:
    def __init__(self, client: genai.Client, mic, speaker) -> None:
        self.client = client
        self.mic = mic
        self.speaker = speaker
        self.session = None

    async def _mic_loop(self) -> None:
        async for chunk in self.mic:
            await self.session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

    async def _seed(self) -> None:
        await self.session.send_client_content(turns=HISTORY, turn_complete=True)

    async def _play_one_turn(self) -> None:
        async for msg in self.session.receive():
            sc = msg.server_content
            if sc and sc.model_turn:
                for part in sc.model_turn.parts:
                    if part.inline_data:
                        self.speaker.play(part.inline_data.data)
            if sc and sc.output_transcription:
                self.speaker.caption(sc.output_transcription.text)

    async def practice(self) -> None:
        async with self.client.aio.live.connect(model=MODEL, config=coach_config()) as session:
            self.session = session
            mic_task = asyncio.create_task(self._mic_loop())  # expect: LM107
            await self._seed()
            await self._play_one_turn()
            mic_task.cancel()

    async def warm_up(self, topic: str) -> None:
        async with self.client.aio.live.connect(model=MODEL, config=coach_config()) as session:
            self.session = session
            await session.send_realtime_input(text=f"Today's topic: {topic}")  # expect: LM107
            await self._seed()
            await self._play_one_turn()

    async def greet_first(self) -> None:
        async with self.client.aio.live.connect(model=MODEL, config=coach_config()) as session:
            self.session = session
            await session.send_client_content(turns=HISTORY, turn_complete=True)  # expect: LM108
            async for msg in session.receive():
                if msg.server_content and msg.server_content.model_turn:
                    for part in msg.server_content.model_turn.parts:
                        if part.inline_data:
                            self.speaker.play(part.inline_data.data)

    async def recap(self) -> None:
        async with self.client.aio.live.connect(model=MODEL, config=coach_config()) as session:
            self.session = session
            await self._seed()  # expect: LM108
            await self._play_one_turn()

    async def nudged(self) -> None:
        async with self.client.aio.live.connect(model=MODEL, config=coach_config()) as session:
            self.session = session
            await self._seed()
            await session.send_realtime_input(text="Please start the mock interview.")
            await self._play_one_turn()
