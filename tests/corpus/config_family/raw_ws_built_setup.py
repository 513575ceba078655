"""Raw setup frame built across statements; `gemini-2.0-flash-exp` in an env default that flows to the setup; one-line frame."""

import asyncio
import json
import os

from websockets.asyncio.client import connect

ENDPOINT = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"
)
MODEL = os.environ.get("LIVE_MODEL", "models/gemini-2.0-flash-exp")  # expect: LM001

# Sent once at start-up to check the key and quota; the reply is discarded.
WARMUP_SETUP = {"setup": {"model": "models/gemini-2.5-flash-native-audio-latest", "generationConfig": {"thinkingConfig": {"thinkingBudget": 0}}}}  # expect: LM001, LM002


def build_setup(voice: str, budget: int | None, proactive: bool) -> dict:
    message = {"setup": {"model": MODEL}}
    message["setup"]["generationConfig"] = {"responseModalities": ["AUDIO"]}
    message["setup"]["generationConfig"]["speechConfig"] = {
        "voiceConfig": {"prebuiltVoiceConfig": {"voiceName": voice}}
    }
    if budget is not None:
        message["setup"]["generationConfig"]["thinkingConfig"] = {"thinkingBudget": budget}  # expect: LM002
    if proactive:
        message["setup"]["proactivity"] = {"proactiveAudio": True}  # expect: LM003
    message["setup"]["outputAudioTranscription"] = {}
    return message


async def warmup(key: str) -> None:
    async with connect(f"{ENDPOINT}?key={key}") as ws:
        await ws.send(json.dumps(WARMUP_SETUP))
        await ws.recv()


async def talk(key: str, text: str) -> list[str]:
    said: list[str] = []
    async with connect(f"{ENDPOINT}?key={key}") as ws:
        await ws.send(json.dumps(build_setup("Kore", 1024, proactive=False)))
        await ws.recv()
        await ws.send(json.dumps({"realtimeInput": {"text": text}}))
        async for raw in ws:
            msg = json.loads(raw)
            content = msg.get("serverContent", {})
            if "outputTranscription" in content:
                said.append(content["outputTranscription"].get("text", ""))
            if content.get("turnComplete"):
                break
    return said


if __name__ == "__main__":
    api_key = os.environ["GEMINI_API_KEY"]
    asyncio.run(warmup(api_key))
    print(asyncio.run(talk(api_key, "What's the capital of Portugal?")))
