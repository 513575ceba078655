"""aiohttp page server that hands the browser a keyed v1alpha Live URL and a key over its own socket."""

import json
import os

from aiohttp import WSMsgType, web

API_KEY = os.getenv("GEMINI_API_KEY", "AIzaSyPtYgjmUhBel31iEl2hpChYgCfrL1spNxn")  # expect: LM501
API_VERSION = "v1alpha"  # expect: LM503
LIVE_PATH = "google.ai.generativelanguage.{version}.GenerativeService.BidiGenerateContent"
MODEL = "models/gemini-3.1-flash-live-preview"

PAGE = """<!doctype html>
<script>
const ws = new WebSocket("{url}");
ws.onopen = () => ws.send(JSON.stringify({{setup: {{model: "{model}"}}}}));
</script>
"""


def live_url() -> str:
    path = LIVE_PATH.format(version=API_VERSION)
    return f"wss://generativelanguage.googleapis.com/ws/{path}"


async def page(request: web.Request) -> web.Response:
    keyed = f"{live_url()}?key={API_KEY}"  # expect: LM501
    return web.Response(text=PAGE.format(url=keyed, model=MODEL), content_type="text/html")


async def control_socket(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for frame in ws:
        if frame.type != WSMsgType.TEXT:
            continue
        event = json.loads(frame.data)
        if event.get("type") == "hello":
            await ws.send_json({"type": "credentials", "key": API_KEY, "model": MODEL})  # expect: LM501
        elif event.get("type") == "bye":
            break
    return ws


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/", page)
    app.router.add_get("/control", control_socket)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=8080)
