"""Desktop widget that fetches a short-lived token from its backend and opens Live with it."""
import asyncio
import json

import httpx
import websockets
from google import genai
from google.genai import types

BACKEND = "https://widget.example.com"
LIVE_MODEL = "gemini-3.1-flash-live-preview"
CONSTRAINED_V1 = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContentConstrained"  # expect: LM502
CONSTRAINED_ALPHA = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained"
WIDGET_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
)


def fetch_token() -> str:
    token = httpx.post(f"{BACKEND}/token", timeout=5).json()["token"]
    if not token.startswith("auth_tokens/"):
        raise ValueError("backend returned a long-lived key instead of a token")
    return token


async def ask(client: genai.Client, prompt: str) -> str:
    said = []
    async with client.aio.live.connect(model=LIVE_MODEL, config=WIDGET_CONFIG) as session:
        await session.send_realtime_input(text=prompt)
        async for msg in session.receive():
            sc = msg.server_content
            if sc and sc.output_transcription:
                said.append(sc.output_transcription.text)
    return "".join(said)


async def sdk_default(prompt: str) -> str:
    token = fetch_token()
    client = genai.Client(api_key=token)  # expect: LM502
    return await ask(client, prompt)


async def sdk_beta(prompt: str) -> str:
    client = genai.Client(api_key=fetch_token(), http_options={"api_version": "v1beta"})
    return await ask(client, prompt)


async def sdk_pinned(suffix: str, prompt: str) -> str:
    client = genai.Client(api_key=f"auth_tokens/{suffix}", http_options=types.HttpOptions(api_version="v1"))  # expect: LM502
    return await ask(client, prompt)


async def raw_ask(prompt: str, legacy_route: bool = False) -> None:
    url = (CONSTRAINED_V1 if legacy_route else CONSTRAINED_ALPHA) + "?access_token=" + fetch_token()
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"setup": {"model": f"models/{LIVE_MODEL}", "outputAudioTranscription": {}}}))
        await ws.recv()
        await ws.send(json.dumps({"realtimeInput": {"text": prompt}}))
        async for raw in ws:
            msg = json.loads(raw)
            content = msg.get("serverContent", {})
            if "outputTranscription" in content:
                print(content["outputTranscription"].get("text", ""), end="")
            if content.get("turnComplete"):
                break


if __name__ == "__main__":
    print(asyncio.run(sdk_default("What's on my calendar?")))
