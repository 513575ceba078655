"""Language tutor keeping 2.5 native audio and 3.x side by side behind model-id checks."""

import asyncio
import os

import numpy as np
import sounddevice as sd
from google import genai
from google.genai import types

MODEL = os.environ.get("TUTOR_MODEL", "gemini-3.1-flash-live-preview")
TOPICS = ("food", "weather", "trains")


def voice_settings(model: str) -> dict:
    voice = {"voice_config": {"prebuilt_voice_config": {"voice_name": "Puck"}}}
    if "gemini-3" in model:
        return {"speech_config": voice}
    # Older 2.x deployments still read the voice from the nested block.
    return {"generation_config": {"speech_config": voice}}


def session_config(model: str, *, affective: bool = True) -> dict:
    cfg: dict = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
    if "native-audio" in model:
        # Only the 2.5 native-audio ids accept these; no 3.x id has "native-audio" in it.
        cfg["enable_affective_dialog"] = affective
        cfg["proactivity"] = {"proactive_audio": True}
        cfg["thinking_config"] = {"thinking_budget": 0}
    else:
        cfg["thinking_config"] = {"thinking_level": "minimal"}
    cfg.update(voice_settings(model))
    cfg["max_output_tokens"] = 8192  # expect: LM403
    return cfg


def make_client(model: str) -> genai.Client:
    version = "v1alpha" if "native-audio" in model else "v1beta"
    return genai.Client(http_options=types.HttpOptions(api_version=version))


async def lesson(topic: str, model: str = MODEL) -> None:
    client = make_client(model)
    speaker = sd.RawOutputStream(samplerate=24000, channels=1, dtype="int16")
    speaker.start()
    async with client.aio.live.connect(model=model, config=session_config(model)) as session:
        await session.send_realtime_input(text=f"Teach me three words about {topic}.")
        async for msg in session.receive():
            sc = msg.server_content
            if not sc:
                continue
            if sc.model_turn:
                part = sc.model_turn.parts[0]  # expect: LM301
                blob = part.inline_data
                if blob and blob.mime_type == "audio/pcm":  # expect: LM307
                    speaker.write(np.frombuffer(blob.data, dtype=np.int16))
            if sc.output_transcription:
                print(sc.output_transcription.text, end="", flush=True)
            if sc.turn_complete:
                print()
    speaker.stop()


async def main() -> None:
    for topic in TOPICS:
        await lesson(topic)


if __name__ == "__main__":
    asyncio.run(main())
