"""Not Live: Deepgram streaming speech-to-text feeding ElevenLabs streaming text-to-speech."""
import asyncio
import base64
import json
import os

import websockets

DEEPGRAM_URL = "wss://api.deepgram.com/v1/listen?encoding=linear16&sample_rate=16000&interim_results=true"
VOICE_ID = "21m00Tcm4TlvDq8ikWAM"
ELEVEN_URL = f"wss://api.elevenlabs.io/v1/text-to-speech/{VOICE_ID}/stream-input?model_id=eleven_flash_v2_5&output_format=pcm_16000"


async def transcribe(mic, sentences: asyncio.Queue) -> None:
    headers = {"Authorization": f"Token {os.environ['DEEPGRAM_API_KEY']}"}
    async with websockets.connect(DEEPGRAM_URL, additional_headers=headers) as dg:

        async def pump() -> None:
            async for pcm in mic:
                await dg.send(pcm)
            await dg.send(json.dumps({"type": "CloseStream"}))

        asyncio.create_task(pump())
        async for raw in dg:
            msg = json.loads(raw)
            if msg.get("type") != "Results":
                continue
            alt = msg["channel"]["alternatives"][0]
            if msg.get("is_final") and alt["transcript"]:
                await sentences.put(alt["transcript"])
            if msg.get("speech_final"):
                break


async def speak(sentences: asyncio.Queue, speaker) -> None:
    async with websockets.connect(ELEVEN_URL) as tts:
        await tts.send(json.dumps({"text": " ", "xi_api_key": os.environ["ELEVEN_API_KEY"],
                                   "generation_config": {"chunk_length_schedule": [120, 160]}}))
        while True:
            text = await sentences.get()
            await tts.send(json.dumps({"text": text + " ", "flush": True}))
            reply = json.loads(await tts.recv())
            if reply.get("audio"):
                speaker.write(base64.b64decode(reply["audio"]), mime_type="audio/pcm")
            if reply.get("isFinal"):
                return
