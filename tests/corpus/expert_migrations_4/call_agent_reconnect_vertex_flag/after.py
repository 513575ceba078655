"""Phone call agent: one Live session per call, reconnecting when the server sends go_away.

Runs on the Gemini API by default; `CallSettings(vertex=True)` is for the EU tenants that
must stay on Vertex AI.
"""
import asyncio
import logging
import os
from dataclasses import dataclass

from google import genai
from google.genai import errors, types

log = logging.getLogger("call-agent")

GEMINI_API_MODEL = "gemini-3.1-flash-live-preview"
VERTEX_MODEL = "gemini-live-2.5-flash-native-audio"  # Vertex has no 3.x Live model for us yet  # expert: left LM001 no confirmed 3.1 Live id on Vertex; the 2.5 branch stays on purpose


@dataclass
class CallSettings:
    vertex: bool = False
    voice: str = "Zephyr"
    language: str = "en-GB"
    thinking_budget: int = 512  # Vertex (2.5) only
    thinking_level: str = "low"
    prompt: str = "You answer calls for Harbour Dental. Book, move or cancel appointments."

    @property
    def model(self) -> str:
        return VERTEX_MODEL if self.vertex else GEMINI_API_MODEL

    def client(self) -> genai.Client:
        if self.vertex:
            return genai.Client(vertexai=True, project=os.environ["GCP_PROJECT"], location="europe-west4")
        return genai.Client(api_key=os.environ["GEMINI_API_KEY"])

    def live_config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            system_instruction=self.prompt,
            speech_config=types.SpeechConfig(
                language_code=self.language,
                voice_config=types.VoiceConfig(
                    prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=self.voice)
                ),
            ),
            thinking_config=(
                types.ThinkingConfig(thinking_budget=self.thinking_budget)
                if self.vertex
                else types.ThinkingConfig(thinking_level=self.thinking_level)
            ),
            input_audio_transcription=types.AudioTranscriptionConfig(),
            output_audio_transcription=types.AudioTranscriptionConfig(),
        )


async def pump_audio(sess, phone):
    async for frame in phone.frames16k():
        await sess.send_realtime_input(audio=types.Blob(data=frame, mime_type="audio/pcm;rate=16000"))


async def pump_supervisor(sess, phone):
    while True:
        note = await phone.supervisor_notes.get()
        await sess.send_realtime_input(text=f"[supervisor] {note}")


async def converse(sess, phone) -> str:
    while True:
        async for msg in sess.receive():
            if msg.go_away:
                log.info("go_away, %s left", msg.go_away.time_left)
                return "reconnect"
            sc = msg.server_content
            if not sc:
                continue
            if sc.interrupted:
                phone.flush()
            if sc.model_turn:
                for part in sc.model_turn.parts:
                    if part.inline_data:
                        await phone.play(part.inline_data.data)
            if sc.input_transcription and sc.input_transcription.text:
                phone.transcript.append(("caller", sc.input_transcription.text))
            if sc.output_transcription and sc.output_transcription.text:
                phone.transcript.append(("agent", sc.output_transcription.text))
        if phone.hung_up:
            return "done"


async def handle_call(phone, settings: CallSettings) -> None:
    client = settings.client()
    while not phone.hung_up:
        try:
            async with client.aio.live.connect(model=settings.model, config=settings.live_config()) as sess:
                tasks = [
                    asyncio.create_task(pump_audio(sess, phone)),
                    asyncio.create_task(pump_supervisor(sess, phone)),
                ]
                try:
                    outcome = await converse(sess, phone)
                finally:
                    for t in tasks:
                        t.cancel()
            if outcome == "done":
                break
        except errors.APIError as exc:
            log.warning("live session dropped (%s), retrying", exc)
            await asyncio.sleep(1.0)
    log.info("call finished, %d transcript lines", len(phone.transcript))
