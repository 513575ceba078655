"""Class-based hotel concierge: dataclass settings, a config built from keyword arguments, a TaskGroup."""

import asyncio
import contextlib
import dataclasses
import os

import pyaudio
from google import genai
from google.genai import types


@dataclasses.dataclass
class ConciergeSettings:
    model: str = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001
    voice: str = "Kore"
    budget: int = 512
    max_tokens: int = 8192  # expect: LM403
    instructions: str = "You are the front desk of a small hotel. Keep answers short."


def build_live_config(settings: ConciergeSettings, **extra) -> types.LiveConnectConfig:
    kwargs = dict(
        response_modalities=["AUDIO"],
        system_instruction=settings.instructions,
        max_output_tokens=settings.max_tokens,
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(
                prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=settings.voice)
            )
        ),
        thinking_config=types.ThinkingConfig(thinking_budget=settings.budget),  # expect: LM002
    )
    kwargs.update(extra)
    return types.LiveConnectConfig(**kwargs)


class Concierge:
    def __init__(self, settings: ConciergeSettings | None = None) -> None:
        self.settings = settings or ConciergeSettings()
        self.client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
        self.audio = pyaudio.PyAudio()
        self._stack = contextlib.AsyncExitStack()
        self.session = None

    async def _open(self) -> None:
        config = build_live_config(self.settings, input_audio_transcription={})
        self.session = await self._stack.enter_async_context(
            self.client.aio.live.connect(model=self.settings.model, config=config)  # expect: LM402
        )

    async def _microphone(self) -> None:
        stream = await asyncio.to_thread(
            self.audio.open, format=pyaudio.paInt16, channels=1, rate=16000,
            input=True, frames_per_buffer=1024,
        )
        while True:
            data = await asyncio.to_thread(stream.read, 1024, exception_on_overflow=False)
            await self.session.send_realtime_input(
                audio=types.Blob(data=data, mime_type="audio/pcm")  # expect: LM106
            )

    async def _speaker(self) -> None:
        out = await asyncio.to_thread(
            self.audio.open, format=pyaudio.paInt16, channels=1, rate=24000, output=True
        )
        while True:
            async for message in self.session.receive():
                content = message.server_content
                if content is None:
                    continue
                if content.model_turn:
                    for part in content.model_turn.parts:
                        if part.inline_data:
                            await asyncio.to_thread(out.write, part.inline_data.data)
                heard = content.input_transcription
                if heard and heard.text:
                    print("guest:", heard.text)
                said = content.output_transcription  # expect: LM009
                if said and said.text:
                    print("desk:", said.text)

    async def run(self) -> None:
        async with self._stack:
            await self._open()
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._microphone())
                tg.create_task(self._speaker())


if __name__ == "__main__":
    asyncio.run(Concierge().run())
