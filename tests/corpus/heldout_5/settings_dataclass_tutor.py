"""Language tutor whose dataclass settings hold the model id and caps; config built from keyword arguments."""

import asyncio
import os
from dataclasses import dataclass, field

from google import genai
from google.genai import types


@dataclass
class TutorSettings:
    model: str = os.getenv("TUTOR_MODEL", "gemini-live-2.5-flash-preview")  # expect: LM001
    voice: str = "Kore"
    max_output_tokens: int = 8192  # expect: LM403
    temperature: float = 0.6
    languages: list[str] = field(default_factory=lambda: ["es", "fr"])


def live_kwargs(settings: TutorSettings, **extra) -> dict:
    kwargs = dict(
        response_modalities=["AUDIO"],
        max_output_tokens=settings.max_output_tokens,
        thinking_config={"thinkingBudget": 256},  # expect: LM002
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(
                prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=settings.voice)
            )
        ),
        generation_config=types.GenerationConfig(temperature=settings.temperature),  # expect: LM006
        output_audio_transcription=types.AudioTranscriptionConfig(),
        context_window_compression=types.ContextWindowCompressionConfig(
            sliding_window=types.SlidingWindow(target_tokens=16000)
        ),
    )
    kwargs.update(extra)
    return kwargs


async def lesson(settings: TutorSettings, mic, speaker, captions) -> None:
    client = genai.Client()
    config = types.LiveConnectConfig(
        **live_kwargs(settings, input_audio_transcription=types.AudioTranscriptionConfig())
    )
    async with client.aio.live.connect(model=settings.model, config=config) as session:

        async def send_mic() -> None:
            async for chunk in mic:
                await session.send_realtime_input(
                    audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000")
                )

        async def read_replies() -> None:
            while True:
                async for msg in session.receive():
                    sc = msg.server_content
                    if sc is None:
                        continue
                    if sc.input_transcription:
                        captions.student(sc.input_transcription.text)
                    if sc.output_transcription:
                        captions.tutor(sc.output_transcription.text)
                    if sc.model_turn:
                        for part in sc.model_turn.parts:
                            if part.inline_data:
                                speaker.play(part.inline_data.data)

        await asyncio.gather(send_mic(), read_replies())


if __name__ == "__main__":
    asyncio.run(lesson(TutorSettings(), mic=None, speaker=None, captions=None))
