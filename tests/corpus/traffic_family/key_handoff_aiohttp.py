"""aiohttp signalling server for a browser/Electron Live client: the API key leaves in a socket message, a header and a template; a companion CLI builds a token client on the SDK default."""

from __future__ import annotations

import os

import aiohttp_jinja2
from aiohttp import ClientSession, web
from google import genai

GEMINI_KEY = os.environ["GEMINI_API_KEY"]
LIVE_MODEL = "gemini-3.1-flash-live-preview"
ALPHA_ENDPOINT = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503

routes = web.RouteTableDef()


@routes.get("/signal")
async def signal(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for msg in ws:
        if msg.data == "hello":
            await ws.send_json({"type": "credentials", "endpoint": ALPHA_ENDPOINT, "key": GEMINI_KEY})  # expect: LM501
        elif msg.data == "bye":
            break
    return ws


@routes.get("/bootstrap")
async def bootstrap(request: web.Request) -> web.Response:
    response = web.json_response({"model": LIVE_MODEL, "endpoint": ALPHA_ENDPOINT})
    response.headers["X-Goog-Api-Key"] = GEMINI_KEY  # expect: LM501
    return response


@routes.get("/")
@aiohttp_jinja2.template("index.html")
async def index(request: web.Request) -> dict:
    return {"model": LIVE_MODEL, "gemini_key": GEMINI_KEY}  # expect: LM501


@routes.get("/ready")
async def ready(request: web.Request) -> web.Response:
    return web.json_response({"ok": bool(GEMINI_KEY), "model": LIVE_MODEL})


async def companion_session(server: str, prompt: str) -> bytes:
    """The CLI companion asks the server for a token and talks to Live directly."""
    async with ClientSession() as http:
        async with http.post(f"{server}/token") as resp:
            token = (await resp.json())["token"]
    if not token.startswith("auth_tokens/"):
        raise RuntimeError("expected an ephemeral token")
    client = genai.Client(api_key=token)  # expect: LM502
    audio = bytearray()
    async with client.aio.live.connect(model=LIVE_MODEL, config={"response_modalities": ["AUDIO"]}) as session:
        await session.send_realtime_input(text=prompt)
        async for message in session.receive():
            if message.data:
                audio.extend(message.data)
    return bytes(audio)


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes(routes)
    return app
