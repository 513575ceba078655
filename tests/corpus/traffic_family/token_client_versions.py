"""Python clients that connect with ephemeral tokens: on the SDK default (v1 on SDK 3.x), on an explicit v1, and on v1alpha / v1beta."""

from __future__ import annotations

import os

import httpx
from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
TOKEN_SERVER = os.environ.get("TOKEN_SERVER", "http://127.0.0.1:8000")

admin = genai.Client(api_key=os.environ["GEMINI_API_KEY"])


def mint(uses: int = 1) -> types.AuthToken:
    return admin.auth_tokens.create(config=types.CreateAuthTokenConfig(uses=uses))


def client_from_fresh_token() -> genai.Client:
    token = mint()
    return genai.Client(api_key=token.name)  # expect: LM502


def client_pinned_to_v1() -> genai.Client:
    token = mint()
    return genai.Client(  # expect: LM502
        api_key=token.name,
        http_options={"api_version": "v1"},
    )


def client_typed_options() -> genai.Client:
    token = mint(uses=0)
    options = types.HttpOptions(api_version="v1", timeout=30_000)
    return genai.Client(api_key=token.name, http_options=options)  # expect: LM502


def client_for_token_id(token_id: str) -> genai.Client:
    return genai.Client(api_key=f"auth_tokens/{token_id}")  # expect: LM502


def client_alpha() -> genai.Client:
    token = mint()
    return genai.Client(api_key=token.name, http_options={"api_version": "v1alpha"})


def client_beta() -> genai.Client:
    token = mint()
    return genai.Client(api_key=token.name, http_options=types.HttpOptions(api_version="v1beta"))


def client_from_server() -> genai.Client:
    name = httpx.post(f"{TOKEN_SERVER}/api/token").json()["token"]
    if not name.startswith("auth_tokens/"):
        raise ValueError("token server returned something that is not an ephemeral token")
    return genai.Client(api_key=name, http_options={"api_version": "v1alpha"})


async def say(client: genai.Client, text: str) -> bytes:
    audio = bytearray()
    async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
        await session.send_realtime_input(text=text)
        async for message in session.receive():
            if message.data:
                audio.extend(message.data)
    return bytes(audio)


async def smoke() -> None:
    for build in (client_from_fresh_token, client_pinned_to_v1, client_alpha, client_beta):
        await say(build(), "Ping.")
    await say(genai.Client(api_key="auth_tokens/test-fixture-0001"), "Ping.")  # expect: LM502
