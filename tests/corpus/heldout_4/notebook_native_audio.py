"""Notebook exported as a script: native-audio extras on v1alpha, a one-shot prompt, legacy sends."""

# %% [markdown]
# # Native audio walkthrough
# Install first: `pip install -U google-genai`

# %%
import asyncio
import contextlib
import wave

from google import genai
from google.genai import types as gt

MODEL_ID = "gemini-2.5-flash-preview-native-audio-dialog"  # expect: LM001
client = genai.Client(http_options={"api_version": "v1alpha"})  # expect: LM007

# %%
config = {
    "response_modalities": ["AUDIO"],
    "enable_affective_dialog": True,  # expect: LM004
    "proactivity": {"proactive_audio": True},  # expect: LM003
    "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Zephyr"}}},
}


@contextlib.contextmanager
def wave_out(name: str):
    with wave.open(name, "wb") as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(24000)
        yield wf


# %% [markdown]
# ## Ask one question and save the answer

# %%
async def ask_once(question: str) -> None:
    async with client.aio.live.connect(model=MODEL_ID, config=config) as session:
        await session.send_client_content(  # expect: LM101
            turns=gt.Content(role="user", parts=[gt.Part(text=question)]), turn_complete=True
        )
        with wave_out("answer.wav") as wf:
            async for response in session.receive():
                if response.data is not None:
                    wf.writeframes(response.data)
                if text := response.text:  # expect: LM304
                    print(text, end="")


# %% [markdown]
# ## Follow-up questions (older cell, still in the notebook)

# %%
async def follow_ups(questions: list[str]) -> None:
    async with client.aio.live.connect(model=MODEL_ID, config=config) as session:
        for q in questions:
            await session.send(input=q, end_of_turn=True)  # expect: LM103
            async for response in session.receive():
                if response.server_content and response.server_content.turn_complete:
                    break


# %% [markdown]
# ## Stream a recording

# %%
async def wav_chunks(path: str):
    with wave.open(path, "rb") as wf:
        while chunk := wf.readframes(1600):
            yield chunk
            await asyncio.sleep(0.05)


async def transcribe_recording(path: str) -> None:
    async with client.aio.live.connect(model=MODEL_ID, config=config) as session:
        async for response in session.start_stream(  # expect: LM105
            stream=wav_chunks(path), mime_type="audio/pcm"  # expect: LM106
        ):
            if response.data:
                print(len(response.data), "bytes")


# %%
asyncio.run(ask_once("What does a lighthouse keeper do all day?"))
asyncio.run(follow_ups(["Is it lonely?", "How do they get food?"]))
asyncio.run(transcribe_recording("question.wav"))
