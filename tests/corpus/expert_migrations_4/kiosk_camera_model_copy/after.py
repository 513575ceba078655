"""Front-desk kiosk: the model watches the webcam and talks to visitors."""
import asyncio
import contextlib
import logging
import os

import cv2
import sounddevice as sd
from google import genai
from google.genai import types

log = logging.getLogger("kiosk")

MODEL = "gemini-3.1-flash-live-preview"

KIOSK_PROMPT = (
    "You are the greeter at the Northside office front desk. Greet people who walk up, "
    "ask who they are visiting and tell them to take a seat. Keep it short."
)

BASE_CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    speech_config=types.SpeechConfig(language_code="en-US"),
    thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.MINIMAL),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    realtime_input_config=types.RealtimeInputConfig(
        turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY,
    ),
)


class KioskAssistant:
    def __init__(self, client, camera_index=0, fps=1.0):
        self.client = client
        self.camera_index = camera_index
        self.fps = fps
        self.session = None
        self.out_queue = asyncio.Queue()
        self.config = BASE_CONFIG.model_copy(
            update={
                "system_instruction": types.Content(parts=[types.Part(text=KIOSK_PROMPT)]),
            }
        )

    async def _open(self, stack):
        self.session = await stack.enter_async_context(
            self.client.aio.live.connect(model=MODEL, config=self.config)  # expert: left LM402 audio+video sessions end after ~2 min without compression/resumption; kiosk needs a reconnect design
        )
        log.info("live session open (%s)", MODEL)

    async def stream_camera(self):
        cap = await asyncio.to_thread(cv2.VideoCapture, self.camera_index)
        try:
            while True:
                ok, frame = await asyncio.to_thread(cap.read)
                if not ok:
                    await asyncio.sleep(0.5)
                    continue
                frame = cv2.resize(frame, (640, 480))
                _, jpg = cv2.imencode(".jpg", frame)
                await self.session.send_realtime_input(
                    video=types.Blob(data=jpg.tobytes(), mime_type="image/jpeg")
                )
                await asyncio.sleep(1.0 / self.fps)
        finally:
            cap.release()

    async def stream_mic(self):
        loop = asyncio.get_running_loop()
        chunks = asyncio.Queue()

        def on_audio(indata, frames, time_info, status):
            loop.call_soon_threadsafe(chunks.put_nowait, bytes(indata))

        with sd.RawInputStream(
            samplerate=16000, channels=1, dtype="int16", blocksize=1600, callback=on_audio
        ):
            while True:
                chunk = await chunks.get()
                await self.session.send_realtime_input(
                    audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000")
                )

    async def receive(self):
        while True:
            async for msg in self.session.receive():
                sc = msg.server_content
                if sc is None:
                    continue
                if sc.model_turn and sc.model_turn.parts:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            self.out_queue.put_nowait(part.inline_data.data)
                if sc.output_transcription and sc.output_transcription.text:
                    log.info("assistant: %s", sc.output_transcription.text)
                if sc.interrupted:
                    while not self.out_queue.empty():
                        self.out_queue.get_nowait()

    async def play(self):
        with sd.RawOutputStream(samplerate=24000, channels=1, dtype="int16") as out:
            while True:
                pcm = await self.out_queue.get()
                await asyncio.to_thread(out.write, pcm)

    async def run(self):
        async with contextlib.AsyncExitStack() as stack:
            await self._open(stack)
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self.stream_camera())
                tg.create_task(self.stream_mic())
                tg.create_task(self.receive())
                tg.create_task(self.play())


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    kiosk = KioskAssistant(genai.Client(api_key=os.environ["GOOGLE_API_KEY"]))
    asyncio.run(kiosk.run())
