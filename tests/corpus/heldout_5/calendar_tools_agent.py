"""Meeting-room booking agent with tools built from callables and config assembled from keyword overrides."""

import asyncio
import os

from google import genai
from google.genai import types

client = genai.Client()
BOOKING_MODEL = os.environ.get("BOOKING_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")  # expect: LM001


def book_room(room: str, start: str, minutes: int) -> dict:
    """Book a meeting room."""
    return {"room": room, "start": start, "minutes": minutes, "booked": True}


def find_free_rooms(start: str) -> list[str]:
    """List the rooms free at a time."""
    return ["Aurora", "Birch"]


HANDLERS = {"book_room": book_room, "find_free_rooms": find_free_rooms}


def booking_tools() -> list[types.Tool]:
    decls = [
        types.FunctionDeclaration.from_callable(client=client, callable=book_room, behavior="NON_BLOCKING"),  # expect: LM201
        types.FunctionDeclaration.from_callable(client=client, callable=find_free_rooms),
    ]
    return [types.Tool(function_declarations=decls)]


def session_kwargs(**overrides) -> dict:
    kwargs = {
        "response_modalities": ["AUDIO"],
        "tools": booking_tools(),
        "session_resumption": types.SessionResumptionConfig(),
    }
    kwargs.update(overrides)
    return kwargs


async def run_calls(session, tool_call: types.LiveServerToolCall) -> None:
    replies = []
    for fc in tool_call.function_calls:
        result = HANDLERS[fc.name](**fc.args)
        replies.append({
            "id": fc.id,
            "name": fc.name,
            "response": {"result": result},
            "will_continue": False,  # expect: LM202
        })
    await session.send_tool_response(function_responses=replies)


async def booking_desk(mic, speaker) -> None:
    config = types.LiveConnectConfig(**session_kwargs(output_audio_transcription=types.AudioTranscriptionConfig()))
    async with client.aio.live.connect(model=BOOKING_MODEL, config=config) as session:

        async def uplink() -> None:
            async for pcm in mic:
                await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

        async with asyncio.TaskGroup() as tg:
            tg.create_task(uplink())
            while True:
                async for msg in session.receive():
                    if msg.tool_call:
                        tg.create_task(run_calls(session, msg.tool_call))
                    sc = msg.server_content
                    if sc and sc.model_turn:
                        for part in sc.model_turn.parts:
                            if part.inline_data:
                                speaker.play(part.inline_data.data)
                    if sc and sc.output_transcription:
                        speaker.caption(sc.output_transcription.text)
