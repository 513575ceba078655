"""Class-based voice agent whose session is opened in a helper and kept on self: LM402, LM009."""

import asyncio
import contextlib
import logging
import os

from google import genai
from google.genai import types

log = logging.getLogger("frontdesk")

MODEL_ID = "gemini-3.1-flash-live-preview"


class FrontDeskAgent:
    """Answers the hotel front-desk line until the caller hangs up."""

    def __init__(self, mic_queue: asyncio.Queue, speaker) -> None:
        self._client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
        self._mic_queue = mic_queue
        self._speaker = speaker
        self._stack = contextlib.AsyncExitStack()
        self._live = None
        self._running = True
        self.transcript: list[tuple[str, str]] = []

    def _config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            input_audio_transcription=types.AudioTranscriptionConfig(),
            system_instruction="You are the front desk of the Harbour Hotel. Be brief.",
            tools=[{"function_declarations": [{"name": "lookup_booking", "parameters": {
                "type": "OBJECT", "properties": {"surname": {"type": "STRING"}}}}]}],
        )

    async def _open(self) -> None:
        self._live = await self._stack.enter_async_context(
            self._client.aio.live.connect(model=MODEL_ID, config=self._config())  # expect: LM402
        )

    async def _pump_mic(self) -> None:
        while self._running:
            chunk = await self._mic_queue.get()
            await self._live.send_realtime_input(
                audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

    async def _answer(self, tool_call) -> None:
        replies = []
        for call in tool_call.function_calls:
            found = {"room": "214", "nights": 2} if call.args.get("surname") else {}
            replies.append(types.FunctionResponse(id=call.id, name=call.name, response=found))
        await self._live.send_tool_response(function_responses=replies)

    async def _listen(self) -> None:
        while self._running:
            async for message in self._live.receive():
                if message.tool_call:
                    await self._answer(message.tool_call)
                content = message.server_content
                if content is None:
                    continue
                if content.model_turn:
                    for part in content.model_turn.parts:
                        if part.inline_data:
                            self._speaker.write(part.inline_data.data)
                heard = content.input_transcription
                if heard and heard.text:
                    self.transcript.append(("caller", heard.text))
                said = content.output_transcription  # expect: LM009
                if said and said.text:
                    self.transcript.append(("agent", said.text))
                if content.interrupted:
                    self._speaker.flush()

    async def run(self) -> None:
        await self._open()
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._pump_mic())
                tg.create_task(self._listen())
        finally:
            await self._stack.aclose()

    def hang_up(self) -> None:
        self._running = False
