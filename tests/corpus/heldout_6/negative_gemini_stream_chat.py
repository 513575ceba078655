"""Not Live: generate_content streaming, chats and uploads carrying 2.5-era settings."""
from google import genai
from google.genai import types

client = genai.Client(http_options={"api_version": "v1alpha"})
TEXT_MODEL = "gemini-2.0-flash-exp"
STREAM_CONFIG = types.GenerateContentConfig(
    thinking_config=types.ThinkingConfig(thinking_budget=1024),
    max_output_tokens=8192,
    response_modalities=["TEXT"],
)


def stream_story(prompt: str) -> str:
    out = []
    for chunk in client.models.generate_content_stream(model="gemini-2.5-flash", contents=prompt, config=STREAM_CONFIG):
        if chunk.candidates and chunk.candidates[0].content.parts:
            first = chunk.candidates[0].content.parts[0]
            out.append(first.text or "")
    return "".join(out)


def transcribe_upload(pcm: bytes) -> str:
    reply = client.models.generate_content(
        model=TEXT_MODEL,
        contents=[types.Part.from_bytes(data=pcm, mime_type="audio/pcm"), "Transcribe this clip."],
    )
    return reply.text


def weather_chat(city: str) -> str:
    decl = types.FunctionDeclaration(name="forecast", description="Forecast for a city.", behavior="NON_BLOCKING")
    chat = client.chats.create(model="gemini-2.5-flash", config=types.GenerateContentConfig(
        tools=[types.Tool(function_declarations=[decl])],
        thinking_config=types.ThinkingConfig(thinking_budget=256),
    ))
    reply = chat.send_message(f"What's the weather in {city}?")
    for call in reply.function_calls or []:
        reply = chat.send_message(types.Part(function_response=types.FunctionResponse(
            id=call.id, name=call.name, response={"sky": "clear"}, will_continue=False,
            scheduling=types.FunctionResponseScheduling.WHEN_IDLE)))
    if reply.candidates[0].content.parts[0].text:
        return reply.text
    return ""


def live_blog_summary(entries: list[str]) -> str:
    """Summarise a live blog (a news page, not the Live API)."""
    session_notes = "\n".join(entries)
    result = client.models.generate_content(
        model="gemini-2.5-flash",
        contents=f"Summarise this live blog:\n{session_notes}",
        config={"temperature": 0.2, "max_output_tokens": 8192},
    )
    return result.text
