"""Guarding a session's receive path: bad frames become LiveProtocolError, GoAway ends.

:func:`guard_session` puts :class:`CheckedWebSocket` in front of the SDK session's WebSocket,
so every frame is checked (:func:`.frames.check_server_frame`) before google-genai parses
it, whoever reads: the shim, the SDK's own ``receive()`` / ``start_stream()`` or code using
``raw_session``. It also wraps the session's frame reader so a frame the SDK's types refuse
becomes a LiveProtocolError too. The SDK's parsing itself is untouched: a good frame is
handed over as received.

After a ``goAway`` notice, a ``recv()`` that would wait beyond the announced ``timeLeft``
plus ``go_away_grace`` seconds raises :class:`GoAwayTimeoutError` instead of waiting for a
close that may never come. Frames that keep arriving push the deadline on (a server still
talking is not gone), so nothing it sends before it closes is lost.
"""

from __future__ import annotations

import asyncio
import functools
import re
import sys
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from google.genai import types
from pydantic import ValidationError
from websockets.exceptions import ConnectionClosed

from .diagnostics import GoAwayTimeoutError, LiveProtocolError
from .frames import check_server_frame, from_client_close, from_validation_error

__all__ = ["GoAwayDeadline", "CheckedWebSocket", "guard_session", "parse_duration", "bounded"]

T = TypeVar("T")

_DURATION = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)s\s*")


async def bounded(awaitable: Awaitable[T], timeout: float) -> T:
    """``awaitable``, or TimeoutError after ``timeout`` seconds."""
    if sys.version_info >= (3, 11):
        async with asyncio.timeout(timeout):
            return await awaitable
    return await asyncio.wait_for(awaitable, timeout)  # pragma: no cover - Python 3.10


def parse_duration(text: Any) -> float:
    """Seconds in a protobuf JSON duration (``"50s"``, ``"0.5s"``); 0 for anything else,
    since a notice without a usable ``timeLeft`` means the end is now."""
    match = _DURATION.fullmatch(text) if isinstance(text, str) else None
    return float(match[1]) if match else 0.0


class GoAwayDeadline:
    """How long to keep waiting for frames once the server has announced ``goAway``."""

    def __init__(self, grace: float) -> None:
        self.grace = grace
        self.time_left: str | None = None  # as announced, for the error message
        self._end: float | None = None  # when the server said it would be gone
        self._last = 0.0  # when the last frame arrived

    def on_frame(self, message: dict[str, Any], now: float) -> None:
        """Note a frame received at ``now`` (a ``goAway`` one sets the end)."""
        notice = message.get("goAway")
        if isinstance(notice, dict):
            self.time_left = str(notice.get("timeLeft", "0s"))
            self._end = now + parse_duration(notice.get("timeLeft"))
        self._last = now

    def deadline(self) -> float | None:
        """When silence means the server is gone: ``grace`` past the later of the announced
        end and the last frame; None before any notice."""
        if self._end is None:
            return None
        return max(self._end, self._last) + self.grace


class CheckedWebSocket:
    """The SDK session's WebSocket with every received frame checked; all else forwarded."""

    def __init__(self, ws: Any, go_away_grace: float | None) -> None:
        self._ws = ws
        self._go_away = GoAwayDeadline(go_away_grace) if go_away_grace is not None else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ws, name)

    async def recv(self, decode: bool | None = None) -> Any:
        """The next frame, as ``ws.recv`` returns it, once it is known to be readable."""
        problem: LiveProtocolError | None = None
        try:
            raw = await self._next(decode)
        except ConnectionClosed as closed:
            problem = from_client_close(closed)
            if problem is None:
                raise  # a close by the server: google-genai reports its code and reason
        if problem is not None:
            raise problem  # raised here, not in ``except``: nothing chains to the frame
        message = check_server_frame(raw)
        if self._go_away is not None:
            self._go_away.on_frame(message, asyncio.get_running_loop().time())
        return raw

    async def _next(self, decode: bool | None) -> Any:
        # decode is passed only when given: the SDK retries without it on TypeError, for
        # websockets versions whose recv() takes no argument.
        receiving = self._ws.recv() if decode is None else self._ws.recv(decode)
        deadline = self._go_away.deadline() if self._go_away is not None else None
        if deadline is None:
            return await receiving
        loop = asyncio.get_running_loop()
        try:
            return await bounded(receiving, max(0.0, deadline - loop.time()))
        except (TimeoutError, asyncio.TimeoutError):  # distinct classes on Python 3.10
            if loop.time() < deadline:
                raise  # not our deadline: a TimeoutError from inside recv()
        assert self._go_away is not None
        raise GoAwayTimeoutError(
            f"the server sent goAway (timeLeft {self._go_away.time_left}) and then nothing for "
            f"{self._go_away.grace:g} s past it, without closing: the session is over; reconnect "
            "(resuming with your last session resumption handle, if any) [go_away_grace]"
        )


def _checked_receive(receive: Callable[[], Awaitable[types.LiveServerMessage]]) -> Callable[..., Any]:
    """The SDK's frame reader, with a frame its types refuse reported as LiveProtocolError."""

    @functools.wraps(receive)
    async def checked() -> types.LiveServerMessage:
        try:
            return await receive()
        except ValidationError as exc:
            problem = from_validation_error(exc)
        raise problem  # outside ``except``: the ValidationError holds the frame's values

    return checked


def guard_session(session: Any, *, go_away_grace: float | None) -> None:
    """Check every frame ``session`` (an SDK ``AsyncSession``) receives; see the module docstring.

    Reaches into two SDK internals, ``_ws`` and ``_receive`` (google-genai 1.x to 3.x); an
    SDK without them keeps its own behaviour rather than breaking.
    """
    ws, receive = getattr(session, "_ws", None), getattr(session, "_receive", None)
    if ws is None or receive is None or isinstance(ws, CheckedWebSocket):
        return
    session._ws = CheckedWebSocket(ws, go_away_grace)
    session._receive = _checked_receive(receive)
