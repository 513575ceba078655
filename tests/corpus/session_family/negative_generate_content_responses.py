"""Negatives: generate_content / chats / TTS responses read with candidates[0].content.parts[0], .text, if/elif over parts."""

from __future__ import annotations

import io
import wave

from google import genai
from google.genai import types

client = genai.Client()
TEXT_MODEL = "gemini-2.5-flash"
TTS_MODEL = "gemini-2.5-flash-preview-tts"


def summarize(document: str) -> str:
    response = client.models.generate_content(model=TEXT_MODEL, contents=f"Summarise:\n{document}")
    return response.text or ""


def first_part_text(prompt: str) -> str:
    response = client.models.generate_content(model=TEXT_MODEL, contents=prompt)
    return response.candidates[0].content.parts[0].text


def last_part(prompt: str) -> types.Part:
    response = client.models.generate_content(model=TEXT_MODEL, contents=prompt)
    parts = response.candidates[0].content.parts
    return parts[-1]


def speak(text: str, path: str = "out.wav") -> None:
    response = client.models.generate_content(
        model=TTS_MODEL,
        contents=text,
        config=types.GenerateContentConfig(
            response_modalities=["AUDIO"],
            speech_config=types.SpeechConfig(
                voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Kore"))
            ),
        ),
    )
    pcm = response.candidates[0].content.parts[0].inline_data.data
    with wave.open(path, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(24000)
        wav.writeframes(pcm)


def describe(image: bytes) -> dict:
    response = client.models.generate_content(
        model=TEXT_MODEL,
        contents=[types.Part.from_bytes(data=image, mime_type="image/jpeg"), "Describe, then draw a sketch."],
    )
    result: dict = {"text": "", "images": []}
    for part in response.candidates[0].content.parts:
        if part.text:
            result["text"] += part.text
        elif part.inline_data:
            result["images"].append(part.inline_data.data)
        elif part.function_call:
            result["call"] = part.function_call.name
    return result


def route(prompt: str) -> str:
    response = client.models.generate_content(model=TEXT_MODEL, contents=prompt)
    if response.function_calls:
        return f"tool:{response.function_calls[0].name}"
    elif response.text:
        return response.text
    elif response.prompt_feedback:
        return f"blocked:{response.prompt_feedback.block_reason}"
    return ""


def chat_twice(first: str, second: str) -> list[str]:
    chat = client.chats.create(model=TEXT_MODEL)
    replies = [chat.send_message(first).text, chat.send_message(second).text]
    return [r or "" for r in replies]


def stream_poem(topic: str) -> str:
    out = io.StringIO()
    for chunk in client.models.generate_content_stream(model=TEXT_MODEL, contents=f"A poem about {topic}"):
        if chunk.candidates and chunk.candidates[0].content.parts:
            out.write(chunk.candidates[0].content.parts[0].text or "")
    return out.getvalue()


def transcribe(pcm16k: bytes) -> str:
    response = client.models.generate_content(
        model=TEXT_MODEL,
        contents=[types.Part.from_bytes(data=pcm16k, mime_type="audio/wav"), "Transcribe this."],
    )
    return response.text or ""
