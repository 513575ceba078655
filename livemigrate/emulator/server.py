"""``LiveEmulator``: the TLS WebSocket server google-genai connects to, on 127.0.0.1.

Run it on the current event loop (``async with LiveEmulator() as emu``) or on a thread with
its own loop (``with LiveEmulator() as emu`` / ``start_in_thread()`` + ``stop()``), which is
what plain synchronous tests, the pytest fixture and the CLI use.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
import itertools
import logging
import re
import ssl
import threading
from collections.abc import Awaitable, Mapping
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response

from .rules import MODE_TARGETS, Mode, Violation, enforced_rules
from .script import Raw, Script, ScriptLike
from .session import ConnectionRecord, EmulatedSession, SessionOptions, SetupFault, SetupReply
from .tls import Certificates, make_certificates

__all__ = ["LiveEmulator", "match_endpoint"]

log = logging.getLogger("livemigrate.emulator")

# The Gemini API Live endpoint (facts §7.1). Matched on the end of the path so a base_url
# with a path prefix works too; Vertex AI's LlmBidiService is not emulated.
_ENDPOINT = re.compile(
    r"/ws/google\.ai\.generativelanguage\.(?P<version>v1|v1beta|v1alpha)"
    r"\.GenerativeService\.(?P<method>BidiGenerateContent(?:Constrained)?)$"
)
_ENDPOINT_HELP = (
    "expected a path ending in /ws/google.ai.generativelanguage.{v1|v1beta|v1alpha}"
    ".GenerativeService.BidiGenerateContent[Constrained]"
)
_SETUP_FAULTS: tuple[SetupFault, ...] = ("close", "hang")


def match_endpoint(path: str) -> tuple[str, str] | None:
    """``(api_version, method)`` for a request path, or None when it is no Live endpoint.

    A base_url ending in ``/`` makes the SDK request ``//ws/...`` (facts §7.1): runs of
    slashes count as one. The query string (``?key=``) is ignored.
    """
    route = re.sub(r"/{2,}", "/", path.split("?", 1)[0])
    match = _ENDPOINT.search(route)
    return (match["version"], match["method"]) if match else None


def _websockets_takes_proxy() -> bool:
    """websockets >= 15 reads proxy settings from the environment unless told ``proxy=None``."""
    from websockets.asyncio.client import connect

    return "proxy" in inspect.signature(connect).parameters


class LiveEmulator:
    """An offline Live API server for google-genai (``gemini-3.1-flash-live-preview`` by default).

    ``mode`` picks the server generation (``"strict"``: launch-era 3.1; ``"lenient"``: 3.1
    after the newest docs; ``"3.8"``: strict ``gemini-3.8-live``; ``"3.8-xt"``: strict
    ``gemini-3.8-live-extended-thinking``), ``script`` the scripted model (see :mod:`livemigrate.emulator.script`),
    ``setup_fault`` what strict mode does with proactivity / affective dialog (``"close"``
    with 1007 or ``"hang"``: never answer setup), and ``enforce`` switches single rules on or
    off by id (:data:`livemigrate.emulator.rules.RULES`), e.g. ``{"proactivity": True}`` on a
    lenient server.

    ``setup_reply`` makes the server misbehave at setup, for testing clients: ``"complete"``
    (the default) answers with ``setupComplete``; ``"silent"`` never answers any setup and
    never closes (frames are still read and recorded, ``record.hung`` is set);
    ``Raw(data)`` sends that frame instead of ``setupComplete`` and then carries on as if
    setup had completed. Misbehaviour later in a session is scripted: a ``{"raw": ...}``
    step sends any frame, ``[{"go_away": "1s"}, {"turn_complete": False}]`` announces the
    end and then says nothing.
    """

    def __init__(
        self,
        mode: Mode = "strict",
        script: ScriptLike = None,
        port: int = 0,
        host: str = "127.0.0.1",
        *,
        setup_fault: SetupFault = "close",
        enforce: Mapping[str, bool] | None = None,
        setup_reply: SetupReply = "complete",
    ) -> None:
        if setup_fault not in _SETUP_FAULTS:
            raise ValueError(f"setup_fault must be one of {_SETUP_FAULTS}, not {setup_fault!r}")
        if not isinstance(setup_reply, Raw) and setup_reply not in ("complete", "silent"):
            raise ValueError(f"setup_reply must be 'complete', 'silent' or a Raw frame, not {setup_reply!r}")
        self.mode: Mode = mode
        self.setup_fault: SetupFault = setup_fault
        self.setup_reply: SetupReply = setup_reply
        self.script = Script.from_data(script)
        self.host = host
        self.received: list[dict[str, Any]] = []
        self.connections: list[ConnectionRecord] = []
        self._requested_port = port
        call_ids, handles = itertools.count(1), itertools.count(1)
        # Shared by all connections: ids and handles stay unique when a client reconnects.
        self._options = SessionOptions(
            enforced=enforced_rules(mode, enforce),
            setup_fault=setup_fault,
            setup_reply=setup_reply,
            script=self.script,
            new_call_id=lambda: f"call-{next(call_ids)}",
            new_handle=lambda: f"handle-{next(handles)}",
            on_frame=self.received.append,
            target=MODE_TARGETS[mode],
        )
        self._records: dict[int, ConnectionRecord] = {}
        self._server: Server | None = None
        self._certs: Certificates | None = None
        self._client_ssl: ssl.SSLContext | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- where clients connect -----------------------------------------------------------

    def _require_started(self) -> Server:
        if self._server is None:
            raise RuntimeError("the emulator is not running: use `async with LiveEmulator()` or start_in_thread()")
        return self._server

    @property
    def port(self) -> int:
        """The TCP port the server listens on (chosen by the OS when ``port=0``)."""
        server = self._require_started()
        return int(next(iter(server.sockets)).getsockname()[1])

    @property
    def _url_host(self) -> str:
        host = "127.0.0.1" if self.host in ("", "0.0.0.0", "::") else self.host
        return f"[{host}]" if ":" in host else host

    @property
    def url(self) -> str:
        """The base URL for ``http_options.base_url`` (the SDK swaps the scheme for wss)."""
        return f"https://{self._url_host}:{self.port}"

    def ws_url(self, api_version: str = "v1beta", *, constrained: bool = False) -> str:
        """The full ``wss://`` endpoint, for raw-WebSocket clients."""
        method = "BidiGenerateContentConstrained" if constrained else "BidiGenerateContent"
        return (
            f"wss://{self._url_host}:{self.port}/ws/google.ai.generativelanguage."
            f"{api_version}.GenerativeService.{method}"
        )

    @property
    def ca_cert_path(self) -> Path:
        """PEM file of the throwaway CA (for ``SSL_CERT_FILE`` or ``ssl.create_default_context``)."""
        self._require_started()
        assert self._certs is not None
        return self._certs.ca_cert_path

    def ssl_context(self) -> ssl.SSLContext:
        """A new client SSL context that trusts the emulator."""
        self._require_started()
        assert self._certs is not None
        return self._certs.client_context()

    @property
    def http_options(self) -> dict[str, Any]:
        """``genai.Client(http_options=...)`` that reaches this emulator.

        ``proxy: None`` keeps ``HTTPS_PROXY`` and friends from routing 127.0.0.1 through a
        proxy (websockets >= 15 honours them); the SDK forwards it to ``websockets.connect``.
        """
        self._require_started()
        assert self._client_ssl is not None
        client_args: dict[str, Any] = {"ssl": self._client_ssl}
        if _websockets_takes_proxy():
            client_args["proxy"] = None
        return {"base_url": self.url, "async_client_args": client_args}

    # --- waiting until the server has caught up (see .idle) ------------------------------

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Block until every frame clients sent so far is handled and no reply is pending.

        Call it before reading ``received``, ``connections`` or ``violations`` after a client
        sent something: the client's send (and even its close) returns before the server has
        handled the frame. Covers open connections too (a ping to the client is the barrier,
        so their client must be able to answer it) and every connection opened so far.
        Raises TimeoutError after ``timeout`` s. Blocking: from a coroutine, use
        :meth:`wait_idle_async`.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass  # no loop in this thread: blocking is fine
        else:
            raise RuntimeError("wait_idle() blocks the event loop; in async code use await emulator.wait_idle_async()")
        loop = self._running_loop()
        if loop is None:
            return
        records = list(self.connections)
        future = asyncio.run_coroutine_threadsafe(self._settle(records), loop)
        try:
            future.result(timeout)
        except (TimeoutError, concurrent.futures.TimeoutError):  # distinct classes on 3.10
            future.cancel()
            raise TimeoutError(self._busy_message(records, timeout)) from None

    async def wait_idle_async(self, timeout: float = 5.0) -> None:
        """:meth:`wait_idle` for coroutines, on the emulator's loop or any other."""
        loop = self._running_loop()
        if loop is None:
            return
        records = list(self.connections)
        settle: Awaitable[None]
        if loop is asyncio.get_running_loop():
            settle = self._settle(records)
        else:  # the emulator runs on a thread of its own
            settle = asyncio.wrap_future(asyncio.run_coroutine_threadsafe(self._settle(records), loop))
        try:
            await asyncio.wait_for(settle, timeout)
        except (TimeoutError, asyncio.TimeoutError):
            raise TimeoutError(self._busy_message(records, timeout)) from None

    def _running_loop(self) -> asyncio.AbstractEventLoop | None:
        """The emulator's loop; None once stopped, when every connection has ended anyway."""
        if self._server is None or self._loop is None or self._loop.is_closed():
            if any(not record.finished.is_set() for record in self.connections):
                raise RuntimeError("the emulator is not running and has unfinished connections")
            return None
        return self._loop

    @staticmethod
    async def _settle(records: list[ConnectionRecord]) -> None:
        for record in records:
            await record.activity.settle()

    @staticmethod
    def _busy_message(records: list[ConnectionRecord], timeout: float) -> str:
        busy = [f"connection {r.index}: {r.activity.describe()}" for r in records if not r.activity.idle]
        return f"the emulator was not idle within {timeout} s ({'; '.join(busy) or 'waiting for a pong'})"

    @property
    def violations(self) -> list[Violation]:
        """Every rule break the server acted on, over all connections, in order."""
        return [v for record in self.connections for v in record.violations]

    # --- running on the caller's event loop ----------------------------------------------

    async def start(self) -> LiveEmulator:
        """Listen on the current event loop."""
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        # The certificate also names the listening host, so a client may use it instead.
        self._certs = make_certificates(["127.0.0.1", "localhost", self._url_host.strip("[]")])
        self._client_ssl = self._certs.client_context()
        try:
            self._server = await serve(
                self._handle,
                self.host,
                self._requested_port,
                ssl=self._certs.server_context,
                process_request=self._check_request,
                # Audio frames of a long turn exceed the 1 MiB default; the API takes them.
                max_size=16 * 2**20,
                # A local server: a client that went away without closing must not hold Ctrl-C
                # or aclose() for the default 10 s (the closing handshake and the TLS shutdown
                # both wait this long).
                close_timeout=2,
            )
        except BaseException:
            self._certs.remove()
            raise
        self._loop = asyncio.get_running_loop()
        log.info("listening on %s (%s)", self.url, self.mode)
        return self

    async def aclose(self) -> None:
        """Close every connection (1001 going away) and stop listening."""
        server, self._server = self._server, None
        if server is not None:
            server.close()
            await server.wait_closed()
        if self._certs is not None:
            self._certs.remove()

    async def __aenter__(self) -> LiveEmulator:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # --- running on a thread of its own --------------------------------------------------

    def start_in_thread(self, timeout: float = 10.0) -> LiveEmulator:
        """Run the server on a daemon thread with its own event loop; returns once listening."""
        if self._thread is not None:
            raise RuntimeError("the emulator is already running in a thread")
        ready = threading.Event()
        failure: list[BaseException] = []

        def main() -> None:
            loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(self.start())
            except BaseException as exc:  # reported to the starting thread
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self.aclose())
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()

        self._thread = threading.Thread(target=main, name="livemigrate-emulator", daemon=True)
        self._thread.start()
        if not ready.wait(timeout):
            raise TimeoutError(f"the emulator did not start within {timeout} s")
        if failure:
            self._thread.join()
            self._thread = None
            raise failure[0]
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop a server started with :meth:`start_in_thread`."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._loop.stop)
        thread.join(timeout)
        if thread.is_alive():
            raise TimeoutError(f"the emulator thread did not stop within {timeout} s")

    def __enter__(self) -> LiveEmulator:
        return self.start_in_thread()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- connections ---------------------------------------------------------------------

    def _check_request(self, connection: ServerConnection, request: Request) -> Response | None:
        """Refuse, before the WebSocket handshake, what the real endpoint would refuse."""
        headers = {key.lower(): value for key, value in request.headers.raw_items()}
        record = ConnectionRecord(index=len(self.connections), path=request.path, headers=headers)
        self.connections.append(record)
        query = parse_qs(request.path.split("?", 1)[1]) if "?" in request.path else {}
        endpoint = match_endpoint(request.path)
        if endpoint is None:
            return self._refuse(
                connection, record, HTTPStatus.NOT_FOUND, f"unknown path {request.path!r}: {_ENDPOINT_HELP}"
            )
        record.api_version, record.method = endpoint
        authorization = headers.get("authorization", "")
        if record.method == "BidiGenerateContentConstrained":
            if not (authorization.startswith("Token ") or "access_token" in query):
                return self._refuse(
                    connection, record, HTTPStatus.UNAUTHORIZED,
                    "BidiGenerateContentConstrained needs an ephemeral token: "
                    "'Authorization: Token auth_tokens/...' or ?access_token=",
                )
        elif not (headers.get("x-goog-api-key") or "key" in query or authorization):
            return self._refuse(
                connection, record, HTTPStatus.UNAUTHORIZED,
                "missing API key: send the x-goog-api-key header or ?key=",
            )
        self._records[id(connection)] = record
        return None

    def _refuse(
        self, connection: ServerConnection, record: ConnectionRecord, status: HTTPStatus, reason: str
    ) -> Response:
        record.rejected = f"{status.value} {reason}"
        record.finished.set()
        record.activity.finish()
        log.warning("refused connection %d: %s", record.index, record.rejected)
        return connection.respond(status, reason + "\n")

    async def _handle(self, connection: ServerConnection) -> None:
        record = self._records.pop(id(connection))
        await EmulatedSession(connection, record, self._options).serve()
