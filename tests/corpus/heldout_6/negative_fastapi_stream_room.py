"""Not Live: a FastAPI app with its own /live socket protocol, LiveKit and Twilio tokens and a PCM route."""
import os

from fastapi import FastAPI, WebSocket
from fastapi.responses import Response
from livekit import api as livekit_api
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

app = FastAPI(root_path="/api/v1alpha")
ROOMS: dict[str, list[WebSocket]] = {}


@app.get("/tokens/livekit")
def livekit_token(room: str, user: str) -> dict:
    token = (livekit_api.AccessToken(os.environ["LIVEKIT_API_KEY"], os.environ["LIVEKIT_API_SECRET"])
             .with_identity(user)
             .with_grants(livekit_api.VideoGrants(room_join=True, room=room)))
    return {"token": token.to_jwt(), "apiVersion": "v1alpha"}


@app.get("/tokens/twilio")
def twilio_token(user: str) -> dict:
    token = AccessToken(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_API_KEY"],
                        os.environ["TWILIO_API_SECRET"], identity=user)
    token.add_grant(VoiceGrant(outgoing_application_sid=os.environ["TWILIO_APP_SID"]))
    return {"token": token.to_jwt()}


@app.get("/streams/{stream_id}/audio")
def stream_audio(stream_id: str) -> Response:
    with open(f"/var/streams/{stream_id}.raw", "rb") as fh:
        return Response(content=fh.read(), media_type="audio/pcm")


@app.websocket("/live/{room}")
async def live_room(ws: WebSocket, room: str) -> None:
    await ws.accept()
    ROOMS.setdefault(room, []).append(ws)
    session = {"setup": {"room": room}, "turns": []}
    while True:
        msg = await ws.receive_json()
        if "clientContent" in msg:
            session["turns"].append(msg["clientContent"])
        elif "toolCall" in msg:
            break
        elif msg.get("realtimeInput", {}).get("mediaChunks"):
            for peer in ROOMS[room]:
                if peer is not ws:
                    await peer.send_json({"serverContent": {"parts": msg["realtimeInput"]["mediaChunks"]}})
        if msg.get("goAway"):
            return
