"""Flask routes that hand browser credentials of other services (LiveKit, Twilio, Firebase, Stripe, Maps) and a Gemini ephemeral token; the Gemini key stays server-side."""

from __future__ import annotations

import datetime
import os

import firebase_admin.auth
from flask import Flask, jsonify, render_template_string
from google import genai
from livekit import api as livekit_api
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

app = Flask(__name__)
gemini = genai.Client(api_key=os.environ["GEMINI_API_KEY"], http_options={"api_version": "v1beta"})

MAP_PAGE = """<script src="https://maps.googleapis.com/maps/api/js?key={{ maps_key }}"></script>"""


@app.post("/livekit-token")
def livekit_token():
    token = (
        livekit_api.AccessToken(os.environ["LIVEKIT_API_KEY"], os.environ["LIVEKIT_API_SECRET"])
        .with_identity("visitor")
        .with_grants(livekit_api.VideoGrants(room_join=True, room="support"))
    )
    return jsonify({"token": token.to_jwt(), "url": os.environ["LIVEKIT_URL"]})


@app.post("/twilio-token")
def twilio_token():
    token = AccessToken(
        os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_API_KEY"], os.environ["TWILIO_API_SECRET"], identity="agent"
    )
    token.add_grant(VoiceGrant(outgoing_application_sid=os.environ["TWIML_APP_SID"]))
    return jsonify({"token": token.to_jwt()})


@app.post("/firebase-token")
def firebase_token():
    return jsonify({"token": firebase_admin.auth.create_custom_token("visitor").decode()})


@app.get("/checkout-config")
def checkout_config():
    return jsonify({"publishableKey": os.environ["STRIPE_PUBLISHABLE_KEY"]})


@app.get("/map")
def store_map():
    return render_template_string(MAP_PAGE, maps_key=os.environ["MAPS_BROWSER_KEY"])


@app.post("/gemini-token")
def gemini_token():
    now = datetime.datetime.now(tz=datetime.timezone.utc)
    token = gemini.auth_tokens.create(
        config={"uses": 1, "expire_time": (now + datetime.timedelta(minutes=30)).isoformat()}
    )
    return jsonify({"token": token.name})


@app.get("/status")
def status():
    return jsonify({"gemini": bool(os.environ.get("GEMINI_API_KEY")), "livekit": bool(os.environ.get("LIVEKIT_URL"))})
