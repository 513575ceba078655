"""Not Live: Deepgram speech-to-text and ElevenLabs text-to-speech sockets in one voice pipeline."""

import asyncio
import base64
import json
import os

import websockets

DEEPGRAM_URL = "wss://api.deepgram.com/v1/listen?encoding=linear16&sample_rate=16000&interim_results=true"
ELEVEN_URL = "wss://api.elevenlabs.io/v1/text-to-speech/{voice}/stream-input?model_id=eleven_flash_v2_5"


async def transcribe(mic, on_text) -> None:
    headers = {"Authorization": f"Token {os.environ['DEEPGRAM_API_KEY']}"}
    async with websockets.connect(DEEPGRAM_URL, additional_headers=headers) as ws:

        async def pump() -> None:
            async for pcm in mic:
                await ws.send(pcm)
            await ws.send(json.dumps({"type": "CloseStream"}))

        sender = asyncio.create_task(pump())
        async for raw in ws:
            result = json.loads(raw)
            alternatives = result.get("channel", {}).get("alternatives", [])
            if alternatives and alternatives[0]["transcript"]:
                on_text(alternatives[0]["transcript"], result.get("is_final", False))
            if result.get("type") == "Metadata":
                break
        sender.cancel()


async def speak(text_chunks, voice: str, speaker) -> None:
    async with websockets.connect(ELEVEN_URL.format(voice=voice)) as ws:
        await ws.send(json.dumps({"text": " ", "xi_api_key": os.environ["ELEVEN_API_KEY"],
                                  "generation_config": {"chunk_length_schedule": [120, 160]}}))
        async for text in text_chunks:
            await ws.send(json.dumps({"text": text, "try_trigger_generation": True}))
        await ws.send(json.dumps({"text": ""}))
        async for raw in ws:
            msg = json.loads(raw)
            if msg.get("audio"):
                speaker.play(base64.b64decode(msg["audio"]))
            elif msg.get("isFinal"):
                break
