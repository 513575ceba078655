"""Voice settings shared by the desktop assistant and the kiosk build, and the kiosk's
pre-rendered greetings.

Keep every Live setting here: the desktop app imports `make_client` and `live_config`.
"""

from __future__ import annotations

import os

from google import genai

NATIVE_AUDIO_MODEL = "gemini-3.1-flash-live-preview"
FALLBACK_MODEL = "gemini-3.1-flash-live-preview"

GREETINGS = {
    "en": "Welcome! Ask me anything about the exhibition.",
    "de": "Willkommen! Fragen Sie mich alles zur Ausstellung.",
    "fr": "Bienvenue ! Posez-moi vos questions sur l'exposition.",
}


def make_client() -> genai.Client:
    return genai.Client(
        api_key=os.environ["GEMINI_API_KEY"],
    )


def live_config(voice: str = "Charon") -> dict:
    return {
        "responseModalities": ["AUDIO"],
        "temperature": 0.7,
        "thinkingConfig": {"thinkingLevel": "medium", "includeThoughts": False},
        "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": voice}}},
        "outputAudioTranscription": {},
    }


def thinking_for(model: str) -> dict:
    """The translation booth still runs on 2.5 until its 3.x evaluation is done."""
    if model.startswith("gemini-2"):
        return {"thinkingBudget": 1024}
    return {"thinkingLevel": "low"}


def translation_config(model: str, target_language: str) -> dict:
    return {
        "responseModalities": ["AUDIO"],
        "thinkingConfig": thinking_for(model),
        "systemInstruction": f"Translate everything you hear into {target_language}.",
    }


async def speak_once(client: genai.Client, prompt: str, model: str = NATIVE_AUDIO_MODEL) -> bytes:
    """Say one prompt and return the audio (the kiosk plays it while idle)."""
    audio = bytearray()
    async with client.aio.live.connect(model=model, config=live_config()) as session:
        await session.send_realtime_input(text=f"Say exactly: {prompt}")
        async for message in session.receive():
            sc = message.server_content
            if sc and sc.model_turn and sc.model_turn.parts:
                for part in sc.model_turn.parts:
                    if part.inline_data:
                        audio.extend(part.inline_data.data)
    return bytes(audio)


async def render_greetings(out_dir: str) -> None:
    client = make_client()
    for language, text in GREETINGS.items():
        try:
            pcm = await speak_once(client, text)
        except Exception:
            pcm = await speak_once(client, text, model=FALLBACK_MODEL)
        with open(os.path.join(out_dir, f"greeting_{language}.pcm"), "wb") as out:
            out.write(pcm)


if __name__ == "__main__":
    import asyncio
    import sys

    asyncio.run(render_greetings(sys.argv[1] if len(sys.argv) > 1 else "."))
