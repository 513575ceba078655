"""Notebook exported to a script: a pasted API key, v1alpha kept for affective dialog, one photo and one question per session, an 8192 output cap."""

# %% [markdown]
# # Ask Gemini Live about a photo
# Run the cells in order. The session answers in audio; we save it to a WAV file.

# %%
import asyncio
import wave

import PIL.Image
from google import genai
from google.genai import types

API_KEY = "AIzaSyPtYgjmUhBel31iEl2hpChYgCfrL1spNxn"  # expect: LM501
MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"

client = genai.Client(api_key=API_KEY, http_options={"api_version": "v1alpha"})  # expect: LM007

# %%
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    enable_affective_dialog=True,
    max_output_tokens=8192,  # expect: LM403
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


def save_wav(path: str, pcm: bytes) -> None:
    with wave.open(path, "wb") as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(24000)
        wf.writeframes(pcm)


# %%
async def ask_about_photo(path: str, question: str) -> str:
    photo = PIL.Image.open(path)
    audio, words = bytearray(), []
    async with client.aio.live.connect(model=MODEL, config=config) as session:  # expect: LM401
        await session.send_realtime_input(video=photo)
        await session.send_realtime_input(text=question)
        async for response in session.receive():
            content = response.server_content
            if content and content.model_turn:
                for part in content.model_turn.parts:
                    if part.inline_data:
                        audio.extend(part.inline_data.data)
            if content and content.output_transcription:
                words.append(content.output_transcription.text)
    save_wav("answer.wav", bytes(audio))
    return "".join(words)


# %%
transcript = asyncio.run(ask_about_photo("kitchen.jpg", "What could I cook with what you see?"))
print(transcript)

# %% [markdown]
# The cell below only lists models; it does not use the Live API.

# %%
for model in client.models.list():
    if "live" in model.name or "native-audio" in model.name:
        print(model.name)
