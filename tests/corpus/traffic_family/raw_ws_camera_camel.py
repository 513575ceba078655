"""Raw WebSocket client in camelCase: camera frames as realtimeInput video, v1alpha endpoint, whole-connection receive loop, a transcript the setup never asks for."""

from __future__ import annotations

import asyncio
import base64
import json
import os

from websockets.asyncio.client import connect

API_KEY = os.environ["GEMINI_API_KEY"]
MODEL = "models/gemini-2.5-flash-native-audio-preview-09-2025"
HOST = "generativelanguage.googleapis.com"
URI = f"wss://{HOST}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent?key={API_KEY}"  # expect: LM503

TOOLS = {"lookup_part": lambda sku: {"sku": sku, "in_stock": 3}}


class WarehouseCam:
    def __init__(self, camera, speaker) -> None:
        self.camera = camera
        self.speaker = speaker
        self.ws = None

    async def send_setup(self) -> None:
        setup = {
            "setup": {  # expect: LM401, LM402
                "model": MODEL,
                "generationConfig": {"responseModalities": ["AUDIO"]},
                "systemInstruction": {"parts": [{"text": "Identify parts held up to the camera."}]},
                "tools": [{"functionDeclarations": [{"name": "lookup_part", "parameters": {"type": "OBJECT"}}]}],
            }
        }
        await self.ws.send(json.dumps(setup))
        json.loads(await self.ws.recv())

    async def send_frames(self) -> None:
        while True:
            jpeg = await asyncio.to_thread(self.camera.snapshot)
            frame = {"realtimeInput": {"video": {"mimeType": "image/jpeg", "data": base64.b64encode(jpeg).decode()}}}
            await self.ws.send(json.dumps(frame))
            await asyncio.sleep(0.5)

    async def answer(self, call: dict) -> None:
        result = TOOLS[call["name"]](**call.get("args", {}))
        reply = {"toolResponse": {"functionResponses": [{"id": call["id"], "name": call["name"], "response": result}]}}
        await self.ws.send(json.dumps(reply))

    async def receive(self) -> None:
        async for raw in self.ws:
            message = json.loads(raw)
            if "toolCall" in message:
                for call in message["toolCall"].get("functionCalls", []):
                    await self.answer(call)
            content = message.get("serverContent", {})
            for part in content.get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    self.speaker.write(base64.b64decode(part["inlineData"]["data"]))
            caption = content.get("outputTranscription", {}).get("text")  # expect: LM009
            if caption:
                print(caption, end="", flush=True)

    async def run(self) -> None:
        async with connect(URI) as ws:
            self.ws = ws
            await self.send_setup()
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self.send_frames())
                tg.create_task(self.receive())
