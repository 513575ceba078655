"""Voice-channel relay for a chat server: raw snake_case frames, tool replies and GoAway reconnects."""

import asyncio
import base64
import json
import os

import websockets

WS_URL = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
)
MODEL = os.getenv("RELAY_MODEL", "gemini-2.5-flash-native-audio-latest")  # expect: LM001

MUSIC_DECLS = [
    {"name": "queue_song", "description": "Queue a song.", "behavior": "NON_BLOCKING"},  # expect: LM201
    {"name": "skip_song", "description": "Skip the current song."},
]


def setup_frame(handle: str | None) -> dict:
    body = {
        "model": f"models/{MODEL}",
        "generation_config": {"response_modalities": ["AUDIO"]},
        "tools": [{"function_declarations": MUSIC_DECLS}],
        "proactivity": {"proactive_audio": True},  # expect: LM003
    }
    if handle:
        body["session_resumption"] = {"handle": handle}
    return {"setup": body}


class VoiceRelay:
    def __init__(self, channel) -> None:
        self.channel = channel
        self.handle = None
        self.ws = None

    async def _reply_tools(self, calls: list) -> None:
        responses = []
        for call in calls:
            ok = await self.channel.run_command(call["name"], call.get("args", {}))
            responses.append({
                "id": call["id"],
                "name": call["name"],
                "response": {"ok": ok},
                "scheduling": "INTERRUPT",  # expect: LM202
            })
        await self.ws.send(json.dumps({"tool_response": {"function_responses": responses}}))

    async def _send_mic(self) -> None:
        async for pcm in self.channel.listen():
            blob = {"mime_type": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}
            await self.ws.send(json.dumps({"realtime_input": {"audio": blob}}))

    async def _recv(self) -> bool:
        async for raw in self.ws:
            msg = json.loads(raw)
            update = msg.get("sessionResumptionUpdate")
            if update and update.get("newHandle"):
                self.handle = update["newHandle"]
            if "goAway" in msg:
                return True
            content = msg.get("serverContent", {})
            for part in content.get("modelTurn", {}).get("parts", []):
                blob = part.get("inlineData", {})
                if blob.get("mimeType") == "audio/pcm":  # expect: LM307
                    self.channel.play(base64.b64decode(blob["data"]))
            calls = msg.get("toolCall", {}).get("functionCalls", [])
            if calls:
                await self._reply_tools(calls)
        return False

    async def run(self) -> None:
        url = f"{WS_URL}?key={os.environ['GEMINI_API_KEY']}"
        while True:
            async with websockets.connect(url) as ws:
                self.ws = ws
                await ws.send(json.dumps(setup_frame(self.handle)))
                await ws.recv()
                sender = asyncio.create_task(self._send_mic())
                again = await self._recv()
                sender.cancel()
            if not again:
                break
