"""How each Live session of a module is used: whether it streams video, whether it runs long.

Session-level findings (turn coverage, session length) are reported where the session opens:
the ``connect`` call of an SDK session, or the ``"setup"`` key of a raw client's first frame.
This module gathers, per session, the facts those rules weigh:

- **video**: ``send_realtime_input(video=...)``; an image blob sent through the deprecated
  ``media=`` / ``send(input=...)`` / ``mediaChunks`` paths (``image/*`` MIME type, a PIL
  image); ``start_stream(mime_type="image/...")``; raw ``realtimeInput.video``. Real programs
  often queue frames and audio together and send whatever comes out of the queue: an image
  blob built in the module (``{"mime_type": "image/jpeg", "data": ...}``, not a ``Part``'s
  ``inline_data``), or in a module of the run it imports (a camera helper), makes such a send
  of unknown kind a video send (``send(input=msg)``, also with ``end_of_turn=False``; one that
  ends the turn sends text).
- **loops that keep it open**: a receive loop (``async for m in session.receive()``, which ends
  after each turn) inside a ``while`` loop, input sent in a ``while`` or ``async for`` loop
  (microphone or camera streaming, a chat prompt) unless the session's replies are read one
  turn only, ``start_stream``; not a stream over a source that ends by itself (a list, a
  generator reading a file to its end: see ``_finite``); a ``start_stream`` whose messages are
  read up to the first turn end only is one turn; for raw clients, realtime frames built in
  such a loop, or a loop reading server messages (itself or through a local function it hands
  them to) that never breaks out but on a flag of the program's (``if not self._running: break``). A ``while`` around the connect call itself
  reconnects, it does not keep one session open; so does one around a call of the function
  that opens the session (a retry). A one-shot script (one prompt, streamed or
  not, one turn of replies, exit) has none.

A send or loop whose session the module cannot trace goes to the module's only session, and
nowhere when there are several.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

import libcst as cst

from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.blocks import names_bound, names_read
from livemigrate.analysis.config_tree import config_hidden_calls, walk_config
from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.media import MIME_KEYS, guarded_kind, mime_choices, mime_of
from livemigrate.analysis.syntax import bool_terms, descendants, exit_statement
from livemigrate.migration import CLIENT_SOCKET_NAMES, SOCKET_ITERATORS

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import LiveConfig, LiveConnect, LiveModel, ModelInfo
    from livemigrate.analysis.config_tree import ConfigEntry

__all__ = ["AdkLiveSession", "HeldSession", "LiveSession", "adk_sessions", "held_sessions", "livekit_video_sessions",
           "live_sessions", "reads_session_end", "is_live_module",
           "is_other_model", "SESSION_END_FIELDS"]

# Server messages that say the session is ending or can be resumed: code that reads them
# manages the session's length (live-api-facts.md §2.10).
SESSION_END_FIELDS = frozenset({"go_away", "goAway", "session_resumption_update", "sessionResumptionUpdate"})
_SERVER_CONTENT = frozenset({"serverContent", "server_content"})
_TURN_COMPLETE = frozenset({"turnComplete", "turn_complete"})
# ... and the end of the setup handshake, which a loop reading one message at a time may wait for
_TURN_ENDS = _TURN_COMPLETE | {"setup_complete", "setupComplete"}
# What a hand-written read raises when the turn's stream ends, or goes quiet
_STREAM_ENDS = frozenset({"StopAsyncIteration", "TimeoutError"})
# Calls whose result ends when what they wrap ends.
_WRAPPERS = frozenset({"iter", "list", "tuple", "reversed", "sorted", "enumerate"})
# Modules whose ``open`` opens a file; constructors of in-memory or sound-file buffers.
_FILE_MODULES = frozenset({"wave", "aiofiles", "io", "codecs", "gzip", "bz2", "soundfile", "sf", "aifc", "sunau"})
_BUFFERS = frozenset({"BytesIO", "SoundFile"})


@dataclass(eq=False)
class LiveSession:
    """One Live session of the module: an SDK connect or a raw client's setup frame."""

    anchor: cst.CSTNode  # where a session-level finding points: the connect call or the "setup" key
    connect: "LiveConnect | None"  # None for a raw client
    config: "LiveConfig | None"
    video: list[cst.CSTNode] = field(default_factory=list)  # sends that carry video
    # "file.py:line" of the first video another module sends on it (ModuleFacts.video_elsewhere)
    video_elsewhere: str | None = None
    loops: list[tuple[cst.CSTNode, str]] = field(default_factory=list)  # what keeps it open, and why
    legacy_only: bool = False  # opened only for 2.x models
    # what hides the config's own level (config_hidden_calls), worked out once: ([],) none
    _hidden: tuple[list[cst.Call] | None] | None = field(default=None, init=False, repr=False)

    @property
    def raw(self) -> bool:
        return self.connect is None

    @property
    def model(self) -> "ModelInfo":
        """What the module knows of the model the session runs."""
        from livemigrate.analysis.live_model import ModelInfo

        if self.connect is not None:
            return self.connect.model
        return self.config.model if self.config is not None else ModelInfo.unknown()

    def config_known(self, live: "LiveModel") -> bool:
        """Whether the module shows the whole config: none at all, or one it can read whole.
        A config imported from elsewhere, a parameter no call site fills, one built on data
        the module cannot see (the browser's setup, ``json.loads(msg)["setup"]``, plus a field
        set here) or spreading such data at its top level is not known: a field it does not
        show may be set. A spread nested in one field hides that field's fields only."""
        if self.config is None:
            return self.connect is None or self.connect.config_expr is None or (
                isinstance(self.connect.config_expr, cst.Name) and self.connect.config_expr.value == "None")
        if not live.entries_of(self.config) and live.container_of(self.config) is None:
            return False
        return self._hidden_calls(live) == []

    def config_from_callers(self, live: "LiveModel") -> bool:
        """Other modules' calls pass the session its config (``ModuleFacts.filled_configs``): a
        session they keep open is reported where they pass it (:func:`held_sessions`)."""
        if self.config is None:
            return False
        for source in self._hidden_calls(live) or ():
            if type(source) is cst.Name:
                scope, _ = live.bindings.resolve_name(source.value, source)
                if type(scope) is cst.FunctionDef and live.bindings.filled_elsewhere(scope, source.value) is not None:
                    return True
        return False

    def _hidden_calls(self, live: "LiveModel") -> list[cst.Call | cst.Name | cst.Attribute] | None:
        if self._hidden is None:
            assert self.config is not None
            self._hidden = (config_hidden_calls(self.config.root, live.bindings, live.imports, self.config.prefix),)
        return self._hidden[0]

    def known_unset(self, live: "LiveModel", fields: frozenset[str]) -> bool:
        """The config sets none of ``fields`` (top-level snake-case names) where this module
        cannot see: it is known (:meth:`config_known`), or what hides part of it is calls of
        another module's config builders, or its config constants (``ModuleFacts.config_builders``),
        whose module names none of ``fields`` (``config = build_live_config(...)`` from a config
        module that never says ``turn_coverage``; ``config=cfg.GEMINI_CONFIG``). The fields the module shows are the caller's to read."""
        if self.config_known(live):
            return True
        if self.config is None:
            return False
        return _hidden_only_by_builders(live, self._hidden_calls(live), fields)


def _hidden_only_by_builders(live: "LiveModel", hidden: list[cst.Call | cst.Name | cst.Attribute] | None,
                             fields: frozenset[str]) -> bool:
    """What hides a config's own level is only calls of another module's config builders, or
    its config constants, whose module names none of ``fields``."""
    builders = dict(live.facts.config_builders) if live.facts is not None else {}

    def named(source: cst.Call | cst.Name | cst.Attribute) -> set[str] | None:
        if type(source) is cst.Name:
            # a parameter other modules fill (its default is walked already): what they pass
            scope, _ = live.bindings.resolve_name(source.value, source)
            if type(scope) is cst.FunctionDef:
                passed = live.bindings.filled_elsewhere(scope, source.value)
                if passed is not None:
                    return None if "*" in passed else passed
        found = builders.get(dotted_name(source.func if isinstance(source, cst.Call) else source) or "")
        read = source.func if type(source) is cst.Call else source
        if found is None and type(read) is cst.Attribute:
            # a property or a method of an object of an imported class (`gemini.live_config`,
            # `gemini.build_config()`, `gemini` the `self.gemini_config` its dataclass declares a
            # `GeminiConfig`, or `gemini = GeminiInterview(key)`)
            declared = live.declared_class(read.value)
            found = builders.get(f"{declared}.{read.attr.value}") if declared is not None else None
        return None if found is None else set(found)

    return bool(hidden) and all((known := named(source)) is not None and not fields & known for source in hidden)


def turns_on(live: "LiveModel", entry: "ConfigEntry") -> bool:
    """A config entry gives its field a value: not ``session_resumption=None`` written out (the
    SDK leaves a None field unset, measurement 56's ADK sample)."""
    value = live.resolve_value(entry.value) if entry.value is not None else None
    return not (type(value) is cst.Name and value.value == "None")


@dataclass(eq=False)
class AdkLiveSession(LiveSession):
    """A Live session ADK opens: ``runner.run_live(..., run_config=...)`` with the fields of
    its ``RunConfig`` (ADK passes them to the Live connect), fed by a ``LiveRequestQueue``."""

    run_config: cst.BaseExpression | None = None
    # the agent's model, when another module's agent object names it (`agent.model`)
    agent_model: "ModelInfo | None" = None

    @property
    def model(self) -> "ModelInfo":
        from livemigrate.analysis.live_model import ModelInfo

        return self.agent_model or ModelInfo.unknown()

    def config_known(self, live: "LiveModel") -> bool:
        return self.run_config is None or config_hidden_calls(self.run_config, live.bindings, live.imports) == []

    def sets(self, live: "LiveModel", fields: frozenset[str]) -> bool:
        """The RunConfig sets one of ``fields`` where this module shows it, at any depth
        (``realtime_input_config.turn_coverage`` for ``turn_coverage``; ``=None`` sets
        nothing)."""
        return self.run_config is not None and any(
            entry.path and any(p in fields for p in entry.path) and turns_on(live, entry)
            for entry in walk_config(self.run_config, live.bindings, live.imports))

    def known_unset(self, live: "LiveModel", fields: frozenset[str]) -> bool:
        if self.sets(live, fields):
            return False
        if self.config_known(live):
            return True  # (no run_config: ADK's default RunConfig sets none of them)
        assert self.run_config is not None
        return _hidden_only_by_builders(live, config_hidden_calls(self.run_config, live.bindings, live.imports),
                                        fields)


# ADK's LiveRequestQueue methods that send to the session.
_QUEUE_SENDS = frozenset({"send_realtime", "send_content", "send_activity_start", "send_activity_end"})


def adk_sessions(live: "LiveModel") -> list[AdkLiveSession]:
    """The Live sessions ADK opens in this module (``run_live`` calls of a module importing
    ADK's LiveRequestQueue or RunConfig), with the loops keeping each open: a ``while`` or
    ``async for`` loop, in the function that runs it (or a function nested there), that sends
    to a LiveRequestQueue: a microphone or a browser streaming until it stops."""
    cached = getattr(live, "_adk_sessions", None)
    if cached is not None:
        return cached
    found: list[AdkLiveSession] = []
    if live.imports.adk_queues or live.imports.adk_run_configs:
        calls = [call for call in live.calls_to("run_live") if isinstance(call.func, cst.Attribute)]
        for call in calls:
            run_config = next((a.value for a in call.args if a.keyword is not None
                               and a.keyword.value == "run_config"), None)
            session = AdkLiveSession(call, None, None, legacy_only=live.is_legacy_only(call), run_config=run_config,
                                     agent_model=_agent_model(live))
            outer = None
            for ancestor in live.ancestors(call):
                if type(ancestor) is cst.FunctionDef:
                    outer = ancestor
                elif type(ancestor) is cst.ClassDef:
                    break
            # The function running it (and the tasks defined there); the module's only
            # run_live also gets the module's other loops: ADK's sample returns the queue to
            # an endpoint whose task feeds it (as an untraced send goes to the only session).
            where = [live.module] if len(calls) == 1 else [outer] if outer is not None else []
            if outer is not None and len(calls) > 1:
                # and the methods it starts or calls (`create_task(self.receive_from_client())`)
                where += [f for c in descendants(outer) if type(c) is cst.Call
                          and (f := live.callee(c)) is not None and f is not outer]
            loop = next((loop for root in where for loop in _queue_feeding_loops(root, call)), None)
            if loop is not None:
                kind = "while" if type(loop) is cst.While else "async for"
                session.loops.append((loop, f"it sends input to its LiveRequestQueue in a {kind} loop"))
            elif len(calls) == 1 and (reader := _endless_event_reader(live)) is not None:
                # ADK's SSE sample: the browser posts each chunk, the event stream reads the
                # session's events across turns until the browser goes
                session.loops.append((reader, "it reads the session's events across turns in an async for loop "
                                              "that does not stop at a turn's end"))
            elif outer is not None and (where_kept := _kept_open_at(live, outer)) is not None:
                # another module feeds its queue (`service.send_audio(...)`) in a loop that runs
                # until stopped
                session.loops.append((call, f"{where_kept} keeps it open in a loop that runs until stopped"))
            # camera or screen frames the queue sends: image blobs given to send_realtime
            session.video.extend(send for root in where for send in _queued_images(live, root))
            found.append(session)
    live._adk_sessions = found  # type: ignore[attr-defined]
    return found


def _endless_event_reader(live: "LiveModel") -> cst.For | None:
    """An ``async for event in ...`` loop reading ADK events (``event.turn_complete`` /
    ``event.interrupted``) that never leaves (no ``break`` or ``return`` in it): it reads the
    module's one ADK session across turns."""
    for loop in live.nodes(cst.For):
        if loop.asynchronous is None or type(loop.target) is not cst.Name:  # type: ignore[attr-defined]
            continue
        name = loop.target.value  # type: ignore[attr-defined]
        inside = list(live.walk(loop.body))  # type: ignore[attr-defined]
        if any(type(n) in (cst.Break, cst.Return) for n in inside):
            continue
        if any(type(n) is cst.Attribute and n.attr.value in ("turn_complete", "interrupted")
               and type(n.value) is cst.Name and n.value.value == name for n in inside):
            return loop  # type: ignore[return-value]
    return None


def _kept_open_at(live: "LiveModel", function: cst.FunctionDef) -> str | None:
    """Where another module keeps open, in a loop that runs until stopped, the session
    ``function`` (a module-level function or ``Class.method``) opens (``ModuleFacts.kept_open``)."""
    if live.facts is None or not live.facts.kept_open:
        return None
    klass = live.enclosing_class(function)
    key = f"{klass.name.value}.{function.name.value}" if klass is not None else function.name.value
    return dict(live.facts.kept_open).get(key)


def _agent_model(live: "LiveModel") -> "ModelInfo | None":
    """The model of the ADK agents this module imports (``from agent import root_agent``, whose
    ``Agent(model=...)`` another module writes: ``ModuleFacts.imported``'s ``root_agent.model``),
    when every one names a 2.x Live id."""
    from livemigrate.analysis.live_model import ModelInfo
    from livemigrate.migration import legacy_model

    ids = tuple(value for spelling, value in (live.facts.imported if live.facts is not None else ())
                if spelling.endswith(".model") and legacy_model(value) is not None)
    return ModelInfo("legacy", ids, (), imported=True) if ids else None


def _queued_images(live: "LiveModel", root: cst.CSTNode) -> Iterator[cst.Call]:
    """``queue.send_realtime(types.Blob(data=jpeg, mime_type="image/jpeg"))`` calls under
    ``root``: a LiveRequestQueue's realtime input that is an image (ADK sends it as video)."""
    for call in descendants(root, skip=(cst.ClassDef,)):
        if type(call) is not cst.Call or type(call.func) is not cst.Attribute or call.func.attr.value != "send_realtime" \
                or not call.args:
            continue
        value = call.args[0].value
        mime = mime_of(value, live)
        choices = [mime] if mime is not None else mime_choices(value, live)
        if any(m.strip().lower().startswith("image/") for m in choices):
            yield call


def _only_waits(loop: cst.While) -> bool:
    """Every statement of the loop's body waits (``await asyncio.sleep(0.1)``, ``await
    stop.wait()``) or does nothing (``pass``): the loop only holds its place."""
    body = loop.body
    if not isinstance(body, cst.IndentedBlock) or not body.body or loop.orelse is not None:
        return False
    for line in body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            return False
        for small in line.body:
            if type(small) is cst.Pass:
                continue
            if not (type(small) is cst.Expr and type(small.value) is cst.Await and type(small.value.expression) is cst.Call):
                return False
    return True


# The Live API's documented limits (https://ai.google.dev/gemini-api/docs/live-session, the same
# for every target): a session with video ends after 2 minutes, a connection after about 10.
_VIDEO_SESSION_SECONDS = 120
_CONNECTION_SECONDS = 600
# Clocks a loop measures its own run time with (`time.time() - t0 < 240`).
_CLOCKS = frozenset({"time.time", "time.monotonic", "time.perf_counter", "loop.time", "monotonic", "perf_counter"})


def _ends_in_time(live, loop: cst.While, seconds: float) -> bool:
    """The loop stops within ``seconds`` of its start, by a clock it reads: its test (``while
    time.time() - t0 < MAX_S``, also one side of an ``and``: ``while turns < 16 and
    time.monotonic() - start < 240``), or a statement of its body leaving it (``elapsed =
    time.monotonic() - start`` then ``if elapsed >= TTL_S: return``); ``MAX_S`` a number or a
    name bound to one."""
    pending = [loop.test]
    while pending:
        test = pending.pop()
        if type(test) is cst.BooleanOperation and type(test.operator) is cst.And:
            pending += [test.left, test.right]
            continue
        if _clock_within(live, loop, test, (cst.LessThan, cst.LessThanEqual), seconds):
            return True
    body = loop.body.body if type(loop.body) is cst.IndentedBlock else ()
    return any(type(line) is cst.If and exit_statement(line.body, (cst.Break, cst.Return)) is not None
               and _clock_within(live, loop, line.test, (cst.GreaterThan, cst.GreaterThanEqual), seconds)
               for line in body)


def _clock_within(live, loop: cst.While, test: cst.BaseExpression, operators: tuple[type, ...],
                  seconds: float) -> bool:
    """``test`` compares the time since a start against a bound of at most ``seconds`` with one
    of ``operators``: ``time.time() - t0 < 240``, or ``elapsed >= TTL_S`` where the loop body
    binds ``elapsed = time.monotonic() - start``. The start must be set before the loop (an idle
    timer the loop resets, ``last = time.time()`` on each chunk, runs as long as input goes on)."""
    if type(test) is not cst.Comparison or len(test.comparisons) != 1 \
            or type(test.comparisons[0].operator) not in operators:
        return False
    elapsed, bound = test.left, live.resolve_value(test.comparisons[0].comparator)
    bound_in_loop = names_bound(loop.body)
    if type(elapsed) is cst.Name and elapsed.value in bound_in_loop:
        body = loop.body.body if type(loop.body) is cst.IndentedBlock else ()
        given = [line.body[0].value for line in body if type(line) is cst.SimpleStatementLine and len(line.body) == 1
                 and type(line.body[0]) is cst.Assign and len(line.body[0].targets) == 1
                 and type(line.body[0].targets[0].target) is cst.Name
                 and line.body[0].targets[0].target.value == elapsed.value]
        elapsed = given[0] if len(given) == 1 else elapsed
    return (type(elapsed) is cst.BinaryOperation and type(elapsed.operator) is cst.Subtract
            and type(elapsed.right) is cst.Name and elapsed.right.value not in bound_in_loop
            and type(elapsed.left) is cst.Call and (dotted_name(elapsed.left.func) or "") in _CLOCKS
            and type(bound) in (cst.Integer, cst.Float) and bound.evaluated_value <= seconds)


def _runs_once(loop: cst.While) -> bool:
    """``while True: <body>; break``: the body's last statement is a bare ``break`` and nothing
    in it continues the loop (a ``continue`` of its own), so it runs at most once (a receive
    task written as a loop that ends after the first turn)."""
    body = loop.body
    if not isinstance(body, cst.IndentedBlock) or not body.body:
        return False
    last = body.body[-1]
    if not (isinstance(last, cst.SimpleStatementLine) and len(last.body) == 1 and isinstance(last.body[0], cst.Break)):
        return False
    pending: list[cst.CSTNode] = list(body.body[:-1])
    while pending:
        node = pending.pop()
        if isinstance(node, cst.Continue):
            return False
        if isinstance(node, (cst.For, cst.While, cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            continue  # a continue there is another loop's
        pending.extend(node.children)
    return True


def _inherited(klass: cst.ClassDef, methods: tuple[tuple[str, str], ...]) -> set[str]:
    """Of (base class spelling, method) facts, the methods ``klass`` inherits: it names that
    base among its own and does not define the method itself."""
    bases = {dotted_name(arg.value) for arg in klass.bases}
    own = {statement.name.value for statement in klass.body.body if type(statement) is cst.FunctionDef} \
        if isinstance(klass.body, cst.IndentedBlock) else set()
    return {method for base, method in methods if base in bases and method not in own}


def _self_calls(node: cst.CSTNode, methods: set[str], *, nested: bool) -> Iterator[cst.Call]:
    """The ``self.<method>(...)`` calls under ``node`` of ``methods`` (with ``nested``, also in
    functions defined there)."""
    walked = descendants(node, skip=()) if nested else descendants(node)
    return (call for call in walked if type(call) is cst.Call and type(call.func) is cst.Attribute
            and call.func.attr.value in methods and type(call.func.value) is cst.Name and call.func.value.value == "self")


def _stops_after_a_turn(live, loop: cst.While) -> bool:
    """``while not self.done:`` around a receive loop, whose body sets that flag after the
    turn it read, unconditionally or once a count says something arrived (``if chunks > 0:
    self.done = True``): it reads turns until one brings something, then ends, as a one-shot
    does. A flag set inside the receive loop, or under a test of what was said, is a
    conversation's own stop (``if "bye" in text``): that loop runs until the user stops it."""
    flagged = _loop_flag(loop)
    if flagged is None:
        return False
    flag, stop = flagged
    code = cst.Module([]).code_for_node
    body = loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ()
    turn_read = False
    for statement in body:
        inner = statement.body.body if isinstance(statement, cst.Try) and isinstance(statement.body, cst.IndentedBlock) \
            else [statement]
        for line in inner:
            if isinstance(line, cst.For) and live.is_message_loop(line):
                turn_read = True
            elif turn_read and _sets(line, flag, stop, code):
                return True
    return False


def _starts_a_task(node: cst.BaseExpression) -> bool:
    """``asyncio.create_task(f(...))`` / ``ensure_future(f(...))``."""
    return type(node) is cst.Call and bool(node.args) and (dotted_name(node.func) or "").split(".")[-1] in (
        "create_task", "ensure_future")


def _loop_flag(loop: cst.While) -> tuple[str, str] | None:
    """(the flag, as written, and the value that stops the loop) of ``while not self.done:`` /
    ``while running:``; None for any other test."""
    test, stop = loop.test, "True"
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        test = test.expression
    else:
        stop = "False"
    if not (isinstance(test, cst.Name) or isinstance(test, cst.Attribute) and isinstance(test.value, cst.Name)):
        return None
    return cst.Module([]).code_for_node(test), stop


def _ends_after_bounded_work(live, loop: cst.While) -> bool:
    """``while not (self.done_recording and queue.empty()):`` (or ``while not self.done:``): a
    flag of the object that its class sets True only at the top level of methods whose loops
    are all bounded (``while count < target``, ``for _ in range(n)``), after them: a probe that
    records a few seconds, so the loop sending what was recorded ends with it."""
    test = loop.test
    if not (isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not)):
        return False
    inner = test.expression
    if isinstance(inner, cst.BooleanOperation) and isinstance(inner.operator, cst.And):
        inner = inner.left  # `not (flag and queue.empty())`: the flag decides
    if not (isinstance(inner, cst.Attribute) and isinstance(inner.value, cst.Name) and inner.value.value == "self"):
        return False
    klass = live.enclosing_class(loop)
    if klass is None:
        return False
    setters = [node for node in live.walk(klass, skip=()) if isinstance(node, cst.Assign) and len(node.targets) == 1
               and isinstance(t := node.targets[0].target, cst.Attribute) and isinstance(t.value, cst.Name)
               and t.value.value == "self" and t.attr.value == inner.attr.value]
    raised = [a for a in setters if isinstance(a.value, cst.Name) and a.value.value == "True"]
    if not raised or len(raised) != len([a for a in setters if not (isinstance(a.value, cst.Name)
                                                                    and a.value.value == "False")]):
        return False
    for assign in raised:
        function = live.enclosing_function(assign)
        line = live.parent(assign)
        if function is None or not isinstance(function.body, cst.IndentedBlock) or line not in function.body.body:
            return False  # set in a branch or a loop: when is not known
        loops = [node for node in live.walk(function) if isinstance(node, (cst.While, cst.For))]
        if not loops or not all(_bounded(node) for node in loops):
            # (no loop at all is no bounded work: a hang-up method, `_end_call(self): self.ended
            # = True`, runs when something decides, not after a recording ends: measurement 56)
            return False
    return True


def _bounded(loop: cst.While | cst.For) -> bool:
    """A loop that ends by itself: ``while a < b`` (a count against a bound), ``for`` over
    ``range(...)``."""
    if isinstance(loop, cst.While):
        return isinstance(loop.test, cst.Comparison) and all(
            isinstance(c.operator, (cst.LessThan, cst.LessThanEqual)) for c in loop.test.comparisons)
    return isinstance(loop.iter, cst.Call) and isinstance(loop.iter.func, cst.Name) and loop.iter.func.value == "range"


def _cancels_each(loop: cst.CSTNode | None, tasks: cst.Name) -> bool:
    """``for task in tasks: task.cancel()``: every task of the list is cancelled."""
    if type(loop) is not cst.For or loop.iter is not tasks or type(loop.target) is not cst.Name:
        return False
    each = loop.target.value
    return any(type(n) is cst.Attribute and n.attr.value == "cancel" and type(n.value) is cst.Name
               and n.value.value == each for n in descendants(loop.body))


def _tests_a_turn_end(test: cst.BaseExpression, ends: frozenset[str] = _TURN_ENDS) -> bool:
    """``test`` reads one of ``ends`` (``msg.server_content.turn_complete``, ``"turnComplete"``)."""
    return any(type(t) is cst.SimpleString and string_value(t) in ends
               or type(t) is cst.Attribute and t.attr.value in ends for t in descendants(test))


def _sets(statement: cst.CSTNode, flag: str, value: str, code) -> bool:
    """``statement`` is ``<flag> = <value>``, bare or under an ``if`` comparing a name with a
    number (``if count > 0:``)."""
    if isinstance(statement, cst.If) and statement.orelse is None and isinstance(statement.test, cst.Comparison) \
            and isinstance(statement.test.left, cst.Name) and len(statement.test.comparisons) == 1 \
            and isinstance(statement.test.comparisons[0].comparator, cst.Integer) \
            and isinstance(statement.body, cst.IndentedBlock):
        return any(_sets(line, flag, value, code) for line in statement.body.body)
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    return any(isinstance(small, cst.Assign) and len(small.targets) == 1 and code(small.targets[0].target) == flag
               and isinstance(small.value, cst.Name) and small.value.value == value for small in statement.body)


def _sent_on_an_attribute(send: cst.CSTNode) -> bool:
    """``send`` is a method call on a session an object keeps (``self._session.send_...``)."""
    func = send.func if type(send) is cst.Call else None
    owner = func.value if type(func) is cst.Attribute else None
    return type(owner) is cst.Attribute and type(owner.value) is cst.Name and owner.value.value == "self"


def _queue_feeding_loops(root: cst.CSTNode, run_live: cst.Call) -> Iterator[cst.While | cst.For]:
    """``while`` and ``async for`` loops under ``root`` (nested functions included) whose body
    sends to a LiveRequestQueue; not the loop over run_live's own events."""
    # (the module: its classes too, an ADK session class whose method feeds the queue)
    for loop in descendants(root, skip=() if type(root) is cst.Module else (cst.ClassDef,)):
        if type(loop) not in (cst.While, cst.For):
            continue
        if type(loop) is cst.For and (loop.asynchronous is None or loop.iter is run_live):
            continue
        if any(type(n) is cst.Call and type(n.func) is cst.Attribute and n.func.attr.value in _QUEUE_SENDS
               for n in descendants(loop.body, skip=())):
            yield loop


# Socket methods that wait for the next message (websockets, aiohttp, Starlette).
_RECEIVE_METHODS = frozenset({"recv", "receive", "receive_str", "receive_json", "receive_bytes", "receive_text"})


def _receives(loop: cst.While | cst.For) -> bool:
    """``loop`` receives messages: an ``async for`` over a socket, or a body that awaits a
    socket's receive method."""
    if isinstance(loop, cst.For) and loop.asynchronous is not None:
        return True
    return any(isinstance(n, cst.Await) and _receive_call(n.expression) for n in descendants(loop.body))


def _receive_call(node: cst.BaseExpression) -> bool:
    """``ws.recv()``, also under a timeout: ``asyncio.wait_for(ws.recv(), timeout=30)``."""
    if not isinstance(node, cst.Call):
        return False
    if isinstance(node.func, cst.Attribute) and node.func.attr.value in _RECEIVE_METHODS:
        return True
    return (dotted_name(node.func) or "").split(".")[-1] == "wait_for" and bool(node.args) \
        and _receive_call(node.args[0].value)


_REALTIME_INPUTS = frozenset({"LiveClientRealtimeInput", "LiveClientRealtimeInputDict"})


# What may hold a session when handed on: a name or an attribute (`session`, `self.session`).
_REFERENCES = (cst.Name, cst.Attribute)


def is_other_model(model: "ModelInfo") -> bool:
    """Every model id the session is known to run is a Live model outside this move: neither
    a 2.x id nor a target (``gemini-3.5-live-translate-preview``). Its settings are not part
    of the migration, and the target's verdicts do not describe it."""
    from livemigrate.migration import TARGETS, legacy_model, strip_model_prefix

    targets = {i for t in TARGETS.values() for i in (t.model_id, t.vertex_model_id) if i}
    return bool(model.ids) and not any(
        legacy_model(i) is not None or strip_model_prefix(i)[1] in targets for i in model.ids)


def _names_live_model(literal) -> bool:
    """A model id literal says the module is Live code: the id is Live-only, or it reaches a
    Live session here (``gemini-2.0-flash-exp`` passed to ``generate_content`` does not)."""
    from livemigrate.migration import legacy_model

    model = legacy_model(literal.value)
    return literal.flows_to_live or model is None or model.live_only


def is_live_module(live: "LiveModel") -> bool:
    """The module does Live API work: it opens a Live session or builds a Live config, names a
    raw Live endpoint or a Live model id, mints or uses ephemeral tokens (Live only), or calls
    a Live session method. A module that only calls ``generate_content`` does none of these."""
    if live.uses_live_api or any(_names_live_model(literal) for literal in live.model_literals()):
        return True
    from livemigrate.analysis.clients import uses_ephemeral_tokens
    from livemigrate.analysis.endpoints import live_endpoints
    from livemigrate.analysis.flow import LIVE_SESSION_METHODS
    from livemigrate.migration import TARGETS

    if live_endpoints(live) or uses_ephemeral_tokens(live):
        return True
    if any(live.calls_to(method) for method in LIVE_SESSION_METHODS):
        return True
    ids = {i for t in TARGETS.values() for i in (t.model_id, t.vertex_model_id) if i}
    if any((string_value(s) or "").removeprefix("models/") in ids for s in live.bindings.strings):
        return True
    # what it imports from the run names a Live model (`from gemini_live import GeminiLiveSession`,
    # whose `_model` is a Live id): it drives another module's Live session
    from livemigrate.migration import legacy_model

    return any(value.removeprefix("models/") in ids or ((m := legacy_model(value)) is not None and m.live_only)
               for _, value in (live.facts.imported if live.facts is not None else ()))


def reads_session_end(live: "LiveModel") -> bool:
    """The module reads ``go_away`` or ``session_resumption_update`` of a server message (any
    spelling): it reacts to the session ending."""
    for node in live.nodes(cst.Attribute, cst.SimpleString):
        if isinstance(node, cst.Attribute) and node.attr.value in SESSION_END_FIELDS:
            return True
        if isinstance(node, cst.SimpleString) and string_value(node) in SESSION_END_FIELDS:
            return True
    return False


@dataclass(eq=False)
class HeldSession(LiveSession):
    """A Live session another module's class or function opens, with the config a call here
    passes it, and keeps open until stopped (``live_model.LiveProcessor(realtime_config=...)``:
    ``LiveModel.long_session_calls``). Its anchor is that call."""

    opened_with: "ModelInfo | None" = None

    @property
    def model(self) -> "ModelInfo":
        from livemigrate.analysis.live_model import ModelInfo

        return self.opened_with or ModelInfo.unknown()

    @property
    def raw(self) -> bool:
        return False

    def config_known(self, live: "LiveModel") -> bool:
        return self.config is None or super().config_known(live)


def _forwarded_kind(frame: cst.Dict, live: "LiveModel") -> str | None:
    """The kind of a blob dict forwarding another item's MIME type (``{"mime_type":
    chunk["mime_type"], "data": chunk["data"]}``) by the test of that item's MIME type around
    it (:func:`~livemigrate.analysis.media.guarded_kind`); None when no test says."""
    mime = next((e.value for e in frame.elements if isinstance(e, cst.DictElement)
                 and string_value(e.key) in MIME_KEYS), None)
    owner = mime.value if isinstance(mime, (cst.Subscript, cst.Attribute)) else (
        mime.func.value if isinstance(mime, cst.Call) and isinstance(mime.func, cst.Attribute) else None)
    return guarded_kind(owner, live, None) if isinstance(owner, cst.Name) else None


def _waits_for_first(call: cst.Call) -> bool:
    """``asyncio.wait(..., return_when=FIRST_COMPLETED)`` (or ``FIRST_EXCEPTION``, or a value
    the code computes): the block may go on when the first task ends. ``ALL_COMPLETED`` waits
    for every task, as no ``return_when`` does."""
    return any(a.keyword is not None and a.keyword.value == "return_when"
               and "ALL_COMPLETED" not in (dotted_name(a.value) or string_value(a.value) or "") for a in call.args)


def livekit_video_sessions(live: "LiveModel") -> list[HeldSession]:
    """LiveKit's Gemini ``RealtimeModel(...)`` configs of a module whose agent session takes the
    room's video (``RoomInputOptions(video_enabled=True)``, ``RoomOptions(video_input=True)``):
    LiveKit streams the camera's frames into the Live session. Anchored on the model's call."""
    from livemigrate.analysis.config_tree import is_livekit_gemini_model

    video = [arg for call in live.nodes(cst.Call)
             if (dotted_name(call.func) or "").split(".")[-1] in ("RoomInputOptions", "RoomOptions")
             for arg in call.args if arg.keyword is not None and arg.keyword.value in ("video_enabled", "video_input")
             and type(arg.value) is cst.Name and arg.value.value == "True"]
    if not video:
        return []
    return [HeldSession(config.root, None, config, video=list(video), legacy_only=live.is_legacy_only(config.root),
                        opened_with=config.model)
            for config in live.configs
            if type(config.root) is cst.Call and is_livekit_gemini_model(config.root.func, live.imports)]


def held_sessions(live: "LiveModel") -> list[HeldSession]:
    """The sessions other modules' classes keep open with configs this module passes them."""
    return [HeldSession(call, None, config, loops=[(call, f"{where} keeps it open in a loop that runs until stopped")],
                        legacy_only=live.is_legacy_only(call), opened_with=model)
            for call, config, model, where in live.long_session_calls()]


def live_sessions(live: "LiveModel") -> list[LiveSession]:
    """Every Live session of the module, with its video sends and the loops keeping it open."""
    cached = getattr(live, "_live_sessions", None)
    if cached is None:
        cached = _Sessions(live).find()
        live._live_sessions = cached  # type: ignore[attr-defined]
    return cached


class _Sessions:
    def __init__(self, live: "LiveModel") -> None:
        self.live = live
        self.by_connect: dict[int, LiveSession] = {}
        self.sdk: list[LiveSession] = []
        self.raw: list[LiveSession] = []
        self._files: dict[int, set[str]] = {}  # per function (or module): the files it opens
        self._raw_blocks: list[set[int]] | None = None  # per raw session: the blocks around its setup

    def find(self) -> list[LiveSession]:
        live = self.live
        for connect in live.connects:
            session = LiveSession(connect.call, connect, live.config_of(connect),
                                  legacy_only=live.is_legacy_only(connect.call))
            self.sdk.append(session)
            self.by_connect[id(connect)] = session
        for config in live.configs:
            if config.kind == "raw":
                anchor = self._setup_key(config)
                if anchor is not None and not any(s.anchor is anchor for s in self.raw):
                    self.raw.append(LiveSession(anchor, None, config, legacy_only=live.is_legacy_only(anchor)))
        if not self.sdk and not self.raw:
            return []
        self._video()
        self._loops()
        return sorted(self.sdk + self.raw, key=lambda s: live.order_of(s.anchor))

    def _setup_key(self, config: "LiveConfig") -> cst.CSTNode | None:
        """The ``"setup"`` key of a raw client's first frame."""
        inner = self.live.container_of(config)
        element = self.live.parent(inner) if inner is not None else None
        if isinstance(element, cst.DictElement):
            return element.key
        root = self.live.resolve_value(config.root) if isinstance(config.root, cst.Name) else config.root
        if isinstance(root, cst.Dict):
            for element in root.elements:
                if isinstance(element, cst.DictElement) and string_value(element.key) == "setup":
                    return element.key
        return None

    def _session_of(self, connect: object | None, raw: bool, node: cst.CSTNode | None = None) -> LiveSession | None:
        if raw:
            return self._raw_session_at(node) if node is not None else self.raw[0] if len(self.raw) == 1 else None
        if node is not None:
            # Inside `async with <client>.aio.live.connect(...) as s:` the session is that
            # one, whatever else the same name held before (two sessions named `session`).
            for ancestor in self.live.ancestors(node):
                kind = type(ancestor)  # exact types (none has a subclass): isinstance through ABCMeta is slow
                if kind is cst.FunctionDef or kind is cst.Lambda or kind is cst.ClassDef:
                    break
                if kind is cst.With:
                    for session in self.sdk:
                        if any(session.anchor is _entered_call(item.item) for item in ancestor.items):
                            return session
                    if connect is None and _binds_receiver(ancestor, node, self.live):
                        # `async with open_voice() as session:` enters what a function this
                        # module does not define opened (another module's, a method of an
                        # imported class, a library's), not the one session opened here
                        return None
        if connect is not None and id(connect) in self.by_connect:
            return self.by_connect[id(connect)]
        return self.sdk[0] if len(self.sdk) == 1 else None

    def _raw_session_at(self, node: cst.CSTNode) -> LiveSession | None:
        """The raw session whose socket the code at ``node`` uses: the module's only one, or the
        one whose setup frame the innermost ``with`` block, function or class around ``node``
        holding any setup frame sends (a notebook's cells each open a socket of their own:
        `async with connect(URL) as ws:` with its setup, then its console loop). None when that
        block holds several."""
        if len(self.raw) <= 1:
            return self.raw[0] if self.raw else None
        if self._raw_blocks is None:
            self._raw_blocks = [{id(a) for a in self.live.ancestors(s.anchor)} for s in self.raw]
        for ancestor in self.live.ancestors(node):
            kind = type(ancestor)
            if kind is cst.With or kind is cst.FunctionDef or kind is cst.ClassDef:
                inside = [s for s, blocks in zip(self.raw, self._raw_blocks) if id(ancestor) in blocks]
                if inside:
                    return inside[0] if len(inside) == 1 else None
        return None

    # --- video ----------------------------------------------------------------------------
    def _video(self) -> None:
        live = self.live
        # another module of the run (a camera helper) builds them: livemigrate.project
        queued_images = self._image_blobs_built() or live.facts is not None and live.facts.imports_image_blobs
        guessed: list[tuple[LiveSession, cst.CSTNode]] = []
        for send in live.realtime_inputs():
            kind = self._kind(send)
            if kind == "unknown" and not queued_images or kind == "other" or live.is_legacy_only(send.node):
                continue
            if self._answers_a_tool_call(send.node):
                continue  # a frame the model asked for with a tool call: sent on demand, not streamed
            session = self._session_of(send.connect, send.frame is not None, send.node)
            if session is None:
                continue
            if kind == "video":
                session.video.append(send.node)
            else:
                # frames and audio share a queue, and the module builds image blobs
                guessed.append((session, send.node))
        for session, node in guessed:  # after the sends known to carry video
            session.video.append(node)
        # what another module's image-frame builder returns, built here for the socket (a
        # vendored service's `events.VideoInputMessage.from_image_frame(frame)`: livemigrate.project)
        builders = set(live.facts.image_builders) if live.facts is not None else set()
        for call in live.nodes(cst.Call) if builders else ():
            if dotted_name(call.func) in builders and not live.is_legacy_only(call):
                session = self._session_of(None, bool(self.raw), call)
                if session is not None:
                    session.video.append(call)
        # another module sends video on the session a function here hands back
        for session in self.sdk if live.facts is not None and live.facts.video_elsewhere else ():
            function = live.enclosing_function(session.anchor)
            key = function.name.value if function is not None and live.enclosing_class(function) is None else None
            session.video_elsewhere = dict(live.facts.video_elsewhere).get(key or "")  # type: ignore[union-attr]
        # a method an imported base class (a mixin of another module) defines sends video:
        # `self._send_realtime_loop(session)` in the class that opens the session
        if live.facts is not None and live.facts.mixin_video:
            for session in self.sdk:
                klass = next((a for a in live.ancestors(session.anchor) if type(a) is cst.ClassDef), None)
                mixin = _inherited(klass, live.facts.mixin_video) if klass is not None else set()
                if mixin:
                    session.video.extend(_self_calls(klass, mixin, nested=True))

    def _answers_a_tool_call(self, node: cst.CSTNode) -> bool:
        """``node`` runs while the code handles a tool call: under ``for fc in
        msg.tool_call.function_calls:`` or ``if msg.tool_call:`` (a camera tool that sends the
        frame the model asked for). Such a frame comes after the user's turn: a turn coverage
        counting only activity would leave it out."""
        code = self.live.module.code_for_node
        child = node
        for ancestor in self.live.ancestors(node):
            kind = type(ancestor)
            if kind is cst.FunctionDef or kind is cst.ClassDef:
                return False
            if kind is cst.For and child is ancestor.body and "function_calls" in code(ancestor.iter):
                return True
            if kind is cst.If and child is ancestor.body \
                    and any(word in code(ancestor.test) for word in ("tool_call", "toolCall")):
                return True
            child = ancestor
        return False

    def _kind(self, send) -> str:
        """``video``, ``other`` (audio, text, activity signals) or ``unknown``."""
        if send.frame is not None:
            return self._frame_kind(send.frame.element.value)
        call = send.call.call
        if send.method == "start_stream":
            mime = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "mime_type"), None)
            text = string_value(self.live.resolve_value(mime)) if mime is not None else None
            return "unknown" if text is None else ("video" if text.startswith("image/") else "other")
        end_of_turn = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "end_of_turn"),
                           None)
        # send(input=..., end_of_turn=True): a turn of text, not media. end_of_turn=False ends
        # nothing: frames and audio from a queue go out that way too, so the input's kind decides.
        if end_of_turn is not None and not (isinstance(end_of_turn, cst.Name) and end_of_turn.value == "False"):
            return "other"
        kinds = set()
        for arg in call.args:
            keyword = arg.keyword.value if arg.keyword is not None else "input"
            if keyword == "video":
                if not (isinstance(arg.value, cst.Name) and arg.value.value == "None"):
                    return "video"
            elif keyword in ("media", "input"):
                kinds.add(self._value_kind(arg.value))
            elif keyword not in ("end_of_turn",):
                kinds.add("other")
        if "video" in kinds:
            return "video"
        return "unknown" if "unknown" in kinds else "other"

    def _value_kind(self, value: cst.BaseExpression) -> str:
        live = self.live
        resolved = live.resolve_value(value)
        if isinstance(resolved, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return "other"  # text
        mime = mime_of(value, live)
        if mime is not None:
            return "video" if mime.strip().lower().startswith("image/") else "other"
        if any(m.strip().lower().startswith("image/") for m in mime_choices(value, live)):
            return "video"  # send_image(self, data, mime_type="image/jpeg"): frames go out here
        if isinstance(resolved, cst.Dict):
            # `{"mime_type": chunk["mime_type"], ...}` under `if chunk["mime_type"].startswith("image/"):`
            tested = _forwarded_kind(resolved, live)
            if tested is not None:
                return "video" if tested == "video" else "other"
        if isinstance(resolved, cst.Call) and live.imports.types_name(resolved.func) in _REALTIME_INPUTS:
            # send(input=types.LiveClientRealtimeInput(media_chunks=[...])): what it holds
            kinds = set()
            for arg in resolved.args:
                if arg.keyword is None:
                    kinds.add("unknown")
                elif arg.keyword.value == "video":
                    return "video"
                else:
                    kinds.add(self._value_kind(arg.value) if arg.keyword.value in ("media_chunks", "media") else "other")
            return "video" if "video" in kinds else ("unknown" if "unknown" in kinds or not kinds else "other")
        if isinstance(resolved, cst.Call):
            name = dotted_name(resolved.func) or ""
            if "Image." in name or name.startswith("Image"):
                return "video"  # a PIL image: the SDK sends it as image/jpeg
        if isinstance(resolved, cst.Name) and self._annotated_text(resolved):
            return "other"
        if isinstance(resolved, (cst.List, cst.Tuple)):
            kinds = {self._value_kind(e.value) for e in resolved.elements}
            return "video" if "video" in kinds else ("unknown" if "unknown" in kinds or not kinds else "other")
        return "unknown"

    def _annotated_text(self, name: cst.Name) -> bool:
        """``name`` is a parameter annotated ``str``: text, whatever the queue holds."""
        function = self.live.enclosing_function(name)
        if function is None:
            return False
        params = function.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            if param.name.value == name.value and param.annotation is not None:
                return dotted_name(param.annotation.annotation) == "str"
        return False

    def _frame_kind(self, value: cst.BaseExpression) -> str:
        value = self.live.resolve_value(value)
        if not isinstance(value, cst.Dict):
            return "unknown"
        kinds = set()
        for element in value.elements:
            if not isinstance(element, cst.DictElement):
                return "unknown"
            key = string_value(element.key)
            if key == "video":
                return "video"
            if key in ("mediaChunks", "media_chunks"):
                kinds.add(self._value_kind(element.value))
            else:
                kinds.add("other")
        if "video" in kinds:
            return "video"
        return "unknown" if "unknown" in kinds else "other"

    def _image_blobs_built(self) -> bool:
        """The module builds an image blob to send as realtime input (not a ``Part``'s
        ``inline_data``, which goes into content)."""
        live = self.live
        candidates: list[cst.CSTNode] = [d for d in live.dicts()
                                         if any(isinstance(e, cst.DictElement) and string_value(e.key) in MIME_KEYS
                                                for e in d.elements)]
        candidates += [c for c in live.calls_to("Blob") if live.imports.types_name(c.func) in ("Blob", "BlobDict")]
        for node in candidates:
            mime = mime_of(node, live)
            if mime is None or not mime.strip().lower().startswith("image/") or live.is_legacy_only(node):
                continue
            if not self._inside_part(node):
                return True
        return False

    def _inside_part(self, node: cst.CSTNode) -> bool:
        parent = self.live.parent(node)
        if isinstance(parent, cst.DictElement) and string_value(parent.key) in ("inline_data", "inlineData"):
            return True
        return isinstance(parent, cst.Arg) and parent.keyword is not None and parent.keyword.value in (
            "inline_data", "inlineData")

    # --- loops ------------------------------------------------------------------------------
    def _loops(self) -> None:
        live = self.live
        one_turn: set[int] = set()  # sessions read only one turn at a time, never in a loop
        turns_looped: set[int] = set()
        for loop in live.message_loops():
            receiver = live.resolve_value(loop.iter)
            origin = None
            if isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Attribute):
                origin = live.session_origin(receiver.func.value)
            session = self._session_of(origin, raw=False, node=loop)
            if session is None:
                continue
            why = self._loop_around(loop, session, streaming=False)
            if why is not None:
                session.loops.append((loop, f"its receive loop runs {why}"))
                turns_looped.add(id(session))
            else:
                one_turn.add(id(session))
        for read, receiver in live.flow.single_reads:
            # `while self._running: message = await gen.__anext__()`: a receive loop by hand
            loop = self._loop_reading(read)
            session = self._session_of(live.session_origin(receiver), raw=False, node=read) if loop else None
            if session is None or self._reads_one_turn_by_hand(loop):
                continue
            why = self._loop_around(read, session, streaming=False)
            if why is not None:
                session.loops.append((loop, f"its receive loop runs {why}"))
                turns_looped.add(id(session))
        for call in live.flow.calls_named("send_realtime_input", "send", "start_stream", "send_client_content"):
            session = self._session_of(call.connect, raw=False, node=call.call)
            if session is None:
                continue
            if call.method == "start_stream":
                if not self._finite(_stream_arg(call.call)) and not self._reads_one_turn(call.call, session):
                    session.loops.append((call.call, "it streams input with start_stream"))
                continue
            if id(session) in one_turn and id(session) not in turns_looped \
                    and not self._holds_open(call.call, session):
                # receive() ends with the model's turn: input streamed until then (a spoken
                # question, an audio file) is one turn, not a session kept open
                continue
            why = self._loop_around(call.call, session, streaming=call.method != "send_client_content")
            if why is not None:
                session.loops.append((call.call, f"it sends input {why}"))
        for session in self.raw:
            # like receive() above: realtime input streamed until the first turn end is one turn
            one_turn_raw = self._raw_reads_one_turn(session)
            for frame in live.flow.frames:
                if self._raw_session_at(frame.send) is not session:
                    continue
                if frame.kind == "realtime_input" and not one_turn_raw:
                    why = self._loop_around(frame.send, session, streaming=True)
                    if why is not None:
                        session.loops.append((frame.send, f"it sends realtime input {why}"))
                elif frame.kind == "client_content":
                    # a console chat: each typed line a turn, for as long as the user goes on
                    # (as send_client_content in a loop does on an SDK session)
                    why = self._loop_around(frame.send, session, streaming=False)
                    if why is not None:
                        session.loops.append((frame.send, f"it sends user turns {why}"))
            for node in live.nodes(cst.While, cst.For):
                if self._raw_session_at(node) is session and self._reads_messages_forever(node):
                    session.loops.append((node, "it reads server messages in a loop that never ends"))
        self._used_through_holders()
        self._waited_open()
        self._inherited_loops()
        self._kept_open_elsewhere()
        self._pumped_elsewhere()
        self._same_name_sessions()
        self._same_attribute_sessions()

    def _inherited_loops(self) -> None:
        """A session block of a class that runs a method its imported base class defines to
        loop on the session until stopped (``ModuleFacts.mixin_long``: ``gather(self.
        receive_audio(), self.send_realtime())`` in a web subclass of a console analyzer): the
        session stays open as long as that loop runs."""
        live = self.live
        if live.facts is None or not live.facts.mixin_long:
            return
        for session in self.sdk:
            if session.loops or session.connect is None:
                continue
            opened = next((a for a in live.ancestors(session.anchor) if type(a) is cst.With), None)
            klass = next((a for a in live.ancestors(opened) if type(a) is cst.ClassDef), None) if opened else None
            looping = _inherited(klass, live.facts.mixin_long) if klass is not None else set()
            if not looping:
                continue
            call = next(_self_calls(opened.body, looping, nested=False), None)
            if call is not None:
                session.loops.append((call, f"its block runs `{call.func.attr.value}` of its base class, which "
                                            "uses the session in a loop until stopped"))

    def _waited_open(self) -> None:
        """A block that keeps its session on an object for other code (``self.live_session =
        session``: the class's send methods, called by a web handler) and then only waits in a
        ``while`` loop (``while self.is_active: await asyncio.sleep(0.1)``): the session stays
        open until someone stops it, however many turns its receive task reads. A one-shot
        script waiting for its turn's end keeps the session in no object."""
        live = self.live
        for session in self.sdk:
            if session.loops or session.connect is None:
                continue
            opened = next((a for a in live.ancestors(session.anchor) if type(a) is cst.With), None)
            if opened is None:
                continue
            names = {item.asname.name.value for item in opened.items
                     if item.asname is not None and type(item.asname.name) is cst.Name}
            if not names or not any(type(n) is cst.Assign and type(n.value) is cst.Name and n.value.value in names
                                    and any(type(t.target) is cst.Attribute for t in n.targets)
                                    for n in descendants(opened.body)):
                continue
            waiting = next((n for n in descendants(opened.body) if type(n) is cst.While and _only_waits(n)
                            and live.enclosing_function(n) is live.enclosing_function(session.anchor)), None)
            if waiting is not None and not self._set_by_a_reader(waiting.test):
                session.loops.append((waiting, "its block waits in a while loop until stopped, keeping it for other code"))
                continue
            # ... or waits for a task of its own that runs until stopped (`gather(self.receive(),
            # self.play_audio())`, the player looping `while self.is_session_active`), while
            # other code of the object sends on the session it keeps
            run = self._run_by(opened)
            looping = self._task_until_stopped(run)
            if looping is not None and self._sent_on_elsewhere(session, opened, run):
                session.loops.append((looping, "its block waits for a task that runs until stopped, keeping it for "
                                               "other code that sends on it"))

    def _waits_for_an_endless_task(self, function: cst.FunctionDef | None, before: int) -> bool:
        """``function`` awaits or gathers, before ``before``, a task it started on a function
        of this module that loops until stopped (``ws_task = create_task(read_from_websocket())``,
        then ``await asyncio.gather(ws_task, recv_task)``)."""
        live = self.live
        if function is None:
            return False
        for call in descendants(function.body):
            if type(call) is not cst.Call or live.order_of(call) >= before \
                    or (dotted_name(call.func) or "").split(".")[-1] != "gather":
                continue
            for arg in call.args:
                started = live.resolve_value(arg.value)
                target = self._task_function(started) if _starts_a_task(started) else None
                if target is not None and self._task_until_stopped([target]) is not None:
                    return True
        return False

    def _task_function(self, started: cst.BaseExpression) -> cst.FunctionDef | None:
        """The function of this module a task runs: ``f(...)`` of ``asyncio.create_task(f(...))``
        (or ``ensure_future``), or of the coroutine call itself."""
        if _starts_a_task(started):
            started = started.args[0].value  # type: ignore[attr-defined]
        return self.live.callee(started) if type(started) is cst.Call else None

    def _task_until_stopped(self, run: list[cst.FunctionDef]) -> cst.While | None:
        """A ``while`` loop until stopped (``while self.running:``, ``while True:``; not one that
        runs once, nor one whose flag the message reader sets) in a method of this module the
        block runs (``run``: it awaits, gathers, or starts it as a task)."""
        live = self.live
        for function in run:
            for loop in descendants(function.body):
                if type(loop) is cst.While and self._flag_loop(loop) and not _runs_once(loop) \
                        and not self._set_by_a_reader(loop.test) and not _stops_after_a_turn(live, loop) \
                        and not _ends_after_bounded_work(live, loop):
                    return loop
        return None

    def _flag_loop(self, loop: cst.While) -> bool:
        """``while True:``, ``while self.running:`` / ``while not self.stop:``, or a plain name
        the module only gives booleans (``while running:``); not ``while chunks:`` over a list."""
        test = loop.test
        if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
            test = test.expression
        if type(test) is cst.Name:
            if test.value == "True":
                return True
            values = self.live.values_of(test)
            return bool(values) and all(type(v) is cst.Name and v.value in ("True", "False") for v in values)
        return type(test) is cst.Attribute and type(test.value) is cst.Name and test.value.value == "self"

    def _run_by(self, opened: cst.With) -> list[cst.FunctionDef]:
        """The functions of this module the block runs, and those they run in turn."""
        live = self.live
        here = live.enclosing_function(opened)
        found: list[cst.FunctionDef] = []
        pending = [opened.body]
        while pending:
            for call in descendants(pending.pop()):
                if type(call) is not cst.Call:
                    continue
                function = live.callee(call)
                if function is not None and function is not here and all(f is not function for f in found):
                    found.append(function)
                    pending.append(function.body)
        return found

    def _sent_on_elsewhere(self, session: LiveSession, opened: cst.With, run: list[cst.FunctionDef]) -> bool:
        """Code the block does not run sends on its session (a handler of the object's other
        input calling ``self.live_session.send(...)``): not the block, nor a method it calls
        (``run``)."""
        live = self.live
        start, end = live.order_of(opened), live.end_of(opened)
        for call in live.flow.calls_named("send_realtime_input", "send", "send_client_content"):
            if self._session_of(call.connect, raw=False, node=call.call) is not session \
                    or start <= live.order_of(call.call) < end:
                continue
            function = live.enclosing_function(call.call)
            if all(function is not f for f in run):
                return True
        return False

    def _set_by_a_reader(self, test: cst.BaseExpression) -> bool:
        """A flag ``test`` reads (``self.done``, ``done``) is set by the code reading the
        server's messages: inside a loop over them (``if m.server_content.turn_complete:
        self.done = True``), after one at the top level of the function reading them
        (``async for m in session.receive(): ...`` then ``self.playing = False``), or by a
        receive loop that stops itself after a turn on that flag (:func:`_stops_after_a_turn`):
        the wait ends with the model's turn, as a one-shot's does. Only the flag's own: the same
        class's attribute, or a name of the same scope."""
        live = self.live
        code = cst.Module([]).code_for_node
        flags = {code(n) for n in descendants(test) if type(n) in (cst.Name, cst.Attribute)}
        klass = live.enclosing_class(test)
        scope = live.enclosing_function(test)
        for node in live.nodes(cst.Assign):
            targets = [t.target for t in node.targets if code(t.target) in flags]
            if not targets:
                continue
            own = all(live.enclosing_class(node) is klass if type(t) is cst.Attribute
                      else live.enclosing_function(node) is scope for t in targets)
            if not own:
                continue
            function = live.enclosing_function(node)
            line = live.parent(node)
            if any(type(a) is cst.For and live.is_message_loop(a)
                   or type(a) is cst.While and _stops_after_a_turn(live, a) for a in live.ancestors(node)):
                return True
            if function is not None and isinstance(function.body, cst.IndentedBlock) and line in function.body.body:
                index = list(function.body.body).index(line)
                if any(type(n) is cst.For and live.is_message_loop(n)
                       for earlier in function.body.body[:index] for n in descendants(earlier)):
                    return True
        return False

    def _used_through_holders(self) -> None:
        """A session handed to an object of another module's class (``live = LiveSession(
        session=s)``) and used through it: a call of one of its methods in a loop (``while
        live.is_active: ... await live.send_audio(chunk)``, also in a function the block calls
        with the object) keeps the session open as a send on it would. One pass over the
        module's calls for every session (a module of many sessions stays linear)."""
        live = self.live
        pending = {id(s.connect): s for s in self.sdk if not s.loops and s.connect is not None}
        if not pending:
            return
        held: dict[int, tuple[cst.Call, LiveSession]] = {}  # holder call → the session it holds
        for call in live.nodes(cst.Call):
            session = self._held_session(call, pending)
            if session is not None:
                held[id(call)] = (call, session)
        if not held:
            return
        named: dict[int, cst.Call] = {}  # per session, its first holder (named in the message)
        for call, session in held.values():
            named.setdefault(id(session), call)
        done: set[int] = set()
        for call in live.nodes(cst.Call):
            func = call.func
            if type(func) is not cst.Attribute:
                continue
            for holder in self._holders_in(func.value, held, 0):
                session = held[holder][1]
                if id(session) in done:
                    continue
                why = self._loop_around(call, session, streaming=True)
                if why is not None:
                    name = dotted_name(named[id(session)].func) or "an object"
                    session.loops.append((call, f"it uses the session through `{name}` {why}"))
                    done.add(id(session))

    def _held_session(self, call: cst.Call, sessions: dict[int, LiveSession]) -> LiveSession | None:
        """The session (of ``sessions``, by connect) ``call`` builds an object of a class this
        module cannot see with, as an argument (a method call on the session, or a function of
        this module, is not one)."""
        live = self.live
        session = None
        for arg in call.args:
            if type(arg.value) in _REFERENCES:
                origin = live.session_origin(arg.value)
                if origin is not None and id(origin) in sessions:
                    session = sessions[id(origin)]
                    break
        if session is None:
            return None
        if type(call.func) is cst.Attribute and live.session_origin(call.func.value) is not None:
            return None
        return session if live.callee(call) is None else None

    def _holders_in(self, expr: cst.BaseExpression, held: dict, depth: int) -> set[int]:
        """The holder calls of ``held`` whose object ``expr`` holds: through names, ``self``
        attributes, and the parameters this module's calls pass it in."""
        if depth > 3:
            return set()
        live = self.live
        value = live.resolve_value(expr)
        if id(value) in held:
            return {id(value)}
        if type(value) is cst.Name:
            found: set[int] = set()
            for passed in live.parameter_values(value) or ():
                found |= self._holders_in(passed, held, depth + 1)
            return found
        if type(value) is cst.Attribute:
            return {id(v) for v in map(live.resolve_value, live.attribute_values(value)) if id(v) in held}
        return set()

    def _same_name_sessions(self) -> None:
        """Sessions a function holds in the same name, one a fallback of the other (a connect
        with a smaller config in the ``except`` of the first's ``try``: `live_session = await
        manager.__aenter__()` in both): whatever keeps one open keeps the other, since the code
        after uses whichever it got."""
        groups: dict[tuple[int, str], list[LiveSession]] = defaultdict(list)
        for session in self.sdk:
            if session.connect is None:
                continue
            function = self.live.enclosing_function(session.connect.call)
            for name in self._held_in(session.connect.call):
                groups[(id(function), name)].append(session)
        for group in groups.values():
            for looped in [s for s in group if s.loops]:
                for session in group:
                    if not session.loops and self._falls_back(looped, session):
                        session.loops.extend(looped.loops)

    def _same_attribute_sessions(self) -> None:
        """Sessions an object keeps in one attribute (``self._session`` set by ``connect()`` and
        again by ``_reconnect()``): the object's loops use whichever it holds, so what keeps
        one open keeps the other, and the video its senders send goes to either."""
        by_connect = {id(s.connect): s for s in self.sdk if s.connect is not None}
        for origins in self.live.flow.sessions.shared.values():
            group = [by_connect[id(o)] for o in origins if id(o) in by_connect]
            looped = next((s for s in group if s.loops), None)
            filmed = next((s for s in group if s.video), None)
            for session in group:
                if looped is not None and not session.loops:
                    session.loops.extend(looped.loops)
                if filmed is not None and not session.video:
                    session.video.extend(filmed.video)

    def _falls_back(self, one: LiveSession, other: LiveSession) -> bool:
        """One session's connect sits in a ``try`` body and the other's in a handler of that
        ``try`` (the second is opened only when the first fails), or in the two branches of an
        ``if`` / ``else``: the code after holds whichever was opened. (Two sessions opened one
        after the other are two sessions.)"""
        live = self.live

        def within(session: LiveSession, block: cst.CSTNode) -> bool:
            return live.order_of(block) <= live.order_of(session.connect.call) < live.end_of(block)  # type: ignore[union-attr]

        for first, second in ((one, other), (other, one)):
            for ancestor in live.ancestors(first.connect.call):  # type: ignore[union-attr]
                if type(ancestor) is cst.FunctionDef:
                    break
                if type(ancestor) is cst.Try and within(first, ancestor.body) \
                        and any(within(second, handler) for handler in ancestor.handlers):  # type: ignore[attr-defined]
                    return True
                # `if full: manager = connect(cfg) else: manager = connect(minimal)`: one or the other
                if type(ancestor) is cst.If and ancestor.orelse is not None and within(first, ancestor.body) \
                        and within(second, ancestor.orelse):  # type: ignore[attr-defined]
                    return True
        return False

    def _held_in(self, connect: cst.Call) -> list[str]:
        """The names the session ``connect`` opens is held in: ``async with connect(...) as s``,
        ``s = await manager.__aenter__()`` after ``manager = connect(...)``."""
        live = self.live
        above = live.parent(connect)
        if type(above) is cst.WithItem and type(above.asname) is cst.AsName \
                and type(above.asname.name) is cst.Name:  # type: ignore[attr-defined]
            return [above.asname.name.value]  # type: ignore[attr-defined]
        if type(above) is not cst.Assign or len(above.targets) != 1 or type(above.targets[0].target) is not cst.Name:
            return []
        manager = above.targets[0].target.value  # type: ignore[attr-defined]
        statement = live.parent(live.parent(above))  # the manager's statement line, then its block
        lines = list(getattr(statement, "body", ()))
        line = live.parent(above)
        after = lines[lines.index(line) + 1:] if line in lines else []
        for following in after[:1]:  # the very next statement enters it
            for small in getattr(following, "body", ()):
                value = small.value if type(small) is cst.Assign else None
                value = value.expression if type(value) is cst.Await else None
                if type(value) is cst.Call and type(value.func) is cst.Attribute \
                        and value.func.attr.value == "__aenter__" and type(value.func.value) is cst.Name \
                        and value.func.value.value == manager and len(small.targets) == 1 \
                        and type(small.targets[0].target) is cst.Name:
                    return [small.targets[0].target.value]
        return []

    def _kept_open_elsewhere(self) -> None:
        """A session opened here and handed back, which another module keeps open in a loop
        that runs until stopped (``ModuleFacts.kept_open``: a server's handler calls the
        function that returns ``client.aio.live.connect(...)`` and streams for as long as the
        client stays)."""
        live = self.live
        if live.facts is None or not live.facts.kept_open:
            return
        for session in (*self.sdk, *self.raw):
            if session.loops:
                continue
            # (a raw client's: the method that builds its setup frame on the socket it keeps)
            function = live.enclosing_function(session.connect.call if session.connect is not None else session.anchor)
            where = _kept_open_at(live, function) if function is not None else None
            if where is not None:
                session.loops.append((session.anchor, f"{where} keeps it open in a loop that runs until stopped"))

    def _pumped_elsewhere(self) -> None:
        """A session this module hands to another module's function that uses it in a loop
        that runs until stopped (``ModuleFacts.session_pumps``: ``create_task(send_mic_loop(
        session, mic_queue))``, whose ``while True`` streams the microphone): the session stays
        open as long as that loop runs. A loop sending video there, or sending what it takes off
        a queue when this module (or one it imports) builds image blobs, makes it a video session."""
        from livemigrate.analysis.live_model import _argument

        live = self.live
        pumps = live.facts.session_pumps if live.facts is not None else ()
        if not pumps:
            return
        by_spelling: dict[str, list[tuple[str, int, str, str]]] = {}
        for spelling, parameter, position, where, sends in pumps:
            by_spelling.setdefault(spelling, []).append((parameter, position, where, sends))
        # (any call of the module handing it the session: also from a method the block calls with
        # it, `self._start_tasks(tg, session)` running `tg.create_task(send_realtime(session, q))`)
        calls = [call for call in live.nodes(cst.Call) if (dotted_name(call.func) or "") in by_spelling]
        images = None  # (asked once, when a loop sends what it is given)
        for session in self.sdk if calls else ():
            if session.connect is None:
                continue
            for call in calls:
                for parameter, position, where, sends in by_spelling[dotted_name(call.func) or ""]:
                    argument = _argument(call, position, parameter)
                    origin = live.session_origin(argument) if argument is not None else None
                    if origin is None or self._session_of(origin, raw=False, node=call) is not session:
                        continue
                    if not session.loops:
                        session.loops.append((call, f"it is handed to `{dotted_name(call.func)}`, which uses it in a "
                                                    f"loop that runs until stopped ({where})"))
                    if sends == "media" and images is None:
                        images = self._image_blobs_built() or bool(live.facts and live.facts.imports_image_blobs)
                    if not session.video and session.video_elsewhere is None and (sends == "video" or sends == "media"
                                                                                  and images):
                        session.video_elsewhere = where

    def _holds_open(self, send: cst.CSTNode, session: LiveSession) -> bool:
        """``send`` runs in a ``while`` loop inside the block that opened the session (``async
        with connect(...) as s:`` ... ``while True: await s.send_realtime_input(...)``), or in
        a function that block calls or starts as a task: the session stays open as long as
        that loop runs, however many turns its replies read."""
        live = self.live
        opened = next((a for a in live.ancestors(session.anchor) if type(a) is cst.With), None)
        if opened is None:
            # kept on the object (`self._session = await connect(...)`) and sent on by another
            # of its methods (`send_audio`, called for each chunk of a caller's endless loop):
            # it stays open as long as that caller goes on, whatever its receive loop reads
            return _sent_on_an_attribute(send) and live.enclosing_function(send) is not live.enclosing_function(session.anchor)
        inside = (live.order_of(opened), live.end_of(opened))
        function = live.enclosing_function(send)
        if function is not live.enclosing_function(session.anchor):
            # a sender the block starts (`tg.create_task(self._send_audio(session))`): its own
            # endless `while` keeps the session open the same way
            if function is None or not self._run_in_block(function, inside, 0):
                return False
            return any(self._keeps_going(a) for a in live.ancestors(send) if live.enclosing_function(a) is function)
        return any(inside[0] < live.order_of(a) < inside[1] and self._keeps_going(a) for a in live.ancestors(send))

    def _keeps_going(self, loop: cst.CSTNode) -> bool:
        """``loop`` goes on until something stops it: a ``while`` (not over a file it reads to
        its end), or an ``async for`` over what a client's socket sends (``async for raw in
        websocket.iter_text():``), which ends only when the client goes away."""
        if type(loop) is cst.While:
            return not self._reads_a_file(loop)
        return type(loop) is cst.For and _reads_a_client_socket(loop, self.live)

    def _run_in_block(self, function: cst.FunctionDef, inside: tuple[int, int], depth: int) -> bool:
        """The block at ``inside`` waits for ``function``: it calls it (awaited, gathered), or
        calls, two levels at most, a function that does (`await _bridge(ws, session)` whose
        `gather(_receive_from_client(), ...)` runs the sender)."""
        live = self.live
        for call in live.callers(function):
            if not self._waited_for(call):
                continue
            if inside[0] < live.order_of(call) < inside[1]:
                return True
            outer = live.enclosing_function(call)
            if depth < 2 and outer is not None and outer is not function and self._run_in_block(outer, inside, depth + 1):
                return True
        return False

    def _waited_for(self, call: cst.Call) -> bool:
        """The block waits for what ``call`` runs: it is awaited, gathered (``gather``,
        ``wait``), or started in a ``TaskGroup`` (which waits for every task). A task started
        with ``create_task`` alone may be cancelled once the reply is read (one question)."""
        live = self.live
        for ancestor in live.ancestors(call):
            kind = type(ancestor)
            if kind is cst.Await:
                return True
            if kind is cst.Call:
                called = (dotted_name(ancestor.func) or "").split(".")[-1]
                if called == "wait":
                    # `wait([..., receive()], return_when=FIRST_COMPLETED)`: the receiver ending
                    # with its turn ends the wait (FIRST_EXCEPTION waits on when it ends well)
                    return not self._ends_with_a_receiver(ancestor)
                if called == "gather":
                    return True
                if called in ("create_task", "ensure_future") and self._task_waited(ancestor):
                    return True
            if kind is cst.With and any("TaskGroup" in (dotted_name(getattr(item.item, "func", item.item)) or "")
                                        for item in ancestor.items):
                return True
            if kind is cst.FunctionDef or kind is cst.Lambda:
                return False
        return False

    def _ends_with_a_receiver(self, wait: cst.Call) -> bool:
        """``asyncio.wait(tasks, return_when=FIRST_COMPLETED)`` (the constant, or a name bound to
        it) whose literal list of tasks runs a function of the module with a receive loop (read
        one turn at a time: ``async for m in session.receive()``)."""
        live = self.live
        mode = next((live.resolve_value(a.value) for a in wait.args if a.keyword is not None
                     and a.keyword.value == "return_when"), None)
        if mode is None or not (dotted_name(mode) or string_value(mode) or "").endswith("FIRST_COMPLETED"):
            return False
        tasks = live.resolve_value(wait.args[0].value) if wait.args and wait.args[0].keyword is None else None
        if type(tasks) not in (cst.List, cst.Tuple, cst.Set):
            return False
        for element in tasks.elements:
            function = self._task_function(element.value)
            if function is not None and any(type(n) is cst.For and live.is_message_loop(n) for n in live.walk(function)):
                return True
        return False

    def _task_waited(self, start: cst.Call) -> bool:
        """The task ``start`` makes is named (``send_task = asyncio.create_task(...)``) and
        its function then awaits that name or waits for it to end (``asyncio.wait({send_task,
        recv_task})``, ``gather(send_task, ...)``). ``wait(..., return_when=FIRST_COMPLETED)``
        waits for the first task only: a receiver that ends with its turn ends the block; and a
        task the function cancels (``send_task.cancel()``, then ``await send_task``) is not
        waited for, unless it gathered or awaited it before (a cancel in cleanup, ``finally:``)."""
        live = self.live
        # (also a list of tasks, `tasks = [create_task(...), ...]` then `gather(*tasks)`)
        statement = live.parent(start)
        while type(statement) in (cst.Element, cst.List, cst.Tuple):
            statement = live.parent(statement)
        if type(statement) is not cst.Assign or len(statement.targets) != 1 \
                or type(statement.targets[0].target) is not cst.Name:
            return False
        name = statement.targets[0].target.value
        function = live.enclosing_function(start)
        after = live.order_of(statement)
        waited = False
        for node in live.walk(function if function is not None else live.module):
            if type(node) is not cst.Name or node.value != name or live.order_of(node) <= after:
                continue
            above = live.parent(node)
            if type(above) is cst.Subscript and above.value is node:
                continue  # `await tasks[1]`: one task of the list, not the sender
            if type(above) is cst.Attribute and above.attr.value == "cancel" or _cancels_each(above, node):
                if waited or self._waits_for_an_endless_task(function, live.order_of(node)):
                    # gathered first, cancelled after in cleanup (`finally:`), or cancelled once
                    # another task that runs until stopped ends (a socket reader): it ran as long
                    waited = True
                    break
                return False  # `send_task.cancel()` once the reply is read: awaited only to end it
            for ancestor in live.ancestors(node):
                kind = type(ancestor)
                if kind is cst.Call:
                    called = (dotted_name(ancestor.func) or "").split(".")[-1]
                    if called == "gather" or called == "wait" and not _waits_for_first(ancestor):
                        waited = True
                        break
                    if called == "wait":
                        break  # (FIRST_COMPLETED / FIRST_EXCEPTION)
                if kind is cst.Await:
                    waited = True
                    break
                if kind in (cst.SimpleStatementLine, cst.FunctionDef, cst.Lambda):
                    break
        return waited

    def _reads_a_file(self, loop: cst.While) -> bool:
        """The ``while`` stops at the end of a file its function (or the module) opens
        (``with open(path, "rb") as f: while chunk := f.read(n):``): it streams a recording
        that ends, not a live source."""
        scope = self.live.enclosing_function(loop) or self.live.module
        files = self._files.get(id(scope))
        if files is None:
            files = self._files[id(scope)] = _opened_files(list(descendants(scope)))
        return bool(files) and _reads_to_end(loop, files)

    def _loop_around(self, node: cst.CSTNode, session: LiveSession, streaming: bool, depth: int = 0) -> str | None:
        """Whether ``node`` runs in a loop inside the session: ``"in a while loop"`` /
        ``"in an async for loop"`` (streaming sends only), looked up in its function and,
        two levels up, where the function is called."""
        live = self.live
        start = live.order_of(session.anchor)
        for ancestor in live.ancestors(node):
            kind = type(ancestor)  # exact types (none has a subclass): isinstance through ABCMeta is slow
            if kind is cst.FunctionDef or kind is cst.Lambda or kind is cst.ClassDef:
                break
            if kind is cst.While:
                if not (live.order_of(ancestor) <= start < live.end_of(ancestor)) and not self._reads_a_file(ancestor) \
                        and not _runs_once(ancestor) and not _stops_after_a_turn(live, ancestor) \
                        and not _ends_after_bounded_work(live, ancestor) and not _ends_in_time(
                            live, ancestor, _VIDEO_SESSION_SECONDS if session.video else _CONNECTION_SECONDS) \
                        and not (depth and self._reopens(ancestor, session)):
                    return "in a while loop"
            elif (streaming and kind is cst.For and ancestor.asynchronous is not None
                  and not live.is_message_loop(ancestor) and not self._finite(ancestor.iter)):
                return "in an async for loop"
        function = live.enclosing_function(node)
        if function is None or depth >= 2:
            return None
        if live.order_of(function) <= start < live.end_of(function):
            # The function opens the session: a loop around its calls (a bounded retry, a
            # reconnect) opens a new session each time, it does not keep this one open.
            return None
        for caller in live.callers(function):
            why = self._loop_around(caller, session, streaming, depth + 1)
            if why is not None:
                return why
        return None

    def _reopens(self, loop: cst.While, session: LiveSession) -> bool:
        """A caller's ``loop`` also calls the function opening the session (``session =
        Voice(...); await session.connect(); await session.send_audio(chunk)`` each time
        round): each pass opens a session of its own."""
        live = self.live
        opener = live.enclosing_function(session.anchor)
        return opener is not None and any(type(n) is cst.Call and live.callee(n) is opener
                                          for n in descendants(loop.body))

    # --- finite streams -------------------------------------------------------------------
    def _finite(self, source: cst.BaseExpression | None, depth: int = 0) -> bool:
        """``source`` (what ``start_stream`` or a streaming loop runs over) is known to end:
        a literal collection or a name bound to one, ``range(...)``, ``iter``/``list``/``tuple``
        of a finite source, or a call of a generator of this module that reads a file to its
        end. A parameter, a queue, a microphone or camera, or any source the module cannot
        see ends when the program stops it: not finite."""
        if source is None or depth > 3:
            return False
        live = self.live
        value = live.resolve_value(source)
        if isinstance(value, (cst.List, cst.Tuple, cst.Set)):
            return True
        if not isinstance(value, cst.Call):
            return False
        name = dotted_name(value.func)
        if name == "range":
            return True
        if name in _WRAPPERS:
            return len(value.args) == 1 and self._finite(value.args[0].value, depth + 1)
        function = live.callee(value)
        return function is not None and self._finite_generator(function, depth + 1)

    def _finite_generator(self, function: cst.FunctionDef, depth: int) -> bool:
        """A generator function whose every loop ends: a ``while`` that stops at the end of a
        file it reads (``while chunk := wf.readframes(n)``, or ``if not chunk: break`` after
        ``chunk = f.read(n)``), a ``for`` over a finite source or an open file. A ``while
        True`` with no such stop runs until the program stops it."""
        nodes = list(descendants(function.body))
        if not any(isinstance(n, cst.Yield) for n in nodes):
            return False
        files = _opened_files(nodes)
        for node in nodes:
            if isinstance(node, cst.While) and not _reads_to_end(node, files):
                return False
            if isinstance(node, cst.For) and not (
                    isinstance(node.iter, cst.Name) and node.iter.value in files or self._finite(node.iter, depth)):
                return False
        return True

    def _reads_one_turn(self, stream: cst.Call, session: LiveSession) -> bool:
        """The loop over what ``start_stream`` yields leaves at the first turn end (``if
        msg.server_content and msg.server_content.turn_complete: break``) and runs in no
        loop itself: the session ends with the model's first turn, whatever the input."""
        loop = self.live.parent(stream)
        if not (isinstance(loop, cst.For) and loop.iter is stream):
            return False
        return self._loop_around(loop, session, streaming=False) is None and self._leaves_at_turn_end(loop)

    def _loop_reading(self, read: cst.BaseExpression) -> cst.While | None:
        """The ``while`` loop of its function that ``read`` (one message) runs in, when that is
        the innermost loop around it."""
        for ancestor in self.live.ancestors(read):
            kind = type(ancestor)
            if kind is cst.While:
                return ancestor
            if kind in (cst.For, cst.FunctionDef, cst.Lambda, cst.ClassDef):
                return None
        return None

    def _reads_one_turn_by_hand(self, loop: cst.While) -> bool:
        """A ``while`` reading one message at a time that ends with the turn (or the setup
        handshake): it leaves at a test of ``turn_complete`` / ``setup_complete``, or sets the
        flag its test reads there (``while not done:`` ... ``done = True``), or leaves when the
        stream runs out or goes quiet (``except StopAsyncIteration: break``; ``receive()``
        ends with the turn), as ``async for m in session.receive()`` does."""
        if self._leaves_at_turn_end(loop, _TURN_ENDS):
            return True
        for node in descendants(loop.body, skip=(cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            if type(node) is cst.ExceptHandler and node.type is not None and any(
                    type(n) in (cst.Name, cst.Attribute) and (dotted_name(n) or "").split(".")[-1] in _STREAM_ENDS
                    for n in descendants(node.type)) and any(
                    type(leave) in (cst.Break, cst.Return) and self._exits(leave, loop) for leave in descendants(node.body)):
                return True
        flagged = _loop_flag(loop)
        if flagged is None:
            return False
        flag, stop = flagged
        code = cst.Module([]).code_for_node
        return any(type(n) is cst.If and _tests_a_turn_end(n.test) and type(n.body) is cst.IndentedBlock
                   and any(_sets(line, flag, stop, code) for line in n.body.body)
                   for n in descendants(loop.body, skip=(cst.FunctionDef, cst.Lambda, cst.ClassDef)))

    def _leaves_at_turn_end(self, loop: cst.For | cst.While, ends: frozenset[str] = _TURN_COMPLETE) -> bool:
        """An ``if`` in ``loop`` tests the turn's end and leaves the loop."""
        return any(
            isinstance(n, cst.If) and _tests_a_turn_end(n.test, ends)
            and any(isinstance(leave, (cst.Break, cst.Return)) and self._exits(leave, loop)
                    for leave in descendants(n.body))
            for n in descendants(loop.body))

    def _raw_reads_one_turn(self, session: LiveSession) -> bool:
        """Every raw loop reading ``serverContent`` leaves at the first ``turnComplete``
        (``if content.get("turnComplete"): return audio``), and none runs in a loop itself:
        the raw session ends with the model's first turn."""
        readers = [loop for loop in self.live.nodes(cst.While, cst.For) if self._raw_session_at(loop) is session
                   and any(type(n) is cst.SimpleString and string_value(n) in _SERVER_CONTENT
                           for n in descendants(loop.body))]
        return bool(readers) and all(
            self._loop_around(loop, session, streaming=False) is None and any(
                isinstance(n, cst.If) and any(isinstance(t, cst.SimpleString) and string_value(t) in _TURN_COMPLETE
                                              for t in descendants(n.test))
                and any(isinstance(leave, (cst.Break, cst.Return)) and self._exits(leave, loop)
                        for leave in descendants(n.body))
                for n in descendants(loop.body))
            for loop in readers)

    def _reads_messages_forever(self, loop: cst.While | cst.For) -> bool:
        """A raw client's loop that reads ``serverContent`` (itself, or in a local function it
        hands what it received: ``self._handle(json.loads(raw))``) and has no ``break`` /
        ``return`` of its own but on a flag of the program's (``if not self._running: break``,
        see :meth:`_stops_on_a_flag`) or on a failure (``except ConnectionClosed: break``): it
        runs until the connection drops or the program stops."""
        if isinstance(loop, cst.For) and self.live.is_message_loop(loop):
            return False
        reads = False
        for node in descendants(loop.body):
            kind = type(node)  # exact types (none has a subclass): isinstance through ABCMeta is slow
            if (kind is cst.Break or kind is cst.Return) and self._exits(node, loop) \
                    and not self._stops_on_a_flag(node, loop) and not self._on_a_failure(node, loop):
                return False
            if kind is cst.SimpleString and string_value(node) in _SERVER_CONTENT \
                    or kind is cst.Attribute and node.attr.value == "serverContent":  # (pydantic mirror of the wire)
                reads = True
        return reads or self._hands_on_messages(loop)

    def _on_a_failure(self, leave: cst.CSTNode, loop: cst.While | cst.For) -> bool:
        """``leave`` is in an ``except`` handler inside ``loop`` (``except ConnectionClosed:
        break``): the loop ends when the connection fails, not when the conversation is done
        (measurement 56)."""
        for ancestor in self.live.ancestors(leave):
            if ancestor is loop:
                return False
            if type(ancestor) is cst.ExceptHandler:
                return True
        return False

    def _received_names(self, loop: cst.While | cst.For) -> set[str]:
        """The names a loop binds: its target and what its body assigns (the received frame,
        the decoded message)."""
        return names_bound(loop)

    def _hands_on_messages(self, loop: cst.While | cst.For) -> bool:
        """The loop receives from a socket (``async for raw in ws``, ``await ws.recv()``) and
        hands what it received to a local function that reads ``serverContent``. (A loop over
        anything else that calls such a function, ``for url in URLS: await talk(url)``, is not
        a receive loop.)"""
        if not _receives(loop):
            return False
        live, bound = self.live, self._received_names(loop)
        for node in descendants(loop.body):
            if not isinstance(node, cst.Call) or not any(n.value in bound for a in node.args for n in names_read(a)):
                continue
            function = live.callee(node)
            if function is not None and any(isinstance(n, cst.SimpleString) and string_value(n) in _SERVER_CONTENT
                                            for n in descendants(function.body)):
                return True
        return False

    def _stops_on_a_flag(self, leave: cst.CSTNode, loop: cst.While | cst.For) -> bool:
        """``leave`` sits under an ``if`` that tests only a flag of the program's (``if not
        self._running: break``): nothing it received, no call, and a flag that no function
        sets under a test of the turn's end (one set at ``turnComplete`` ends the session with
        its turn). Such a loop stops when the program stops, like ``while not stop.is_set()``."""
        live = self.live
        test = next((a.test for a in live.ancestors(leave) if isinstance(a, cst.If)), None)
        if test is None or not any(a is loop for a in live.ancestors(test)):
            return False
        # (one term of an `and` holding such a flag is enough: `if sc.get("turnComplete") and
        # self.ended: return` leaves once the program has ended the call, at that turn's end;
        # there the flag must be one other code sets while the loop runs, an attribute: a
        # parameter, `and not wait_for_tools`, is fixed for the whole loop)
        terms = bool_terms(test, cst.And)
        if len(terms) == 1:
            return self._is_program_flag(test, loop)
        return any(self._is_program_flag(term, loop) and _reads_an_attribute_flag(term) for term in terms)

    def _is_program_flag(self, test: cst.BaseExpression, loop: cst.While | cst.For) -> bool:
        """``test`` reads only flags of the program's that no function sets under a test of
        the turn's end (see :meth:`_stops_on_a_flag`)."""
        live = self.live
        nodes = list(descendants(test))
        if any(isinstance(n, (cst.Call, cst.Subscript)) for n in nodes) \
                or {n.value for n in names_read(test)} & self._received_names(loop):
            return False
        flags = [n.attr.value for n in nodes if isinstance(n, cst.Attribute)]
        flags += [n.value for n in nodes if isinstance(n, cst.Name) and n.value not in ("self", "not", "None")]
        stores = [store for flag in flags for store in live.bindings.attribute_stores.get(flag, [])]
        stores += [store for (_, name), found in live.bindings.name_stores.items() if name in flags for store in found]
        for store in stores:
            # (set where the turn's end is tested; one cleared when the socket fails, in an
            # `except`, stops nothing the turn ends)
            for ancestor in live.ancestors(store.target):
                if type(ancestor) in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
                    break
                if type(ancestor) is cst.If and self._tests_the_turn_end(ancestor.test):
                    return False
        return bool(flags)

    def _tests_the_turn_end(self, test: cst.BaseExpression) -> bool:
        """``test`` reads the turn's end, itself or through a name bound to that read (``done =
        content.get("turnComplete", False)``, then ``if done:``)."""
        if _tests_a_turn_end(test, _TURN_COMPLETE):
            return True
        return any(type(n) is cst.Name and any(_tests_a_turn_end(v, _TURN_COMPLETE)
                                               for v in self.live.bindings.resolve_name(n.value, n)[1])
                   for n in descendants(test))

    def _exits(self, leave: cst.CSTNode, loop: cst.CSTNode) -> bool:
        """``leave`` (a break / return) leaves ``loop``, not a loop nested in it."""
        if isinstance(leave, cst.Return):
            return True
        for ancestor in self.live.ancestors(leave):
            if ancestor is loop:
                return True
            if isinstance(ancestor, (cst.While, cst.For)):
                return False
        return False


def _stream_arg(call: cst.Call) -> cst.BaseExpression | None:
    """The ``stream=`` of ``start_stream(stream=..., mime_type=...)`` (or its first positional)."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "stream" or arg.keyword is None and not arg.star:
            return arg.value
    return None


def _opens_a_file(call: cst.BaseExpression) -> bool:
    """``open(path, "rb")``, ``wave.open(...)``, ``aiofiles.open(...)``, ``path.open("rb")``,
    ``io.BytesIO(...)``, ``sf.SoundFile(...)``: a file or buffer that ends. Not a device
    opened with ``.open(...)`` (``pyaudio.PyAudio().open(input=True, ...)``): a device is
    opened without a read mode."""
    if isinstance(call, cst.Await):
        call = call.expression
    if not isinstance(call, cst.Call):
        return False
    name = dotted_name(call.func) or (call.func.attr.value if isinstance(call.func, cst.Attribute) else "")
    last = name.rsplit(".", 1)[-1]
    if last in _BUFFERS or isinstance(call.func, cst.Name) and name == "open" or (
            name.split(".")[0] in _FILE_MODULES and last == "open"):
        return True
    if last != "open":
        return False
    modes = [a.value for a in call.args if a.keyword is None or a.keyword.value == "mode"]
    return any((string_value(m) or "").startswith("r") for m in modes)


def _opened_files(nodes: list[cst.CSTNode]) -> set[str]:
    """Names bound to a file the function opens (``with open(...) as f``, ``wf = wave.open(...)``)."""
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, cst.WithItem) and node.asname is not None and isinstance(node.asname.name, cst.Name) \
                and _opens_a_file(node.item):
            names.add(node.asname.name.value)
        elif isinstance(node, cst.Assign) and _opens_a_file(node.value):
            names |= {t.target.value for t in node.targets if isinstance(t.target, cst.Name)}
    return names


def _file_read(node: cst.BaseExpression | None, files: set[str]) -> bool:
    """``f.read(n)`` / ``wf.readframes(n)`` (awaited too) on a file the function opened."""
    if isinstance(node, cst.Await):
        node = node.expression
    return (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
            and node.func.attr.value.startswith("read") and isinstance(node.func.value, cst.Name)
            and node.func.value.value in files)


def _reads_a_client_socket(loop: cst.For, live) -> bool:
    """``async for raw in websocket.iter_text():`` / ``async for message in websocket:``: a loop
    over what a client's socket sends, which goes on until the client disconnects. A parameter
    named so counts when no call here passes it anything but such a socket (a framework calls
    the handler; ``from_browser(PROMPTS)`` iterates a list)."""
    if loop.asynchronous is None:
        return False
    iterated = loop.iter
    if type(iterated) is cst.Call and type(iterated.func) is cst.Attribute and not iterated.args:
        return iterated.func.attr.value in SOCKET_ITERATORS
    if type(iterated) is not cst.Name or iterated.value not in CLIENT_SOCKET_NAMES:
        return False
    passed = live.parameter_values(iterated)
    return passed is not None and all(type(v) is cst.Name and v.value in CLIENT_SOCKET_NAMES for v in passed)


def _reads_to_end(loop: cst.While, files: set[str]) -> bool:
    """The ``while`` stops at the end of a file: its test reads it (``while chunk :=
    f.read(n)``), or tests what its body reads into (``while data: ...; data =
    wf.readframes(n)``), or its body leaves on an empty read (``chunk = f.read(n)`` then ``if
    not chunk: break``)."""
    test = loop.test
    if isinstance(test, cst.NamedExpr) and _file_read(test.value, files):
        return True
    read_into = {t.target.value for n in descendants(loop.body) if isinstance(n, cst.Assign)
                 and _file_read(n.value, files) for t in n.targets if isinstance(t.target, cst.Name)}
    if isinstance(test, cst.Name) and test.value in read_into and all(
            _file_read(n.value, files) for n in descendants(loop.body) if isinstance(n, cst.Assign)
            and any(isinstance(t.target, cst.Name) and t.target.value == test.value for t in n.targets)):
        # `data = wf.readframes(n)`, then `while data: ...; data = wf.readframes(n)` (every write
        # of the name in the loop a read of the file: not `data = mic.read(n)` when it runs out)
        return True
    for node in descendants(loop.body):
        if (isinstance(node, cst.If) and isinstance(node.test, cst.UnaryOperation)
                and isinstance(node.test.operator, cst.Not) and isinstance(node.test.expression, cst.Name)
                and node.test.expression.value in read_into
                and any(isinstance(n, (cst.Break, cst.Return)) for n in descendants(node.body))):
            return True
    return False


def _binds_receiver(block: cst.With, node: cst.CSTNode, live: "LiveModel") -> bool:
    """``block`` enters the result of a call of a function this module does not define as the
    name ``node`` (a send, or a loop over ``x.receive()``) is a method call on."""
    call = node.iter if isinstance(node, cst.For) else node
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name)):
        return False
    name = call.func.value.value
    return any(isinstance(item.asname, cst.AsName) and isinstance(item.asname.name, cst.Name)
               and item.asname.name.value == name and isinstance(entered := _entered_call(item.item), cst.Call)
               and live.callee(entered) is None
               for item in block.items)


def _reads_an_attribute_flag(test: cst.BaseExpression) -> bool:
    """``test`` reads its flag as an attribute (``self.ended``, ``not self.call.active``)."""
    return any(isinstance(n, cst.Attribute) for n in descendants(test))


def _entered_call(item: cst.BaseExpression) -> cst.BaseExpression:
    """The call a ``with`` item enters (``await x`` in ``async with await x`` is rare)."""
    return item.expression if isinstance(item, cst.Await) else item
