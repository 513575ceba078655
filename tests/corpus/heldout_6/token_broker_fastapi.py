"""FastAPI broker that mints Live tokens for lobby kiosks, plus legacy routes that hand out the key."""
import datetime
import os

from fastapi import FastAPI
from google import genai
from google.genai import types

GEMINI_KEY = os.environ.get("GEMINI_API_KEY", "AIzaSy_xBPLPd-TTiZ7QvQalwRd3sqZLLR4OVwH")  # expect: LM501
LIVE_MODEL = "gemini-3.1-flash-live-preview"
SOCKET_BASE = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"

app = FastAPI()
admin = genai.Client(api_key=GEMINI_KEY, http_options={"api_version": "v1alpha"})


def mint(uses: int = 1):
    now = datetime.datetime.now(tz=datetime.timezone.utc)
    return admin.auth_tokens.create(config=types.CreateAuthTokenConfig(
        uses=uses,
        expire_time=now + datetime.timedelta(minutes=30),
        new_session_expire_time=now + datetime.timedelta(minutes=1),
        live_connect_constraints=types.LiveConnectConstraints(
            model=LIVE_MODEL,
            config=types.LiveConnectConfig(
                response_modalities=["AUDIO"],
                max_output_tokens=8192,  # expect: LM403
                session_resumption=types.SessionResumptionConfig(),
            ),
        ),
    ))


@app.post("/kiosk/token")
def kiosk_token() -> dict:
    token = mint()
    return {"token": token.name, "model": LIVE_MODEL, "apiVersion": "v1alpha"}


@app.get("/kiosk/legacy-config")
def legacy_config() -> dict:
    # Old kiosks still open the socket with the server's own key.
    return {"model": LIVE_MODEL, "apiKey": GEMINI_KEY}  # expect: LM501


@app.get("/kiosk/socket-url")
def socket_url() -> dict:
    return {"url": f"{SOCKET_BASE}?key={GEMINI_KEY}"}  # expect: LM501


def kiosk_client() -> genai.Client:
    token = mint()
    return genai.Client(  # expect: LM502
        api_key=token.name,
        http_options=types.HttpOptions(api_version="v1"),
    )


async def self_test() -> bool:
    token = mint()
    probe = genai.Client(api_key=token.name)  # expect: LM502
    beta = genai.Client(api_key=mint().name, http_options={"api_version": "v1beta"})
    for client in (probe, beta):
        async with client.aio.live.connect(model=LIVE_MODEL) as session:
            await session.send_realtime_input(text="ping")
            async for msg in session.receive():
                if msg.server_content and msg.server_content.turn_complete:
                    break
    return True
