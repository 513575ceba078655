"""Agent runner draining a request queue into a Live session with legacy realtime frames and silent tool results."""

import asyncio
import os
from dataclasses import dataclass

from google import genai
from google.genai import types

RUNNER_MODEL = os.environ.get("RUNNER_MODEL", "gemini-2.0-flash-exp")  # expect: LM001


def lookup_order(order_id: str) -> dict:
    """Look an order up in the shop database."""
    return {"order_id": order_id, "status": "shipped"}


@dataclass
class LiveRequest:
    content: types.Content | None = None
    blob: types.Blob | None = None
    close: bool = False


class LiveRunner:
    def __init__(self, client: genai.Client) -> None:
        self._client = client
        self.requests: asyncio.Queue[LiveRequest] = asyncio.Queue()
        self.events: asyncio.Queue = asyncio.Queue()
        decl = types.FunctionDeclaration.from_callable(
            client=client, callable=lookup_order, behavior="NON_BLOCKING",  # expect: LM201
        )
        self._config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            tools=[types.Tool(function_declarations=[decl])],
            session_resumption=types.SessionResumptionConfig(),
        )

    async def _forward(self, session) -> None:
        while True:
            req = await self.requests.get()
            if req.close:
                return
            if req.content is not None:
                await session.send_client_content(turns=req.content, turn_complete=True)  # expect: LM101
            elif req.blob is not None:
                await session.send(  # expect: LM103
                    input=types.LiveClientRealtimeInput(media_chunks=[req.blob]),  # expect: LM104
                )

    async def _dispatch(self, session, tool_call) -> None:
        results = []
        for call in tool_call.function_calls:
            results.append({
                "id": call.id,
                "name": call.name,
                "response": lookup_order(**call.args),
                "scheduling": "SILENT",  # expect: LM202
            })
        await session.send_tool_response(function_responses=results)

    async def _listen(self, session) -> None:
        while True:
            async for event in session.receive():
                if event.tool_call:
                    await self._dispatch(session, event.tool_call)
                if event.server_content:
                    await self.events.put(event.server_content)

    async def run(self) -> None:
        async with self._client.aio.live.connect(model=RUNNER_MODEL, config=self._config) as session:
            listener = asyncio.create_task(self._listen(session))
            try:
                await self._forward(session)
            finally:
                listener.cancel()
