"""Raw WebSocket order-status bot on v1alpha: toolCall frames logged or queued for a UI but never answered, a loop that breaks on a tool call, cancellations only read."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os

from websockets.asyncio.client import connect

log = logging.getLogger("orders")

URI = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService."  # expect: LM503
    "BidiGenerateContent"
)
HEADERS = {"x-goog-api-key": os.environ["GEMINI_API_KEY"]}
SETUP = {
    "setup": {
        "model": "models/gemini-3.1-flash-live-preview",
        "generationConfig": {"responseModalities": ["AUDIO"]},
        "contextWindowCompression": {"triggerTokens": 25600, "slidingWindow": {"targetTokens": 12800}},
        "tools": [{"functionDeclarations": [{"name": "order_status", "parameters": {"type": "OBJECT"}}]}],
    }
}


async def order_status(order_id: str) -> dict:
    await asyncio.sleep(0.1)
    return {"order_id": order_id, "status": "shipped"}


async def log_only(ws, speaker) -> None:
    async for raw in ws:
        msg = json.loads(raw)
        if "toolCall" in msg:  # expect: LM305
            log.info("model wants %s", [c["name"] for c in msg["toolCall"]["functionCalls"]])
        for part in msg.get("serverContent", {}).get("modelTurn", {}).get("parts", []):
            if "inlineData" in part:
                speaker.write(base64.b64decode(part["inlineData"]["data"]))


async def queue_for_ui(ws, ui_events: asyncio.Queue) -> None:
    async for raw in ws:
        msg = json.loads(raw)
        if tool_call := msg.get("toolCall"):  # expect: LM305
            await ui_events.put({"kind": "tool", "calls": tool_call["functionCalls"]})
        if "toolCallCancellation" in msg:
            await ui_events.put({"kind": "cancel", "ids": msg["toolCallCancellation"]["ids"]})


async def answer_and_leave(ws) -> None:
    async for raw in ws:
        msg = json.loads(raw)
        if "toolCall" in msg:
            responses = []
            for call in msg["toolCall"]["functionCalls"]:
                result = await order_status(**call["args"])
                responses.append({"id": call["id"], "name": call["name"], "response": result})
            await ws.send(json.dumps({"toolResponse": {"functionResponses": responses}}))
            break  # expect: LM306
        if msg.get("serverContent", {}).get("turnComplete"):
            break


async def watch_cancellations(ws) -> None:
    async for raw in ws:
        msg = json.loads(raw)
        if "toolCallCancellation" in msg:
            log.info("cancelled: %s", msg["toolCallCancellation"]["ids"])
        if msg.get("serverContent", {}).get("turnComplete"):
            return


async def main(mode: str, speaker, ui_events: asyncio.Queue) -> None:
    async with connect(URI, additional_headers=HEADERS) as ws:
        await ws.send(json.dumps(SETUP))
        await ws.recv()
        await ws.send(json.dumps({"realtimeInput": {"text": "Where is order 1142?"}}))
        if mode == "log":
            await log_only(ws, speaker)
        elif mode == "ui":
            await queue_for_ui(ws, ui_events)
        else:
            await answer_and_leave(ws)
