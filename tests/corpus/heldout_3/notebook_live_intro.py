"""Notebook exported as a script: pasted key, start_stream, a bare send() turn end and an audio/pcm label check."""

# %% [markdown]
# # Talk to Gemini from a notebook
# Paste your key below, then run the cells in order.

# %%
import asyncio
import wave

import numpy as np
from google import genai

client = genai.Client(api_key="AIzaSyRS_6ilI8ihN5KXSc7Tvo_hBKqFYY_kv5Z")  # expect: LM501
MODEL_ID = "gemini-2.5-flash-exp-native-audio-thinking-dialog"  # expect: LM001
config = {
    "response_modalities": ["AUDIO"],
    "context_window_compression": {"sliding_window": {}},
}

# %%
async def wav_chunks(path: str, frames: int = 3200):
    with wave.open(path, "rb") as wav:
        while data := wav.readframes(frames):
            yield data
            await asyncio.sleep(0.1)

# %%
async def ask_from_wav(path: str) -> np.ndarray:
    pieces = []
    async with client.aio.live.connect(model=MODEL_ID, config=config) as session:
        async for msg in session.start_stream(  # expect: LM105
            stream=wav_chunks(path), mime_type="audio/pcm",  # expect: LM106
        ):
            for part in (msg.server_content.model_turn.parts if msg.server_content and msg.server_content.model_turn else []):
                if part.inline_data and part.inline_data.mime_type == "audio/pcm":  # expect: LM307
                    pieces.append(np.frombuffer(part.inline_data.data, dtype=np.int16))
    return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)

# %%
async def ask_text(question: str) -> bytes:
    audio = b""
    async with client.aio.live.connect(model=MODEL_ID, config=config) as session:
        await session.send(input=question)  # expect: LM103
        await session.send()  # expect: LM103
        async for msg in session.receive():
            audio += msg.data or b""
    return audio

# %%
audio = asyncio.run(ask_from_wav("question.wav"))
print(audio.shape)
