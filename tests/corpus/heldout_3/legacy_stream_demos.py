"""Two start_stream demos from early 2025 SDK days: a microphone chat and a file transcriber, on a dict config."""

import asyncio
import sys

import sounddevice as sd
from google import genai

client = genai.Client()
MODEL = "gemini-3.1-flash-live-preview"
DEMO_CONFIG = {
    "generation_config": {  # expect: LM006
        "response_modalities": ["AUDIO"],
        "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Charon"}}},
    },
    "session_resumption": {},
}


async def microphone(rate: int = 16000, block: int = 1600):
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes] = asyncio.Queue()

    def callback(indata, frames, time, status):
        loop.call_soon_threadsafe(queue.put_nowait, bytes(indata))

    with sd.RawInputStream(samplerate=rate, blocksize=block, channels=1, dtype="int16", callback=callback):
        while True:
            yield await queue.get()


async def file_chunks(path: str, size: int = 3200):
    with open(path, "rb") as fh:
        while chunk := fh.read(size):
            yield chunk


async def mic_chat() -> None:
    out = sd.RawOutputStream(samplerate=24000, channels=1, dtype="int16")
    out.start()
    async with client.aio.live.connect(model=MODEL, config=DEMO_CONFIG) as session:
        async for msg in session.start_stream(stream=microphone(), mime_type="audio/pcm;rate=16000"):  # expect: LM105
            sc = msg.server_content
            if sc and sc.model_turn:
                part = next(iter(sc.model_turn.parts))  # expect: LM301
                if part.inline_data:
                    out.write(part.inline_data.data)


async def transcribe(path: str) -> str:
    words = []
    async with client.aio.live.connect(model=MODEL, config=DEMO_CONFIG) as session:
        stream = session.start_stream(  # expect: LM105
            stream=file_chunks(path), mime_type="audio/pcm;rate=16000",
        )
        async for msg in stream:
            if msg.text is not None:  # expect: LM304
                words.append(msg.text)  # expect: LM304
    return " ".join(words)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(asyncio.run(transcribe(sys.argv[1])))
    else:
        asyncio.run(mic_chat())
