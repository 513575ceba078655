"""Trivia quiz notebook exported to a script: session.send, start_stream and a TEXT native-audio session."""

# In[1]:
import asyncio
import wave

from google import genai
from google.genai import types

client = genai.Client(http_options=types.HttpOptions(api_version="v1alpha"))  # expect: LM007
MODEL = "gemini-2.5-flash-preview-native-audio-dialog"  # expect: LM001

# In[2]:
quiz_config = {
    "response_modalities": ["TEXT"],  # expect: LM005
    "enable_affective_dialog": True,  # expect: LM004
}


# In[3]:
async def ask_question(question: str) -> str:
    async with client.aio.live.connect(model=MODEL, config=quiz_config) as session:
        await session.send(input=question, end_of_turn=True)  # expect: LM103
        answer = []
        async for message in session.receive():
            if message.text is not None:
                answer.append(message.text)
        return "".join(answer)


# In[4]:
async def wav_chunks(path: str):
    with wave.open(path, "rb") as wf:
        while data := wf.readframes(1600):
            yield data


async def read_answers_aloud(path: str, out_path: str) -> None:
    async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
        with wave.open(out_path, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(24000)
            stream = wav_chunks(path)
            async for message in session.start_stream(stream=stream, mime_type="audio/pcm;rate=16000"):  # expect: LM105
                if message.data:
                    out.writeframes(message.data)
                if message.server_content and message.server_content.turn_complete:
                    break


# In[5]:
print(asyncio.run(ask_question("Which planet has the most moons?")))
asyncio.run(read_answers_aloud("answers.wav", "spoken.wav"))
