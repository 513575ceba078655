"""Token endpoints for LiveKit, OpenAI Realtime and Stripe: keys and tokens that belong to other services."""

import os

import httpx
from fastapi import FastAPI
from livekit import api

STRIPE_PUBLISHABLE = "pk_test_51Hx3kLmNoPqRsTuVwXyZ0123456789abcdef"
LIVEKIT_URL = os.getenv("LIVEKIT_URL", "wss://demo.livekit.cloud")

app = FastAPI()


@app.get("/token/livekit")
def livekit_token(identity: str, room: str) -> dict:
    grant = api.VideoGrants(room_join=True, room=room)
    token = (api.AccessToken(os.environ["LIVEKIT_API_KEY"], os.environ["LIVEKIT_API_SECRET"])
             .with_identity(identity).with_grants(grant).to_jwt())
    return {"url": LIVEKIT_URL, "token": token}


@app.post("/token/openai")
async def openai_token() -> dict:
    async with httpx.AsyncClient() as http:
        resp = await http.post(
            "https://api.openai.com/v1/realtime/client_secrets",
            headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
            json={"session": {"type": "realtime", "model": "gpt-realtime"}},
        )
    secret = resp.json()["value"]
    return {"client_secret": secret, "api_version": "v1alpha"}


@app.get("/config/payments")
def payments() -> dict:
    return {"publishableKey": STRIPE_PUBLISHABLE, "apiKey": os.environ.get("PAYMENTS_PUBLIC_KEY")}


@app.get("/config/firebase")
def firebase() -> dict:
    return {
        "projectId": os.environ["FIREBASE_PROJECT"],
        "appId": os.environ["FIREBASE_APP_ID"],
        "authDomain": f"{os.environ['FIREBASE_PROJECT']}.firebaseapp.com",
    }
