"""Session stored on `self` and handed to create_task helpers; FunctionResponse built by a same-module helper."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from google import genai
from google.genai import types

log = logging.getLogger("support_bot")

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001


async def fetch_invoice(invoice_id: str) -> dict[str, Any]:
    await asyncio.sleep(2)  # slow ERP call
    return {"invoice_id": invoice_id, "amount_due": 129.5, "currency": "EUR"}


async def open_ticket(summary: str) -> dict[str, Any]:
    await asyncio.sleep(0.5)
    return {"ticket": "T-4821", "summary": summary}


HANDLERS = {"fetch_invoice": fetch_invoice, "open_ticket": open_ticket}


def _tool_reply(call: types.FunctionCall, payload: dict[str, Any]) -> types.FunctionResponse:
    return types.FunctionResponse(
        id=call.id,
        name=call.name,
        response=payload,
        scheduling=types.FunctionResponseScheduling.INTERRUPT,  # expect: LM202
    )


class SupportBot:
    def __init__(self, client: genai.Client) -> None:
        self.client = client
        self._session = None
        self._background: set[asyncio.Task] = set()

    def _config(self) -> types.LiveConnectConfig:
        declarations = [
            types.FunctionDeclaration(
                name="fetch_invoice",
                description="Fetch an invoice by id.",
                parameters=types.Schema(type="OBJECT", properties={"invoice_id": types.Schema(type="STRING")}),
                behavior=types.Behavior.NON_BLOCKING,  # expect: LM201
            ),
            types.FunctionDeclaration(
                name="open_ticket",
                description="Open a support ticket.",
                parameters=types.Schema(type="OBJECT", properties={"summary": types.Schema(type="STRING")}),
            ),
        ]
        return types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            tools=[types.Tool(function_declarations=declarations)],
            enable_affective_dialog=True,  # expect: LM004
            output_audio_transcription=types.AudioTranscriptionConfig(),
        )

    def _spawn(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _run_tool(self, session, call: types.FunctionCall) -> None:
        try:
            payload = await HANDLERS[call.name](**(call.args or {}))
        except Exception as exc:  # report the failure to the model
            payload = {"error": str(exc)}
        await session.send_tool_response(function_responses=_tool_reply(call, payload))

    async def _ack(self, call: types.FunctionCall) -> None:
        await self._session.send_tool_response(
            function_responses=types.FunctionResponse(
                id=call.id,
                name=call.name,
                response={"status": "working on it"},
                will_continue=True,  # expect: LM202
            )
        )

    async def _receive(self) -> None:
        while True:
            async for message in self._session.receive():
                if message.tool_call:
                    for call in message.tool_call.function_calls or []:
                        self._spawn(self._ack(call))
                        self._spawn(self._run_tool(self._session, call))
                content = message.server_content
                if content and content.output_transcription and content.output_transcription.text:
                    log.info("bot: %s", content.output_transcription.text)

    async def run(self, mic) -> None:
        async with self.client.aio.live.connect(model=MODEL, config=self._config()) as session:
            self._session = session
            receiver = asyncio.create_task(self._receive())
            async for chunk in mic:
                await self._session.send_realtime_input(
                    audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000")
                )
            receiver.cancel()
