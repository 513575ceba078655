"""Typed-question travel guide that answers out loud, over a raw Live websocket.

`live_events()` turns server frames into small typed events; the CLI consumes them.
"""
import asyncio
import base64
import json
import os
import webbrowser
from dataclasses import dataclass

import sounddevice as sd
import websockets

URI = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta."
    f"GenerativeService.BidiGenerateContent?key={os.environ['GEMINI_API_KEY']}"
)

SETUP = {
    "setup": {
        "model": "models/gemini-3.1-flash-live-preview",
        "generation_config": {
            "response_modalities": ["AUDIO"],
            "thinking_config": {"thinking_level": "high"},
        },
        "system_instruction": {"parts": [{"text": "You are a relaxed travel guide for city breaks."}]},
        "output_audio_transcription": {},
        "tools": [{"function_declarations": [{
            "name": "show_map",
            "description": "Show the user a map of the place being discussed.",
            "parameters": {"type": "OBJECT", "properties": {"place": {"type": "STRING"}}, "required": ["place"]},
        }]}],
    }
}


@dataclass
class Audio:
    pcm: bytes


@dataclass
class Caption:
    text: str


@dataclass
class TurnDone:
    pass


@dataclass
class ToolRequest:
    calls: list


async def live_events(ws):
    async for raw in ws:
        msg = json.loads(raw)
        match msg:
            case {"serverContent": sc}:
                for part in sc.get("modelTurn", {}).get("parts", []):
                    if "inlineData" in part:
                        yield Audio(base64.b64decode(part["inlineData"]["data"]))
                if text := sc.get("outputTranscription", {}).get("text"):
                    yield Caption(text)
                if sc.get("turnComplete"):
                    yield TurnDone()
            case {"toolCall": {"functionCalls": calls}}:
                yield ToolRequest(calls)


async def ask_loop(ws):
    while True:
        line = (await asyncio.to_thread(input, "you> ")).strip()
        if not line:
            continue
        await ws.send(json.dumps({"realtime_input": {"text": line}}))


async def main():
    out = sd.RawOutputStream(samplerate=24000, channels=1, dtype="int16")
    out.start()
    async with websockets.connect(URI, max_size=None) as ws:
        await ws.send(json.dumps(SETUP))  # expert: left LM402 open-ended CLI session, no sessionResumption/goAway handling
        await ws.recv()
        asker = asyncio.create_task(ask_loop(ws))
        try:
            async for evt in live_events(ws):
                if isinstance(evt, Audio):
                    await asyncio.to_thread(out.write, evt.pcm)
                elif isinstance(evt, Caption):
                    print(evt.text, end="", flush=True)
                elif isinstance(evt, TurnDone):
                    print()
                elif isinstance(evt, ToolRequest):
                    for call in evt.calls:
                        place = call.get("args", {}).get("place", "")
                        webbrowser.open(f"https://www.openstreetmap.org/search?query={place}")
                    await ws.send(json.dumps({"tool_response": {"function_responses": [
                        {"id": c["id"], "name": c["name"], "response": {"result": "map shown"}}
                        for c in evt.calls
                    ]}}))
        finally:
            asker.cancel()
            out.stop()


if __name__ == "__main__":
    asyncio.run(main())
