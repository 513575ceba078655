"""aiohttp bridge between a browser page and a Live session kept on the bridge object."""
import asyncio
import contextlib
import json

from aiohttp import web
from google import genai
from google.genai import types

LIVE_MODEL = "gemini-3.1-flash-live-preview"
BRIDGE_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    session_resumption=types.SessionResumptionConfig(),
)


class Bridge:
    """Pairs one browser socket with one Live session."""

    def __init__(self, browser: web.WebSocketResponse) -> None:
        self.browser = browser
        self.client = genai.Client()
        self.live = None

    async def attach(self, stack: contextlib.AsyncExitStack) -> None:
        self.live = await stack.enter_async_context(
            self.client.aio.live.connect(model=LIVE_MODEL, config=BRIDGE_CONFIG))

    async def upstream(self) -> None:
        async for frame in self.browser:
            if frame.type == web.WSMsgType.BINARY:
                await self.live.send_realtime_input(audio=types.Blob(data=frame.data, mime_type="audio/pcm;rate=16000"))

    async def downstream(self) -> None:
        while True:
            async for msg in self.live.receive():
                sc = msg.server_content
                if not sc:
                    continue
                if sc.model_turn:
                    for part in sc.model_turn.parts:
                        blob = part.inline_data
                        if blob and blob.mime_type == "audio/pcm":  # expect: LM307
                            await self.browser.send_bytes(blob.data)
                    continue  # expect: LM303
                if sc.input_transcription:
                    await self.browser.send_str(json.dumps({"you": sc.input_transcription.text}))
                if sc.output_transcription:
                    await self.browser.send_str(json.dumps({"gemini": sc.output_transcription.text}))
                if sc.turn_complete:
                    await self.browser.send_str(json.dumps({"done": True}))


async def handle(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    bridge = Bridge(ws)
    async with contextlib.AsyncExitStack() as stack:
        await bridge.attach(stack)
        await asyncio.gather(bridge.upstream(), bridge.downstream())
    return ws


app = web.Application()
app.router.add_get("/talk", handle)

if __name__ == "__main__":
    web.run_app(app, port=8080)
