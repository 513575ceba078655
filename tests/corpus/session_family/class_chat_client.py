"""Session kept on `self` across connect()/send_text()/receive_loop(); modality unset on a native-audio model, `.text` kept as the transcript."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from google import genai
from google.genai import types

logger = logging.getLogger(__name__)


class GeminiLiveChat:
    """Small wrapper used by our CLI and by the Slack bot."""

    MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"

    def __init__(self, api_key: str, system_prompt: str) -> None:
        self._client = genai.Client(api_key=api_key)
        self._system_prompt = system_prompt
        self._stack = contextlib.AsyncExitStack()
        self.session = None
        self.transcript: list[str] = []
        self._receiver: asyncio.Task | None = None

    async def connect(self) -> None:
        config = types.LiveConnectConfig(
            system_instruction=types.Content(parts=[types.Part(text=self._system_prompt)]),
            speech_config=types.SpeechConfig(language_code="en-US"),
        )
        self.session = await self._stack.enter_async_context(
            self._client.aio.live.connect(model=self.MODEL, config=config)
        )
        self._receiver = asyncio.create_task(self.receive_loop())

    async def send_text(self, text: str) -> None:
        logger.debug("user: %s", text)
        await self.session.send_client_content(  # expect: LM101
            turns=[types.Content(role="user", parts=[types.Part(text=text)])],
            turn_complete=True,
        )

    async def send_audio(self, pcm: bytes) -> None:
        await self.session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

    async def receive_loop(self) -> None:
        while self.session is not None:
            async for message in self.session.receive():
                if text := message.text:  # expect: LM304
                    self.transcript.append(text)
                if message.server_content and message.server_content.turn_complete:
                    logger.info("assistant said: %s", " ".join(self.transcript[-3:]))

    async def close(self) -> None:
        if self._receiver is not None:
            self._receiver.cancel()
        await self._stack.aclose()
        self.session = None


async def repl(read_line: Callable[[], Awaitable[str | None]], api_key: str) -> None:
    chat = GeminiLiveChat(api_key, "You are a friendly museum guide.")
    await chat.connect()
    try:
        while (line := await read_line()) is not None:
            await chat.send_text(line)
    finally:
        await chat.close()
