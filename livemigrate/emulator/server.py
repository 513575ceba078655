"""``LiveEmulator``: the TLS WebSocket server google-genai connects to, on 127.0.0.1.

Run it on the current event loop (``async with LiveEmulator() as emu``) or on a thread with
its own loop (``with LiveEmulator() as emu`` / ``start_in_thread()`` + ``stop()``), which is
what plain synchronous tests, the pytest fixture and the CLI use.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import logging
import re
import ssl
import threading
from collections.abc import Mapping
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response

from .rules import Mode, Violation, enforced_rules
from .script import Script, ScriptLike
from .session import ConnectionRecord, EmulatedSession, SessionOptions, SetupFault
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
    """An offline ``gemini-3.1-flash-live-preview`` Live API server for google-genai.

    ``mode`` picks the server generation (``"strict"``: launch-era 3.1; ``"lenient"``: the
    newest docs), ``script`` the scripted model (see :mod:`livemigrate.emulator.script`),
    ``setup_fault`` what strict mode does with proactivity / affective dialog (``"close"``
    with 1007 or ``"hang"``: never answer setup), and ``enforce`` switches single rules on or
    off by id (:data:`livemigrate.emulator.rules.RULES`), e.g. ``{"proactivity": True}`` on a
    lenient server.
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
    ) -> None:
        if setup_fault not in _SETUP_FAULTS:
            raise ValueError(f"setup_fault must be one of {_SETUP_FAULTS}, not {setup_fault!r}")
        self.mode: Mode = mode
        self.setup_fault: SetupFault = setup_fault
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
            script=self.script,
            new_call_id=lambda: f"call-{next(call_ids)}",
            new_handle=lambda: f"handle-{next(handles)}",
            on_frame=self.received.append,
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

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Block until the server has finished with every connection so far (sync code only)."""
        for record in list(self.connections):
            record.wait_closed(timeout)

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
        log.warning("refused connection %d: %s", record.index, record.rejected)
        return connection.respond(status, reason + "\n")

    async def _handle(self, connection: ServerConnection) -> None:
        record = self._records.pop(id(connection))
        await EmulatedSession(connection, record, self._options).serve()
