"""The session adapter: 2.5-style calls on a live target session.

:class:`ShimSession` wraps the SDK's ``AsyncSession``. Calls that are already right for the
target (``send_realtime_input(audio=...)`` with a rated MIME type, ``send_tool_response``
without scheduling, ``send_context_update``, ``close``, ``session_id``, ...) go straight to
the SDK session; ``receive()`` returns the SDK's own iterator unless the session reshapes
what it receives. Only 2.5 constructs take a detour.

What ``receive()`` reshapes (``messages`` module), each warned once per receive loop:

* ``split_parts`` (None, the default: code naming a 2.x model id on the target): one part or
  one field per message, as 2.5 servers sent them (LM301 for several parts, LM302 for several
  fields); True/False force it, without a warning for True (the caller asked for it).
* On a target whose interactions end with ``interaction_status == IDLE`` (3.8 XT), for code
  written for a model whose ``turn_complete`` ends them (2.x, 3.1, 3.8 Live ids):
  ``turn_complete`` only on the message that ends the interaction (LM604,
  ``TurnCompleteAtIdle``), and each ``receive()`` iterator ends there, as the SDK's ended at
  2.5's ``turn_complete``, whatever the SDK version (below 2.23 its iterator stops at every
  ``turn_complete``; the shim then reads on).
* TEXT emulation: ``.text`` is the output transcription (LM005/LM304).

Push-to-talk on targets that end no turn on ``audio_stream_end`` (3.8): when the translation
disabled automatic activity detection (``translate._push_to_talk``), the first audio of a
turn is preceded by ``activity_start`` and ``audio_stream_end`` (or ``send(end_of_turn=True)``)
becomes ``activity_end`` (LM606). With detection off the client must send activity signals
for every input, so realtime text (the program's, and the text the shim sends for client
content) gets its own ``activity_start``/``activity_end`` too, unless it is sent inside an
activity the program opened itself (``_send_text``); a lock keeps each such sequence whole
when other tasks send at the same time. Targets that take client content for the whole session
(3.8) get it as written: no seed is declared or closed by the shim there.

Client-content policy on targets that refuse ``client_content`` mid-session (3.1):

* A config that declares the seed itself (``history_config``) is 3.x-aware code: its
  ``client_content`` before realtime input goes out as written. What follows is for 2.5
  code, whose seed the shim declares.
* Before the first realtime input, ``client_content`` is a **history seed**. Seeds sent with
  ``turn_complete=False`` are held and sent as one seed with ``turn_complete=True`` when the
  seed ends (LM102), because the target closes the session on an unfinished seed.
* A seed never generates on 3.x, yet 2.5 code that sends user text with
  ``turn_complete=True`` right after setup expects a reply (rules.md: a one-shot prompt is
  LM101). So a seed ending with ``turn_complete=True`` is split: the history before its
  trailing run of plain user-text turns is sent as the declared seed, and that trailing user
  text goes out as ``send_realtime_input(text=...)``, which the model answers. A seed that
  ends in a model turn or non-text content is sent whole and gets no reply, as on 3.x.
* After that (or when no seed was declared) plain user text becomes realtime text
  (LM101). ``turn_complete=False`` text (2.5: context for the turn, no reply yet) is
  held and sent as realtime text at the first of: the ``client_content`` that completes the
  turn, the next realtime input (joined with it when that input is text, else sent just
  before it), or the end of the session (``close()`` or leaving ``async with``). 3.1 has no
  "context without a reply" for live text, so held text is never dropped, only delayed to
  the point where 2.5 would have used it; the model may answer it.
  Other content (model turns, images, function parts) cannot be realtime input: it is sent
  unchanged with a warning, since the newest docs say 3.1 may accept it (facts §3.2), rather
  than dropped.

Declaring the seed only when there is one (issue 12 item 5)
-----------------------------------------------------------
The seed must be declared in the setup (``history_config``), and the setup is sent before
the program's first call. Declaring it always would cost a program that never seeds an
extra setup field and an extra frame: with the flag the server waits for a seed, so the
shim would have to end that phase with an empty ``client_content(turn_complete=True)``,
which the real server's acceptance of is UNCONFIRMED. So a session whose setup depends on
the program (``Translation.history_declarable``: 2.5 code on such a target, not strict, not
resumed, no ``history_config`` of its own) **opens at its first call** instead of at
``async with``:

* ``async with connect(...)`` returns the session at once; the SDK session (WebSocket,
  setup, ``setupComplete``) is opened by the first call that needs the server: a
  ``send_client_content(turn_complete=True)`` before realtime input, ``send_realtime_input``,
  ``send_tool_response``, ``send``, ``send_context_update``, the first message of
  ``receive()`` / ``start_stream()``, ``close()``, or the end of ``async with``. Seeds sent
  with ``turn_complete=False`` are held without opening it.
* It declares the seed (``translate.declare_history_seed``) exactly when, at that moment,
  the program has sent history: held seeds, or a completed seed with more than its trailing
  user text (which goes out as realtime text anyway). A program that starts with realtime
  input, a one-shot prompt or ``receive()`` gets no ``history_config`` and no extra frame;
  the shim never sends an empty seed-closing frame.
* Setup errors raise from that first call, with the types they have at ``async with``: the
  SDK's ``APIError`` / ``ValueError`` / websockets errors, :class:`SetupTimeoutError`,
  :class:`LiveProtocolError`. A failed opening is not retried: later calls raise the same
  error; the end of ``async with`` does not raise it again. A call cancelled while it opens
  leaves the session unopened, and the next call opens it.
* Calls made at once by several tasks wait for one opening. ``session_id`` and
  ``setup_complete`` are None until the session is open, ``raw_session`` raises.
* The one order it cannot serve: ``receive()`` (in another task) opening the session before
  the program seeds history. The session is then open without a declaration; later user
  text still goes out as realtime text, and other history is sent unchanged with an LM102
  warning that says to seed before receiving or to declare ``history_config``.

Sessions whose setup does not depend on the program (3.x code, strict mode,
``declare_history=False``, resumed sessions, targets that take client content for the whole
session, i.e. 3.8 and 3.8 XT) open at ``async with`` as the SDK does. On 3.8 client content
needs no declaration (``requires_declared_history_seed`` is False) and a seed that ends with
``turn_complete=True`` is answered (``answers_history_seed``), so the shim sends it as
written; on both targets a program that does not seed history gets no ``history_config``.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable
from typing import Any, TypeVar, cast

from google.genai import live as genai_live
from google.genai import types

from . import inputs
from .diagnostics import Adaptation, CallSite, call_site, report
from .messages import TurnCompleteAtIdle, emulate_text, split_message
from .translate import Translation

__all__ = ["ShimSession"]

T = TypeVar("T")

# Opens the SDK session for a session opened at its first call: ``opener(declare_history)``
# returns the SDK session and the translation its setup was sent with.
Opener = Callable[[bool], Awaitable[tuple[genai_live.AsyncSession, Translation[Any]]]]


def _turns(contents: list[types.Content]) -> list[types.Content | types.ContentDict]:
    """The SDK's parameter type for turns (its ``list`` is invariant, ours is narrower)."""
    return cast("list[types.Content | types.ContentDict]", contents)


# The user's line of the shim call being run (set by the public send methods, which read it
# synchronously when called; nested shim calls keep the outer call's line).
_SITE: contextvars.ContextVar[CallSite | None] = contextvars.ContextVar("livemigrate_shim_site", default=None)


def _caller() -> CallSite:
    """The call site of a public shim method: the running shim call's, else the user's line."""
    return _SITE.get() or call_site(sys._getframe(2))


async def _at_site(site: CallSite, coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` with ``site`` as the line its warnings point at."""
    token = _SITE.set(site)
    try:
        return await coro
    finally:
        _SITE.reset(token)


async def _cancel_and_wait(
    task: asyncio.Future[types.LiveServerMessage],
) -> types.LiveServerMessage | None:
    """Cancel a pending receive and wait until it has really stopped.

    Returns the message if the receive completed before the cancellation took effect (so
    it is not lost), else None.
    """
    task.cancel()
    try:
        return await task
    except (asyncio.CancelledError, StopAsyncIteration):
        # CancelledError here is the task's own; if our caller is being cancelled too,
        # the cancellation is re-delivered at its next await.
        return None


class ShimSession:
    """An ``AsyncSession`` that accepts 2.5-style calls; see the module docstring.

    ``isinstance(session, AsyncSession)`` holds, and attributes the shim does not define are
    read from the SDK session (``session_id``, ``close``, ``send_context_update``, ...).

    ``raw`` is the open SDK session, or None with an ``opener`` for a session that opens at
    its first call (module docstring).
    """

    __slots__ = (
        "_raw", "_translation", "_model", "_strict", "_split_parts", "_text_emulation",
        "_adapt_client_content", "_seed_phase", "_seed_buffer", "_pending_text",
        "_input_mime", "_open_audio_turn", "_push_to_talk", "_activity_open", "_activity_by_program",
        "_activity_lock", "_opener", "_opening", "_open_error", "_opened_without_seed_by",
        "_warn_split", "_at_idle",
    )

    def __init__(
        self,
        raw: genai_live.AsyncSession | None,
        translation: Translation[Any],
        *,
        strict: bool = False,
        split_parts: bool | None = None,
        opener: Opener | None = None,
    ) -> None:
        if raw is None and opener is None:
            raise ValueError("ShimSession needs an SDK session or an opener")
        profile = translation.target
        on_target = translation.on_target
        self._raw = raw
        self._opener = opener
        self._opening = asyncio.Lock()
        self._open_error: Exception | None = None
        # The call that opened the session without a declared seed, until realtime input
        # starts: a seed after it can no longer be declared (module docstring).
        self._opened_without_seed_by: str | None = None
        self._translation = translation
        self._model = profile.model_id
        self._strict = strict
        # None: the translation's choice from the model id the code names, warned (LM301/302);
        # True/False: the caller's, not warned (like any adaptation asked for by option).
        self._split_parts = translation.split_parts if split_parts is None else split_parts
        self._warn_split = split_parts is None
        self._at_idle = TurnCompleteAtIdle() if translation.turn_complete_at_idle else None
        self._text_emulation = translation.text_emulation
        # Sessions the shim did not move to the target (unknown or Vertex models) only get
        # the receive-side options; their send path is the SDK's.
        self._adapt_client_content = on_target and not profile.client_content_mid_session
        # Before the session opens, client content may still become a declared seed.
        self._seed_phase = self._adapt_client_content and (translation.history_declared or raw is None)
        self._seed_buffer: list[types.Content] = []
        self._pending_text: list[str] = []
        self._input_mime = profile.input_audio_mime if on_target else None
        self._open_audio_turn = False  # audio sent since the last audio_stream_end / activity_end
        # Push-to-talk on a target that ends no turn on audio_stream_end (translate._push_to_talk):
        # audio opens an activity, audio_stream_end closes it.
        self._push_to_talk = on_target and translation.push_to_talk
        self._activity_open = False
        self._activity_by_program = False  # the open activity is the program's own (activity_start)
        # Held while the shim sends a sequence of activity signals and input, so a concurrent
        # send (a microphone task, say) cannot land inside another turn's activity.
        self._activity_lock = asyncio.Lock()

    # --- pass-through ---------------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        if self._raw is None:
            return self._before_open(name)
        return getattr(self._raw, name)

    def _before_open(self, name: str) -> Any:
        """An SDK session attribute asked for before the session opened (module docstring)."""
        member = getattr(genai_live.AsyncSession, name, None)
        if inspect.iscoroutinefunction(member):

            async def open_then_call(*args: Any, **kwargs: Any) -> Any:
                raw = await self._connected(by=f"{name}()")
                return await getattr(raw, name)(*args, **kwargs)

            return open_then_call
        if name in ("session_id", "setup_complete"):
            return None  # the SDK's value when setupComplete carries none
        raise AttributeError(
            f"{name!r}: this session opens at its first send or receive (the shim declares a "
            "history seed only if the program sends one); read it after that call"
        )

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(session, AsyncSession) keeps working
        return genai_live.AsyncSession if self._raw is None else type(self._raw)

    def __repr__(self) -> str:
        inner = "a session not opened yet" if self._raw is None else repr(self._raw)
        return f"<livemigrate ShimSession of {inner}>"

    @property
    def raw_session(self) -> genai_live.AsyncSession:
        """The SDK session underneath, for code that must bypass the shim.

        Raises RuntimeError before a session that opens at its first call has opened.
        """
        if self._raw is None:
            raise RuntimeError("the SDK session opens at this session's first send or receive; "
                               "use raw_session after that call")
        return self._raw

    @property
    def _sdk(self) -> genai_live.AsyncSession:
        """The open SDK session (every caller has awaited :meth:`_connected`)."""
        assert self._raw is not None, "ShimSession used its SDK session before opening it"
        return self._raw

    # --- opening at the first call --------------------------------------------------------

    async def _connected(self, declare: bool | None = None, *, by: str) -> genai_live.AsyncSession:
        """The SDK session, opened now if this is the first call that needs the server.

        ``declare``: whether the setup declares a history seed; None means "if seeds are
        held". ``by`` names the call, for the warning about a seed that comes too late.
        Concurrent callers wait for one opening; a failed opening raises again, unchanged.
        """
        if self._raw is not None:
            return self._raw
        async with self._opening:
            if self._raw is not None:
                return self._raw
            if self._open_error is not None:
                raise self._open_error
            assert self._opener is not None
            want = bool(self._seed_buffer) if declare is None else declare
            try:
                raw, translation = await self._opener(want)
            except Exception as exc:  # not CancelledError: a cancelled call leaves it to the next
                self._open_error = exc
                raise
            self._raw, self._translation = raw, translation
            self._seed_phase = self._seed_phase and translation.history_declared
            if not translation.history_declared:
                self._opened_without_seed_by = by
            return raw

    async def settle(self) -> bool:
        """Wait for an opening in progress (another task's); whether the session is open."""
        async with self._opening:
            return self._raw is not None

    @property
    def translation(self) -> Translation[Any]:
        """How the shim translated this session's model and config."""
        return self._translation

    # --- reporting ------------------------------------------------------------------------

    def _report(self, *adaptations: Adaptation, suppress: Iterable[str] = ()) -> None:
        skip = set(suppress)
        site = _SITE.get() or call_site()
        report([a for a in adaptations if a.rule not in skip], site, strict=self._strict)


    # --- public send calls: the call site is captured when the method is called -----------
    #
    # Plain functions returning the coroutine, not ``async def``: a call wrapped in
    # ``asyncio.wait_for``/``gather``/``create_task`` runs in a task whose frames lead to
    # asyncio, not to the user's line; so the line is read here, synchronously.

    def send_client_content(
        self,
        *,
        turns: types.Content | types.ContentDict | list[types.Content | types.ContentDict] | None = None,
        turn_complete: bool = True,
    ) -> Coroutine[Any, Any, None]:
        """``AsyncSession.send_client_content``, adapted to the target (module docstring)."""
        return _at_site(_caller(), self._send_client_content(turns=turns, turn_complete=turn_complete))

    def send_realtime_input(
        self,
        *,
        media: types.BlobImageUnionDict | None = None,
        audio: types.BlobOrDict | None = None,
        audio_stream_end: bool | None = None,
        video: types.BlobImageUnionDict | None = None,
        text: str | None = None,
        activity_start: types.ActivityStartOrDict | None = None,
        activity_end: types.ActivityEndOrDict | None = None,
    ) -> Coroutine[Any, Any, None]:
        """``AsyncSession.send_realtime_input``; ``media=`` is routed to ``audio=``/``video=``."""
        return _at_site(_caller(), self._send_realtime_input(
            media=media, audio=audio, audio_stream_end=audio_stream_end, video=video,
            text=text, activity_start=activity_start, activity_end=activity_end,
        ))

    def send_tool_response(
        self,
        *,
        function_responses: types.FunctionResponseOrDict | list[types.FunctionResponseOrDict],
    ) -> Coroutine[Any, Any, None]:
        """``AsyncSession.send_tool_response`` without 2.5-only scheduling fields (LM202)."""
        return _at_site(_caller(), self._send_tool_response(function_responses=function_responses))

    def send(self, *, input: Any = None, end_of_turn: bool | None = False) -> Coroutine[Any, Any, None]:
        """The deprecated ``session.send`` (LM103), routed to the call that replaces it."""
        return _at_site(_caller(), self._send(input=input, end_of_turn=end_of_turn))

    # --- client content -------------------------------------------------------------------

    async def _send_client_content(
        self,
        *,
        turns: types.Content | types.ContentDict | list[types.Content | types.ContentDict] | None = None,
        turn_complete: bool = True,
    ) -> None:
        """``AsyncSession.send_client_content``, adapted to the target (module docstring)."""
        await self._client_content(turns, turn_complete, suppress=())

    async def _client_content(self, turns: Any, turn_complete: bool, suppress: Iterable[str]) -> None:
        contents = inputs.as_contents(turns) if self._adapt_client_content else None
        if contents is None:  # a target that takes client content, or turns only the SDK reads
            raw = await self._connected(by="send_client_content()")
            await raw.send_client_content(turns=turns, turn_complete=turn_complete)
        elif not self._seed_phase:
            await self._connected(by="send_client_content()")
            await self._mid_session(turns, contents, turn_complete, suppress)
        elif self._raw is None or self._translation.history_declared_by_shim:
            await self._seed(contents, turn_complete, suppress)
        else:
            # The user's config declares the seed: this is 3.x-aware code, sent as written.
            self._seed_phase = not turn_complete
            await self._sdk.send_client_content(turns=turns, turn_complete=turn_complete)

    async def _seed(self, contents: list[types.Content], turn_complete: bool, suppress: Iterable[str]) -> None:
        declared = (
            "the shim declares it with history_config.initial_history_in_client_content=True; "
            "add that to your config"
        )
        if not turn_complete:
            self._report(Adaptation(
                "LM102",
                f"client_content before realtime input is a history seed on {self._model}, "
                f"which must be declared and end with turn_complete=True ({declared}); the shim "
                "holds these turns and sends them as one seed with turn_complete=True; pass "
                "turn_complete=True on the last seed",
            ), suppress=suppress)
            self._seed_buffer.extend(contents)
            return  # held: the session need not open yet
        seed = self._seed_buffer + contents
        if not seed:
            return  # send(end_of_turn=True) with nothing before it: nothing to seed or answer
        history, reply_to = inputs.split_trailing_user_text(seed)
        # Only history needs a declared seed; trailing user text goes out as realtime text.
        await self._connected(declare=bool(history), by="send_client_content()")
        if self._seed_phase and not history:
            # Declared for turns held when another call (receive()) opened the session: they
            # are the seed, and the user text that completes it is the prompt.
            history, reply_to = list(self._seed_buffer), inputs.split_trailing_user_text(contents)[1]
        self._seed_buffer = []
        if not self._seed_phase:
            # Opened without a declared seed, by this call (nothing but a prompt to send) or
            # by an earlier one: no client content can go out as a seed now.
            await self._mid_session(_turns(seed), seed, True, suppress)
            return
        notes = []
        if history:
            notes.append(Adaptation(
                "LM102",
                f"client_content before realtime input is a history seed on {self._model}, "
                f"which must be declared and end with turn_complete=True ({declared})"
                + ("" if reply_to is not None else
                   "; a seed gets no reply: if the program waits for one, send "
                   "session.send_realtime_input(text=...) after it"),
            ))
        if reply_to is not None:
            notes.append(Adaptation(
                "LM101",
                f"a {self._model} history seed never gets a reply, so the user text that ended "
                "it with turn_complete=True was sent as realtime text; use "
                "session.send_realtime_input(text=...)",
            ))
        self._report(*notes, suppress=suppress)
        self._seed_phase = False
        await self._sdk.send_client_content(turns=_turns(history), turn_complete=True)
        if reply_to is not None:
            await self._send_text(reply_to)

    async def _mid_session(
        self, turns: Any, contents: list[types.Content], turn_complete: bool, suppress: Iterable[str]
    ) -> None:
        text = inputs.plain_user_text(contents)
        opened_by = self._opened_without_seed_by  # no realtime input yet: this was a seed
        if text is None and opened_by is not None:
            self._report(Adaptation(
                "LM102",
                f"client_content before realtime input is a history seed on {self._model}, which "
                f"must be declared in the setup; this session was opened by {opened_by} before any "
                "seed was sent, so the shim declared none; sent unchanged, the server may close "
                f"the session (1007); send the history before {opened_by}, or set "
                "history_config.initial_history_in_client_content=True in the config",
                kind="unadapted",
            ), suppress=suppress)
            await self._sdk.send_client_content(turns=turns, turn_complete=turn_complete)
            return
        if text is None:
            self._report(Adaptation(
                "LM101",
                f"{self._model} refuses client_content after the exchange started, and these "
                "turns (model turns or non-text parts) cannot be realtime text; sent "
                "unchanged, the server may close the session (1007); put them in the history "
                "seed at session start or use session.send_context_update",
                kind="unadapted",
            ), suppress=suppress)
            await self._sdk.send_client_content(turns=turns, turn_complete=turn_complete)
            return
        held = "" if turn_complete else (
            "; this turn_complete=False text is held and sent as realtime text with the "
            "turn's end, the next realtime input or the session's end (3.1 may answer it)"
        )
        refused = (
            f"mid-session is refused by {self._model}" if opened_by is None
            else f"before realtime input is a history seed on {self._model}, which never gets a reply"
        )
        self._report(Adaptation(
            "LM101",
            f"send_client_content {refused}; use session.send_realtime_input(text=...){held}",
            kind="adapted" if turn_complete else "held",
        ), suppress=suppress)
        if text:
            self._pending_text.append(text)
        if not turn_complete:
            return  # 2.5 waited for the rest of the turn; so do we
        joined = self._take_pending_text()
        if joined:
            self._opened_without_seed_by = None  # the exchange has started
            await self._send_text(joined)

    def _take_pending_text(self, then: str | None = None) -> str | None:
        """The held mid-session text joined (with ``then`` after it), clearing the hold."""
        pieces = [*self._pending_text, *([then] if then is not None else [])]
        self._pending_text.clear()
        return "\n".join(pieces) if pieces else None

    async def _flush_pending_text(self) -> None:
        """Send held ``turn_complete=False`` text as realtime text, if any."""
        held = self._take_pending_text()
        if held:
            await self._send_text(held)

    async def close(self) -> None:
        """``AsyncSession.close``, sending held ``turn_complete=False`` text first."""
        await self.flush_on_exit()
        if self._raw is not None:
            await self._raw.close()

    async def flush_on_exit(self) -> None:
        """Send held text before the session ends; a closed connection just drops it.

        A session not opened yet opens now, so its setup is sent (and refused) as at the
        SDK's ``connect``; one whose opening failed stays unopened (its call raised).
        """
        if self._raw is None:
            if self._open_error is not None:
                return
            await self._connected(by="the end of the session")
        if not self._pending_text:
            return
        from websockets.exceptions import ConnectionClosed

        try:
            await self._flush_pending_text()
        except ConnectionClosed:
            self._pending_text.clear()

    async def _start_input(self, *, by: str) -> None:
        """Before realtime input or a tool response: open the session if it is not open
        (declaring a seed if seeds are held) and end the seed phase.

        Held ``turn_complete=False`` seeds go out as one seed with ``turn_complete=True``.
        The shim declares a seed only when it has one to send, so it never needs an empty
        ``client_content(turn_complete=True)`` to end the phase (module docstring).
        """
        await self._connected(by=by)
        self._opened_without_seed_by = None  # the exchange starts: client content is mid-session now
        if not self._seed_phase:
            return
        self._seed_phase = False
        if self._seed_buffer:
            history, self._seed_buffer = self._seed_buffer, []
            await self._sdk.send_client_content(turns=_turns(history), turn_complete=True)

    # --- realtime input -------------------------------------------------------------------

    async def _send_realtime_input(
        self,
        *,
        media: types.BlobImageUnionDict | None = None,
        audio: types.BlobOrDict | None = None,
        audio_stream_end: bool | None = None,
        video: types.BlobImageUnionDict | None = None,
        text: str | None = None,
        activity_start: types.ActivityStartOrDict | None = None,
        activity_end: types.ActivityEndOrDict | None = None,
    ) -> None:
        """``AsyncSession.send_realtime_input``; ``media=`` is routed to ``audio=``/``video=``."""
        if media is not None and self._input_mime is not None and all(
            v is None for v in (audio, audio_stream_end, video, text, activity_start, activity_end)
        ):
            await self._send_media(media, suppress=())
            return
        if audio is not None and self._input_mime is not None:
            fixed = inputs.with_pcm_rate(audio, self._input_mime)
            if fixed is not None:
                self._report(self._pcm_rate_note())
                audio = fixed
        await self._start_input(by="send_realtime_input()")
        if self._pending_text:
            if text is not None:
                text = self._take_pending_text(then=text)
            else:
                await self._flush_pending_text()
        if self._push_to_talk and text is not None and all(
            v is None for v in (media, audio, audio_stream_end, video, activity_start, activity_end)
        ):
            await self._send_text(text)
            return
        if not self._push_to_talk:
            await self._sdk.send_realtime_input(
                media=media, audio=audio, audio_stream_end=audio_stream_end, video=video,
                text=text, activity_start=activity_start, activity_end=activity_end,
            )
            self._note_audio_turn(audio=audio is not None, ended=bool(audio_stream_end) or activity_end is not None)
            return
        async with self._activity_lock:
            if activity_start is not None:
                self._activity_open = self._activity_by_program = True
            elif audio is not None and not self._activity_open:
                await self._sdk.send_realtime_input(activity_start=types.ActivityStart())
                self._activity_open = True
            if audio_stream_end and activity_end is None:
                audio_stream_end = None
                if self._activity_open:
                    self._report(self._activity_end_note())
                    activity_end = types.ActivityEnd()
            if all(v is None for v in (media, audio, audio_stream_end, video, text, activity_start, activity_end)):
                self._note_audio_turn(audio=False, ended=True)
                return  # an audio_stream_end with no audio to end
            await self._sdk.send_realtime_input(
                media=media, audio=audio, audio_stream_end=audio_stream_end, video=video,
                text=text, activity_start=activity_start, activity_end=activity_end,
            )
            if activity_end is not None:
                self._activity_open = self._activity_by_program = False
        self._note_audio_turn(audio=audio is not None, ended=bool(audio_stream_end) or activity_end is not None)

    async def _send_text(self, text: str) -> None:
        """Realtime text; on a push-to-talk session, inside an activity of its own (LM606).

        With automatic activity detection disabled (the shim did so for push-to-talk), the
        API reference says the client must send activity signals, and with it on, text
        counted as activity: so text outside an activity gets its own ``activity_start`` /
        ``activity_end`` (the reading the LM606 fix takes; bare text there may get no reply).
        Text inside an activity the program opened itself is part of that turn and goes out
        bare. The shim's own activity around push-to-talk audio is ended first (that audio
        becomes a turn): activities do not nest, and 2.5 answered realtime text as input of
        its own, not as part of the key press the program never marked.
        """
        if not self._push_to_talk or self._activity_by_program:
            await self._sdk.send_realtime_input(text=text)
            return
        self._report(Adaptation(
            "LM606",
            f"{self._model} takes realtime input only between activity_start and activity_end once "
            "automatic activity detection is disabled (the shim disabled it for push-to-talk), so "
            "bare text may get no reply; the shim sent activity_start/activity_end around it; send "
            "them around realtime text yourself, or pass push_to_talk=False to keep detection on",
        ))
        async with self._activity_lock:
            if self._activity_by_program:  # the program opened one while we waited for the lock
                await self._sdk.send_realtime_input(text=text)
                return
            if self._activity_open:  # the shim's activity around push-to-talk audio
                await self._sdk.send_realtime_input(activity_end=types.ActivityEnd())
                self._activity_open = False
                self._note_audio_turn(audio=False, ended=True)
            await self._sdk.send_realtime_input(activity_start=types.ActivityStart())
            await self._sdk.send_realtime_input(text=text)
            await self._sdk.send_realtime_input(activity_end=types.ActivityEnd())

    def _activity_end_note(self) -> Adaptation:
        return Adaptation(
            "LM606",
            f"{self._model} does not end a turn on audio_stream_end, so push-to-talk never got a "
            "reply; the shim sent activity_end (after activity_start before the audio) with "
            "automatic activity detection disabled; use send_realtime_input(activity_start=...) "
            "and (activity_end=...) with realtime_input_config.automatic_activity_detection.disabled=True",
        )

    def _note_audio_turn(self, *, audio: bool, ended: bool) -> None:
        """Track whether audio was sent since the last end of an audio turn (push-to-talk
        code ended it with ``send(end_of_turn=True)``; 3.x needs ``audio_stream_end``)."""
        if ended:
            self._open_audio_turn = False
        elif audio:
            self._open_audio_turn = True

    def _pcm_rate_note(self) -> Adaptation:
        return Adaptation(
            "LM106",
            f"audio/pcm without a rate; {self._model} expects {self._input_mime}, which the "
            f'shim sent; use mime_type="{self._input_mime}"',
        )

    async def _send_media(self, blob: Any, suppress: Iterable[str]) -> None:
        field = inputs.route_blob(blob)
        if field is None:
            self._report(Adaptation(
                "LM104",
                f"media= with MIME type {inputs.mime_of(blob)!r} cannot be routed to audio= or "
                f"video=; sent as legacy mediaChunks, which {self._model} may refuse; use "
                "session.send_realtime_input(audio=...) or (video=...)",
                kind="unadapted",
            ), suppress=suppress)
            await self._start_input(by="send_realtime_input()")
            await self._flush_pending_text()
            await self._sdk.send_realtime_input(media=blob)
            return
        notes = [Adaptation(
            "LM104",
            f"media= is sent as legacy mediaChunks, which {self._model} refuses; "
            f"use session.send_realtime_input({field}=...)",
        )]
        if field == "audio" and self._input_mime is not None:
            fixed = inputs.with_pcm_rate(blob, self._input_mime)
            if fixed is not None:
                notes.append(self._pcm_rate_note())
                blob = fixed
        self._report(*notes, suppress=suppress)
        await self._start_input(by="send_realtime_input()")
        await self._flush_pending_text()
        if field == "audio" and self._push_to_talk:
            async with self._activity_lock:
                if not self._activity_open:
                    await self._sdk.send_realtime_input(activity_start=types.ActivityStart())
                    self._activity_open = True
                await self._sdk.send_realtime_input(audio=blob)
        else:
            await self._sdk.send_realtime_input(**{field: blob})
        self._note_audio_turn(audio=field == "audio", ended=False)

    # --- tool responses -------------------------------------------------------------------

    async def _send_tool_response(
        self,
        *,
        function_responses: types.FunctionResponseOrDict | list[types.FunctionResponseOrDict],
    ) -> None:
        """``AsyncSession.send_tool_response`` without 2.5-only scheduling fields (LM202)."""
        profile = self._translation.target
        if self._translation.on_target and not profile.supports_response_scheduling:
            stripped, names = inputs.strip_response_scheduling(function_responses)
            if names:
                why = (
                    "is reported to refuse response scheduling (1007)" if profile.supports_non_blocking_tools
                    else "calls functions synchronously, so scheduling and will_continue mean nothing there"
                )
                self._report(Adaptation(
                    "LM202",
                    f"{self._model} {why}; removed from {', '.join(names)}; "
                    "remove them from the FunctionResponse",
                ))
                function_responses = stripped
        await self._start_input(by="send_tool_response()")
        await self._sdk.send_tool_response(function_responses=function_responses)

    # --- deprecated SDK surfaces ----------------------------------------------------------

    async def _send(self, *, input: Any = None, end_of_turn: bool | None = False) -> None:
        """The deprecated ``session.send`` (LM103), routed to the call that replaces it."""
        if not self._translation.on_target:
            await self._sdk.send(input=input, end_of_turn=end_of_turn)  # opened at async with
            return
        legacy = inputs.classify_legacy_input(input)
        # LM103's own fix is the call that also settles LM101/LM104, so those stay quiet here.
        quiet = ("LM101", "LM104")
        push_to_talk = legacy.kind == "end_of_turn" and self._open_audio_turn
        use = {
            "end_of_turn": ("session.send_realtime_input(audio_stream_end=True)" if push_to_talk
                            else "nothing (turns end by voice activity or activity_end)"),
            "content": "session.send_realtime_input(text=...)",
            "media": "session.send_realtime_input(audio=...) or (video=...)",
            "realtime": "session.send_realtime_input(...)",
            "tool": "session.send_tool_response(function_responses=...)",
            "unknown": "send_realtime_input, send_client_content or send_tool_response",
        }[legacy.kind]
        self._report(Adaptation(
            "LM103", f"session.send is deprecated and sends 2.5-era frames; use {use}"
        ))
        if push_to_talk:
            # 2.5 answered the buffered audio on end_of_turn; 3.x ends an audio turn this way
            # (3.8: with activity_end, which _send_realtime_input puts in its place)
            await self._send_realtime_input(audio_stream_end=True)
            self._open_audio_turn = False
        elif legacy.kind == "end_of_turn":
            await self._client_content(None, True, suppress=quiet)
        elif legacy.kind == "content":
            own = legacy.turn_complete  # a LiveClientContent / dict carries its own flag
            await self._client_content(legacy.payload, bool(end_of_turn) if own is None else own, suppress=quiet)
        elif legacy.kind == "media":
            for blob in legacy.payload:
                await self._send_media(blob, suppress=quiet)
        elif legacy.kind == "realtime":
            for name, value in legacy.payload.items():
                await self.send_realtime_input(**{name: value})
        elif legacy.kind == "tool":
            await self.send_tool_response(function_responses=legacy.payload)
        else:
            raw = await self._connected(by="send()")
            await raw.send(input=input, end_of_turn=end_of_turn)

    def start_stream(
        self, *, stream: AsyncIterator[bytes], mime_type: str
    ) -> AsyncIterator[types.LiveServerMessage]:
        """The deprecated ``session.start_stream`` (LM105) on current calls.

        Sends each chunk with ``send_realtime_input(audio=|video=)`` from a task while
        yielding received messages, until the stream ends, as the SDK's version did.
        """
        if not self._translation.on_target:
            return self._sdk.start_stream(stream=stream, mime_type=mime_type)  # opened at async with
        return self._start_stream(stream, mime_type)

    async def _start_stream(
        self, stream: AsyncIterator[bytes], mime_type: str
    ) -> AsyncIterator[types.LiveServerMessage]:
        note = Adaptation(
            "LM105",
            "session.start_stream is deprecated and streams legacy mediaChunks; use a task "
            "that calls session.send_realtime_input(audio=...) and a loop over session.receive()",
        )
        self._report(note)
        field = inputs.route_blob({"mime_type": mime_type, "data": b""})
        if field is None:
            raise ValueError(f"start_stream cannot route MIME type {mime_type!r} to audio= or video=")
        blob_mime = mime_type
        if field == "audio" and self._input_mime is not None:
            fixed = inputs.with_pcm_rate({"mime_type": mime_type}, self._input_mime)
            if fixed is not None:
                self._report(self._pcm_rate_note())
                blob_mime = fixed["mime_type"]
        raw = await self._connected(by="start_stream()")
        done = asyncio.Event()

        async def pump() -> None:
            try:
                async for chunk in stream:
                    blob = types.Blob(data=chunk, mime_type=blob_mime)
                    if field == "audio":
                        await self.send_realtime_input(audio=blob)
                    else:
                        await self.send_realtime_input(video=blob)
            finally:
                done.set()

        token = _SITE.set(call_site())  # the pump task copies this context: its warnings
        try:                            # point at the start_stream line, not at asyncio
            sender = asyncio.ensure_future(pump())
        finally:
            _SITE.reset(token)
        incoming = raw.receive()
        receiving: asyncio.Future[types.LiveServerMessage] | None = None
        try:
            while not done.is_set():
                receiving = asyncio.ensure_future(incoming.__anext__())
                finished = asyncio.ensure_future(done.wait())
                await asyncio.wait({receiving, finished}, return_when=asyncio.FIRST_COMPLETED)
                finished.cancel()
                if not receiving.done():
                    # The stream ended: stop, as the SDK's version does. The cancelled
                    # receive must finish before anyone calls receive() again, or the
                    # WebSocket refuses a second concurrent recv (ConcurrencyError).
                    late = await _cancel_and_wait(receiving)
                    receiving = None
                    if late is not None:
                        for piece in self._adapt(late):
                            yield piece
                    break
                try:
                    message = receiving.result()
                except StopAsyncIteration:  # receive() ends at each turn; open the next one
                    incoming = raw.receive()
                    continue
                finally:
                    receiving = None
                for piece in self._adapt(message):
                    yield piece
            if sender.done() and not sender.cancelled() and sender.exception() is not None:
                raise sender.exception()  # type: ignore[misc]
        finally:
            sender.cancel()
            if receiving is not None:  # the caller stopped iterating while a recv was pending
                await _cancel_and_wait(receiving)

    # --- receiving ------------------------------------------------------------------------

    def receive(self) -> AsyncIterator[types.LiveServerMessage]:
        """``AsyncSession.receive``, reshaped as the module docstring says.

        The SDK's own iterator when there is nothing to reshape and the session is open;
        a session not opened yet opens at the first message asked for.
        """
        if self._raw is not None and not self._reshapes:
            return self._raw.receive()
        return self._adapted_receive()

    @property
    def _reshapes(self) -> bool:
        return self._split_parts or self._text_emulation or self._at_idle is not None

    async def _adapted_receive(self) -> AsyncIterator[types.LiveServerMessage]:
        raw = await self._connected(by="receive()")
        at_idle = self._at_idle
        while True:
            received = False
            async for message in raw.receive():
                received = True
                for piece in self._adapt(message):
                    yield piece
                if at_idle is not None and at_idle.ended:
                    return  # the interaction's end, whether or not the SDK's iterator stops here
            if at_idle is None or at_idle.ended or not received:
                return
            # The SDK stopped at a turn_complete the shim cleared (google-genai < 2.23 stops at
            # every turn_complete): the interaction goes on, and so does this receive().

    def _adapt(self, message: types.LiveServerMessage) -> Iterable[types.LiveServerMessage]:
        if not self._reshapes:
            return (message,)
        if self._at_idle is not None:
            message, changed = self._at_idle.adapt(message)
            if changed:
                self._report(Adaptation(
                    "LM604",
                    f"{self._translation.target.claim('interaction_end')}; code that ends a receive loop "
                    "on turn_complete would stop one utterance early, so the shim set turn_complete only "
                    "on the message that ends the interaction (cleared it where interaction_status is "
                    "IN_PROGRESS); end the loop on server_content.interaction_status == IDLE",
                ))
        pieces = split_message(message) if self._split_parts else [message]
        if self._warn_split and len(pieces) > 1:
            self._report(*self._split_notes(message, len(pieces)))
        return [emulate_text(piece) for piece in pieces] if self._text_emulation else pieces

    def _split_notes(self, message: types.LiveServerMessage, pieces: int) -> list[Adaptation]:
        """LM301 / LM302 for a message the shim split because the code names a 2.x model."""
        profile = self._translation.target
        content = message.server_content
        turn = content.model_turn if content is not None else None
        parts = len(turn.parts or ()) if turn is not None else 0
        notes = []
        if parts > 1:
            notes.append(Adaptation(
                "LM301",
                f"{profile.claim('multi_part_events')}, where 2.5 sent one per message: code reading "
                "model_turn.parts[0] loses the rest, so the shim split the message into one message per "
                "part; read every part (for part in model_turn.parts), then pass split_parts=False",
            ))
        if pieces > max(parts, 1):
            notes.append(Adaptation(
                "LM302",
                f"{profile.claim('multi_field_events')}, where 2.5 sent one per message: an if/elif "
                "chain over them reads only the first, so the shim split the message into one message "
                "per field; test each field on its own, then pass split_parts=False",
            ))
        return notes
