"""Raw WebSocket tutor that declares its seed in the setup frame: audio and text frames sent before the seed, a greeting awaited from the seed, and the fixed order."""

from __future__ import annotations

import asyncio
import base64
import json
import os

import websockets

URI = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta."
    f"GenerativeService.BidiGenerateContent?key={os.environ['GEMINI_API_KEY']}"
)
SETUP = {
    "setup": {
        "model": "models/gemini-3.1-flash-live-preview",
        "generationConfig": {"responseModalities": ["AUDIO"]},
        "historyConfig": {"initialHistoryInClientContent": True},
        "contextWindowCompression": {"slidingWindow": {}},
    }
}


def lesson_turns(lesson: dict) -> list[dict]:
    return [
        {"role": "user", "parts": [{"text": f"Today's lesson: {lesson['title']}"}]},
        {"role": "model", "parts": [{"text": "Ready when you are."}]},
        {"role": "user", "parts": [{"text": "Open the lesson with a one-sentence summary."}]},
    ]


def audio_frame(pcm: bytes) -> str:
    return json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}}})


async def open_socket():
    ws = await websockets.connect(URI)
    await ws.send(json.dumps(SETUP))
    await ws.recv()
    return ws


async def play_until_turn_end(ws, speaker) -> None:
    async for raw in ws:
        content = json.loads(raw).get("serverContent", {})
        for part in content.get("modelTurn", {}).get("parts", []):
            if "inlineData" in part:
                speaker.write(base64.b64decode(part["inlineData"]["data"]))
        if content.get("turnComplete"):
            return


async def lesson_with_warmup_audio(lesson: dict, warmup: bytes, speaker) -> None:
    ws = await open_socket()
    await ws.send(audio_frame(warmup))  # expect: LM107
    await ws.send(json.dumps({"clientContent": {"turns": lesson_turns(lesson), "turnComplete": True}}))
    await ws.send(json.dumps({"realtimeInput": {"audioStreamEnd": True}}))
    await play_until_turn_end(ws, speaker)
    await ws.close()


async def stream_mic(ws, mic) -> None:
    async for pcm in mic:
        await ws.send(audio_frame(pcm))


async def lesson_with_typed_question(lesson: dict, question: str, mic, speaker) -> None:
    ws = await open_socket()
    await ws.send(json.dumps({"realtime_input": {"text": question}}))  # expect: LM107
    await ws.send(json.dumps({"client_content": {"turns": lesson_turns(lesson)[:2], "turn_complete": True}}))
    mic_task = asyncio.create_task(stream_mic(ws, mic))
    await play_until_turn_end(ws, speaker)
    mic_task.cancel()
    await ws.close()


async def lesson_opening(lesson: dict, speaker) -> None:
    ws = await open_socket()
    seed = {"clientContent": {"turns": lesson_turns(lesson), "turnComplete": True}}  # expect: LM108
    await ws.send(json.dumps(seed))
    await play_until_turn_end(ws, speaker)
    await ws.close()


async def lesson_opening_fixed(lesson: dict, speaker) -> None:
    ws = await open_socket()
    await ws.send(json.dumps({"clientContent": {"turns": lesson_turns(lesson), "turnComplete": True}}))
    await ws.send(json.dumps({"realtimeInput": {"text": "Begin."}}))
    await play_until_turn_end(ws, speaker)
    await ws.close()


if __name__ == "__main__":
    asyncio.run(lesson_opening_fixed({"title": "Fractions"}, speaker=None))
