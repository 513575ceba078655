"""Raw websockets client with small JSON helpers: LM503, LM403, LM402, LM301 on raw frames."""

import asyncio
import base64
import json
import os

import websockets

HOST = "generativelanguage.googleapis.com"
PATH = "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503
MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"


def frame(kind: str, body: dict) -> str:
    """One client frame, as the wire expects it."""
    return json.dumps({kind: body})


def setup_frame() -> str:
    return json.dumps({
        "setup": {  # expect: LM402
            "model": MODEL,
            "generationConfig": {"responseModalities": ["AUDIO"], "maxOutputTokens": 8192},  # expect: LM403
            "outputAudioTranscription": {},
            "tools": [{"functionDeclarations": [{"name": "get_time"}]}],
        }
    })


def audio_frame(pcm: bytes) -> str:
    blob = {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}
    return frame("realtimeInput", {"audio": blob})


def tool_reply(calls: list[dict]) -> str:
    responses = [{"id": c["id"], "name": c["name"], "response": {"time": "12:00"}} for c in calls]
    return frame("toolResponse", {"functionResponses": responses})


async def mic_sender(ws, mic) -> None:
    async for chunk in mic:
        await ws.send(audio_frame(chunk))


async def receiver(ws, speaker) -> None:
    async for raw in ws:
        msg = json.loads(raw)
        if "toolCall" in msg:
            await ws.send(tool_reply(msg["toolCall"]["functionCalls"]))
        content = msg.get("serverContent", {})
        if "modelTurn" in content:
            first = content["modelTurn"]["parts"][0]  # expect: LM301
            if "inlineData" in first:
                speaker.write(base64.b64decode(first["inlineData"]["data"]))
        said = content.get("outputTranscription", {}).get("text")
        if said:
            print("gemini:", said)


async def main(mic, speaker) -> None:
    uri = f"wss://{HOST}{PATH}?key={os.environ['GOOGLE_API_KEY']}"
    async with websockets.connect(uri) as ws:
        await ws.send(setup_frame())
        json.loads(await ws.recv())
        await asyncio.gather(mic_sender(ws, mic), receiver(ws, speaker))
