"""generate_content, streams and chats with 2.5-era settings: correct code outside the Live API."""

from google import genai
from google.genai import types

client = genai.Client(http_options={"api_version": "v1alpha"})
TEXT_MODEL = "gemini-2.5-flash"

config = types.GenerateContentConfig(
    response_modalities=["TEXT"],
    max_output_tokens=8192,
    thinking_config=types.ThinkingConfig(thinking_budget=1024),
    tools=[types.Tool(function_declarations=[types.FunctionDeclaration(
        name="lookup", description="Look something up.", behavior=types.Behavior.NON_BLOCKING)])],
)


def summarise(text: str) -> str:
    response = client.models.generate_content(model=TEXT_MODEL, contents=text, config=config)
    return response.candidates[0].content.parts[0].text


def stream_story(prompt: str) -> str:
    pieces = []
    for chunk in client.models.generate_content_stream(model=TEXT_MODEL, contents=prompt, config=config):
        if chunk.text:
            pieces.append(chunk.text)
            continue
        elif chunk.function_calls:
            break
    return "".join(pieces)


def chat_session(questions: list[str]) -> list[str]:
    session = client.chats.create(model=TEXT_MODEL, config={"max_output_tokens": 8192, "temperature": 0.3})
    answers = []
    for question in questions:
        for chunk in session.send_message_stream(question):
            answers.append(chunk.text or "")
        reply = session.send_message(types.Part(text=question))
        answers.append(reply.text)
    return answers


def image_caption(image: bytes) -> str:
    reply = client.models.generate_content(
        model=TEXT_MODEL,
        contents=[types.Part.from_bytes(data=image, mime_type="image/jpeg"), "Caption this."],
        config={"thinking_config": {"thinking_budget": 0}},
    )
    return next(iter(reply.candidates)).content.parts[0].text
