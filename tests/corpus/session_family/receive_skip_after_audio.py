"""Skipping the rest of a message after its audio (continue / return) before transcription or turn_complete; fine loops beside them."""

from __future__ import annotations

import asyncio
import logging

from google import genai
from google.genai import types

log = logging.getLogger("skip_after_audio")

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


class TurnCollector:
    def __init__(self) -> None:
        self.audio = bytearray()
        self.caption: list[str] = []
        self.done = asyncio.Event()

    def handle(self, msg: types.LiveServerMessage) -> None:
        if audio := msg.data:
            self.audio.extend(audio)
            return  # expect: LM303
        content = msg.server_content
        if content and content.output_transcription:
            self.caption.append(content.output_transcription.text or "")
        if content and content.turn_complete:
            self.done.set()


async def play_loop(session, speaker: asyncio.Queue[bytes]) -> None:
    while True:
        async for response in session.receive():
            if response.data is not None:
                await speaker.put(response.data)
                continue  # expect: LM303
            if response.server_content and response.server_content.turn_complete:
                log.info("model finished speaking")


async def parts_then_continue(session, speaker: asyncio.Queue[bytes]) -> None:
    async for response in session.receive():
        sc = response.server_content
        if sc is None:
            continue
        if sc.model_turn:
            for part in sc.model_turn.parts or []:
                if part.inline_data is None:
                    continue
                speaker.put_nowait(part.inline_data.data)
            continue  # expect: LM303
        if sc.input_transcription:
            log.info("user said: %s", sc.input_transcription.text)
        if sc.output_transcription:
            log.info("model said: %s", sc.output_transcription.text)
        if sc.turn_complete:
            break


async def no_skip(session, speaker: asyncio.Queue[bytes]) -> None:
    async for response in session.receive():
        if response.data:
            speaker.put_nowait(response.data)
        sc = response.server_content
        if sc is None:
            continue
        if sc.output_transcription:
            log.info("model said: %s", sc.output_transcription.text)
        if sc.interrupted:
            while not speaker.empty():
                speaker.get_nowait()
        if sc.turn_complete:
            break


async def main(speaker: asyncio.Queue[bytes], mode: str = "play") -> None:
    client = genai.Client()
    collector = TurnCollector()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text="Tell me a short joke.")
        async for msg in session.receive():
            collector.handle(msg)
        await session.send_realtime_input(text="Another one.")
        if mode == "play":
            await play_loop(session, speaker)
        elif mode == "parts":
            await parts_then_continue(session, speaker)
        else:
            await no_skip(session, speaker)
