"""Not Live: generate_content streaming and chats with 2.5-era settings that are correct there."""

from google import genai
from google.genai import types

client = genai.Client(http_options={"api_version": "v1alpha"})
TEXT_MODEL = "gemini-2.5-flash"
IMAGE_MODEL = "gemini-2.0-flash-exp"

SUMMARY_CONFIG = types.GenerateContentConfig(
    thinking_config=types.ThinkingConfig(thinking_budget=2048),
    max_output_tokens=8192,
    response_modalities=["TEXT"],
    tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="lookup", behavior="NON_BLOCKING")])],
)


def stream_summary(document: str) -> str:
    pieces = []
    for chunk in client.models.generate_content_stream(model=TEXT_MODEL, contents=document, config=SUMMARY_CONFIG):
        if chunk.candidates and chunk.candidates[0].content.parts:
            first = chunk.candidates[0].content.parts[0]
            if first.text:
                pieces.append(first.text)
    return "".join(pieces)


def sketch(prompt: str) -> bytes | None:
    response = client.models.generate_content(
        model=IMAGE_MODEL,
        contents=prompt,
        config={"response_modalities": ["TEXT", "IMAGE"], "generation_config": {"temperature": 0.9}},
    )
    for part in response.candidates[0].content.parts:
        if part.inline_data and part.inline_data.mime_type == "image/png":
            return part.inline_data.data
    return None


def live_chat_session(history: list[str]) -> str:
    chat = client.chats.create(model=TEXT_MODEL, config={"thinking_config": {"thinkingBudget": 0}})
    for line in history:
        reply = chat.send_message(line)
        if reply.text is None:
            continue
    stream = chat.send_message_stream("Summarise our conversation.")
    return "".join(piece.text or "" for piece in stream)


def answer_tool(name: str, result: dict) -> types.FunctionResponse:
    return types.FunctionResponse(name=name, response=result, will_continue=False, scheduling="SILENT")
