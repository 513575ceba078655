"""Not Live: a FastAPI app with its own /live stream socket, audio uploads and a Twilio voice token."""

import os

from fastapi import FastAPI, UploadFile, WebSocket
from fastapi.responses import JSONResponse, Response
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

app = FastAPI()
ACCEPTED_AUDIO = "audio/pcm"


@app.post("/uploads/audio")
async def upload_audio(file: UploadFile) -> JSONResponse:
    if file.content_type != ACCEPTED_AUDIO:
        return JSONResponse({"error": "send raw pcm"}, status_code=415)
    data = await file.read()
    return JSONResponse({"bytes": len(data)})


@app.get("/recordings/{rid}")
async def recording(rid: str) -> Response:
    with open(f"/var/recordings/{rid}.pcm", "rb") as fh:
        return Response(fh.read(), media_type="audio/pcm")


@app.get("/voice-token")
def voice_token(identity: str) -> dict:
    token = AccessToken(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_API_KEY"],
                        os.environ["TWILIO_API_SECRET"], identity=identity)
    token.add_grant(VoiceGrant(outgoing_application_sid=os.environ["TWIML_APP_SID"]))
    return {"token": token.to_jwt(), "api_version": "v1alpha"}


@app.websocket("/live/stream")
async def live_stream(ws: WebSocket) -> None:
    await ws.accept()
    session = {"turns": 0}
    while True:
        msg = await ws.receive_json()
        if msg.get("mime_type") == "audio/pcm":
            session["turns"] += 1
            await ws.send_json({"turn_complete": True, "turns": session["turns"]})
        elif msg.get("tool_call"):
            await ws.send_json({"tool_response": {"ok": True}})
        elif msg.get("go_away"):
            break
