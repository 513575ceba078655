"""Receptionist bot with a declared history seed: a greeting awaited from the seed alone, mic and activity signals racing the seed, and a correct nudge."""

from __future__ import annotations

import asyncio
import logging

from google import genai
from google.genai import types

log = logging.getLogger("reception")

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()

CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
    context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()),
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


def history_for(caller: dict) -> list[types.Content]:
    return [
        types.Content(role="user", parts=[types.Part(text=f"Caller: {caller['name']}, plan {caller['plan']}.")]),
        types.Content(role="model", parts=[types.Part(text="Noted.")]),
        types.Content(role="user", parts=[types.Part(text="Greet the caller by name and ask how you can help.")]),
    ]


async def pump_mic(session, mic) -> None:
    while True:
        chunk = await mic.read()
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


async def play_turns(session, speaker) -> None:
    while True:
        async for msg in session.receive():
            content = msg.server_content
            if content is None:
                continue
            for part in content.model_turn.parts if content.model_turn else []:
                if part.inline_data:
                    speaker.write(part.inline_data.data)
            if content.input_transcription:
                log.info("caller: %s", content.input_transcription.text)
            if content.output_transcription:
                log.info("agent: %s", content.output_transcription.text)


async def greet_known_caller(caller: dict, mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_client_content(turns=history_for(caller), turn_complete=True)  # expect: LM108
        async for msg in session.receive():
            if msg.data:
                speaker.write(msg.data)
        await asyncio.gather(pump_mic(session, mic), play_turns(session, speaker))


async def mic_first(caller: dict, mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        mic_task = asyncio.create_task(pump_mic(session, mic))  # expect: LM107
        await session.send_client_content(turns=history_for(caller)[:2], turn_complete=True)
        await asyncio.gather(mic_task, play_turns(session, speaker))


async def push_to_talk(caller: dict, mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(activity_start=types.ActivityStart())  # expect: LM107
        await session.send_client_content(turns=history_for(caller)[:2], turn_complete=True)
        await asyncio.gather(pump_mic(session, mic), play_turns(session, speaker))


async def greet_with_nudge(caller: dict, mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_client_content(turns=history_for(caller), turn_complete=True)
        await session.send_realtime_input(text=".")
        async with asyncio.TaskGroup() as tg:
            tg.create_task(pump_mic(session, mic))
            tg.create_task(play_turns(session, speaker))
