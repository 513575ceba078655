"""Order-support voice bot: message and tool handlers are looked up in dicts."""

import asyncio
import logging

from google import genai
from google.genai import types

from shop import orders, player, refunds

log = logging.getLogger(__name__)

MODEL = "models/gemini-2.5-flash-native-audio-preview-09-2025"

LOOKUP_ORDER = types.FunctionDeclaration(
    name="lookup_order",
    description="Find an order by its number and say where it is.",
    parameters_json_schema={"type": "object", "properties": {"order_id": {"type": "string"}}},
    behavior=types.Behavior.NON_BLOCKING,
)
START_REFUND = {
    "name": "start_refund",
    "description": "Open a refund for an order.",
    "parameters": {"type": "OBJECT", "properties": {"order_id": {"type": "STRING"}}},
    "behavior": "NON_BLOCKING",
}

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    system_instruction="You are the support line of Lumen Shop. Be brief and friendly.",
    tools=[types.Tool(function_declarations=[LOOKUP_ORDER, START_REFUND])],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    session_resumption=types.SessionResumptionConfig(),
)

TOOL_HANDLERS = {"lookup_order": orders.lookup, "start_refund": refunds.start}


async def on_tool_call(session, message) -> None:
    for call in message.tool_call.function_calls:
        try:
            result = await TOOL_HANDLERS[call.name](**call.args)
        except Exception as exc:  # the model should hear about it, not the caller
            await session.send_tool_response(function_responses=[{
                "id": call.id,
                "name": call.name,
                "response": {"error": str(exc)},
                "scheduling": "INTERRUPT",
            }])
            continue
        await session.send_tool_response(function_responses=[types.FunctionResponse(
            id=call.id,
            name=call.name,
            response=result,
            scheduling=types.FunctionResponseScheduling.WHEN_IDLE,
        )])


async def on_server_content(session, message) -> None:
    sc = message.server_content
    if sc.interrupted:
        player.flush()
    elif sc.model_turn:
        for part in sc.model_turn.parts:
            if part.inline_data:
                player.enqueue(part.inline_data.data)
    elif sc.output_transcription:
        log.info("bot said: %s", sc.output_transcription.text)
    elif sc.turn_complete:
        player.mark_turn_end()


async def on_resumption(session, message) -> None:
    update = message.session_resumption_update
    if update.resumable and update.new_handle:
        player.remember_handle(update.new_handle)


async def on_go_away(session, message) -> None:
    log.warning("server closes in %s", message.go_away.time_left)


MESSAGE_HANDLERS = {
    "tool_call": on_tool_call,
    "server_content": on_server_content,
    "session_resumption_update": on_resumption,
    "go_away": on_go_away,
}


async def converse(caller_audio) -> None:
    client = genai.Client()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        async def pump() -> None:
            async for chunk in caller_audio:
                await session.send_realtime_input(
                    audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

        sender = asyncio.create_task(pump())
        try:
            while True:
                async for message in session.receive():
                    for field_name, handler in MESSAGE_HANDLERS.items():
                        if getattr(message, field_name, None):
                            await handler(session, message)
                            break
        finally:
            sender.cancel()
