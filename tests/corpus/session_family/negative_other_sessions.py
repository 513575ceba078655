"""Negatives: `session.send` / `ws.send_str` of requests and aiohttp beside a correct 3.1 Live session in the same module."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import aiohttp
import requests
import websocket  # websocket-client
from google import genai
from google.genai import types

WEBHOOK = "https://hooks.example.com/call-summaries"
STATUS_WS = "wss://status.example.com/agents"

client = genai.Client()


def post_summary(call_id: str, summary: str) -> int:
    session = requests.Session()
    request = requests.Request("POST", WEBHOOK, json={"call_id": call_id, "summary": summary})
    response = session.send(session.prepare_request(request), timeout=10)
    return response.status_code


async def publish_status(agent_id: str, status: str) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(STATUS_WS) as ws:
            await ws.send_str(json.dumps({"agent": agent_id, "status": status}))
            await ws.send_json({"agent": agent_id, "heartbeat": True})


def legacy_status(agent_id: str) -> None:
    ws = websocket.create_connection(STATUS_WS)
    ws.send(json.dumps({"agent": agent_id, "status": "idle"}))
    ws.close()


async def live_call(call_id: str, mic: AsyncIterator[bytes]) -> str:
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )
    said: list[str] = []
    async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:

        async def pump() -> None:
            async for chunk in mic:
                await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
            await session.send_realtime_input(audio_stream_end=True)

        pumping = asyncio.create_task(pump())
        await publish_status(call_id, "talking")
        async for message in session.receive():
            content = message.server_content
            if content is None:
                continue
            if content.output_transcription and content.output_transcription.text:
                said.append(content.output_transcription.text)
            if content.turn_complete:
                break
        pumping.cancel()
    summary = "".join(said)
    await asyncio.to_thread(post_summary, call_id, summary)
    return summary
