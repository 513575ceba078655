"""Museum kiosk helpers whose receive loops stop on the wrong messages: LM306."""

import logging

from google import genai
from google.genai import types

log = logging.getLogger("kiosk")
client = genai.Client()
MODEL = "gemini-3.1-flash-live-preview"
CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="open_map")])],
)


async def play_reply(session, speaker) -> None:
    async for msg in session.receive():
        if msg.server_content is None:
            break  # expect: LM306
        for part in (msg.server_content.model_turn.parts if msg.server_content.model_turn else []):
            if part.inline_data:
                speaker.play(part.inline_data.data)
        if msg.server_content.turn_complete:
            break


async def reply_with_usage(session, speaker, meter) -> None:
    async for msg in session.receive():
        sc = msg.server_content
        if sc and sc.model_turn:
            for part in sc.model_turn.parts:
                if part.inline_data:
                    speaker.play(part.inline_data.data)
        if msg.usage_metadata:
            meter.add(msg.usage_metadata.total_token_count)
            return  # expect: LM306


async def reply_or_tool(session, speaker) -> None:
    async for msg in session.receive():
        if msg.tool_call:
            await session.send_tool_response(function_responses=[
                {"id": fc.id, "name": fc.name, "response": {"shown": True}}
                for fc in msg.tool_call.function_calls])
            break  # expect: LM306
        sc = msg.server_content
        if not sc:
            continue
        if sc.model_turn:
            for part in sc.model_turn.parts:
                if part.inline_data:
                    speaker.play(part.inline_data.data)
        if sc.interrupted:
            speaker.stop()
            break


async def visitor_turn(question: str, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text=question)
        async for msg in session.receive():
            if msg.go_away:
                log.warning("server closing in %s", msg.go_away.time_left)
                return  # expect: LM306
            sc = msg.server_content
            if sc and sc.output_transcription:
                speaker.caption(sc.output_transcription.text)
            if sc and sc.turn_complete:
                break


async def guided_tour(stops: list[str], speaker, meter) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        for number, stop in enumerate(stops):
            await session.send_realtime_input(text=f"Tell me about {stop}.")
            if number == 0:
                await play_reply(session, speaker)
            elif stop.endswith("map"):
                await reply_or_tool(session, speaker)
            else:
                await reply_with_usage(session, speaker, meter)
