"""Pub-quiz host over a raw websocket: the setup frame is assembled in steps, camelCase JSON."""
import asyncio
import base64
import json
import os

import websockets

HOST = "wss://generativelanguage.googleapis.com"
PATH = "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503
QUIZ_MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001


def build_setup(rounds: int) -> dict:
    setup = {"model": QUIZ_MODEL}
    setup["generationConfig"] = {"responseModalities": ["TEXT"]}  # expect: LM005
    setup["generationConfig"]["thinkingConfig"] = {"thinkingBudget": 2048}  # expect: LM002
    setup["generationConfig"]["maxOutputTokens"] = 8192  # expect: LM403
    setup["systemInstruction"] = {"parts": [{"text": f"Host {rounds} rounds of pub trivia."}]}
    return {"setup": setup}  # expect: LM402


async def send_buzzer(ws, pcm: bytes) -> None:
    chunk = {"mimeType": "audio/pcm", "data": base64.b64encode(pcm).decode()}  # expect: LM106
    await ws.send(json.dumps({"realtimeInput": {"mediaChunks": [chunk]}}))  # expect: LM104


async def play(rounds: int) -> None:
    key = os.environ["GEMINI_API_KEY"]
    async with websockets.connect(f"{HOST}{PATH}?key={key}") as ws:
        await ws.send(json.dumps(build_setup(rounds)))
        json.loads(await ws.recv())
        opener = {"clientContent": {"turns": [{"role": "user", "parts": [{"text": "Start round one."}]}], "turnComplete": True}}  # expect: LM101
        await ws.send(json.dumps(opener))
        while True:
            reply = json.loads(await ws.recv())
            content = reply.get("serverContent", {})
            if "modelTurn" in content:
                first = content["modelTurn"]["parts"][0]  # expect: LM301
                print(first.get("text", ""), end="", flush=True)
            if content.get("turnComplete"):
                answer = await asyncio.to_thread(input, "\nanswer> ")
                await send_buzzer(ws, b"\x00\x10" * 800)
                frame = {"clientContent": {"turns": [{"role": "user", "parts": [{"text": answer}]}], "turnComplete": True}}  # expect: LM101
                await ws.send(json.dumps(frame))


if __name__ == "__main__":
    asyncio.run(play(rounds=3))
