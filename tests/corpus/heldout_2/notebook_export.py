"""Notebook exported as a script (cells, a pasted key, one photo): LM501, LM007, LM401, LM303, LM304."""

# %% [markdown]
# # Live API: describe a photo, then chat
# Run the cells in order. Paste your key below (do not commit it!).

# %%
import asyncio
import wave

from google import genai
from google.genai import types

GOOGLE_API_KEY = "AIzaSyPtYgjmUhBel31iEl2hpChYgCfrL1spNxn"  # expect: LM501
MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"

client = genai.Client(api_key=GOOGLE_API_KEY, http_options={"api_version": "v1alpha"})  # expect: LM007

# %%
photo_config = {
    "response_modalities": ["AUDIO"],
    "output_audio_transcription": {},
    "enable_affective_dialog": True,
}


async def describe_photo(path: str) -> str:
    with open(path, "rb") as fh:
        jpeg = fh.read()
    words = []
    async with client.aio.live.connect(model=MODEL, config=photo_config) as session:  # expect: LM401
        await session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))
        await session.send_realtime_input(text="What is in this picture?")
        async for msg in session.receive():
            sc = msg.server_content
            if sc and sc.output_transcription:
                words.append(sc.output_transcription.text)
            if sc and sc.turn_complete:
                break
    return "".join(words)


# %%
chat_config = {"response_modalities": ["AUDIO"]}


async def ask(question: str, out_path: str = "answer.wav") -> None:
    wf = wave.open(out_path, "wb")
    wf.setnchannels(1)
    wf.setsampwidth(2)
    wf.setframerate(24000)
    async with client.aio.live.connect(model=MODEL, config=chat_config) as session:
        await session.send_realtime_input(text=question)
        async for response in session.receive():
            if response.data is not None:
                wf.writeframes(response.data)
                continue  # expect: LM303
            if text := response.text:  # expect: LM304
                print(text, end="")
            if response.server_content and response.server_content.turn_complete:
                break
    wf.close()


# %%
print(asyncio.run(describe_photo("kitchen.jpg")))

# %%
asyncio.run(ask("And what would you cook with that?"))
