"""FastAPI app with its own /live WebSocket protocol, DB sessions and PCM streaming: no Gemini Live session."""

import asyncio
import json

from fastapi import Depends, FastAPI, WebSocket
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from .db import get_session
from .tts import synthesize

app = FastAPI()


@app.websocket("/live")
async def live(ws: WebSocket, session: Session = Depends(get_session)) -> None:
    await ws.accept()
    while True:
        msg = json.loads(await ws.receive_text())
        if msg["type"] == "audio":
            await ws.send_json({"type": "ack", "mime_type": "audio/pcm"})
            continue
        elif msg["type"] == "transcript":
            session.add_transcript(msg["text"])
        elif msg["type"] == "goAway":
            break
        if msg.get("setup"):
            await ws.send_json({"setup": {"model": "house-tts-v2", "generationConfig": {"maxOutputTokens": 8192}}})


@app.get("/stream/{text}")
async def stream(text: str) -> StreamingResponse:
    async def pcm():
        for chunk in await asyncio.to_thread(synthesize, text):
            yield chunk

    return StreamingResponse(pcm(), media_type="audio/pcm")


@app.post("/session/{sid}/send")
async def send_client_content(sid: str, body: dict, session: Session = Depends(get_session)) -> dict:
    record = session.get_live_session(sid)
    record.turns.append(body["turns"][0])
    session.commit()
    return {"ok": True, "turn_complete": True}
