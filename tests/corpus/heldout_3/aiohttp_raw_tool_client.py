"""Raw aiohttp Live client with tools: wire-spelled 2.5 setup fields, interrupting tool results, a GoAway exit."""

import base64
import json
import os

import aiohttp

URI = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
)
MODEL = "models/gemini-3.1-flash-live-preview"


def setup_message() -> dict:
    return {
        "setup": {
            "model": MODEL,
            "generationConfig": {
                "responseModalities": ["AUDIO"],
                "thinkingConfig": {"thinkingBudget": 0},  # expect: LM002
                "enableAffectiveDialog": True,  # expect: LM004
            },
            "tools": [{"functionDeclarations": [{
                "name": "get_forecast",
                "description": "Weather forecast for a city.",
                "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}}},
                "behavior": "NON_BLOCKING",  # expect: LM201
            }]}],
            "outputAudioTranscription": {},
        }
    }


def forecast(city: str) -> dict:
    return {"city": city, "sky": "clear", "high_c": 24}


async def run(question: str, speaker) -> None:
    headers = {"x-goog-api-key": os.environ["GEMINI_API_KEY"]}
    async with aiohttp.ClientSession(headers=headers) as http:
        async with http.ws_connect(URI) as ws:
            await ws.send_str(json.dumps(setup_message()))
            await ws.receive()
            await ws.send_str(json.dumps({"realtimeInput": {"text": question}}))
            async for frame in ws:
                msg = json.loads(frame.data)
                if "toolCall" in msg:  # one kind of message per branch (the oneof): no LM302
                    replies = [{
                        "id": call["id"],
                        "name": call["name"],
                        "response": forecast(**call["args"]),
                        "scheduling": "INTERRUPT",  # expect: LM202
                    } for call in msg["toolCall"]["functionCalls"]]
                    await ws.send_str(json.dumps({"toolResponse": {"functionResponses": replies}}))
                elif "serverContent" in msg:
                    for part in msg["serverContent"].get("modelTurn", {}).get("parts", []):
                        if "inlineData" in part:
                            speaker.write(base64.b64decode(part["inlineData"]["data"]))
                if "goAway" in msg:
                    print("server closing soon:", msg["goAway"].get("timeLeft"))
                    break  # expect: LM306
