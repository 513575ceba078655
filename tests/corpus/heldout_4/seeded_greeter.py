"""Receptionist that replays a declared history seed: greeting-first, mic-first and nudged variants."""

import asyncio

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
    context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()),
)


def history_for(visitor: str) -> list[types.Content]:
    return [
        types.Content(role="user", parts=[types.Part(text=f"I am {visitor}, here for the 10:00 meeting.")]),
        types.Content(role="model", parts=[types.Part(text="Welcome back. Please take a seat.")]),
    ]


async def seed(session, visitor: str) -> None:
    await session.send_client_content(turns=history_for(visitor), turn_complete=True)


async def print_turn(session) -> None:
    async for msg in session.receive():
        sc = msg.server_content
        if sc and sc.output_transcription:
            print("desk:", sc.output_transcription.text)


async def greet_first(visitor: str) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_client_content(turns=history_for(visitor), turn_complete=True)  # expect: LM108
        await print_turn(session)


async def greet_via_helper(visitor: str) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await seed(session, visitor)  # expect: LM108
        first = await anext(session.receive())
        print("first message:", first.server_content is not None)


async def mic_first(visitor: str, mic) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        async def pump() -> None:
            async for chunk in mic:
                await session.send_realtime_input(
                    audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000")
                )

        sender = asyncio.create_task(pump())  # expect: LM107
        await seed(session, visitor)
        await print_turn(session)
        sender.cancel()


async def nudged(visitor: str) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await seed(session, visitor)
        await session.send_realtime_input(text="Greet the visitor by name.")
        await print_turn(session)


async def typed_before_seed(visitor: str) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text="Say hello.")  # expect: LM107
        await seed(session, visitor)
        await print_turn(session)
