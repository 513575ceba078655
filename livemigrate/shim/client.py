"""Putting the shim between a 2.5 program and the SDK: ``wrap``, ``install``, ``uninstall``.

``wrap(client)`` returns a proxy of one ``genai.Client`` (or ``client.aio``) whose
``aio.live.connect`` translates; everything else is the client's own attribute.
``install()`` patches ``AsyncLive.connect`` on the class, which reaches every client, those
created before and after; ``uninstall()`` puts back exactly the function that was there.

Bounds (defaults in the package docstring): ``setup_timeout`` limits the wait for
``setupComplete``, ``go_away_grace`` the silence after a ``goAway`` notice; both are options
of ``wrap``/``install`` and keywords of the shimmed ``connect``, where None turns them off.

When the connection opens: at ``async with``, as with the SDK, unless the setup depends on
the program. That is the case for 2.5 code on a target that needs declared history seeds
(3.1): ``history_config`` goes into the setup only if the program seeds history before its
first realtime input, so ``async with`` returns the session at once and the session opens
at its first call, where setup errors then raise (session.py, "Declaring the seed only when
there is one").
"""

from __future__ import annotations

import asyncio
import enum
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, Callable, TypeVar

from google.genai import live as genai_live

from livemigrate.migration import TargetProfile

from .diagnostics import CallSite, SetupTimeoutError, call_site, make_visible, report, undo_visible
from .frames import from_setup_failure, no_setup_complete
from .guard import bounded, guard_session
from .session import ShimSession
from .translate import Backend, TextMode, Translation, declare_history_seed, translate_config

__all__ = [
    "ShimOptions",
    "ShimConnect",
    "wrap",
    "install",
    "uninstall",
    "is_installed",
    "DEFAULT_SETUP_TIMEOUT",
    "DEFAULT_GO_AWAY_GRACE",
]

T = TypeVar("T")

# A real server answers setup within a second or two; 30 s covers slow networks and cold
# starts while still ending the reported 3.1 setup hang (facts §3.1) instead of waiting forever.
DEFAULT_SETUP_TIMEOUT = 30.0
# The server closes at goAway's timeLeft; a few seconds more covers a late close frame.
DEFAULT_GO_AWAY_GRACE = 5.0


class _Unset(enum.Enum):
    """A connect() keyword not given: the wrap()/install() option applies."""

    UNSET = "unset"


UNSET = _Unset.UNSET


@dataclass(frozen=True)
class ShimOptions:
    """How the shim adapts sessions; see :func:`wrap` for each field."""

    target: str | TargetProfile = "3.1"
    strict: bool = False
    split_parts: bool | None = None
    text_mode: TextMode = "emulate"
    pin_turn_coverage: bool = False
    declare_history: bool = True
    push_to_talk: bool | None = None
    setup_timeout: float | None = DEFAULT_SETUP_TIMEOUT
    go_away_grace: float | None = DEFAULT_GO_AWAY_GRACE


# --- connect ------------------------------------------------------------------------------

# The connect() in place before install(): what every shimmed connect finally calls, so the
# shim composes with other instrumentation and never translates twice.
_installed: dict[str, Any] = {}


def _sdk_connect(live: genai_live.AsyncLive) -> Callable[..., Any]:
    previous = _installed.get("previous")
    if previous is not None:
        return lambda **kw: previous(live, **kw)
    return live.connect


class ShimConnect:
    """What the shimmed ``connect(model=..., config=...)`` returns: ``async with`` it.

    Translation and warnings happen when ``connect()`` is called (so the warning points at
    that line, and strict mode raises before any network I/O); the WebSocket opens on enter,
    or at the session's first call when the setup depends on the program
    (``translation.history_declarable``; module docstring). ``translation`` is then updated
    to what the setup was sent with. ``setup_timeout`` and ``go_away_grace`` are the bounds
    this connection uses.

    Opening raises :class:`SetupTimeoutError` when ``setupComplete`` does not come within
    ``setup_timeout`` seconds, and :class:`LiveProtocolError` when the first frame is not a
    readable ``setupComplete`` (the connection is closed first).
    """

    def __init__(
        self,
        live: genai_live.AsyncLive,
        model: str,
        config: Any,
        options: ShimOptions,
        site: CallSite,
        *,
        setup_timeout: float | None | _Unset = UNSET,
        go_away_grace: float | None | _Unset = UNSET,
    ) -> None:
        backend: Backend = "vertex" if getattr(live._api_client, "vertexai", False) else "gemini"
        self.translation: Translation[Any] = translate_config(
            config,
            model=model,
            target=options.target,
            backend=backend,
            pin_turn_coverage=options.pin_turn_coverage,
            text_mode=options.text_mode,
            # strict mode raises instead of adapting, so it declares nothing either
            declare_history=options.declare_history and not options.strict,
            push_to_talk=options.push_to_talk,
        )
        report(self.translation.adaptations, site, strict=options.strict)
        self._undeclared = self.translation  # what a setup without a history seed sends
        self.setup_timeout = options.setup_timeout if setup_timeout is UNSET else setup_timeout
        self.go_away_grace = options.go_away_grace if go_away_grace is UNSET else go_away_grace
        self._live = live
        self._options = options
        self._site = site
        self._cm: Any = None
        self._session: ShimSession | None = None

    async def __aenter__(self) -> ShimSession:
        options = self._options
        if self.translation.history_declarable:
            # Whether the setup declares a history seed depends on the program's first calls.
            self._session = ShimSession(None, self.translation, strict=options.strict,
                                        split_parts=options.split_parts, opener=self._connect)
        else:
            raw, t = await self._connect(declare_history=False)
            self._session = ShimSession(raw, t, strict=options.strict, split_parts=options.split_parts)
        return self._session

    async def _connect(self, declare_history: bool) -> tuple[genai_live.AsyncSession, Translation[Any]]:
        """Open the SDK session, its setup declaring a history seed if asked."""
        t = declare_history_seed(self._undeclared) if declare_history else self._undeclared
        self.translation = t
        cm = _sdk_connect(self._live)(model=t.model, config=t.config)
        raw = await self._open(cm)
        guard_session(raw, go_away_grace=self.go_away_grace)
        self._cm = cm
        return raw, t

    async def _open(self, cm: Any) -> genai_live.AsyncSession:
        """Enter the SDK session, with a bad first frame raised as LiveProtocolError."""
        problem = None
        try:
            if self.setup_timeout is None:
                raw = await cm.__aenter__()  # any TimeoutError here is the SDK's or the socket's own
            else:
                raw = await self._enter_bounded(cm, self.setup_timeout)
        except Exception as exc:
            problem = from_setup_failure(exc)
            if problem is None:
                raise
        if problem is not None:
            raise problem  # outside ``except``: the SDK's error may quote the whole frame
        # A first frame that parsed but was not setupComplete (an error, an unknown message)
        # gives a session without one; the server's state is unknown, so do not go on.
        if getattr(raw, "setup_complete", True) is None:
            await cm.__aexit__(None, None, None)
            raise no_setup_complete()
        return raw  # type: ignore[no-any-return]

    async def _enter_bounded(self, cm: Any, timeout: float) -> Any:
        """Enter the SDK session within ``timeout`` s; only that deadline becomes
        :class:`SetupTimeoutError` (a TimeoutError raised inside, e.g. the socket's own
        ``open_timeout``, propagates unchanged)."""
        t = self.translation
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            return await bounded(cm.__aenter__(), timeout)
        except (TimeoutError, asyncio.TimeoutError):  # distinct classes on Python 3.10
            if loop.time() - started < timeout:
                raise
            raise SetupTimeoutError(
                f"{self._site}: no setupComplete from {t.model} within {timeout:g} s. A 3.x server "
                "may hang at setup on settings it does not support (LM003 proactivity, LM004 "
                "affective dialog); check the config the shim sent: session translation "
                f"{', '.join(t.rules) or 'none'} [setup_timeout]"
            ) from None

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        session = self._session
        if exc_type is None and session is not None:
            # held turn_complete=False text; a session not opened yet opens now (session.py)
            await session.flush_on_exit()
        elif session is not None:
            await session.settle()  # another task may be opening it: close what it opens
        if self._cm is None:
            return None  # never opened (or its opening failed): nothing to close
        return await self._cm.__aexit__(exc_type, exc, tb)


# --- wrap ---------------------------------------------------------------------------------


class _Proxy:
    """Forwards every attribute to the wrapped object; ``isinstance`` sees the wrapped type."""

    __slots__ = ("_wrapped", "_options")

    def __init__(self, wrapped: Any, options: ShimOptions) -> None:
        object.__setattr__(self, "_wrapped", wrapped)
        object.__setattr__(self, "_options", options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._wrapped, name, value)

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return type(self._wrapped)

    def __repr__(self) -> str:
        return f"<livemigrate shim of {self._wrapped!r}>"


class _ShimLive(_Proxy):
    __slots__ = ()

    def connect(
        self,
        *,
        model: str,
        config: Any = None,
        setup_timeout: float | None | _Unset = UNSET,
        go_away_grace: float | None | _Unset = UNSET,
    ) -> ShimConnect:
        """``AsyncLive.connect`` taking 2.5 arguments; see :class:`ShimConnect`.

        ``setup_timeout`` / ``go_away_grace`` override the :func:`wrap` options for this
        connection (None: no bound).
        """
        return ShimConnect(self._wrapped, model, config, self._options, call_site(),
                           setup_timeout=setup_timeout, go_away_grace=go_away_grace)


class _ShimAsyncClient(_Proxy):
    __slots__ = ()

    @property
    def live(self) -> _ShimLive:
        return _ShimLive(self._wrapped.live, self._options)

    async def __aenter__(self) -> _ShimAsyncClient:
        await self._wrapped.__aenter__()
        return self

    async def __aexit__(self, *args: Any) -> None:
        await self._wrapped.__aexit__(*args)


class _ShimClient(_Proxy):
    __slots__ = ()

    @property
    def aio(self) -> _ShimAsyncClient:
        return _ShimAsyncClient(self._wrapped.aio, self._options)

    def __enter__(self) -> _ShimClient:
        self._wrapped.__enter__()
        return self

    def __exit__(self, *args: Any) -> None:
        self._wrapped.__exit__(*args)


def wrap(
    client: T,
    *,
    target: str | TargetProfile = "3.1",
    strict: bool = False,
    split_parts: bool | None = None,
    text_mode: TextMode = "emulate",
    pin_turn_coverage: bool = False,
    declare_history: bool = True,
    push_to_talk: bool | None = None,
    setup_timeout: float | None = DEFAULT_SETUP_TIMEOUT,
    go_away_grace: float | None = DEFAULT_GO_AWAY_GRACE,
) -> T:
    """A view of ``client`` whose Live sessions accept 2.5 code and run on ``target``.

    Args:
      client: a ``genai.Client`` or its ``client.aio``; a wrapped client is re-wrapped
        with the new options, never wrapped twice.
      target: a target name (``"3.1"``, ``"3.8"``, ``"3.8-xt"``) or a ``TargetProfile`` from
        ``livemigrate.migration``.
      strict: raise :class:`LiveMigrateError` instead of adapting, naming every rule.
      split_parts: whether ``receive()`` yields one part or one field per message, as 2.5
        servers sent them (3.x servers pack several audio chunks, the transcript and
        ``turn_complete`` into one message, and a 2.5 loop reading ``model_turn.parts[0]``
        silently plays a third of the audio). None (default): split for a ``connect`` that
        names a 2.x model id (code written for 2.5; the id the program asked for, before the
        shim maps it to the target), warning once per receive loop with LM301 (several parts)
        or LM302 (several fields); messages stay whole for code that names a 3.x id, which
        reads them as they come. True / False: always / never, without a warning.
      text_mode: ``"emulate"`` runs a TEXT-modality config as AUDIO + transcription and
        returns the transcript as ``message.text`` (LM005/LM304); ``"keep"`` sends TEXT.
      pin_turn_coverage: pin 2.5's turn coverage when the config sets none (LM401).
      declare_history: on targets that need declared history seeds (3.1), declare one in
        the setup when the program seeds history before its first realtime input (LM102);
        such a session opens at its first call, not at ``async with`` (see
        ``session.py``). False: never declare, and open at ``async with``.
      push_to_talk: on targets that do not end a turn on ``audio_stream_end`` (3.8), end
        push-to-talk turns with activity signals, frame realtime text with them too, and
        disable automatic activity detection for them (LM606). None: on unless the config
        sets automatic activity detection (why: the package docstring, "Push-to-talk on
        3.8"); pass False for a program that relies on server-side voice activity detection.
      setup_timeout: seconds to wait for ``setupComplete`` before raising
        :class:`SetupTimeoutError` (3.x may hang instead of refusing a setting); None waits
        as long as the SDK does, i.e. forever.
      go_away_grace: seconds of silence past a ``goAway`` notice's ``timeLeft`` after which
        ``receive()`` raises :class:`GoAwayTimeoutError` instead of waiting for a close
        that may never come; None waits forever.

    Both can be overridden per connection: ``connect(model=..., setup_timeout=...)``.
    Whatever the options, a server frame google-genai cannot read raises
    :class:`LiveProtocolError`.

    On a target whose interactions end with ``interaction_status == IDLE`` (3.8 XT, where
    ``turn_complete`` ends one utterance), code naming a 2.x, 3.1 or 3.8 Live id gets
    ``server_content.turn_complete`` only on the message that ends the interaction, and its
    ``receive()`` ends there (LM604; package docstring, "turn_complete on 3.8 XT"). There is
    no option: without it such code stops one utterance early, e.g. before a tool's outcome.

    Returns:
      A proxy that passes ``isinstance(x, type(client))`` and forwards everything else.

    Python hides DeprecationWarning outside ``__main__`` by default, so ``wrap`` and
    :func:`install` add a ``default`` filter for :class:`LiveMigrateWarning` unless ``-W``,
    ``PYTHONWARNINGS`` or a filter covering it (``simplefilter("ignore")``, an ``error``
    filter for DeprecationWarning, pytest's ``filterwarnings``) is set: then the user's
    settings decide. :func:`uninstall` removes that filter.
    """
    options = ShimOptions(
        target=target,
        strict=strict,
        split_parts=split_parts,
        text_mode=text_mode,
        pin_turn_coverage=pin_turn_coverage,
        declare_history=declare_history,
        push_to_talk=push_to_talk,
        setup_timeout=setup_timeout,
        go_away_grace=go_away_grace,
    )
    make_visible()
    inner = object.__getattribute__(client, "_wrapped") if isinstance(client, _Proxy) else client
    if hasattr(type(inner), "aio"):
        return _ShimClient(inner, options)  # type: ignore[return-value]
    if hasattr(type(inner), "live"):
        return _ShimAsyncClient(inner, options)  # type: ignore[return-value]
    raise TypeError(f"shim.wrap expects a google.genai Client or AsyncClient, got {type(inner).__name__}")


# --- install ------------------------------------------------------------------------------


def _installed_connect(
    self: genai_live.AsyncLive,
    *,
    model: str,
    config: Any = None,
    setup_timeout: float | None | _Unset = UNSET,
    go_away_grace: float | None | _Unset = UNSET,
) -> ShimConnect:
    """``AsyncLive.connect`` while the shim is installed (keywords as for :func:`wrap`'s connect)."""
    return ShimConnect(self, model, config, _installed["options"], call_site(),
                       setup_timeout=setup_timeout, go_away_grace=go_away_grace)


def install(**options: Any) -> None:
    """Shim every ``client.aio.live.connect`` in the process (clients old and new).

    Takes the keyword options of :func:`wrap`. Calling it again only replaces the options.
    """
    opts = replace(ShimOptions(), **options)
    make_visible()
    _installed["options"] = opts
    if "previous" not in _installed:
        _installed["previous"] = genai_live.AsyncLive.__dict__["connect"]
        genai_live.AsyncLive.connect = _installed_connect  # type: ignore[method-assign,assignment]


def uninstall() -> None:
    """Undo :func:`install` exactly (its warning filter too); a no-op when not installed."""
    undo_visible()
    previous = _installed.pop("previous", None)
    _installed.pop("options", None)
    if previous is not None:
        genai_live.AsyncLive.connect = previous  # type: ignore[method-assign]


def is_installed() -> bool:
    """Whether :func:`install` is in effect."""
    return "previous" in _installed
