"""Twilio Media Streams <-> Gemini Live over the raw WebSocket (camelCase frames).

Twilio sends 8 kHz mu-law; Gemini takes 16 kHz PCM and answers with 24 kHz PCM.
"""

import asyncio
import audioop
import base64
import json
import os

import websockets
from fastapi import FastAPI, WebSocket

from shop import orders

app = FastAPI()

GEMINI_URL = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    f"?key={os.environ['GEMINI_API_KEY']}"
)
MODEL = "models/gemini-3.1-flash-live-preview"

TOOLS = [
    {
        "functionDeclarations": [
            {
                "name": "lookup_order",
                "description": "Status of an order by its number.",
                "parameters": {
                    "type": "OBJECT",
                    "properties": {"order_number": {"type": "STRING"}},
                    "required": ["order_number"],
                },
            },
            {"name": "transfer_to_human", "description": "Hand the call to a person."},
        ]
    }
]

SETUP = {
    "setup": {  # expert: left LM402 phone calls can pass 15 min; resumption needs the call layer to reconnect
        "model": MODEL,
        "generationConfig": {
            "responseModalities": ["AUDIO"],
            "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Aoede"}}},
        },
        "systemInstruction": {"parts": [{"text": "You answer the phone for an online shop."}]},
        "tools": TOOLS,
    }
}


def to_gemini(mulaw_b64: str) -> dict:
    pcm8 = audioop.ulaw2lin(base64.b64decode(mulaw_b64), 2)
    pcm16, _ = audioop.ratecv(pcm8, 2, 1, 8000, 16000, None)
    chunk = {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm16).decode()}
    return {"realtimeInput": {"audio": chunk}}


def to_twilio(pcm24_b64: str) -> str:
    pcm8, _ = audioop.ratecv(base64.b64decode(pcm24_b64), 2, 1, 24000, 8000, None)
    return base64.b64encode(audioop.lin2ulaw(pcm8, 2)).decode()


async def run_tool(name: str, args: dict) -> dict:
    if name == "lookup_order":
        return {"status": await orders.status(args["order_number"])}
    if name == "transfer_to_human":
        return {"queued": await orders.queue_callback()}
    return {"error": f"unknown tool {name}"}


@app.websocket("/twilio")
async def twilio_stream(twilio: WebSocket) -> None:
    await twilio.accept()
    async with websockets.connect(GEMINI_URL) as gemini:
        await gemini.send(json.dumps(SETUP))
        await gemini.recv()  # setupComplete
        stream_sid = None

        async def from_twilio() -> None:
            nonlocal stream_sid
            async for raw in twilio.iter_text():
                event = json.loads(raw)
                if event["event"] == "start":
                    stream_sid = event["start"]["streamSid"]
                elif event["event"] == "media":
                    await gemini.send(json.dumps(to_gemini(event["media"]["payload"])))
                elif event["event"] == "stop":
                    await gemini.send(json.dumps({"realtimeInput": {"audioStreamEnd": True}}))
                    return

        async def from_gemini() -> None:
            async for raw in gemini:
                msg = json.loads(raw)
                if "serverContent" in msg:
                    content = msg["serverContent"]
                    for part in content.get("modelTurn", {}).get("parts", []):
                        blob = part.get("inlineData")
                        if blob and blob["mimeType"].startswith("audio/pcm"):
                            media = {"payload": to_twilio(blob["data"])}
                            await twilio.send_json({"event": "media", "streamSid": stream_sid, "media": media})
                    if content.get("interrupted"):
                        await twilio.send_json({"event": "clear", "streamSid": stream_sid})
                if "toolCall" in msg:
                    responses = []
                    for call in msg["toolCall"]["functionCalls"]:
                        result = await run_tool(call["name"], call.get("args", {}))
                        responses.append(
                            {"id": call["id"], "name": call["name"], "response": result}
                        )
                    await gemini.send(json.dumps({"toolResponse": {"functionResponses": responses}}))

        await asyncio.gather(from_twilio(), from_gemini())
