"""Podcast-intro generator exported from a notebook, cells kept as comments."""
# %% [markdown]
# # Podcast intro with the Live API
# Generates a spoken intro and keeps the words for the show notes.

# In[1]:
import asyncio
import os
import wave

from google import genai
from google.genai import types

# In[2]:
client = genai.Client(api_key=os.environ["GOOGLE_API_KEY"])
model = "gemini-2.5-flash-preview-native-audio-dialog"  # expect: LM001
config = {"response_modalities": ["AUDIO"], "input_audio_transcription": {}}


# In[3]:
async def intro(topic: str):
    chunks, words = [], []
    async with client.aio.live.connect(model=model, config=config) as session:
        await session.send_client_content(  # expect: LM101
            turns=types.Content(role="user", parts=[types.Part(text=f"Open an episode about {topic}.")]),
            turn_complete=True,
        )
        async for response in session.receive():
            sc = response.server_content
            if sc and sc.model_turn:
                blob = sc.model_turn.parts[0].inline_data  # expect: LM301
                if blob:
                    chunks.append(blob.data)
            if response.text:  # expect: LM304
                words.append(response.text)  # expect: LM304
            if sc and sc.output_transcription:  # expect: LM009
                words.append(sc.output_transcription.text)  # expect: LM009
            if sc and sc.turn_complete:
                break
    return b"".join(chunks), "".join(words)


# In[4]:
audio, notes = asyncio.run(intro("urban beekeeping"))
with wave.open("intro.wav", "wb") as wf:
    wf.setnchannels(1)
    wf.setsampwidth(2)
    wf.setframerate(24000)
    wf.writeframes(audio)
print(notes)
