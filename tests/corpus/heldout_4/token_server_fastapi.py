"""FastAPI token server: mints ephemeral tokens, but a legacy route and the page still hand out the key."""

import datetime
import os

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from google import genai
from google.genai import types

GEMINI_KEY = os.getenv("GEMINI_API_KEY", "AIza0owWCLdCobmuMWZPTjRKuoimIOnLeSXm98y")  # expect: LM501
LIVE_MODEL = "gemini-live-2.5-flash-preview"  # expect: LM001
TOKEN_WS = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained"
)

app = FastAPI()
minter = genai.Client(api_key=GEMINI_KEY, http_options={"api_version": "v1alpha"})

PAGE = """<!doctype html>
<html><body>
<button id="talk">Talk</button>
<script>
  const socketUrl = "{url}";
  const model = "models/{model}";
</script>
<script src="/static/live.js"></script>
</body></html>"""


def mint() -> types.AuthToken:
    now = datetime.datetime.now(tz=datetime.timezone.utc)
    return minter.auth_tokens.create(config=types.CreateAuthTokenConfig(
        uses=1,
        expire_time=now + datetime.timedelta(minutes=30),
        new_session_expire_time=now + datetime.timedelta(minutes=1),
        live_connect_constraints=types.LiveConnectConstraints(
            model=LIVE_MODEL,
            config=types.LiveConnectConfig(
                response_modalities=["AUDIO"],
                max_output_tokens=8192,  # expect: LM403
            ),
        ),
    ))


@app.post("/session-token")
def session_token() -> dict:
    return {"token": mint().name, "socket": TOKEN_WS, "model": LIVE_MODEL}


@app.get("/legacy/config")
def legacy_config() -> dict:
    # Old mobile builds still open the socket themselves with the project key.
    return {"apiKey": GEMINI_KEY, "model": LIVE_MODEL}  # expect: LM501


@app.get("/", response_class=HTMLResponse)
def page() -> str:
    url = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage."
           "v1alpha.GenerativeService.BidiGenerateContent")  # expect: LM503
    return PAGE.format(url=url + "?key=" + GEMINI_KEY, model=LIVE_MODEL)  # expect: LM501


@app.get("/healthz")
def healthz() -> dict:
    return {"ok": True, "key_configured": bool(GEMINI_KEY)}


async def smoke_test() -> str:
    token = mint()
    probe = genai.Client(api_key=token.name)  # expect: LM502
    heard = []
    async with probe.aio.live.connect(model=LIVE_MODEL) as session:
        await session.send_realtime_input(text="ping")
        async for msg in session.receive():
            if msg.server_content and msg.server_content.turn_complete:
                break
            heard.append(len(msg.data or b""))
    return f"{sum(heard)} bytes"
