"""if/elif chains over fields of one Live server message (reported on the opening `if`) next to chains that are fine."""

from __future__ import annotations

import logging
from collections.abc import Callable

from google import genai
from google.genai import types

log = logging.getLogger(__name__)

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    session_resumption=types.SessionResumptionConfig(),
)


class CallHandler:
    def __init__(self, play: Callable[[bytes], None], flush: Callable[[], None]) -> None:
        self.play = play
        self.flush = flush
        self.handle: str | None = None
        self.captions: list[str] = []

    async def pump(self, session) -> None:
        while True:
            async for response in session.receive():
                server_content = response.server_content
                if server_content is None:
                    self.on_other(response)
                    continue
                if server_content.interrupted:  # expect: LM302
                    self.flush()
                elif server_content.model_turn:
                    for part in server_content.model_turn.parts or []:
                        if part.inline_data:
                            self.play(part.inline_data.data)
                elif server_content.output_transcription:
                    self.captions.append(server_content.output_transcription.text or "")
                elif server_content.input_transcription:
                    log.info("caller: %s", server_content.input_transcription.text)
                elif server_content.turn_complete:
                    log.info("turn complete")

    def on_other(self, response: types.LiveServerMessage) -> None:
        if response.session_resumption_update:  # one kind of message per branch (the oneof): no LM302
            self.handle = response.session_resumption_update.new_handle
        elif response.go_away:
            log.warning("go away in %s", response.go_away.time_left)
        elif response.tool_call:
            log.info("tool call %s", [fc.name for fc in response.tool_call.function_calls or []])

    def on_part(self, part: types.Part) -> None:
        # A part holds one kind of data: this chain is fine.
        if part.thought:
            return
        elif part.inline_data:
            self.play(part.inline_data.data)
        elif part.executable_code:
            log.info("model ran code: %s", part.executable_code.code)


async def serve(client: genai.Client, handler: CallHandler) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await handler.pump(session)


async def simple_loop(client: genai.Client, handler: CallHandler) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text="Hello")
        async for msg in session.receive():
            if msg.server_content and msg.server_content.model_turn:  # expect: LM302
                for part in msg.server_content.model_turn.parts or []:
                    handler.on_part(part)
            elif msg.server_content and msg.server_content.turn_complete:
                break


async def independent_checks(client: genai.Client, handler: CallHandler) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text="Hello again")
        async for msg in session.receive():
            content = msg.server_content
            if content and content.model_turn:
                for part in content.model_turn.parts or []:
                    handler.on_part(part)
            if content and content.output_transcription:
                handler.captions.append(content.output_transcription.text or "")
            if content and content.turn_complete:
                break
            if msg.tool_call:
                log.info("tool call")


def classify_turn_reason(reason: str) -> str:
    if reason == "STOP":
        return "done"
    elif reason == "MAX_TOKENS":
        return "truncated"
    elif reason == "SAFETY":
        return "blocked"
    return "other"
