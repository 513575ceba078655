"""Tool calls answered with legacy session.send, then a follow-up instruction sent with send_client_content inside the receive loop."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"

SEARCH_FLIGHTS = {
    "name": "search_flights",
    "description": "Search flights between two airports on a date.",
    "parameters": {
        "type": "OBJECT",
        "properties": {
            "origin": {"type": "STRING"},
            "destination": {"type": "STRING"},
            "date": {"type": "STRING"},
        },
        "required": ["origin", "destination", "date"],
    },
}

CONFIG = {
    "response_modalities": ["AUDIO"],
    "tools": [{"function_declarations": [SEARCH_FLIGHTS]}],
    "output_audio_transcription": {},
}


def search_flights(origin: str, destination: str, date: str) -> dict[str, Any]:
    return {"flights": [{"number": "LH401", "departs": f"{date}T09:40", "from": origin, "to": destination}]}


async def travel_desk(request: str) -> list[str]:
    client = genai.Client()
    transcript: list[str] = []
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text=request)
        while True:
            answered = False
            async for message in session.receive():
                if message.tool_call is not None:
                    responses = [
                        types.FunctionResponse(id=fc.id, name=fc.name, response=search_flights(**fc.args))
                        for fc in message.tool_call.function_calls
                    ]
                    await session.send(input=responses)  # expect: LM103
                    await session.send_client_content(  # expect: LM101
                        turns={"role": "user", "parts": [{"text": "Read me only the cheapest option."}]},
                        turn_complete=True,
                    )
                    answered = True
                content = message.server_content
                if content is not None and content.output_transcription is not None:
                    transcript.append(content.output_transcription.text or "")
            if not answered:
                break
    return transcript


if __name__ == "__main__":
    print(json.dumps(asyncio.run(travel_desk("Flights from Munich to Lisbon on 2026-05-02?")), indent=2))
