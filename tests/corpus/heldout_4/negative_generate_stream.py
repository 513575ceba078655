"""Not Live: generate_content streaming and chats with 2.5-era thinking budgets, caps and part indexing."""

import asyncio

from google import genai
from google.genai import types

client = genai.Client(http_options={"api_version": "v1alpha"})
TEXT_MODEL = "gemini-2.5-flash"
IMAGE_MODEL = "gemini-2.0-flash-exp"

CONFIG = types.GenerateContentConfig(
    thinking_config=types.ThinkingConfig(thinking_budget=1024),
    max_output_tokens=8192,
    response_modalities=["TEXT"],
    tools=[types.Tool(function_declarations=[types.FunctionDeclaration(
        name="lookup", description="Look something up.", behavior=types.Behavior.NON_BLOCKING)])],
)


def stream_answer(prompt: str) -> str:
    pieces = []
    for chunk in client.models.generate_content_stream(model=TEXT_MODEL, contents=prompt, config=CONFIG):
        if chunk.text:
            pieces.append(chunk.text)
        if chunk.candidates and chunk.candidates[0].content.parts:
            first = chunk.candidates[0].content.parts[0]
            if first.inline_data and first.inline_data.mime_type == "audio/pcm":
                continue
    return "".join(pieces)


def draw(prompt: str) -> bytes | None:
    response = client.models.generate_content(
        model=IMAGE_MODEL, contents=prompt,
        config={"response_modalities": ["TEXT", "IMAGE"], "generation_config": {"temperature": 0.9}},
    )
    part = response.candidates[0].content.parts[0]
    return part.inline_data.data if part.inline_data else None


async def chat_session(questions: list[str]) -> list[str]:
    chat = client.aio.chats.create(model=TEXT_MODEL, config={"thinking_config": {"thinking_budget": 0}})
    answers = []
    for q in questions:
        stream = await chat.send_message_stream(q)
        text = ""
        async for chunk in stream:
            if chunk.function_calls:
                break
            text += chunk.text or ""
        answers.append(text)
    response = await chat.send_message(types.Part.from_function_response(
        name="lookup", response={"ok": True}))
    answers.append(response.text)
    return answers


def tool_reply(call_id: str) -> types.FunctionResponse:
    return types.FunctionResponse(id=call_id, name="lookup", response={"ok": True},
                                  will_continue=False, scheduling=types.FunctionResponseScheduling.SILENT)


if __name__ == "__main__":
    print(stream_answer("Explain session resumption in one paragraph."))
    print(asyncio.run(chat_session(["hi", "what is a go_away message?"])))
