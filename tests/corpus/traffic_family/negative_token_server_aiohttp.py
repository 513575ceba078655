"""aiohttp token server done right: v1alpha client minting ephemeral tokens, token clients on v1alpha and v1beta, only token names leave the server."""

from __future__ import annotations

import datetime
import os

from aiohttp import ClientSession, web
from google import genai
from google.genai import types

GEMINI_API_KEY = os.environ.get("GEMINI_API_KEY")
MODEL = "gemini-3.1-flash-live-preview"

client = genai.Client(api_key=GEMINI_API_KEY, http_options={"api_version": "v1alpha"})


async def get_ephemeral_token(request: web.Request) -> web.Response:
    now = datetime.datetime.now(tz=datetime.timezone.utc)
    expire_time = now + datetime.timedelta(minutes=30)
    token = client.auth_tokens.create(
        config={
            "uses": 1,
            "expire_time": expire_time.isoformat(),
            "new_session_expire_time": (now + datetime.timedelta(minutes=1)).isoformat(),
            "live_connect_constraints": {"model": MODEL, "config": {"response_modalities": ["AUDIO"]}},
            "http_options": {"api_version": "v1alpha"},
        }
    )
    return web.json_response({"token": token.name, "expires_at": expire_time.isoformat()})


async def smoke_test_token(request: web.Request) -> web.Response:
    """Opens one short session with a fresh token the way the kiosk app does."""
    token = client.auth_tokens.create(config={"uses": 1})
    kiosk = genai.Client(api_key=token.name, http_options={"api_version": "v1alpha"})
    async with kiosk.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
        await session.send_realtime_input(text="Say OK.")
        async for message in session.receive():
            if message.server_content and message.server_content.turn_complete:
                break
    return web.json_response({"ok": True})


async def fetch_token(base_url: str) -> str:
    async with ClientSession() as http:
        async with http.post(f"{base_url}/api/token") as resp:
            return (await resp.json())["token"]


async def beta_kiosk(base_url: str) -> None:
    token = await fetch_token(base_url)
    kiosk = genai.Client(api_key=token, http_options=types.HttpOptions(api_version="v1beta"))
    async with kiosk.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
        await session.send_realtime_input(text="Hello from the lobby kiosk.")
        async for message in session.receive():
            if message.server_content and message.server_content.turn_complete:
                break


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_post("/api/token", get_ephemeral_token)
    app.router.add_get("/api/smoke", smoke_test_token)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=int(os.environ.get("PORT", "8000")))
