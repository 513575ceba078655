"""aiohttp relay: a browser posts camera frames and mic audio, the server forwards them on a raw Live socket."""

import asyncio
import base64
import json
import os

import aiohttp
from aiohttp import web

LIVE_URL = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
)
MODEL = os.environ.get("RELAY_MODEL", "models/gemini-3.1-flash-live-preview")


def setup_frame() -> dict:
    return {
        "setup": {  # expect: LM401
            "model": MODEL,
            "generationConfig": {"responseModalities": ["AUDIO"]},
            "outputAudioTranscription": {},
            "contextWindowCompression": {"slidingWindow": {"targetTokens": 16000}},
        }
    }


async def upstream_reader(live: aiohttp.ClientWebSocketResponse, browser: web.WebSocketResponse) -> None:
    async for frame in live:
        if frame.type != aiohttp.WSMsgType.TEXT:
            continue
        msg = json.loads(frame.data)
        sc = msg.get("serverContent", {})
        if "modelTurn" in sc:  # expect: LM302
            for part in sc["modelTurn"].get("parts", []):
                inline = part.get("inlineData", {})
                if inline.get("mimeType") == "audio/pcm":  # expect: LM307
                    await browser.send_bytes(base64.b64decode(inline["data"]))
        elif "outputTranscription" in sc:
            await browser.send_json({"caption": sc["outputTranscription"].get("text", "")})
        if sc.get("interrupted"):
            await browser.send_json({"event": "flush"})


async def relay(request: web.Request) -> web.WebSocketResponse:
    browser = web.WebSocketResponse(max_msg_size=8 * 1024 * 1024)
    await browser.prepare(request)
    headers = {"x-goog-api-key": os.environ["GEMINI_API_KEY"]}
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(LIVE_URL, headers=headers) as live:
            await live.send_str(json.dumps(setup_frame()))
            await live.receive()
            reader = asyncio.create_task(upstream_reader(live, browser))
            async for incoming in browser:
                event = json.loads(incoming.data)
                if event["kind"] == "frame":
                    blob = {"mimeType": "image/jpeg", "data": event["jpeg"]}
                    await live.send_str(json.dumps({"realtimeInput": {"video": blob}}))
                elif event["kind"] == "mic":
                    blob = {"mimeType": "audio/pcm;rate=16000", "data": event["pcm"]}
                    await live.send_str(json.dumps({"realtimeInput": {"audio": blob}}))
            reader.cancel()
    return browser


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/relay", relay)
    app.router.add_static("/", "static")
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=8080)
