"""Camera assistant with a typed config: mic and camera tasks in a TaskGroup, no turn coverage, no session management, output transcript never enabled."""

from __future__ import annotations

import asyncio
import io
import logging

import cv2
import PIL.Image
from google import genai
from google.genai import types

log = logging.getLogger("camera_assistant")

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
SEND_RATE = 16000

client = genai.Client()

CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    system_instruction="You can see the user's camera. Point out what changed since the last frame.",
    input_audio_transcription=types.AudioTranscriptionConfig(),
    speech_config=types.SpeechConfig(language_code="en-US"),
)


def grab_jpeg(cap: cv2.VideoCapture) -> bytes | None:
    ok, frame = cap.read()
    if not ok:
        return None
    image = PIL.Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    image.thumbnail((1024, 1024))
    buf = io.BytesIO()
    image.save(buf, format="jpeg")
    return buf.getvalue()


class CameraAssistant:
    def __init__(self, mic, speaker) -> None:
        self.mic = mic
        self.speaker = speaker
        self.session = None

    async def stream_camera(self) -> None:
        cap = await asyncio.to_thread(cv2.VideoCapture, 0)
        try:
            while True:
                jpeg = await asyncio.to_thread(grab_jpeg, cap)
                if jpeg is None:
                    break
                await self.session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))
                await asyncio.sleep(1.0)
        finally:
            cap.release()

    async def stream_mic(self) -> None:
        while True:
            chunk = await asyncio.to_thread(self.mic.read, 1024)
            await self.session.send_realtime_input(
                audio=types.Blob(data=chunk, mime_type=f"audio/pcm;rate={SEND_RATE}")
            )

    async def listen(self) -> None:
        while True:
            async for message in self.session.receive():
                content = message.server_content
                if content is None:
                    continue
                if content.model_turn:
                    for part in content.model_turn.parts or []:
                        if part.inline_data and part.inline_data.data:
                            self.speaker.write(part.inline_data.data)
                if content.input_transcription and content.input_transcription.text:
                    log.info("user: %s", content.input_transcription.text)
                if content.output_transcription and content.output_transcription.text:  # expect: LM009
                    log.info("model: %s", content.output_transcription.text)  # expect: LM009
                if content.interrupted:
                    self.speaker.flush()

    async def run(self) -> None:
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:  # expect: LM401, LM402
            self.session = session
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self.stream_mic())
                tg.create_task(self.stream_camera())
                tg.create_task(self.listen())
