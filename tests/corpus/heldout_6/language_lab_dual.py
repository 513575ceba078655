"""Language lab that keeps 2.5 native audio and 3.1 side by side behind model-id checks."""
import asyncio
import os

from google import genai
from google.genai import types as gt

LEGACY_MODEL = "models/gemini-2.5-flash-native-audio-latest"  # expect: LM001
CURRENT_MODEL = "gemini-3.1-flash-live-preview"
MODEL = os.environ.get("LAB_MODEL", CURRENT_MODEL)


def output_cap(model: str) -> int:
    # 2.5 native audio stops at 8K output tokens; 3.x allows 64K.
    return 65536 if "gemini-3" in model else 8192


def lab_config(model: str, expressive: bool) -> gt.LiveConnectConfig:
    cfg = gt.LiveConnectConfig(
        response_modalities=[gt.Modality.AUDIO],
        input_audio_transcription=gt.AudioTranscriptionConfig(),
        output_audio_transcription=gt.AudioTranscriptionConfig(),
        session_resumption=gt.SessionResumptionConfig(),
    )
    cfg.max_output_tokens = output_cap(model)
    if "native-audio" in model:
        cfg.thinking_config = gt.ThinkingConfig(thinking_budget=1024)
        cfg.enable_affective_dialog = True
        cfg.proactivity = gt.ProactivityConfig(proactive_audio=True)
    else:
        cfg.thinking_config = gt.ThinkingConfig(thinking_level="low")
    if expressive:
        cfg.enable_affective_dialog = True  # expect: LM004
    return cfg


def lab_client(model: str) -> genai.Client:
    version = "v1alpha" if "native-audio" in model else "v1beta"
    return genai.Client(http_options={"api_version": version})


async def drill(model: str, phrases: list[str]) -> list[str]:
    heard = []
    client = lab_client(model)
    async with client.aio.live.connect(model=model, config=lab_config(model, expressive=True)) as session:
        for phrase in phrases:
            await session.send_realtime_input(text=f"Say this slowly, then correct my accent: {phrase}")
            async for msg in session.receive():
                sc = msg.server_content
                if not sc:
                    continue
                if sc.output_transcription:  # expect: LM302
                    heard.append(sc.output_transcription.text)
                elif sc.turn_complete:
                    break
    return heard


if __name__ == "__main__":
    target = LEGACY_MODEL if os.environ.get("LAB_LEGACY") else MODEL
    print(asyncio.run(drill(target, ["la mesa", "el perro", "buenas noches"])))
