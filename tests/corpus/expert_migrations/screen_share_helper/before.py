"""Screen-share helper: Gemini watches the screen, listens, and takes notes when asked.

Notes are saved locally by the `take_note` tool; captions go to a small overlay window.
"""

import asyncio
import io
import logging

import mss
import PIL.Image
import sounddevice
from google import genai
from google.genai import types

from overlay import Captions

log = logging.getLogger(__name__)

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
client = genai.Client()
notes: list[str] = []


def take_note(text: str) -> dict:
    """Save a short note for the user."""
    notes.append(text)
    return {"saved": True, "count": len(notes)}


CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    system_instruction="Help the user with what is on their screen. Take notes when asked.",
    tools=[
        types.Tool(
            function_declarations=[
                types.FunctionDeclaration.from_callable(
                    client=client, callable=take_note, behavior="NON_BLOCKING"
                )
            ]
        )
    ],
)


def grab_screen() -> bytes:
    with mss.mss() as sct:
        shot = sct.grab(sct.monitors[1])
    img = PIL.Image.frombytes("RGB", shot.size, shot.rgb)
    img.thumbnail((1280, 1280))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=70)
    return buf.getvalue()


async def mic_chunks():
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    def callback(indata, frames, time, status):
        loop.call_soon_threadsafe(queue.put_nowait, bytes(indata))

    with sounddevice.RawInputStream(samplerate=16000, channels=1, dtype="int16", callback=callback):
        while True:
            yield await queue.get()


async def send_screen(session) -> None:
    while True:
        frame = await asyncio.to_thread(grab_screen)
        await session.send_realtime_input(video=types.Blob(data=frame, mime_type="image/jpeg"))
        await asyncio.sleep(2)


async def main() -> None:
    captions = Captions()
    speaker = sounddevice.RawOutputStream(samplerate=24000, channels=1, dtype="int16")
    speaker.start()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        screen_task = asyncio.create_task(send_screen(session))
        try:
            async for response in session.start_stream(stream=mic_chunks(), mime_type="audio/pcm"):
                if response.data:
                    speaker.write(response.data)
                if response.text:
                    captions.show(response.text)
                if response.tool_call:
                    for call in response.tool_call.function_calls:
                        log.info("note: %s", take_note(**(call.args or {})))
        finally:
            screen_task.cancel()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
