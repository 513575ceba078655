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

Push-to-talk on 3.8 (``push_to_talk``, on by default)
----------------------------------------------------
3.8 does not end a turn on ``audio_stream_end`` (3.1 and 2.5 did): 2.5 push-to-talk code
(audio while a key is down, then ``audio_stream_end``) never gets a reply there (live-3.8
facts §6). The fix the facts give is activity signals, which the API takes only with
automatic activity detection disabled, a setup field sent before the program's first call.
So on a target without the stream end as a turn end, :func:`wrap` / :func:`install`
disable detection unless the config sets ``automatic_activity_detection`` itself, and the
session brackets each push-to-talk turn, and each realtime text, with
``activity_start``/``activity_end`` (LM606). On by default because it is the one 2.5 turn
ending that 3.8 changed: without it every push-to-talk turn hangs silently, and the shim
exists to run 2.5 code unchanged. The cost falls on the other 2.5 pattern, a microphone
streamed continuously for the server's voice activity detection with no
``audio_stream_end``: with detection off its speech never ends a turn. The facts do not say
which pattern a program uses (both are valid on 3.8), and the setup cannot wait to find out;
such a program passes ``push_to_talk=False`` (or sets ``automatic_activity_detection`` in its
config), which keeps detection on and sends everything as written.

Messages as the code expects them (``split_parts``, turn_complete on 3.8 XT)
-------------------------------------------------------------------------
3.x servers pack several audio chunks, the transcript and ``turn_complete`` into one
message; 2.5 servers sent one part per message, and 2.5 loops read ``model_turn.parts[0]``:
on 3.x they play a third of the audio, silently. So ``split_parts`` is "auto" by default
(None): a session whose ``connect`` names a 2.x model id (code written for 2.5; the shim
reads the id before it maps it to the target) gets one part or one field per message, with
an LM301 (parts) or LM302 (fields) warning once per receive loop; code that names a 3.x id
reads messages whole, as it was written to. ``split_parts=True`` / ``False`` (CLI
``--split-parts`` / ``--no-split-parts``) forces it either way, without a warning.

turn_complete on 3.8 XT: XT sends ``turn_complete`` after each utterance, with
``interaction_status: IN_PROGRESS`` while it still works (a tool call, reasoning), and ends
the interaction with ``IDLE`` (live-3.8 facts §2). A 2.5 / 3.1 / 3.8 Live loop that stops at
``turn_complete`` would stop one utterance early. On a target whose profile ends interactions
on IDLE (``TargetProfile.interaction_end``), such code gets ``turn_complete`` only on the
message that ends the interaction: cleared where the status is ``IN_PROGRESS`` (every other
field kept, ``interaction_status`` too, for 3.8-aware code), set where ``IDLE`` comes without
it; each ``receive()`` ends there (LM604). Several server reactions are CONFLICTING or open
(§6), so each is read the way that works whichever is true and never hangs a loop:
``REQUIRES_ACTION`` and any status other than ``IN_PROGRESS`` (one report saw
``WAITING_FOR_INPUT``) end the interaction; a repeated ``IDLE`` is not a second end; a
``turn_complete`` without a status keeps its meaning, as in google-genai's own ``receive()``
(``messages.TurnCompleteAtIdle``). Code that names the XT id itself gets messages as sent.
google-genai below 2.18 drops ``interactionStatus`` while parsing: there nothing changes.

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
from .messages import TextEmulatedMessage, TurnCompleteAtIdle, split_message
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
    "TurnCompleteAtIdle",
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
