"""An offline Live API server for tests: ``gemini-3.1-flash-live-preview``, or 3.8 by mode.

The unmodified google-genai SDK connects to it over TLS on 127.0.0.1::

    from google import genai
    from livemigrate.emulator import LiveEmulator

    async with LiveEmulator(mode="strict") as emu:
        client = genai.Client(api_key="test", http_options=emu.http_options)
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            await s.send_realtime_input(text="hello")
            async for message in s.receive():
                ...  # 3 audio chunks, transcript, turnComplete: "You said: hello"
        await emu.wait_idle_async()  # the server has handled every frame sent so far
        emu.received       # every client frame (parsed JSON), setup included
        emu.connections    # per connection: path, headers, frames, sent, violations, close code

Read ``received``/``connections``/``violations`` only after ``emu.wait_idle()`` (sync code,
emulator on its own thread) or ``await emu.wait_idle_async()``: a client's send, and even
its close, returns before the server has handled the frame (:mod:`.idle`). Never sleep.

Synchronous code uses ``with LiveEmulator() as emu:`` (a thread with its own loop); pytest
gets the ``live_emulator`` fixture (:mod:`.pytest_plugin`); a shell gets
``livemigrate emulator`` (:mod:`.cli`). The scripted model is described in :mod:`.script`.

Endpoint: any path ending in ``/ws/google.ai.generativelanguage.{v1,v1beta,v1alpha}
.GenerativeService.BidiGenerateContent`` (runs of ``/`` count as one, a prefix is allowed),
with an API key (``x-goog-api-key`` or ``?key=``); ``...Constrained`` needs
``Authorization: Token auth_tokens/...``. Anything else is refused at the handshake (HTTP 404
or 401, which the SDK raises as ``websockets.exceptions.InvalidStatus``). Both key spellings
(``clientContent``/``client_content``, ``turnComplete``/``turn_complete``, ...) are read
everywhere; the server writes camelCase and never a top-level key the SDK does not know.

Modes
-----
Both modes close with 1007 on frames no server accepts: invalid JSON, a first frame that is
not ``setup``, a second ``setup``, unknown top-level keys; and with 1008 on a model other
than ``gemini-3.1-flash-live-preview`` (with or without ``models/``), e.g. a 2.5 id.

``strict`` (default) is the launch-era 3.1 server (March-April 2026, facts §3.1/§3.2).
It closes with 1007 (reason names the problem and the rule id, e.g.
``"thinkingBudget is not supported ...; use thinkingLevel [thinking-budget]"``) on:

* setup: an unknown setup field; ``enableAffectiveDialog`` or ``proactivity`` (present at
  all) — or, with ``setup_fault="hang"``, never sends ``setupComplete`` (Patter PR #210);
  ``thinkingBudget``; a ``thinkingLevel`` outside minimal/low/medium/high; ``TEXT`` in
  ``responseModalities``; ``behavior: NON_BLOCKING`` on a function declaration;
* ``realtimeInput.mediaChunks``;
* ``clientContent`` without ``historyConfig.initial_history_in_client_content``, or after
  the initial history / after realtime input started; realtime input while the declared
  history is open (its last frame lacked ``turnComplete: true``); ``functionCall`` /
  ``functionResponse`` parts in that history (``fileData``: 1008);
* a function response with ``scheduling`` or ``willContinue``, without ``id``, or with an
  id no function call of the session had.

``lenient`` follows the newest stored docs: ``clientContent`` is a conversation turn for the
whole session (``turnComplete: true`` makes the model answer and interrupts a reply; a
declared initial history is still consumed silently), and everything strict refuses above
whose server reaction is UNCONFIRMED is accepted and ignored (recorded in
``connection.ignored``): ``thinkingBudget`` and unknown levels, ``NON_BLOCKING``,
``scheduling``/``willContinue``, TEXT modality (the reply stays audio), ``mediaChunks`` (audio
chunks count as audio), unknown setup fields and function response ids, proactivity and
affective dialog (documented as unsupported; whether 3.1 always hangs or errors is
UNCONFIRMED). ``LiveEmulator(enforce={"rule-id": bool})`` switches single rules in either
mode (ids in :data:`livemigrate.emulator.rules.RULES`).

``3.8`` and ``3.8-xt`` are strict ``gemini-3.8-live`` and ``gemini-3.8-live-extended-thinking``
servers (live-3.8-facts.md; ``model-not-served`` names their id). Where reports on the 3.8
server CONFLICT (§6), these modes take the reading that works in every case, i.e. they refuse
what any report says is refused, so a client that passes them passes every reading:

* both: 1007 on ``proactivity``, ``enableAffectiveDialog``, TEXT modality, ``mediaChunks``,
  unknown setup fields, an open declared seed before realtime input, and
  ``activityStart``/``activityEnd`` unless ``automaticActivityDetection.disabled`` (API
  reference). ``clientContent`` is a conversation turn for the whole session, declared or
  not (a declared seed is still consumed silently, the SDK's ``HistoryConfig`` contract).
  ``audioStreamEnd`` ends no turn (3P: 3.8 ignores it), so push-to-talk needs activity
  signals. With detection disabled, realtime input counts only inside an activity
  (``input-outside-activity``): the API reference says "the client must send activity
  signals" then, so audio or text outside ``activityStart``..``activityEnd`` gets no reply
  (recorded in ``violations``; the connection stays open), and text inside one is part of
  that turn, answered at ``activityEnd``. The real server's reaction to such input is
  UNCONFIRMED; a client that frames its input works whether it answers, ignores or refuses
  it, and as §6 reports no 1007 for it, none is sent here. A function call is non-blocking
  unless declared ``BLOCKING``: the utterance ends with ``turnComplete`` after the
  ``toolCall`` and the rest of the scripted turn follows the response. ``turnComplete``
  carries ``interactionStatus``.
* ``3.8``: 1007 on any ``thinkingConfig`` (a level is live-verified; a budget CONFLICTING);
  ``interactionStatus: IDLE`` on every ``turnComplete`` (its turn_complete is the idle signal).
* ``3.8-xt``: 1007 unless ``thinkingLevel`` is low/medium/high (``minimal`` CONFLICTING,
  omission refused), on a declaration that is not ``NON_BLOCKING`` (BLOCKING live-verified;
  a missing behavior: the docs' "must declare"), on response ``scheduling``/``willContinue``
  (CONFLICTING); a status-only ``IN_PROGRESS`` frame opens each reply, ``turnComplete``
  carries ``IN_PROGRESS`` while a call is unanswered and ``IDLE`` at the end.

UNCONFIRMED facts the strict rules encode (a real server may differ; facts §10): the 3.1
reaction to ``thinkingBudget``, to levels other than the four documented, to
``NON_BLOCKING``/``scheduling``/``willContinue``, to TEXT modality and ``mediaChunks``; the
close codes chosen for unknown function response ids. THIRD-PARTY (reproduced by public
projects, not documented): the 1007 on ``clientContent`` mid-session or undeclared, the
history seed rules, the setup hang. The current server's rule on mid-session
``clientContent`` is CONFLICTING: hence the two modes.

Misbehaving on purpose
----------------------
For testing how a client copes with a broken server: ``LiveEmulator(setup_reply="silent")``
never answers setup (nor closes); ``setup_reply=Raw(data)`` sends that frame instead of
``setupComplete``; a script step ``{"raw": "text"}`` / ``{"raw": b"bytes"}`` sends any
frame mid-session, unchecked (non-JSON, a JSON number, ``{"error": ...}``, 20 MB, ...);
``[{"go_away": "1s"}, {"turn_complete": False}]`` announces the end and then says nothing.

Not emulated: automatic voice activity detection (audio is a turn at ``audioStreamEnd`` or
``activityEnd``; realtime text is a turn at once while detection is on), Vertex AI
endpoints, session resumption state (handles are accepted, a ``resumption_update`` step
announces new ones), context window compression, time limits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["LiveEmulator", "ConnectionRecord", "Script", "ScriptError", "Raw", "RULES", "speech_chunks"]

if TYPE_CHECKING:
    from .audio import speech_chunks
    from .rules import RULES
    from .script import Raw, Script, ScriptError
    from .server import LiveEmulator
    from .session import ConnectionRecord

# Imported on first use: pytest loads this package (for the plugin) in every run, and the
# server pulls in websockets, which only the runtime extra installs.
_LAZY = {
    "LiveEmulator": "server",
    "ConnectionRecord": "session",
    "Script": "script",
    "ScriptError": "script",
    "Raw": "script",
    "RULES": "rules",
    "speech_chunks": "audio",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
