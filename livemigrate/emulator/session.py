"""One emulated ``BidiGenerateContent`` connection: setup, then the conversation.

The reader (this module) parses every client frame, records it, applies the rules and turns
user input into :class:`~livemigrate.emulator.script.UserTurn` objects; a reply task plays
the scripted answer (:mod:`.player`) concurrently, so tool responses and barge-ins are read
while a turn is in progress.

Turn detection: ``realtimeInput.text`` is a turn; audio (``realtimeInput.audio``) is a turn
once ``activityEnd`` arrives, or ``audioStreamEnd`` where the served target ends turns on it
(3.1; not 3.8, 3.8 facts §6: there push-to-talk needs activity signals, which need automatic
activity detection disabled); automatic voice activity detection on silence is not emulated;
``clientContent`` with ``turnComplete`` is a turn where the mode accepts it. A user turn or
``activityStart`` that arrives while a reply is speaking (it sent its first message but not
its last, e.g. during a ``wait`` step) cancels it and sends ``serverContent.interrupted``; at
any other time (a reply waiting for a function response, say) user turns queue and are
answered in order.

Activity framing (3.8 modes, rule ``input-outside-activity``): with automatic activity
detection disabled in the setup, the client marks the user's turns with activity signals,
so only input between ``activityStart`` and ``activityEnd`` counts. Realtime text there is
part of the activity's turn (answered at ``activityEnd``, with the audio if any); audio and
text outside any activity are dropped unanswered and recorded as violations, the
connection stays open. Modes that do not act on the rule keep text a turn of its own.

Idle tracking (:mod:`.idle`): the reader counts as idle while it waits in ``recv()``; the
reply side while no user turn is queued and no reply plays (a reply blocked on a function
response waits for the client, so it counts as idle too).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Literal, NoReturn

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.frames import Close

from livemigrate.migration import TargetProfile

from .audio import pcm_seconds
from .idle import Activity
from .player import PlayContext, ToolCalls, play_turn
from .rules import (
    TARGET,
    HistoryTracker,
    Violation,
    check_realtime_input,
    check_setup,
    check_tool_response,
    violation,
)
from .script import Raw, Script, UserTurn
from .wire import (
    FrameError,
    b64decode,
    client_message_kind,
    decode_client_frame,
    encode_server_message,
    field,
    spelling,
)

__all__ = ["ConnectionRecord", "SessionOptions", "EmulatedSession"]

log = logging.getLogger("livemigrate.emulator")

SetupFault = Literal["close", "hang"]
# What the server answers a setup it accepts: setupComplete, nothing ever, or a given frame.
SetupReply = Literal["complete", "silent"] | Raw


@dataclass
class ConnectionRecord:
    """What happened on one connection, for tests to assert on.

    ``violations`` are the rule breaks the server acted on (closed, hung, or dropped the
    input without a reply: ``input-outside-activity``); ``ignored`` the
    ones the mode let through (a lenient server accepting ``thinkingBudget``, say). ``sent``
    holds server messages as dicts; a :class:`~.script.Raw` frame appears as ``{"raw": data}``.
    Read them after ``emulator.wait_idle()``: see :mod:`.idle` for why.
    """

    index: int
    path: str
    headers: dict[str, str]
    api_version: str | None = None
    method: str | None = None
    rejected: str | None = None  # "404 ..." when the handshake was refused
    setup: dict[str, Any] | None = None
    frames: list[dict[str, Any]] = dataclass_field(default_factory=list)
    sent: list[dict[str, Any]] = dataclass_field(default_factory=list)
    violations: list[Violation] = dataclass_field(default_factory=list)
    ignored: list[Violation] = dataclass_field(default_factory=list)
    hung: bool = False
    close_code: int | None = None
    close_reason: str | None = None
    closed_by: Literal["server", "client"] | None = None
    # Set once the server is done with the connection (a thread-safe signal for tests).
    finished: threading.Event = dataclass_field(default_factory=threading.Event, repr=False, compare=False)
    # What the server side still has to do (emulator loop only; LiveEmulator.wait_idle reads it).
    activity: Activity = dataclass_field(default_factory=Activity, repr=False, compare=False)

    def wait_closed(self, timeout: float = 5.0) -> ConnectionRecord:
        """Block until the server has finished with this connection; returns the record.

        The client sees a close before the server has noted it, so a test reads
        ``close_code`` after this. (From code on the emulator's own event loop, await the
        client's close instead: blocking there would stop the server.)
        """
        if not self.finished.wait(timeout):
            raise TimeoutError(f"connection {self.index} still open after {timeout} s")
        return self

    def sent_of(self, key: str) -> Iterator[dict[str, Any]]:
        """Bodies of the server messages with top-level ``key`` (camelCase), in order."""
        return (message[key] for message in self.sent if key in message)


@dataclass(frozen=True)
class SessionOptions:
    """Per-emulator settings every connection shares."""

    enforced: frozenset[str]
    setup_fault: SetupFault
    setup_reply: SetupReply
    script: Script
    new_call_id: Callable[[], str]
    new_handle: Callable[[], str]
    on_frame: Callable[[dict[str, Any]], None]
    target: TargetProfile = TARGET  # the model the mode serves (rules.MODE_TARGETS)


class _Closed(Exception):
    """The server closed the connection because of a violation."""


class EmulatedSession:
    """Serves one accepted WebSocket connection until either side closes it."""

    def __init__(self, ws: ServerConnection, record: ConnectionRecord, options: SessionOptions) -> None:
        self.ws = ws
        self.record = record
        self.options = options
        self.tools = ToolCalls(on_change=record.activity.changed)
        self.history = HistoryTracker(declared=False)
        self._turns: asyncio.Queue[UserTurn] = asyncio.Queue()
        self._current: asyncio.Future[None] | None = None
        self._reading = False  # waiting in ws.recv() with nothing queued
        self._replying = False  # the reply loop holds a turn (playing, or sending its end)
        self._ctx: PlayContext | None = None
        self._audio_seconds = 0.0
        self._content_text = ""  # user text of clientContent not yet completed
        self._input_transcription = False  # set from setup
        self._output_transcription = False
        self._vad_disabled = False
        self._activity_open = False  # activityStart seen, its activityEnd not yet
        self._activity_text: list[str] = []  # realtime text inside the open activity
        self._behaviors: dict[str, str] = {}  # function name -> declared behavior
        record.activity.idle_when = self._idle
        record.activity.busy_with = self._busy_with
        record.activity.barrier = self._barrier

    # --- plumbing ------------------------------------------------------------------------

    async def _send(self, message: dict[str, Any]) -> None:
        text = encode_server_message(message)
        self.record.sent.append(message)
        log.debug("connection %d -> %s", self.record.index, text[:200])
        await self.ws.send(text)

    async def _send_raw(self, data: str | bytes) -> None:
        """A frame exactly as given (:class:`~.script.Raw`): no encoding, no checks."""
        self.record.sent.append({"raw": data})
        log.debug("connection %d -> raw %r", self.record.index, data[:200])
        await self.ws.send(data)

    async def _close(self, code: int, reason: str) -> None:
        self.record.close_code, self.record.close_reason, self.record.closed_by = code, reason, "server"
        await self.ws.close(code, reason)

    async def _enforce(self, found: list[Violation]) -> bool:
        """Act on the first enforced violation that closes (raising :class:`_Closed`); record
        the rest. True when an enforced rule without a close code drops the frame's input."""
        dropped = False
        for found_violation in found:
            if found_violation.rule.id not in self.options.enforced:
                self.record.ignored.append(found_violation)
                continue
            self.record.violations.append(found_violation)
            code = found_violation.rule.close_code
            if code is None:
                log.info("connection %d: ignored %s (%s)", self.record.index, found_violation.detail,
                         found_violation.rule.id)
                dropped = True
                continue
            log.info("connection %d: %s (%s)", self.record.index, found_violation.close_reason,
                     found_violation.detail)
            await self._close(code, found_violation.close_reason)
            raise _Closed
        return dropped

    async def _read(self) -> str | bytes:
        """The next client frame. Waiting for one is the reader's idle state."""
        self._reading = True
        self.record.activity.changed()
        try:
            return await self.ws.recv()
        finally:
            self._reading = False

    # --- idle tracking (see .idle) -------------------------------------------------------

    def _idle(self) -> bool:
        replying = self._replying and not self.tools.waiting
        return self._reading and self._turns.empty() and not replying

    def _busy_with(self) -> str:
        if not self._reading:
            return "handling a client frame"
        return "answering a user turn" if self._replying else "holding a queued user turn"

    async def _barrier(self) -> None:
        """Return once the client has answered a ping: what it sent before is here."""
        with contextlib.suppress(ConnectionClosed):
            pong = await self.ws.ping()
            await pong

    async def _decode(self, raw: str | bytes) -> dict[str, Any]:
        try:
            frame = decode_client_frame(raw)
        except FrameError as exc:
            await self._enforce([violation("invalid-json", str(exc))])
            raise  # only reached when the invalid-json rule is switched off
        self.record.frames.append(frame)
        log.debug("connection %d <- %s", self.record.index, str(frame)[:200])
        self.options.on_frame(frame)
        return frame

    # --- the connection ------------------------------------------------------------------

    async def serve(self) -> None:
        """Run the connection: setup, then frames until a close."""
        replies: asyncio.Future[None] | None = None
        try:
            if await self._setup():
                replies = asyncio.ensure_future(self._reply_loop())
                while True:  # until recv() raises ConnectionClosed
                    try:
                        frame = await self._decode(await self._read())
                    except FrameError:
                        continue  # the invalid-json rule was switched off
                    await self._handle(frame)
        except (_Closed, ConnectionClosed, FrameError):
            pass  # FrameError: an undecodable setup frame with the invalid-json rule off
        finally:
            tasks = [task for task in (replies, self._current) if task is not None]
            for task in tasks:
                task.cancel()
            # Let the reply tasks unwind before the handler returns: the server's shutdown
            # waits for handlers, so no task outlives the event loop.
            await asyncio.gather(*tasks, return_exceptions=True)
            self._note_close()
            self.record.finished.set()
            self.record.activity.finish()

    def _note_close(self) -> None:
        if self.record.closed_by is not None:
            return
        protocol = self.ws.protocol
        received, sent = protocol.close_rcvd, protocol.close_sent
        # Whoever sent the first close frame closed the connection; websockets records it.
        frame: Close | None
        if received is not None and (sent is None or protocol.close_rcvd_then_sent):
            frame, self.record.closed_by = received, "client"
        elif sent is not None:
            frame, self.record.closed_by = sent, "server"
        else:  # the TCP connection dropped without a close frame
            frame, self.record.closed_by = None, "client"
        self.record.close_code = frame.code if frame is not None else 1006
        self.record.close_reason = frame.reason if frame is not None else ""

    async def _setup(self) -> bool:
        """Handle the first frame; True when the conversation may start."""
        frame = await self._decode(await self._read())
        kind, _ = client_message_kind(frame)
        if kind != "setup":
            await self._enforce([violation("first-message-not-setup", f"first message keys {sorted(frame)}")])
        setup = field(frame, "setup")
        self.record.setup = setup
        if self.options.setup_reply == "silent":
            log.info("connection %d: setup_reply='silent', never answering setup", self.record.index)
            await self._hang()
        found = check_setup(setup, self.options.target)
        enforced = [v for v in found if v.rule.id in self.options.enforced]
        if enforced and enforced[0].rule.setup_fault and self.options.setup_fault == "hang":
            # Reported 3.1 behaviour (Patter PR #210): no setupComplete, no close.
            self.record.violations.append(enforced[0])
            log.info("connection %d: setup hangs on %s", self.record.index, enforced[0].detail)
            await self._hang()
        await self._enforce(found)
        history = field(setup, "history_config")
        self.history = HistoryTracker(declared=bool(field(history, "initial_history_in_client_content")))
        self._input_transcription = spelling(setup, "input_audio_transcription") is not None
        self._output_transcription = spelling(setup, "output_audio_transcription") is not None
        detection = field(field(setup, "realtime_input_config", {}), "automatic_activity_detection", {})
        self._vad_disabled = bool(field(detection, "disabled", False))
        for tool in field(setup, "tools") or []:
            for declaration in field(tool, "function_declarations") or []:
                self._behaviors[str(field(declaration, "name", ""))] = str(field(declaration, "behavior", "") or "")
        if isinstance(self.options.setup_reply, Raw):
            await self._send_raw(self.options.setup_reply.data)  # instead of setupComplete
        else:
            await self._send({"setupComplete": {"sessionId": f"emulator-session-{self.record.index}"}})
        return True

    async def _hang(self) -> NoReturn:
        """Never answer setup, never close: keep reading (and recording) until the client
        gives up, which ends this with ConnectionClosed."""
        self.record.hung = True
        while True:
            try:
                await self._decode(await self._read())
            except FrameError:
                pass

    async def _handle(self, frame: dict[str, Any]) -> None:
        kind, unknown = client_message_kind(frame)
        if kind is None or unknown:
            name = unknown[0] if unknown else ", ".join(sorted(frame)) or "(empty message)"
            await self._enforce([violation("unknown-client-message", f"message keys {sorted(frame)}",
                                           f'Invalid JSON payload received. Unknown name "{name}": '
                                           "Cannot find field." if unknown else None)])
            return
        body = field(frame, kind)
        if kind == "setup":
            await self._enforce([violation("repeated-setup", "second setup message")])
        elif kind == "realtime_input":
            await self._realtime_input(body)
        elif kind == "client_content":
            await self._client_content(body)
        elif kind == "tool_response":
            await self._tool_response(body)
        # context_update: accepted and recorded; its effect on 3.1 is UNCONFIRMED (§5).

    # --- client messages -----------------------------------------------------------------

    def _activity_framed(self) -> bool:
        """Whether audio and text count only inside ``activityStart``..``activityEnd``: the
        setup disabled automatic activity detection and the mode acts on
        ``input-outside-activity`` (3.8 modes; elsewhere such input is a turn, as before)."""
        return self._vad_disabled and "input-outside-activity" in self.options.enforced

    def _outside_activity(self, body: Any, blobs: list[Any], starts: bool) -> list[Violation]:
        """The frame's audio and text, when they arrive outside an activity on a session that
        takes input only inside one (detection off: "the client must send activity signals")."""
        if not self._vad_disabled or self._activity_open or starts or not isinstance(body, Mapping):
            return []
        found = []
        if any(str(field(blob, "mime_type", "")).startswith("audio/") for blob in blobs):
            found.append(violation("input-outside-activity", "realtimeInput audio before activityStart"))
        if isinstance(field(body, "text"), str):
            found.append(violation("input-outside-activity", f"realtimeInput.{spelling(body, 'text')} "
                                   "outside activityStart..activityEnd"))
        return found

    async def _realtime_input(self, body: Any) -> None:
        found = check_realtime_input(body) + self.history.on_realtime_input()
        for signal in ("activity_start", "activity_end"):
            key = spelling(body, signal) if isinstance(body, Mapping) else None
            if key and not self._vad_disabled:
                found.append(violation("activity-signal-with-vad", f"realtimeInput.{key}"))
        blobs = list(field(body, "media_chunks") or [])  # only reached when lenient
        audio = field(body, "audio")
        if audio is not None:
            blobs.append(audio)
        starts = field(body, "activity_start") is not None
        found += self._outside_activity(body, blobs, starts)
        dropped = await self._enforce(found)  # input-outside-activity: that audio and text are no turn
        if dropped:
            blobs = []
        framed = self._activity_framed()
        if starts:
            self._interrupt()
            self._activity_open = True
        for blob in blobs:
            mime = str(field(blob, "mime_type", ""))
            if not mime.startswith("audio/"):
                continue  # video frames are recorded, not answered
            try:
                data = b64decode(str(field(blob, "data", "")))
            except ValueError as exc:
                await self._enforce([violation("invalid-json", f"realtimeInput audio data: {exc}",
                                               "Invalid value at 'realtime_input.audio.data': Base64 decoding failed")])
                continue
            self._audio_seconds += pcm_seconds(len(data), mime)
        text = None if dropped else field(body, "text")
        if isinstance(text, str):
            if framed:
                self._activity_text.append(text.strip())  # part of the activity's turn
            else:
                self._user_turn(UserTurn(text.strip(), "text"))
        ends_activity = field(body, "activity_end") is not None
        if ends_activity:
            self._activity_open = False
        ends_turn = ends_activity or (
            self.options.target.audio_stream_end_ends_turn and bool(field(body, "audio_stream_end")))
        if ends_turn:
            said = " ".join(t for t in self._activity_text if t)
            self._activity_text = []
            if self._audio_seconds > 0:
                seconds, self._audio_seconds = self._audio_seconds, 0.0
                heard = f"[audio {seconds:.2f} s]"
                self._user_turn(UserTurn(f"{said} {heard}" if said else heard, "audio", seconds))
            elif said:
                self._user_turn(UserTurn(said, "text"))

    async def _client_content(self, body: Any) -> None:
        kind, found = self.history.on_client_content(body)
        await self._enforce(found)
        if kind == "seed":
            return  # initial history never makes the model answer (SDK HistoryConfig docs)
        turns = field(body, "turns") or []
        for turn in turns if isinstance(turns, list) else [turns]:
            if field(turn, "role", "user") == "user":
                texts = [field(p, "text") for p in field(turn, "parts") or []]
                said = " ".join(t for t in texts if isinstance(t, str)).strip()
                # every user turn until turn_complete counts, as a model would read them all
                self._content_text = " ".join(t for t in (self._content_text, said) if t)
        if field(body, "turn_complete", False):
            text, self._content_text = self._content_text, ""
            self._user_turn(UserTurn(text, "content"))

    async def _tool_response(self, body: Any) -> None:
        found = check_tool_response(body, self.options.target)
        responses = [r for r in field(body, "function_responses") or [] if field(r, "id")]
        for response in responses:
            call_id = field(response, "id")
            if self.tools.classify(call_id) == "unknown":
                found.append(violation("function-response-id", f"toolResponse id {call_id!r}",
                                       f"function response id {call_id!r} matches no function call of this session"))
        await self._enforce(found)
        for response in responses:
            self.tools.answer(field(response, "id"), field(response, "response"))

    # --- replies -------------------------------------------------------------------------

    def _blocks(self, name: str) -> bool:
        """Whether a call of ``name`` holds the turn: always on targets without NON_BLOCKING;
        elsewhere only when declared BLOCKING (NON_BLOCKING is 3.8's documented default)."""
        if not self.options.target.supports_non_blocking_tools:
            return True
        return self._behaviors.get(name, "").upper() == "BLOCKING"

    def _interrupt(self) -> None:
        """Barge-in: stop a reply that is speaking (not one waiting for a tool response)."""
        if self._ctx is not None and self._ctx.speaking and self._current is not None:
            self._current.cancel()  # the reply loop then sends serverContent.interrupted

    def _user_turn(self, turn: UserTurn) -> None:
        self._interrupt()
        self._turns.put_nowait(turn)

    async def _reply_loop(self) -> None:
        self._ctx = ctx = PlayContext(
            send=self._send,
            send_raw=self._send_raw,
            close=self._close,
            tools=self.tools,
            new_call_id=self.options.new_call_id,
            new_handle=self.options.new_handle,
            input_transcription=self._input_transcription,
            output_transcription=self._output_transcription,
            blocks=self._blocks,
            interaction_status=(self.options.target.interaction_end
                                if self.options.target.sends_interaction_status else None),
        )
        try:
            while True:
                self._replying = False
                self.record.activity.changed()
                user = await self._turns.get()
                self._replying = True
                self._current = current = asyncio.ensure_future(
                    play_turn(self.options.script.turn_for(user), user, ctx)
                )
                await asyncio.wait({current})
                if current.cancelled():
                    # Sent here, not by the interrupter, so it follows the reply's last frame.
                    await self._send({"serverContent": {"interrupted": True}})
                elif current.exception() is not None:
                    raise current.exception()  # type: ignore[misc]
        except ConnectionClosed:
            pass
        except Exception as exc:  # a bug in the emulator or script: tell the client, as 3.1 would
            log.exception("connection %d: reply failed", self.record.index)
            with contextlib.suppress(ConnectionClosed):
                await self._close(1011, f"Internal error in the emulator: {type(exc).__name__}"[:123])
