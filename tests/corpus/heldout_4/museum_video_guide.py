"""Museum guide: camera frames and speech on one session, typed config with 2.5-era extras, per-turn notes."""

import asyncio
import os

import cv2
from google import genai
from google.genai import types

GUIDE_MODEL = os.getenv("GUIDE_MODEL", "gemini-2.5-flash-native-audio-preview-09-2025")  # expect: LM001


def guide_config(persona: str) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        system_instruction=types.Content(parts=[types.Part(text=persona)]),
        enable_affective_dialog=True,  # expect: LM004
        proactivity=types.ProactivityConfig(proactive_audio=True),  # expect: LM003
        thinking_config=types.ThinkingConfig(thinking_budget=-1, include_thoughts=False),  # expect: LM002
        input_audio_transcription=types.AudioTranscriptionConfig(),
    )


class MuseumGuide:
    def __init__(self) -> None:
        self.client = genai.Client(http_options=types.HttpOptions(api_version="v1alpha"))  # expect: LM007
        self.camera = cv2.VideoCapture(0)
        self.session = None

    async def note(self, exhibit: str) -> None:
        await self.session.send_client_content(  # expect: LM101
            turns=types.Content(role="user", parts=[types.Part(text=f"We are now at: {exhibit}")]),
            turn_complete=True,
        )

    async def frames(self) -> None:
        while True:
            ok, frame = await asyncio.to_thread(self.camera.read)
            if ok:
                _, jpeg = cv2.imencode(".jpg", frame)
                await self.session.send_realtime_input(
                    video=types.Blob(data=jpeg.tobytes(), mime_type="image/jpeg"))
            await asyncio.sleep(0.5)

    async def voice(self, mic) -> None:
        async for pcm in mic:
            await self.session.send_realtime_input(
                audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

    async def narrate(self, speaker) -> None:
        while True:
            async for msg in self.session.receive():
                sc = msg.server_content
                if not sc:
                    continue
                if sc.model_turn:  # expect: LM302
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            speaker.play(part.inline_data.data)
                elif sc.output_transcription:  # expect: LM009
                    speaker.caption(sc.output_transcription.text)  # expect: LM009
                if sc.input_transcription:
                    speaker.caption("visitor: " + sc.input_transcription.text)

    async def tour(self, mic, speaker, persona: str) -> None:
        config = guide_config(persona)
        async with self.client.aio.live.connect(model=GUIDE_MODEL, config=config) as session:  # expect: LM401, LM402
            self.session = session
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self.frames())
                tg.create_task(self.voice(mic))
                tg.create_task(self.narrate(speaker))
                await self.note("the entrance hall")
