"""Playing one scripted turn: steps in, 3.1-shaped server messages out.

Messages have the 3.1 shape (facts §2.3): audio chunks and the transcript travel in one
``serverContent``, and the end of the turn may ride on the same message. On 3.1 function
calling is synchronous (§2.6): a waiting ``tool_call`` step holds the turn until the client
answers every call id, which :class:`ToolCalls` tracks.

On 3.8 a call is non-blocking unless its declaration says ``behavior: BLOCKING`` (3.8 facts
§2: the documented default): the utterance so far ends with ``turnComplete`` right after the
``toolCall``, and the rest of the scripted turn is spoken as a new utterance once the client
answered (so ``{tool_result}`` is known). A target that reports ``interaction_status`` puts
it on every ``turnComplete``: 3.8 Live IDLE (its turn_complete is the idle signal); 3.8 XT
IN_PROGRESS while a call is unanswered, IDLE at the end, plus a status-only IN_PROGRESS
frame when a reply starts (3.8 facts §2, "interaction status"). Response ``scheduling``
is not emulated: every continuation is spoken (WHEN_IDLE-like).
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from .audio import OUTPUT_MIME, speech_chunks
from .script import (
    CancelToolCalls,
    Close,
    GoAway,
    Hear,
    Raw,
    ResumptionUpdate,
    Say,
    Send,
    ToolCall,
    Turn,
    TurnComplete,
    UserTurn,
    Wait,
)
from .wire import b64encode

__all__ = ["ToolCalls", "PlayContext", "play_turn", "AUDIO_TOKENS_PER_SECOND"]

# Gemini counts audio at 32 tokens per second; the emulator's usage figures follow it.
AUDIO_TOKENS_PER_SECOND = 32

Answer = Literal["answered", "late", "unknown"]


class ToolCalls:
    """Function calls issued on one connection and the responses that settle them."""

    def __init__(self, on_change: Callable[[], None] = lambda: None) -> None:
        self.issued: dict[str, str] = {}  # id -> function name
        self.unanswered: list[str] = []
        self.last_result: Any = None
        self._waiting_for: set[str] = set()
        self._done: asyncio.Future[None] | None = None
        # Told when a turn starts or stops waiting for the client (the connection's
        # idle tracking: a turn blocked on a function response has nothing left to do).
        self._on_change = on_change

    @property
    def waiting(self) -> bool:
        """Whether a turn is blocked until the client answers its function calls."""
        return self._done is not None and not self._done.done()

    def issue(self, call_id: str, name: str) -> None:
        self.issued[call_id] = name
        self.unanswered.append(call_id)

    def cancel(self, ids: tuple[str, ...] | None) -> list[str]:
        """Forget ``ids`` (None: every unanswered call); returns the ids cancelled."""
        cancelled = list(self.unanswered) if ids is None else list(ids)
        self.unanswered = [i for i in self.unanswered if i not in cancelled]
        return cancelled

    def classify(self, call_id: Any) -> Answer:
        """How a response with ``call_id`` would be taken, without taking it."""
        if call_id in self.unanswered:
            return "answered"
        return "late" if call_id in self.issued else "unknown"

    def answer(self, call_id: Any, response: Any) -> Answer:
        """Settle ``call_id``; a late answer (cancelled or repeated) is ignored."""
        verdict = self.classify(call_id)
        if verdict == "answered":
            self.unanswered.remove(call_id)
            self.last_result = response
            self._waiting_for.discard(call_id)
            if not self._waiting_for and self._done is not None and not self._done.done():
                self._done.set_result(None)
        return verdict

    async def wait_for(self, ids: list[str]) -> None:
        """Return once every id in ``ids`` has been answered."""
        self._waiting_for = {i for i in ids if i in self.unanswered}
        if not self._waiting_for:
            return
        self._done = asyncio.get_running_loop().create_future()
        self._on_change()
        try:
            await self._done
        finally:
            self._waiting_for = set()
            self._done = None


@dataclass
class PlayContext:
    """What a turn needs from its connection."""

    send: Callable[[dict[str, Any]], Awaitable[None]]
    send_raw: Callable[[str | bytes], Awaitable[None]]
    close: Callable[[int, str], Awaitable[None]]
    tools: ToolCalls
    new_call_id: Callable[[], str]
    new_handle: Callable[[], str]
    input_transcription: bool
    output_transcription: bool
    # Whether a call of this function holds the turn until answered (3.1: every call).
    blocks: Callable[[str], bool] = lambda name: True
    # None: the target sends no interaction_status; "turn_complete": IDLE on every
    # turnComplete; "interaction_idle": IN_PROGRESS frames until the interaction is idle.
    interaction_status: str | None = None
    # True from the first message of a reply until its last: what a barge-in interrupts.
    # Set before each send, so a client reacting to a message always sees the state that
    # message implies, whatever the task scheduling.
    speaking: bool = False


def _substitute(text: str, user_text: str, tools: ToolCalls) -> str:
    result = "" if tools.last_result is None else json.dumps(tools.last_result, sort_keys=True)
    return text.replace("{text}", user_text).replace("{tool_result}", result)


def _usage(user: UserTurn, spoken_seconds: float) -> dict[str, Any]:
    if user.kind == "audio":
        prompt, modality = math.ceil(user.audio_seconds * AUDIO_TOKENS_PER_SECOND), "AUDIO"
    else:
        prompt, modality = max(1, len(user.text.split())), "TEXT"
    response = math.ceil(spoken_seconds * AUDIO_TOKENS_PER_SECOND)
    return {
        "promptTokenCount": prompt,
        "responseTokenCount": response,
        "totalTokenCount": prompt + response,
        "promptTokensDetails": [{"modality": modality, "tokenCount": prompt}],
        "responseTokensDetails": [{"modality": "AUDIO", "tokenCount": response}],
    }


def _transcription(text: str) -> dict[str, Any]:
    return {"text": text, "finished": True}


async def play_turn(turn: Turn, user: UserTurn, ctx: PlayContext) -> None:
    """Send the messages of ``turn`` answering ``user``, then end the turn if no step did."""
    try:
        await _play(turn, user, ctx)
    finally:
        ctx.speaking = False


def _with_status(content: dict[str, Any], ctx: PlayContext, *, final: bool) -> dict[str, Any]:
    """``content`` (a turnComplete) with the interaction status the target reports."""
    if ctx.interaction_status == "turn_complete":
        content["interactionStatus"] = "IDLE"
    elif ctx.interaction_status == "interaction_idle":
        content["interactionStatus"] = "IDLE" if final else "IN_PROGRESS"
    return content


async def _play(turn: Turn, user: UserTurn, ctx: PlayContext) -> None:
    heard = user.text
    spoken_seconds = 0.0

    async def emit(message: dict[str, Any], *, speaking: bool = True) -> None:
        ctx.speaking = speaking
        await ctx.send(message)

    if ctx.interaction_status == "interaction_idle":
        # XT reasons before it speaks: a status-only frame opens the interaction.
        await emit({"serverContent": {"interactionStatus": "IN_PROGRESS"}})

    if user.kind == "audio" and ctx.input_transcription and not any(isinstance(s, Hear) for s in turn):
        await emit({"serverContent": {"inputTranscription": _transcription(heard)}}, speaking=False)
    for step in turn:
        if isinstance(step, Say):
            text = _substitute(step.text, heard, ctx.tools)
            chunks = speech_chunks(text, step.chunks, step.chunk_ms)
            spoken_seconds += step.chunks * step.chunk_ms / 1000
            content: dict[str, Any] = {
                "modelTurn": {
                    "role": "model",
                    "parts": [{"inlineData": {"mimeType": OUTPUT_MIME, "data": b64encode(c)}} for c in chunks],
                }
            }
            if step.transcript if step.transcript is not None else ctx.output_transcription:
                content["outputTranscription"] = {"text": text}
            message: dict[str, Any] = {"serverContent": content}
            if step.turn_complete:
                content.update(generationComplete=True, turnComplete=True)
                _with_status(content, ctx, final=True)
                message["usageMetadata"] = _usage(user, spoken_seconds)
                await emit(message, speaking=False)
                return
            await emit(message)
        elif isinstance(step, Hear):
            heard = step.text
            await emit({"serverContent": {"inputTranscription": _transcription(heard)}})
        elif isinstance(step, ToolCall):
            calls: list[dict[str, Any]] = []
            for call in step.calls:
                call_id = call.id or ctx.new_call_id()
                ctx.tools.issue(call_id, call.name)
                calls.append({"id": call_id, "name": call.name, "args": dict(call.args)})
            blocking = step.wait and all(ctx.blocks(c["name"]) for c in calls)
            # Waiting for a response is not speaking: user input then queues (synchronous FC).
            await emit({"toolCall": {"functionCalls": calls}}, speaking=not step.wait)
            if step.wait and not blocking:
                # Non-blocking: this utterance ends now; the rest follows the response.
                await emit({"serverContent": {"generationComplete": True}}, speaking=False)
                await emit({"serverContent": _with_status({"turnComplete": True}, ctx, final=False),
                            "usageMetadata": _usage(user, spoken_seconds)}, speaking=False)
            if step.wait:
                await ctx.tools.wait_for([c["id"] for c in calls])
        elif isinstance(step, CancelToolCalls):
            await emit({"toolCallCancellation": {"ids": ctx.tools.cancel(step.ids)}})
        elif isinstance(step, GoAway):
            await emit({"goAway": {"timeLeft": step.time_left}})
        elif isinstance(step, ResumptionUpdate):
            update: dict[str, Any] = {"newHandle": step.new_handle or ctx.new_handle(), "resumable": step.resumable}
            if step.last_consumed_client_message_index is not None:
                update["lastConsumedClientMessageIndex"] = str(step.last_consumed_client_message_index)
            await emit({"sessionResumptionUpdate": update})
        elif isinstance(step, TurnComplete):
            if step.send:
                await emit({"serverContent": _with_status({"turnComplete": True}, ctx, final=True),
                            "usageMetadata": _usage(user, spoken_seconds)}, speaking=False)
            return
        elif isinstance(step, Send):
            await emit(dict(step.message))
        elif isinstance(step, Raw):
            ctx.speaking = True
            await ctx.send_raw(step.data)
        elif isinstance(step, Wait):
            await asyncio.sleep(step.seconds)
        elif isinstance(step, Close):
            ctx.speaking = False
            await ctx.close(step.code, step.reason)
            return
    await emit({"serverContent": {"generationComplete": True}}, speaking=False)
    await emit({"serverContent": _with_status({"turnComplete": True}, ctx, final=True),
                "usageMetadata": _usage(user, spoken_seconds)}, speaking=False)
