"""Long-running dashcam narrator done right: resumption handles, a GoAway break that reconnects, explicit turn coverage, every tool call answered."""

from __future__ import annotations

import asyncio
import logging

from google import genai
from google.genai import types

log = logging.getLogger("dashcam")

MODEL = "gemini-3.1-flash-live-preview"


def make_config(handle: str | None) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        session_resumption=types.SessionResumptionConfig(handle=handle),
        context_window_compression=types.ContextWindowCompressionConfig(
            trigger_tokens=25_600, sliding_window=types.SlidingWindow(target_tokens=12_800)
        ),
        realtime_input_config=types.RealtimeInputConfig(turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),
        output_audio_transcription=types.AudioTranscriptionConfig(),
        tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="mark_hazard")])],
    )


class Narrator:
    def __init__(self, client: genai.Client, frames: asyncio.Queue, speaker) -> None:
        self.client = client
        self.frames = frames
        self.speaker = speaker
        self.handle: str | None = None

    async def send_frames(self, session) -> None:
        while True:
            jpeg = await self.frames.get()
            await session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))

    async def receive(self, session) -> None:
        while True:
            async for msg in session.receive():
                if msg.session_resumption_update and msg.session_resumption_update.resumable:
                    self.handle = msg.session_resumption_update.new_handle
                if msg.go_away is not None:
                    log.info("reconnecting before the server closes (%s left)", msg.go_away.time_left)
                    return
                if msg.tool_call:
                    await session.send_tool_response(
                        function_responses=[
                            types.FunctionResponse(id=fc.id, name=fc.name, response={"marked": True})
                            for fc in msg.tool_call.function_calls or []
                        ]
                    )
                if msg.server_content is None:
                    break
                for part in msg.server_content.model_turn.parts if msg.server_content.model_turn else []:
                    if part.inline_data:
                        self.speaker.write(part.inline_data.data)
                if msg.server_content.output_transcription:
                    log.info("narration: %s", msg.server_content.output_transcription.text)

    async def run_forever(self) -> None:
        while True:
            async with self.client.aio.live.connect(model=MODEL, config=make_config(self.handle)) as session:
                sender = asyncio.create_task(self.send_frames(session))
                try:
                    await self.receive(session)
                finally:
                    sender.cancel()
            log.info("resuming with handle %s", self.handle)
