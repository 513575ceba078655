"""`# noqa` on session-family lines: suppressed lines carry no marker, unsuppressed neighbours still do."""

from __future__ import annotations

import asyncio

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
PINNED_MIME = "audio/pcm"  # noqa: LM106
CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])


async def operator_console(session, lines: asyncio.Queue[str]) -> None:
    while True:
        text = await lines.get()
        if text.startswith("!"):
            # Pinned to 2.5 until the supervisor console is rewritten.
            await session.send_client_content(turns={"role": "user", "parts": [{"text": text[1:]}]})  # noqa: LM101
        elif text.startswith("?"):
            await session.send(input=text[1:], end_of_turn=True)  # noqa
        else:
            await session.send_client_content(turns={"role": "user", "parts": [{"text": text}]})  # expect: LM101


async def listen(session) -> None:
    async for message in session.receive():
        if message.server_content and message.server_content.model_turn:
            first = message.server_content.model_turn.parts[0]  # noqa: LM301
            print(first.inline_data.mime_type if first.inline_data else "text")
        if message.server_content and message.server_content.turn_complete:
            break


async def main(mic_chunks: list[bytes]) -> None:
    client = genai.Client()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        for chunk in mic_chunks:
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type=PINNED_MIME))
        await session.send(input=types.Blob(data=mic_chunks[-1], mime_type="audio/pcm;rate=16000"))  # expect: LM103
        lines: asyncio.Queue[str] = asyncio.Queue()
        await asyncio.gather(operator_console(session, lines), listen(session))
