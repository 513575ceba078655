"""FastAPI relay: the browser chats in text, the server holds one Live session per socket."""

import asyncio
import logging

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from google import genai
from google.genai import types
from pydantic import BaseModel

log = logging.getLogger("relay")
app = FastAPI()
client = genai.Client()

LIVE_MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"
LIVE_CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.TEXT],
    system_instruction=types.Content(
        parts=[types.Part(text="You are Lumi, the help assistant of a photo-printing site.")]
    ),
)


class SummaryRequest(BaseModel):
    transcript: str


async def browser_to_gemini(websocket: WebSocket, session) -> None:
    while True:
        text = await websocket.receive_text()
        await session.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text=text)]),
            turn_complete=True,
        )


async def gemini_to_browser(websocket: WebSocket, session) -> None:
    while True:
        async for message in session.receive():
            if message.text:
                await websocket.send_json({"type": "delta", "text": message.text})
            if message.server_content and message.server_content.turn_complete:
                await websocket.send_json({"type": "done"})


@app.websocket("/chat")
async def chat(websocket: WebSocket) -> None:
    await websocket.accept()
    async with client.aio.live.connect(model=LIVE_MODEL, config=LIVE_CONFIG) as session:
        upstream = asyncio.create_task(browser_to_gemini(websocket, session))
        downstream = asyncio.create_task(gemini_to_browser(websocket, session))
        try:
            await upstream
        except WebSocketDisconnect:
            log.info("browser left")
        finally:
            downstream.cancel()


@app.post("/summarize")
async def summarize(request: SummaryRequest) -> dict:
    """One-off: ask the same assistant to summarise a support conversation."""
    pieces: list[str] = []
    async with client.aio.live.connect(model=LIVE_MODEL, config=LIVE_CONFIG) as session:
        await session.send_client_content(
            turns=types.Content(
                role="user",
                parts=[types.Part(text="Summarise in three bullet points:\n" + request.transcript)],
            ),
            turn_complete=True,
        )
        async for message in session.receive():
            if message.text:
                pieces.append(message.text)
    return {"summary": "".join(pieces)}


@app.get("/health")
async def health() -> dict:
    return {"model": LIVE_MODEL, "ok": True}
