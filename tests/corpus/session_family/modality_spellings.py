"""TEXT response modality in every spelling on native-audio and 3.1 Live models; AUDIO and generate_content configs stay clean."""

from __future__ import annotations

from google import genai
from google.genai import types
from google.genai.types import LiveConnectConfig, Modality

NATIVE_AUDIO = "gemini-2.5-flash-native-audio-preview-12-2025"
LIVE_31 = "gemini-3.1-flash-live-preview"

client = genai.Client()

TYPED_TEXT = types.LiveConnectConfig(
    response_modalities=[types.Modality.TEXT],  # expect: LM005
    system_instruction="Answer in one short paragraph.",
)

LOWERCASE_DICT = {"response_modalities": ["text"]}  # expect: LM005

CAMEL_BOTH = {
    "responseModalities": ["TEXT", "AUDIO"],  # expect: LM005
    "outputAudioTranscription": {},
}

NESTED = {
    "generation_config": {
        "response_modalities": ["TEXT"],  # expect: LM005
        "temperature": 0.3,
    },
}

AUDIO_ONLY = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


async def ask(config, question: str, model: str = NATIVE_AUDIO) -> str:
    chunks: list[str] = []
    async with client.aio.live.connect(model=model, config=config) as session:
        await session.send_realtime_input(text=question)
        async for message in session.receive():
            content = message.server_content
            if content and content.output_transcription and content.output_transcription.text:
                chunks.append(content.output_transcription.text)
            if content and content.turn_complete:
                break
    return "".join(chunks)


async def run_all(question: str) -> list[str]:
    return [
        await ask(TYPED_TEXT, question),
        await ask(LOWERCASE_DICT, question),
        await ask(CAMEL_BOTH, question),
        await ask(NESTED, question),
        await ask(AUDIO_ONLY, question),
    ]


async def on_31(question: str) -> str:
    config = LiveConnectConfig(response_modalities=["TEXT"])  # expect: LM005
    return await ask(config, question, model=LIVE_31)


async def for_any_model(model: str, question: str) -> str:
    config = LiveConnectConfig(
        response_modalities=[Modality.TEXT],  # expect: LM005
    )
    return await ask(config, question, model=model)


def caption_image(image_bytes: bytes) -> str:
    response = client.models.generate_content(
        model="gemini-2.5-flash",
        contents=[types.Part.from_bytes(data=image_bytes, mime_type="image/png"), "Caption this image."],
        config=types.GenerateContentConfig(response_modalities=["TEXT"]),
    )
    return response.text or ""


def illustrate(prompt: str) -> bytes | None:
    response = client.models.generate_content(
        model="gemini-2.5-flash-image",
        contents=prompt,
        config={"response_modalities": ["TEXT", "IMAGE"]},
    )
    for part in response.candidates[0].content.parts:
        if part.inline_data is not None:
            return part.inline_data.data
    return None
