"""Token service for the browser voice widget, and a smoke test that uses one of its tokens.

The widget never sees our API key: it asks /api/token for a one-use ephemeral token and opens
the Live session itself with the constraints baked into that token.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import sys

import httpx
from fastapi import FastAPI
from google import genai
from google.genai import types

app = FastAPI()

API_KEY = os.environ["GEMINI_API_KEY"]
LIVE_MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"

# Ephemeral tokens are minted on v1alpha.
minting_client = genai.Client(api_key=API_KEY, http_options={"api_version": "v1alpha"})

WIDGET_CONFIG = {
    "response_modalities": ["AUDIO"],
    "session_resumption": {},
    "enable_affective_dialog": True,
    "output_audio_transcription": {},
    "system_instruction": "You are the help desk of a bicycle shop. Be brief.",
}


@app.post("/api/token")
async def mint_token() -> dict:
    now = datetime.datetime.now(tz=datetime.timezone.utc)
    token = await minting_client.aio.auth_tokens.create(
        config=types.CreateAuthTokenConfig(
            uses=1,
            expire_time=now + datetime.timedelta(minutes=30),
            new_session_expire_time=now + datetime.timedelta(minutes=1),
            live_connect_constraints=types.LiveConnectConstraints(
                model=LIVE_MODEL, config=WIDGET_CONFIG
            ),
        )
    )
    return {"token": token.name, "model": LIVE_MODEL}


@app.get("/api/config")
async def legacy_widget_config() -> dict:
    """Widget builds before 2.3 open the session with the key itself; kept for old kiosks."""
    return {"apiKey": API_KEY, "model": LIVE_MODEL}


async def smoke_test(base_url: str) -> str:
    """Mint a token through the service and open one session with it, as the widget does."""
    async with httpx.AsyncClient(base_url=base_url) as http:
        token = (await http.post("/api/token")).json()["token"]

    client = genai.Client(api_key=token)
    heard = []
    async with client.aio.live.connect(model=LIVE_MODEL, config=WIDGET_CONFIG) as session:
        await session.send_realtime_input(text="Say the word ready.")
        async for message in session.receive():
            if message.text:
                heard.append(message.text)
            if message.server_content and message.server_content.turn_complete:
                break
    return "".join(heard)


if __name__ == "__main__":
    said = asyncio.run(smoke_test(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
    print("model said:", said or "<nothing>")
    sys.exit(0 if said else 1)
