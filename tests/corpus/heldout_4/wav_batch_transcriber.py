"""Batch transcriber: seeds a glossary as chat turns, streams WAV files, then asks for a spoken summary."""

import asyncio
import pathlib
import sys
import wave

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
GLOSSARY = [
    {"role": "user", "parts": [{"text": "Terms you will hear: Kubernetes, etcd, kubelet."}]},
    {"role": "model", "parts": [{"text": "Understood, I will spell them that way."}]},
]
CONFIG = {"response_modalities": ["AUDIO"], "input_audio_transcription": {}}


async def wav_source(path: pathlib.Path):
    with wave.open(str(path), "rb") as wf:
        while data := wf.readframes(3200):
            yield data


async def transcribe(client: genai.Client, path: pathlib.Path) -> str:
    heard = []
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_client_content(turns=GLOSSARY, turn_complete=False)  # expect: LM102
        async for msg in session.start_stream(  # expect: LM105
            stream=wav_source(path), mime_type="audio/pcm;rate=16000"
        ):
            sc = msg.server_content
            if sc and sc.input_transcription:
                heard.append(sc.input_transcription.text)
    return " ".join(heard)


async def summarize(client: genai.Client, path: pathlib.Path) -> str:
    spoken = []
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_client_content(  # expect: LM102
            turns=[types.Content(role="user", parts=[types.Part(text="Keep summaries to one line.")]),
                   types.Content(role="model", parts=[types.Part(text="Will do.")])],
        )
        async for chunk in wav_source(path):
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(audio_stream_end=True)
        await session.send_realtime_input(text="Summarize what you heard.")
        async for msg in session.receive():
            if msg.text is not None:  # expect: LM304
                spoken.append(msg.text)  # expect: LM304
    return "".join(spoken)


async def main(paths: list[str]) -> None:
    client = genai.Client()
    for name in paths:
        path = pathlib.Path(name)
        print(path.name, await transcribe(client, path))
        print("summary:", await summarize(client, path))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
