"""Front-desk voice agent: session kept on self by an exit-stack helper, config built from keyword arguments."""
import asyncio
import contextlib
import os

from google import genai
from google.genai import types

MODEL_ID = os.getenv("FRONTDESK_MODEL", "gemini-2.5-flash-native-audio-preview-09-2025")  # expect: LM001
MIC_MIME = "audio/pcm"  # expect: LM106


def connect_kwargs(*, voice: str, budget: int, warm: bool) -> dict:
    kwargs = dict(
        response_modalities=["AUDIO"],
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=voice))
        ),
        thinking_config=types.ThinkingConfig(thinking_budget=budget),  # expect: LM002
        system_instruction="You are the front desk of the Harbor Inn. Check guests in and answer questions.",
    )
    if warm:
        kwargs["enable_affective_dialog"] = True  # expect: LM004
        kwargs["proactivity"] = types.ProactivityConfig(proactive_audio=True)  # expect: LM003
    return kwargs


class FrontDeskAgent:
    """One guest conversation at the desk microphone."""

    def __init__(self, desk) -> None:
        self.client = genai.Client(http_options={"api_version": "v1alpha"})  # expect: LM007
        self.desk = desk
        self.running = True
        self.session = None
        self._stack = contextlib.AsyncExitStack()

    async def _open(self) -> None:
        config = types.LiveConnectConfig(**connect_kwargs(voice="Aoede", budget=512, warm=True))
        self.session = await self._stack.enter_async_context(
            self.client.aio.live.connect(model=MODEL_ID, config=config)  # expect: LM402
        )

    async def _pump_mic(self) -> None:
        while self.running:
            chunk = await self.desk.read(3200)
            await self.session.send_realtime_input(media=types.Blob(data=chunk, mime_type=MIC_MIME))  # expect: LM104

    async def _listen(self) -> None:
        while self.running:
            async for msg in self.session.receive():
                content = msg.server_content
                if content is None:
                    continue
                if content.model_turn:
                    for part in content.model_turn.parts:
                        if part.inline_data:
                            await self.desk.play(part.inline_data.data)
                if content.interrupted:
                    self.desk.flush()

    async def run(self) -> None:
        await self._open()
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._pump_mic())
                tg.create_task(self._listen())
        finally:
            await self._stack.aclose()

    def stop(self) -> None:
        self.running = False
