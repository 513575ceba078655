"""Support desk: undeclared history seeds, a seed left open, and typed text sent as client content per turn."""

import asyncio

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()

PLAIN = {"response_modalities": ["AUDIO"], "session_resumption": {}}
DECLARED = {
    "response_modalities": ["AUDIO"],
    "session_resumption": {},
    "history_config": {"initial_history_in_client_content": True},
}


def ticket_turns(ticket: dict) -> list[dict]:
    return [
        {"role": "user", "parts": [{"text": f"My order {ticket['order']} has not arrived."}]},
        {"role": "model", "parts": [{"text": "I am sorry to hear that. Let me look it up."}]},
        {"role": "user", "parts": [{"text": ticket["latest_message"]}]},
    ]


async def speak(session, speaker: asyncio.Queue) -> None:
    async for msg in session.receive():
        if msg.server_content and msg.server_content.model_turn:
            for part in msg.server_content.model_turn.parts:
                if part.inline_data:
                    speaker.put_nowait(part.inline_data.data)


async def continue_ticket(ticket: dict, mic: asyncio.Queue, speaker: asyncio.Queue) -> None:
    async with client.aio.live.connect(model=MODEL, config=PLAIN) as session:
        await session.send_client_content(turns=ticket_turns(ticket), turn_complete=True)  # expect: LM102
        while True:
            chunk = await mic.get()
            if chunk is None:
                break
            await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
        await speak(session, speaker)


async def continue_ticket_open_seed(ticket: dict, mic: asyncio.Queue, speaker: asyncio.Queue) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:
        await session.send_client_content(turns=ticket_turns(ticket), turn_complete=False)  # expect: LM102
        while (chunk := await mic.get()) is not None:
            await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
        await speak(session, speaker)


async def typed_chat(lines: asyncio.Queue, speaker: asyncio.Queue) -> None:
    async with client.aio.live.connect(model=MODEL, config=PLAIN) as session:
        while True:
            line = await lines.get()
            if line is None:
                return
            await session.send_client_content(  # expect: LM101
                turns={"role": "user", "parts": [{"text": line}]}, turn_complete=True,
            )
            await speak(session, speaker)
