"""FastAPI backend that mints Live tokens, smoke-tests them and leaks its key on a debug route: LM502, LM501."""

import datetime
import os

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from google import genai
from google.genai import types

GEMINI_API_KEY = os.environ["GEMINI_API_KEY"]
LIVE_MODEL = "gemini-3.1-flash-live-preview"

app = FastAPI()
minter = genai.Client(api_key=GEMINI_API_KEY, http_options={"api_version": "v1beta"})


def _mint(uses: int = 1) -> str:
    now = datetime.datetime.now(tz=datetime.timezone.utc)
    token = minter.auth_tokens.create(
        config=types.CreateAuthTokenConfig(
            uses=uses,
            expire_time=now + datetime.timedelta(minutes=20),
            new_session_expire_time=now + datetime.timedelta(minutes=1),
            live_connect_constraints=types.LiveConnectConstraints(
                model=LIVE_MODEL,
                config=types.LiveConnectConfig(response_modalities=["AUDIO"]),
            ),
        )
    )
    return token.name


@app.post("/api/live-token")
async def live_token() -> JSONResponse:
    try:
        return JSONResponse({"token": _mint(), "model": LIVE_MODEL})
    except Exception as exc:  # the SDK raises plain errors on quota problems
        raise HTTPException(status_code=502, detail=str(exc)) from exc


@app.get("/api/healthz/live")
async def live_health() -> dict:
    """Opens one short session with a fresh token, the way the browser will."""
    probe = genai.Client(api_key=_mint())  # expect: LM502
    async with probe.aio.live.connect(model=LIVE_MODEL, config={"response_modalities": ["AUDIO"]}) as session:
        await session.send_realtime_input(text="Say OK.")
        async for message in session.receive():
            if message.server_content and message.server_content.turn_complete:
                break
    return {"ok": True}


@app.get("/api/healthz/live-v1beta")
async def live_health_beta() -> dict:
    probe = genai.Client(api_key=_mint(), http_options={"api_version": "v1beta"})
    async with probe.aio.live.connect(model=LIVE_MODEL, config={"response_modalities": ["AUDIO"]}) as session:
        await session.send_realtime_input(text="Say OK.")
        async for message in session.receive():
            if message.server_content and message.server_content.turn_complete:
                break
    return {"ok": True}


@app.get("/api/debug/client-config")
async def client_config() -> dict:
    # Left over from before tokens: the old web client opened the socket itself.
    return {
        "model": LIVE_MODEL,
        "apiKey": GEMINI_API_KEY,  # expect: LM501
        "voice": "Kore",
    }
