"""Desktop voice client shipped to users with Gemini keys in the source (client call, getenv default, dataclass default, raw URL), beside placeholders and env-only keys."""

from __future__ import annotations

import asyncio
import base64
import json
import os
from dataclasses import dataclass

import websockets
from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
PLACEHOLDER = "YOUR_API_KEY"


@dataclass
class AppSettings:
    api_key: str = "AIzaSyJr3J1TWDtkwtDDb-xHKas1VOqg6YYZYn9"  # expect: LM501
    voice: str = "Aoede"
    push_to_talk: bool = True


def build_client(settings: AppSettings) -> genai.Client:
    return genai.Client(api_key=settings.api_key)


def fallback_client() -> genai.Client:
    key = os.getenv("GEMINI_API_KEY", "AIzaSyZhyiA4uoRgnatmUdjAWtGSU8po-799Nks")  # expect: LM501
    return genai.Client(api_key=key)


def support_build_client() -> genai.Client:
    return genai.Client(api_key="AIzaSyRS_6ilI8ihN5KXSc7Tvo_hBKqFYY_kv5Z")  # expect: LM501


def env_client() -> genai.Client:
    key = os.environ.get("GEMINI_API_KEY", PLACEHOLDER)
    if key == PLACEHOLDER:
        raise SystemExit("Set GEMINI_API_KEY first.")
    return genai.Client(api_key=key)


async def push_to_talk(client: genai.Client, recording: bytes) -> bytes:
    audio = bytearray()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        realtime_input_config=types.RealtimeInputConfig(automatic_activity_detection=types.AutomaticActivityDetection(disabled=True)),
    )
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(activity_start=types.ActivityStart())
        await session.send_realtime_input(audio=types.Blob(data=recording, mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(activity_end=types.ActivityEnd())
        async for message in session.receive():
            if message.data:
                audio.extend(message.data)
    return bytes(audio)


async def push_to_talk_raw(recording: bytes) -> bytes:
    uri = (
        "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService."
        "BidiGenerateContent?key=AIzaSyPtYgjmUhBel31iEl2hpChYgCfrL1spNxn"  # expect: LM501
    )
    audio = bytearray()
    async with websockets.connect(uri) as ws:
        await ws.send(json.dumps({"setup": {"model": f"models/{MODEL}"}}))
        await ws.recv()
        chunk = {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(recording).decode()}
        await ws.send(json.dumps({"realtimeInput": {"audio": chunk}}))
        await ws.send(json.dumps({"realtimeInput": {"audioStreamEnd": True}}))
        async for raw in ws:
            content = json.loads(raw).get("serverContent", {})
            for part in content.get("modelTurn", {}).get("parts", []):
                audio.extend(base64.b64decode(part.get("inlineData", {}).get("data", "")))
            if content.get("turnComplete"):
                break
    return bytes(audio)


if __name__ == "__main__":
    reply = asyncio.run(push_to_talk(build_client(AppSettings()), b"\x00\x00" * 16000))
    print(len(reply), "bytes of audio")
