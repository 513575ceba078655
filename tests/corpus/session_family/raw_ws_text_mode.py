"""Raw WebSocket REPL on a native-audio model in TEXT mode: responseModalities TEXT, clientContent per line, first text part only."""

from __future__ import annotations

import asyncio
import json
import os

from websockets.asyncio.client import connect

HOST = "generativelanguage.googleapis.com"
PATH = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
MODEL_NAME = "models/gemini-2.5-flash-native-audio-preview-09-2025"


def setup_frame(system_prompt: str) -> dict:
    return {
        "setup": {
            "model": MODEL_NAME,
            "generationConfig": {
                "responseModalities": ["TEXT"],  # expect: LM005
                "temperature": 0.2,
            },
            "systemInstruction": {"parts": [{"text": system_prompt}]},
        }
    }


async def repl() -> None:
    uri = f"wss://{HOST}{PATH}?key={os.environ['GEMINI_API_KEY']}"
    async with connect(uri) as ws:
        await ws.send(json.dumps(setup_frame("You translate English to French.")))
        await ws.recv()
        while True:
            line = await asyncio.to_thread(input, "en> ")
            if not line:
                break
            frame = {"clientContent": {"turns": [{"role": "user", "parts": [{"text": line}]}], "turnComplete": True}}  # expect: LM101
            await ws.send(json.dumps(frame))
            while True:
                response = json.loads(await ws.recv())
                server_content = response.get("serverContent", {})
                if "modelTurn" in server_content:
                    print(server_content["modelTurn"]["parts"][0]["text"], end="", flush=True)  # expect: LM301
                if server_content.get("turnComplete"):
                    print()
                    break


if __name__ == "__main__":
    asyncio.run(repl())
