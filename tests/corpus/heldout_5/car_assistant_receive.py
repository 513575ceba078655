"""In-car assistant whose receive loop keeps 2.5 single-part habits."""

import asyncio

from google import genai
from google.genai import types

API_VERSION = "v1alpha"  # expect: LM007
CAR_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001
CABIN_MIC_MIME = "audio/pcm"  # expect: LM106

client = genai.Client(http_options={"api_version": API_VERSION})

CAR_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    session_resumption=types.SessionResumptionConfig(),
)


class CarAssistant:
    def __init__(self, cabin_mic, speakers, dashboard) -> None:
        self.cabin_mic = cabin_mic
        self.speakers = speakers
        self.dashboard = dashboard

    @staticmethod
    def _caption_of(msg: types.LiveServerMessage) -> str:
        return " ".join(part.text for part in msg.server_content.model_turn.parts if part.text)  # expect: LM304

    async def _mic(self, session) -> None:
        async for pcm in self.cabin_mic:
            await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type=CABIN_MIC_MIME))

    async def drive(self) -> None:
        async with client.aio.live.connect(model=CAR_MODEL, config=CAR_CONFIG) as session:
            mic_task = asyncio.create_task(self._mic(session))
            try:
                while True:
                    async for msg in session.receive():
                        sc = msg.server_content
                        if sc is None:
                            continue
                        if sc.model_turn and sc.model_turn.parts:
                            self.dashboard.subtitle(self._caption_of(msg))
                            part = sc.model_turn.parts[0]  # expect: LM301
                            if part.inline_data and part.inline_data.mime_type == "audio/pcm":  # expect: LM307
                                self.speakers.play(part.inline_data.data)
                                continue  # expect: LM303
                        if sc.output_transcription:
                            self.dashboard.show(sc.output_transcription.text)
                        if sc.turn_complete:
                            self.dashboard.idle()
            finally:
                mic_task.cancel()
