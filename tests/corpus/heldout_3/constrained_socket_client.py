"""Raw token client on BidiGenerateContentConstrained: minting and connecting in one module, on v1, v1alpha and v1beta."""

import asyncio
import base64
import json

from google import genai
from websockets.asyncio.client import connect

WS_ROOT = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage"
CONSTRAINED_V1 = WS_ROOT + ".v1.GenerativeService.BidiGenerateContentConstrained"  # expect: LM502
CONSTRAINED_ALPHA = WS_ROOT + ".v1alpha.GenerativeService.BidiGenerateContentConstrained"
CONSTRAINED_BETA = f"{WS_ROOT}.v1beta.GenerativeService.BidiGenerateContentConstrained"
MODEL = "models/gemini-3.1-flash-live-preview"

minter = genai.Client(http_options={"api_version": "v1alpha"})


def mint() -> str:
    return minter.auth_tokens.create(config={"uses": 1}).name


async def talk(url: str, token: str, pcm_chunks: list[bytes]) -> bytes:
    audio = bytearray()
    async with connect(f"{url}?access_token={token}") as ws:
        await ws.send(json.dumps({
            "setup": {"model": MODEL, "generationConfig": {"responseModalities": ["AUDIO"]}},
        }))
        await ws.recv()
        for chunk in pcm_chunks:
            await ws.send(json.dumps({"realtimeInput": {"audio": {
                "mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(chunk).decode()}}}))
        await ws.send(json.dumps({"realtimeInput": {"audioStreamEnd": True}}))
        async for raw in ws:
            msg = json.loads(raw)
            content = msg.get("serverContent", {})
            for part in content.get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    audio.extend(base64.b64decode(part["inlineData"]["data"]))
            if content.get("turnComplete"):
                break
    return bytes(audio)


async def main(pcm_chunks: list[bytes]) -> None:
    for url in (CONSTRAINED_V1, CONSTRAINED_ALPHA, CONSTRAINED_BETA):
        print(url.rsplit(".", 2)[-2], len(await talk(url, mint(), pcm_chunks)))


if __name__ == "__main__":
    asyncio.run(main([b"\x00\x00" * 1600] * 10))
