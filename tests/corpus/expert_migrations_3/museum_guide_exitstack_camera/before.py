"""Museum guide: narrates what the visitor's tablet camera sees, over a 2.5 native-audio session."""

import asyncio
import contextlib
import logging

import cv2
import pyaudio
from google import genai
from google.genai import types

from guide_settings import GUIDE_PROMPT

log = logging.getLogger("museum_guide")

LIVE_MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"
MIC_RATE = 16000
SPEAKER_RATE = 24000
FRAME_INTERVAL = 1.0


class MuseumGuide:
    """One visitor's tour: camera frames and microphone in, narration out."""

    def __init__(self, camera_index: int = 0) -> None:
        self.client = genai.Client()
        self.camera_index = camera_index
        self.session = None
        self._stack = contextlib.AsyncExitStack()
        self._audio = pyaudio.PyAudio()
        self.speaker = self._audio.open(format=pyaudio.paInt16, channels=1, rate=SPEAKER_RATE, output=True)

    def _config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            system_instruction=GUIDE_PROMPT,
            speech_config=types.SpeechConfig(
                voice_config=types.VoiceConfig(
                    prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Charon")
                )
            ),
            realtime_input_config=types.RealtimeInputConfig(
                automatic_activity_detection=types.AutomaticActivityDetection(silence_duration_ms=800),
            ),
        )

    async def _open(self) -> None:
        self.session = await self._stack.enter_async_context(
            self.client.aio.live.connect(model=LIVE_MODEL, config=self._config())
        )

    async def stream_camera(self) -> None:
        camera = cv2.VideoCapture(self.camera_index)
        try:
            while True:
                ok, frame = await asyncio.to_thread(camera.read)
                if not ok:
                    break
                ok, jpeg = cv2.imencode(".jpg", frame)
                await self.session.send_realtime_input(
                    media=types.Blob(data=jpeg.tobytes(), mime_type="image/jpeg")
                )
                await asyncio.sleep(FRAME_INTERVAL)
        finally:
            camera.release()

    async def stream_mic(self) -> None:
        mic = self._audio.open(format=pyaudio.paInt16, channels=1, rate=MIC_RATE, input=True, frames_per_buffer=1024)
        while True:
            chunk = await asyncio.to_thread(mic.read, 1024, exception_on_overflow=False)
            await self.session.send_realtime_input(media=types.Blob(data=chunk, mime_type="audio/pcm"))

    async def narrate(self) -> None:
        while True:
            async for message in self.session.receive():
                content = message.server_content
                if content is None:
                    continue
                if content.interrupted:
                    log.info("visitor interrupted")
                elif content.model_turn:
                    for part in content.model_turn.parts:
                        if part.inline_data:
                            await asyncio.to_thread(self.speaker.write, part.inline_data.data)
                elif content.turn_complete:
                    log.info("guide finished a turn")

    async def run(self) -> None:
        await self._open()
        try:
            await asyncio.gather(self.stream_camera(), self.stream_mic(), self.narrate())
        finally:
            await self._stack.aclose()
            self._audio.terminate()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(MuseumGuide().run())
