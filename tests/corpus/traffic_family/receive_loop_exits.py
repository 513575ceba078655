"""Voice query handlers whose receive loops end on messages without server content (None checks, usage, GoAway), next to loops that only skip them."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from google import genai
from google.genai import types

log = logging.getLogger("voice_query")

MODEL = "gemini-3.1-flash-live-preview"
CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


@dataclass
class Answer:
    audio: bytearray
    transcript: list[str]
    tokens: int = 0


def collect(content: types.LiveServerContent, answer: Answer) -> None:
    for part in content.model_turn.parts if content.model_turn else []:
        if part.inline_data:
            answer.audio.extend(part.inline_data.data)
    if content.output_transcription and content.output_transcription.text:
        answer.transcript.append(content.output_transcription.text)


async def ask_strict(session, question: str) -> Answer:
    answer = Answer(bytearray(), [])
    await session.send_realtime_input(text=question)
    async for message in session.receive():
        if message.server_content is None:
            break  # expect: LM306
        collect(message.server_content, answer)
    return answer


async def ask_until_quiet(session, question: str) -> Answer:
    answer = Answer(bytearray(), [])
    await session.send_realtime_input(text=question)
    async for response in session.receive():
        if not response.server_content:
            return answer  # expect: LM306
        collect(response.server_content, answer)
    return answer


async def ask_and_meter(session, question: str) -> Answer:
    answer = Answer(bytearray(), [])
    await session.send_realtime_input(text=question)
    async for msg in session.receive():
        if msg.server_content:
            collect(msg.server_content, answer)
        if msg.usage_metadata is not None:
            answer.tokens = msg.usage_metadata.total_token_count or 0
            break  # expect: LM306
    return answer


async def ask_polite(session, question: str) -> Answer:
    answer = Answer(bytearray(), [])
    await session.send_realtime_input(text=question)
    async for msg in session.receive():
        if msg.go_away is not None:
            log.warning("server is closing the connection in %s", msg.go_away.time_left)
            break  # expect: LM306
        if msg.server_content:
            collect(msg.server_content, answer)
    return answer


async def ask_tolerant(session, question: str) -> Answer:
    answer = Answer(bytearray(), [])
    await session.send_realtime_input(text=question)
    async for message in session.receive():
        if message.server_content is None:
            continue
        collect(message.server_content, answer)
        if message.server_content.turn_complete:
            break
    return answer


async def ask_with_barge_in(session, question: str) -> Answer:
    answer = Answer(bytearray(), [])
    await session.send_realtime_input(text=question)
    async for message in session.receive():
        content = message.server_content
        if content is None:
            continue
        collect(content, answer)
        if content.interrupted:
            return answer
    return answer


async def handle_request(client: genai.Client, question: str, mode: str = "strict") -> Answer:
    handlers = {"strict": ask_strict, "quiet": ask_until_quiet, "meter": ask_and_meter,
                "polite": ask_polite, "tolerant": ask_tolerant, "barge": ask_with_barge_in}
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        return await handlers[mode](session, question)
