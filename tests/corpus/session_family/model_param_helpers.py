"""Model chosen by the caller (no 2.x literal here): ungated send/receive constructs are still reported."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

from google import genai
from google.genai import types


async def _answer_tools(session, tool_call: types.LiveServerToolCall, registry: dict[str, Callable[..., dict]]) -> None:
    responses = [
        types.FunctionResponse(id=fc.id, name=fc.name, response=registry[fc.name](**(fc.args or {})))
        for fc in tool_call.function_calls or []
    ]
    await session.send_tool_response(function_responses=responses)


async def push_note(session, note: str) -> None:
    await session.send_client_content(  # expect: LM101
        turns=types.Content(role="user", parts=[types.Part(text=note)]),
        turn_complete=True,
    )


async def run_agent(
    client: genai.Client,
    model: str,
    mic: AsyncIterator[bytes],
    notes: asyncio.Queue[str],
    play: Callable[[bytes], None],
    registry: dict[str, Callable[..., dict]],
) -> None:
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )
    async with client.aio.live.connect(model=model, config=config) as session:

        async def forward_mic() -> None:
            async for chunk in mic:
                await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

        async def forward_notes() -> None:
            while True:
                await push_note(session, await notes.get())

        tasks = [asyncio.create_task(forward_mic()), asyncio.create_task(forward_notes())]
        try:
            while True:
                async for message in session.receive():
                    if message.tool_call:
                        await _answer_tools(session, message.tool_call, registry)
                    content = message.server_content
                    if content is None:
                        continue
                    if content.model_turn and content.model_turn.parts:
                        chunk = content.model_turn.parts[0].inline_data  # expect: LM301
                        if chunk is not None:
                            play(chunk.data)
                            continue  # expect: LM303
                    if content.output_transcription:
                        print(content.output_transcription.text, end="")
                    if content.turn_complete:
                        print()
        finally:
            for task in tasks:
                task.cancel()


async def greet_after_audio(client: genai.Client, model: str, opening_audio: bytes) -> None:
    async with client.aio.live.connect(model=model, config={"response_modalities": ["AUDIO"]}) as session:
        await session.send_realtime_input(audio=types.Blob(data=opening_audio, mime_type="audio/pcm;rate=16000"))
        await session.send_client_content(turns={"role": "user", "parts": [{"text": "Please greet the caller."}]})  # expect: LM101
        async for message in session.receive():
            if message.server_content and message.server_content.turn_complete:
                break
