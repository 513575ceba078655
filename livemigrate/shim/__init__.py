"""Run unmodified 2.5 Live API code on a 3.x Live model, warning once per call site.

    from google import genai
    from livemigrate import shim

    client = shim.wrap(genai.Client())          # or shim.install() for every client
    async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                       config=config_written_for_2_5) as session:
        ...                                     # 2.5 calls, adapted; warnings name LMxxx

Never a hang, never a raw error
-------------------------------
A shimmed session bounds every wait on the server and reports every frame it cannot read
as one exception, whatever the SDK would have done:

* ``connect`` waits at most ``setup_timeout`` (default :data:`DEFAULT_SETUP_TIMEOUT`, 30 s)
  for ``setupComplete``, then raises :class:`SetupTimeoutError` (a ``TimeoutError``); 3.x
  servers have been seen to hang at setup instead of refusing a setting. The SDK has no
  bound of its own. Closing the half-open connection afterwards can add websockets'
  ``close_timeout`` (10 s) for a server that does not answer at all.
* after a ``goAway`` notice, ``receive()`` waits at most ``go_away_grace`` (default
  :data:`DEFAULT_GO_AWAY_GRACE`, 5 s) past the announced ``timeLeft`` (or past the last
  frame, while the server keeps talking), then raises :class:`GoAwayTimeoutError` (a
  ``TimeoutError``) instead of waiting for a close that never comes.
* a frame that is not JSON, is JSON but not an object, is nested too deeply, is larger than
  the client's ``max_size``, is an ``{"error": ...}`` frame, carries no field the SDK reads
  or a field of the wrong type raises :class:`LiveProtocolError` (its ``kind`` says which;
  its message, at most 240 characters, quotes only the start of the frame). The SDK would
  raise ``TypeError``, a ``ValueError`` quoting the whole frame, ``RecursionError``, a
  pydantic ``ValidationError`` or a misleading 1006 ``APIError``. From ``connect`` the
  connection is closed; from ``receive()`` the session stays usable.

Both bounds are options of :func:`wrap` / :func:`install` and keywords of the shimmed
``connect(model=..., config=..., setup_timeout=..., go_away_grace=...)``; None disables one.

Nothing the program did not ask for
-----------------------------------
On a target that takes client content before realtime input only as a declared history
seed (3.1), the shim declares ``history_config`` only for a program that seeds history, and
never sends an empty seed-closing frame; since the setup must then wait for the program's
first calls, such a session (2.5 code) opens at its first send or receive, where setup
errors raise with the same types (``session`` module docstring). On 3.8 and 3.8 XT client
content needs no declaration: nothing is declared, and sessions open at ``async with``.

Modules: ``translate`` (config and model id, a pure function), ``session`` (the session
adapter), ``messages`` (receive-side reshaping), ``inputs`` (reading what is sent),
``diagnostics`` (warnings and errors), ``frames`` (judging server frames), ``guard``
(checking a session's frames, the GoAway deadline), ``client`` (wrap/install).
"""

from .client import (
    DEFAULT_GO_AWAY_GRACE,
    DEFAULT_SETUP_TIMEOUT,
    ShimConnect,
    ShimOptions,
    install,
    is_installed,
    uninstall,
    wrap,
)
from .diagnostics import (
    Adaptation,
    GoAwayTimeoutError,
    LiveMigrateError,
    LiveMigrateWarning,
    LiveProtocolError,
    SetupTimeoutError,
    reset_warning_registry,
)
from .messages import TextEmulatedMessage, split_message
from .session import ShimSession
from .translate import Translation, declare_history_seed, translate_config

__all__ = [
    "wrap",
    "install",
    "uninstall",
    "is_installed",
    "translate_config",
    "declare_history_seed",
    "Translation",
    "Adaptation",
    "ShimOptions",
    "ShimConnect",
    "ShimSession",
    "TextEmulatedMessage",
    "split_message",
    "LiveMigrateWarning",
    "LiveMigrateError",
    "SetupTimeoutError",
    "GoAwayTimeoutError",
    "LiveProtocolError",
    "DEFAULT_SETUP_TIMEOUT",
    "DEFAULT_GO_AWAY_GRACE",
    "reset_warning_registry",
]
