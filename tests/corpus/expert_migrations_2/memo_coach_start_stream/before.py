"""Desktop speaking coach: the user rehearses a talk and the coach answers aloud.

The desktop app never holds the API key: it asks the company backend for a short-lived Live
token and opens the session with it.
"""

import asyncio
import wave

import httpx
import sounddevice as sd
from google import genai
from google.genai import types

BACKEND = "https://coach.example.com/api/live-token"
COACH_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
COACH_CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    system_instruction="You coach public speaking. After each pause, give one concrete tip.",
    thinking_config=types.ThinkingConfig(thinking_budget=20000),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    context_window_compression=types.ContextWindowCompressionConfig(
        sliding_window=types.SlidingWindow()
    ),
)


async def fetch_token() -> str:
    async with httpx.AsyncClient() as http:
        reply = await http.post(BACKEND, json={"model": COACH_MODEL})
        reply.raise_for_status()
        return reply.json()["token"]


async def mic_chunks():
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    def on_audio(indata, frames, time, status) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, bytes(indata))

    with sd.RawInputStream(samplerate=16000, channels=1, dtype="int16", callback=on_audio):
        while True:
            yield await queue.get()


async def rehearse(recording: str = "coach.wav") -> None:
    token = await fetch_token()
    client = genai.Client(api_key=token)
    with wave.open(recording, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(24000)
        async with client.aio.live.connect(model=COACH_MODEL, config=COACH_CONFIG) as session:
            async for msg in session.start_stream(stream=mic_chunks(), mime_type="audio/pcm"):
                sc = msg.server_content
                if sc and sc.model_turn and sc.model_turn.parts:
                    part = next(iter(sc.model_turn.parts))
                    if part.inline_data:
                        out.writeframes(part.inline_data.data)
                if sc and sc.output_transcription:
                    print(sc.output_transcription.text, end="", flush=True)
                if msg.go_away:
                    print("\n[session ending, please restart the rehearsal]")


if __name__ == "__main__":
    try:
        asyncio.run(rehearse())
    except KeyboardInterrupt:
        print()
