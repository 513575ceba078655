"""Homework helper that sends one screenshot through the deprecated media= argument, plus a dictated question."""

from pathlib import Path

from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()

CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


async def explain_screenshot(path: Path, question: str) -> str:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:  # expect: LM401
        image = types.Blob(data=path.read_bytes(), mime_type="image/png")
        await session.send_realtime_input(media=image)  # expect: LM104
        await session.send_realtime_input(text=question)
        said = []
        async for msg in session.receive():
            sc = msg.server_content
            if sc and sc.output_transcription and sc.output_transcription.text:
                said.append(sc.output_transcription.text)
        return "".join(said)


async def dictated_question(pcm_chunks) -> bytes:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        audio = bytearray()
        async for msg in session.start_stream(stream=pcm_chunks, mime_type="audio/pcm;rate=16000"):  # expect: LM105
            if msg.data:
                audio.extend(msg.data)
            if msg.server_content and msg.server_content.turn_complete:
                break
        return bytes(audio)
