"""Raw WebSocket client on v1alpha with camera frames, media_chunks and first-part-only parsing."""

import asyncio
import base64
import io
import json
import os

import cv2
import PIL.Image
from websockets.asyncio.client import connect

HOST = "generativelanguage.googleapis.com"
API_KEY = os.environ["GEMINI_API_KEY"]
URI = (
    f"wss://{HOST}/ws/google.ai.generativelanguage."
    "v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503
    f"?key={API_KEY}"
)


def jpeg_frame(cap) -> dict | None:
    ok, frame = cap.read()
    if not ok:
        return None
    img = PIL.Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    img.thumbnail((768, 768))
    buf = io.BytesIO()
    img.save(buf, format="jpeg")
    return {"mimeType": "image/jpeg", "data": base64.b64encode(buf.getvalue()).decode()}


async def send_camera(ws) -> None:
    cap = await asyncio.to_thread(cv2.VideoCapture, 0)
    try:
        while True:
            frame = await asyncio.to_thread(jpeg_frame, cap)
            if frame is None:
                break
            await ws.send(json.dumps({"realtimeInput": {"mediaChunks": [frame]}}))  # expect: LM104
            await asyncio.sleep(1.0)
    finally:
        cap.release()


async def send_pcm(ws, pcm_source) -> None:
    async for chunk in pcm_source:
        await ws.send(json.dumps({
            "realtimeInput": {
                "mediaChunks": [{  # expect: LM104
                    "mimeType": "audio/pcm",  # expect: LM106
                    "data": base64.b64encode(chunk).decode(),
                }],
            },
        }))


async def receive_audio(ws, speaker: asyncio.Queue) -> None:
    async for raw in ws:
        response = json.loads(raw)
        try:
            b64 = response["serverContent"]["modelTurn"]["parts"][0]["inlineData"]["data"]  # expect: LM301
        except KeyError:
            continue
        speaker.put_nowait(base64.b64decode(b64))


async def main(pcm_source, speaker: asyncio.Queue) -> None:
    async with connect(URI) as ws:
        await ws.send(json.dumps({
            "setup": {  # expect: LM401, LM402
                "model": "models/gemini-2.0-flash-live-001",  # expect: LM001
                "generationConfig": {
                    "responseModalities": ["AUDIO"],
                    "maxOutputTokens": 8192,  # expect: LM403
                },
            },
        }))
        await ws.recv()
        async with asyncio.TaskGroup() as tg:
            tg.create_task(send_camera(ws))
            tg.create_task(send_pcm(ws, pcm_source))
            tg.create_task(receive_audio(ws, speaker))
