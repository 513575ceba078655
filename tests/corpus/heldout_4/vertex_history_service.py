"""Vertex AI service class: restores a conversation into a new Live session and resumes with a handle."""

import asyncio
import logging

from google import genai
from google.genai import types

log = logging.getLogger(__name__)
VERTEX_MODEL = "gemini-live-2.5-flash-native-audio"  # expect: LM001


def check_stock(sku: str) -> dict:
    """Return the stock level of one product."""
    return {"sku": sku, "available": 4}


class VertexLiveService:
    def __init__(self, project: str, location: str = "us-central1", model: str = VERTEX_MODEL) -> None:
        self._client = genai.Client(vertexai=True, project=project, location=location)
        self._model = model
        self._session = None
        self._cm = None
        self._handle = None
        self._running = False

    def _tools(self) -> list[types.Tool]:
        decl = types.FunctionDeclaration.from_callable(
            client=self._client, callable=check_stock,
            behavior=types.Behavior.NON_BLOCKING,  # expect: LM201
        )
        return [types.Tool(function_declarations=[decl])]

    def _config(self) -> types.LiveConnectConfig:
        return types.LiveConnectConfig(
            response_modalities=[types.Modality.TEXT],  # expect: LM005
            generation_config=types.GenerationConfig(temperature=0.4),  # expect: LM006
            session_resumption=types.SessionResumptionConfig(handle=self._handle),
            tools=self._tools(),
        )

    async def start(self, user_name: str) -> None:
        self._cm = self._client.aio.live.connect(model=self._model, config=self._config())
        self._session = await self._cm.__aenter__()
        seed = [
            types.Content(role="user", parts=[types.Part(text=f"My name is {user_name}.")]),
            types.Content(role="model", parts=[types.Part(text=f"Hello {user_name}, how can I help?")]),
        ]
        await self._session.send_client_content(turns=seed, turn_complete=False)  # expect: LM102
        self._running = True

    async def push_audio(self, pcm: bytes) -> None:
        await self._session.send_realtime_input(
            audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000")
        )

    async def responses(self):
        while self._running:
            async for msg in self._session.receive():
                update = msg.session_resumption_update
                if update and update.resumable:
                    self._handle = update.new_handle
                if msg.tool_call:
                    results = [types.FunctionResponse(id=fc.id, name=fc.name, response=check_stock(**fc.args))
                               for fc in msg.tool_call.function_calls]
                    await self._session.send_tool_response(function_responses=results)
                if msg.text:
                    yield msg.text

    async def stop(self) -> None:
        self._running = False
        await self._cm.__aexit__(None, None, None)
