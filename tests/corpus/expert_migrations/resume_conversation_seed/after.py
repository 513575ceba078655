"""Language-practice partner that remembers the last lesson.

On connect we replay the stored conversation so the partner picks up where the learner left
off and greets them first; during the lesson the app can slip notes (a new vocabulary list)
into the context without asking for an answer.
"""

from __future__ import annotations

import asyncio
import os

from google import genai

from lessons import store
from lessons.audio import Microphone, Speaker

MODEL = os.getenv("PRACTICE_MODEL", "gemini-3.1-flash-live-preview")

CONFIG = {
    "response_modalities": ["AUDIO"],
    "system_instruction": (
        "You are a friendly Spanish conversation partner. Speak slowly, correct gently, "
        "and reuse the learner's vocabulary list."
    ),
    "input_audio_transcription": {},
    "output_audio_transcription": {},
    "context_window_compression": {"sliding_window": {}},
    "session_resumption": {},
    "history_config": {"initial_history_in_client_content": True},
}

RESUME_PROMPT = "I'm back. Greet me and recap the last lesson."


def history_turns(learner_id: str) -> list[dict]:
    turns = []
    for entry in store.last_lesson(learner_id):
        role = "user" if entry.speaker == "learner" else "model"
        turns.append({"role": role, "parts": [{"text": entry.text}]})
    return turns


async def send_mic(session, mic: Microphone) -> None:
    async for chunk in mic.chunks():
        await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})


async def play(session, speaker: Speaker, learner_id: str) -> None:
    while True:
        async for message in session.receive():
            content = message.server_content
            if not content:
                continue
            if content.model_turn:
                for part in content.model_turn.parts:
                    if part.inline_data:
                        speaker.play(part.inline_data.data)
            if content.input_transcription:
                store.append(learner_id, "learner", content.input_transcription.text)
            if content.output_transcription:
                store.append(learner_id, "partner", content.output_transcription.text)
            if content.interrupted:
                speaker.clear()


async def add_vocabulary(session, words: list[str]) -> None:
    note = "New vocabulary for this lesson: " + ", ".join(words)
    await session.send_client_content(  # expert: left LM101 a note that must not trigger an answer; realtime text would make the partner reply
        turns={"role": "user", "parts": [{"text": note}]}, turn_complete=False
    )


async def lesson(learner_id: str, vocabulary: list[str]) -> None:
    client = genai.Client()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_client_content(turns=history_turns(learner_id), turn_complete=True)
        await session.send_realtime_input(text=RESUME_PROMPT)
        async with asyncio.TaskGroup() as tg:
            tg.create_task(send_mic(session, Microphone()))
            tg.create_task(play(session, Speaker(), learner_id))
            if vocabulary:
                await add_vocabulary(session, vocabulary)


if __name__ == "__main__":
    import sys

    asyncio.run(lesson(sys.argv[1], sys.argv[2:]))
