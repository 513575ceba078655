"""Raw WebSocket client, snake_case frames: `generation_config` inside `setup` is the wire shape (no LM006)."""

import asyncio
import base64
import json
import os

import websockets

URL = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
)


class RawLiveClient:
    def __init__(self, api_key: str | None = None, model: str = "models/gemini-2.0-flash-live-001"):  # expect: LM001
        self.api_key = api_key or os.environ["GEMINI_API_KEY"]
        self.model = model
        self.ws = None

    def setup_frame(self) -> dict:
        return {
            "setup": {
                "model": self.model,
                "generation_config": {
                    "response_modalities": ["AUDIO"],
                    "thinking_config": {"thinking_budget": 0},  # expect: LM002
                    "enable_affective_dialog": True,  # expect: LM004
                },
                "system_instruction": {"parts": [{"text": "Answer in one short sentence."}]},
                "proactivity": {"proactive_audio": True},  # expect: LM003
                "tools": [
                    {
                        "function_declarations": [
                            {"name": "get_time", "behavior": "NON_BLOCKING"},  # expect: LM201
                            {"name": "get_date", "behavior": "BLOCKING"},
                        ]
                    }
                ],
            }
        }

    async def open(self) -> None:
        self.ws = await websockets.connect(f"{URL}?key={self.api_key}")
        await self.ws.send(json.dumps(self.setup_frame()))
        await self.ws.recv()

    async def send_audio(self, pcm: bytes) -> None:
        frame = {
            "realtime_input": {
                "audio": {"mime_type": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode("ascii")}
            }
        }
        await self.ws.send(json.dumps(frame))

    async def reply_to_tools(self, tool_call: dict) -> None:
        responses = []
        for fc in tool_call.get("function_calls", tool_call.get("functionCalls", [])):
            responses.append(
                {
                    "id": fc["id"],
                    "name": fc["name"],
                    "response": {"result": "12:00" if fc["name"] == "get_time" else "Monday"},
                    "will_continue": False,  # expect: LM202
                }
            )
        await self.ws.send(json.dumps({"tool_response": {"function_responses": responses}}))

    async def events(self):
        async for raw in self.ws:
            event = json.loads(raw)
            if "toolCall" in event:
                await self.reply_to_tools(event["toolCall"])
            yield event


async def demo() -> None:
    client = RawLiveClient()
    await client.open()
    await client.send_audio(b"\x00\x00" * 16000)
    async for event in client.events():
        if event.get("serverContent", {}).get("turnComplete"):
            break


if __name__ == "__main__":
    asyncio.run(demo())
