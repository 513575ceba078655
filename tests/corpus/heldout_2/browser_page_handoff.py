"""aiohttp app that renders the voice page with a ready-made socket URL for the browser: LM503, LM501."""

import os

import aiohttp_jinja2
import jinja2
from aiohttp import web

GEMINI_KEY = os.environ["GEMINI_API_KEY"]
LIVE_WS_BASE = ("wss://generativelanguage.googleapis.com/ws/"
                "google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent")  # expect: LM503
LIVE_MODEL = "models/gemini-3.1-flash-live-preview"
ANALYTICS_ID = "G-7QK2M4XZ1B"


def socket_url_for_browser() -> str:
    return f"{LIVE_WS_BASE}?key={GEMINI_KEY}"  # expect: LM501


def setup_message(voice: str) -> dict:
    """The first frame the page sends once the socket is open."""
    return {
        "setup": {
            "model": LIVE_MODEL,
            "generationConfig": {
                "responseModalities": ["AUDIO"],
                "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": voice}}},
            },
            "sessionResumption": {"transparent": False},
            "outputAudioTranscription": {},
        }
    }


@aiohttp_jinja2.template("voice.html")
async def voice_page(request: web.Request) -> dict:
    voice = request.query.get("voice", "Kore")
    return {
        "socket_url": socket_url_for_browser(),
        "setup": setup_message(voice),
        "analytics_id": ANALYTICS_ID,
    }


async def healthz(_: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def make_app() -> web.Application:
    app = web.Application()
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader("templates"))
    app.router.add_get("/", voice_page)
    app.router.add_get("/healthz", healthz)
    app.router.add_static("/static", "static")
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=int(os.getenv("PORT", "8080")))
