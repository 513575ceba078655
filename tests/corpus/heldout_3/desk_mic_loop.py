"""Cookbook-shaped microphone loop on a 2.5 id: legacy sends, an early continue and .text as transcript."""

import asyncio
import sys

import pyaudio
from google import genai
from google.genai import types

MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001
CHUNK = 1024
IN_RATE = 16000
OUT_RATE = 24000

client = genai.Client()
live_config = {"response_modalities": ["AUDIO"]}


class DeskAssistant:
    def __init__(self) -> None:
        self.speaker_queue: asyncio.Queue[bytes] = asyncio.Queue()
        self.pa = pyaudio.PyAudio()
        self.session = None

    async def read_keyboard(self) -> None:
        while True:
            line = await asyncio.to_thread(input, "you> ")
            if line.strip() == "q":
                return
            await self.session.send(input=line or ".", end_of_turn=True)  # expect: LM103

    async def stream_mic(self) -> None:
        mic = await asyncio.to_thread(
            self.pa.open, format=pyaudio.paInt16, channels=1, rate=IN_RATE, input=True,
            frames_per_buffer=CHUNK,
        )
        while True:
            chunk = await asyncio.to_thread(mic.read, CHUNK, exception_on_overflow=False)
            await self.session.send_realtime_input(
                media=types.Blob(data=chunk, mime_type="audio/pcm"),  # expect: LM104, LM106
            )

    async def listen(self) -> None:
        while True:
            async for response in self.session.receive():
                if data := response.data:
                    self.speaker_queue.put_nowait(data)
                    continue  # expect: LM303
                if text := response.text:  # expect: LM304
                    print(text, end="", flush=True)
            # the turn ended; drop whatever is still queued for the speaker
            while not self.speaker_queue.empty():
                self.speaker_queue.get_nowait()

    async def play(self) -> None:
        out = await asyncio.to_thread(
            self.pa.open, format=pyaudio.paInt16, channels=1, rate=OUT_RATE, output=True,
        )
        while True:
            pcm = await self.speaker_queue.get()
            await asyncio.to_thread(out.write, pcm)

    async def run(self) -> None:
        try:
            async with (
                client.aio.live.connect(model=MODEL, config=live_config) as session,  # expect: LM402
                asyncio.TaskGroup() as tg,
            ):
                self.session = session
                keyboard = tg.create_task(self.read_keyboard())
                tg.create_task(self.stream_mic())
                tg.create_task(self.listen())
                tg.create_task(self.play())
                await keyboard
                raise asyncio.CancelledError("user quit")
        except asyncio.CancelledError:
            pass
        finally:
            self.pa.terminate()


if __name__ == "__main__":
    try:
        asyncio.run(DeskAssistant().run())
    except KeyboardInterrupt:
        sys.exit(0)
