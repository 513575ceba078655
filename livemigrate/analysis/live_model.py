"""The LiveModel: what in one module is Gemini Live API.

Rules never re-derive "is this a Live session / a Live config": they ask this model. It
finds the google-genai imports under any alias, the ``<client>.aio.live.connect(...)`` calls
and the sessions they bind, every Live config (the ``config=`` of a connect call followed back
to where it is built, every ``types.LiveConnectConfig(...)``, raw ``{"setup": ...}`` frames),
the function responses sent on a session, the model each config is used with, version gates
and the backend (Gemini API or Vertex AI).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable, Iterator, Literal, Mapping, TypeVar

import libcst as cst

from livemigrate.analysis.backend import Backends
from livemigrate.analysis.bindings import Bindings, field_default_values, index_bindings, index_key, parameter, string_value
from livemigrate.analysis.config_tree import (COPY_METHODS, ConfigEntry, config_hidden_calls, config_is_complete,
                                               is_livekit_gemini_model, is_pipecat_gemini_service, key_filter,
                                               walk_config)
from livemigrate.analysis.endpoints import raw_socket_service, speaks_gemini, starts_with_text
from livemigrate.analysis.gates import Gates
from livemigrate.analysis.imports import GenaiImports, dotted_name, find_genai_imports
from livemigrate.analysis.queries import LiveQueries
from livemigrate.analysis.syntax import descendants, is_expected_value
from livemigrate.dict_paths import entry_path, split_entry_path
from livemigrate.migration import (FRAMEWORK_LIVE_CLASSES, LIVE_ONLY_SETUP_FIELDS, NON_LIVE_CREATORS, NON_LIVE_METHODS,
                                   TARGETS, legacy_model, live_ids_in_text, strip_model_prefix, to_snake)

if TYPE_CHECKING:
    from livemigrate.analysis.flow import SessionFlow
    from livemigrate.project import ModuleFacts

__all__ = ["LiveModel", "ModelInfo", "LiveConnect", "LiveConfig", "build_live_model", "shared_model"]

ModelStatus = Literal["legacy", "target", "unknown"]
ConfigKind = Literal["sdk", "raw"]

_ENV_GETTERS = {"getenv", "get"}
_Tag = TypeVar("_Tag")  # what a config node found for a question is tagged with (its call, its place)
# Voice-agent frameworks' classes that open a Gemini Live session with their `model=`: LiveKit's
# Google plugin (`google.beta.realtime.RealtimeModel`, `google.realtime.RealtimeModel`) and
# pipecat's Gemini Live services.
# FunctionDeclaration's constructors from a Python function (both take behavior=).
_FROM_CALLABLE = frozenset({"from_callable", "from_callable_with_api_option"})
# Where an ephemeral token's config holds the Live config it locks its sessions to, and its model.
_CONSTRAINED_CONFIG = ("live_connect_constraints", "config")
_CONSTRAINED_MODEL = ("live_connect_constraints", "model")


@dataclass
class ModelInfo:
    """What this module knows of the model a Live config or session is used with."""

    status: ModelStatus
    ids: tuple[str, ...] = ()
    literals: tuple[cst.CSTNode, ...] = ()
    # Some id is another module's (imported: livemigrate.project): moving it is that
    # module's fix, which this module's fix run does not see.
    imported: bool = False

    @staticmethod
    def unknown() -> "ModelInfo":
        return ModelInfo("unknown")


@dataclass(eq=False)
class LiveConnect:
    """One ``<client>.aio.live.connect(model=..., config=...)`` call."""

    call: cst.Call
    model_expr: cst.BaseExpression | None
    config_expr: cst.BaseExpression | None
    model: ModelInfo


@dataclass(eq=False)
class LiveConfig:
    """A config that reaches (or is built for) a Live session."""

    root: cst.CSTNode
    kind: ConfigKind
    model: ModelInfo
    connects: list[LiveConnect] = field(default_factory=list)
    # Raw frames are walked from the whole `{"setup": ...}` message (so later
    # `msg["setup"]["k"] = v` statements count) and reported relative to "setup".
    prefix: tuple[str, ...] = ()
    # The config an ephemeral token minted here locks its sessions to: whoever holds the token
    # (a browser, another module) opens them and runs their sends and receives, not this module.
    minted: bool = False
    # A module-level config another module's session connects with (ModuleFacts.live_configs):
    # that module may read or change its keys, which this module does not see.
    elsewhere: bool = False


@dataclass(frozen=True, eq=False)
class HandedSession:
    """Where a session another module of the run opened and passed in came from (the origin
    of its parameter in the session flow, as a :class:`LiveConnect` is of one opened here)."""

    model: ModelInfo
    # the one response modality the opening module's config names ("AUDIO" / "TEXT"), or ""
    modality: str = ""


@dataclass(frozen=True, eq=False)
class ModelLiteral:
    """A 2.x Live model id written in the module, and what surrounds it."""

    node: cst.CSTNode  # a SimpleString or the text part of an f-string
    value: str
    flows_to_live: bool
    context: str | None  # "compared" | "collection" | None
    shared_with_non_live: bool  # the constant is also a generate_content / chats model
    # The constant is the model of a Live session another module of the run opens
    # (livemigrate.project), or of an ephemeral token minted here (the token's holder opens
    # the session): no session here, so a fix is not weighed here.
    flows_elsewhere: bool = False
    # ... and that module builds a Vertex AI client: the session may run on Vertex AI
    flows_to_vertex: bool = False
    # (text, file) of each test another module makes of the constant's value for a piece of
    # text (`"native-audio" in agent.model`, ModuleFacts.name_tests)
    tested_elsewhere: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, eq=False)
class Located:
    """A config entry together with the config it was reached from."""

    entry: ConfigEntry
    config: LiveConfig
    # When several sessions share the config (one module-level CONFIG, two connects), the
    # model of all of them together: a fix must be right for every one.
    shared_model: ModelInfo | None = None

    @property
    def model(self) -> ModelInfo:
        return self.shared_model or self.config.model


def _session_model_names(bindings: Bindings) -> frozenset[str]:
    """The names (or ``self.x`` attributes) this module passes as ``connect(model=...)``."""
    names = set()
    for call in bindings.calls_by_name.get("connect", ()):
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "model":
                if isinstance(arg.value, cst.Name):
                    names.add(arg.value.value)
                elif isinstance(arg.value, cst.Attribute):
                    names.add(arg.value.attr.value)
    return frozenset(names)


def shared_model(configs: list[LiveConfig]) -> ModelInfo:
    """The model of sessions that share one config: unknown if any is unknown or they mix
    2.x and 3.x models (a rewrite in place would break one of them)."""
    statuses = {c.model.status for c in configs}
    ids = tuple(dict.fromkeys(i for c in configs for i in c.model.ids))
    literals = tuple(n for c in configs for n in c.model.literals)
    status = statuses.pop() if len(statuses) == 1 else "unknown"
    return ModelInfo(status, ids, literals, any(c.model.imported for c in configs))


def _is_connect_call(node: cst.Call) -> bool:
    func = node.func
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value == "connect"
        and isinstance(func.value, cst.Attribute)
        and func.value.attr.value == "live"
    )


def _kwarg(call: cst.Call, name: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def _annotated_class(annotation: cst.BaseExpression) -> str | None:
    """The class name an annotation gives: ``C``, ``"C"``, ``Optional[C]``, ``C | None``,
    ``Union[C, None]``, ``"C | None"``, ``Annotated[C, ...]``."""
    if isinstance(annotation, cst.Name):
        return annotation.value
    if isinstance(annotation, cst.SimpleString):
        # `"Settings"`, `"Settings | None"`
        names = [part.strip() for part in (string_value(annotation) or "").split("|") if part.strip() != "None"]
        return names[0] if len(names) == 1 and names[0].isidentifier() else None
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        sides = [s for s in (annotation.left, annotation.right) if not (isinstance(s, cst.Name) and s.value == "None")]
        return _annotated_class(sides[0]) if len(sides) == 1 else None
    if isinstance(annotation, cst.Subscript) and all(isinstance(e.slice, cst.Index) for e in annotation.slice):
        wrapper = (dotted_name(annotation.value) or "").rsplit(".", 1)[-1]
        items = [e.slice.value for e in annotation.slice]  # type: ignore[union-attr]
        if wrapper == "Optional" and len(items) == 1:
            return _annotated_class(items[0])
        if wrapper == "Annotated" and items:  # FastAPI's `Annotated[Settings, Depends(...)]`
            return _annotated_class(items[0])
        if wrapper == "Union":
            kept = [i for i in items if not (isinstance(i, cst.Name) and i.value == "None")]
            return _annotated_class(kept[0]) if len(kept) == 1 else None
    return None


def _model_hole(expr: cst.FormattedString) -> cst.FormattedStringExpression | None:
    """The placeholder a resource path ends with after ``models/`` (``f"projects/{P}/.../models/
    {MODEL_ID}"``), a plain one (no conversion or format spec), else None."""
    *head, last = expr.parts
    if head and isinstance(last, cst.FormattedStringExpression) and last.conversion is None \
            and last.format_spec is None and isinstance(head[-1], cst.FormattedStringText) \
            and head[-1].value.endswith("models/"):
        return last
    return None


def _constant_text(expr: cst.BaseExpression) -> str | None:
    """The text of strings concatenated implicitly when every part is constant (plain strings,
    f-strings with no placeholder), else None."""
    if isinstance(expr, cst.ConcatenatedString):
        left, right = _constant_text(expr.left), _constant_text(expr.right)
        return left + right if left is not None and right is not None else None
    if isinstance(expr, cst.FormattedString):
        return "".join(p.value for p in expr.parts) if all(
            isinstance(p, cst.FormattedStringText) for p in expr.parts) else None
    return string_value(expr)


def _written_part(expr: cst.BaseExpression, value: str) -> cst.CSTNode:
    """The literal a model id is written in: ``expr`` itself, or for implicitly concatenated
    strings (``"models/" "gemini-2.0-flash-exp"``) the last part holding the id (a plain
    string, or an f-string's only text), where a rewrite can replace it."""
    if not isinstance(expr, cst.ConcatenatedString):
        return expr
    bare = strip_model_prefix(value)[1]
    leaves: list[cst.CSTNode] = []
    pending: list[cst.BaseExpression] = [expr]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.ConcatenatedString):
            pending.extend([node.right, node.left])  # (left first when popped)
        elif isinstance(node, cst.FormattedString) and len(node.parts) == 1 \
                and isinstance(node.parts[0], cst.FormattedStringText):
            leaves.append(node.parts[0])
        else:
            leaves.append(node)
    holding = [leaf for leaf in leaves if bare in (string_value(leaf) if isinstance(leaf, cst.SimpleString)
                                                   else getattr(leaf, "value", "") or "")]
    return holding[-1] if holding else expr


def _resource_tail(expr: cst.FormattedString) -> str | None:
    """The model a resource path written as an f-string names after its last placeholder
    (``f"projects/{p}/locations/{l}/publishers/google/models/gemini-live-2.5-flash-native-audio"``):
    its ``models/<id>`` tail, when that id is a Live one."""
    text = ""
    for part in reversed(expr.parts):
        if not isinstance(part, cst.FormattedStringText):
            break
        text = part.value + text
    at = text.rfind("models/")
    if at < 0:
        return None
    tail = text[at:]
    return tail if legacy_model(tail) is not None or _is_target_id(strip_model_prefix(tail)[1]) else None


def _argument(call: cst.Call, position: int, keyword: str) -> cst.BaseExpression | None:
    """The argument ``call`` passes a parameter in: by ``keyword``, else at ``position``
    (-1: keyword-only); None when it passes none (or a ``*args`` comes first)."""
    if keyword:
        found = _kwarg(call, keyword)
        if found is not None:
            return found
    if position < 0:
        return None
    positional = []
    for arg in call.args:
        if arg.keyword is not None or arg.star == "**":
            break
        if arg.star == "*":
            return None
        positional.append(arg.value)
    return positional[position] if position < len(positional) else None


class LiveModel(LiveQueries):
    """The Live API facts of one parsed module; build it with :func:`build_live_model`.
    Its queries beyond configs and model ids are documented in :mod:`.queries`."""

    def __init__(self, module: cst.Module, source_text: str = "", facts: "ModuleFacts | None" = None) -> None:
        self.module = module
        # What other modules of the run tell this one (livemigrate.project): the
        # values of the names it imports, and which of its own names they send to Live.
        self.facts = facts
        self._imported: dict[str, str] = dict(facts.imported) if facts is not None else {}
        self._imported_reads = 0
        self.bindings: Bindings = index_bindings(module)
        for owner, name, fields in facts.filled_configs if facts is not None else ():
            self.bindings.configs_elsewhere.setdefault((owner, name), set()).update(fields)
        self.imports: GenaiImports = find_genai_imports(module, self.bindings.imports)
        self.gates = Gates(self.bindings, self.imports, _session_model_names(self.bindings))
        self.connects: list[LiveConnect] = []
        self.configs: list[LiveConfig] = []
        self.tool_response_roots: list[tuple[cst.CSTNode, LiveConfig]] = []
        self._tool_responses_if_session: list[tuple[cst.BaseExpression, cst.CSTNode, LiveConfig]] = []
        # Raw sockets here talk to Live, or only to another bidi service (Lyria's
        # BidiGenerateMusic), whose setup and clientContent frames are not Live frames.
        # An imported Live URL (``from config import GEMINI_URI``) names the endpoint as much
        # as one written here.
        self.raw_service = raw_socket_service(source_text + "".join(
            "\n" + value for value in self._imported.values() if "BidiGenerateContent" in value))
        # Parameters another module of the run passes a Live session (or a raw socket to a
        # Live endpoint) in: (function, parameter, kind, model id or "").
        self.handed_sessions = self._handed_sessions()
        # Functions of other modules of the run that open a Live session and hand it back, as this
        # module spells them, with the model id each opens it with (or ""): see SessionFlow.
        self.entered_sessions: list[tuple[str, str, str]] = list(self.facts.session_openers) \
            if self.facts is not None else []
        if any(kind == "raw" for _, _, kind, _, _ in self.handed_sessions) \
                or self.facts is not None and (self.facts.frames_for_live or bool(self.facts.reads_raw_live)):
            # the socket's endpoint is in the caller's module (or the importer's, which sends
            # the frames this module builds; or the imported client's, whose messages it reads)
            self.raw_service = "live"
        self.raw_client = self.raw_service == "live"
        self.backends = Backends(self.bindings, self.imports)
        # Some code of this module can talk to Vertex AI; ask on_vertex(node) for one place.
        self.is_vertex = self.backends.any_vertex
        self._entries: list[Located] | None = None
        self._non_live_models: set[str] | None = None
        self._non_live_nodes: dict[int, cst.Call] | None = None
        self._elsewhere_nodes: dict[int, bool] | None = None
        self._shared_elsewhere: dict[int, tuple[str, str]] | None = None
        self._flow = None
        self._by_config: dict[int, list[ConfigEntry]] | None = None
        self._by_container: dict[int, list[ConfigEntry]] | None = None
        self._complete: dict[int, bool] = {}
        self._speaks_gemini: bool | None = None
        self._mime_arguments: list[cst.BaseExpression] | None = None
        self._find()

    # --- queries for rules ------------------------------------------------------------
    @property
    def uses_live_api(self) -> bool:
        """The module opens a Live session or builds a Live config."""
        return bool(self.connects or self.configs)

    @property
    def reads_raw_sessions_elsewhere(self) -> bool:
        """The module reads the raw server messages of sessions an imported raw Live client of
        the run opens (``ModuleFacts.reads_raw_live``)."""
        return self.facts is not None and bool(self.facts.reads_raw_live)

    @property
    def streams_with_adk(self) -> bool:
        """The module streams with ADK's ``run_live``: ADK opens the Live session for it."""
        return self._adk_live()

    @property
    def opens_sessions(self) -> bool:
        """The module opens a Live session itself: a ``live.connect`` or a raw setup frame."""
        return bool(self.connects or any(c.kind == "raw" for c in self.configs))

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The node ``node`` is written in (None for the module)."""
        return self.bindings.parent(node)

    def config_entries(self) -> list[Located]:
        """Every field of every Live config, each once, in source order of discovery."""
        if self._entries is None:
            seen: set[int] = set()
            entries: list[Located] = []
            self._by_config = {}
            reached_by: dict[int, list[LiveConfig]] = {}
            for config in self.configs:
                for entry in walk_config(config.root, self.bindings, self.imports):
                    if config.prefix:
                        if entry.path[: len(config.prefix)] != config.prefix or len(entry.path) == len(config.prefix):
                            continue
                        entry = replace(entry, path=entry.path[len(config.prefix):])
                    self._by_config.setdefault(id(config), []).append(entry)
                    reached_by.setdefault(id(entry.node), []).append(config)
                    if id(entry.node) not in seen:
                        seen.add(id(entry.node))
                        entries.append(Located(entry, config))
            entries = [Located(loc.entry, loc.config, shared_model(reached_by[id(loc.entry.node)]))
                       if len(reached_by[id(loc.entry.node)]) > 1 else loc for loc in entries]
            self.tool_response_roots += [(root, config) for receiver, root, config in self._tool_responses_if_session
                                         if self._opened_session(receiver)]
            self._tool_responses_if_session = []
            for root, config in self.tool_response_roots:
                for entry in walk_config(root, self.bindings, self.imports, ("function_responses",)):
                    if id(entry.node) not in seen:
                        seen.add(id(entry.node))
                        entries.append(Located(entry, config))
            self._entries = entries
        return self._entries

    def _opened_session(self, receiver: cst.BaseExpression, depth: int = 0) -> bool:
        """``receiver`` holds a Live session (the flow knows it), or a connection this code
        opened: ``async with connect_raw_live(...) as session``, ``session = await
        connect(...)`` (a wrapper's session, not an object a test builds around a fake socket)."""
        if self.is_session(receiver):  # type: ignore[attr-defined]
            return True
        if type(self.resolve_value(receiver)) is cst.Await:
            return True
        if type(receiver) is not cst.Name:
            return False
        if any(type(ancestor) is cst.With and ancestor.asynchronous is not None
               and any(item.asname is not None and type(item.asname.name) is cst.Name
                       and item.asname.name.value == receiver.value for item in ancestor.items)
               for ancestor in self.bindings.ancestors(receiver)):
            return True
        # a parameter this module's calls pass such a session in (`self._dispatch(session, ...)`)
        return depth < 3 and any(type(value) is cst.Name and self._opened_session(value, depth + 1)
                                 for value in self.parameter_values(receiver) or ())  # type: ignore[attr-defined]

    @property
    def flow(self) -> "SessionFlow":
        """Where sessions and messages go, and when each send runs (built on first use)."""
        if self._flow is None:
            from livemigrate.analysis.flow import SessionFlow

            self._flow = SessionFlow(self.bindings, self.connects, self.imports.uses_genai or bool(self.connects),
                                     self.raw_client or any(c.kind == "raw" for c in self.configs),
                                     [(f, name, HandedSession(self._handed_model(model), modality))
                                      for f, name, kind, model, modality in self.handed_sessions if kind == "sdk"],
                                     list(self.facts.session_attributes) if self.facts is not None else None,
                                     [(spelling, HandedSession(self._handed_model(model), modality))
                                      for spelling, model, modality in self.entered_sessions])
        return self._flow

    def answers_in_audio_by_its_model(self, origin: object | None) -> bool:
        """``origin`` is a session another module opened and handed here (no config to read
        here) on a native-audio id, which answers only in audio, or with a config its module
        shows answering in AUDIO; and so is every other session handed to this module (a helper
        two modules call may get a TEXT one from the other). Also a raw message (no origin) in a
        module reading what an imported raw client yields, when each setup that client's module
        writes says so."""
        from livemigrate.migration import legacy_model

        if isinstance(origin, HandedSession):
            sessions = [(model, modality) for _, _, kind, model, modality in self.handed_sessions if kind == "sdk"] \
                + [(model, modality) for _, model, modality in self.entered_sessions]
        elif origin is None and not self.configs and self.facts is not None and self.facts.reads_raw_live:
            # raw messages an imported raw client yields: the setups its module writes
            sessions = list(self.facts.reads_raw_live)
        else:
            return False
        return bool(sessions) and all(modality == "AUDIO" or modality != "TEXT" and model
                                      and (m := legacy_model(model)) is not None and m.native_audio
                                      for model, modality in sessions)

    def config_of(self, connect: object | None) -> LiveConfig | None:
        """The Live config a session was opened with: its connect's, or the only one here."""
        if connect is not None:
            for config in self.configs:
                if connect in config.connects:
                    return config
            return None
        sdk = [c for c in self.configs if c.connects]
        if len(sdk) > 1 and self.facts is not None and self.facts.unused_methods:
            # (a session a method nothing in the run calls opens never runs)
            sdk = [c for c in sdk if not all(self._in_unused_method(connect.call) for connect in c.connects)]
        if len(sdk) == 1:
            return sdk[0]
        raw = [c for c in self.configs if c.kind == "raw"]
        return raw[0] if len(raw) == 1 else None

    def _in_unused_method(self, node: cst.CSTNode) -> bool:
        """``node`` sits in a method of a class here that no file of the run calls
        (:attr:`ModuleFacts.unused_methods`)."""
        function = self.bindings.enclosing_function(node)
        return function is not None and self.bindings.enclosing_class(function) is not None \
            and self.facts is not None and function.name.value in self.facts.unused_methods

    def resolve_value(self, node: cst.BaseExpression) -> cst.BaseExpression:
        """Follow a name to its value: the one value it is assigned (through up to five
        names), else the node itself."""
        return self.bindings.value_of(node)

    def entries_in(self, container: cst.CSTNode) -> list[ConfigEntry]:
        """The config entries written in one call or dict literal."""
        if self._by_container is None:
            self._by_container = {}
            for located in self.config_entries():
                if located.entry.container is not None:
                    self._by_container.setdefault(id(located.entry.container), []).append(located.entry)
        return self._by_container.get(id(container), [])

    def entries_of(self, config: LiveConfig) -> list[ConfigEntry]:
        """The fields of one Live config, shared ones included (indexed once: rules ask
        this per call site)."""
        self.config_entries()
        assert self._by_config is not None
        return self._by_config.get(id(config), [])

    def speaks_gemini(self) -> bool:
        """The module is Gemini code (asked once; see :func:`~livemigrate.analysis.endpoints.speaks_gemini`):
        only there do Live-like frame keys make a raw Live client."""
        if self._speaks_gemini is None:
            self._speaks_gemini = speaks_gemini(self)
        return self._speaks_gemini

    def config_is_complete(self, config: LiveConfig) -> bool:
        """Every spread (``**x``, ``{**x}``, ``cfg.update(x)``) of the config, and its base,
        resolve to fields this module shows: a field it does not set is not set."""
        if id(config) not in self._complete:
            self._complete[id(config)] = config_is_complete(config.root, self.bindings, self.imports, config.prefix)
        return self._complete[id(config)]

    def declares_history(self, config: LiveConfig) -> bool:
        """The config sets ``history_config.initial_history_in_client_content`` to True."""
        for entry in self.entries_of(config):
            if entry.path == ("history_config", "initial_history_in_client_content"):
                return isinstance(entry.value, cst.Name) and entry.value.value == "True"
        return False

    def built_elsewhere_with(self, config: LiveConfig, field: str) -> bool:
        """Another module's config builder that builds ``config`` (``self._build_config()``
        of a mixin, ``build_live_config(...)``: ``ModuleFacts.config_builders``) names
        ``field``: it may set it where this module cannot see."""
        builders = dict(self.facts.config_builders) if self.facts is not None else {}
        if not builders:
            return False
        hidden = config_hidden_calls(config.root, self.bindings, self.imports, config.prefix) or []
        return any(field in builders.get(dotted_name(source.func if isinstance(source, cst.Call) else source) or "", ())
                   for source in hidden)

    def key_filtered_dicts(self) -> frozenset[int]:
        """The dict literals a comprehension copies by key (``BASE`` of ``{k: v for k, v in
        BASE.items() if k in {...}}``): what a fix adds or renames there may not pass the filter."""
        cached = getattr(self, "_key_filtered", None)
        if cached is None:
            found = set()
            # (a Live config built by the comprehension, keeping only the keys it names: a copy
            # that only goes to a log line, or a filter dropping named keys, leaves fixes alone)
            roots = [self.resolve_value(c.root) for c in self.configs]
            for comp in (r for r in roots if type(r) is cst.DictComp):
                source, keys, keep = key_filter(comp)  # type: ignore[arg-type]
                value = self.resolve_value(source) if source is not None and keys is not None and keep else None
                if type(value) is cst.Dict:
                    found.add(id(value))
            cached = self._key_filtered = frozenset(found)
        return cached

    def _only_copy_of(self, call: cst.Call) -> cst.Name | None:
        """``BASE`` of ``BASE.model_copy(update={...})`` / ``BASE.copy()`` when this is the only
        place the module reads ``BASE``: a field written into the base then reaches this copy
        alone (a base other configs copy too is theirs as well: no container)."""
        func = call.func
        if not (type(func) is cst.Attribute and func.attr.value in COPY_METHODS and type(func.value) is cst.Name):
            return None
        name = func.value.value
        reads = [n for n in self.nodes(cst.Name) if n.value == name and not self._binds(n)]
        return func.value if len(reads) == 1 else None

    def _binds(self, name: cst.Name) -> bool:
        parent = self.bindings.parent(name)
        return type(parent) is cst.AssignTarget or (type(parent) is cst.AnnAssign and parent.target is name)

    def container_of(self, config: LiveConfig) -> cst.Call | cst.Dict | None:
        """The one call or dict literal a config is written as, if it is exactly one."""
        node = config.root
        for _ in range(6):
            if isinstance(node, cst.Name):
                scope, values = self.bindings.resolve_name(node.value, node)
                param = parameter(scope, node.value) if not values and type(scope) is cst.FunctionDef else None
                if param is not None and self.bindings.filled_elsewhere(scope, node.value) is None \
                        and self.bindings.callers_all_read(scope):
                    # `def __init__(self, config=CONFIG)`: the default, and what this module's calls pass
                    values = self.bindings.parameter_values(scope, param)
            elif isinstance(node, cst.Attribute):
                values = self.bindings.attribute_values(node)  # also `self.settings.config`
            elif isinstance(node, cst.Call) and (copied := self._only_copy_of(node)) is not None:
                values = [copied]  # BASE.model_copy(update={...}) of a base nothing else reads
            elif isinstance(node, cst.Call) and not self._is_config_call(node):
                # build_config(...): follow the helper to the one config it returns; a field
                # declaration (`field(default_factory=...)`) to the default it gives
                function = self.bindings.callee(node, by_name=True)
                values = self.bindings.returns.get(function, []) if function is not None else \
                    field_default_values(self.bindings, node) or []
            else:
                break
            if len(values) != 1:
                return None
            node = values[0]
        if config.kind == "raw" and isinstance(node, cst.Dict):
            inner = next((e.value for e in node.elements if isinstance(e, cst.DictElement)
                          and string_value(e.key) == "setup"), None)
            return inner if isinstance(inner, cst.Dict) else None
        if isinstance(node, cst.Dict) or (isinstance(node, cst.Call) and self._is_config_call(node)):
            return node
        return None

    def branches_of(self, config: LiveConfig) -> list[tuple[cst.Call | cst.Dict, list[ConfigEntry]]] | None:
        """Each literal ``config`` may be at run time, with the fields a session opened with it
        gets: the sides of a conditional expression, every value of a name assigned in an
        ``if`` / ``else``, every return of a helper. A branch's fields are its own and those
        every branch gets (later ``cfg[k] = v`` statements on the name). One branch for a
        config written as one literal (:meth:`container_of`); None when some branch is not a
        literal here (a parameter, a value from elsewhere)."""
        literals: list[cst.CSTNode] = []
        pending: list[tuple[cst.CSTNode, int]] = [(config.root, 0)]
        seen: set[int] = set()
        while pending:
            node, depth = pending.pop(0)
            if id(node) in seen:
                continue
            seen.add(id(node))
            if depth > 12:
                return None
            values: list[cst.BaseExpression] | None = None
            if isinstance(node, cst.IfExp):
                values = [node.body, node.orelse]
            elif isinstance(node, cst.Name):
                values = self.bindings.resolve_name(node.value, node)[1]
            elif isinstance(node, cst.Attribute):
                klass = self.bindings.enclosing_class(node)
                values = self.bindings.attributes.get((klass, node.attr.value), []) if klass else []
            elif isinstance(node, cst.Call) and not self._is_config_call(node):
                function = self.bindings.callee(node, by_name=True)
                values = self.bindings.returns.get(function, []) if function is not None else []
            if values is None:
                literals.append(node)
            elif not values:
                return None
            else:
                pending += [(v, depth + 1) for v in values]
        branches: list[tuple[cst.Call | cst.Dict, list[ConfigEntry]]] = []
        reached: set[int] = set()
        for literal in literals:
            container = literal
            if config.kind == "raw" and isinstance(literal, cst.Dict):
                container = next((e.value for e in literal.elements if isinstance(e, cst.DictElement)
                                  and string_value(e.key) == "setup"), None)
            if not (isinstance(container, cst.Dict)
                    or (isinstance(container, cst.Call) and self._is_config_call(container))):
                return None
            own = []
            for entry in walk_config(literal, self.bindings, self.imports):
                if config.prefix:
                    if entry.path[: len(config.prefix)] != config.prefix or len(entry.path) == len(config.prefix):
                        continue
                    entry = replace(entry, path=entry.path[len(config.prefix):])
                own.append(entry)
                reached.add(id(entry.node))
            branches.append((container, own))
        shared = [e for e in self.entries_of(config) if id(e.node) not in reached]
        return [(container, own + shared) for container, own in branches]

    def _is_config_call(self, node: cst.Call) -> bool:
        """``types.LiveConnectConfig(...)`` (any alias) or ``dict(...)``: a call whose
        keyword arguments are the config's fields."""
        if isinstance(node.func, cst.Name) and node.func.value == "dict":
            return True
        return self.imports.types_name(node.func) in ("LiveConnectConfig", "LiveConnectConfigDict")

    def model_literals(self, also: frozenset[str] = frozenset()) -> Iterator["ModelLiteral"]:
        """Every string literal (or f-string text) holding a 2.x Live model id (or one of
        ``also``: an earlier target's id that the current target replaces), with what the
        code around it does with it. Docstrings are skipped."""
        flowing = {id(n) for c in self.connects for n in c.model.literals}
        flowing |= {id(n) for c in self.configs if not c.minted for n in c.model.literals}
        flowing |= self._framework_literals()
        elsewhere = self._exported_literals(self.facts.to_live) | self._passed_literals() \
            if self.facts is not None else set()
        # A token's model: its sessions are opened by whoever holds the token.
        elsewhere |= {id(n) for c in self.configs if c.minted for n in c.model.literals}
        elsewhere_non_live = self._exported_literals(self.facts.to_non_live) if self.facts is not None else set()
        vertex = self._exported_literals(self.facts.vertex_live) | self._passed_literals(vertex=True) \
            if self.facts is not None else set()
        membership = self._membership_names()
        tested: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for key, text, where in self.facts.name_tests if self.facts is not None else ():
            for node_id in self._exported_literals((key,)):
                tested[node_id].append((text, where))
        live_here = bool(flowing) or self.uses_live_api or self.raw_client
        non_live = self._non_live_literals() if flowing or not live_here else set()
        # No Live session here: an id only a text model takes (`GenerativeModel("...")`,
        # `generate_content(model=...)`) is not Live code, even a Live-only one (the call 404s
        # on it, and on the target's Live-only id too).
        text_only = non_live - elsewhere if not live_here else set()
        nodes: list[cst.CSTNode] = [*self._strings, *self.bindings.fstring_texts]
        for node in nodes:
            value = string_value(node) if isinstance(node, cst.SimpleString) else node.value
            if value is None or self._is_docstring(node):
                continue
            if legacy_model(value) is None and strip_model_prefix(value)[1] not in also:
                continue
            if id(node) in text_only:
                continue
            yield ModelLiteral(node, value, id(node) in flowing, self._literal_context(node, membership),
                               self._also_used_outside_live(node) or id(node) in elsewhere_non_live
                               or (id(node) in flowing and id(node) in non_live),
                               flows_elsewhere=id(node) in elsewhere, flows_to_vertex=id(node) in vertex,
                               tested_elsewhere=tuple(tested.get(id(node), ())))

    def model_mentions(self) -> Iterator[tuple[cst.CSTNode, str]]:
        """(string, id) for each 2.x Live-only id a string of Live code names among other words
        (a log line, an error message: ``f"Connecting to gemini-2.5-flash-native-audio-latest"``).
        Docstrings are skipped, and so are modules that use no Live API."""
        if not (self.uses_live_api or self.raw_client or self.connects):
            return
        for node in [*self._strings, *self.bindings.fstring_texts]:
            value = string_value(node) if isinstance(node, cst.SimpleString) else node.value
            if value is None or "gemini-" not in value or self._is_docstring(node):
                continue
            for name in live_ids_in_text(value):
                yield node, name

    def framework_text_modalities(self) -> Iterator[tuple[cst.Arg, ModelInfo]]:
        """(``modalities=`` argument, the service's model) for pipecat's Gemini Live services
        built with ``params=InputParams(modalities=GeminiMultimodalModalities.TEXT)``: the
        service opens its Live session answering in text."""
        for name in FRAMEWORK_LIVE_CLASSES:
            if name == "RealtimeModel":
                continue  # (LiveKit's takes `modalities=` itself: a config entry)
            for call in self.bindings.calls_by_name.get(name, ()):
                params = _kwarg(call, "params")
                built = self.resolve_value(params) if params is not None else None
                if type(built) is not cst.Call:
                    continue
                for arg in built.args:
                    if arg.keyword is None or arg.keyword.value != "modalities":
                        continue
                    value = self.resolve_value(arg.value)
                    text = string_value(value) or (value.attr.value if type(value) is cst.Attribute else "")
                    if text.upper() == "TEXT":
                        model = _kwarg(call, "model")
                        yield arg, self.model_info(model, call) if model is not None else ModelInfo.unknown()

    def _non_live_literals(self) -> set[int]:
        """The literals a google-genai call that is not Live (``models.generate_content``,
        ``chats.create``) takes as its ``model=``, followed as a session's model is: a class
        whose ``self.model`` reaches both a Live session and ``generate_content`` gives both
        the id its constructor is passed."""
        found: list[tuple[str | None, cst.CSTNode | None]] = []
        for call in self.bindings.calls:
            func = call.func
            if not isinstance(func, cst.Attribute):
                continue
            owner = func.value.attr.value if isinstance(func.value, cst.Attribute) else None
            if func.attr.value in NON_LIVE_METHODS or (func.attr.value == "create" and owner in NON_LIVE_CREATORS):
                model = _kwarg(call, "model")
                if model is not None:
                    self._model_values(model, found, set(), depth=0)
        for call in self.bindings.calls_by_name.get("GenerativeModel", ()):
            # google-generativeai's text model: GenerativeModel("id") / (model_name="id")
            positional = [a for a in call.args if a.keyword is None and not a.star]
            model = _kwarg(call, "model_name") or (positional[0].value if positional else None)
            if model is not None:
                self._model_values(model, found, set(), depth=0)
        return {id(node) for _, node in found if node is not None}

    def exported_api_versions(self) -> list[cst.SimpleString]:
        """The ``"v1alpha"`` literals of this module's exports that other modules' clients
        opening Live sessions take as their api_version (``ModuleFacts.live_api_versions``:
        ``API_VERSION = "v1alpha"`` in a config module)."""
        return [value for key in (self.facts.live_api_versions if self.facts is not None else ())
                for value in self._export_values(key)
                if type(value) is cst.SimpleString and string_value(value) == "v1alpha"]

    def _framework_literals(self) -> set[int]:
        """The literals a voice-agent framework's Live class takes as its ``model=``
        (:data:`~livemigrate.migration.FRAMEWORK_LIVE_CLASSES`): the framework opens the Live session with it."""
        found: list[tuple[str | None, cst.CSTNode | None]] = []
        for name in FRAMEWORK_LIVE_CLASSES:
            for call in self.bindings.calls_by_name.get(name, ()):
                model = _kwarg(call, "model")
                if model is not None:
                    self._model_values(model, found, set(), depth=0)
        return {id(node) for _, node in found if node is not None}

    def _exported_literals(self, keys: tuple[str, ...]) -> set[int]:
        """The literals the exports ``keys`` of this module hold (``MODEL``: a module-level
        name; ``Settings.MODEL``: a class field or ``self.MODEL``), followed as a session's
        model is (``os.getenv`` defaults, field defaults)."""
        found: list[tuple[str | None, cst.CSTNode | None]] = []
        for key in keys:
            for value in self._export_values(key):
                self._model_values(value, found, set(), depth=0)
        return {id(node) for _, node in found if node is not None}

    def _entry_path_values(self, head: str, called: bool, keys: tuple[str, ...]) -> list[cst.BaseExpression]:
        """What this module writes under ``keys`` of its dict ``head`` (of what its function
        ``head()`` returns, when ``called``), through the module's names for nested dicts."""
        if called:
            function = self.bindings.functions.get((self.module, head))
            held: list[cst.BaseExpression] = list(self.bindings.returns.get(function, ())) if function else []
        else:
            held = list(self.bindings.assignments.get((self.module, head), ()))
        for key in keys:
            entries: list[cst.BaseExpression] = []
            for value in held:
                if type(value) is cst.Name:
                    value = next(iter(self.bindings.resolve_name(value.value, value)[1]), value)
                if type(value) is cst.Dict:
                    entries += _entry_values(value, key)[0]
            held = entries
        return held

    def _compared_local(self, assign: cst.CSTNode, name: str) -> bool:
        """A function binds ``name`` to the literal and only compares it (``==``, ``!=``, ``in``),
        or names it in an ``assert`` (its message): a value a check expects, not a setting. Any
        other use (``model=name``, a setup frame's ``f"models/{name}"``) makes it a setting."""
        function = self.enclosing_function(assign)
        if function is None:
            return False
        compared = False
        for node in self.walk(function.body):
            if type(node) is not cst.Name or node.value != name:
                continue
            above = self.parent(node)
            if type(above) in (cst.Comparison, cst.ComparisonTarget):
                compared = True
            elif type(above) is not cst.AssignTarget and not any(type(a) is cst.Assert for a in self.ancestors(node)):
                return False
        return compared

    def _export_values(self, key: str) -> list[cst.BaseExpression]:
        """What this module assigns to its export ``key`` (``MODEL``: a module-level name;
        ``Settings.MODEL``: a class field or ``self.MODEL``; ``API_CONFIG["model"]`` /
        ``get_config()["api"]["model"]``: a settings dict's entry)."""
        path = split_entry_path(key)
        if path is not None:
            return self._entry_path_values(*path)
        owner, _, name = key.rpartition(".")
        if not owner:
            return self.bindings.assignments.get((self.module, name), [])
        klass = self.bindings.classes.get((self.module, owner))
        if klass is not None:
            return self.bindings.attributes.get((klass, name), [])
        # `agent.model` of `agent = Agent(model=...)`: the keyword the object is built with
        return [arg.value for value in self.bindings.assignments.get((self.module, owner), [])
                if type(value) is cst.Call for arg in value.args
                if arg.keyword is not None and arg.keyword.value == name]

    def _imported_calls(self, spelling: str) -> Iterator[cst.Call]:
        """The calls of an imported class or function spelled ``spelling`` (``LiveSession``,
        ``live.LiveSession``), not of a name this module binds itself."""
        for call in self.bindings.calls_by_name.get(spelling.rsplit(".", 1)[-1], ()):
            if dotted_name(call.func) != spelling:
                continue
            scope, values = self.bindings.resolve_name(spelling.split(".")[0], call)
            if scope is None and not values:
                yield call

    def _passed_literals(self, vertex: bool = False) -> set[int]:
        """The literals this module passes for a parameter that another module's Live session
        takes as its model (``LiveSession(model="...")``, ``LiveSession`` imported), followed
        as a session's model is (with ``vertex``, only where that module builds a Vertex AI
        client: ModuleFacts.vertex_parameters)."""
        found: list[tuple[str | None, cst.CSTNode | None]] = []
        facts = self.facts
        for spelling, name, position in (facts.vertex_parameters if vertex else facts.model_parameters) \
                if facts is not None else ():
            for call in self._imported_calls(spelling):
                positional = [a for a in call.args if a.keyword is None and not a.star]
                passed = [a.value for a in call.args if a.keyword is not None and a.keyword.value == name]
                if not passed and 0 <= position < len(positional):
                    passed = [positional[position].value]
                for value in passed:
                    self._model_values(value, found, set(), depth=0)
        return {id(node) for _, node in found if node is not None}

    def _handed_sessions(self) -> list[tuple[cst.FunctionDef, str, str, str, str]]:
        """(function, parameter, kind, model, modality) for each session other modules of the
        run hand this module's classes and functions (:attr:`ModuleFacts.handed_sessions`)."""
        found: list[tuple[cst.FunctionDef, str, str, str, str]] = []
        for owner, position, keyword, kind, model, modality in self.facts.handed_sessions \
                if self.facts is not None else ():
            # "Class" (its __init__), "function", or "Class.method" (a method its base hands it to)
            owner, _, method = owner.partition(".")
            klass = self.bindings.classes.get((self.module, owner))
            function = self.bindings.functions.get((klass, method or "__init__")) if klass is not None \
                else self.bindings.functions.get((self.module, owner))
            if function is None:
                continue
            params = [*function.params.posonly_params, *function.params.params]
            if klass is not None:
                params = params[1:]  # self
            if keyword:
                param = parameter(function, keyword)
            else:
                param = params[position] if 0 <= position < len(params) else None
            if param is not None and not param.star:
                found.append((function, param.name.value, kind, model, modality))
        return found

    @staticmethod
    def _handed_model(model: str) -> ModelInfo:
        """What a module handed a session knows of its model: the id its opener gave it."""
        if not model:
            return ModelInfo.unknown()
        status: ModelStatus = "legacy" if legacy_model(model) else "target" if _is_target_id(model) else "unknown"
        return ModelInfo(status, (model,), imported=True)

    def _literal_context(self, node: cst.CSTNode, membership: set[str]) -> str | None:
        """``compared``: the id is tested (``==``, ``in``, ``startswith``, ``case``, or an
        element of a collection that is only used for ``in`` tests) — rewriting it changes the
        test. ``collection``: one id among others (list, set, dict key, ``Literal[...]``, enum
        value) — rewriting may duplicate an entry."""
        if is_expected_value(node, self.parent):
            return "compared"  # a value a test expects: `assert sent == snapshot({...})`
        child = node
        in_collection = False
        for ancestor in self.bindings.ancestors(node):
            if isinstance(ancestor, (cst.Comparison, cst.ComparisonTarget, cst.MatchValue, cst.MatchCase)):
                return "compared"
            if isinstance(ancestor, cst.Call):
                func = ancestor.func
                if isinstance(func, cst.Attribute) and func.attr.value in ("startswith", "endswith"):
                    return "compared"
                if not (isinstance(func, cst.Name) and func.value in ("set", "frozenset", "tuple", "list")):
                    # `[pytest.param("id", ...), Case("id", True)]`: an argument of a call that
                    # is itself one entry of a collection is that entry's value.
                    if not (isinstance(child, cst.Arg) and isinstance(self.parent(ancestor), cst.Element)):
                        break
            elif isinstance(ancestor, (cst.Element, cst.SubscriptElement)):
                in_collection = True
            elif isinstance(ancestor, cst.DictElement):
                if child is ancestor.key:
                    in_collection = True
                    break
                # `[{"id": "gemini-...", "label": ...}, ...]` (a model picker): a field of a record
                # that is one entry of a collection is that entry's value
                if not isinstance(self.parent(self.parent(ancestor) or ancestor), cst.Element):
                    break
            elif isinstance(ancestor, (cst.Assign, cst.AnnAssign)):
                targets = ancestor.targets if isinstance(ancestor, cst.Assign) else [ancestor]
                names = {t.target.value for t in targets if isinstance(t.target, cst.Name)}
                if in_collection and names & membership:
                    return "compared"
                if not in_collection and len(names) == 1 and self._compared_local(ancestor, names.pop()):
                    return "compared"  # `legacy = "gemini-live-..."`, then `assert agent.model != legacy`
                klass = self.parent(self.parent(ancestor) or ancestor)
                if isinstance(klass, cst.ClassDef) and any(
                        "Enum" in (dotted_name(b.value) or "") for b in klass.bases):
                    return "collection"
                break
            elif isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
                break
            child = ancestor
        return "collection" if in_collection else None

    def _membership_names(self) -> set[str]:
        """Names used as the container of an ``in`` / ``not in`` test."""
        names: set[str] = set()
        for comparison in self.bindings.comparisons:
            for target in comparison.comparisons:
                if isinstance(target.operator, (cst.In, cst.NotIn)) and isinstance(target.comparator, cst.Name):
                    names.add(target.comparator.value)
        return names

    def _also_used_outside_live(self, node: cst.CSTNode) -> bool:
        """The constant holding this id is also passed as ``model=`` to something that is not
        a Live connect (``models.generate_content``, ``chats.create``)."""
        parent = self.parent(node)
        if not (isinstance(parent, cst.Assign) and len(parent.targets) == 1
                and isinstance(parent.targets[0].target, cst.Name)):
            return False
        if self._non_live_models is None:
            # Gathered once: asking every call per literal was quadratic on big modules.
            connects = {id(c.call) for c in self.connects}
            self._non_live_models = {
                arg.value.value for call in self.bindings.calls
                if id(call) not in connects and not self._live_model_taker(call)
                for arg in call.args
                if arg.keyword is not None and arg.keyword.value == "model" and isinstance(arg.value, cst.Name)}
        return parent.targets[0].target.value in self._non_live_models

    def _live_model_taker(self, call: cst.Call) -> bool:
        """A call whose ``model=`` is a Live model too: a google-genai Live type
        (``LiveConnectConstraints`` of an ephemeral token), or a function of this module that
        opens a Live session with its ``model`` parameter (``speak(client, text, model=X)``)."""
        name = self.imports.types_name(call.func)
        if name is not None and name.startswith("Live"):
            return True
        function = self.bindings.callee(call)
        if function is None or parameter(function, "model") is None:
            return False
        if any(isinstance(c.model_expr, cst.Name) and c.model_expr.value == "model"
               and self.bindings.enclosing_function(c.call) is function for c in self.connects):
            return True
        # a function of this module that never hands its `model` to a call (it records it as a
        # label, `{"model": model}`, maybe through another such function) calls no model with it
        return self._records_model_only(function, 0)

    def _records_model_only(self, function: cst.FunctionDef, depth: int) -> bool:
        """``function``'s ``model`` parameter only goes into what it returns or prints: each read
        of it sits in a returned value or in an f-string (a label), or is passed as ``model=model``
        to a function of this module that does the same. Bound to anything (``kwargs = {"model":
        model}``, later splatted into a call) or passed to any other call, it may reach a model."""
        for node in descendants(function.body):
            if not (type(node) is cst.Name and node.value == "model"):
                continue
            above = self.parent(node)
            if type(above) is cst.Arg and above.keyword is node or type(above) is cst.Attribute and above.attr is node:
                continue  # `f(model=...)`'s keyword, `x.model`: not the parameter read
            child: cst.CSTNode = node
            for ancestor in self.bindings.ancestors(node):
                kind = type(ancestor)
                if kind is cst.FormattedString:
                    holder = self.parent(ancestor)
                    if type(holder) is cst.Arg and holder.keyword is not None and holder.keyword.value == "model":
                        return False  # `model=f"{model}"`: still the model
                    break
                if kind is cst.Arg:
                    call = self.parent(ancestor)
                    callee = self.bindings.callee(call) if type(call) is cst.Call else None
                    if ancestor.value is not child or callee is None or depth >= 3 or ancestor.keyword is None \
                            or ancestor.keyword.value != "model" or parameter(callee, "model") is None \
                            or not self._records_model_only(callee, depth + 1):
                        return False
                    break
                if kind in (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.NamedExpr):
                    return False
                if kind is cst.Return or ancestor is function:
                    break
                child = ancestor
        return True

    def async_tool_settings(self, type_names: tuple[str, ...], fields: tuple[str, ...]) -> list[cst.Arg]:
        """The ``fields`` keywords of ``types.<type_names>(...)`` calls (``behavior=`` of a
        ``FunctionDeclaration``, ``scheduling=`` of a ``FunctionResponse``) in a module that
        opens no Live session while another file of the run does (a framework's tool modules
        beside its Live handler: what only Live tool calls take is built for those sessions),
        unless the call is also given to a non-Live call here. Empty for a file checked alone.
        Also in a module that streams with ADK's ``run_live`` (its agents' tools and the
        responses it sends through a ``LiveRequestQueue`` are the session's, and reach no
        config the walk reads), and in a module opening Live sessions, a declaration none of its
        configs reads (exported to callers that pass it back to one)."""
        adk = self._adk_live()
        # a module opening Live sessions whose own configs do not read the declaration: another
        # module passes it back to one (`build_live_config(tools=[FACE_TOOL])` in a caller)
        # (a response such a module sends is read where it is sent: tool_response_roots)
        opens = self.opens_sessions and "FunctionDeclaration" in type_names
        elsewhere = self._sessions_only_elsewhere()
        if not (adk or opens or elsewhere):
            return []
        walked = {id(e.node) for c in self.configs for e in self.entries_of(c)} if adk or opens else set()
        found = []
        for call in self.bindings.calls:
            func = call.func
            name = self.imports.types_name(func)
            if type(func) is cst.Attribute and func.attr.value in _FROM_CALLABLE:
                name = self.imports.types_name(func.value)  # FunctionDeclaration.from_callable(...)
            if name not in type_names or self.non_live_use(call) is not None:
                continue
            found.extend(a for a in call.args if a.keyword is not None and a.keyword.value in fields
                         and id(a) not in walked)
        return found

    def own_declaration_arguments(self, field: str) -> list[cst.Arg]:
        """The ``field`` keywords (``behavior=``) of calls of classes that are not the SDK's
        (a project's own declaration class mirroring the wire, ``FunctionDefinition(...,
        behavior="NON_BLOCKING")`` whose method writes ``{"behavior": self.behavior}``), where
        :meth:`async_tool_settings` looks: what such a class serializes reaches a Live setup."""
        if not (self._adk_live() or self.opens_sessions or self._sessions_only_elsewhere()):
            return []
        found = []
        for call in self.bindings.calls:
            func = call.func
            if self.imports.types_name(func) is not None or type(func) is cst.Attribute and (
                    self.imports.types_name(func.value) is not None):  # (the SDK's: async_tool_settings)
                continue
            if self.non_live_use(call) is None:
                found.extend(a for a in call.args if a.keyword is not None and a.keyword.value == field)
        return found

    def _sessions_only_elsewhere(self) -> bool:
        """The module opens no Live session and has no Live config, and another file of the run
        opens one (``ModuleFacts.live_sessions_elsewhere``)."""
        return self.facts is not None and self.facts.live_sessions_elsewhere and not (self.connects or self.configs)

    def _adk_live(self) -> bool:
        """The module streams with ADK's ``run_live`` (it imports ADK's queue or RunConfig)."""
        return bool((self.imports.adk_queues or self.imports.adk_run_configs)
                    and self.bindings.calls_by_name.get("run_live"))

    def response_helper_settings(self, fields: tuple[str, ...]) -> list[cst.Arg]:
        """The ``fields`` keywords (``scheduling=``, ``will_continue=``) of calls of a
        framework's function-response helper (``ProcessorPart.from_function_response(...,
        scheduling=...)``: a function whose name says it builds a function response; the SDK's
        own ``Part.from_function_response`` takes neither) in a module that configures a Live
        session: only Live tool calls take them. (A framework's own function-calling code, used
        with other models too, is not Live code for that alone.)"""
        if not (self.connects or self.configs):
            return []
        found = []
        for call in self.bindings.calls:
            func = call.func
            kind = type(func)
            name = func.attr.value if kind is cst.Attribute else func.value if kind is cst.Name else ""
            lowered = name.lower()
            if "function_response" not in lowered and "functionresponse" not in lowered:
                continue
            if self.imports.types_name(func) is not None or self.non_live_use(call) is not None:
                continue  # the SDK's FunctionResponse: the config walk and async_tool_settings read it
            found.extend(a for a in call.args if a.keyword is not None and a.keyword.value in fields)
        return found

    def async_tool_declaration_keys(self, field: str) -> list[cst.DictElement]:
        """The ``field`` entries (``"behavior"``) of function declarations written as dicts
        (``{"name": ..., "description": ..., "behavior": "NON_BLOCKING"}``, or any dict in a
        ``"function_declarations"`` list) in a module that opens no Live session while another
        file of the run does, as :meth:`async_tool_settings` finds keyword spellings; also in a
        module that opens Live sessions or streams with ADK's ``run_live``, a declaration none of
        its configs reads (a notebook cell redefining a tool as ``{"name": ..., "behavior":
        "NON_BLOCKING"}`` after the session that used the first one: measurement 50)."""
        adk, opens = self._adk_live(), self.opens_sessions
        elsewhere = self._sessions_only_elsewhere()
        if not (adk or opens or elsewhere):
            return []
        walked = {id(e.node) for c in self.configs for e in self.entries_of(c)} if adk or opens else set()
        found = []
        for node in self.bindings.dicts:
            keys = {string_value(e.key): e for e in node.elements if type(e) is cst.DictElement}
            element = keys.get(field)
            if element is None or id(element) in walked:
                continue
            # (a name and a behavior: only a function declaration has both)
            if "name" in keys and ("description" in keys or "parameters" in keys or field == "behavior") \
                    or self._declared_in_list(node):
                if self.non_live_use(node) is None:
                    found.append(element)
        return found

    def _declared_in_list(self, node: cst.Dict) -> bool:
        """``node`` is an item of a list under a ``"function_declarations"`` key."""
        listed = self.bindings.parent(self.bindings.parent(node)) if self.bindings.parent(node) else None
        holder = self.bindings.parent(listed) if type(listed) is cst.List else None
        return type(holder) is cst.DictElement and string_value(holder.key) in ("function_declarations",
                                                                               "functionDeclarations")

    def typed_assignments(self, attribute: str, enum: str) -> list[cst.Assign]:
        """``obj.<attribute> = types.<enum>.X`` (the value names the type, so the object is
        the one that field belongs to: ``response.scheduling =
        types.FunctionResponseScheduling.X`` on a built response, ``declaration.behavior =
        types.Behavior.NON_BLOCKING`` in an ADK tool's declaration), in a module that opens a Live session or whose run
        opens one elsewhere (see :meth:`async_tool_settings`)."""
        elsewhere = self.facts is not None and self.facts.live_sessions_elsewhere
        if not (elsewhere or self.connects):
            return []
        found = []
        for node in self.bindings.nodes_of((cst.Assign,)):
            if len(node.targets) != 1 or type(node.targets[0].target) is not cst.Attribute \
                    or node.targets[0].target.attr.value != attribute:
                continue
            value = node.value
            if type(value) is cst.Attribute and self.imports.types_name(value.value) == enum:
                found.append(node)
        return found

    def connected_elsewhere(self, node: cst.CSTNode) -> bool:
        """``node`` (a config field, or an object a field sits in) belongs to a config another
        module of the run connects with (:attr:`LiveConfig.elsewhere`)."""
        if self._elsewhere_nodes is None:
            self._elsewhere_nodes = self._tagged_config_nodes((c.root, True) for c in self.configs if c.elsewhere)
        return self._config_tag(self._elsewhere_nodes, node) is not None

    def non_live_use_elsewhere(self, node: cst.CSTNode) -> tuple[str, str] | None:
        """(method, "file:line") of a non-Live call another module of the run gives the config
        ``node`` belongs to (``models.generate_content(config=LIVE_CONFIG)`` with ``LIVE_CONFIG``
        imported from here), or the entry of it ``node`` sits in (``system_instruction=
        LIVE_CONFIG["system_instruction"]``): changing ``node`` for the Live session would change
        that call too."""
        if self._shared_elsewhere is None:
            shared = self.facts.non_live_configs if self.facts else ()
            self._shared_elsewhere = self._tagged_config_nodes(
                (value, (method, where)) for name, entry, method, where in shared if not entry
                for value in self._module_config_values(name))
            for name, entry, method, where in shared:
                for value in self._module_config_values(name) if entry else ():
                    # (only that entry's fields: a fix elsewhere in the config leaves the call alone)
                    for entry_field in walk_config(value, self.bindings, self.imports):
                        if entry_field.path[0] == to_snake(entry):
                            self._shared_elsewhere.setdefault(id(entry_field.node), (method, where))
        return self._config_tag(self._shared_elsewhere, node)

    def _module_config_values(self, name: str) -> list[cst.Dict | cst.Call]:
        """The config objects a module-level ``name`` of this module is bound to, or that the
        builder function so named returns."""
        function = self.bindings.functions.get((self.bindings.module, name))
        values = self.bindings.returns.get(function, []) if function is not None else \
            self.bindings.assignments.get((self.bindings.module, name), ())
        return [value for value in map(self.resolve_value, values) if type(value) in (cst.Dict, cst.Call)]

    def non_live_use(self, node: cst.CSTNode) -> cst.Call | None:
        """The non-Live call (``models.generate_content``, ``chats.create``, ...) whose config
        also holds ``node`` (a config field, or an object a field sits in), if any: changing
        ``node`` for the Live session would change that call too."""
        if self._non_live_nodes is None:
            self._non_live_nodes = self._tagged_config_nodes(
                (root, call) for call in self.bindings.calls if (root := self._non_live_config(call)) is not None)
        return self._config_tag(self._non_live_nodes, node)

    def _tagged_config_nodes(self, roots: Iterable[tuple[cst.CSTNode, _Tag]]) -> dict[int, _Tag]:
        """Every node the config walk of each root goes through (its fields, the objects they
        sit in, the root itself), with the tag of the first root that reaches it."""
        tagged: dict[int, _Tag] = {}
        for root, tag in roots:
            visited: set[int] = set()
            for entry in walk_config(root, self.bindings, self.imports, visited=visited):
                tagged.setdefault(id(entry.node), tag)
            for node_id in visited:
                tagged.setdefault(node_id, tag)
        return tagged

    def _config_tag(self, tagged: Mapping[int, _Tag], node: cst.CSTNode) -> _Tag | None:
        """The tag of ``node`` or of the nearest node above it in its statement (the statement
        included) that :meth:`_tagged_config_nodes` reached."""
        current: cst.CSTNode | None = node
        while current is not None:
            found = tagged.get(id(current))
            if found is not None or isinstance(current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                return found
            current = self.parent(current)
        return None

    def _non_live_config(self, call: cst.Call) -> cst.BaseExpression | None:
        """The config a non-Live google-genai call is given, or None for any other call."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return None
        method = func.attr.value
        owner = func.value.attr.value if isinstance(func.value, cst.Attribute) else None
        if method in NON_LIVE_METHODS or (method == "create" and owner in NON_LIVE_CREATORS):
            return _kwarg(call, "config")
        return None

    # --- discovery ----------------------------------------------------------------------
    def _find(self) -> None:
        strings = self.bindings.strings
        calls = self.bindings.calls
        dicts = self.bindings.dicts
        self._strings = strings
        reached: set[int] = set()

        for call in calls:
            if _is_connect_call(call) and (self.imports.uses_genai or "aio" in (dotted_name(call.func) or "aio")):
                model_expr = _kwarg(call, "model")
                config_expr = _kwarg(call, "config")
                connect = LiveConnect(call, model_expr, config_expr,
                                      self.model_info(model_expr, call) if model_expr is not None else ModelInfo.unknown())
                self.connects.append(connect)
                if config_expr is not None:
                    config = LiveConfig(config_expr, "sdk", connect.model, [connect])
                    self.configs.append(config)
                    reached.add(id(config_expr))
        # A call of another module's session provider opens a session with the config passed.
        for call, model_expr, config_expr in self._provider_calls(calls):
            connect = LiveConnect(call, model_expr, config_expr,
                                  self.model_info(model_expr, call) if model_expr is not None else ModelInfo.unknown())
            self.connects.append(connect)
            self.configs.append(LiveConfig(config_expr, "sdk", connect.model, [connect]))
            reached.add(id(config_expr))

        # A class or function of another module that opens a session with the config its
        # parameter holds (`SessionManager(model=m, config={...})`): that argument is its config.
        for call, model_expr, config_expr in self._config_parameter_calls():
            if id(config_expr) in reached:
                continue
            reached.add(id(config_expr))
            self.configs.append(LiveConfig(config_expr, "sdk", self.model_info(model_expr, call)
                                           if model_expr is not None else ModelInfo.unknown()))

        fallback = self._module_model()
        # A module-level config another module's session connects with (`config=CONFIG` imported
        # from here): its fields are a Live config's (livemigrate.project). Its model is the
        # connecting module's, not this one's (a Vertex 2.x id there, a 3.x MODEL here), and that
        # module may also pass it to generate_content or change it before connecting: unknown
        # here, so what is fixed in it is for a human to check (fix safety's policy).
        for name in self.facts.live_configs if self.facts is not None else ():
            for value in self._module_config_values(name):
                if id(value) not in reached:
                    reached.add(id(value))
                    self.configs.append(LiveConfig(value, "sdk", ModelInfo.unknown(), elsewhere=True))
        # An ephemeral token's constraints config is the config of every session opened with
        # the token: the SDK locks the session to it (live-api-facts §2.11).
        for root, model_expr in self._token_configs(calls):
            self.configs.append(LiveConfig(root, "sdk", self.model_info(model_expr, root)
                                           if model_expr is not None else fallback, minted=True))
        # Everything the connect configs' walks go through: a LiveConnectConfig among them
        # is already a config of a session.
        for config in list(self.configs):
            for _ in walk_config(config.root, self.bindings, self.imports, visited=reached):
                pass
        for call in calls:
            type_name = self.imports.types_name(call.func)
            if type_name in ("LiveConnectConfig", "LiveConnectConfigDict") and id(call) not in reached:
                self.configs.append(LiveConfig(self._bound_name(call), "sdk", fallback))
            elif type_name == "RunConfig" and id(call) not in reached and self._adk_runs_live(call):
                model_expr = self._adk_agent_model(call)
                self.configs.append(LiveConfig(self._bound_name(call), "sdk", self.model_info(model_expr, call)
                                               if model_expr is not None else fallback))
            elif type_name is None and is_pipecat_gemini_service(call.func, self.imports) and id(call) not in reached:
                # pipecat's Gemini Live service: it opens the session with its params' fields
                model_expr = _kwarg(call, "model")
                self.configs.append(LiveConfig(call, "sdk", self.model_info(model_expr, call)
                                               if model_expr is not None else fallback))
            elif type_name is None and is_livekit_gemini_model(call.func, self.imports):
                # LiveKit's Gemini model: the plugin opens the session with these keywords
                model_expr = _kwarg(call, "model")
                self.configs.append(LiveConfig(call, "sdk", self.model_info(model_expr, call)
                                               if model_expr is not None else fallback))
            func = call.func
            if isinstance(func, cst.Attribute) and func.attr.value == "send_tool_response" \
                    and (self.imports.uses_genai or self.speaks_gemini()):
                for arg in call.args:
                    if arg.keyword is None or arg.keyword.value == "function_responses":
                        root = (arg.value, self._config_for_session_call(call, fallback))
                        # Gemini code without the SDK (a wrapper of a raw socket with the SDK's
                        # method names): its responses are Live's when the receiver is a Live
                        # session (asked once the flow is known), not a test's fake socket.
                        if self.imports.uses_genai:
                            self.tool_response_roots.append(root)
                        else:
                            self._tool_responses_if_session.append((func.value, *root))

        for node in dicts:
            if not is_expected_value(node, self.bindings.parent):  # a test's expected frame
                self._find_raw_frames(node, fallback)

    def _provider_calls(self, calls: list[cst.Call]) -> Iterator[tuple[cst.Call, cst.BaseExpression | None,
                                                                      cst.BaseExpression]]:
        """(call, model, config) of each call of an imported session provider (see
        ``ModuleFacts.session_providers``) that passes a config."""
        providers = self.facts.session_providers if self.facts is not None else ()
        if not providers:
            return
        for call in calls:
            func = call.func
            spelled = dotted_name(func)
            for spelling, model_at, model_keyword, config_at, config_keyword in providers:
                if spelling.startswith("."):
                    if not (type(func) is cst.Attribute and func.attr.value == spelling[1:]):
                        continue
                elif spelled != spelling:
                    continue
                config = _argument(call, config_at, config_keyword)
                if config is not None:
                    yield call, _argument(call, model_at, model_keyword), config
                break

    def _connect_parameter_arguments(self, role: str) -> Iterator[tuple[cst.Call, cst.BaseExpression]]:
        """(call, argument) for each call of an imported class or function that opens a Live
        session with the config (``role="config"``), or on the client (``"client"``), its
        parameter holds (``ModuleFacts.connect_parameters``), and what the call passes there."""
        for spelling, kind, name, position in self.facts.connect_parameters if self.facts is not None else ():
            if kind != role:
                continue
            for call in self._imported_calls(spelling):
                argument = _argument(call, position, name)
                if argument is not None:
                    yield call, argument

    def _config_parameter_calls(self) -> Iterator[tuple[cst.Call, cst.BaseExpression | None, cst.BaseExpression]]:
        """(call, model, config) of each call passing a config to another module's session
        class (:meth:`_connect_parameter_arguments`), with the model its model parameter gets."""
        models = {spelling: (name, position) for spelling, name, position in
                  (self.facts.model_parameters if self.facts is not None else ())}
        for call, config in self._connect_parameter_arguments("config"):
            spelling = dotted_name(call.func) or ""
            model = _argument(call, models[spelling][1], models[spelling][0]) if spelling in models else None
            yield call, model, config

    def live_client_arguments(self) -> list[cst.BaseExpression]:
        """What this module passes as the client of another module's class or function that
        opens Live sessions on it (``SessionManager(client=client, ...)``)."""
        return [argument for _, argument in self._connect_parameter_arguments("client")]

    def long_session_calls(self) -> Iterator[tuple[cst.Call, "LiveConfig | None", ModelInfo, str]]:
        """(call, the config it passes or None, its model, where the loop is) for each call of
        another module's class or function that opens a Live session with the config its
        caller passes and keeps it open until stopped (``ModuleFacts.long_sessions``)."""
        facts = self.facts
        if facts is None or not facts.long_sessions:
            return
        roles = {(spelling, role): (name, position) for spelling, role, name, position in facts.connect_parameters}
        models = {spelling: (name, position) for spelling, name, position in facts.model_parameters}
        by_root = {id(config.root): config for config in self.configs}
        for spelling, where in facts.long_sessions:
            for call in self._imported_calls(spelling):
                name, position = roles.get((spelling, "config"), ("", -1))
                given = _argument(call, position, name) if name else None
                config = by_root.get(id(given)) if given is not None else None
                if given is not None and config is None:
                    continue  # a config this module does not show as a Live config
                model_at = models.get(spelling)
                model_expr = _argument(call, model_at[1], model_at[0]) if model_at is not None else None
                model = self.model_info(model_expr, call) if model_expr is not None else ModelInfo.unknown()
                yield call, config, model, where

    def live_http_options_arguments(self) -> list[cst.BaseExpression]:
        """What this module passes as the HTTP options of the client another module's class or
        function builds and opens Live sessions on (``LiveProcessor(http_options=...)``)."""
        return [argument for _, argument in self._connect_parameter_arguments("http_options")]

    def queued_for_live_elsewhere(self) -> list[cst.BaseExpression]:
        """What this module's functions put on a queue parameter that another module hands
        them and a Live sender forwards as realtime input (``ModuleFacts.live_queue_fills``:
        ``capture_audio(queue)``'s ``await queue.put({"data": ..., "mime_type": "audio/pcm"})``)."""
        fills = self.facts.live_queue_fills if self.facts is not None else ()
        found: list[cst.BaseExpression] = []
        for function_name, param in fills:
            function = self.bindings.functions.get((self.module, function_name))
            for call in self.bindings.calls if function is not None else ():
                func = call.func
                if type(func) is cst.Attribute and func.attr.value in ("put", "put_nowait") \
                        and type(func.value) is cst.Name and func.value.value == param \
                        and any(a is function for a in self.ancestors(call)):  # (also in a nested function)
                    found.extend(arg.value for arg in call.args)
        return found

    def mime_sender_arguments(self) -> list[cst.BaseExpression]:
        """What this module's calls pass as the MIME type to another module's function or
        method that sends realtime input with it (``ModuleFacts.mime_senders``:
        ``gemini.send_audio_chunk(audio, mime_type)``); a method is matched on any receiver."""
        if self._mime_arguments is not None:  # asked twice per module by LM106
            return self._mime_arguments
        senders = self.facts.mime_senders if self.facts is not None else ()
        found: list[cst.BaseExpression] = []
        for spelling, position, keyword in senders:
            for call in self.bindings.calls_by_name.get(spelling.rsplit(".", 1)[-1], ()):
                method = spelling.startswith(".")
                if method and type(call.func) is not cst.Attribute or not method and dotted_name(call.func) != spelling:
                    continue
                argument = _argument(call, position, keyword)
                if argument is not None:
                    found.append(argument)
        self._mime_arguments = found
        return found

    def _adk_runs_live(self, run_config: cst.Call) -> bool:
        """An ADK ``RunConfig(...)`` for a Live session: ``streaming_mode=StreamingMode.BIDI``,
        or a module that streams with ``run_live`` (a text run's RunConfig is not Live's)."""
        mode = _kwarg(run_config, "streaming_mode")
        # (also a dict the call spreads, `RunConfig(**config_kwargs)`)
        for arg in run_config.args if mode is None else ():
            spread = self.resolve_value(arg.value) if arg.star == "**" else None
            for element in spread.elements if type(spread) is cst.Dict else ():
                if type(element) is cst.DictElement and string_value(element.key) == "streaming_mode":
                    mode = element.value
        if mode is not None and (dotted_name(mode) or "").endswith("BIDI"):
            return True
        if not self.bindings.calls_by_name.get("run_live"):
            return False
        given = self._runs_given(run_config)
        # (one only `run_async` takes, the text fallback beside the Live stream, is not Live's)
        return not given or "run_live" in given

    def _runs_given(self, run_config: cst.Call) -> set[str]:
        """The runner methods (``run_live``, ``run_async``) this module's calls give
        ``run_config`` to as their ``run_config=``: written there, bound to a name they pass, or
        returned by a function of the module whose call they pass."""
        found: set[str] = set()
        for method in ("run_live", "run_async", "run"):
            for call in self.bindings.calls_by_name.get(method, ()):
                given = _kwarg(call, "run_config")
                if given is None:
                    continue
                value = self.resolve_value(given)
                if value is run_config or method == "run_live" and type(value) is not cst.Call:
                    found.add(method)  # (a run_config this module cannot follow may be this one)
                elif type(value) is cst.Call and (function := self.callee(value)) is not None and any(
                        type(n) is cst.Return and n.value is not None and self.resolve_value(n.value) is run_config
                        for n in self.walk(function)):
                    found.add(method)
        return found

    def _adk_agent_model(self, run_config: cst.Call) -> cst.BaseExpression | None:
        """The ``model=`` of the agent ADK runs with ``run_config``: each ``run_live(...,
        run_config=...)`` taking it is called on a ``Runner(agent=...)`` of this module whose
        agent is built here (``LlmAgent(model=...)``, directly, through a name, or returned by
        a function of the module), and all of them name one model expression. None otherwise
        (an imported agent or runner: the model is not known here)."""
        models: list[cst.BaseExpression] = []
        for call in self.calls_to("run_live"):
            given = _kwarg(call, "run_config")
            if given is None or self.resolve_value(given) is not run_config:
                continue
            runner = self.resolve_value(call.func.value) if isinstance(call.func, cst.Attribute) else None
            agent = _kwarg(runner, "agent") if isinstance(runner, cst.Call) else None
            built = self._built_object(agent) if agent is not None else None
            model = _kwarg(built, "model") if built is not None else None
            if model is None:
                return None
            models.append(model)
        return models[0] if models and all(m is models[0] for m in models) else None

    def _built_object(self, expr: cst.BaseExpression, depth: int = 0) -> cst.Call | None:
        """The one constructor call ``expr`` holds: itself, a name's one value, or what the
        module's function it calls returns (``create_agent()``, returning ``agent``)."""
        value = self.resolve_value(expr)
        if not isinstance(value, cst.Call) or depth > 3:
            return None
        function = self.bindings.callee(value)
        if function is None:
            return value
        returned = self.bindings.returns.get(function, [])
        return self._built_object(returned[0], depth + 1) if len(returned) == 1 else None

    def _token_configs(self, calls: list[cst.Call]) -> Iterator[tuple[cst.BaseExpression, cst.BaseExpression | None]]:
        """(config, model) of each ephemeral token's ``live_connect_constraints``, in any
        spelling: the ``config=`` of ``<client>.auth_tokens.create`` (a dict, camelCase keys,
        ``types.CreateAuthTokenConfig(...)``), and any ``types.LiveConnectConstraints(...)``.
        The model is the one the same constraints name (None when they name none)."""
        roots: list[tuple[cst.CSTNode, tuple[str, ...]]] = []
        for call in calls:
            type_name = self.imports.types_name(call.func)
            if type_name in ("LiveConnectConstraints", "LiveConnectConstraintsDict"):
                roots.append((call, ("live_connect_constraints",)))
            elif type_name in ("CreateAuthTokenConfig", "CreateAuthTokenConfigDict"):
                roots.append((call, ()))
            elif (self.imports.uses_genai and isinstance(call.func, cst.Attribute) and call.func.attr.value == "create"
                  and (dotted_name(call.func.value) or "").endswith("auth_tokens")):
                config = _kwarg(call, "config")
                if config is not None:
                    roots.append((config, ()))
        seen: set[int] = set()
        for root, path in roots:
            entries = [e for e in walk_config(root, self.bindings, self.imports, path)
                       if e.path in (_CONSTRAINED_CONFIG, _CONSTRAINED_MODEL)]
            for entry in entries:
                if entry.path != _CONSTRAINED_CONFIG or id(entry.value) in seen:
                    continue
                seen.add(id(entry.value))
                model = next((e.value for e in entries if e.path == _CONSTRAINED_MODEL
                              and e.container is entry.container and e.container is not None), None)
                yield entry.value, model

    def _bound_name(self, node: cst.CSTNode) -> cst.CSTNode:
        """The name ``node`` is assigned to (``cfg = LiveConnectConfig(...)``), so that later
        ``cfg.k = v`` / ``cfg["k"] = v`` statements are walked too; else ``node`` itself."""
        parent = self.parent(node)
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
            if len(targets) == 1 and isinstance(targets[0], cst.Name) and parent.value is node:
                return targets[0]
        return node

    def _rebound_before_read(self, target: cst.Name) -> bool:
        """The assignment to ``target`` is dead: a later simple statement of the same block
        binds the name again before any statement reads it (``setup_message = {...}`` written
        twice in a row, the second one sent). A compound statement naming it in between (a
        branch may read it), or none rebinding it, keeps it alive."""
        assign = self.parent(self.parent(target))  # (Name → AssignTarget → Assign)
        line = self.parent(assign) if assign is not None else None
        block = self.parent(line) if line is not None else None
        body = getattr(block, "body", None)
        if type(assign) is not cst.Assign or type(line) is not cst.SimpleStatementLine or len(line.body) != 1 \
                or not isinstance(body, (list, tuple)):
            return False
        name = target.value
        for statement in body[body.index(line) + 1:]:
            named = [n for n in descendants(statement) if type(n) is cst.Name and n.value == name]
            if not named:
                continue
            small = statement.body[0] if type(statement) is cst.SimpleStatementLine and len(statement.body) == 1 \
                else None
            return type(small) is cst.Assign and len(small.targets) == 1 and len(named) == 1 \
                and small.targets[0].target is named[0]
        return False

    def _config_for_session_call(self, call: cst.Call, fallback: ModelInfo) -> LiveConfig:
        if len(self.connects) == 1:
            connect = self.connects[0]
            return LiveConfig(call, "sdk", connect.model, [connect])
        return LiveConfig(call, "sdk", fallback)

    def _find_raw_frames(self, node: cst.Dict, fallback: ModelInfo) -> None:
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            key = string_value(element.key)
            if key == "setup":
                inner = self._as_dict(element.value)
                if inner is None:
                    continue
                keys = {string_value(e.key) for e in inner.elements if isinstance(e, cst.DictElement)}
                if "model" not in keys and not keys & {"generationConfig", "generation_config"}:
                    continue
                model_value = next((e.value for e in inner.elements if isinstance(e, cst.DictElement)
                                    and string_value(e.key) == "model"), None)
                info = self.model_info(model_value, inner) if model_value is not None else fallback
                # "models/<x>" (also `f"models/{model}"`) alone, or a field only Live's setup has,
                # is a Live setup frame only in Gemini code (an app's own protocol may have a
                # setup with a model): see speaks_gemini. A Vertex AI model path names Google's.
                live_only = any(to_snake(k) in LIVE_ONLY_SETUP_FIELDS for k in keys if k is not None)
                if not (self.raw_client or info.status != "unknown"
                        or self.raw_service != "other" and (
                            model_value is not None and self._vertex_model_path(model_value)
                            or (live_only or model_value is not None and starts_with_text(model_value, "models/"))
                            and self.speaks_gemini())):
                    continue
                bound = self._bound_name(node)
                if type(bound) is cst.Name and self._rebound_before_read(bound):
                    continue  # a draft the next lines build again before anything sends it
                self.configs.append(LiveConfig(bound, "raw", info, prefix=("setup",)))
            elif key in ("toolResponse", "tool_response") and (self.raw_client or self.imports.uses_genai):
                self.tool_response_roots.append((element.value, LiveConfig(node, "raw", fallback)))

    def _vertex_model_path(self, value: cst.BaseExpression) -> bool:
        """``f"projects/{p}/locations/{l}/publishers/google/models/{m}"``, written or bound to
        the name ``value`` reads: a Vertex AI Gemini model, whatever ``m`` is."""
        if isinstance(value, cst.Name):
            _, values = self.bindings.resolve_name(value.value, value)
            value = values[0] if len(values) == 1 else value
        if type(value) is cst.SimpleString:
            text = string_value(value) or ""
        elif type(value) is cst.FormattedString:
            text = "".join(p.value for p in value.parts if type(p) is cst.FormattedStringText)
        else:
            return False
        return "publishers/google/models/" in text

    def _as_dict(self, node: cst.BaseExpression) -> cst.Dict | None:
        if isinstance(node, cst.Dict):
            return node
        if isinstance(node, cst.Name):
            _, values = self.bindings.resolve_name(node.value, node)
            for value in values:
                if isinstance(value, cst.Dict):
                    return value
        return None

    def _module_model(self) -> ModelInfo:
        """The model of configs that reach no connect call in this module."""
        if self.connects:
            statuses = {c.model.status for c in self.connects}
            if len(statuses) == 1:
                return ModelInfo(statuses.pop())
            return ModelInfo.unknown()
        values = [string_value(s) or "" for s in self._strings]
        if any(legacy_model(v) for v in values):
            return ModelInfo("legacy")
        if any(_is_target_id(v) for v in values):
            return ModelInfo("target")
        return ModelInfo.unknown()

    # --- model ids --------------------------------------------------------------------
    def model_info(self, expr: cst.BaseExpression, at: cst.CSTNode) -> ModelInfo:
        """What the model expression ``expr`` can hold, by following it through names,
        ``os.getenv`` defaults, ``self`` attributes, dataclass fields and parameters."""
        found: list[tuple[str | None, cst.CSTNode | None]] = []
        before = self._imported_reads
        self._model_values(expr, found, set(), depth=0)
        imported = self._imported_reads > before
        ids = tuple(v for v, _ in found if v is not None)
        literals = tuple(n for v, n in found if v is not None and n is not None)
        if not found or any(v is None for v, _ in found):
            return ModelInfo("unknown", ids, literals, imported)
        if any(legacy_model(v) for v in ids):
            status: ModelStatus = "legacy"
        elif all(_is_target_id(v) for v in ids):
            status = "target"
        else:
            status = "unknown"
        return ModelInfo(status, ids, literals, imported)

    def _model_values(self, expr: cst.CSTNode | None, found: list, seen: set[int], depth: int) -> None:
        if expr is None or id(expr) in seen or depth > 12:
            found.append((None, None))
            return
        seen.add(id(expr))
        value = string_value(expr)
        if value is not None:
            found.append((value, _written_part(expr, value)))
            return
        recurse = lambda e: self._model_values(e, found, seen, depth + 1)  # noqa: E731
        if isinstance(expr, cst.Name):
            scope, values = self.bindings.resolve_name(expr.value, expr)
            if values:
                for v in values:
                    recurse(v)
                return
            # A parameter: its default and what this module's calls pass for it
            # (`GeminiLive(model="...")`, `open_session("...")`); another module may call it
            # too, with another model, so the model is never known from these alone.
            passed = self.parameter_values(expr)
            for value in passed or ():
                recurse(value)
            if passed is not None and isinstance(scope, cst.FunctionDef):
                # ... and the ids other modules' calls pass it (ModuleFacts.passed_models)
                found.extend((model, None) for model in self._passed_models(scope, expr.value))
            found.append((self._imported_value(expr) if scope is None else None, None))
        elif isinstance(expr, cst.Attribute):
            imported = self._imported_value(expr)
            if imported is not None:  # `config.MODEL`: another module's node stays there
                found.append((imported, None))
                return
            klass = self.bindings.attribute_class(expr)  # also `self.settings.model`
            values = self.bindings.attribute_values(expr)
            if values:
                for v in values:
                    if self._is_field_default(v, klass):
                        self._field_values(klass, expr.attr.value, v, recurse, found)
                    else:
                        recurse(v)
                return
            chosen = self.command_line_choices(expr)
            if chosen:  # `args.model` of an argparse option: its default (and choices)
                for v in chosen:
                    recurse(v)
                return
            found.append((self._settings_field(expr), None))
        elif isinstance(expr, cst.Call):
            func = expr.func
            name = func.attr.value if isinstance(func, cst.Attribute) else (
                func.value if isinstance(func, cst.Name) else "")
            if name in _ENV_GETTERS and len(expr.args) >= 2:
                recurse(expr.args[1].value)
            elif (defaults := field_default_values(self.bindings, expr)) is not None:
                recurse(defaults[0] if defaults else None)
            else:
                found.append((None, None))
        elif isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
            # os.getenv("MODEL") or "gemini-2.5-..." : the literal is the default.
            if string_value(expr.right) is not None:
                recurse(expr.right)
            else:
                found.append((None, None))
        elif isinstance(expr, cst.IfExp):
            recurse(expr.body)
            recurse(expr.orelse)
        elif isinstance(expr, cst.FormattedString):
            self._format_values(expr, found, seen, depth)
        elif isinstance(expr, cst.Subscript):
            self._subscript_values(expr, recurse, found)
        elif isinstance(expr, cst.ConcatenatedString) and (text := _constant_text(expr)) is not None:
            found.append((text, _written_part(expr, text)))  # `"models/" f"gemini-2.0-flash-exp"`
        else:
            found.append((None, None))

    def _settings_field(self, expr: cst.Attribute) -> str | None:
        """``settings.model_name`` where ``settings`` is a parameter annotated with a settings
        class another module of the run declares (``settings: RuntimeSettings``), or one this
        module's every call passes such a parameter for: the field's default there, as the
        index read it (the class's instances may be built with another value, as an
        ``os.getenv`` default may be overridden: the default is what the code shows)."""
        if not self._imported or not isinstance(expr.value, cst.Name):
            return None
        classes = self._parameter_classes(expr.value, 0)
        if len(classes) != 1:
            return None
        return self._imported_path(f"{classes.pop()}.{expr.attr.value}")

    def _parameter_classes(self, name: cst.Name, depth: int) -> set[str | None]:
        """The imported classes the parameter ``name`` reads is annotated with, or (with no
        annotation) those of what this module's calls pass for it; None for a value of no
        known class."""
        scope, values = self.bindings.resolve_name(name.value, name)
        param = parameter(scope, name.value) if not values and isinstance(scope, cst.FunctionDef) else None
        if param is None or depth > 2:
            return {None}
        if param.annotation is not None:
            annotated = _annotated_class(param.annotation.annotation)
            if annotated is None:
                return {None}
            bound_here, bound = self.bindings.resolve_name(annotated, param)
            return {None} if bound_here is not None or bound else {annotated}
        passed = self.bindings.call_site_arguments(scope, param)
        if not passed or param.default is not None:
            return {None}
        found: set[str | None] = set()
        for value in passed:
            found |= self._parameter_classes(value, depth + 1) if isinstance(value, cst.Name) else {None}
        return found

    def _subscript_values(self, expr: cst.Subscript, recurse, found: list) -> None:
        """``CONFIG["model"]`` of a dict literal this module binds to a name: the value under
        that key, and what statements assign to it later (``CONFIG["model"] = ...``); also
        through a nested key or an attribute holding the dict (``self.api_config["model"]``
        with ``self.api_config = CONFIG["api"]``). A dict the module cannot see (an imported
        settings function's result) is a value it cannot tell."""
        key = index_key(expr)
        if key is None:
            found.append((None, None))
            return
        owner = expr.value
        if isinstance(owner, cst.Name):
            scope, values = self.bindings.resolve_name(owner.value, expr)
            if len(values) == 1 and isinstance(values[0], cst.Dict):
                written, spread = _entry_values(values[0], key)
                given = written + [m.value for m in self.bindings.mutations_of(scope, owner.value)
                                   if m.key == key and not m.prefix]
                if not given or spread:
                    found.append((None, None))
                for value in given:
                    recurse(value)
                return
        for value in self.dict_entry_values(expr, visible_only=False):
            if value is None:
                found.append((None, None))
            elif isinstance(value, str):  # another module's settings dict: what the index read there
                found.append((self._imported_path(value), None))
            else:
                recurse(value)

    def dict_entry_values(self, expr: cst.Subscript, visible_only: bool = True) -> list:
        """What ``owner["key"]`` may hold, over the dict literals ``owner`` may be (through
        names, ``self`` attributes and nested keys). None stands for a dict the module cannot
        see, or a dict without that key; an entry path (``get_config()["api"]["model"]``, a
        string) for one another module of the run may show; ``visible_only`` leaves those out."""
        key = index_key(expr)
        found: list = []
        for held in self._dicts_of(expr.value, 0) if key is not None else [None]:
            if isinstance(held, str):
                found.append(entry_path(held, key))  # type: ignore[arg-type]
                continue
            written, spread = _entry_values(held, key) if held is not None else ([], True)
            found += [None] if spread or not written else written
        return [v for v in found if v is not None and not isinstance(v, str)] if visible_only else found

    def _dicts_of(self, owner: cst.BaseExpression, depth: int) -> list:
        """The dict literals ``owner`` may hold (None for a value the module cannot tell; the
        spelling of an imported name, or of a call of one, another module may show)."""
        if depth > 4:
            return [None]
        if isinstance(owner, (cst.Dict, str)):
            return [owner]
        spelled = self._imported_spelling(owner)
        if spelled is not None:
            return [spelled]
        if isinstance(owner, cst.Name):
            scope, bound = self.bindings.resolve_name(owner.value, owner)
            values: list = list(bound)
            param = parameter(scope, owner.value) if not values and isinstance(scope, cst.FunctionDef) else None
            if param is not None:
                # `settings["api_version"]` of a parameter: the dicts this module's calls pass
                # (a default, or a call another module makes, may pass others)
                values = self.bindings.call_site_arguments(scope, param)
                if values and param.default is not None:
                    values.append(None)
        elif isinstance(owner, cst.Attribute) and isinstance(owner.value, cst.Name) and owner.value.value == "self":
            values = list(self.bindings.attribute_values(owner))
        elif isinstance(owner, cst.Subscript) and index_key(owner) is not None:
            values = self.dict_entry_values(owner, visible_only=False)
        else:
            return [None]
        if not values:
            return [None]
        found: list = []
        for value in values:
            found += [None] if value is None else self._dicts_of(value, depth + 1)
        return found

    def _passed_models(self, function: cst.FunctionDef, name: str) -> list[str]:
        """The model ids other modules pass parameter ``name`` of ``function`` (a module-level
        function, or a class's ``__init__``)."""
        passed = self.facts.passed_models if self.facts is not None else ()
        owner = self.bindings.owner_key(function) if passed else None
        return [model for key, parameter, model in passed if key == owner and parameter == name] if owner else []

    def _imported_spelling(self, owner: cst.BaseExpression) -> str | None:
        """``config.API_CONFIG`` / ``get_config()`` when ``owner`` reads a name this module
        imports (binds nowhere itself) and the index shows entries under it."""
        if not self._imported:
            return None
        called = type(owner) is cst.Call and not owner.args  # type: ignore[attr-defined]
        spelled = dotted_name(owner.func if called else owner)  # type: ignore[attr-defined]
        if spelled is None:
            return None
        spelled += "()" if called else ""
        if not any(key.startswith(f"{spelled}[") for key in self._imported):
            return None
        head = spelled.split(".")[0].removesuffix("()")
        scope, values = self.bindings.resolve_name(head, owner)
        if scope is not None or values:
            return None
        # an entry this module writes itself (`API_CONFIG["model"] = ...`): the import's value no more
        written = any(name == head for _, name in self.bindings.mutations)
        return None if written else spelled

    def _imported_path(self, path: str) -> str | None:
        """The value another module gives the entry path ``path``, if the index read one."""
        if path not in self._imported:
            return None
        self._imported_reads += 1
        return self._imported[path]

    def _imported_value(self, expr: cst.BaseExpression) -> str | None:
        """The value another module gives ``config.MODEL`` / ``MODEL`` when this module
        imports it and does not bind its first name itself."""
        if not self._imported:
            return None
        spelled = dotted_name(expr)
        if spelled is None or spelled not in self._imported:
            return None
        head = spelled.split(".")[0]
        scope, values = self.bindings.resolve_name(head, expr)
        if scope is not None or values:
            return None
        self._imported_reads += 1
        return self._imported[spelled]

    def _is_field_default(self, value: cst.CSTNode, klass: cst.ClassDef) -> bool:
        """``value`` is the default of a field declared in the body of ``klass``
        (``model: str = "..."``), which a constructor call may override."""
        statement = self.bindings.parent(value)
        line = self.bindings.parent(statement) if isinstance(statement, cst.AnnAssign) else None
        return line is not None and self.bindings.parent(self.bindings.parent(line)) is klass

    def field_defaults(self, expr: cst.Attribute) -> list[cst.BaseExpression]:
        """The defaults declared for the field ``expr`` reads in the class of this module its
        owner is an instance of (``mime_type: str = "audio/pcm"`` for ``message.mime_type``
        with ``message = AudioMessage(**data)``; also ``Field(default=...)``); empty when the
        attribute is no such field."""
        declared = self._field_declarations(expr)
        return [default for defaults in declared[1] for default in defaults] if declared is not None else []

    def _field_declarations(self, expr: cst.BaseExpression) -> tuple[cst.ClassDef, list[list[cst.BaseExpression]]] | None:
        """The class of this module whose field ``expr`` reads (``self.config.response_modalities``,
        ``message.mime_type``) and, per declaration of that field in its body, the defaults it
        declares (``Field(default=...)`` read through); None when ``expr`` reads no such field."""
        if not isinstance(expr, cst.Attribute):
            return None
        klass = self.bindings.attribute_class(expr)
        values = self.bindings.attribute_values(expr)
        if klass is None or not values or not all(self._is_field_default(v, klass) for v in values):
            return None
        declared = []
        for value in values:
            defaults = field_default_values(self.bindings, value) if isinstance(value, cst.Call) else [value]
            declared.append(defaults if defaults is not None else [value])
        return klass, declared

    def settings_field_values(self, expr: cst.BaseExpression) -> list[cst.BaseExpression] | None:
        """What ``self.config.response_modalities`` holds when ``config`` is an instance of a
        settings class of this module (a dataclass, pydantic model) whose field has a default:
        the values this module's calls of the class pass, else the default (see
        :meth:`_field_values`). None when that is not all known."""
        declared = self._field_declarations(expr)
        if declared is None:
            return None
        klass, declarations = declared
        shown: list[cst.BaseExpression] = []
        unknown: list = []
        for defaults in declarations:
            if len(defaults) != 1:
                return None
            self._field_values(klass, expr.attr.value, defaults[0], shown.append, unknown)  # type: ignore[attr-defined]
        return None if unknown else shown

    def _field_values(self, klass: cst.ClassDef, field: str, default: cst.BaseExpression, recurse, found: list) -> None:
        """What a field of ``klass`` holds across this module's ``klass(...)`` calls: the
        value a call passes for it, else the default. A class built nowhere here is built by
        other code, which may pass another model: then the default is one value among others."""
        built = [c for c in self.bindings.calls_by_name.get(klass.name.value, ())
                 if isinstance(c.func, cst.Name)]
        if not built:
            recurse(default)
            found.append((None, None))
            return
        defaulted = False
        position = _field_position(klass, field)
        for call in built:
            passed = _kwarg(call, field)
            positional = [a for a in call.args if a.keyword is None]
            spread = any(a.star for a in positional)  # `*args` / `**options`: may hold the field
            if passed is None and position is not None and not spread and position < len(positional):
                passed = positional[position].value
            if passed is not None:
                recurse(passed)
            elif spread or (positional and position is None):
                found.append((None, None))  # positional arguments: which one is the field is not read here
            elif not defaulted:
                defaulted = True
                recurse(default)

    def _format_values(self, expr: cst.FormattedString, found: list, seen: set[int], depth: int) -> None:
        """``f"models/{self.model}"``: an f-string with one placeholder holds what the
        placeholder holds, followed as a model is (names, ``self`` attributes, defaults), with
        the literals it came from (a setup frame's model is then the constant it names)."""
        holes = [i for i, p in enumerate(expr.parts) if isinstance(p, cst.FormattedStringExpression)]
        if not holes and len(expr.parts) == 1:
            # `f"models/gemini-2.0-flash-exp"`: no placeholder, the text is the literal
            found.append((expr.parts[0].value, expr.parts[0]))  # type: ignore[union-attr]
            return
        hole = expr.parts[holes[0]] if len(holes) == 1 else None
        if hole is None and (model := _model_hole(expr)) is not None:
            # `f"projects/{PROJECT_ID}/locations/{LOCATION}/publishers/google/models/{MODEL_ID}"`:
            # the model is what the last placeholder holds, with the literal it came from
            inner = []
            self._model_values(model.expression, inner, seen, depth + 1)
            found.extend((f"models/{value}" if value is not None else None, node) for value, node in inner)
            return
        if not isinstance(hole, cst.FormattedStringExpression) or hole.conversion is not None \
                or hole.format_spec is not None:
            found.append((self._format(expr) or _resource_tail(expr), None))
            return
        head = "".join(p.value for p in expr.parts[: holes[0]] if isinstance(p, cst.FormattedStringText))
        tail = "".join(p.value for p in expr.parts[holes[0] + 1:] if isinstance(p, cst.FormattedStringText))
        inner: list[tuple[str | None, cst.CSTNode | None]] = []
        self._model_values(hole.expression, inner, seen, depth + 1)
        named = _resource_tail(expr)  # a resource path's models/<id> tail names the model whatever the hole holds
        # ... and its text is then the literal the model is written in, not what the hole
        # holds (`f"projects/{PROJECT_ID}/.../models/gemini-2.0-flash-exp"`: not the project id)
        written = expr.parts[-1] if named is not None and isinstance(expr.parts[-1], cst.FormattedStringText) \
            and named in expr.parts[-1].value else None
        for value, node in inner:
            found.append((head + value + tail if value is not None else named,
                          (written or node) if value is not None else written))

    def _format(self, expr: cst.FormattedString) -> str | None:
        """``f"models/{MODEL}"`` when every placeholder is a name bound to one string."""
        text = ""
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                text += part.value
            elif isinstance(part, cst.FormattedStringExpression) and part.conversion is None \
                    and part.format_spec is None and (imported := self._imported_value(part.expression)) is not None:
                text += imported
            elif isinstance(part, cst.FormattedStringExpression) and isinstance(part.expression, cst.Name) \
                    and part.conversion is None and part.format_spec is None:
                _, values = self.bindings.resolve_name(part.expression.value, part.expression)
                strings = {string_value(v) for v in values}
                if len(strings) != 1 or None in strings:
                    return None
                text += strings.pop()
            else:
                return None
        return text

    # --- string context -----------------------------------------------------------------
    def _is_docstring(self, node: cst.CSTNode) -> bool:
        parent = self.parent(node)
        while type(parent) is cst.ConcatenatedString:  # exact types (no subclass): asked of every string
            node, parent = parent, self.parent(parent)
        return type(parent) is cst.Expr


# Class decorators whose generated ``__init__`` takes the fields in the order they are written.
_FIELD_INITS = {"dataclass", "define", "frozen", "mutable", "s", "attrs"}


def _field_position(klass: cst.ClassDef, name: str) -> int | None:
    """The position of the field ``name`` among the ``__init__`` arguments a dataclass (or
    attrs class) decorator generates for ``klass``; None when the order is not read here: a
    base class (its fields come first), an ``__init__`` of its own, keyword-only fields, a
    field left out of ``__init__``."""
    decorators = [d.decorator for d in klass.decorators]
    spelled = [dotted_name(d.func if isinstance(d, cst.Call) else d) or "" for d in decorators]
    if klass.bases or not any(s.rsplit(".", 1)[-1] in _FIELD_INITS for s in spelled) \
            or any(isinstance(d, cst.Call) and _kwarg(d, "kw_only") is not None for d in decorators):
        return None
    fields: list[str] = []
    for line in klass.body.body:
        if isinstance(line, cst.FunctionDef) and line.name.value == "__init__":
            return None
        statement = line.body[0] if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 else None
        if not isinstance(statement, cst.AnnAssign) or not isinstance(statement.target, cst.Name):
            continue
        annotation = dotted_name(statement.annotation.annotation if not isinstance(
            statement.annotation.annotation, cst.Subscript) else statement.annotation.annotation.value) or ""
        if annotation.endswith("ClassVar"):
            continue
        if annotation.endswith("KW_ONLY") or (isinstance(statement.value, cst.Call) and any(
                _kwarg(statement.value, k) is not None for k in ("kw_only", "init"))):
            return None
        fields.append(statement.target.value)
    return fields.index(name) if name in fields else None


def _is_target_id(value: str) -> bool:
    bare = strip_model_prefix(value)[1]
    return any(bare in (t.model_id, t.vertex_model_id) for t in TARGETS.values())


def build_live_model(module: cst.Module, source_text: str = "", facts: "ModuleFacts | None" = None) -> LiveModel:
    """Analyse one parsed module; ``source_text`` is its decoded text (cheap regex facts);
    ``facts`` what the other modules of the run tell it (:mod:`livemigrate.project`)."""
    return LiveModel(module, source_text, facts)


def _entry_values(held: cst.Dict, key: str) -> tuple[list[cst.BaseExpression], bool]:
    """The values a dict literal writes under ``key``, and whether a ``**spread`` in it may hold
    another."""
    spread = any(isinstance(e, cst.StarredDictElement) for e in held.elements)
    return [e.value for e in held.elements if isinstance(e, cst.DictElement) and string_value(e.key) == key], spread

