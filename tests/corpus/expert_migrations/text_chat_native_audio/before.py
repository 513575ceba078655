"""A terminal chat with a Live persona: type a line, read the reply.

Uses the Live API (not generate_content) so the same persona and tools serve the voice app.
"""

import asyncio
import os
import readline  # noqa: F401  (line editing for input())

from google import genai
from google.genai import types

PERSONA = (
    "You are Ada, a patient tutor for Python beginners. "
    "Answer in at most three sentences and ask one question back."
)

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"

config = types.LiveConnectConfig(
    response_modalities=[types.Modality.TEXT],
    system_instruction=types.Content(parts=[types.Part(text=PERSONA)]),
    temperature=0.4,
)


def render(reply: str) -> str:
    """Indent the model's reply under its name, as the web UI does."""
    lines = reply.strip().splitlines() or [""]
    return "ada> " + "\n     ".join(lines)


async def ask(session, line: str) -> str:
    await session.send_client_content(
        turns=types.Content(role="user", parts=[types.Part(text=line)]),
        turn_complete=True,
    )
    reply = []
    async for message in session.receive():
        if message.text:
            reply.append(message.text)
        if message.server_content and message.server_content.turn_complete:
            break
    return "".join(reply)


async def chat() -> None:
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        print("Type your question (empty line to quit).")
        while True:
            line = (await asyncio.to_thread(input, "you> ")).strip()
            if not line:
                break
            print(render(await ask(session, line)))


async def transcript_from_file(path: str) -> list[str]:
    """Replay a saved list of questions, one per line, and return Ada's answers."""
    answers = []
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        with open(path, encoding="utf-8") as questions:
            for question in questions:
                question = question.strip()
                if question:
                    answers.append(await ask(session, question))
    return answers


if __name__ == "__main__":
    import sys

    if len(sys.argv) > 1:
        for answer in asyncio.run(transcript_from_file(sys.argv[1])):
            print(render(answer))
    else:
        asyncio.run(chat())
