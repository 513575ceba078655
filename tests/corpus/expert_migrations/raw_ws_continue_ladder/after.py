"""Meeting scribe: listens to a meeting through the raw Live WebSocket, answers questions
when addressed by name, and writes a transcript with both sides of the conversation.
"""

import asyncio
import base64
import json
import os

import websockets

from scribe.audio import Player, meeting_audio
from scribe.calendar import next_meeting
from scribe.transcript import Transcript

URL = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta."
    "GenerativeService.BidiGenerateContent?key=" + os.environ["GEMINI_API_KEY"]
)

SETUP = {
    "setup": {
        "model": "models/gemini-3.1-flash-live-preview",
        "generation_config": {"response_modalities": ["AUDIO"]},
        "system_instruction": {"parts": [{"text": "You are Scribe. Answer only when called by name."}]},
        "tools": [{"function_declarations": [{"name": "next_meeting", "description": "When is the next meeting?"}]}],
        "input_audio_transcription": {},
        "output_audio_transcription": {},
        "context_window_compression": {"sliding_window": {}},
    }
}


async def stream_audio(ws) -> None:
    async for pcm in meeting_audio():
        frame = {"realtime_input": {"audio": {"mime_type": "audio/pcm;rate=16000",
                                              "data": base64.b64encode(pcm).decode()}}}
        await ws.send(json.dumps(frame))


async def answer_tools(ws, tool_call: dict) -> None:
    responses = []
    for call in tool_call.get("functionCalls", []):
        when = await next_meeting()
        responses.append({
            "id": call["id"],
            "name": call["name"],
            "response": {"when": when.isoformat()},
        })
    await ws.send(json.dumps({"tool_response": {"function_responses": responses}}))


async def listen(ws, player: Player, transcript: Transcript) -> None:
    async for raw in ws:
        msg = json.loads(raw)
        sc = msg.get("serverContent")
        if sc is None:
            if "toolCall" in msg:
                await answer_tools(ws, msg["toolCall"])
            continue
        if "inputTranscription" in sc:
            transcript.add("meeting", sc["inputTranscription"].get("text", ""))
        model_turn = sc.get("modelTurn")
        if model_turn:
            for part in model_turn.get("parts", []):
                if "inlineData" in part:
                    player.feed(base64.b64decode(part["inlineData"]["data"]))
        if "outputTranscription" in sc:
            transcript.add("scribe", sc["outputTranscription"].get("text", ""))
        if sc.get("interrupted"):
            player.clear()
        if sc.get("turnComplete"):
            transcript.end_turn()


async def main(out_path: str) -> None:
    transcript = Transcript()
    async with websockets.connect(URL) as ws:
        await ws.send(json.dumps(SETUP))
        json.loads(await ws.recv())
        try:
            await asyncio.gather(stream_audio(ws), listen(ws, Player(24000), transcript))
        finally:
            transcript.save(out_path)


if __name__ == "__main__":
    import sys

    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "meeting.md"))
