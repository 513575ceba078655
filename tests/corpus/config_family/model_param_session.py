"""Session whose model is a parameter (no 2.x literal flows here): ungated constructs are still reported."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from google import genai
from google.genai import types


def _declarations() -> list[types.FunctionDeclaration]:
    return [
        types.FunctionDeclaration(
            name="transfer_call",
            description="Transfer the caller to a human agent.",
            parameters=types.Schema(
                type=types.Type.OBJECT,
                properties={"department": types.Schema(type=types.Type.STRING)},
            ),
            behavior="NON_BLOCKING",  # expect: LM201
        )
    ]


async def open_session(
    client: genai.Client,
    model: str,
    system_prompt: str,
    audio_in: AsyncIterator[bytes],
) -> AsyncIterator[bytes]:
    """Yield the model's audio for the caller's audio; `model` comes from the deployment config."""
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        system_instruction=system_prompt,
        thinking_config=types.ThinkingConfig(thinking_budget=0),  # expect: LM002
        proactivity=types.ProactivityConfig(proactive_audio=True),  # expect: LM003
        enable_affective_dialog=True,  # expect: LM004
        tools=[types.Tool(function_declarations=_declarations())],
    )
    async with client.aio.live.connect(model=model, config=config) as session:

        async def forward() -> None:
            async for chunk in audio_in:
                await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

        forwarder = asyncio.create_task(forward())
        try:
            async for message in session.receive():
                content = message.server_content
                if content is not None and content.model_turn is not None:
                    for part in content.model_turn.parts or []:
                        if part.inline_data is not None and part.inline_data.data:
                            yield part.inline_data.data
                if message.tool_call is not None:
                    await session.send_tool_response(
                        function_responses=[
                            types.FunctionResponse(
                                id=fc.id,
                                name=fc.name,
                                response={"queued": True},
                                scheduling="INTERRUPT",  # expect: LM202
                            )
                            for fc in message.tool_call.function_calls or []
                        ]
                    )
        finally:
            forwarder.cancel()
