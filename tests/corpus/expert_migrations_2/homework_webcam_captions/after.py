"""Homework helper: the child holds a worksheet up to the webcam and asks about it.

Webcam frames (PIL images, two per second) and the microphone go up; the helper's voice comes
back and its words are shown as captions under the video preview.
"""

import asyncio

import numpy as np
import sounddevice as sd
from google import genai
from google.genai import types
from PIL import Image

from helper.ui import CaptionBar, Preview, Speaker

MODEL = "gemini-3.1-flash-live-preview"
CONFIG = {
    "response_modalities": ["AUDIO"],
    "system_instruction": "You help children with homework. Never give the answer; ask guiding questions.",
    "output_audio_transcription": {},
    "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Kore"}}},
    "realtime_input_config": {"turn_coverage": "TURN_INCLUDES_ONLY_ACTIVITY"},
}

client = genai.Client()


async def send_webcam(session, preview: Preview) -> None:
    while True:
        frame: np.ndarray = await asyncio.to_thread(preview.grab)
        image = Image.fromarray(frame).convert("RGB")
        image.thumbnail((640, 640))
        await session.send_realtime_input(video=image)
        await asyncio.sleep(0.5)


async def send_mic(session) -> None:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    def on_audio(indata, frames, time, status) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, bytes(indata))

    with sd.RawInputStream(samplerate=16000, channels=1, dtype="int16", callback=on_audio):
        while True:
            pcm = await queue.get()
            await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def receive_replies(session, speaker: Speaker, captions: CaptionBar) -> None:
    while True:
        async for response in session.receive():
            if data := response.data:
                speaker.play(data)
            sc = response.server_content
            if sc and sc.output_transcription and sc.output_transcription.text:
                captions.append(sc.output_transcription.text)
            if response.server_content and response.server_content.turn_complete:
                captions.fade()


async def main() -> None:
    preview, speaker, captions = Preview(), Speaker(rate=24000), CaptionBar()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:  # expert: left LM402 audio+video stops at 2 min without compression, as on 2.5; homework questions are short
        async with asyncio.TaskGroup() as tg:
            tg.create_task(send_webcam(session, preview))
            tg.create_task(send_mic(session))
            tg.create_task(receive_replies(session, speaker, captions))


if __name__ == "__main__":
    asyncio.run(main())
