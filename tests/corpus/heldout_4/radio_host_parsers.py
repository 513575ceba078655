"""Radio-host app whose receive side is split into small parsing helpers fed by one receive loop."""

import asyncio
import os

from google import genai
from google.genai import types

from radio.playout import Playout

HOST_MODEL = os.getenv("HOST_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")  # expect: LM001
client = genai.Client()

HOST_CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    context_window_compression=types.ContextWindowCompressionConfig(trigger_tokens=25600),
)


def last_audio(msg: types.LiveServerMessage) -> bytes | None:
    parts = msg.server_content.model_turn.parts
    return parts[-1].inline_data.data if parts[-1].inline_data else None  # expect: LM301


def first_chunk(msg: types.LiveServerMessage):
    return next(iter(msg.server_content.model_turn.parts))  # expect: LM301


def handle(msg: types.LiveServerMessage, playout: Playout, script: list[str]) -> None:
    sc = msg.server_content
    if sc.model_turn:
        for part in sc.model_turn.parts:
            if part.inline_data:
                playout.push(part.inline_data.data)
        return  # expect: LM303
    if sc.output_transcription:
        script.append(sc.output_transcription.text)
    if sc.turn_complete:
        playout.mark_segment()


async def on_air(playout: Playout, cues: asyncio.Queue) -> list[str]:
    script: list[str] = []
    async with client.aio.live.connect(model=HOST_MODEL, config=HOST_CONFIG) as session:

        async def read_cues() -> None:
            while True:
                cue = await cues.get()
                await session.send_realtime_input(text=cue)

        cue_task = asyncio.create_task(read_cues())
        try:
            while True:
                async for msg in session.receive():
                    if msg.server_content is None:
                        return script  # expect: LM306
                    handle(msg, playout, script)
                    for part in msg.server_content.model_turn.parts if msg.server_content.model_turn else []:
                        if part.inline_data and part.inline_data.mime_type != "audio/pcm":  # expect: LM307
                            continue
                        words = part.text  # expect: LM304
                        if words:
                            script.append(words)
        finally:
            cue_task.cancel()


async def intro(playout: Playout) -> None:
    async with client.aio.live.connect(model=HOST_MODEL, config=HOST_CONFIG) as session:
        await session.send_realtime_input(text="Introduce the morning show in one sentence.")
        async for msg in session.receive():
            if msg.server_content and msg.server_content.model_turn:
                chunk = msg.server_content.model_turn.parts[0].inline_data  # expect: LM301
                if chunk:
                    playout.push(chunk.data)
