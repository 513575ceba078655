"""Device-side client that only ever sees ephemeral tokens from its backend: LM502 (SDK and raw)."""

import json

import requests
from google import genai
from google.genai import types
from websockets.asyncio.client import connect

BACKEND = "https://kiosk-backend.internal/api/live-token"
MODEL = "gemini-3.1-flash-live-preview"
CONSTRAINED_V1 = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1"  # expect: LM502
                  ".GenerativeService.BidiGenerateContentConstrained")
CONSTRAINED_ALPHA = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha"
                     ".GenerativeService.BidiGenerateContentConstrained")


def fetch_token() -> str:
    token = requests.post(BACKEND, timeout=5).json()["token"]
    if not token.startswith("auth_tokens/"):
        raise RuntimeError("backend returned something that is not an ephemeral token")
    return token


def sdk_client_stable() -> genai.Client:
    token = fetch_token()
    return genai.Client(  # expect: LM502
        api_key=token,
        http_options=types.HttpOptions(api_version="v1"),
    )


def sdk_client_beta() -> genai.Client:
    return genai.Client(api_key=fetch_token(), http_options=types.HttpOptions(api_version="v1beta"))


async def speak(prompt: str, speaker) -> None:
    client = sdk_client_stable()
    async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
        await session.send_realtime_input(text=prompt)
        async for msg in session.receive():
            if msg.server_content and msg.server_content.model_turn:
                for part in msg.server_content.model_turn.parts:
                    if part.inline_data:
                        speaker.play(part.inline_data.data)
            if msg.server_content and msg.server_content.turn_complete:
                break


async def raw_hello(url: str = CONSTRAINED_V1) -> dict:
    token = fetch_token()
    async with connect(f"{url}?access_token={token}") as ws:
        await ws.send(json.dumps({"setup": {"model": f"models/{MODEL}"}}))
        return json.loads(await ws.recv())


async def raw_hello_alpha() -> dict:
    return await raw_hello(CONSTRAINED_ALPHA)
