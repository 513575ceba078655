"""Cookbook-era raw client in snake_case: image media_chunks, a v1alpha URL split over lines, tool calls only printed, a loop that stops on a non-content frame."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import os

import PIL.Image
from websockets.asyncio.client import connect

MODEL = "models/gemini-2.0-flash-live-001"
URI = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503
    f"?key={os.environ['GOOGLE_API_KEY']}"
)


def jpeg_chunk(image: PIL.Image.Image) -> dict:
    image.thumbnail((768, 768))
    buf = io.BytesIO()
    image.save(buf, format="jpeg")
    return {"mime_type": "image/jpeg", "data": base64.b64encode(buf.getvalue()).decode()}


class ShelfScanner:
    def __init__(self, frames, speaker) -> None:
        self.frames = frames
        self.speaker = speaker
        self.ws = None
        self.out_queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=5)

    async def startup(self) -> None:
        setup_msg = {
            "setup": {  # expect: LM401, LM402
                "model": MODEL,
                "generation_config": {"response_modalities": ["AUDIO"]},
                "tools": [{"function_declarations": [{"name": "flag_empty_shelf"}]}],
            }
        }
        await self.ws.send(json.dumps(setup_msg))
        await self.ws.recv(decode=False)

    async def get_frames(self) -> None:
        async for image in self.frames:
            await self.out_queue.put({"realtime_input": {"media_chunks": [jpeg_chunk(image)]}})
            await asyncio.sleep(1.0)

    async def send_realtime(self) -> None:
        while True:
            msg = await self.out_queue.get()
            await self.ws.send(json.dumps(msg))

    async def receive_audio(self) -> None:
        async for raw_response in self.ws:
            response = json.loads(raw_response.decode("ascii"))
            if "toolCall" in response:  # expect: LM305
                print("model asked for", response["toolCall"]["functionCalls"])
            if "serverContent" not in response:
                break  # expect: LM306
            for part in response["serverContent"].get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    self.speaker.write(base64.b64decode(part["inlineData"]["data"]))
            if response["serverContent"].get("turnComplete"):
                print("\nEnd of turn")

    async def run(self) -> None:
        async with await connect(URI, additional_headers={"Content-Type": "application/json"}) as ws:
            self.ws = ws
            await self.startup()
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self.send_realtime())
                tg.create_task(self.get_frames())
                tg.create_task(self.receive_audio())
