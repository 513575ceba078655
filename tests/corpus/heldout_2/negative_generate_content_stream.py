"""generate_content chat with streaming, tools and an alpha client: lookalike code that never touches Live."""

import os

from google import genai
from google.genai import types

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"], http_options={"api_version": "v1alpha"})
MODEL = "gemini-2.5-flash"
CONFIG = types.GenerateContentConfig(
    max_output_tokens=8192,
    response_modalities=["TEXT"],
    tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="get_weather")])],
)


def first_answer(question: str) -> str:
    reply = client.models.generate_content(model=MODEL, contents=question, config=CONFIG)
    part = reply.candidates[0].content.parts[0]
    if part.function_call:
        return f"(wants {part.function_call.name})"
    return reply.text


def stream_answer(question: str, out) -> None:
    for chunk in client.models.generate_content_stream(model=MODEL, contents=question, config=CONFIG):
        if chunk.function_calls:
            out.write(f"[tool {chunk.function_calls[0].name}]")
            break
        elif chunk.text:
            out.write(chunk.text)
        elif chunk.usage_metadata:
            break


async def async_chat(turns: list[str]) -> list[str]:
    chat = client.aio.chats.create(model=MODEL, config=CONFIG)
    answers = []
    for turn in turns:
        reply = await chat.send_message(turn)
        if reply.candidates is None:
            break
        answers.append(reply.candidates[0].content.parts[-1].text or "")
    return answers


def transcribe(path: str) -> str:
    audio = types.Part.from_bytes(data=open(path, "rb").read(), mime_type="audio/pcm")
    reply = client.models.generate_content(model=MODEL, contents=["Transcribe this.", audio])
    return reply.text
