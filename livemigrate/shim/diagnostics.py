"""How the shim tells the user what it adapted: one warning per adaptation per call site.

Each adaptation names its rule id (``rules.md``) and the call the user should write instead.
The warning points at the user's line (the first frame outside this package), so
``python -W error::livemigrate.shim.LiveMigrateWarning`` or pytest's warning capture show the
code to change, and a call site inside a loop warns once, not once per iteration.
"""

from __future__ import annotations

import os
import sys
import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from types import FrameType
from typing import Any

__all__ = [
    "Adaptation",
    "CallSite",
    "LiveMigrateWarning",
    "LiveMigrateError",
    "SetupTimeoutError",
    "GoAwayTimeoutError",
    "LiveProtocolError",
    "call_site",
    "make_visible",
    "undo_visible",
    "report",
    "reset_warning_registry",
]


class LiveMigrateWarning(DeprecationWarning):
    """A 2.5 construct the shim adapted for the target model; the message names the rule id."""


class LiveMigrateError(RuntimeError):
    """Raised instead of adapting when the shim runs with ``strict=True``.

    ``adaptations`` lists every finding at the call site (rule id and message).
    """

    def __init__(self, message: str, adaptations: tuple[Adaptation, ...] = ()) -> None:
        super().__init__(message)
        self.adaptations = adaptations


class SetupTimeoutError(LiveMigrateError, TimeoutError):
    """The server sent no ``setupComplete`` within the shim's ``setup_timeout``."""


class GoAwayTimeoutError(LiveMigrateError, TimeoutError):
    """The server announced ``goAway`` and then went silent without closing.

    Raised by ``receive()`` once nothing has arrived for ``go_away_grace`` seconds past
    the announced ``timeLeft`` (measured from the notice, or from the last frame if the
    server kept talking). The session is over: open a new one (resuming it, if you keep a
    session resumption handle).
    """


class LiveProtocolError(LiveMigrateError):
    """The server sent a frame google-genai cannot read, raised instead of whatever the SDK
    would have let escape (``TypeError``, a ``ValueError`` quoting the whole frame,
    ``RecursionError``, a 1006 "abnormal closure" ``APIError``).

    ``kind`` says what was wrong; the message says it in a sentence of at most
    :attr:`MAX_MESSAGE` characters, quoting at most the start of the frame:

    * ``"not-json"``: not JSON (text or binary frame);
    * ``"not-object"``: JSON, but a string, number, array, ... instead of an object;
    * ``"too-deep"``: nested deeper than Python's JSON parser can go;
    * ``"too-large"``: larger than the client's ``max_size`` (websockets' default is 1 MiB;
      raise it with ``http_options={"async_client_args": {"max_size": ...}}``);
    * ``"invalid-frame"``: the client's WebSocket library refused the frame (close 1002/1007);
    * ``"error"``: an ``{"error": {...}}`` frame (its code, status and message are quoted);
    * ``"unknown-fields"``: an object without any field google-genai reads;
    * ``"invalid-field"``: a field google-genai reads holds the wrong type;
    * ``"no-setup-complete"``: the first frame was not ``setupComplete`` (google-genai drops
      such a frame unread, so its content is unknown).

    Raised by ``connect()`` (the shim then closes the connection) or by ``receive()``, where
    the session stays open: the next ``receive()`` reads the next frame. A frame larger than
    ``max_size`` is the exception: the client has closed the connection by then.
    """

    MAX_MESSAGE = 240

    def __init__(self, kind: str, message: str) -> None:
        if len(message) > self.MAX_MESSAGE:
            message = message[: self.MAX_MESSAGE - 1] + "…"
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Adaptation:
    """One change the shim made (or would make) to a 2.5 construct.

    ``notify`` is False for changes that only prepare the session (declaring a history seed
    the program may never send) or that the caller asked for by option (turn-coverage
    pinning): they are recorded in :class:`~livemigrate.shim.Translation` but not warned.
    """

    rule: str
    message: str
    notify: bool = True
    kind: str = "adapted"
    """What happened to the construct: ``"adapted"``, or e.g. ``"unadapted"`` (sent as written,
    the server may refuse it) or ``"held"``. Warnings are de-duplicated per kind, so a more
    serious outcome at a line already warned about is still shown."""

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


@dataclass(frozen=True)
class CallSite:
    """The user's line that called into the shim."""

    filename: str
    lineno: int
    module: str
    module_globals: dict[str, Any] | None

    def __str__(self) -> str:
        return f"{self.filename}:{self.lineno}"


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
# asyncio/contextlib frames sit between user code and the shim when a coroutine or context
# manager is driven by the event loop; they are never what the user wants to change.
_SKIPPED_DIRS = (_PACKAGE_DIR,)
_SKIPPED_FILES = (os.sep + "contextlib.py",)
_UNKNOWN = CallSite("<unknown>", 0, "<unknown>", None)


def call_site(frame: FrameType | None = None) -> CallSite:
    """The first frame outside ``livemigrate.shim`` (and contextlib) from ``frame`` up."""
    f: FrameType | None = frame if frame is not None else sys._getframe(1)
    while f is not None:
        filename = f.f_code.co_filename
        if not filename.startswith(_SKIPPED_DIRS) and not filename.endswith(_SKIPPED_FILES):
            g = f.f_globals
            return CallSite(filename, f.f_lineno, g.get("__name__", "<unknown>"), g)
        f = f.f_back
    # A coroutine run as a bare task has no user frame above it; warn once for all of them.
    return _UNKNOWN


# (filename, lineno, rule, kinds) already reported. Process-wide on purpose: a program that
# wraps a client per connection must still see each line once, like warnings' "default"
# action. The adaptation kinds are part of the key so a different outcome of the same rule
# at the same line (a helper called with text, then with model turns that cannot be
# adapted) is still shown.
_seen: set[tuple[str, int, str, tuple[str, ...]]] = set()
_seen_lock = threading.Lock()
# The registry warnings.warn_explicit records shown warnings in ("default"/"module" actions).
_registry: dict[Any, Any] = {}


def reset_warning_registry() -> None:
    """Forget which call sites were warned about (for tests and long-running reloads)."""
    with _seen_lock:
        _seen.clear()
        _registry.clear()


def _first_time(site: CallSite, rule: str, kinds: tuple[str, ...]) -> bool:
    key = (site.filename, site.lineno, rule, kinds)
    with _seen_lock:
        if key in _seen:
            return False
        _seen.add(key)
        return True


# Python's own filters (no -W, no dev mode), in order, at the end of ``warnings.filters``.
_PYTHON_DEFAULT_FILTERS: tuple[tuple[Any, ...], ...] = (
    ("default", None, DeprecationWarning, "__main__", 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
)
# The filter make_visible() inserted, if any, so undo_visible() removes exactly that entry.
_added_filter: list[tuple[Any, ...]] = []


def _plain_filter(f: tuple[Any, ...]) -> tuple[Any, ...]:
    """A filter with its module regex as a plain string (Python's own defaults use strings)."""
    action, message, category, module, lineno = f
    if module is not None and hasattr(module, "pattern"):
        module = module.pattern.removesuffix("\\Z")
    return (action, message, category, module, lineno)


def _user_filters() -> list[tuple[Any, ...]]:
    """``warnings.filters`` without the unchanged run of Python's default filters at its end.

    Matched in order: ``filterwarnings`` moves an identical existing entry to the front, so a
    user's ``filterwarnings("ignore", category=DeprecationWarning)`` breaks the run and counts.
    """
    filters = [_plain_filter(f) for f in warnings.filters]
    defaults = list(_PYTHON_DEFAULT_FILTERS)
    while filters and defaults and filters[-1] == defaults[-1]:
        filters.pop()
        defaults.pop()
    return filters


def _configured_for_us() -> bool:
    """Whether a filter the user (or a tool such as pytest) set applies to our category."""
    return any(
        isinstance(f[2], type) and issubclass(LiveMigrateWarning, f[2]) for f in _user_filters()
    )


def _notify_filters_changed() -> None:
    mutated = getattr(warnings, "_filters_mutated", None) or getattr(
        warnings, "_filters_mutated_lock_held", None
    )
    if mutated is not None:
        mutated()


def make_visible() -> None:
    """Show shim warnings outside ``__main__`` too, unless the user configured warnings.

    Python ignores DeprecationWarning raised from library modules by default, which would hide
    every shim warning in a real application. So we add one ``default`` filter for our
    category only, and only when nothing but Python's defaults would decide about it: no
    ``-W``/``PYTHONWARNINGS`` option and no filter (``simplefilter("ignore")``,
    ``filterwarnings("error", category=DeprecationWarning)``, pytest's ``filterwarnings``)
    whose category covers :class:`LiveMigrateWarning`. :func:`undo_visible` removes it.
    """
    if sys.warnoptions or _configured_for_us():
        return
    warnings.filterwarnings("default", category=LiveMigrateWarning)
    _added_filter[:] = [tuple(warnings.filters[0])]


def undo_visible() -> None:
    """Remove the filter :func:`make_visible` added, if it is still in place."""
    if not _added_filter:
        return
    added = _added_filter.pop()
    for i, f in enumerate(warnings.filters):
        if tuple(f) == added:
            del warnings.filters[i]
            _notify_filters_changed()
            break


def report(adaptations: Iterable[Adaptation], site: CallSite, *, strict: bool) -> None:
    """Warn once per rule and adaptation kind at ``site``, or raise :class:`LiveMigrateError` when ``strict``.

    In strict mode nothing has been sent yet when this raises: callers report before they
    act, so the session state is unchanged.
    """
    found = tuple(a for a in adaptations if a.notify)
    if not found:
        return
    if strict:
        lines = "\n".join(f"  {a}" for a in found)
        raise LiveMigrateError(
            f"{site}: livemigrate shim (strict) refuses to adapt 2.5 code:\n{lines}", found
        )
    merged: dict[str, list[Adaptation]] = {}
    for a in found:
        merged.setdefault(a.rule, []).append(a)
    for rule, group in merged.items():
        kinds = tuple(sorted({a.kind for a in group}))
        if not _first_time(site, rule, kinds):
            continue
        text = f"{rule}: " + " | ".join(dict.fromkeys(a.message for a in group))
        warnings.warn_explicit(
            text,
            LiveMigrateWarning,
            site.filename,
            site.lineno,
            module=site.module,
            # Our own registry, not the module's __warningregistry__: Python's "default"
            # action records the line there, and reset_warning_registry() must undo that.
            registry=_registry,
            module_globals=site.module_globals,
        )
