"""Session flow: where Live sessions and their server messages go in one module, and when
each send runs.

A session is bound by ``async with <client>.aio.live.connect(...) as s`` (or
``s = await ....__aenter__()``, ``async with ... as self.session``), then travels: into other
names, onto ``self`` and out to other methods, into helper functions and coroutines started as
tasks (``asyncio.create_task(send_audio(session))``). Messages come out of
``async for m in session.receive()`` and travel the same ways. This module follows both, and
for each ``send_client_content`` decides whether it can run *before the first realtime
input* (a history seed) or *during the live exchange*; when the module cannot tell, it says
so (``"unknown"``), and rules choose how to report.

Raw WebSocket clients have no session object: their frames (``ws.send(json.dumps({...}))``)
are classified by their top-level key instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal

import libcst as cst

from livemigrate.analysis.bindings import Bindings, Mutation, parameter, string_value
from livemigrate.analysis.frame_targets import never_sent_to_live
from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.syntax import contains, descendants, exit_statement, is_expected_value
from livemigrate.migration import PER_FRAME_HOOKS

__all__ = [
    "Phase",
    "References",
    "SessionCall",
    "RawFrame",
    "SessionFlow",
    "LIVE_SESSION_METHODS",
    "annotated_parameters",
    "flow_edges",
    "send_phase",
]

Phase = Literal["seed", "during", "unknown"]
# (function or "Class.method", phase, "file.py:line"): how other modules call this one's
# functions (livemigrate.project's caller phases).
CallerPhases = tuple[tuple[str, str, str], ...]

# Methods only a google-genai AsyncSession has: any receiver calling them is a Live session.
LIVE_SESSION_METHODS = frozenset({
    "send_client_content", "send_realtime_input", "send_tool_response", "start_stream", "send_context_update",
})


def _session_method(call: cst.Call, method: str) -> bool:
    """``call`` (of ``method``) is one only a google-genai AsyncSession makes. ``start_stream``
    with no argument is PyAudio's ``Stream.start_stream()`` (a microphone opened beside the
    session), never the SDK's, which needs ``stream=`` and ``mime_type=``."""
    return method in LIVE_SESSION_METHODS and (method != "start_stream" or bool(call.args))


# What starts the realtime exchange.
_REALTIME_METHODS = frozenset({"send_realtime_input", "start_stream"})
# Session methods that yield the server's messages (LiveServerMessage).
_MESSAGE_METHODS = frozenset({"receive", "start_stream"})
_RAW_KINDS = {
    "setup": "setup",
    "clientContent": "client_content", "client_content": "client_content",
    "realtimeInput": "realtime_input", "realtime_input": "realtime_input",
    "toolResponse": "tool_response", "tool_response": "tool_response",
}
# The raw frames a client sends once the session is set up, in both spellings.
CLIENT_FRAME_KEYS = frozenset(key for key, kind in _RAW_KINDS.items() if kind != "setup")


def _key(node: cst.CSTNode, bindings: Bindings) -> tuple[str, int, str] | None:
    """A hashable identity for what ``node`` denotes: a local name or a ``self`` attribute."""
    if isinstance(node, cst.Name):
        scope, _ = bindings.resolve_name(node.value, node)
        # A name bound without a value the index keeps (`with ... as session`, a loop target)
        # is the one of the innermost scope that binds it: a nested function reading `session`
        # reads its enclosing function's, and a function's `async for response in ...` is not
        # the module's `response = client.models.generate_content(...)`.
        scopes = list(bindings.lookup_scopes(node))
        storing = next((s for s in scopes if (s, node.value) in bindings.name_stores), None)
        if scope is None:
            scope = storing if storing is not None else scopes[0] if scopes else bindings.module
        elif storing is not None and storing is not scope and scope in scopes \
                and scopes.index(storing) < scopes.index(scope):
            scope = storing
        return ("name", id(scope), node.value)
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
        if node.value.value == "self":
            klass = bindings.enclosing_class(node)
            return ("attr", id(klass), node.attr.value) if klass is not None else None
        # `loop.session`: an attribute of an object a name holds (another module's class that
        # keeps its session there, livemigrate.project), keyed by that name's binding
        owner = _key(node.value, bindings)
        return ("oattr", owner[1], f"{owner[2]}.{node.attr.value}") if owner is not None else None
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Attribute) \
            and isinstance(node.value.value, cst.Name) and node.value.value.value == "self":
        # `self.live_loop.session`: the same, for an object kept on `self`
        klass = bindings.enclosing_class(node)
        return ("oattr", id(klass), f"self.{node.value.attr.value}.{node.attr.value}") if klass is not None else None
    return None


Key = tuple[str, int, str]


def _reads_server_content(body: cst.CSTNode, name: str) -> bool:
    """``body`` reads a field of ``<name>``'s server content (``turn_complete``, ``model_turn``...:
    not Lyria's ``audio_chunks``), in any spelling :func:`field_reads` knows (``getattr(r,
    "server_content", None)``), also through a name bound to it (``sc = r.server_content``)."""
    from livemigrate.analysis.server_fields import field_reads, got_attribute

    aliases = {target.target.value: name for node in descendants(body) if type(node) is cst.Assign
               and (spelled := got_attribute(node.value)) is not None and spelled[1] == "server_content"
               and type(spelled[0]) is cst.Name and spelled[0].value == name
               for target in node.targets if type(target.target) is cst.Name}
    return any(read.base == name and read.field.startswith("server_content.") and not read.raw
               for read in field_reads(body, aliases))


def _awaited(value: cst.BaseExpression) -> cst.BaseExpression:
    """What ``await x`` gives ``x`` of, also under a timeout: ``await asyncio.wait_for(x,
    timeout=30)`` returns what it awaits."""
    if isinstance(value, cst.Await):
        value = value.expression
        if (isinstance(value, cst.Call) and value.args and value.args[0].keyword is None
                and (dotted_name(value.func) or "").rpartition(".")[2] == "wait_for"):
            value = value.args[0].value
    return value


def _entered(value: cst.BaseExpression) -> cst.BaseExpression:
    """``x`` for ``await x.__aenter__()`` / ``x.__enter__()`` / ``await x``: entering a
    context manager by hand gives what ``async with x as s`` would; also under a timeout,
    ``await asyncio.wait_for(x.__aenter__(), timeout=30)``, which returns what it awaits."""
    value = _awaited(value)
    if (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
            and value.func.attr.value in ("__aenter__", "__enter__") and not value.args):
        return value.func.value
    return value


def _sources(value: cst.BaseExpression, b: Bindings, depth: int = 0) -> list[Key]:
    """The names and ``self`` attributes whose value ``value`` passes on: itself, a context
    manager it enters, or what the local function it calls returns (``self.s = await
    self._open()``; followed two helpers deep)."""
    inner = _entered(value)
    key = _key(inner, b)
    if key is not None:
        return [key]
    if isinstance(inner, cst.Call) and depth < 2:
        function = b.callee(inner)
        if function is not None:
            return [k for returned in b.returns.get(function, ()) for k in _sources(returned, b, depth + 1)]
    return []


def flow_edges(b: Bindings) -> dict[Key, list[Key]]:
    """Where a value held by a name or ``self`` attribute goes next: into other names and
    attributes it is assigned to, and into the parameters of the functions it is passed to.
    Built once per module; following it is one breadth-first walk (it was a fixed point over
    every assignment and call, repeated up to 8 times per kind of value)."""
    edges: dict[Key, list[Key]] = {}
    for (scope, name), values in b.assignments.items():
        for value in values:
            for source in _sources(value, b):
                edges.setdefault(source, []).append(("name", id(scope), name))
    for (klass, attr), values in b.attributes.items():
        for value in values:
            for source in _sources(value, b):
                edges.setdefault(source, []).append(("attr", id(klass), attr))
    # `conv = Conversation(live=live)`: a class built with the value as a keyword keeps it under
    # that name (a dataclass field), as `conv.live = live` does (below)
    for (scope, name), values in b.assignments.items():
        for value in values:
            if type(value) is not cst.Call or not _class_name(value.func):
                continue
            for arg in value.args:
                if arg.keyword is not None:
                    for source in _sources(arg.value, b):
                        edges.setdefault(source, []).append(("oattr", id(scope), f"{name}.{arg.keyword.value}"))
    # `state.live = live`: an attribute of an object a name holds (another module's dataclass
    # keeping the session for the functions it is passed to, see References.propagate)
    for stores in b.attribute_stores.values():
        for store in stores:
            target = store.target
            if store.value is None or type(target) is not cst.Attribute or type(target.value) is not cst.Name \
                    or target.value.value == "self":
                continue
            key = _key(target, b)
            for source in _sources(store.value, b) if key is not None else ():
                edges.setdefault(source, []).append(key)
    rebound: dict[tuple[int, str], bool] = {}
    for call in b.calls:
        for (function, name), arg in _bound_parameters(call, b):
            source = _key(arg, b)
            if source is None:
                continue
            # a parameter the function binds again to something else (`session = Recorder()`,
            # `conv = Conversation(live=Recorder())`): which value a use of it sees is not
            # followed here, so it is not taken for the argument
            if (id(function), name) not in rebound:
                rebound[(id(function), name)] = any(not _mentions(value, name)
                                                    for value in b.assignments.get((function, name), ()))
            if not rebound[(id(function), name)]:
                edges.setdefault(source, []).append(("name", id(function), name))
    return edges


def _mentions(node: cst.CSTNode, name: str) -> bool:
    """``node`` reads the name ``name`` somewhere (``session or default``). (``contains``
    walks without recursing: a prompt of hundreds of concatenated strings is that deep.)"""
    return contains(node, lambda n: type(n) is cst.Name and n.value == name, skip=())


@dataclass
class References:
    """Names and ``self`` attributes that denote one kind of value (sessions, messages)."""

    bindings: Bindings
    keys: dict[tuple[str, int, str], object] = field(default_factory=dict)  # key -> origin
    edges: dict[Key, list[Key]] | None = None
    # A ``self`` attribute holding values of several origins (a reconnect storing its new
    # session where the first one was): key -> every origin, the first one ``keys`` gives.
    shared: dict[Key, list[object]] = field(default_factory=dict)

    def add(self, node: cst.CSTNode, origin: object = None) -> bool:
        """Note that ``node`` (a name or ``self`` attribute) holds such a value; False if known."""
        key = _key(node, self.bindings)
        return key is not None and self.add_key(key, origin)

    def add_key(self, key: tuple[str, int, str], origin: object = None) -> bool:
        """:meth:`add` for a key already computed; False if known."""
        if key in self.keys:
            self._share(key, origin)
            return False
        self.keys[key] = origin
        return True

    def _share(self, key: Key, origin: object) -> None:
        held = self.keys[key]
        if key[0] == "attr" and origin is not None and held is not None and origin is not held:
            origins = self.shared.setdefault(key, [held])
            if origin not in origins:
                origins.append(origin)

    def matches(self, node: cst.CSTNode) -> bool:
        """``node`` holds such a value."""
        key = _key(node, self.bindings)
        return key is not None and key in self.keys

    def origin(self, node: cst.CSTNode) -> object:
        """Where the value ``node`` holds came from (a ``LiveConnect``), when known."""
        key = _key(node, self.bindings)
        return self.keys.get(key) if key is not None else None

    def propagate(self) -> None:
        """Follow values into other names, ``self`` attributes and called functions'
        parameters until nothing new is found."""
        edges = self.edges if self.edges is not None else flow_edges(self.bindings)
        queue = list(self.keys)
        for key in queue:
            origin = self.keys[key]
            for target in [*edges.get(key, ()), *_carried(key, edges)]:
                # A receiver seen only by its methods (origin None) learns where it came from.
                if target not in self.keys or (self.keys[target] is None and origin is not None):
                    self.keys[target] = origin
                    queue.append(target)
                else:
                    self._share(target, origin)


def _class_name(func: cst.BaseExpression) -> bool:
    """``Conversation`` / ``state.Conversation``: a name written as a class's (capitalised, not
    all capitals: ``DEFAULTS(...)`` is rare, and a constant)."""
    last = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""
    return last[:1].isupper() and not last.isupper()


def _carried(key: Key, edges: dict[Key, list[Key]]) -> Iterator[Key]:
    """Where an attribute of an object goes with the object: ``state.live`` holds the session,
    and ``state`` is passed to ``pump(ws, state)`` or kept as ``self.state``: there
    ``state.live`` / ``self.state.live`` holds it too."""
    kind, scope, path = key
    owner, _, attribute = path.partition(".")
    if kind != "oattr" or owner == "self" or not attribute or "." in attribute:
        return
    for target in edges.get(("name", scope, owner), ()):
        if target[0] == "name":
            yield ("oattr", target[1], f"{target[2]}.{attribute}")
        elif target[0] == "attr":
            yield ("oattr", target[1], f"self.{target[2]}.{attribute}")


def _bound_parameters(call: cst.Call, b: Bindings) -> Iterator[tuple[tuple[cst.FunctionDef, str], cst.BaseExpression]]:
    """(function, parameter name) for each argument of a call to a function of this module,
    or of a construction of one of its classes (``GeminiReaderTask(state, session)``: its
    ``__init__``'s parameters, which keep the session as ``self.session``)."""
    function = b.callee(call)
    built = False
    if function is None and type(call.func) is cst.Name:
        klass = b.class_named(call.func.value, call)
        function = b.functions.get((klass, "__init__")) if klass is not None else None
        built = True
    if function is None:
        return
    params = [*function.params.posonly_params, *function.params.params]
    if params and params[0].name.value in ("self", "cls") and (built or isinstance(call.func, cst.Attribute)):
        params = params[1:]
    positional = [a for a in call.args if a.keyword is None and not a.star]
    for param, arg in zip(params, positional):
        yield (function, param.name.value), arg.value
    for arg in call.args:
        if arg.keyword is not None and parameter(function, arg.keyword.value) is not None:
            yield (function, arg.keyword.value), arg.value


@dataclass(eq=False)
class SessionCall:
    """A method call on a Live session (``session.send_client_content(...)`` etc.)."""

    call: cst.Call
    method: str
    receiver: cst.BaseExpression
    connect: object | None  # the LiveConnect the session came from, when known
    phase: Phase = "unknown"
    why: str = ""


@dataclass(eq=False)
class RawFrame:
    """A frame a raw WebSocket client sends: ``ws.send(json.dumps({"clientContent": ...}))``."""

    send: cst.CSTNode  # where the frame is built (its position decides its phase)
    frame: cst.Dict
    kind: str  # setup | client_content | realtime_input | tool_response
    element: cst.DictElement  # the top-level key element ("clientContent": {...})
    phase: Phase = "unknown"
    why: str = ""


class SessionFlow:
    """Sessions, session calls with their phase, Live messages and raw frames of a module."""

    def __init__(self, bindings: Bindings, connects: list, uses_genai: bool, raw_client: bool,
                 handed: list[tuple[cst.FunctionDef, str, object]] | None = None,
                 kept: list[tuple[str, str]] | None = None,
                 entered: list[tuple[str, object]] | None = None) -> None:
        self.b = bindings
        edges = flow_edges(bindings)
        self.sessions = References(bindings, edges=edges)
        self.messages = References(bindings, edges=edges)
        self.calls: list[SessionCall] = []
        self.frames: list[RawFrame] = []
        self.receive_loops: list[cst.For] = []
        # Reads of one server message at a time (``await gen.__anext__()``), with the session
        # expression each reads from: in a loop, they are a receive loop written by hand.
        self.single_reads: list[tuple[cst.BaseExpression, cst.BaseExpression]] = []
        # Per-module answers the phase of every send reuses (each was a scan per send).
        self._realtime_sends: set[int] = set()
        self._connect_calls: set[int] = set()
        self._session_functions: set[int] | None = None
        self._streams: dict[int, bool] = {}
        self._replies: dict[int, bool] = {}
        self._caller_phase: dict[int, tuple[Phase, str]] = {}
        self._seed_sessions(connects, uses_genai)
        # Parameters another module of the run passes a Live session in (livemigrate.project).
        for function, name, origin in handed or ():
            key = ("name", id(function), name)
            if self.sessions.keys.get(key, origin) is None:
                # seeded here by its name alone (a `session` parameter of a genai module): the
                # run knows where it comes from
                self.sessions.keys[key] = origin
            self.sessions.add_key(key, origin)
        # Objects of another module's class that keeps its session in an attribute.
        for spelling, attribute in kept or ():
            for (scope, name), values in bindings.assignments.items():
                if any(type(v) is cst.Call and dotted_name(v.func) == spelling for v in values):
                    self.sessions.add_key(("oattr", id(scope), f"{name}.{attribute}"))
            for (klass, name), values in bindings.attributes.items():
                if any(type(v) is cst.Call and dotted_name(v.func) == spelling for v in values):
                    self.sessions.add_key(("oattr", id(klass), f"self.{name}.{attribute}"))
        # What a `with` enters of another module's function handing back a session it opens
        # (`async with await open_live(key) as live:`).
        openers = dict(entered or ())
        for item in self._walk(cst.WithItem) if openers else ():
            value = _awaited(item.item)
            if type(value) is cst.Name:
                # `session_ctx = start_live_session()`, then `async with session_ctx as session:`
                _, bound = self.b.resolve_name(value.value, value)
                value = _awaited(bound[0]) if len(bound) == 1 else value
            origin = openers.get(dotted_name(value.func) or "") if type(value) is cst.Call else None
            if origin is not None and item.asname is not None:
                self.sessions.add(item.asname.name, origin)
        self.sessions.propagate()
        self._collect_calls(uses_genai)
        self._seed_messages()
        self.messages.propagate()
        if raw_client:
            self._collect_frames()
        self._realtime_sends = {id(f.send) for f in self.frames if f.kind == "realtime_input"}
        self._connect_calls = {id(origin.call) for origin in self.sessions.keys.values() if hasattr(origin, "call")}
        for call in self.calls:
            if call.method in ("send_client_content", "send"):
                call.phase, call.why = self.phase_of(call.call)
        for frame in self.frames:
            if frame.kind == "client_content":
                frame.phase, frame.why = self.phase_of(frame.send)

    # --- discovery --------------------------------------------------------------------
    def _seed_sessions(self, connects: list, uses_genai: bool) -> None:
        for connect in connects:
            for ancestor in self.b.ancestors(connect.call):
                if isinstance(ancestor, cst.WithItem):
                    if ancestor.asname is not None:
                        self.sessions.add(ancestor.asname.name, connect)
                    break
                if isinstance(ancestor, (cst.Assign, cst.AnnAssign)):
                    targets = ancestor.targets if isinstance(ancestor, cst.Assign) else [ancestor]
                    for target in targets:
                        self.sessions.add(target.target, connect)
                    break
                if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
                    break
        # Parameters annotated as a Live session.
        for function in self.b.functions.values():
            for param in annotated_parameters(function, "AsyncSession"):
                self.sessions.add_key(("name", id(function), param.name.value))
        if not uses_genai:
            return
        # A receiver of AsyncSession-only methods, or of send(input=..., end_of_turn=...)
        # (that signature is the SDK's), is a session, wherever it came from.
        for call in self.b.calls:
            func = call.func
            if not isinstance(func, cst.Attribute):
                continue
            legacy_send = func.attr.value == "send" and any(
                a.keyword is not None and a.keyword.value in ("input", "end_of_turn") for a in call.args)
            if (_session_method(call, func.attr.value) or legacy_send) and self.b.callee(call) is None:
                # (a method of this module's own under the SDK's name, `self.send_client_content(text)`
                # of a wrapper class, says nothing of its receiver)
                self.sessions.add(func.value)
        # ... and so is the receiver of a `receive()` whose messages the loop reads the server
        # content of (`async for r in session.receive(): ... r.server_content.turn_complete`):
        # a session another module's object hands in (`self.session_manager.session`). Not in a
        # module with a `receive` of its own: there `self.receive()` / `conversation.receive()`
        # may be a wrapper's generator, whose object is no session.
        own_receive = any(name == "receive" for _, name in self.b.functions)
        for loop in () if own_receive else self._walk(cst.For):
            iterated = loop.iter
            if (loop.asynchronous is not None and type(iterated) is cst.Call and not iterated.args
                    and type(iterated.func) is cst.Attribute and iterated.func.attr.value == "receive"
                    and type(loop.target) is cst.Name and _reads_server_content(loop.body, loop.target.value)):
                self.sessions.add(iterated.func.value)

    def _collect_calls(self, uses_genai: bool) -> None:
        for call in self.b.calls:
            func = call.func
            if type(func) is cst.Name:
                # `send = getattr(self._session, "send_client_content")` (also under `cast(...)`),
                # then `await send(turns=...)`: a session's method called through a name
                bound = self._bound_method(func)
                if bound is not None and self.sessions.matches(bound[0]) and _session_method(call, bound[1]):
                    self.calls.append(SessionCall(call, bound[1], bound[0], self.sessions.origin(bound[0])))
                continue
            if not isinstance(func, cst.Attribute):
                continue
            method = func.attr.value
            known = self.sessions.matches(func.value)
            if (_session_method(call, method) and (known or uses_genai) or (
                    method in ("send", "receive") and known)) and self.b.callee(call) is None:
                # (not a method of this module's own that takes the SDK's name)
                self.calls.append(SessionCall(call, method, func.value, self.sessions.origin(func.value)))

    def _bound_method(self, name: cst.Name) -> tuple[cst.BaseExpression, str] | None:
        """(receiver, method) of the bound method ``name`` holds: ``getattr(obj, "method")`` or
        ``obj.method``, also wrapped in ``typing.cast(T, ...)``."""
        value = self.b.value_of(name)
        if value is name:
            return None
        if type(value) is cst.Call and dotted_name(value.func) in ("cast", "typing.cast") and len(value.args) == 2:
            value = value.args[1].value
        if type(value) is cst.Attribute:
            return value.value, value.attr.value
        if type(value) is cst.Call and type(value.func) is cst.Name and value.func.value == "getattr" \
                and len(value.args) == 2:
            method = string_value(value.args[1].value)
            return (value.args[0].value, method) if method else None
        return None

    def iterates_receive(self, loop: cst.For) -> bool:
        """``async for m in <session>.receive()``, also through a name
        (``turn = session.receive(); async for m in turn``), or over ``session.start_stream(...)``."""
        iterator = self._receive_call(loop.iter)
        return iterator is not None

    def _receive_call(self, node: cst.BaseExpression) -> cst.Call | None:
        """The session call ``node`` reads server messages from: ``receive()``, or
        ``start_stream(...)``, which streams input and yields the server's messages as it goes;
        also a name rebound only to such calls (``gen = session.receive()`` before a loop, and
        again when a turn's generator ends)."""
        node = self.b.value_of(node)
        if type(node) is cst.Name:
            _, values = self.b.resolve_name(node.value, node)
            calls = [self._message_method_call(v) for v in values]
            return calls[0] if calls and all(calls) else None
        return self._message_method_call(node)

    def _message_method_call(self, node: cst.BaseExpression) -> cst.Call | None:
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
                and node.func.attr.value in _MESSAGE_METHODS and self.sessions.matches(node.func.value):
            return node
        return None

    def _single_message(self, value: cst.BaseExpression) -> cst.BaseExpression | None:
        """The session ``value`` reads one server message from: ``await session._receive()``,
        ``await anext(session.receive())``, ``await session.receive().__anext__()`` (also under
        ``asyncio.wait_for(..., timeout=...)``); None when it reads none."""
        value = _awaited(value)
        if not isinstance(value, cst.Call):
            return None
        func = value.func
        if isinstance(func, cst.Attribute) and func.attr.value == "_receive":
            return func.value if self.sessions.matches(func.value) else None
        receive = None
        if isinstance(func, cst.Name) and func.value == "anext" and value.args:
            receive = self._receive_call(value.args[0].value)
        elif isinstance(func, cst.Attribute) and func.attr.value == "__anext__":
            receive = self._receive_call(func.value)
        return receive.func.value if receive is not None else None

    def _seed_messages(self) -> None:
        for (scope, name), values in self.b.assignments.items():
            read = [(v, session) for v in values if (session := self._single_message(v)) is not None]
            if read:
                self.messages.add_key(("name", id(scope), name))
                self.single_reads.extend(read)
        streams: set[tuple[int, str]] = set()  # (function, parameter) holding a stream of messages
        for function in self.b.functions.values():
            for param in annotated_parameters(function, "LiveServerMessage"):
                if _iterator_annotation(param.annotation.annotation):  # AsyncIterator[LiveServerMessage]
                    streams.add((id(function), param.name.value))
                else:
                    self.messages.add_key(("name", id(function), param.name.value))
        for node in self._walk(cst.For):
            iterator = self._receive_call(node.iter)
            if iterator is not None:
                self.receive_loops.append(node)
                self.messages.add(node.target, self.sessions.origin(iterator.func.value))
            elif streams and type(node.iter) is cst.Name:
                scope, values = self.b.resolve_name(node.iter.value, node)
                if not values and (id(scope), node.iter.value) in streams:
                    # `async for m in responses` over a parameter annotated as a stream of
                    # server messages (the caller passes `session.receive()`)
                    self.receive_loops.append(node)
                    self.messages.add(node.target, None)

    def _walk(self, kind: type) -> Iterator:
        return iter(self.b.nodes_of((kind,)))

    def _collect_frames(self) -> None:
        """Frames of a raw client: every dict literal whose key is a Live client message
        (``{"clientContent": ...}``), wherever it is sent from (inline ``ws.send(json.dumps(
        ...))`` or a ``self._send(payload)`` helper)."""
        for frame in self.b.dicts:
            if is_expected_value(frame, self.b.parent):
                continue  # `assert sent == [{"clientContent": ...}]` checks a frame, sends none
            if any(isinstance(e, cst.DictElement) and string_value(e.key) in _RAW_KINDS for e in frame.elements) \
                    and never_sent_to_live(frame, self.b):
                continue  # a mock returns it, or it goes to the app's own socket
            for element in frame.elements:
                if isinstance(element, cst.DictElement):
                    kind = _RAW_KINDS.get(string_value(element.key) or "")
                    if kind:
                        self.frames.append(RawFrame(frame, frame, kind, element))
                        break

    def _frame_dict(self, node: cst.BaseExpression) -> cst.Dict | None:
        # json.dumps(X), json.dumps(X).encode(), X itself (send_json)
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value == "encode" and isinstance(func.value, cst.Call):
                return self._frame_dict(func.value)
            if (dotted_name(func) or "").split(".")[-1] in ("dumps",) and node.args:
                return self._frame_dict(node.args[0].value)
            return None
        if isinstance(node, cst.Dict):
            return node
        if isinstance(node, cst.Name):
            _, values = self.b.resolve_name(node.value, node)
            dicts = [v for v in values if isinstance(v, cst.Dict)]
            return dicts[0] if len(dicts) == 1 else None
        return None

    # --- phase ------------------------------------------------------------------------
    def _starts_exchange(self, node: cst.CSTNode) -> bool:
        """A call that sends realtime input, reads the model's reply (``receive()``), or
        sends a raw realtime frame. (A raw ``ws.recv()`` does not count: the first one
        reads ``setupComplete``.)"""
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            if method in _REALTIME_METHODS or method == "receive":
                return True
        return id(node) in self._realtime_sends

    def _exchange_calls_in(self, function: cst.CSTNode | None) -> list[cst.Call]:
        return [call for call in self.b.calls_in.get(id(function), []) if self._starts_exchange(call)]

    def _function_of(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        if id(node) in self.b.call_function:
            return self.b.call_function[id(node)]
        return self.b.enclosing_function(node)

    def _streams_realtime(self, function: cst.FunctionDef, depth: int = 0) -> bool:
        """``function`` (or what it calls in this module) sends realtime input."""
        if depth > 3:
            return False
        key = id(function) * 8 + depth  # the answer depends on how much depth is left
        if key not in self._streams:
            self._streams[key] = False  # a recursive call back to it adds nothing
            self._streams[key] = any(
                (isinstance(call.func, cst.Attribute) and call.func.attr.value in _REALTIME_METHODS)
                or id(call) in self._realtime_sends
                or ((callee := self.b.callee(call)) is not None and callee is not function
                    and self._streams_realtime(callee, depth + 1))
                for call in self.b.calls_in.get(id(function), []))
        return self._streams[key]

    def phase_of(self, node: cst.CSTNode, depth: int = 0, callers: "CallerPhases | None" = None) -> tuple[Phase, str]:
        """When ``node`` (a send) runs relative to the first realtime input, and why.
        ``callers``: how other modules of the run call this module's functions
        (:func:`caller_phases`); without it, only this module's calls count."""
        function = self._function_of(node)
        for ancestor in self.b.ancestors(node):
            if ancestor is function or isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
                break
            if isinstance(ancestor, cst.With) and self._opens_session(ancestor):
                break  # a retry loop around connect repeats the whole session, seed included
            if isinstance(ancestor, cst.For) and (ancestor in self.receive_loops or _is_receive_iteration(ancestor)
                                                  or self.iterates_receive(ancestor)):
                return "during", "it runs inside the receive loop"
            if isinstance(ancestor, cst.While):
                return "during", "it runs in a loop, once per turn"
            if isinstance(ancestor, cst.For) and self._reads_replies(ancestor.body):
                return "during", "it runs in a loop that also reads the replies"
        order = self.b.order[id(node)]
        for call in self._exchange_calls_in(function):
            if self.b.order[id(call)] < order and not self._in_exiting_branch(call, node, function):
                return "during", "realtime input was already sent (or a reply read) before it"
        for call in self.b.calls_in.get(id(function), []):
            if self.b.order[id(call)] > order:
                continue
            callee = self._task_target(call)
            if callee is not None and self._streams_realtime(callee):
                return "during", f"`{callee.name.value}` already streams realtime input as a task"
        if function is not None and function.name.value in PER_FRAME_HOOKS and self._once_guarded(node, function):
            # (a framework's per-frame hook sending under a flag its branch sets: the first
            # context frame's history, `if not self._seeded: self._seeded = True; ...`, runs once)
            return "unknown", f"`{function.name.value}` sends it once, under a flag it sets"
        if function is None or self._binds_session(function):
            if callers and function is not None:
                # opened here, but also called from other modules: a loop there repeats it
                during = self._external(function, callers, "during")
                if during:
                    return "during", f"`{function.name.value}` is also called per message ({during})"
            return "seed", "it runs right after connect, before any realtime input"
        return self._phase_by_callers(function, depth, callers)

    def _once_guarded(self, node: cst.CSTNode, function: cst.FunctionDef) -> bool:
        """``node`` sits in the branch of an ``if`` (or ``elif``) of ``function`` whose test
        reads an attribute the branch itself assigns (``if not self._context: self._context =
        context; ...``): it runs the first time only."""
        for ancestor in self.b.ancestors(node):
            if ancestor is function:
                return False
            if isinstance(ancestor, cst.If):
                tested = {n.attr.value for n in descendants(ancestor.test, skip=()) if isinstance(n, cst.Attribute)}
                assigned = {t.target.attr.value for n in descendants(ancestor.body, skip=()) if isinstance(n, cst.Assign)
                            for t in n.targets if isinstance(t.target, cst.Attribute)}
                if tested & assigned:
                    return True
        return False

    def _phase_by_callers(self, function: cst.FunctionDef, depth: int,
                          callers: "CallerPhases | None" = None) -> tuple[Phase, str]:
        """The phase of a function's body, from where this module (and, given ``callers``,
        the other modules of the run) call it."""
        key = (id(function) * 8 + depth) * 2 + bool(callers)
        if key not in self._caller_phase:
            self._caller_phase[key] = "unknown", f"`{function.name.value}` is called where this module cannot tell"
            self._caller_phase[key] = self._callers_phase(function, depth, callers)
        return self._caller_phase[key]

    def _callers_phase(self, function: cst.FunctionDef, depth: int,
                       callers: "CallerPhases | None" = None) -> tuple[Phase, str]:
        if depth > 2:
            return "unknown", "it is called from too far away to tell"
        name = function.name.value
        # Another module calling it per message decides it, whatever this module does: the
        # send must hold mid-session. A seed needs every call site, here and there, to agree.
        during = self._external(function, callers, "during") if callers else ""
        if during:
            return "during", f"`{name}` is called per message ({during})"
        seeded = self._external(function, callers, "seed") if callers else ""
        sites = self.b.callers(function)
        if not sites:
            if seeded:
                return "seed", f"`{name}` is only called right after connect ({seeded})"
            if name in PER_FRAME_HOOKS and self.b.enclosing_class(function) is not None:
                return "during", f"`{name}` runs for every frame of the pipeline (the framework calls it)"
            return "unknown", f"`{name}` is not called in this module (a callback or public API)"
        phases = []
        for site in sites:
            if self._is_task_start(site):
                return "during", f"`{name}` runs as a task alongside receive()"
            phase, why = self.phase_of(site, depth + 1, callers)
            if phase == "during":
                return "during", f"`{name}` is called per turn ({why})"
            phases.append(phase)
        if all(p == "seed" for p in phases):
            return "seed", f"`{name}` is only called right after connect"
        return "unknown", f"`{name}` is called where this module cannot tell"

    def _external(self, function: cst.FunctionDef, callers: "CallerPhases", phase: Phase) -> str:
        """Where other modules call ``function`` in ``phase`` (``"voice.py:9"``), or ""."""
        klass = self.b.enclosing_class(function)
        name = f"{klass.name.value}.{function.name.value}" if klass is not None else function.name.value
        return ", ".join(sorted({where for qualname, p, where in callers if qualname == name and p == phase}))

    def _opens_session(self, node: cst.With) -> bool:
        for item in node.items:
            value = item.item.expression if isinstance(item.item, cst.Await) else item.item
            if id(value) in self._connect_calls:
                return True
        return False

    def _reads_replies(self, body: cst.CSTNode, depth: int = 0) -> bool:
        """The block calls ``receive()`` on a session, or a helper of this module that does."""
        key = id(body) * 4 + depth
        if key not in self._replies:
            self._replies[key] = self._find_reply_reads(body, depth)
        return self._replies[key]

    def _find_reply_reads(self, body: cst.CSTNode, depth: int) -> bool:
        from livemigrate.analysis.syntax import descendants

        for node in descendants(body):
            if not isinstance(node, cst.Call):
                continue
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value in ("receive", "_receive") \
                    and self.sessions.matches(func.value):
                return True
            callee = self.b.callee(node)
            if callee is not None and depth < 2 and self._reads_replies(callee.body, depth + 1):
                return True
        return False

    def _in_exiting_branch(self, earlier: cst.CSTNode, node: cst.CSTNode, function) -> bool:
        """``earlier`` sits in an ``if`` branch that returns (or raises) without reaching
        ``node``: ``if not turns: send_realtime_input(...); return``."""
        node_ancestors = {id(a) for a in self.b.ancestors(node)}
        for ancestor in self.b.ancestors(earlier):
            if ancestor is function:
                return False
            if isinstance(ancestor, (cst.IndentedBlock, cst.SimpleStatementSuite)) and id(ancestor) not in node_ancestors \
                    and exit_statement(ancestor, (cst.Return, cst.Raise)) is not None:
                return True
        return False

    def _binds_session(self, function: cst.FunctionDef) -> bool:
        """``function`` opens the session itself: it holds the connect call, or (raw
        clients) sends the setup frame."""
        if self._session_functions is None:
            self._session_functions = {
                id(self._function_of(origin.call)) for origin in self.sessions.keys.values() if hasattr(origin, "call")
            } | {id(self._function_of(f.send)) for f in self.frames if f.kind == "setup"}
        return id(function) in self._session_functions

    def _task_target(self, call: cst.Call) -> cst.FunctionDef | None:
        """The function of this module a task-starting call runs (create_task(f(...)))."""
        name = (dotted_name(call.func) or "").split(".")[-1]
        if name not in ("create_task", "ensure_future", "gather", "start_soon", "TaskGroup"):
            return None
        for arg in call.args:
            if isinstance(arg.value, cst.Call):
                callee = self.b.callee(arg.value)
                if callee is not None:
                    return callee
        return None

    def _is_task_start(self, call: cst.Call) -> bool:
        parent = self.b.parent(call)
        while isinstance(parent, cst.Arg):
            parent = self.b.parent(parent)
        return isinstance(parent, cst.Call) and self._task_target(parent) is not None

    # --- queries ------------------------------------------------------------------------
    def calls_named(self, *methods: str) -> list[SessionCall]:
        """The session calls of any of ``methods``, in source order."""
        return [c for c in self.calls if c.method in methods]

    def assigned_fields(self, frame: RawFrame) -> list[Mutation]:
        """The fields later statements write into a frame's body, as keys written in its dict
        literal would be: ``frame = {"realtimeInput": {}}; frame["realtimeInput"]["mediaChunks"]
        = [...]`` and ``body = {}; body["mediaChunks"] = [...]; {"realtimeInput": body}``. Each
        is one :class:`Mutation` whose ``prefix`` is empty (a field of the body itself)."""
        found: list[Mutation] = []
        key = string_value(frame.element.key)
        holders: list[tuple[cst.Name, tuple[str, ...]]] = []
        bound = self._bound_to(frame.frame)
        if bound is not None and key is not None:
            holders.append((bound, (key,)))
        body = frame.element.value
        if isinstance(body, cst.Name):
            holders.append((body, ()))
        for name, prefix in holders:
            scope, _ = self.b.resolve_name(name.value, name)
            for mutation in self.b.mutations_of(scope, name.value):
                if mutation.key is not None and mutation.prefix == prefix:
                    found.append(Mutation(mutation.statement, mutation.key, mutation.key_node, mutation.value,
                                          mutation.spelling, ()))
        return found

    def _bound_to(self, node: cst.CSTNode) -> cst.Name | None:
        """The name ``node`` is assigned to alone (``frame = {...}``), if any."""
        parent = self.b.parent(node)
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is node:
            targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
            if len(targets) == 1 and isinstance(targets[0], cst.Name):
                return targets[0]
        return None



def send_phase(live, send) -> tuple[Phase, str]:
    """The phase of a client-content send (a :class:`~livemigrate.analysis.sends.
    ClientContentSend`) once the other modules of the run have their say: a helper this module
    never calls, called right after connect by every other module that calls it, is a seed;
    one called per message anywhere runs mid-session. Without the project's facts (a file
    checked alone, the library's ``check_bytes``) it is the module's own verdict."""
    callers = live.facts.caller_phases if live.facts is not None else ()
    if not callers or send.phase == "during":
        return send.phase, send.why
    return live.flow.phase_of(send.node, callers=callers)


def annotated_parameters(function: cst.FunctionDef, type_name: str) -> Iterator[cst.Param]:
    """Parameters annotated with ``type_name`` under any spelling: ``types.X``, ``"X"``,
    ``X | None``, ``Optional[X]``."""
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.annotation is not None and type_name in _annotation_names(param.annotation.annotation):
            yield param


# Annotations of a stream of values: `AsyncIterator[LiveServerMessage]` holds messages, one at a time.
_ITERATORS = frozenset({"AsyncIterator", "AsyncIterable", "AsyncGenerator", "Iterator", "Iterable", "Generator"})


def _iterator_annotation(node: cst.BaseExpression) -> bool:
    """``node`` (an annotation) is an iterator type: ``AsyncIterator[X]``, ``typing.AsyncIterable[X]``."""
    text = string_value(node)
    if text is not None:
        return text.split("[", 1)[0].strip().split(".")[-1] in _ITERATORS
    return isinstance(node, cst.Subscript) and (dotted_name(node.value) or "").split(".")[-1] in _ITERATORS


def _annotation_names(node: cst.BaseExpression) -> set[str]:
    text = string_value(node)
    if text is not None:
        return {part.strip("[] ").split(".")[-1] for part in text.replace("|", ",").replace("[", ",").split(",")}
    dotted = dotted_name(node)
    if dotted is not None:
        return {dotted.split(".")[-1]}
    if isinstance(node, cst.BinaryOperation):
        return _annotation_names(node.left) | _annotation_names(node.right)
    if isinstance(node, cst.Subscript):
        names = set()
        for element in node.slice:
            if isinstance(element.slice, cst.Index):
                names |= _annotation_names(element.slice.value)
        return names
    return set()


def _is_receive_iteration(node: cst.For) -> bool:
    """``async for m in <x>.receive()`` or ``async for raw in ws`` over a raw Live socket."""
    iterator = node.iter
    return (node.asynchronous is not None and isinstance(iterator, cst.Call)
            and isinstance(iterator.func, cst.Attribute) and iterator.func.attr.value == "receive")
