"""Shop-floor inspector: an aiohttp raw Live client sending camera stills and typed notes, reading replies."""

import asyncio
import base64
import json
import os

import aiohttp

API_VERSION = "v1alpha"  # expect: LM503
ENDPOINT = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{}.GenerativeService.BidiGenerateContent"
MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001


def setup_message() -> dict:
    generation = {"responseModalities": ["AUDIO"], "enableAffectiveDialog": True}  # expect: LM004
    return {
        "setup": {  # expect: LM401
            "model": MODEL,
            "generationConfig": generation,
            "tools": [{"functionDeclarations": [{"name": "flag_defect", "description": "Flag a defect."}]}],
            "contextWindowCompression": {"slidingWindow": {}},
        }
    }


async def send_stills(ws, camera) -> None:
    while True:
        jpeg = await camera.snapshot()
        still = {"mimeType": "image/jpeg", "data": base64.b64encode(jpeg).decode()}
        await ws.send_str(json.dumps({"realtimeInput": {"video": still}}))
        await asyncio.sleep(2)


async def send_note(ws, note: str) -> None:
    frame = {"clientContent": {"turns": [{"role": "user", "parts": [{"text": note}]}], "turnComplete": True}}  # expect: LM101
    await ws.send_str(json.dumps(frame))


async def read_replies(ws, defects: asyncio.Queue, speaker, log) -> None:
    async for message in ws:
        if message.type != aiohttp.WSMsgType.TEXT:
            continue
        data = json.loads(message.data)
        if "toolCall" in data:  # expect: LM305
            for call in data["toolCall"]["functionCalls"]:
                await defects.put(call)
            continue
        if "serverContent" not in data:
            break  # expect: LM306
        content = data["serverContent"]
        for part in content.get("modelTurn", {}).get("parts", []):
            if "inlineData" in part:
                speaker.play(base64.b64decode(part["inlineData"]["data"]))
        if "outputTranscription" in content:  # expect: LM009
            log.write(content["outputTranscription"]["text"])  # expect: LM009


async def file_defects(defects: asyncio.Queue, db) -> None:
    while True:
        call = await defects.get()
        await db.insert("defects", call.get("args", {}))


async def inspect(camera, speaker, log, notes, db) -> None:
    url = ENDPOINT.format(API_VERSION) + "?key=" + os.environ["GEMINI_API_KEY"]
    defects: asyncio.Queue = asyncio.Queue()
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(url) as ws:
            await ws.send_str(json.dumps(setup_message()))
            await ws.receive()
            tasks = [
                asyncio.create_task(send_stills(ws, camera)),
                asyncio.create_task(read_replies(ws, defects, speaker, log)),
                asyncio.create_task(file_defects(defects, db)),
            ]
            async for note in notes:
                await send_note(ws, note)
            for task in tasks:
                task.cancel()
