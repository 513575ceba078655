"""FastAPI backend for a browser voice client: mints tokens, but its dev routes hand out the real key."""

import datetime
import os

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from google import genai
from google.genai import types

GEMINI_API_KEY = os.environ["GEMINI_API_KEY"]
LIVE_MODEL = "gemini-3.1-flash-live-preview"

app = FastAPI()
templates = Jinja2Templates(directory="templates")
minter = genai.Client(api_key=GEMINI_API_KEY, http_options={"api_version": "v1alpha"})


@app.post("/api/token")
async def create_token() -> dict:
    now = datetime.datetime.now(tz=datetime.timezone.utc)
    token = minter.auth_tokens.create(config=types.CreateAuthTokenConfig(
        uses=1,
        expire_time=now + datetime.timedelta(minutes=30),
        new_session_expire_time=now + datetime.timedelta(minutes=1),
        live_connect_constraints=types.LiveConnectConstraints(
            model=LIVE_MODEL,
            config={"response_modalities": ["AUDIO"], "session_resumption": {}},
        ),
    ))
    return {"token": token.name, "model": LIVE_MODEL}


@app.get("/api/dev-config")
async def dev_config() -> dict:
    """Local development shortcut: the page connects with the key directly."""
    return {
        "model": LIVE_MODEL,
        "apiKey": GEMINI_API_KEY,  # expect: LM501
    }


@app.get("/", response_class=HTMLResponse)
async def index(request: Request):
    return templates.TemplateResponse(
        "voice.html",
        {"request": request, "model": LIVE_MODEL, "gemini_key": GEMINI_API_KEY},  # expect: LM501
    )


@app.get("/api/health")
async def health() -> dict:
    return {"ok": True, "has_key": bool(GEMINI_API_KEY)}
