"""Spoken maths tutor on Gemini 2.5 native audio with thinking, headed for 3.8 extended thinking.

Held-out program for the 3.8 bar (issue 12), the XT-bound one: a 2.5 app that leaned on a
large thinking budget, written with the older SDK surface (a camelCase dict config,
``session.send``, ``response.data``), not to suit livemigrate's rules.
``tests/shim/test_heldout_38.py`` runs it against the 3.8 XT emulator as is, through the shim
and after ``livemigrate fix``. Keep it a 2.5 program.

The student types a question, the model checks an answer key with a (blocking) function
call, then the student says something into the microphone (push-to-talk, ended with
``audio_stream_end``). The last stdout line is a JSON report.
"""

import asyncio
import hashlib
import json
import math
import struct
import sys

from google import genai
from google.genai import types

MODEL_ID = "gemini-2.5-flash-native-audio-preview-09-2025"

ANSWER_KEY = {"7.3": "x = 4"}

CONFIG = {
    "responseModalities": ["AUDIO"],
    "systemInstruction": {"parts": [{"text": "You are a patient maths tutor. Check answers with the key."}]},
    "thinkingConfig": {"thinkingBudget": 8192, "includeThoughts": True},
    "inputAudioTranscription": {},
    "outputAudioTranscription": {},
    "tools": [
        {
            "functionDeclarations": [
                {
                    "name": "answer_key",
                    "description": "The worked answer for an exercise number such as 7.3",
                    "parameters": {
                        "type": "OBJECT",
                        "properties": {"exercise": {"type": "STRING"}},
                        "required": ["exercise"],
                    },
                }
            ]
        }
    ],
}

stats = {"audio": b"", "messages_with_audio": 0, "said": [], "heard": [], "thoughts": [], "tools": []}


def mic_frames(seconds=0.5, rate=16000, frame=800):
    n = int(seconds * rate)
    pcm = struct.pack("<%dh" % n, *[int(3000 * math.sin(i / 7.0)) for i in range(n)])
    for i in range(0, len(pcm), frame * 2):
        yield pcm[i:i + frame * 2]


async def handle_tool_call(session, tool_call):
    for fc in tool_call.function_calls:
        result = {"exercise": fc.args["exercise"], "answer": ANSWER_KEY.get(fc.args["exercise"], "unknown")}
        stats["tools"].append({"name": fc.name, "args": dict(fc.args), "result": result})
        await session.send(input=types.FunctionResponse(id=fc.id, name=fc.name, response=result))


async def receive_turn(session):
    while True:
        async for response in session.receive():
            if response.tool_call:
                await handle_tool_call(session, response.tool_call)
            if response.data:
                stats["audio"] += response.data
                stats["messages_with_audio"] += 1
            sc = response.server_content
            if sc is None:
                continue
            if sc.model_turn:
                stats["thoughts"] += [p.text for p in sc.model_turn.parts if p.thought and p.text]
            if sc.input_transcription:
                stats["heard"].append(sc.input_transcription.text)
            if sc.output_transcription:
                stats["said"].append(sc.output_transcription.text)
            if sc.turn_complete:
                return


async def main():
    client = genai.Client(http_options={"api_version": "v1beta"})
    async with client.aio.live.connect(model=MODEL_ID, config=CONFIG) as session:
        await session.send(input="Is x = 4 right for exercise 7.3?", end_of_turn=True)
        await receive_turn(session)

        for frame in mic_frames():
            await session.send_realtime_input(audio={"data": frame, "mime_type": "audio/pcm;rate=16000"})
        await session.send_realtime_input(audio_stream_end=True)
        await receive_turn(session)

    audio = stats.pop("audio")
    print(json.dumps({
        "audio_bytes": len(audio),
        "audio_sha256": hashlib.sha256(audio).hexdigest(),
        "transcript": stats["said"],
        "heard": stats["heard"],
        "thoughts": stats["thoughts"],
        "tool_results": stats["tools"],
    }))


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
