"""Knowing when the emulator has nothing left to do, so tests read its records safely.

A client's ``await session.send_...()`` returns once the frame is in the socket, not once the
server has read it; and the client's close handshake completes before the server's handler
has worked through the frames queued ahead of the close. A test that reads
``emulator.received`` (or ``connections[i].sent``, ``violations``, ...) straight after the
client is done therefore sometimes sees the last frames missing.

:class:`Activity` closes that gap for one connection, without sleeping:

1. a **barrier**: the server pings the client and waits for the pong. WebSocket frames keep
   their order, so once the pong is in, every frame the client sent before it answered the
   ping has reached the server (queued in the connection, if not yet handled);
2. then the connection must be **idle**: its reader waits in ``recv()`` with nothing queued,
   no user turn is waiting to be answered and no reply is playing, except one blocked until
   the client answers a function call; or the connection has ended.

The session reports every change toward idle through :meth:`Activity.changed`; waiters
re-check then. Everything here runs on the emulator's event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

__all__ = ["Activity"]


class Activity:
    """Whether one connection's server side has work left; see the module docstring."""

    def __init__(self) -> None:
        self.finished = False
        # Set by the session once it serves the connection (before that, nothing is idle).
        self.barrier: Callable[[], Awaitable[None]] | None = None
        self.idle_when: Callable[[], bool] = lambda: False
        self.busy_with: Callable[[], str] = lambda: "opening the connection"
        self._changed: asyncio.Event | None = None

    @property
    def idle(self) -> bool:
        """Ended, or nothing to read, answer or play right now."""
        return self.finished or self.idle_when()

    def changed(self) -> None:
        """Wake whoever waits: the state may now be idle."""
        event, self._changed = self._changed, None
        if event is not None:
            event.set()

    def finish(self) -> None:
        """The server is done with the connection for good."""
        self.finished = True
        self.changed()

    async def _until(self, condition: Callable[[], bool]) -> None:
        while not condition():
            if self._changed is None:
                self._changed = asyncio.Event()
            await self._changed.wait()

    async def settle(self) -> None:
        """Return once every frame the client sent so far is handled and nothing is pending."""
        await self._until(lambda: self.finished or self.barrier is not None)
        if not self.finished and self.barrier is not None:
            await self.barrier()
        await self._until(lambda: self.idle)

    def describe(self) -> str:
        """What the connection is still doing, for a timeout message."""
        return "finished" if self.finished else ("idle" if self.idle else self.busy_with())
