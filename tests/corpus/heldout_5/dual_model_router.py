"""Hotel front-desk agent that serves 2.5 and 3.1 side by side behind model-id checks."""

import asyncio
import os

from google import genai
from google.genai import types

NATIVE_25 = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001
LIVE_31 = "gemini-3.1-flash-live-preview"
DEFAULT_MODEL = os.environ.get("FRONT_DESK_MODEL", LIVE_31)


def desk_config(model: str) -> dict:
    config: dict = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
    if "native-audio" in model:
        config["enable_affective_dialog"] = True
        config["proactivity"] = {"proactive_audio": True}
        config["thinking_config"] = {"thinking_budget": 512}
    else:
        config["thinking_config"] = {"thinking_level": "low"}
    config["max_output_tokens"] = 8192  # expect: LM403
    config["context_window_compression"] = {"sliding_window": {}}
    return config


def night_audit_config(model: str) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.TEXT],  # expect: LM005
        proactivity={"proactive_audio": False},  # expect: LM003
    )


async def night_audit(client: genai.Client, model: str, prompt: str) -> str:
    async with client.aio.live.connect(model=model, config=night_audit_config(model)) as session:
        await session.send_realtime_input(text=prompt)
        chunks = []
        async for msg in session.receive():
            if msg.text:
                chunks.append(msg.text)
        return "".join(chunks)


async def serve_guest(client: genai.Client, mic, speaker, model: str = DEFAULT_MODEL) -> None:
    async with client.aio.live.connect(model=model, config=desk_config(model)) as session:

        async def uplink() -> None:
            async for pcm in mic:
                await session.send_realtime_input(audio={"data": pcm, "mime_type": "audio/pcm;rate=16000"})

        task = asyncio.create_task(uplink())
        try:
            while True:
                async for msg in session.receive():
                    if msg.data:
                        speaker.play(msg.data)
                        continue  # expect: LM303
                    sc = msg.server_content
                    if sc and sc.output_transcription:
                        speaker.caption(sc.output_transcription.text)
        finally:
            task.cancel()


async def main() -> None:
    client = genai.Client()
    legacy = os.environ.get("LEGACY_DESK") == "1"
    await serve_guest(client, mic=None, speaker=None, model=NATIVE_25 if legacy else DEFAULT_MODEL)
