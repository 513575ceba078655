"""Reading tutor: the lesson plan is put into the conversation before the child speaks.

The tablet app streams the child's voice; a "hint" button asks the tutor for a hint.
"""

import asyncio
import logging

from google import genai

from tutor.device import Captions, Speaker, microphone
from tutor.lessons import load_lesson

log = logging.getLogger("tutor")

TUTOR_MODEL = "gemini-3.1-flash-live-preview"
TUTOR_CONFIG = {
    "response_modalities": ["AUDIO"],
    "system_instruction": "You are a patient reading tutor for children aged 6 to 9.",
    "output_audio_transcription": {},
    "history_config": {"initial_history_in_client_content": True},
    "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Leda"}}},
}


class TutorSession:
    def __init__(self, lesson_id: str) -> None:
        self.lesson = load_lesson(lesson_id)
        self.speaker = Speaker(rate=24000)
        self.captions = Captions()
        self.session = None

    async def seed_lesson(self) -> None:
        await self.session.send_client_content(
            turns=[
                {"role": "user", "parts": [{"text": "Today's story:\n" + self.lesson.text}]},
                {"role": "model", "parts": [{"text": "I have read the story. I am ready."}]},
            ],
            turn_complete=True,
        )

    async def hint(self) -> None:
        await self.session.send_realtime_input(text="Please give me a small hint.")

    async def stream_voice(self) -> None:
        async for pcm in microphone(rate=16000):
            await self.session.send_realtime_input(
                audio={"data": pcm, "mime_type": "audio/pcm;rate=16000"})

    async def listen(self) -> None:
        while True:
            async for msg in self.session.receive():
                sc = getattr(msg, "server_content", None)
                if sc is None:
                    continue
                if getattr(sc, "interrupted", False):
                    self.speaker.clear()
                    continue
                if sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            self.speaker.feed(part.inline_data.data)
                if hasattr(sc, "output_transcription") and sc.output_transcription:
                    self.captions.add(sc.output_transcription.text)
                if getattr(sc, "turn_complete", False):
                    self.captions.end_turn()

    async def run(self, hint_requests: asyncio.Queue) -> None:
        client = genai.Client()
        async with client.aio.live.connect(model=TUTOR_MODEL, config=TUTOR_CONFIG) as session:  # expert: left LM402 no resumption or GoAway handling; a lesson is shorter than 15 min
            self.session = session
            await self.seed_lesson()
            voice = asyncio.create_task(self.stream_voice())
            ears = asyncio.create_task(self.listen())
            try:
                while True:
                    await hint_requests.get()
                    await self.hint()
            finally:
                voice.cancel()
                ears.cancel()
