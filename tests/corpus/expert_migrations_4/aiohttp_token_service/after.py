"""Token service for the website voice widget.

The widget opens the Live socket from the browser; this service mints single-use ephemeral
tokens locked to the widget's model and config, and exposes a smoke-test endpoint for the
uptime checker.
"""
import datetime
import logging
import os

from aiohttp import web
from google import genai

log = logging.getLogger("tokens")

API_KEY = os.environ["GEMINI_API_KEY"]
LIVE_MODEL = "gemini-3.1-flash-live-preview"

# The only settings the browser is allowed to open a session with.
WIDGET_LIVE_CONFIG = {
    "response_modalities": ["AUDIO"],
    "session_resumption": {},
    "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Kore"}}},
    "thinking_config": {"thinking_level": "minimal"},
    "tools": [
        {
            "function_declarations": [
                {
                    "name": "open_page",
                    "description": "Navigate the visitor's browser to a page of this site.",
                    "parameters": {
                        "type": "OBJECT",
                        "properties": {"path": {"type": "STRING"}},
                        "required": ["path"],
                    },
                }
            ]
        }
    ],
}

minting_client = genai.Client(api_key=API_KEY, http_options={"api_version": "v1alpha"})


async def _new_token(uses: int = 1):
    now = datetime.datetime.now(tz=datetime.timezone.utc)
    return await minting_client.aio.auth_tokens.create(
        config={
            "uses": uses,
            "expire_time": now + datetime.timedelta(minutes=30),
            "new_session_expire_time": now + datetime.timedelta(minutes=1),
            "live_connect_constraints": {"model": LIVE_MODEL, "config": WIDGET_LIVE_CONFIG},
            "http_options": {"api_version": "v1alpha"},
        }
    )


async def mint_token(request: web.Request) -> web.Response:
    token = await _new_token()
    log.info("minted token for %s", request.remote)
    return web.json_response({"token": token.name, "model": LIVE_MODEL})


async def legacy_widget_config(request: web.Request) -> web.Response:
    # Widget builds < 1.4 still open the socket with the key itself. Remove once they are gone.
    return web.json_response({"apiKey": API_KEY, "model": LIVE_MODEL})  # expert: left LM501 hands the long-lived key to old widget builds; retiring them is a product decision


async def smoke_test(request: web.Request) -> web.Response:
    """Open a session exactly the way the widget does, with a fresh token."""
    token = await _new_token()
    client = genai.Client(api_key=token.name, http_options={"api_version": "v1alpha"})
    heard_back = False
    async with client.aio.live.connect(model=LIVE_MODEL, config=WIDGET_LIVE_CONFIG) as live:
        await live.send_realtime_input(text="Reply with the single word OK.")
        async for evt in live.receive():
            if evt.server_content and evt.server_content.model_turn:
                heard_back = True
            if evt.server_content and evt.server_content.turn_complete:
                break
    return web.json_response({"ok": heard_back}, status=200 if heard_back else 503)


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_post("/live/token", mint_token)
    app.router.add_get("/live/config", legacy_widget_config)
    app.router.add_get("/live/smoke", smoke_test)
    return app


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    web.run_app(make_app(), port=int(os.getenv("PORT", "8081")))
