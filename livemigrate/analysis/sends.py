"""What a module sends on its Live sessions, SDK calls and raw WebSocket frames alike.

A rule about client content should not care whether the code calls
``session.send_client_content(turns=...)`` or writes ``{"clientContent": {"turns": ...}}`` on a
raw socket: both are one :class:`ClientContentSend` with the same phase, reason, content and
config. Realtime input likewise (:class:`RealtimeInput`).

A declared history seed also has an order to keep with the realtime input of its session: the
seed must be complete before any realtime input, and (3.x models do not answer a seed) the
program must send a first realtime turn before it waits for the model. :class:`_SeedOrder`
follows each seed up to the function that opens its session, through the helpers it is sent
from (``await self._seed()``), and reads what runs before it (:class:`SeedRace`) and after it
(:class:`SeedFollowUp`) there: realtime sends and raw ``realtimeInput`` frames, sender tasks
(``create_task``, ``tg.create_task``, ``gather``) and helpers that stream, reads of the
model's reply (``receive()``, ``anext(...)``, a raw socket read, a helper that reads). Each
caller of a seeding helper is its own session (the one it passes the helper), and each raw
socket is judged with the setup frame it sends (``ws.send(json.dumps(SETUP_DECLARED))``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

import libcst as cst

from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.flow import Phase, RawFrame, SessionCall
from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.syntax import contains, descendants, exit_statement
from livemigrate.analysis.turns import ClientContent, Turn, read_call, read_frame

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import LiveConfig, LiveConnect, LiveModel

__all__ = ["ClientContentSend", "RealtimeInput", "SeedRace", "SeedFollowUp", "SeedTurn", "client_content_sends",
           "realtime_inputs", "REALTIME_METHODS"]

# Session methods that send realtime input (the last two are deprecated spellings).
REALTIME_METHODS = ("send_realtime_input", "send", "start_stream")
# Calls that run coroutines as tasks; the first two also wait for all of them together.
_TOGETHER = ("gather", "wait")
_TASK_STARTS = ("create_task", "ensure_future", "start_soon", *_TOGETHER)
# Keys only a server message has: a raw loop reading them reads the model's replies.
_SERVER_KEYS = frozenset({"serverContent", "server_content", "setupComplete", "setup_complete", "toolCall",
                          "modelTurn", "model_turn", "outputTranscription", "output_transcription"})


@dataclass(eq=False)
class SeedRace:
    """Realtime input that can reach the server before a history seed is complete."""

    anchor: cst.CSTNode  # the realtime send, a raw frame's key, or the call starting a sender (task, gather)
    why: str  # in words, for a message
    site: cst.CSTNode  # the seed where the race is: the send, or the call of the helper that sends it
    together: bool  # seed and sender run in one gather: there is no statement order to change


@dataclass(eq=False)
class SeedFollowUp:
    """What runs first after a complete seed, in the function the seed is sent from (or, when
    a helper sends it, in the function calling that helper)."""

    site: cst.CSTNode  # the send, or the call of the helper that sends it
    first: str  # "wait": the model's reply is read | "turn": realtime input is sent | "stream": a sender starts
    node: cst.CSTNode  # what does it


@dataclass(eq=False)
class SeedTurn:
    """The last turn of a seed and where it is written: what a fix that sends it as realtime
    input instead takes out of the seed."""

    turn: Turn
    written: cst.CSTNode  # the list element, or the line that appends it (``turns.append(...)``)
    alone: bool  # only this seed reads that list: taking the turn out changes nothing else


@dataclass(eq=False)
class ClientContentSend:
    """One client-content send: ``send_client_content(...)`` or a raw ``clientContent`` frame."""

    node: cst.CSTNode  # where it runs: the call, or the frame's dict
    anchor: cst.CSTNode  # what a finding points at: the call, or the frame's key
    phase: Phase  # seed (before the first realtime input) | during | unknown
    why: str  # the reason for the phase, in words for a message
    content: ClientContent  # the turns and turn_complete, as far as the source says
    config: "LiveConfig | None"  # the config of the session it is sent on
    connect: "LiveConnect | None"  # the connect call of that session, when known
    legacy_only: bool  # only runs for 2.x models (a gate around it)
    call: SessionCall | None = None  # the SDK call (None for a raw frame)
    frame: RawFrame | None = None  # the raw frame (None for an SDK call)
    # A history seed (declared, or carrying history) written where a seed goes, that
    # realtime input can reach the server before: why (LM107's, not a mid-session send).
    late_seed: str | None = None
    # Sent where a seed goes: the first client content of its session, in no loop, in the
    # function that opens the session or a helper it calls. Then what runs before it and after.
    races: list[SeedRace] = field(default_factory=list)
    follow_ups: list[SeedFollowUp] = field(default_factory=list)
    last_turn: SeedTurn | None = None
    # Carries a conversation: several turns or a model turn, written here or by the helper
    # that builds the turns (appended in a loop).
    history: bool = False
    # The function that opens the seed's session (a connect call or a raw setup frame, itself or
    # through a helper such as `await self.connect()`), when every way the seed is reached agrees.
    # Two functions opening sessions are two sessions, even through one connect helper.
    opened_in: cst.FunctionDef | None = None

    @property
    def raw(self) -> bool:
        """Sent as a raw WebSocket frame, not through the SDK."""
        return self.frame is not None


@dataclass(eq=False)
class RealtimeInput:
    """One realtime-input send: an SDK call (``send_realtime_input``, or the deprecated
    ``send`` / ``start_stream``) or a raw ``realtimeInput`` frame."""

    node: cst.CSTNode  # the call, or the frame's ``realtimeInput`` element
    # what is sent: the call's arguments, or the element and the values assigned into its body
    sent: tuple[cst.CSTNode, ...]
    method: str  # send_realtime_input | send | start_stream | realtime_input (raw)
    connect: "LiveConnect | None"
    call: SessionCall | None = None
    frame: RawFrame | None = None


def client_content_sends(live: "LiveModel") -> list[ClientContentSend]:
    """Every client-content send of the module: SDK calls first, then raw frames, each in
    source order."""
    flow = live.flow
    sends: list[ClientContentSend] = []
    for call in flow.calls_named("send_client_content"):
        sends.append(ClientContentSend(
            call.call, call.call, call.phase, call.why,
            read_call(call.call, live.imports, live.resolve_value, live.is_mutated),
            live.config_of(call.connect), call.connect, live.is_legacy_only(call.call), call=call))
    for frame in flow.frames:
        if frame.kind != "client_content":
            continue
        sends.append(ClientContentSend(
            frame.send, frame.element.key, frame.phase, frame.why,
            read_frame(frame.element.value, live.imports, live.resolve_value, live.is_mutated),
            live.config_of(None), None, live.is_legacy_only(frame.send), frame=frame))
    if sends:
        order = _SeedOrder(live, sends)
        for send in sends:
            order.place(send)
    return sends


def realtime_inputs(live: "LiveModel") -> list[RealtimeInput]:
    """Every realtime-input send of the module: SDK calls first, then raw frames."""
    flow = live.flow
    inputs = [RealtimeInput(call.call, tuple(call.call.args), call.method, call.connect, call=call)
              for call in flow.calls_named(*REALTIME_METHODS)]
    # a raw frame sends its body's fields, also those later statements assign into it
    inputs += [RealtimeInput(frame.element, (frame.element, *(m.value for m in flow.assigned_fields(frame))),
                             "realtime_input", None, frame=frame)
               for frame in flow.frames if frame.kind == "realtime_input"]
    return inputs


# --- the order of a seed and the realtime input of its session --------------------------------------
Level = tuple["cst.FunctionDef | None", cst.CSTNode]  # a function, and the seed's site in it
Event = tuple[str, cst.CSTNode, str]  # kind, node, why


class _SeedOrder:
    """Where each seed sits among the realtime input and the reply reads of its session.

    A seed is followed from its send up to the function that opens its session (holds the
    connect call or sends the setup frame, itself or through a helper it calls first), through
    at most two helpers; each place it is reached from is one path. What runs before the seed
    on a path can race it; what runs first after it says whether the model gets a first turn.
    """

    def __init__(self, live: "LiveModel", sends: list[ClientContentSend]) -> None:
        self.live = live
        self.b = live.bindings
        self.flow = live.flow
        self.sends = sends
        self._completing: dict[int, list[ClientContentSend]] | None = None
        self.realtime_calls = {id(c.call): c for c in self.flow.calls if c.method in REALTIME_METHODS}
        self.realtime_frames = {id(f.frame): f for f in self.flow.frames if f.kind == "realtime_input"}
        self.setup_frames = {id(f.frame) for f in self.flow.frames if f.kind == "setup"}
        self.connect_calls = {id(c.call) for c in live.connects}
        self.frames_in: dict[int, list[cst.Dict]] = {}
        for frame in self.flow.frames:
            if frame.kind == "realtime_input":
                self.frames_in.setdefault(id(self.b.enclosing_function(frame.frame)), []).append(frame.frame)
        self.raw_loops: dict[int, list[cst.For]] = {}
        if self.flow.frames:
            # `async for raw in ws`, and `for raw in ws` over a sync client (websockets.sync)
            for loop in self.b.nodes_of((cst.For,)):
                if isinstance(loop.iter, (cst.Name, cst.Attribute)):
                    self.raw_loops.setdefault(id(self.b.enclosing_function(loop)), []).append(loop)
        self._sends_cache: dict[int, str | None] = {}
        self._reads_cache: dict[int, bool] = {}
        self._opens_cache: dict[int, bool] = {}
        self._dicts: dict[int, list[cst.Dict]] | None = None

    # --- one send -------------------------------------------------------------------------------
    def place(self, send: ClientContentSend) -> None:
        """Fill in the send's races, follow-ups, last turn and ``late_seed``."""
        paths = [path for path in self._paths(send.node) if not self._after_a_seed(path)]
        if not paths:
            return
        for path in paths:
            race = self._race(send, path)
            if race is not None:
                send.races.append(race)
            elif send.content.turn_complete is True:
                follow_up = self._follow_up(send, path)
                if follow_up is not None:
                    send.follow_ups.append(follow_up)
        opened = {id(path[-1][0]): path[-1][0] for path in paths}
        if len(opened) == 1:
            send.opened_in = next(iter(opened.values()))
        if send.raw:
            self._raw_session(send, paths)
        send.last_turn = self._last_turn(send)
        send.history = send.content.is_history or self._built_as_history(send)
        declared = send.config is not None and self.live.declares_history(send.config)
        if send.races and (declared or send.history):
            send.late_seed = send.races[0].why

    def _paths(self, site: cst.CSTNode, depth: int = 0) -> list[list[Level]]:
        """Each way the seed at ``site`` is reached: (function, site) from the send up to the
        function that opens the session; none when a loop repeats it (a per-turn send)."""
        function = self._function_of(site)
        if self._looped(site, function):
            return []
        if function is None or self._opens_before(function, site):
            return [[(function, site)]]
        if depth >= 2:
            return []
        return [[(function, site), *rest] for caller in self.b.callers(function)
                for rest in self._paths(caller, depth + 1)]

    def _after_a_seed(self, path: list[Level]) -> bool:
        """Client content already completed on the session before this send, on its path: this
        one is sent during the session, not as its seed."""
        completing = self._completing_sends()
        for function, site in path:
            lo, _ = self._scope(function, site)
            end = self.b.order[id(site)]
            for other in completing.get(id(function), ()):
                if other.node is not site and lo <= self.b.order[id(other.node)] < end \
                        and not contains(site, lambda n: n is other.node):
                    return True
            for call in self._calls_between(function, lo, end):
                callee = self.b.callee(call)
                if callee is not None and callee is not function and id(callee) in completing:
                    return True
        return False

    def _completing_sends(self) -> dict[int, list[ClientContentSend]]:
        """The sends that may complete a turn (``turn_complete`` not False), by the function
        they are in: indexed once, where scanning every send per send was quadratic."""
        if self._completing is None:
            self._completing = {}
            for other in self.sends:
                if other.content.turn_complete is not False:
                    self._completing.setdefault(id(self._function_of(other.node)), []).append(other)
        return self._completing

    def _race(self, send: ClientContentSend, path: list[Level]) -> SeedRace | None:
        """The first realtime input that can run before the seed on this path: what runs
        before the seed in an outer function runs before everything in the inner ones."""
        session = self._session_on(send, path)
        for function, site in reversed(path):
            lo, _ = self._scope(function, site)
            for kind, node, why in self._events(function, lo, self.b.order[id(site)], send.raw):
                if kind not in ("turn", "stream") or self._exits_before(node, site, function) \
                        or self._other_session(node, session):
                    continue
                together = contains(node, lambda n: n is site)
                if together:
                    why = f"{why}, beside the seed in the same call"
                return SeedRace(node, why, site, together)
        return None

    def _follow_up(self, send: ClientContentSend, path: list[Level]) -> SeedFollowUp | None:
        """What runs first after the seed on this path: a read of the reply, a realtime send,
        or a sender started. A helper that only seeds hands over to its caller."""
        session = self._session_on(send, path)
        for function, site in path:
            _, hi = self._scope(function, site)
            for kind, node, _ in self._events(function, self.live.end_of(site), hi, send.raw):
                if kind != "reader" and not self._other_session(node, session):
                    return SeedFollowUp(site, kind, node)
        return None

    # --- what runs in a function ------------------------------------------------------------------
    def _events(self, function: cst.FunctionDef | None, lo: int, hi: int, raw: bool) -> Iterator[Event]:
        """Realtime input ("turn" sent once, "stream" sent in a loop or by a sender), reply
        reads ("wait") and readers started as tasks ("reader") in ``function`` between two
        source positions, in order. A call that is one event hides the calls inside it."""
        order = self.b.order
        key = id(function)
        candidates: list[cst.CSTNode] = [c for c in self.b.calls_in.get(key, ()) if lo <= order[id(c)] < hi]
        candidates += [d for d in self.frames_in.get(key, ()) if lo <= order[id(d)] < hi]
        if raw:
            candidates += [loop for loop in self.raw_loops.get(key, ()) if lo <= order[id(loop)] < hi]
        candidates.sort(key=lambda n: order[id(n)])
        covered = -1
        for node in candidates:
            if order[id(node)] < covered:
                continue
            event = self._classify(node, function, raw)
            if event is not None:
                covered = self.live.end_of(node)
                yield event

    def _classify(self, node: cst.CSTNode, function: cst.FunctionDef | None, raw: bool) -> Event | None:
        if isinstance(node, cst.Dict):
            frame = self.realtime_frames[id(node)]
            return self._looped_kind(node, function, "turn"), frame.element.key, "a realtimeInput frame is sent there"
        if isinstance(node, cst.For):
            if self._streams_in(node):
                return None  # a sender loop (`async for pcm in mic`): its sends are the events
            if self._reads_server_messages(node):
                return "wait", node, "the server's messages are read"
            return None
        assert isinstance(node, cst.Call)
        targets = self._task_targets(node)
        if targets is not None:
            senders = [t for t in targets if self._sends(t)]
            if senders:
                return "stream", node, f"`{senders[0].name.value}` is started there and streams realtime input"
            readers = [t for t in targets if self._reads(t, raw)]
            if readers:
                together = (dotted_name(node.func) or "").split(".")[-1] in _TOGETHER
                return ("wait" if together else "reader"), node, f"`{readers[0].name.value}` reads the replies"
            return None
        if id(node) in self.realtime_calls:
            return self._looped_kind(node, function, "turn"), node, "realtime input is sent there"
        func = node.func
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method in ("receive", "_receive") and self.flow.sessions.matches(func.value):
                return "wait", node, "the reply is read"
            if raw and method == "recv":
                return "wait", node, "the reply is read"
        callee = self.b.callee(node)
        if callee is not None and callee is not function:
            kind = self._sends(callee)
            if kind is not None:
                why = f"`{callee.name.value}` sends realtime input there"
                return self._looped_kind(node, function, kind), node, why
            if self._reads(callee, raw):
                return "wait", node, f"`{callee.name.value}` reads the reply"
        return None

    def _task_targets(self, call: cst.Call) -> list[cst.FunctionDef] | None:
        """The functions of this module a task-starting call runs (``create_task(f())``,
        ``tg.create_task(...)``, ``gather(f(), g())``, a task name made earlier); None when
        the call starts no task."""
        if (dotted_name(call.func) or "").split(".")[-1] not in _TASK_STARTS:
            return None
        targets = []
        for arg in call.args:
            value = self.live.resolve_value(arg.value)
            if isinstance(value, cst.Call) and (dotted_name(value.func) or "").split(".")[-1] in _TASK_STARTS:
                value = value.args[0].value if value.args else value
            if isinstance(value, cst.Await):
                value = value.expression
            if isinstance(value, cst.Call):
                callee = self.b.callee(value)
                if callee is not None:
                    targets.append(callee)
        return targets

    def _sends(self, function: cst.FunctionDef, depth: int = 0) -> str | None:
        """Whether ``function`` (or what it calls here) sends realtime input: "stream" in a
        loop or from a sender it starts, "turn" once; None."""
        key = id(function)
        if key in self._sends_cache:
            return self._sends_cache[key]
        self._sends_cache[key] = None  # a call back into it adds nothing
        kinds = set()
        for call in self.b.calls_in.get(key, ()):
            if id(call) in self.realtime_calls:
                kinds.add(self._looped_kind(call, function, "turn"))
                continue
            targets = self._task_targets(call)
            if targets and any(self._sends(t, depth + 1) for t in targets if t is not function):
                kinds.add("stream")
                continue
            callee = self.b.callee(call)
            if callee is not None and callee is not function and depth < 3:
                kind = self._sends(callee, depth + 1)
                if kind is not None:
                    kinds.add(self._looped_kind(call, function, kind))
        for frame in self.frames_in.get(key, ()):
            kinds.add(self._looped_kind(frame, function, "turn"))
        found = "stream" if "stream" in kinds else ("turn" if kinds else None)
        self._sends_cache[key] = found
        return found

    def _reads(self, function: cst.FunctionDef, raw: bool, depth: int = 0) -> bool:
        """Whether ``function`` (or what it calls here) reads the model's reply. A function
        that opens the session reads ``setupComplete`` there, not a reply."""
        key = id(function) * 2 + raw
        if key in self._reads_cache:
            return self._reads_cache[key]
        self._reads_cache[key] = False
        found = False
        if not self._opens(function):
            for call in self.b.calls_in.get(id(function), ()):
                func = call.func
                if isinstance(func, cst.Attribute) and (
                        func.attr.value in ("receive", "_receive") and self.flow.sessions.matches(func.value)
                        or raw and func.attr.value == "recv"):
                    found = True
                    break
                callee = self.b.callee(call)
                if callee is not None and callee is not function and depth < 2 and self._reads(callee, raw, depth + 1):
                    found = True
                    break
            if not found and raw:
                found = any(not self._streams_in(loop) and self._reads_server_messages(loop)
                            for loop in self.raw_loops.get(id(function), ()))
        self._reads_cache[key] = found
        return found

    def _streams_in(self, loop: cst.For) -> bool:
        """A loop that sends realtime input (a sender loop, not a reader)."""
        return contains(loop.body, lambda n: id(n) in self.realtime_calls or id(n) in self.realtime_frames or (
            isinstance(n, cst.Call) and (callee := self.b.callee(n)) is not None and self._sends(callee) is not None))

    @staticmethod
    def _reads_server_messages(loop: cst.For) -> bool:
        """A raw loop over a socket whose body reads server messages (their keys, or
        ``json.loads`` of what it iterates)."""
        target = loop.target.value if isinstance(loop.target, cst.Name) else None
        for node in descendants(loop.body):
            if isinstance(node, cst.SimpleString) and string_value(node) in _SERVER_KEYS:
                return True
            if isinstance(node, cst.Call) and (dotted_name(node.func) or "").endswith("loads") and target and any(
                    isinstance(a.value, cst.Name) and a.value.value == target for a in node.args):
                return True
        return False

    # --- sessions ---------------------------------------------------------------------------------
    def _opens(self, function: cst.FunctionDef, depth: int = 0) -> bool:
        """``function`` opens a session: a connect call, a setup frame sent, or a helper of
        this module doing so."""
        key = id(function)
        if key in self._opens_cache:
            return self._opens_cache[key]
        self._opens_cache[key] = False
        found = any(self._opening(call, function, depth) for call in self.b.calls_in.get(key, ())) or any(
            id(d) in self.setup_frames for d in self._dicts_in(function))
        self._opens_cache[key] = found
        return found

    def _opening(self, call: cst.Call, function: cst.FunctionDef | None, depth: int) -> bool:
        if id(call) in self.connect_calls:
            return True
        for arg in call.args:
            value = arg.value
            if isinstance(value, cst.Call) and value.args:  # json.dumps(SETUP)
                value = value.args[0].value
            if id(self.live.resolve_value(value)) in self.setup_frames:
                return True
        callee = self.b.callee(call)
        return callee is not None and callee is not function and depth < 2 and self._opens(callee, depth + 1)

    def _raw_session(self, send: ClientContentSend, paths: list[list[Level]]) -> None:
        """A raw seed's socket: the setup frame sent where it is opened (``opened_in``), on
        every path (a module can hold several setup frames, declared or not, in constants that
        each socket picks from). Fills ``config`` when the setup frame is a Live config of this
        module."""
        frames = {id(frame): frame for path in paths
                  if (frame := self._setup_sent(path[-1][0], self.b.order[id(path[-1][1])])) is not None}
        if len(frames) != 1:
            return
        frame = next(iter(frames.values()))
        for config in self.live.configs:
            if config.kind == "raw" and (config.root is frame or self.live.resolve_value(config.root) is frame):
                send.config = config
                return

    def _setup_sent(self, function: cst.FunctionDef | None, end: int, depth: int = 0) -> cst.Dict | None:
        """The setup frame ``function`` sends before the source position ``end`` (the last
        one): written there, a constant it sends (``ws.send(json.dumps(SETUP))``), or what a
        helper it calls sends."""
        sent: list[tuple[int, cst.Dict]] = [(self.b.order[id(d)], d) for d in self._dicts_in(function)
                                            if id(d) in self.setup_frames and self.b.order[id(d)] < end]
        for call in self.b.calls_in.get(id(function), ()):
            at = self.b.order[id(call)]
            if at >= end:
                continue
            for arg in call.args:
                value = arg.value
                if isinstance(value, cst.Call) and value.args:  # json.dumps(SETUP)
                    value = value.args[0].value
                resolved = self.live.resolve_value(value)
                if isinstance(resolved, cst.Dict) and id(resolved) in self.setup_frames:
                    sent.append((at, resolved))
            callee = self.b.callee(call)
            if callee is not None and callee is not function and depth < 2 and self._opens(callee):
                inner = self._setup_sent(callee, self.live.end_of(callee), depth + 1)
                if inner is not None:
                    sent.append((at, inner))
        return max(sent, key=lambda item: item[0])[1] if sent else None

    def _opens_before(self, function: cst.FunctionDef, site: cst.CSTNode) -> bool:
        """``function`` opens the session before it reaches ``site``."""
        end = self.b.order[id(site)]
        if any(self.b.order[id(d)] < end for d in self._dicts_in(function) if id(d) in self.setup_frames):
            return True
        return any(self._opening(call, function, 0) for call in self.b.calls_in.get(id(function), ())
                   if self.b.order[id(call)] < end)

    def _dicts_in(self, function: cst.FunctionDef) -> list[cst.Dict]:
        if self._dicts is None:
            self._dicts = {}
            for d in self.b.dicts:
                self._dicts.setdefault(id(self.b.enclosing_function(d)), []).append(d)
        return self._dicts.get(id(function), [])

    def _session_on(self, send: ClientContentSend, path: list[Level]) -> "LiveConnect | None":
        """The session the seed is sent on along ``path``. A helper's session parameter takes
        one origin however many sessions pass through it (``await seed(session)`` from several
        functions): on a path through callers, the session is what the outermost call passes."""
        for _, site in reversed(path[1:]):
            if isinstance(site, cst.Call):
                for arg in site.args:
                    origin = self.flow.sessions.origin(arg.value) if self.flow.sessions.matches(arg.value) else None
                    if origin is not None:
                        return origin  # type: ignore[return-value]
        if len(path) > 1 and send.call is not None and isinstance(send.call.receiver, cst.Attribute):
            # a method seeding `self.session`: each caller stores the session it opens there
            # (`self.session = session`), so the seed goes on the one open around the call
            opened = self._connect_around(path[-1][1])
            if opened is not None:
                return opened
        return send.connect

    def _connect_around(self, site: cst.CSTNode) -> "LiveConnect | None":
        """The connect of the ``async with`` that opens a session around ``site``."""
        for ancestor in self.b.ancestors(site):
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
                return None
            if isinstance(ancestor, cst.With):
                for item in ancestor.items:
                    value = item.item.expression if isinstance(item.item, cst.Await) else item.item
                    connect = next((c for c in self.live.connects if c.call is value), None)
                    if connect is not None:
                        return connect
        return None

    def _other_session(self, node: cst.CSTNode, session: "LiveConnect | None") -> bool:
        """``node`` sends on a session known to be another than ``session`` (the seed's)."""
        call = self.realtime_calls.get(id(node))
        return call is not None and call.connect is not None and session is not None \
            and call.connect is not session

    def _scope(self, function: cst.FunctionDef | None, site: cst.CSTNode) -> tuple[int, int]:
        """The source positions of the session ``site`` is in, in ``function``: the ``with``
        block that opens it, else the whole function."""
        for ancestor in self.b.ancestors(site):
            if ancestor is function:
                break
            if isinstance(ancestor, cst.With) and self._opens_session(ancestor):
                return self.b.order[id(ancestor)], self.live.end_of(ancestor)
        if function is None:
            return 0, len(self.b.parents.nodes)
        return self.b.order[id(function)], self.live.end_of(function)

    def _opens_session(self, node: cst.With) -> bool:
        """``async with <client>.aio.live.connect(...)`` or a raw ``websockets.connect(...)``."""
        for item in node.items:
            value = item.item.expression if isinstance(item.item, cst.Await) else item.item
            if isinstance(value, cst.Call) and (id(value) in self.connect_calls
                                                or (dotted_name(value.func) or "").split(".")[-1] == "connect"):
                return True
        return False

    # --- where a node is --------------------------------------------------------------------------
    def _function_of(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        if id(node) in self.b.call_function:
            return self.b.call_function[id(node)]
        return self.b.enclosing_function(node)

    def _looped(self, node: cst.CSTNode, function: cst.FunctionDef | None) -> bool:
        """``node`` runs in a loop inside ``function`` (below the ``with`` opening a session:
        a loop around it reconnects, and the seed with it)."""
        for ancestor in self.b.ancestors(node):
            if ancestor is function or isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
                return False
            if isinstance(ancestor, cst.With) and self._opens_session(ancestor):
                return False
            if isinstance(ancestor, (cst.For, cst.While)):
                return True
        return False

    def _looped_kind(self, node: cst.CSTNode, function: cst.FunctionDef | None, kind: str) -> str:
        return "stream" if self._looped(node, function) else kind

    def _calls_between(self, function: cst.FunctionDef | None, lo: int, hi: int) -> list[cst.Call]:
        return [c for c in self.b.calls_in.get(id(function), ()) if lo <= self.b.order[id(c)] < hi]

    def _exits_before(self, earlier: cst.CSTNode, node: cst.CSTNode, function: cst.FunctionDef | None) -> bool:
        """``earlier`` sits in a branch that returns (or raises) without reaching ``node``:
        ``if not turns: await session.send_realtime_input(...); return``."""
        around = {id(a) for a in self.b.ancestors(node)}
        for ancestor in self.b.ancestors(earlier):
            if ancestor is function:
                return False
            if isinstance(ancestor, (cst.IndentedBlock, cst.SimpleStatementSuite)) and id(ancestor) not in around \
                    and exit_statement(ancestor, (cst.Return, cst.Raise)) is not None:
                return True
        return False

    # --- what the seed carries --------------------------------------------------------------------
    def _turns_expr(self, send: ClientContentSend) -> cst.BaseExpression | None:
        if send.call is not None:
            return next((a.value for a in send.call.call.args if a.keyword is not None and a.keyword.value == "turns"),
                        None)
        body = self.live.resolve_value(send.frame.element.value) if send.frame is not None else None
        if isinstance(body, cst.Dict):
            return next((e.value for e in body.elements if isinstance(e, cst.DictElement)
                         and string_value(e.key) == "turns"), None)
        return None

    def _builder(self, expr: cst.BaseExpression) -> tuple[cst.FunctionDef, cst.BaseExpression] | None:
        """The helper of this module that builds the turns (``turns=history_turns(...)``) and
        the one value it returns."""
        if not isinstance(expr, cst.Call):
            return None
        function = self.b.callee(expr)
        returned = self.b.returns.get(function, []) if function is not None else []
        if function is None or len(returned) != 1:
            return None
        return function, returned[0]

    def _appends(self, function: cst.FunctionDef, name: str) -> list[cst.Call]:
        return [c for c in self.b.calls_in.get(id(function), ()) if isinstance(c.func, cst.Attribute)
                and c.func.attr.value in ("append", "extend", "insert") and isinstance(c.func.value, cst.Name)
                and c.func.value.value == name]

    def _built_as_history(self, send: ClientContentSend) -> bool:
        """The turns come from a helper that builds several of them."""
        expr = self._turns_expr(send)
        return expr is not None and isinstance(expr, cst.Call) and self._several_turns(expr)

    def _several_turns(self, value: cst.BaseExpression, depth: int = 0) -> bool:
        """``value`` builds a list of several turns: a comprehension, a literal of more than
        one, turns appended in a loop or to such a list, or a helper of this module returning
        one (followed two helpers deep)."""
        value = self.live.resolve_value(value)
        if isinstance(value, cst.ListComp):
            return True
        if isinstance(value, cst.List):
            return len(value.elements) > 1
        built = self._builder(value) if depth < 2 else None
        if built is None:
            return False
        function, returned = built
        if not isinstance(returned, cst.Name):
            return self._several_turns(returned, depth + 1)
        appends = self._appends(function, returned.value)
        initial = self.b.resolve_name(returned.value, returned)[1]
        if any(self._looped(c, function) or c.func.attr.value == "extend" for c in appends):
            return True
        if len(initial) == 1 and self._several_turns(initial[0], depth + 1):
            return True
        written = len(appends) + sum(len(v.elements) for v in initial if isinstance(v, cst.List))
        return written > 1 or bool(appends) and any(not isinstance(v, cst.List) for v in initial)

    def _read_turn(self, node: cst.BaseExpression) -> Turn | None:
        # read_call reads a `turns=` argument; a one-argument call around the node asks it for one turn
        probe = cst.Call(cst.Name("send_client_content"), [cst.Arg(node, keyword=cst.Name("turns"))])
        turns = read_call(probe, self.live.imports, self.live.resolve_value, self.live.is_mutated).turns
        return turns[0] if turns is not None and len(turns) == 1 else None

    def _last_turn(self, send: ClientContentSend) -> SeedTurn | None:
        """The seed's last turn, where a list literal in the send, a constant, or the helper
        building the turns writes it."""
        expr = self._turns_expr(send)
        if expr is None:
            return None
        value = self.live.resolve_value(expr)
        if isinstance(value, cst.List) and value.elements:
            element = value.elements[-1]
            turn = self._read_turn(element.value) if isinstance(element, cst.Element) else None
            return SeedTurn(turn, element, value is expr and len(value.elements) > 1) if turn else None
        built = self._builder(value)
        if built is None:
            return None
        function, returned = built
        alone = len(self.b.callers(function)) == 1
        if isinstance(returned, cst.List) and returned.elements and isinstance(returned.elements[-1], cst.Element):
            element = returned.elements[-1]
            turn = self._read_turn(element.value)
            return SeedTurn(turn, element, alone and len(returned.elements) > 1) if turn else None
        if not isinstance(returned, cst.Name) or not isinstance(function.body, cst.IndentedBlock):
            return None
        # `turns.append(<turn>)` right before `return turns`, both in the helper's own body
        lines = function.body.body
        if len(lines) < 2 or not all(isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1
                                     for line in lines[-2:]):
            return None
        last, before = lines[-1].body[0], lines[-2].body[0]
        if not (isinstance(last, cst.Return) and last.value is returned and isinstance(before, cst.Expr)):
            return None
        call = before.value
        if not (any(c is call for c in self._appends(function, returned.value)) and call.func.attr.value == "append"
                and len(call.args) == 1):
            return None
        turn = self._read_turn(call.args[0].value)
        return SeedTurn(turn, lines[-2], alone) if turn else None
