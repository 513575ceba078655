"""aiohttp token service that mints ephemeral Live tokens, with smoke-test clients that use them."""

import datetime as dt
import os

from aiohttp import web
from google import genai
from google.genai import types

LIVE_MODEL = "gemini-3.1-flash-live-preview"
CONSTRAINED_URL = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage."
    "v1.GenerativeService.BidiGenerateContentConstrained"  # expect: LM502
)

admin = genai.Client(api_key=os.environ["GEMINI_API_KEY"], http_options={"api_version": "v1beta"})


def mint(uses: int = 1) -> str:
    now = dt.datetime.now(tz=dt.timezone.utc)
    token = admin.auth_tokens.create(
        config=types.CreateAuthTokenConfig(
            uses=uses,
            expire_time=now + dt.timedelta(minutes=30),
            new_session_expire_time=now + dt.timedelta(minutes=1),
            live_connect_constraints=types.LiveConnectConstraints(
                model=LIVE_MODEL,
                config=types.LiveConnectConfig(
                    response_modalities=["AUDIO"],
                    session_resumption=types.SessionResumptionConfig(),
                ),
            ),
        )
    )
    return token.name


async def token_endpoint(request: web.Request) -> web.Response:
    return web.json_response({"token": mint(), "model": LIVE_MODEL, "url": CONSTRAINED_URL})


async def smoke_test() -> bool:
    token = mint()
    client = genai.Client(api_key=token)  # expect: LM502
    async with client.aio.live.connect(model=LIVE_MODEL, config={"response_modalities": ["AUDIO"]}) as session:
        await session.send_realtime_input(text="Say ready.")
        async for msg in session.receive():
            if msg.server_content and msg.server_content.turn_complete:
                return True
    return False


def client_for(token_id: str) -> genai.Client:
    return genai.Client(  # expect: LM502
        api_key=f"auth_tokens/{token_id}",
        http_options=types.HttpOptions(api_version="v1"),
    )


def beta_client_for(token_id: str) -> genai.Client:
    return genai.Client(api_key=f"auth_tokens/{token_id}", http_options={"api_version": "v1beta"})


app = web.Application()
app.router.add_get("/live-token", token_endpoint)

if __name__ == "__main__":
    web.run_app(app, port=8081)
