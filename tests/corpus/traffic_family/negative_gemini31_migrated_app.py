"""A fully migrated 3.1 assistant: turn coverage for its camera, resumption and GoAway, both transcripts enabled, a declared seed with a nudge, every tool call answered."""

from __future__ import annotations

import asyncio
import logging
import os

from google import genai
from google.genai import types

log = logging.getLogger("assistant")

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])

TOOLS = [types.Tool(function_declarations=[types.FunctionDeclaration(name="get_time", description="Local time.")])]


def config(handle: str | None) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.MINIMAL),
        max_output_tokens=65536,
        realtime_input_config=types.RealtimeInputConfig(turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),
        session_resumption=types.SessionResumptionConfig(handle=handle),
        context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()),
        history_config=types.HistoryConfig(initial_history_in_client_content=True),
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
        tools=TOOLS,
    )


class Assistant:
    def __init__(self, mic, camera, speaker, history: list[types.Content]) -> None:
        self.mic, self.camera, self.speaker, self.history = mic, camera, speaker, history
        self.handle: str | None = None

    async def send_media(self, session) -> None:
        async def audio() -> None:
            async for pcm in self.mic:
                await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

        async def video() -> None:
            async for jpeg in self.camera:
                await session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))

        await asyncio.gather(audio(), video())

    async def receive(self, session) -> None:
        while True:
            async for msg in session.receive():
                if msg.session_resumption_update and msg.session_resumption_update.new_handle:
                    self.handle = msg.session_resumption_update.new_handle
                if msg.go_away:
                    log.info("GoAway: %s left", msg.go_away.time_left)
                if msg.tool_call:
                    await session.send_tool_response(function_responses=[
                        types.FunctionResponse(id=fc.id, name=fc.name, response={"time": "09:41"})
                        for fc in msg.tool_call.function_calls or []
                    ])
                content = msg.server_content
                if content is None:
                    continue
                for part in content.model_turn.parts if content.model_turn else []:
                    if part.inline_data:
                        self.speaker.write(part.inline_data.data)
                if content.input_transcription:
                    log.info("user: %s", content.input_transcription.text)
                if content.output_transcription:
                    log.info("assistant: %s", content.output_transcription.text)

    async def run(self) -> None:
        while True:
            async with client.aio.live.connect(model=MODEL, config=config(self.handle)) as session:
                if self.handle is None and self.history:
                    await session.send_client_content(turns=self.history, turn_complete=True)
                    await session.send_realtime_input(text=" ")
                media = asyncio.create_task(self.send_media(session))
                try:
                    await self.receive(session)
                finally:
                    media.cancel()
