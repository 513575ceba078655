"""`from google.genai import types as gt`: multi-line typed config, `models/`-prefixed id, config from a function."""

import asyncio
import os
import wave
from pathlib import Path

from google import genai
from google.genai import types as gt

LIVE_MODEL = "models/gemini-2.5-flash-native-audio-preview-09-2025"  # expect: LM001
INPUT_RATE = 16_000
OUTPUT_RATE = 24_000
CHUNK_BYTES = 3200  # 100 ms of 16-bit mono at 16 kHz


def make_config(language: str = "en-US") -> gt.LiveConnectConfig:
    return gt.LiveConnectConfig(
        response_modalities=["AUDIO"],
        speech_config=gt.SpeechConfig(language_code=language),
        thinking_config=gt.ThinkingConfig(
            include_thoughts=False,
            thinking_budget=8192,  # expect: LM002
        ),
        proactivity=gt.ProactivityConfig(  # expect: LM003
            proactive_audio=True,
        ),
        enable_affective_dialog=True,  # expect: LM004
        input_audio_transcription=gt.AudioTranscriptionConfig(),
        output_audio_transcription=gt.AudioTranscriptionConfig(),
    )


def read_pcm_chunks(path: Path):
    with wave.open(str(path), "rb") as wav:
        assert wav.getframerate() == INPUT_RATE, "resample to 16 kHz first"
        while True:
            frames = wav.readframes(CHUNK_BYTES // 2)
            if not frames:
                return
            yield frames


async def transcribe_and_reply(question_wav: Path, answer_wav: Path) -> str:
    client = genai.Client(api_key=os.environ["GOOGLE_API_KEY"])
    said: list[str] = []
    async with client.aio.live.connect(model=LIVE_MODEL, config=make_config()) as session:
        for chunk in read_pcm_chunks(question_wav):
            await session.send_realtime_input(
                audio=gt.Blob(data=chunk, mime_type=f"audio/pcm;rate={INPUT_RATE}")
            )
            await asyncio.sleep(0.1)
        await session.send_realtime_input(audio_stream_end=True)

        with wave.open(str(answer_wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(OUTPUT_RATE)
            async for message in session.receive():
                content = message.server_content
                if content is None:
                    continue
                if content.model_turn is not None:
                    for part in content.model_turn.parts or []:
                        if part.inline_data is not None and part.inline_data.data:
                            out.writeframes(part.inline_data.data)
                if content.output_transcription is not None and content.output_transcription.text:
                    said.append(content.output_transcription.text)
                if content.turn_complete:
                    break
    return "".join(said)


if __name__ == "__main__":
    print(asyncio.run(transcribe_and_reply(Path("question.wav"), Path("answer.wav"))))
