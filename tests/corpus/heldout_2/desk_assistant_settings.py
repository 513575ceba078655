"""Desk assistant with settings as module constants and a per-connect http_options: LM007, LM403, LM402."""

import asyncio
import os

from google import genai
from google.genai import types

API_VERSION = "v1alpha"  # expect: LM007
LIVE_MODEL = os.getenv("LIVE_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")
SUMMARY_MODEL = "gemini-2.5-flash"
LIVE_MAX_OUT = 8_192  # expect: LM403
SUMMARY_MAX_OUT = 8192

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"], http_options=types.HttpOptions(api_version=API_VERSION))


def live_config(proactive: bool) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        max_output_tokens=LIVE_MAX_OUT,
        proactivity=types.ProactivityConfig(proactive_audio=proactive),
        output_audio_transcription=types.AudioTranscriptionConfig(),
        http_options=types.HttpOptions(api_version="v1alpha"),  # expect: LM007
    )


def summarise(transcript: list[str]) -> str:
    reply = client.models.generate_content(
        model=SUMMARY_MODEL,
        contents="Summarise this conversation in three bullets:\n" + "\n".join(transcript),
        config=types.GenerateContentConfig(max_output_tokens=SUMMARY_MAX_OUT),
    )
    return reply.text


class DeskAssistant:
    def __init__(self, mic, speaker) -> None:
        self.mic = mic
        self.speaker = speaker
        self.listening = True
        self.transcript: list[str] = []

    async def _send(self, session) -> None:
        while self.listening:
            chunk = await self.mic.read()
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

    async def _recv(self, session) -> None:
        while self.listening:
            async for msg in session.receive():
                sc = msg.server_content
                if not sc:
                    continue
                if sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            self.speaker.play(part.inline_data.data)
                if sc.output_transcription and sc.output_transcription.text:
                    self.transcript.append(sc.output_transcription.text)

    async def run(self, proactive: bool = True) -> str:
        async with client.aio.live.connect(model=LIVE_MODEL, config=live_config(proactive)) as session:  # expect: LM402
            await asyncio.gather(self._send(session), self._recv(session))
        return summarise(self.transcript)
