"""Not Live: a FastAPI app with its own /live socket, LiveKit and Twilio tokens and a PCM streaming route."""

import os

from fastapi import FastAPI, WebSocket
from fastapi.responses import StreamingResponse
from livekit import api as lk
from twilio.jwt.access_token import AccessToken as TwilioToken
from twilio.jwt.access_token.grants import VoiceGrant

app = FastAPI()
rooms: dict[str, list[WebSocket]] = {}


@app.get("/livekit-token")
def livekit_token(room: str, identity: str) -> dict:
    token = (lk.AccessToken(os.environ["LIVEKIT_API_KEY"], os.environ["LIVEKIT_API_SECRET"])
             .with_identity(identity)
             .with_grants(lk.VideoGrants(room_join=True, room=room)))
    return {"token": token.to_jwt(), "url": os.environ["LIVEKIT_URL"]}


@app.get("/twilio-token")
def twilio_token(identity: str) -> dict:
    token = TwilioToken(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_API_KEY"],
                        os.environ["TWILIO_API_SECRET"], identity=identity)
    token.add_grant(VoiceGrant(outgoing_application_sid=os.environ["TWIML_APP_SID"]))
    return {"token": token.to_jwt(), "apiKey": os.environ["TWILIO_API_KEY"]}


@app.websocket("/live/{room}")
async def live_room(ws: WebSocket, room: str) -> None:
    await ws.accept()
    rooms.setdefault(room, []).append(ws)
    try:
        while True:
            msg = await ws.receive_json()
            if msg.get("tool_call"):
                continue
            if msg.get("server_content") is None:
                break
            for peer in rooms[room]:
                if peer is not ws:
                    await peer.send_json({"server_content": msg["server_content"]})
    finally:
        rooms[room].remove(ws)


@app.get("/stream/{clip}")
def stream_clip(clip: str) -> StreamingResponse:
    def chunks():
        with open(f"clips/{clip}.pcm", "rb") as fh:
            while data := fh.read(4096):
                yield data

    return StreamingResponse(chunks(), media_type="audio/pcm")
