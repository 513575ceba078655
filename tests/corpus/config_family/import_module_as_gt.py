"""`import google.genai.types as gt` and `import google.genai as genai`: language tutor with dynamic thinking (-1)."""

from __future__ import annotations

import asyncio
import dataclasses
import os

import google.genai as genai
import google.genai.types as gt

TUTOR_MODEL = "gemini-2.5-flash-exp-native-audio-thinking-dialog"  # expect: LM001


@dataclasses.dataclass
class Lesson:
    language: str
    level: str
    topic: str

    def instruction(self) -> str:
        return (
            f"You are a patient {self.language} tutor. The student is at {self.level} level. "
            f"Today's topic: {self.topic}. Correct mistakes gently and speak slowly."
        )


def tutor_config(lesson: Lesson) -> gt.LiveConnectConfig:
    return gt.LiveConnectConfig(
        response_modalities=[gt.Modality.AUDIO],
        system_instruction=gt.Content(parts=[gt.Part(text=lesson.instruction())]),
        speech_config=gt.SpeechConfig(
            voice_config=gt.VoiceConfig(prebuilt_voice_config=gt.PrebuiltVoiceConfig(voice_name="Leda")),
        ),
        # Let the model decide how long to think (2.5 default behaviour made explicit).
        thinking_config=gt.ThinkingConfig(thinking_budget=-1, include_thoughts=False),  # expect: LM002
        enable_affective_dialog=True,  # expect: LM004
        input_audio_transcription=gt.AudioTranscriptionConfig(),
        output_audio_transcription=gt.AudioTranscriptionConfig(),
    )


class TutorSession:
    def __init__(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.client = genai.Client(api_key=os.getenv("GEMINI_API_KEY"))
        self.student_said: list[str] = []
        self.tutor_said: list[str] = []

    async def run(self, audio_chunks) -> None:
        async with self.client.aio.live.connect(model=TUTOR_MODEL, config=tutor_config(self.lesson)) as session:
            sender = asyncio.create_task(self._send(session, audio_chunks))
            try:
                async for message in session.receive():
                    sc = message.server_content
                    if sc is None:
                        continue
                    if sc.input_transcription and sc.input_transcription.text:
                        self.student_said.append(sc.input_transcription.text)
                    if sc.output_transcription and sc.output_transcription.text:
                        self.tutor_said.append(sc.output_transcription.text)
            finally:
                sender.cancel()

    @staticmethod
    async def _send(session, audio_chunks) -> None:
        async for chunk in audio_chunks:
            await session.send_realtime_input(audio=gt.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
