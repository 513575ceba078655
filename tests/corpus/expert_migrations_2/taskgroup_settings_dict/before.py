"""Hands-free cooking timer assistant: mic in, speaker out, three tasks in one TaskGroup."""

import asyncio
import os
from dataclasses import dataclass, field

import sounddevice as sd
from google import genai
from google.genai import types

MIC_RATE = 16000
SPEAKER_RATE = 24000
BLOCK = 1600  # 100 ms of 16-bit mono


def default_config() -> dict:
    return {
        "response_modalities": ["AUDIO"],
        "system_instruction": "You help people cook. Answer in one or two sentences.",
        "thinking_config": {"thinking_budget": 0},
        "max_output_tokens": 8192,
        "input_audio_transcription": {},
        "output_audio_transcription": {},
        "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Puck"}}},
    }


@dataclass(frozen=True)
class Settings:
    model: str = os.getenv("LIVE_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")
    config: dict = field(default_factory=default_config)


class Kitchen:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.mic: asyncio.Queue[bytes] = asyncio.Queue(maxsize=50)
        self.speaker: asyncio.Queue[bytes] = asyncio.Queue()

    async def capture(self) -> None:
        loop = asyncio.get_running_loop()

        def on_block(indata, frames, time, status) -> None:
            loop.call_soon_threadsafe(self.mic.put_nowait, bytes(indata))

        with sd.RawInputStream(samplerate=MIC_RATE, channels=1, dtype="int16",
                               blocksize=BLOCK, callback=on_block):
            await asyncio.Event().wait()

    async def upload(self, session) -> None:
        while True:
            chunk = await self.mic.get()
            await session.send_realtime_input(media=types.Blob(data=chunk, mime_type="audio/pcm"))

    async def listen(self, session) -> None:
        while True:
            async for response in session.receive():
                if data := response.data:
                    self.speaker.put_nowait(data)
                    continue
                sc = response.server_content
                if sc and sc.input_transcription and sc.input_transcription.text:
                    print("you:", sc.input_transcription.text)
                if sc and sc.output_transcription and sc.output_transcription.text:
                    print("chef:", sc.output_transcription.text)
                if sc and sc.interrupted:
                    while not self.speaker.empty():
                        self.speaker.get_nowait()

    async def play(self) -> None:
        with sd.RawOutputStream(samplerate=SPEAKER_RATE, channels=1, dtype="int16") as out:
            while True:
                pcm = await self.speaker.get()
                await asyncio.to_thread(out.write, pcm)

    async def run(self) -> None:
        client = genai.Client()
        async with client.aio.live.connect(model=self.settings.model, config=self.settings.config) as session:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self.capture())
                tg.create_task(self.upload(session))
                tg.create_task(self.listen(session))
                tg.create_task(self.play())


if __name__ == "__main__":
    try:
        asyncio.run(Kitchen(Settings()).run())
    except KeyboardInterrupt:
        pass
