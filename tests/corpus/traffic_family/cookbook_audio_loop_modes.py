"""Cookbook-style AudioLoop (typed SDK, screen/none modes) on v1alpha for proactive audio: video without turn coverage, an endless session with no resumption or GoAway."""

from __future__ import annotations

import argparse
import asyncio
import io

import mss
import PIL.Image
import pyaudio
from google import genai
from google.genai import types

FORMAT = pyaudio.paInt16
CHANNELS = 1
SEND_SAMPLE_RATE = 16000
RECEIVE_SAMPLE_RATE = 24000
CHUNK_SIZE = 1024

MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"
DEFAULT_MODE = "screen"

client = genai.Client(http_options={"api_version": "v1alpha"})  # expect: LM007

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    proactivity=types.ProactivityConfig(proactive_audio=True),
    speech_config=types.SpeechConfig(voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Zephyr"))),
)

pya = pyaudio.PyAudio()


class AudioLoop:
    def __init__(self, video_mode: str = DEFAULT_MODE) -> None:
        self.video_mode = video_mode
        self.audio_in_queue: asyncio.Queue | None = None
        self.out_queue: asyncio.Queue | None = None
        self.session = None

    async def send_text(self) -> None:
        while True:
            text = await asyncio.to_thread(input, "message > ")
            if text.lower() == "q":
                break
            await self.session.send_realtime_input(text=text or ".")

    def _get_screen(self) -> types.Blob:
        with mss.mss() as sct:
            shot = sct.grab(sct.monitors[0])
            image = PIL.Image.frombytes("RGB", shot.size, shot.rgb)
        buf = io.BytesIO()
        image.save(buf, format="jpeg")
        return types.Blob(data=buf.getvalue(), mime_type="image/jpeg")

    async def get_screen(self) -> None:
        while True:
            frame = await asyncio.to_thread(self._get_screen)
            await asyncio.sleep(1.0)
            await self.out_queue.put(frame)

    async def send_realtime(self) -> None:
        while True:
            blob = await self.out_queue.get()
            if blob.mime_type.startswith("image/"):
                await self.session.send_realtime_input(video=blob)
            else:
                await self.session.send_realtime_input(audio=blob)

    async def listen_audio(self) -> None:
        mic_info = pya.get_default_input_device_info()
        stream = await asyncio.to_thread(
            pya.open, format=FORMAT, channels=CHANNELS, rate=SEND_SAMPLE_RATE, input=True,
            input_device_index=mic_info["index"], frames_per_buffer=CHUNK_SIZE,
        )
        while True:
            data = await asyncio.to_thread(stream.read, CHUNK_SIZE, exception_on_overflow=False)
            await self.out_queue.put(types.Blob(data=data, mime_type="audio/pcm;rate=16000"))

    async def receive_audio(self) -> None:
        while True:
            async for response in self.session.receive():
                if response.server_content is None:
                    break
                if data := response.data:
                    self.audio_in_queue.put_nowait(data)
            while not self.audio_in_queue.empty():
                self.audio_in_queue.get_nowait()

    async def play_audio(self) -> None:
        stream = await asyncio.to_thread(pya.open, format=FORMAT, channels=CHANNELS, rate=RECEIVE_SAMPLE_RATE, output=True)
        while True:
            await asyncio.to_thread(stream.write, await self.audio_in_queue.get())

    async def run(self) -> None:
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session, asyncio.TaskGroup() as tg:  # expect: LM401, LM402
            self.session = session
            self.audio_in_queue, self.out_queue = asyncio.Queue(), asyncio.Queue(maxsize=5)
            send_text_task = tg.create_task(self.send_text())
            tg.create_task(self.send_realtime())
            tg.create_task(self.listen_audio())
            if self.video_mode == "screen":
                tg.create_task(self.get_screen())
            tg.create_task(self.receive_audio())
            tg.create_task(self.play_audio())
            await send_text_task
            raise asyncio.CancelledError("User requested exit")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default=DEFAULT_MODE, choices=["screen", "none"])
    asyncio.run(AudioLoop(video_mode=parser.parse_args().mode).run())
