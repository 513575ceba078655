"""Negatives: WebSocket clients of other services (Home Assistant, a chat relay) with look-alike frames, parts[0] and if/elif on their dicts."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator

import websockets

HA_URI = "ws://homeassistant.local:8123/api/websocket"
RELAY_URI = "wss://relay.example.com/v2/stream"


async def home_assistant_lights(entity_id: str, on: bool) -> dict:
    async with websockets.connect(HA_URI) as ws:
        json.loads(await ws.recv())  # {"type": "auth_required"}
        await ws.send(json.dumps({"type": "auth", "access_token": os.environ["HA_TOKEN"]}))
        auth = json.loads(await ws.recv())
        if auth["type"] == "auth_ok":
            pass
        elif auth["type"] == "auth_invalid":
            raise PermissionError(auth.get("message"))
        await ws.send(
            json.dumps(
                {
                    "id": 1,
                    "type": "call_service",
                    "domain": "light",
                    "service": "turn_on" if on else "turn_off",
                    "target": {"entity_id": entity_id},
                }
            )
        )
        return json.loads(await ws.recv())


async def relay_messages(room: str) -> AsyncIterator[str]:
    """Our chat relay speaks a Gemini-like shape: {"content": {"parts": [...]}, "turnComplete": bool}."""
    async with websockets.connect(f"{RELAY_URI}?room={room}") as ws:
        await ws.send(json.dumps({"clientContent": {"turns": [{"role": "user", "parts": [{"text": "/join"}]}]}}))
        while True:
            event = json.loads(await ws.recv())
            if event.get("kind") == "message":
                yield event["content"]["parts"][0]["text"]
            elif event.get("kind") == "typing":
                continue
            elif event.get("kind") == "closed":
                break


async def main() -> None:
    await home_assistant_lights("light.kitchen", True)
    async for text in relay_messages("general"):
        print(text)


if __name__ == "__main__":
    asyncio.run(main())
