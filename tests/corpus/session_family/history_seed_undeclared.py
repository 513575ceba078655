"""History seeded with send_client_content before realtime input: undeclared, declared False, or ending with turn_complete=False."""

from __future__ import annotations

from collections.abc import AsyncIterator

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
GREETING = "Hi, this is Sam from Northwind. How can I help you today?"

client = genai.Client()


def pcm(chunk: bytes) -> types.Blob:
    return types.Blob(data=chunk, mime_type="audio/pcm;rate=16000")


async def continue_conversation(summary: str, last_answer: str, mic: AsyncIterator[bytes]) -> None:
    """Undeclared seed of a user turn and a model turn."""
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        system_instruction="You are a patient tech-support agent.",
    )
    history = [
        types.Content(role="user", parts=[types.Part(text=f"Summary of our last call: {summary}")]),
        types.Content(role="model", parts=[types.Part(text=last_answer)]),
    ]
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_client_content(turns=history, turn_complete=True)  # expect: LM102
        async for chunk in mic:
            await session.send_realtime_input(audio=pcm(chunk))


async def greet_then_listen(mic: AsyncIterator[bytes]) -> None:
    """Declared, but the seed never completes: the last seed call says turn_complete=False."""
    config = {
        "response_modalities": ["AUDIO"],
        "history_config": {"initial_history_in_client_content": True},
    }
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_client_content(  # expect: LM102
            turns=[
                {"role": "user", "parts": [{"text": "(the caller has just been connected)"}]},
                {"role": "model", "parts": [{"text": GREETING}]},
            ],
            turn_complete=False,
        )
        async for chunk in mic:
            await session.send_realtime_input(audio=pcm(chunk))


async def prime_with_greeting(mic: AsyncIterator[bytes]) -> None:
    """2.5 workaround: a model-role turn with turn_complete=False so audio input still gets an answer."""
    config = types.LiveConnectConfig(response_modalities=["AUDIO"])
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_client_content(  # expect: LM102
            turns=types.Content(role="model", parts=[types.Part(text=GREETING)]),
            turn_complete=False,
        )
        async for chunk in mic:
            await session.send_realtime_input(audio=pcm(chunk))


async def explicitly_disabled(mic: AsyncIterator[bytes]) -> None:
    """history_config present but switched off."""
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        history_config=types.HistoryConfig(initial_history_in_client_content=False),
    )
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_client_content(  # expect: LM102
            turns=[
                types.Content(role="user", parts=[types.Part(text="My account number is 4417.")]),
                types.Content(role="model", parts=[types.Part(text="Thanks, I have account 4417 open.")]),
                types.Content(role="user", parts=[types.Part(text="I want to change my plan.")]),
            ],
        )
        async for chunk in mic:
            await session.send_realtime_input(audio=pcm(chunk))
