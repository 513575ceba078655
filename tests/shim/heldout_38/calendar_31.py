"""Calendar voice assistant, written for gemini-3.1-flash-live-preview.

Held-out program for the 3.8 bar (issue 12): written the way a team already on 3.1 writes
it (realtime text, synchronous tools, every part of a message read, the reply over at
``turn_complete``), not to suit livemigrate's rules. ``tests/shim/test_heldout_38.py`` runs
it as is, through the shim and after ``livemigrate fix``. Keep it a 3.1 program.

It asks by text what is on the calendar at 3 pm (the model looks it up with a function call
and waits for the answer), then sends one push-to-talk utterance ended with
``audio_stream_end``. Its last stdout line is a JSON report.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import struct
from dataclasses import dataclass, field

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
INPUT_RATE = 16_000

CALENDAR = {15: ["design review with Priya"]}


def get_events(hour: int) -> dict:
    return {"hour": hour, "events": CALENDAR.get(int(hour), [])}


FUNCTIONS = {"get_events": get_events}

get_events_declaration = types.FunctionDeclaration(
    name="get_events",
    description="Events on the user's calendar that start at the given hour (0-23).",
    parameters_json_schema={
        "type": "object",
        "properties": {"hour": {"type": "integer", "minimum": 0, "maximum": 23}},
        "required": ["hour"],
    },
)

CONFIG: dict = {
    "response_modalities": ["AUDIO"],
    "system_instruction": "You manage the user's calendar. Answer in one short sentence.",
    "thinking_config": {"thinking_level": "minimal"},  # lowest latency for a voice UI
    "tools": [{"function_declarations": [get_events_declaration]}],
    "input_audio_transcription": {},
    "output_audio_transcription": {},
}


@dataclass
class Transcript:
    audio: bytearray = field(default_factory=bytearray)
    chunks: int = 0
    model: list[str] = field(default_factory=list)
    user: list[str] = field(default_factory=list)
    tool_results: list[dict] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps({
            "audio_bytes": len(self.audio),
            "audio_sha256": hashlib.sha256(bytes(self.audio)).hexdigest(),
            "chunks": self.chunks,
            "transcript": self.model,
            "heard": self.user,
            "tool_results": self.tool_results,
        })


async def call_functions(session, tool_call: types.LiveServerToolCall, log: Transcript) -> None:
    responses = []
    for fc in tool_call.function_calls:
        result = FUNCTIONS[fc.name](**fc.args)
        log.tool_results.append({"name": fc.name, "args": fc.args, "result": result})
        responses.append(types.FunctionResponse(id=fc.id, name=fc.name, response=result))
    # 3.1 calls functions synchronously: the model resumes once it has these
    await session.send_tool_response(function_responses=responses)


async def reply(session, log: Transcript) -> None:
    """Everything the model says until its turn is complete."""
    async for message in session.receive():
        if message.tool_call:
            await call_functions(session, message.tool_call, log)
        content = message.server_content
        if not content:
            continue
        # 3.1 packs audio, transcripts and turn_complete into the same message
        if content.model_turn:
            for part in content.model_turn.parts or []:
                if part.inline_data and part.inline_data.data:
                    log.audio += part.inline_data.data
                    log.chunks += 1
        if content.input_transcription and content.input_transcription.text:
            log.user.append(content.input_transcription.text)
        if content.output_transcription and content.output_transcription.text:
            log.model.append(content.output_transcription.text)
        if content.turn_complete:
            break


def microphone(seconds: float = 0.6, chunk_ms: int = 50):
    """Push-to-talk capture stand-in: 16-bit mono PCM at 16 kHz, in chunk_ms pieces."""
    per_chunk = INPUT_RATE * chunk_ms // 1000
    total = int(seconds * INPUT_RATE)
    for start in range(0, total, per_chunk):
        yield struct.pack(
            f"<{per_chunk}h",
            *(int(4000 * math.sin(2 * math.pi * 330 * (start + i) / INPUT_RATE)) for i in range(per_chunk)),
        )


async def main() -> None:
    client = genai.Client()
    log = Transcript()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text="What's on my calendar at 3 pm?")
        await reply(session, log)

        for chunk in microphone():
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(audio_stream_end=True)
        await reply(session, log)
    print(log.as_json())


if __name__ == "__main__":
    asyncio.run(main())
