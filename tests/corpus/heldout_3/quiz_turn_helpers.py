"""Per-turn receive helpers that stop on tool calls, usage and missing server content, or never answer a call."""

import asyncio
import logging

from google import genai
from google.genai import types

log = logging.getLogger("quiz")
MODEL = "gemini-3.1-flash-live-preview"

score_tool = types.Tool(function_declarations=[types.FunctionDeclaration(
    name="record_score", description="Store the player's score.",
    parameters={"type": "OBJECT", "properties": {"points": {"type": "INTEGER"}}},
)])
QUIZ_CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=[score_tool])


async def collect_turn(session, speaker: asyncio.Queue) -> list[str]:
    pending: list[str] = []
    async for msg in session.receive():
        if msg.tool_call:  # expect: LM305
            pending.extend(call.name for call in msg.tool_call.function_calls)
            break  # expect: LM306
        if msg.data:
            speaker.put_nowait(msg.data)
    return pending


async def drain_until_usage(session, speaker: asyncio.Queue) -> int:
    async for msg in session.receive():
        if msg.data:
            speaker.put_nowait(msg.data)
        if msg.usage_metadata:
            return msg.usage_metadata.total_token_count  # expect: LM306
    return 0


async def wait_for_speech(session, speaker: asyncio.Queue) -> None:
    async for msg in session.receive():
        if not msg.server_content:
            break  # expect: LM306
        if msg.server_content.model_turn:
            for part in msg.server_content.model_turn.parts:
                if part.inline_data:
                    speaker.put_nowait(part.inline_data.data)


async def log_calls(session) -> None:
    async for msg in session.receive():
        calls = msg.tool_call.function_calls if msg.tool_call else []  # expect: LM305
        for call in calls:
            log.info("model asked for %s(%s)", call.name, call.args)
        if msg.tool_call_cancellation:
            log.info("cancelled %s", msg.tool_call_cancellation.ids)


async def play_quiz(client: genai.Client, speaker: asyncio.Queue) -> None:
    async with client.aio.live.connect(model=MODEL, config=QUIZ_CONFIG) as session:
        await session.send_realtime_input(text="Ask me the first quiz question.")
        names = await collect_turn(session, speaker)
        log.info("tool calls left unanswered: %s", names)
        await session.send_realtime_input(text="Next question, please.")
        tokens = await drain_until_usage(session, speaker)
        log.info("turn used %d tokens", tokens)
        await session.send_realtime_input(text="Last one.")
        await wait_for_speech(session, speaker)
        await log_calls(session)
