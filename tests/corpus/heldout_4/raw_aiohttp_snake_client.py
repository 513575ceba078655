"""Raw aiohttp client with snake_case frames: typed and spoken questions to a native-audio model."""

import asyncio
import base64
import json

import aiohttp

VERSION = "v1alpha"  # expect: LM503
ENDPOINT = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{version}"
            ".GenerativeService.BidiGenerateContent?key={key}")
DEV_KEY = "AIzayqHFgf3eQV86tD96SfJubCbKTzZoURoCh3g"  # expect: LM501
MODEL = "models/gemini-2.5-flash-exp-native-audio-thinking-dialog"  # expect: LM001


def setup_frame() -> dict:
    return {
        "setup": {
            "model": MODEL,
            "generation_config": {
                "response_modalities": ["TEXT"],  # expect: LM005
                "max_output_tokens": 8192,  # expect: LM403
            },
        }
    }


async def collect(ws: aiohttp.ClientWebSocketResponse) -> str:
    answer = []
    async for frame in ws:
        msg = json.loads(frame.data)
        if "serverContent" not in msg:
            break  # expect: LM306
        sc = msg["serverContent"]
        if "modelTurn" in sc:
            answer.append(sc["modelTurn"]["parts"][0].get("text", ""))  # expect: LM301
        if sc.get("turnComplete"):
            break
    return "".join(answer)


async def ask(question: str) -> str:
    url = ENDPOINT.format(version=VERSION, key=DEV_KEY)
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(url) as ws:
            await ws.send_json(setup_frame())
            await ws.receive()
            await ws.send_json({
                "client_content": {  # expect: LM101
                    "turns": [{"role": "user", "parts": [{"text": question}]}],
                    "turn_complete": True,
                }
            })
            return await collect(ws)


async def ask_by_voice(pcm: bytes) -> str:
    url = ENDPOINT.format(version=VERSION, key=DEV_KEY)
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(url) as ws:
            await ws.send_json(setup_frame())
            await ws.receive()
            await ws.send_json({"realtime_input": {"media_chunks": [  # expect: LM104
                {"mime_type": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}]}})
            await ws.send_json({"realtime_input": {"audio_stream_end": True}})
            return await collect(ws)


if __name__ == "__main__":
    print(asyncio.run(ask("Name three moons of Jupiter.")))
