"""Museum ticket kiosk script with API keys pasted in and a 2.5-era microphone stream."""

import asyncio
import os

import pyaudio
from google import genai

API_KEY = os.getenv("KIOSK_KEY", "AIzaPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyV")  # expect: LM501
client = genai.Client(api_key=API_KEY)
fallback_client = genai.Client(api_key="AIzamihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS-6")  # expect: LM501
MODEL = "gemini-2.0-flash-live-001"  # expect: LM001

KIOSK_CONFIG = {
    "response_modalities": ["AUDIO"],
    "tools": [{"function_declarations": [{"name": "print_ticket", "description": "Print a ticket."}]}],
}


async def mic_chunks():
    pa = pyaudio.PyAudio()
    stream = pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True, frames_per_buffer=1024)
    while True:
        yield await asyncio.to_thread(stream.read, 1024, exception_on_overflow=False)


async def kiosk_loop(display, use_fallback: bool = False) -> None:
    live_client = fallback_client if use_fallback else client
    async with live_client.aio.live.connect(model=MODEL, config=KIOSK_CONFIG) as session:  # expect: LM402
        async for response in session.start_stream(stream=mic_chunks(), mime_type="audio/pcm"):  # expect: LM105, LM106
            if response.text:  # expect: LM304
                display.show(response.text)  # expect: LM304
            if response.data:
                display.play(response.data)
            if response.tool_call:  # expect: LM305
                display.show("Printing your ticket...")


if __name__ == "__main__":
    asyncio.run(kiosk_loop(display=None))
