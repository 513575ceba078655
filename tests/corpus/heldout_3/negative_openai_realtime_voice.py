"""OpenAI Realtime voice agent: a session, a receive loop, elif chains and audio/pcm strings, none of it Gemini Live."""

import asyncio
import base64
import json
import os

import websockets

OPENAI_URL = "wss://api.openai.com/v1/realtime?model=gpt-realtime"
HEADERS = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}


class RealtimeVoice:
    def __init__(self) -> None:
        self.session = None
        self.speaker: asyncio.Queue[bytes] = asyncio.Queue()
        self.transcript: list[str] = []

    async def configure(self) -> None:
        await self.session.send(json.dumps({
            "type": "session.update",
            "session": {
                "modalities": ["text", "audio"],
                "input_audio_format": "pcm16",
                "output_audio_format": {"type": "audio/pcm", "rate": 24000},
                "max_response_output_tokens": 8192,
                "tools": [{"type": "function", "name": "lookup", "parameters": {}}],
            },
        }))

    async def send_audio(self, pcm: bytes) -> None:
        await self.session.send(json.dumps({
            "type": "input_audio_buffer.append",
            "audio": base64.b64encode(pcm).decode(),
        }))

    async def listen(self) -> None:
        while True:
            event = json.loads(await self.session.recv())
            if event["type"] == "response.audio.delta":
                self.speaker.put_nowait(base64.b64decode(event["delta"]))
                continue
            elif event["type"] == "response.audio_transcript.delta":
                self.transcript.append(event["delta"])
            elif event["type"] == "response.function_call_arguments.done":
                break
            if event.get("item", {}).get("content"):
                first = event["item"]["content"][0]
                if first.get("type") == "audio/pcm":
                    print(first.get("transcript"))

    async def run(self) -> None:
        async with websockets.connect(OPENAI_URL, additional_headers=HEADERS) as ws:
            self.session = ws
            await self.configure()
            await self.session.send(json.dumps({"type": "conversation.item.create", "item": {
                "type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hi"}]}}))
            await self.listen()


if __name__ == "__main__":
    asyncio.run(RealtimeVoice().run())
