"""Late-night radio co-host: a raw WebSocket client for the Live API (no SDK)."""

import asyncio
import base64
import json
import os

import sounddevice as sd
import websockets

API_KEY = os.environ["GEMINI_API_KEY"]
HOST = "generativelanguage.googleapis.com"
URI = f"wss://{HOST}/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key={API_KEY}"
MODEL = "models/gemini-3.1-flash-live-preview"
PERSONA = "You co-host a late-night jazz radio show. Banter briefly between tracks."


def build_setup() -> dict:
    setup = {"model": MODEL}  # expert: left LM402 an all-night show outlives a 15 min session; resumption is a product change
    setup["generationConfig"] = {
        "responseModalities": ["AUDIO"],
        "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Orus"}}},
    }
    setup["generationConfig"]["thinkingConfig"] = {"thinkingLevel": "MINIMAL"}
    setup["systemInstruction"] = {"parts": [{"text": PERSONA}]}
    setup["outputAudioTranscription"] = {}
    return {"setup": setup}


def audio_frame(pcm: bytes) -> str:
    chunk = {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}
    return json.dumps({"realtimeInput": {"audio": chunk}})


async def microphone(ws) -> None:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    def callback(indata, frames, time, status):
        loop.call_soon_threadsafe(queue.put_nowait, bytes(indata))

    with sd.RawInputStream(samplerate=16000, channels=1, dtype="int16", blocksize=1600, callback=callback):
        while True:
            await ws.send(audio_frame(await queue.get()))


async def speaker(ws) -> None:
    out = sd.RawOutputStream(samplerate=24000, channels=1, dtype="int16")
    out.start()
    async for raw in ws:
        msg = json.loads(raw)
        content = msg.get("serverContent")
        if not content:
            continue
        if "modelTurn" in content:
            for part in content["modelTurn"]["parts"]:
                if "inlineData" in part:
                    out.write(base64.b64decode(part["inlineData"]["data"]))
        if "outputTranscription" in content:
            print("host:", content["outputTranscription"].get("text", ""), flush=True)
        if content.get("turnComplete"):
            print("-- segment over --", flush=True)


async def main() -> None:
    async with websockets.connect(URI, max_size=None) as ws:
        await ws.send(json.dumps(build_setup()))
        json.loads(await ws.recv())  # setupComplete
        await asyncio.gather(microphone(ws), speaker(ws))


if __name__ == "__main__":
    asyncio.run(main())
