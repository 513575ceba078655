"""Live subtitle service that routes server fields to coroutine callbacks from a handlers dict."""
import asyncio
import logging
from typing import Awaitable, Callable

from google import genai
from google.genai import types

log = logging.getLogger("subtitles")
SUB_MODEL = "gemini-3.1-flash-live-preview"


def subtitle_config() -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        output_audio_transcription=types.AudioTranscriptionConfig(),
        tools=[types.Tool(function_declarations=[
            types.FunctionDeclaration(name="mark_speaker", description="Tag who is speaking now."),
        ])],
        context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()),
    )


async def on_caption(text: str) -> None:
    print(text, flush=True)


async def on_tool(call: types.LiveServerToolCall) -> None:
    log.info("speaker tag requested: %s", [fc.name for fc in call.function_calls])


HANDLERS: dict[str, Callable[..., Awaitable[None]]] = {"caption": on_caption, "tool": on_tool}


async def forward(session, feed) -> None:
    async for pcm in feed:
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def subtitle(feed, budget_tokens: int = 200_000) -> None:
    client = genai.Client()
    async with client.aio.live.connect(model=SUB_MODEL, config=subtitle_config()) as session:
        asyncio.create_task(forward(session, feed))
        while True:
            async for msg in session.receive():
                sc = msg.server_content
                if sc and sc.output_transcription:
                    await HANDLERS["caption"](sc.output_transcription.text)
                if sc and sc.input_transcription:  # expect: LM009
                    await HANDLERS["caption"]("> " + sc.input_transcription.text)  # expect: LM009
                if msg.tool_call:  # expect: LM305
                    await HANDLERS["tool"](msg.tool_call)
                if msg.usage_metadata and msg.usage_metadata.total_token_count > budget_tokens:
                    return  # expect: LM306
