"""Every input kind the deprecated session.send accepts: text, Content, LiveClientContent, dicts, Blob, media_chunks, tool responses."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

from google import genai
from google.genai import types
from google.genai.live import AsyncSession

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
CONFIG = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}


class LegacyLiveAdapter:
    """Adapter our 0.x-era call sites still go through; every method maps to one session.send."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def say(self, text: str) -> None:
        await self._session.send(input=text, end_of_turn=True)  # expect: LM103

    async def say_positional(self, text: str) -> None:
        # Written against the early SDK, where `input` was positional.
        await self._session.send(text, end_of_turn=True)  # expect: LM103

    async def say_content(self, text: str) -> None:
        content = types.Content(role="user", parts=[types.Part(text=text)])
        await self._session.send(input=content, end_of_turn=True)  # expect: LM103

    async def say_client_content(self, text: str) -> None:
        await self._session.send(  # expect: LM103
            input=types.LiveClientContent(
                turns=[types.Content(role="user", parts=[types.Part(text=text)])],
                turn_complete=True,
            )
        )

    async def say_dict(self, text: str) -> None:
        payload = {"turns": [{"role": "user", "parts": [{"text": text}]}], "turn_complete": True}
        await self._session.send(input=payload)  # expect: LM103

    async def end_turn(self) -> None:
        await self._session.send(end_of_turn=True)  # expect: LM103

    async def push_audio_dict(self, pcm: bytes) -> None:
        await self._session.send(input={"data": pcm, "mime_type": "audio/pcm;rate=16000"})  # expect: LM103

    async def push_image_b64(self, jpeg: bytes) -> None:
        await self._session.send(input={"mime_type": "image/jpeg", "data": base64.b64encode(jpeg).decode()})  # expect: LM103

    async def push_blob(self, pcm: bytes) -> None:
        blob = types.Blob(data=pcm, mime_type="audio/pcm;rate=16000")
        await self._session.send(input=blob)  # expect: LM103

    async def push_chunks(self, chunks: list[bytes]) -> None:
        await self._session.send(  # expect: LM103
            input=types.LiveClientRealtimeInput(
                media_chunks=[types.Blob(data=c, mime_type="audio/pcm;rate=16000") for c in chunks]  # expect: LM104
            )
        )

    async def answer_one(self, call: types.FunctionCall, result: dict[str, Any]) -> None:
        await self._session.send(input=types.FunctionResponse(id=call.id, name=call.name, response=result))  # expect: LM103

    async def answer_many(self, calls: list[types.FunctionCall], results: list[dict[str, Any]]) -> None:
        responses = [types.FunctionResponse(id=c.id, name=c.name, response=r) for c, r in zip(calls, results)]
        await self._session.send(input=responses)  # expect: LM103

    async def answer_wrapped(self, call: types.FunctionCall, result: dict[str, Any]) -> None:
        await self._session.send(  # expect: LM103
            input=types.LiveClientToolResponse(
                function_responses=[types.FunctionResponse(id=call.id, name=call.name, response=result)]
            )
        )

    async def answer_dict(self, call_id: str, name: str, result: dict[str, Any]) -> None:
        await self._session.send(input={"id": call_id, "name": name, "response": result})  # expect: LM103


async def main(pcm_chunks: list[bytes]) -> None:
    client = genai.Client()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        adapter = LegacyLiveAdapter(session)
        await adapter.push_chunks(pcm_chunks)
        await adapter.end_turn()
        async for message in session.receive():
            if message.tool_call:
                for call in message.tool_call.function_calls or []:
                    await adapter.answer_one(call, {"status": "ok"})
            if message.server_content and message.server_content.turn_complete:
                break


if __name__ == "__main__":
    asyncio.run(main([b"\x00\x00" * 1600]))
