"""Pipeline-style service: sender and receiver tasks, tool calls answered from a queue, a guarded elif ladder."""

import asyncio
import logging

from google import genai
from google.genai import types

logger = logging.getLogger(__name__)
PCM_MIME = "audio/pcm"  # expect: LM106


class LiveFrameService:
    def __init__(self, client: genai.Client, model: str, tools: dict) -> None:
        self._client = client
        self._model = model
        self._tools = tools
        self._audio_in: asyncio.Queue[bytes] = asyncio.Queue()
        self._calls: asyncio.Queue = asyncio.Queue()
        self.audio_out: asyncio.Queue[bytes] = asyncio.Queue()
        self.running = True

    def _config(self) -> dict:
        return {
            "response_modalities": ["AUDIO"],
            "output_audio_transcription": {},
            "tools": [{"function_declarations": [{"name": n} for n in self._tools]}],
        }

    async def _send_audio(self, session) -> None:
        while self.running:
            chunk = await self._audio_in.get()
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type=PCM_MIME))

    async def _run_tools(self, session) -> None:
        while self.running:
            call = await self._calls.get()
            result = await self._tools[call.name](**(call.args or {}))
            await session.send_tool_response(
                function_responses=[types.FunctionResponse(id=call.id, name=call.name, response=result)])

    async def _receive(self, session) -> None:
        while self.running:
            async for msg in session.receive():
                sc = getattr(msg, "server_content", None)
                if hasattr(msg, "tool_call") and msg.tool_call:  # one kind of message per branch (the oneof): no LM302
                    for call in msg.tool_call.function_calls:
                        self._calls.put_nowait(call)
                elif sc is not None and sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            self.audio_out.put_nowait(part.inline_data.data)
                elif getattr(msg, "go_away", None):
                    logger.warning("server going away in %s; restarting", msg.go_away.time_left)
                    self.running = False
                if sc is not None and getattr(sc, "output_transcription", None):
                    logger.info("bot: %s", sc.output_transcription.text)

    async def run(self) -> None:
        async with self._client.aio.live.connect(model=self._model, config=self._config()) as session:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._send_audio(session))
                tg.create_task(self._run_tools(session))
                tg.create_task(self._receive(session))

    async def push(self, pcm: bytes) -> None:
        await self._audio_in.put(pcm)
