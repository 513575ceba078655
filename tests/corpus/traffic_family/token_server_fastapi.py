"""FastAPI backend for a browser Live client: one route mints ephemeral tokens, older routes still hand the server's API key to the page."""

from __future__ import annotations

import datetime
import os

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from google import genai
from google.genai import types

app = FastAPI()

GEMINI_API_KEY = os.environ["GEMINI_API_KEY"]
LIVE_MODEL = "gemini-3.1-flash-live-preview"
WS_BASE = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage"

client = genai.Client(api_key=GEMINI_API_KEY, http_options={"api_version": "v1alpha"})

PAGE = """<!doctype html>
<html><body>
<script>window.LIVE_CONFIG = {{ apiKey: "{key}", model: "{model}" }};</script>
<script src="/static/live.js"></script>
</body></html>
"""


@app.post("/api/token")
def mint_token() -> dict:
    now = datetime.datetime.now(tz=datetime.timezone.utc)
    token = client.auth_tokens.create(
        config=types.CreateAuthTokenConfig(
            uses=1,
            expire_time=now + datetime.timedelta(minutes=30),
            new_session_expire_time=now + datetime.timedelta(minutes=1),
            live_connect_constraints=types.LiveConnectConstraints(
                model=LIVE_MODEL,
                config=types.LiveConnectConfig(response_modalities=["AUDIO"]),
            ),
        )
    )
    return {"token": token.name, "model": LIVE_MODEL}


@app.get("/api/config")
def browser_config() -> dict:
    # Kept for the v1 widget, which still opens the socket itself.
    return {
        "apiKey": GEMINI_API_KEY,  # expect: LM501
        "model": LIVE_MODEL,
        "sampleRate": 16000,
    }


@app.get("/api/socket-url")
def socket_url() -> JSONResponse:
    url = f"{WS_BASE}.v1alpha.GenerativeService.BidiGenerateContent?key={GEMINI_API_KEY}"  # expect: LM501, LM503
    return JSONResponse({"url": url, "model": f"models/{LIVE_MODEL}"})


@app.get("/widget", response_class=HTMLResponse)
def widget() -> str:
    return PAGE.format(key=GEMINI_API_KEY, model=LIVE_MODEL)  # expect: LM501


@app.get("/api/health")
def health() -> dict:
    # Reports whether a key is configured, never the key itself.
    return {"ok": True, "key_configured": bool(GEMINI_API_KEY), "model": LIVE_MODEL}
