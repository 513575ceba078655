"""v1alpha kept on Live clients in every spelling (dict, typed, camel, module constant, per-connect options); v1beta clients and a generate_content-only alpha client are fine."""

from __future__ import annotations

import os

from google import genai
from google.genai import types
from google.genai.types import HttpOptions

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
API_KEY = os.environ["GEMINI_API_KEY"]

HTTP_OPTIONS = {"api_version": "v1alpha"}  # expect: LM007

AFFECTIVE = types.LiveConnectConfig(response_modalities=["AUDIO"], enable_affective_dialog=True)
PROACTIVE = {"response_modalities": ["AUDIO"], "proactivity": {"proactive_audio": True}}
PLAIN = {"response_modalities": ["AUDIO"]}


def dict_client() -> genai.Client:
    return genai.Client(api_key=API_KEY, http_options={"api_version": "v1alpha"})  # expect: LM007


def typed_client() -> genai.Client:
    return genai.Client(api_key=API_KEY, http_options=types.HttpOptions(api_version="v1alpha"))  # expect: LM007


def imported_options_client() -> genai.Client:
    return genai.Client(
        api_key=API_KEY,
        http_options=HttpOptions(
            api_version="v1alpha",  # expect: LM007
            timeout=60_000,
        ),
    )


def camel_client() -> genai.Client:
    return genai.Client(api_key=API_KEY, http_options={"apiVersion": "v1alpha"})  # expect: LM007


def constant_client() -> genai.Client:
    return genai.Client(vertexai=False, api_key=API_KEY, http_options=HTTP_OPTIONS)


def beta_client() -> genai.Client:
    return genai.Client(api_key=API_KEY, http_options={"api_version": "v1beta"})


# A separate client for text models only; it never opens a Live session.
thinking_client = genai.Client(api_key=API_KEY, http_options={"api_version": "v1alpha"})


def outline(topic: str) -> str:
    return thinking_client.models.generate_content(model="gemini-2.5-pro", contents=f"Outline: {topic}").text or ""


async def one_turn(client: genai.Client, config, prompt: str) -> bytes:
    audio = bytearray()
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text=prompt)
        async for message in session.receive():
            if message.data:
                audio.extend(message.data)
    return bytes(audio)


async def per_connect_options(prompt: str) -> bytes:
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        http_options=types.HttpOptions(api_version="v1alpha"),  # expect: LM007
    )
    return await one_turn(beta_client(), config, prompt)


async def demo(prompt: str) -> list[bytes]:
    return [
        await one_turn(dict_client(), AFFECTIVE, prompt),
        await one_turn(typed_client(), PROACTIVE, prompt),
        await one_turn(imported_options_client(), PLAIN, prompt),
        await one_turn(camel_client(), PLAIN, prompt),
        await one_turn(constant_client(), AFFECTIVE, prompt),
        await one_turn(beta_client(), PLAIN, prompt),
        await per_connect_options(prompt),
    ]
