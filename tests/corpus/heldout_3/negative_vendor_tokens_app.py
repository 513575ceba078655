"""Token endpoints of other services (LiveKit, Twilio, Deepgram) and a Maps browser key, in a module with no Gemini Live."""

import os

from fastapi import FastAPI
from livekit import api as livekit_api
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

app = FastAPI()
MAPS_BROWSER_KEY = "AIzaSyJr3J1TWDtkwtDDb-xHKas1VOqg6YYZYn9"
DEEPGRAM_URL = "wss://api.deepgram.com/v1/listen?encoding=linear16&sample_rate=16000"


@app.get("/livekit/token")
def livekit_token(room: str, identity: str) -> dict:
    token = (livekit_api.AccessToken(os.environ["LIVEKIT_API_KEY"], os.environ["LIVEKIT_API_SECRET"])
             .with_identity(identity)
             .with_grants(livekit_api.VideoGrants(room_join=True, room=room)))
    return {"token": token.to_jwt(), "url": os.environ["LIVEKIT_URL"]}


@app.get("/twilio/token")
def twilio_token(identity: str) -> dict:
    token = AccessToken(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_API_KEY"],
                        os.environ["TWILIO_API_SECRET"], identity=identity)
    token.add_grant(VoiceGrant(outgoing_application_sid=os.environ["TWIML_APP_SID"]))
    return {"token": token.to_jwt()}


@app.get("/deepgram/config")
def deepgram_config() -> dict:
    return {"url": DEEPGRAM_URL, "token": os.environ["DEEPGRAM_TEMP_KEY"], "mime_type": "audio/pcm"}


@app.get("/maps/config")
def maps_config() -> dict:
    return {"apiKey": MAPS_BROWSER_KEY, "live_traffic": True}
