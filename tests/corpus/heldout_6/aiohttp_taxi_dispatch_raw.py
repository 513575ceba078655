"""Taxi dispatcher on aiohttp's ws_connect: snake_case frames, a seeded shift log and a tool call."""
import asyncio
import base64
import json
import os

import aiohttp

API_VERSION = "v1alpha"  # expect: LM503
ENDPOINT = ("wss://generativelanguage.googleapis.com/ws/"
            "google.ai.generativelanguage.{ver}.GenerativeService.BidiGenerateContent")
MODEL = "models/gemini-3.1-flash-live-preview"

TOOLS = [{"function_declarations": [{
    "name": "assign_cab",
    "description": "Assign a cab to a pickup address.",
    "parameters": {"type": "OBJECT", "properties": {"pickup": {"type": "STRING"}}},
}]}]


def setup_frame() -> dict:
    frame = {"setup": {"model": MODEL, "tools": TOOLS}}
    frame["setup"]["generation_config"] = {"response_modalities": ["AUDIO"]}
    frame["setup"]["context_window_compression"] = {"sliding_window": {}}
    return frame


async def stream_mic(ws, radio) -> None:
    while True:
        pcm = await radio.read()
        blob = {"mime_type": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}
        await ws.send_str(json.dumps({"realtime_input": {"audio": blob}}))


async def shift(log: list[str], radio) -> None:
    url = ENDPOINT.format(ver=API_VERSION) + "?key=" + os.environ["GEMINI_API_KEY"]
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:
        await ws.send_str(json.dumps(setup_frame()))
        await ws.receive_str()
        history = [
            {"role": "user", "parts": [{"text": "Night shift starts at six."}]},
            {"role": "model", "parts": [{"text": "Noted, six o'clock, twelve cabs on the road."}]},
        ]
        history += [{"role": "user", "parts": [{"text": line}]} for line in log]
        await ws.send_str(json.dumps({"client_content": {"turns": history, "turn_complete": True}}))  # expect: LM102
        asyncio.create_task(stream_mic(ws, radio))
        async for raw in ws:
            data = json.loads(raw.data)
            content = data.get("serverContent") or {}
            for part in (content.get("modelTurn") or {}).get("parts", []):
                if "inlineData" in part:
                    radio.play(base64.b64decode(part["inlineData"]["data"]))
            if "toolCall" in data:  # expect: LM305
                print("dispatch request:", data["toolCall"]["functionCalls"])
                break  # expect: LM306


if __name__ == "__main__":
    from radio_io import Radio

    asyncio.run(shift(["Airport queue is long."], Radio()))
