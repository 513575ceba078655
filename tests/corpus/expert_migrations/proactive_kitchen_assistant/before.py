"""Kitchen helper: talk to Gemini through the microphone while cooking.

The model may speak up on its own (proactive audio) when it hears the timer or a question
to someone else in the room. Use headphones: the default input has no echo cancellation.
"""

import asyncio
import sys
import traceback

import pyaudio
from google import genai

FORMAT = pyaudio.paInt16
CHANNELS = 1
SEND_SAMPLE_RATE = 16000
RECEIVE_SAMPLE_RATE = 24000
CHUNK_SIZE = 1024

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"

pya = pyaudio.PyAudio()
client = genai.Client(http_options={"api_version": "v1alpha"})

CONFIG = {
    "system_instruction": "You are a cheerful kitchen assistant. Keep answers short.",
    "enable_affective_dialog": True,
    "response_modalities": ["AUDIO"],
    "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Kore"}}},
    "proactivity": {"proactive_audio": True},
}


class KitchenAssistant:
    def __init__(self):
        self.session = None
        self.audio_in_queue = None
        self.out_queue = None
        self.mic = None
        self.transcript = []

    async def listen_audio(self):
        mic_info = pya.get_default_input_device_info()
        self.mic = await asyncio.to_thread(
            pya.open,
            format=FORMAT,
            channels=CHANNELS,
            rate=SEND_SAMPLE_RATE,
            input=True,
            input_device_index=mic_info["index"],
            frames_per_buffer=CHUNK_SIZE,
        )
        while True:
            data = await asyncio.to_thread(self.mic.read, CHUNK_SIZE, exception_on_overflow=False)
            await self.out_queue.put({"data": data, "mime_type": "audio/pcm"})

    async def send_realtime(self):
        while True:
            chunk = await self.out_queue.get()
            await self.session.send_realtime_input(audio=chunk)

    async def receive_audio(self):
        while True:
            async for response in self.session.receive():
                if data := response.data:
                    self.audio_in_queue.put_nowait(data)
                    continue
                if text := response.text:
                    self.transcript.append(text)
                    print(text, end="", flush=True)

            # The turn is over (or was interrupted): drop audio queued but not yet played.
            while not self.audio_in_queue.empty():
                self.audio_in_queue.get_nowait()
            print()

    async def play_audio(self):
        speaker = await asyncio.to_thread(
            pya.open, format=FORMAT, channels=CHANNELS, rate=RECEIVE_SAMPLE_RATE, output=True
        )
        while True:
            pcm = await self.audio_in_queue.get()
            await asyncio.to_thread(speaker.write, pcm)

    async def run(self):
        try:
            async with (
                client.aio.live.connect(model=MODEL, config=CONFIG) as session,
                asyncio.TaskGroup() as tg,
            ):
                self.session = session
                self.audio_in_queue = asyncio.Queue()
                self.out_queue = asyncio.Queue(maxsize=5)

                tg.create_task(self.send_realtime())
                tg.create_task(self.listen_audio())
                tg.create_task(self.receive_audio())
                tg.create_task(self.play_audio())
        except asyncio.CancelledError:
            pass
        except ExceptionGroup as group:
            if self.mic:
                self.mic.close()
            traceback.print_exception(group)
        finally:
            with open("kitchen_transcript.txt", "w", encoding="utf-8") as out:
                out.write("".join(self.transcript))


if __name__ == "__main__":
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11+ is required (asyncio.TaskGroup)")
    asyncio.run(KitchenAssistant().run())
