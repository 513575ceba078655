"""FastAPI page server for a browser voice widget that opens the Live socket from the page itself."""

import os

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse

app = FastAPI()
GEMINI_KEY = os.environ["GEMINI_API_KEY"]
LIVE_VERSION = "v1alpha"  # expect: LM503
SOCKET_TEMPLATE = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage."
    "{version}.GenerativeService.BidiGenerateContent"
)
WIDGET_MODEL = "gemini-2.0-flash-live-001"  # expect: LM001

PAGE = """<html><body>
<pre id="cfg">__CFG__</pre>
<script src="/static/widget.js"></script>
</body></html>"""


def socket_url() -> str:
    return SOCKET_TEMPLATE.format(version=LIVE_VERSION)


@app.get("/health")
def health() -> dict:
    return {"ok": True, "key_configured": bool(GEMINI_KEY)}


@app.get("/widget/config")
def widget_config() -> JSONResponse:
    return JSONResponse({
        "url": socket_url(),
        "model": f"models/{WIDGET_MODEL}",
        "apiKey": GEMINI_KEY,  # expect: LM501
    })


@app.get("/widget", response_class=HTMLResponse)
def widget_page() -> str:
    signed = socket_url() + "?key=" + GEMINI_KEY  # expect: LM501
    return PAGE.replace("__CFG__", signed)
