"""Raw WebSocket client, camelCase frames: setup (generationConfig is the wire shape, not LM006) and toolResponse."""

import asyncio
import base64
import json
import os

from websockets.asyncio.client import connect

API_KEY = os.environ["GEMINI_API_KEY"]
HOST = "generativelanguage.googleapis.com"
URI = f"wss://{HOST}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent?key={API_KEY}"
MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001


def lookup_flight(number: str) -> dict:
    return {"flight": number, "status": "delayed", "gate": "B12"}


async def session(mic_chunks, speaker) -> None:
    async with connect(URI) as ws:
        setup = {
            "setup": {
                "model": MODEL,
                "generationConfig": {
                    "responseModalities": ["AUDIO"],
                    "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Puck"}}},
                    "thinkingConfig": {"thinkingBudget": 1024},  # expect: LM002
                    "enableAffectiveDialog": True,  # expect: LM004
                },
                "systemInstruction": {"parts": [{"text": "You are an airport information desk."}]},
                "proactivity": {"proactiveAudio": True},  # expect: LM003
                "tools": [
                    {
                        "functionDeclarations": [
                            {
                                "name": "lookup_flight",
                                "description": "Status of a flight by number.",
                                "parameters": {
                                    "type": "OBJECT",
                                    "properties": {"number": {"type": "STRING"}},
                                },
                                "behavior": "NON_BLOCKING",  # expect: LM201
                            }
                        ]
                    }
                ],
                "outputAudioTranscription": {},
            }
        }
        await ws.send(json.dumps(setup))
        json.loads(await ws.recv())  # setupComplete

        async def send_audio() -> None:
            async for chunk in mic_chunks:
                msg = {
                    "realtimeInput": {
                        "audio": {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(chunk).decode()}
                    }
                }
                await ws.send(json.dumps(msg))

        sender = asyncio.create_task(send_audio())
        try:
            async for raw in ws:
                response = json.loads(raw)
                server_content = response.get("serverContent")
                if server_content:
                    for part in server_content.get("modelTurn", {}).get("parts", []):
                        if "inlineData" in part:
                            await speaker(base64.b64decode(part["inlineData"]["data"]))
                tool_call = response.get("toolCall")
                if tool_call:
                    replies = [
                        {
                            "id": fc["id"],
                            "name": fc["name"],
                            "response": lookup_flight(**fc.get("args", {})),
                            "scheduling": "WHEN_IDLE",  # expect: LM202
                        }
                        for fc in tool_call["functionCalls"]
                    ]
                    await ws.send(json.dumps({"toolResponse": {"functionResponses": replies}}))
        finally:
            sender.cancel()
