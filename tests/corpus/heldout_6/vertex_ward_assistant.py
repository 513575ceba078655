"""Hospital-ward assistant on Vertex AI: a worker class with a queue-fed sender and resumption."""
import asyncio
import os
from typing import Optional

from google import genai
from google.genai.types import (
    AudioTranscriptionConfig,
    Blob,
    Content,
    ContextWindowCompressionConfig,
    HttpOptions,
    LiveConnectConfig,
    Part,
    ProactivityConfig,
    SessionResumptionConfig,
    SlidingWindow,
)


class WardWorker:
    MODEL_ID = os.getenv("WARD_MODEL", "gemini-live-2.5-flash-native-audio")  # expect: LM001

    def __init__(self) -> None:
        self.client = genai.Client(
            vertexai=True,
            project=os.environ["GOOGLE_CLOUD_PROJECT"],
            location=os.getenv("GOOGLE_CLOUD_LOCATION", "us-central1"),
            http_options=HttpOptions(api_version="v1"),
        )
        self.config = LiveConnectConfig(
            response_modalities=["AUDIO"],
            input_audio_transcription=AudioTranscriptionConfig(),
            output_audio_transcription=AudioTranscriptionConfig(),
            # Wait for the nurse to finish before answering.
            proactivity=ProactivityConfig(proactive_audio=False),  # expect: LM003
            enable_affective_dialog=True,  # expect: LM004
            context_window_compression=ContextWindowCompressionConfig(sliding_window=SlidingWindow(target_tokens=8192)),
            session_resumption=SessionResumptionConfig(),
        )
        self.queue: asyncio.Queue[Optional[bytes]] = asyncio.Queue()
        self.handle: Optional[str] = None

    async def push(self, pcm: bytes) -> None:
        await self.queue.put(pcm)

    async def _sender(self, session) -> None:
        while (chunk := await self.queue.get()) is not None:
            await session.send_realtime_input(audio=Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

    async def _receiver(self, session) -> None:
        async for msg in session.receive():
            update = msg.session_resumption_update
            if update and update.new_handle:
                self.handle = update.new_handle
            if msg.go_away is not None:
                return
            sc = msg.server_content
            if sc and sc.input_transcription:
                print("nurse:", sc.input_transcription.text)
            if sc and sc.output_transcription:
                print("assistant:", sc.output_transcription.text)

    async def run(self, patient_note: str) -> None:
        while True:
            self.config.session_resumption = SessionResumptionConfig(handle=self.handle)
            async with self.client.aio.live.connect(model=self.MODEL_ID, config=self.config) as session:
                if self.handle is None:
                    await session.send_client_content(  # expect: LM102
                        turns=[
                            Content(role="user", parts=[Part(text=f"Patient summary: {patient_note}")]),
                            Content(role="model", parts=[Part(text="Understood. I have the summary.")]),
                        ],
                        turn_complete=True,
                    )
                sender = asyncio.create_task(self._sender(session))
                try:
                    await self._receiver(session)
                finally:
                    sender.cancel()
