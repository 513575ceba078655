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

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()
notes: list[str] = []


def take_note(text: str) -> dict:
    """Save a short note for the user."""
    notes.append(text)
    return {"saved": True, "count": len(notes)}


CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    system_instruction="Help the user with what is on their screen. Take notes when asked.",
    tools=[
        types.Tool(
            function_declarations=[
                types.FunctionDeclaration.from_callable(
                    client=client, callable=take_note
                )
            ]
        )
    ],
    realtime_input_config=types.RealtimeInputConfig(
        turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY
    ),
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


async def send_mic(session) -> None:
    async for chunk in mic_chunks():
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


async def main() -> None:
    captions = Captions()
    speaker = sounddevice.RawOutputStream(samplerate=24000, channels=1, dtype="int16")
    speaker.start()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:  # expert: left LM402 audio+video sessions end after 2 min; compression or reconnect is a product call
        screen_task = asyncio.create_task(send_screen(session))
        mic_task = asyncio.create_task(send_mic(session))
        try:
            while True:
                async for response in session.receive():
                    if response.data:
                        speaker.write(response.data)
                    content = response.server_content
                    if content and content.output_transcription and content.output_transcription.text:
                        captions.show(content.output_transcription.text)
                    if response.tool_call:
                        replies = []
                        for call in response.tool_call.function_calls:
                            result = take_note(**(call.args or {}))
                            log.info("note: %s", result)
                            replies.append(types.FunctionResponse(id=call.id, name=call.name, response=result))
                        await session.send_tool_response(function_responses=replies)
        finally:
            screen_task.cancel()
            mic_task.cancel()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
