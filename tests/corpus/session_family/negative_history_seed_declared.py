"""Negatives: declared history seeds (typed, snake dict, camelCase dict) ending with turn_complete=True, then realtime input."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"


@dataclass
class Turn:
    role: str  # "user" or "model"
    text: str


def to_contents(turns: Sequence[Turn]) -> list[types.Content]:
    return [types.Content(role=t.role, parts=[types.Part(text=t.text)]) for t in turns]


async def resume_support_call(client: genai.Client, previous: Sequence[Turn], mic: AsyncIterator[bytes]) -> None:
    config = types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        history_config=types.HistoryConfig(initial_history_in_client_content=True),
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_client_content(turns=to_contents(previous), turn_complete=True)
        await session.send_realtime_input(text="The caller is back on the line.")
        async for chunk in mic:
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


async def tutor_with_context(client: genai.Client, lesson: str) -> None:
    config = {
        "response_modalities": ["AUDIO"],
        "history_config": {"initial_history_in_client_content": True},
    }
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_client_content(
            turns=[
                {"role": "user", "parts": [{"text": f"Today's lesson: {lesson}"}]},
                {"role": "model", "parts": [{"text": "Great, I have the lesson notes. Ready when you are."}]},
            ]
        )
        await session.send_realtime_input(text="Start the lesson.")
        async for message in session.receive():
            content = message.server_content
            if content and content.turn_complete:
                break


async def camel_case_seed(client: genai.Client, model: str = MODEL) -> None:
    config = {
        "responseModalities": ["AUDIO"],
        "historyConfig": {"initialHistoryInClientContent": True},
        "outputAudioTranscription": {},
    }
    async with client.aio.live.connect(model=model, config=config) as session:
        # Two calls: the server keeps consuming history until one has turn_complete=True.
        await session.send_client_content(
            turns=[types.Content(role="user", parts=[types.Part(text="I ordered the blue kettle.")])],
            turn_complete=False,
        )
        await session.send_client_content(
            turns=[types.Content(role="model", parts=[types.Part(text="Noted: one blue kettle, order A1001.")])],
            turn_complete=True,
        )
        await session.send_realtime_input(text=" ")
        async for message in session.receive():
            content = message.server_content
            if content is None:
                continue
            if content.output_transcription and content.output_transcription.text:
                print(content.output_transcription.text, end="")
            if content.turn_complete:
                break
