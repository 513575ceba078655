"""Not Live: Deepgram streaming STT and ElevenLabs streaming TTS sockets in one phone pipeline."""

import asyncio
import base64
import json
import os

import websockets

DEEPGRAM_URL = ("wss://api.deepgram.com/v1/listen?encoding=linear16&sample_rate=16000"
                "&channels=1&interim_results=true&endpointing=300")
ELEVEN_URL = "wss://api.elevenlabs.io/v1/text-to-speech/{voice}/stream-input?model_id=eleven_flash_v2_5"
INPUT_MIME = "audio/pcm"


async def listen(mic, transcripts: asyncio.Queue) -> None:
    headers = {"Authorization": f"Token {os.environ['DEEPGRAM_API_KEY']}"}
    async with websockets.connect(DEEPGRAM_URL, additional_headers=headers) as dg:

        async def send() -> None:
            async for chunk in mic:
                await dg.send(chunk)
            await dg.send(json.dumps({"type": "CloseStream"}))

        sender = asyncio.create_task(send())
        async for raw in dg:
            msg = json.loads(raw)
            if msg.get("type") != "Results":
                break
            alt = msg["channel"]["alternatives"][0]
            if msg.get("is_final") and alt["transcript"]:
                await transcripts.put(alt["transcript"])
        sender.cancel()


async def speak(texts: asyncio.Queue, player, voice: str = "21m00Tcm4TlvDq8ikWAM") -> None:
    async with websockets.connect(ELEVEN_URL.format(voice=voice)) as tts:
        await tts.send(json.dumps({"text": " ", "xi_api_key": os.environ["ELEVENLABS_API_KEY"],
                                   "voice_settings": {"stability": 0.5, "similarity_boost": 0.8}}))
        while True:
            text = await texts.get()
            await tts.send(json.dumps({"text": text + " ", "flush": True}))
            reply = json.loads(await tts.recv())
            if reply.get("audio"):
                player.write(base64.b64decode(reply["audio"]), mime_type=INPUT_MIME)
            if reply.get("isFinal"):
                continue


def content_type_ok(headers: dict) -> bool:
    return headers.get("content-type") == "audio/pcm"
