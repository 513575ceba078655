"""Short-lived Live sessions (CLI question, WAV file, fixed prompt batch, bounded retries): nothing to manage for session length, tool calls answered."""

from __future__ import annotations

import argparse
import asyncio
import wave

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="convert_units")])],
)


def convert_units(value: float, unit: str) -> dict:
    return {"value": value * 2.54, "unit": "cm"} if unit == "in" else {"value": value, "unit": unit}


async def one_turn(session) -> str:
    words: list[str] = []
    async for msg in session.receive():
        if msg.tool_call:
            await session.send_tool_response(function_responses=[
                types.FunctionResponse(id=fc.id, name=fc.name, response=convert_units(**fc.args))
                for fc in msg.tool_call.function_calls
            ])
        if msg.server_content and msg.server_content.output_transcription:
            words.append(msg.server_content.output_transcription.text or "")
        if msg.server_content and msg.server_content.turn_complete:
            break
    return "".join(words)


async def ask(client: genai.Client, question: str) -> str:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text=question)
        return await one_turn(session)


async def ask_wav(client: genai.Client, path: str) -> str:
    with wave.open(path, "rb") as wf:
        pcm = wf.readframes(wf.getnframes())
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        for start in range(0, len(pcm), 3200):
            await session.send_realtime_input(audio=types.Blob(data=pcm[start:start + 3200], mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(audio_stream_end=True)
        return await one_turn(session)


async def batch(client: genai.Client, prompts: list[str]) -> list[str]:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        answers = []
        for prompt in prompts:
            await session.send_realtime_input(text=prompt)
            answers.append(await one_turn(session))
        return answers


async def ask_with_retries(client: genai.Client, question: str) -> str:
    attempts = 0
    while attempts < 3:
        attempts += 1
        try:
            return await ask(client, question)
        except TimeoutError:
            await asyncio.sleep(attempts)
    return ""


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("question")
    args = parser.parse_args()
    print(asyncio.run(ask_with_retries(genai.Client(), args.question)))
