"""Stream captions: answers questions typed by a moderator and writes them as on-screen captions."""

import asyncio
import sys
import time

from google import genai
from google.genai import types

CAPTION_FILE = "captions.txt"
MODEL = "gemini-3.1-flash-live-preview"

client = genai.Client()

live_config = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    system_instruction=types.Content(
        parts=[types.Part(text="Answer viewers' questions in one or two short sentences.")]
    ),
    temperature=0.6,
)


class CaptionWriter:
    """Collects one answer's pieces and writes the answer as one timestamped caption."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.buffer: list[str] = []

    def add(self, text: str) -> None:
        self.buffer.append(text)

    def flush(self) -> None:
        if not self.buffer:
            return
        line = "".join(self.buffer).strip()
        stamp = time.strftime("%H:%M:%S")
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(f"[{stamp}] {line}\n")
        print(line, flush=True)
        self.buffer.clear()


async def read_questions(session) -> None:
    while True:
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line:
            break
        question = line.strip()
        if not question:
            continue
        await session.send_realtime_input(text=question)


async def write_captions(session, writer: CaptionWriter) -> None:
    while True:
        async for message in session.receive():
            content = message.server_content
            if content and content.output_transcription and content.output_transcription.text:
                writer.add(content.output_transcription.text)
            if message.server_content and message.server_content.turn_complete:
                writer.flush()


async def main() -> None:
    writer = CaptionWriter(CAPTION_FILE)
    async with client.aio.live.connect(model=MODEL, config=live_config) as session:
        reader = asyncio.create_task(read_questions(session))
        captions = asyncio.create_task(write_captions(session, writer))
        await reader
        await asyncio.sleep(5)
        captions.cancel()
        writer.flush()


if __name__ == "__main__":
    asyncio.run(main())
