"""Declared seeds done right (seed before every sender, nudge or user-first after it), an undeclared 2.5 seed, and a raw token client on the v1alpha constrained endpoint."""

from __future__ import annotations

import asyncio
import base64
import json

import websockets
from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
DECLARED = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
    session_resumption=types.SessionResumptionConfig(),
)
LEGACY = types.LiveConnectConfig(response_modalities=["AUDIO"], session_resumption=types.SessionResumptionConfig())
TOKEN_URI = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha."
    "GenerativeService.BidiGenerateContentConstrained?access_token={token}"
)


async def mic_sender(session, mic) -> None:
    async for pcm in mic:
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def player(session, speaker) -> None:
    while True:
        async for msg in session.receive():
            if msg.data:
                speaker.write(msg.data)


async def seed_then_senders(client: genai.Client, history, mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:
        await session.send_client_content(turns=history, turn_complete=True)
        async with asyncio.TaskGroup() as tg:
            tg.create_task(mic_sender(session, mic))
            tg.create_task(player(session, speaker))


async def seed_then_greeting(client: genai.Client, history, mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=DECLARED) as session:
        await session.send_client_content(turns=history, turn_complete=True)
        await session.send_realtime_input(text="Please greet the user.")
        await asyncio.gather(mic_sender(session, mic), player(session, speaker))


async def legacy_seed(client: genai.Client, history, mic, speaker) -> None:
    async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=LEGACY) as session:
        mic_task = asyncio.create_task(mic_sender(session, mic))
        await session.send_client_content(turns=history, turn_complete=True)
        await asyncio.gather(mic_task, player(session, speaker))


async def browser_token_session(token: str, history: list[dict], mic, speaker) -> None:
    async with websockets.connect(TOKEN_URI.format(token=token)) as ws:
        await ws.send(json.dumps({"setup": {
            "model": f"models/{MODEL}",
            "historyConfig": {"initialHistoryInClientContent": True},
            "sessionResumption": {"handle": "resume-me"},
        }}))
        await ws.recv()
        await ws.send(json.dumps({"clientContent": {"turns": history, "turnComplete": True}}))

        async def pump() -> None:
            async for pcm in mic:
                await ws.send(json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}}}))

        sender = asyncio.create_task(pump())
        async for raw in ws:
            for part in json.loads(raw).get("serverContent", {}).get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    speaker.write(base64.b64decode(part["inlineData"]["data"]))
        sender.cancel()
