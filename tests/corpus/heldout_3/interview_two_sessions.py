"""Interview practice with two sessions per module: an interviewer with nested generation config and a grader."""

import asyncio
import logging

from google import genai
from google.genai import types

log = logging.getLogger("interview")
client = genai.Client()
INTERVIEWER_MODEL = "gemini-3.1-flash-live-preview"

interviewer_config = types.LiveConnectConfig(
    generation_config=types.GenerationConfig(  # expect: LM006
        temperature=0.8,
        max_output_tokens=2048,
    ),
    session_resumption=types.SessionResumptionConfig(),
)

grader_config = {
    "response_modalities": ["TEXT", "AUDIO"],  # expect: LM005
    "input_audio_transcription": {},
}


async def interviewer(mic: asyncio.Queue, speaker: asyncio.Queue, notes: list[str]) -> None:
    async with client.aio.live.connect(model=INTERVIEWER_MODEL, config=interviewer_config) as session:

        async def send_mic() -> None:
            while True:
                await session.send_realtime_input(
                    audio=types.Blob(data=await mic.get(), mime_type="audio/pcm;rate=16000"))

        sender = asyncio.create_task(send_mic())
        try:
            while True:
                async for msg in session.receive():
                    sc = msg.server_content
                    if not sc:
                        continue
                    if sc.model_turn:
                        for part in sc.model_turn.parts:
                            if part.inline_data:
                                speaker.put_nowait(part.inline_data.data)
                    if sc.input_transcription and sc.input_transcription.text:  # expect: LM009
                        notes.append(sc.input_transcription.text)  # expect: LM009
        finally:
            sender.cancel()


async def grade(model: str, notes: list[str]) -> list[str]:
    remarks = []
    async with client.aio.live.connect(model=model, config=grader_config) as session:
        await session.send_realtime_input(text="Grade these answers:\n" + "\n".join(notes))
        async for msg in session.receive():
            sc = msg.server_content
            if sc is None:
                continue
            said = getattr(sc, "output_transcription", None)  # expect: LM009
            if said is not None:
                remarks.append(said.text)
            if sc.input_transcription:
                log.debug("echo: %s", sc.input_transcription.text)
    return remarks
