"""Module-level helper coroutines handed the session through asyncio.TaskGroup: typed text per line, first-part audio reads."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator

from google import genai
from google.genai import types

MODEL_ID = "gemini-2.5-flash-native-audio-preview-12-2025"

CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    system_instruction="You are a concise cooking assistant. Answer in one or two sentences.",
)


async def stdin_lines() -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        yield line.decode().strip()


async def stream_mic(session, mic: AsyncIterator[bytes]) -> None:
    async for chunk in mic:
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


async def forward_typed_text(session) -> None:
    """Lets the user type while talking (e.g. spelling a recipe name)."""
    async for line in stdin_lines():
        if not line:
            continue
        await session.send_client_content(  # expect: LM101
            turns=types.Content(role="user", parts=[types.Part(text=line)]),
            turn_complete=True,
        )


async def play_replies(session, speaker: asyncio.Queue[bytes]) -> None:
    while True:
        async for message in session.receive():
            server_content = message.server_content
            if server_content is None:
                continue
            if server_content.model_turn is not None:
                part = server_content.model_turn.parts[0]  # expect: LM301
                if part.inline_data is not None:
                    speaker.put_nowait(part.inline_data.data)
            if server_content.output_transcription is not None:
                print("model:", server_content.output_transcription.text)
            if server_content.turn_complete:
                print("-- turn complete --")


async def main(mic: AsyncIterator[bytes], speaker: asyncio.Queue[bytes]) -> None:
    client = genai.Client()
    async with client.aio.live.connect(model=MODEL_ID, config=CONFIG) as session:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(stream_mic(session, mic))
            tg.create_task(forward_typed_text(session))
            tg.create_task(play_replies(session, speaker))
