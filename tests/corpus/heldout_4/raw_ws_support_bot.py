"""Raw websockets support bot: a setup frame built in steps, a mic pump, typed text and a receive loop."""

import asyncio
import base64
import json
import os

import websockets

from support_audio import Microphone, Speaker
from support_orders import lookup_order

MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"  # expect: LM001
URI = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"  # expect: LM503
)

LOOKUP_ORDER = {
    "name": "lookup_order",
    "description": "Find an order by its number.",
    "parameters": {"type": "OBJECT", "properties": {"number": {"type": "STRING"}}},
    "behavior": "NON_BLOCKING",  # expect: LM201
}


def build_setup(model: str) -> dict:
    generation = {"responseModalities": ["AUDIO"]}
    generation["maxOutputTokens"] = 8192  # expect: LM403
    generation["thinkingConfig"] = {"thinkingBudget": 1024}  # expect: LM002
    setup = {"model": f"models/{model}", "generationConfig": generation}
    setup["systemInstruction"] = {"parts": [{"text": "You are a patient support agent."}]}
    setup["tools"] = [{"functionDeclarations": [LOOKUP_ORDER]}]
    return {"setup": setup}  # expect: LM402


async def pump_microphone(ws, mic: Microphone) -> None:
    while True:
        chunk = await mic.read()
        frame = {"realtimeInput": {}}
        frame["realtimeInput"]["mediaChunks"] = [  # expect: LM104
            {"mimeType": "audio/pcm", "data": base64.b64encode(chunk).decode()}  # expect: LM106
        ]
        await ws.send(json.dumps(frame))


async def console_text(ws) -> None:
    while True:
        line = await asyncio.to_thread(input, "> ")
        await ws.send(json.dumps({
            "clientContent": {  # expect: LM101
                "turns": [{"role": "user", "parts": [{"text": line}]}],
                "turnComplete": True,
            }
        }))


async def answer_tools(ws, calls: list[dict]) -> None:
    responses = []
    for call in calls:
        result = await lookup_order(**call.get("args", {}))
        responses.append({
            "id": call["id"],
            "name": call["name"],
            "response": {"result": result},
            "scheduling": "WHEN_IDLE",  # expect: LM202
        })
    await ws.send(json.dumps({"toolResponse": {"functionResponses": responses}}))


async def receive_loop(ws, speaker: Speaker) -> None:
    async for raw in ws:
        msg = json.loads(raw)
        if "toolCall" in msg:
            await answer_tools(ws, msg["toolCall"]["functionCalls"])
            continue
        content = msg.get("serverContent")
        if content is None:
            continue
        turn = content.get("modelTurn")
        if turn:
            blob = turn["parts"][0]["inlineData"]  # expect: LM301
            speaker.write(base64.b64decode(blob["data"]))
        said = content.get("outputTranscription")  # expect: LM009
        if said:
            print("agent:", said.get("text", ""))


async def main() -> None:
    headers = {"x-goog-api-key": os.environ["GEMINI_API_KEY"]}
    async with websockets.connect(URI, additional_headers=headers) as ws:
        await ws.send(json.dumps(build_setup(MODEL)))
        await ws.recv()
        await asyncio.gather(
            pump_microphone(ws, Microphone(rate=16000)),
            console_text(ws),
            receive_loop(ws, Speaker(rate=24000)),
        )


if __name__ == "__main__":
    asyncio.run(main())
