"""WebRTC stream handler (fastrtc-style) that opens its Live session in start_up and streams webcam frames every second; UI tool calls are queued but never answered."""

from __future__ import annotations

import asyncio
import base64
import io
import time

import numpy as np
from fastrtc import AsyncAudioVideoStreamHandler, wait_for_item
from google import genai
from PIL import Image

MODEL = "gemini-3.1-flash-live-preview"


def encode_frame(frame: np.ndarray) -> dict:
    image = Image.fromarray(frame)
    image.thumbnail((640, 640))
    buf = io.BytesIO()
    image.save(buf, format="JPEG")
    return {"mime_type": "image/jpeg", "data": base64.b64encode(buf.getvalue()).decode()}


class GeminiVideoHandler(AsyncAudioVideoStreamHandler):
    def __init__(self) -> None:
        super().__init__(expected_layout="mono", output_sample_rate=24000, input_sample_rate=16000)
        self.audio_queue: asyncio.Queue = asyncio.Queue()
        self.video_queue: asyncio.Queue = asyncio.Queue()
        self.ui_calls: list[dict] = []
        self.session = None
        self.last_frame_time = 0.0
        self.quit = asyncio.Event()

    def copy(self) -> "GeminiVideoHandler":
        return GeminiVideoHandler()

    async def start_up(self) -> None:
        client = genai.Client(http_options={"api_version": "v1beta"})
        config = {
            "response_modalities": ["AUDIO"],
            "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Kore"}}},
            "tools": [{"function_declarations": [{"name": "highlight_object"}]}],
        }
        async with client.aio.live.connect(model=MODEL, config=config) as session:  # expect: LM401, LM402
            self.session = session
            while not self.quit.is_set():
                async for response in session.receive():
                    if response.tool_call:  # expect: LM305
                        self.ui_calls.extend({"name": fc.name, "args": fc.args} for fc in response.tool_call.function_calls)
                    if response.data:
                        array = np.frombuffer(response.data, dtype=np.int16)
                        self.audio_queue.put_nowait((self.output_sample_rate, array))

    async def video_receive(self, frame: np.ndarray) -> None:
        self.video_queue.put_nowait(frame)
        if self.session and time.time() - self.last_frame_time > 1.0:
            self.last_frame_time = time.time()
            await self.session.send_realtime_input(media=encode_frame(frame))

    async def video_emit(self):
        return await wait_for_item(self.video_queue, 0.01)

    async def receive(self, frame: tuple[int, np.ndarray]) -> None:
        _, array = frame
        if self.session:
            await self.session.send_realtime_input(audio={"data": array.squeeze().tobytes(), "mime_type": "audio/pcm;rate=16000"})

    async def emit(self):
        return await wait_for_item(self.audio_queue, 0.01)

    async def shutdown(self) -> None:
        self.quit.set()
