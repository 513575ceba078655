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

LIVE_MODEL = "gemini-3.1-flash-live-preview"
LIVE_CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    system_instruction=types.Content(
        parts=[types.Part(text="You are Lumi, the help assistant of a photo-printing site.")]
    ),
)


class SummaryRequest(BaseModel):
    transcript: str


async def browser_to_gemini(websocket: WebSocket, session) -> None:
    while True:
        text = await websocket.receive_text()
        await session.send_realtime_input(text=text)


async def gemini_to_browser(websocket: WebSocket, session) -> None:
    while True:
        async for message in session.receive():
            sc = message.server_content
            if sc and sc.output_transcription and sc.output_transcription.text:
                await websocket.send_json({"type": "delta", "text": sc.output_transcription.text})
            if message.server_content and message.server_content.turn_complete:
                await websocket.send_json({"type": "done"})


@app.websocket("/chat")
async def chat(websocket: WebSocket) -> None:
    await websocket.accept()
    async with client.aio.live.connect(model=LIVE_MODEL, config=LIVE_CONFIG) as session:  # expert: left LM402 no resumption or GoAway handling; a chat tab that stays open past 15 min is closed, as on 2.5
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
        await session.send_realtime_input(text="Summarise in three bullet points:\n" + request.transcript)
        async for message in session.receive():
            sc = message.server_content
            if sc and sc.output_transcription and sc.output_transcription.text:
                pieces.append(sc.output_transcription.text)
    return {"summary": "".join(pieces)}


@app.get("/health")
async def health() -> dict:
    return {"model": LIVE_MODEL, "ok": True}
