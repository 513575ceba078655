"""WebRTC stream handler (start_up / receive / emit) that sends camera frames and mic audio to Live."""

import asyncio
import base64
import time

import numpy as np
from google import genai
from google.genai import types

from rtc import AsyncAudioVideoStreamHandler, wait_for_item

MODEL = "gemini-3.1-flash-live-preview"


class LiveVideoHandler(AsyncAudioVideoStreamHandler):
    def __init__(self) -> None:
        super().__init__(expected_layout="mono", output_sample_rate=24000, input_sample_rate=16000)
        self.audio_queue: asyncio.Queue = asyncio.Queue()
        self.captions: asyncio.Queue = asyncio.Queue()
        self.session = None
        self.last_frame = 0.0
        self.quit = asyncio.Event()

    def copy(self) -> "LiveVideoHandler":
        return LiveVideoHandler()

    async def start_up(self) -> None:
        client = genai.Client(http_options={"api_version": "v1beta"})
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            output_audio_transcription=types.AudioTranscriptionConfig(),
            generation_config=types.GenerationConfig(  # expect: LM006
                max_output_tokens=8_192,  # expect: LM403
                temperature=0.7,
            ),
        )
        async with client.aio.live.connect(model=MODEL, config=config) as session:  # expect: LM401, LM402
            self.session = session
            while not self.quit.is_set():
                async for msg in session.receive():
                    if data := msg.data:
                        self.audio_queue.put_nowait(np.frombuffer(data, dtype=np.int16).reshape(1, -1))
                        continue  # expect: LM303
                    sc = msg.server_content
                    if sc and sc.output_transcription:
                        self.captions.put_nowait(sc.output_transcription.text)
                    if sc and sc.interrupted:
                        self.clear_queue()
                    elif sc and sc.turn_complete:
                        self.captions.put_nowait("\n")

    async def video_receive(self, frame: np.ndarray) -> None:
        if self.session and time.time() - self.last_frame > 1.0:
            self.last_frame = time.time()
            jpeg = encode_jpeg(frame)
            await self.session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))

    async def receive(self, frame: tuple[int, np.ndarray]) -> None:
        _, array = frame
        if self.session:
            await self.session.send_realtime_input(
                audio=types.Blob(data=array.squeeze().tobytes(), mime_type="audio/pcm;rate=16000"))

    async def emit(self):
        array = await wait_for_item(self.audio_queue, 0.01)
        return (24000, array) if array is not None else None

    def clear_queue(self) -> None:
        while not self.audio_queue.empty():
            self.audio_queue.get_nowait()

    async def shutdown(self) -> None:
        self.quit.set()


def encode_jpeg(frame: np.ndarray) -> bytes:
    import cv2

    ok, buf = cv2.imencode(".jpg", frame[:, :, ::-1])
    return buf.tobytes() if ok else base64.b64decode(b"")
