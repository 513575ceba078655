"""Endpoint table of a raw-WebSocket voice SDK: v1alpha BidiGenerateContent URLs in constants, templates and joins; token URLs on v1, v1alpha and v1beta; Vertex and music endpoints."""

from __future__ import annotations

import json
import os
from enum import Enum

import websockets

HOST = "generativelanguage.googleapis.com"
API_VERSION = "v1alpha"  # expect: LM503
SERVICE = "GenerativeService.BidiGenerateContent"

LIVE_URL = f"wss://{HOST}/ws/google.ai.generativelanguage.{API_VERSION}.{SERVICE}"
LEGACY_URL = "wss://" + HOST + "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503
BETA_URL = f"wss://{HOST}/ws/google.ai.generativelanguage.v1beta.{SERVICE}"
VERTEX_URL = "wss://us-central1-aiplatform.googleapis.com/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent"
MUSIC_URL = f"wss://{HOST}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateMusic"


class Region(Enum):
    DEFAULT = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503
    BETA = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


class TokenEndpoints:
    stable = "wss://{host}/ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContentConstrained?access_token={token}"  # expect: LM502
    alpha = "wss://{host}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained?access_token={token}"
    beta = "wss://{host}/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContentConstrained?access_token={token}"


def key_url(base: str) -> str:
    return f"{base}?key={os.environ['GEMINI_API_KEY']}"


def token_url(token: str, flavour: str = "stable") -> str:
    return getattr(TokenEndpoints, flavour).format(host=HOST, token=token)


def kiosk_url(token: str) -> str:
    return f"wss://{HOST}/ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContentConstrained?access_token={token}"  # expect: LM502


async def ping(url: str, model: str = "models/gemini-3.1-flash-live-preview") -> bool:
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"setup": {"model": model}}))
        reply = json.loads(await ws.recv())
        await ws.send(json.dumps({"realtimeInput": {"text": "ping"}}))
        async for raw in ws:
            if json.loads(raw).get("serverContent", {}).get("turnComplete"):
                break
        return "setupComplete" in reply


async def check_all(token: str) -> dict[str, bool]:
    return {
        "live": await ping(key_url(LIVE_URL)),
        "legacy": await ping(key_url(LEGACY_URL)),
        "beta": await ping(key_url(BETA_URL)),
        "region": await ping(key_url(Region.DEFAULT.value)),
        "region_beta": await ping(key_url(Region.BETA.value)),
        "token": await ping(token_url(token)),
        "token_alpha": await ping(token_url(token, "alpha")),
        "token_beta": await ping(token_url(token, "beta")),
        "kiosk": await ping(kiosk_url(token)),
    }
