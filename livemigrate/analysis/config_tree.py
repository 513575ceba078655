"""Walk a Live config in whatever spelling it is written, field by field.

One walker serves every spelling of shared/rules.md: ``types.X(field=...)`` objects under any
alias, ``dict(field=...)``, snake_case and camelCase dict literals, ``generation_config``
nesting, raw setup frames, values held in variables, later ``cfg["k"] = v`` / ``cfg.k = v`` /
``cfg.update(...)``, ``self.attr`` values, ``**kwargs`` and helper functions that return the
config. Rules match on the canonical snake_case *path* of a field and never re-derive any of
this.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generator, Iterator, Literal

import libcst as cst

from livemigrate.analysis.bindings import Bindings, Mutation, field_default_values, index_key, parameter, string_value
from livemigrate.analysis.imports import GenaiImports, dotted_name
from livemigrate.migration import FRAMEWORK_LIVE_CLASSES, to_snake

__all__ = ["COPY_METHODS", "ConfigEntry", "Spelling", "config_base_is_seen", "config_hidden_calls", "config_builds", "config_is_complete",
           "walk_config"]

Spelling = Literal["kwarg", "snake", "camel", "attribute", "subscript", "update-key", "update-kwarg"]


@dataclass(frozen=True, eq=False)
class ConfigEntry:
    """One field set in a Live config.

    ``path`` is canonical (snake_case, list levels elided), e.g.
    ``("generation_config", "thinking_config", "thinking_budget")``. ``node`` is what a fix
    removes (an ``Arg``, a ``DictElement`` or a whole statement); ``key_node`` is where the
    field name is spelled (what a finding points at); ``container`` is the ``Call`` or ``Dict``
    holding it (None for statements).
    """

    path: tuple[str, ...]
    key: str
    spelling: Spelling
    node: cst.CSTNode
    key_node: cst.CSTNode
    value: cst.BaseExpression
    container: cst.Call | cst.Dict | None
    # `ThinkingConfig` when the container is `types.ThinkingConfig(...)`.
    container_type: str | None = None

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def parent(self) -> str | None:
        return self.path[-2] if len(self.path) > 1 else None


def _dict_spelling(key: str) -> Spelling:
    return "camel" if to_snake(key) != key else "snake"


# No real config nests deeper than a handful of levels; the cap bounds what odd code can drive.
MAX_CONFIG_DEPTH = 32


# Methods of a config object that return a copy of it (``BASE.copy()``,
# ``BASE.model_copy(update={...})``): the copy holds the fields the original holds.
COPY_METHODS = frozenset({"copy", "model_copy"})
# Class methods of an SDK type that build one from a mapping (``LiveConnectConfig.model_validate(d)``).
_VALIDATORS = frozenset({"model_validate", "parse_obj"})
_SEQUENCES = frozenset({cst.List, cst.Tuple, cst.Set})
_COMPREHENSIONS = frozenset({cst.ListComp, cst.SetComp, cst.GeneratorExp})


class _Walker:
    def __init__(self, bindings: Bindings, imports: GenaiImports, base: tuple[str, ...] = ()) -> None:
        self.b = bindings
        self.imports = imports
        # The path of the config itself (``("setup",)`` in a raw client's first frame): what
        # holds the value there, or above it, is the config's base, not one of its fields.
        self.base = base
        self.seen: set[tuple[int, tuple[str, ...]]] = set()
        # The expressions being walked right now: `x = f(x=x)` leads back to itself with a
        # longer path each time, so (node, path) alone never repeats; a node already on the
        # stack is a cycle in the user's code, not more config.
        self.active: set[int] = set()
        # A `**x` / `{**x}` / `cfg.update(x)` whose `x` gave no field and is not an empty
        # literal, or a base the module cannot see (`setup = json.loads(msg)["setup"]`, an
        # imported constant, a parameter no call site fills): the config holds fields the
        # module does not show.
        self.opaque = False
        # ... at the config's own level: any of its fields may be set unseen (a spread
        # nested in `thinking_config` hides thinking fields only).
        self.base_opaque = False
        # What made the base opaque: calls of functions this module does not define (an
        # imported builder, json.loads) and names it does not bind (an imported config
        # constant, `settings.LIVE_CONFIG`), and whether anything else did (hidden_other).
        self.hidden_calls: list[cst.Call | cst.Name | cst.Attribute] = []
        self.hidden_other = False
        self.revisits = 0  # values met again at the same path (see walk)

    def walk(self, node: cst.CSTNode, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        marker = (id(node), path)
        if marker in self.seen and id(node) not in self.active:
            self.revisits += 1  # walked already (a base two configs of one module spread): known
            return
        if id(node) in self.active or len(path) > MAX_CONFIG_DEPTH:
            return
        self.seen.add(marker)
        self.active.add(id(node))
        try:
            yield from self._walk(node, path)
        finally:
            self.active.discard(id(node))

    def _walk(self, node: cst.CSTNode, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        # Exact types (none of these has a subclass): every value of every config is
        # dispatched here, and a chain of isinstance through ABCMeta cost more than the walk.
        kind = type(node)
        if kind is cst.Dict:
            yield from self._dict(node, path)
        elif kind is cst.Call:
            yield from self._call(node, path)
        elif kind in _SEQUENCES:
            for element in node.elements:
                yield from self.walk(element.value, path)
        elif kind in _COMPREHENSIONS:
            yield from self.walk(node.elt, path)
        elif kind is cst.DictComp:
            yield from self._dict_comp(node, path)
        elif kind is cst.IfExp:
            yield from self.walk(node.body, path)
            yield from self.walk(node.orelse, path)
        elif kind is cst.BooleanOperation:
            yield from self.walk(node.left, path)
            yield from self.walk(node.right, path)
        elif kind is cst.BinaryOperation and isinstance(node.operator, (cst.BitOr, cst.Add)):
            # {**a} | {...} and list + list
            yield from self.walk(node.left, path)
            yield from self.walk(node.right, path)
        elif kind is cst.Await:
            yield from self.walk(node.expression, path)
        elif kind is cst.Name:
            yield from self._name(node, path)
        elif kind is cst.Attribute:
            yield from self._attribute(node, path)
        elif kind is cst.Subscript:
            yield from self._subscript(node, path)

    def _dict_comp(self, node: cst.DictComp, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        """``{k: v for k, v in cfg.items() if k in {"response_modalities", ...}}`` (also ``not
        in``, or no filter): ``cfg``'s entries whose key the filter keeps. Any other comprehension
        builds what the module cannot read."""
        source, keys, keep = key_filter(node)
        if source is None:
            self._unseen(path)
            return
        for entry in self.walk(source, path):
            name = entry.path[len(path)] if len(entry.path) > len(path) else None
            if keys is None or name is None or (name in keys) == keep:
                yield entry

    def _subscript(self, node: cst.Subscript, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        """``settings["live"]``: the value a dict this module builds holds under that key (a
        settings dict whose "live" entry is the config, passed to the helper that copies it),
        with what statements write under it (``SETTINGS["live"]["x"] = ...``). Only that
        entry is walked: the dict's other entries are not this config. A key the module does
        not show (``data["setup"]`` of data read elsewhere, an index, a computed key, a dict
        updated as a whole) leaves the value unseen."""
        key = index_key(node)
        if key is None or not (yield from self._held_under(node.value, key, path, 0)):
            self._unseen(path)

    def _held_under(self, owner: cst.BaseExpression, key: str, path: tuple[str, ...],
                    depth: int) -> Generator[ConfigEntry, None, bool]:
        """The entries of ``owner[key]`` at ``path``; returns whether every dict ``owner`` may
        be is one this module shows (a literal, through names, parameters its calls fill and
        ``self`` attributes), holding the key."""
        kind = type(owner)
        if depth > 4:
            return False
        if kind is cst.Dict:
            values = [e.value for e in owner.elements if type(e) is cst.DictElement and string_value(e.key) == key]
            for value in values:
                yield from self.walk(value, path)
            return bool(values) and not any(type(e) is cst.StarredDictElement for e in owner.elements)
        if kind is cst.Name:
            scope, values = self.b.resolve_name(owner.value, owner)
            mutations = self.b.mutations_of(scope, owner.value)
            if not values and isinstance(scope, cst.FunctionDef):
                param = parameter(scope, owner.value)
                if param is None:
                    return False
                values = self.b.parameter_values(scope, param)
        elif kind is cst.Attribute and type(owner.value) is cst.Name and owner.value.value == "self":
            klass = self.b.attribute_class(owner)
            values = self.b.attribute_values(owner) if klass is not None else []
            mutations = self.b.attribute_mutations.get((klass, owner.attr.value), []) if klass is not None else []
        else:
            return False
        known = bool(values)
        for value in values:
            known = (yield from self._held_under(value, key, path, depth + 1)) and known
        for mutation in mutations:
            if mutation.key is None:
                known = False  # `SETTINGS.update(other)`: any key may come from elsewhere
            elif not mutation.prefix and mutation.key == key:
                yield from self.walk(mutation.value, path)  # `SETTINGS["live"] = {...}`: that one too
            elif mutation.prefix and mutation.prefix[0] == key:
                yield from self._mutations([replace(mutation, prefix=mutation.prefix[1:])], path)
        return known

    def _copied(self, value: cst.BaseExpression, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        """The mapping ``dict(value, ...)`` copies: its fields are the new dict's."""
        yield from self.walk(value, path)

    def _unseen(self, path: tuple[str, ...], call: cst.Call | cst.Name | cst.Attribute | None = None) -> None:
        """The value at ``path`` comes from code this module cannot see (``call``, when a call
        of a function it does not define gives it, or a name it does not bind). At the config's
        base (or above it) that makes the config opaque: any field may be set there. A nested
        field's value (`tools=load_tools()`) leaves the config's own fields known."""
        if self._at_base(path):
            self.opaque = self.base_opaque = True
            if call is not None:
                self.hidden_calls.append(call)
            else:
                self.hidden_other = True

    def _at_base(self, path: tuple[str, ...]) -> bool:
        return path == self.base[:len(path)]

    # --- containers -------------------------------------------------------------------
    def _dict(self, node: cst.Dict, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        for element in node.elements:
            if isinstance(element, cst.StarredDictElement):
                yield from self._splat(element.value, path)
                continue
            key = string_value(element.key)
            if key is None:
                continue
            entry = ConfigEntry(path + (to_snake(key),), key, _dict_spelling(key), element,
                                element.key, element.value, node)
            yield entry
            yield from self.walk(element.value, entry.path)

    def _call(self, node: cst.Call, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        func = node.func
        type_name = self.imports.types_name(func)
        if type_name is None and isinstance(func, cst.Attribute):
            # types.FunctionDeclaration.from_callable(..., behavior=...)
            type_name = self.imports.types_name(func.value)
        if type_name is None and not path and is_livekit_gemini_model(func, self.imports):
            type_name = "RealtimeModel"  # its keywords are the Live config's fields
        if type_name is None and not path and is_pipecat_gemini_service(func, self.imports):
            # pipecat's service: the Live config's fields are those of its `params=`
            params = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "params"), None)
            if params is not None:
                yield from self.walk(params, path)
            return
        if type_name is None and is_pipecat_input_params(func, self.imports, self.b):
            type_name = "InputParams"
        is_dict_call = isinstance(func, cst.Name) and func.value == "dict"
        if type_name is not None and isinstance(func, cst.Attribute) and func.attr.value in _VALIDATORS:
            # types.LiveConnectConfig.model_validate(data): the fields of data
            for arg in node.args:
                if arg.keyword is None and not arg.star:
                    yield from self._splat(arg.value, path)
            return
        if type_name is not None or is_dict_call:
            for arg in node.args:
                if arg.keyword is None:
                    if arg.star == "**":
                        yield from self._splat(arg.value, path)
                    elif is_dict_call:
                        yield from self._copied(arg.value, path)
                    elif arg.star == "*":
                        yield from self.walk(arg.value, path)
                    continue
                key = arg.keyword.value
                if type_name == "InputParams" and key not in _PIPECAT_FIELDS:
                    continue  # pipecat's own settings (`modalities`, `vad`, `extra`): not passed as written
                field = _PIPECAT_FIELDS.get(key, key) if type_name == "InputParams" else key
                entry = ConfigEntry(path + (to_snake(field),), key, "kwarg", arg, arg.keyword,
                                    arg.value, node, type_name)
                yield entry
                yield from self.walk(arg.value, entry.path)
            return
        # A helper in this module that builds the config: follow what it returns.
        if isinstance(func, (cst.Name, cst.Attribute)):
            name = func.value if isinstance(func, cst.Name) else func.attr.value
            function = self.b.callee(node, by_name=True)
            if function is not None:
                for value in self.b.returns.get(function, []):
                    yield from self.walk(value, path)
            elif (defaults := field_default_values(self.b, node)) is not None:
                for value in defaults:  # dataclasses.field(default_factory=...), pydantic.Field
                    yield from self.walk(value, path)
            # list(...), copy.deepcopy(...), tuple(...) wrap a config without changing it.
            elif name in ("list", "tuple", "deepcopy", "copy") and node.args:
                yield from self.walk(node.args[0].value, path)
            elif isinstance(func, cst.Attribute) and name in COPY_METHODS:
                yield from self.walk(func.value, path)
                for arg in node.args:
                    if arg.keyword is not None and arg.keyword.value == "update":
                        yield from self._splat(arg.value, path)
            else:
                self._unseen(path, node)  # json.loads(...), msg.get("setup", {}), an imported builder
        else:
            self._unseen(path)  # a call of a call, of a subscript, of a lambda

    # --- names ------------------------------------------------------------------------
    def _name(self, node: cst.Name, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        scope, values = self.b.resolve_name(node.value, node)
        for value in values:
            yield from self.walk(value, path)
        yield from self._mutations(self.b.mutations_of(scope, node.value), path)
        param = None
        if isinstance(scope, cst.FunctionDef):
            # a parameter, also one the function fills in only when none is passed (`if config
            # is None: config = {...}`): its callers' values still reach the session
            param = parameter(scope, node.value) if not values else self.b.defaulted_parameter(scope, node.value)
        if param is not None and param is scope.params.star_kwarg:
            yield from self._extra_keywords(scope, path)
        elif param is not None:
            arguments = self.b.call_site_arguments(scope, param)
            if param.default is not None:
                yield from self.walk(param.default, path)
                if self.b.filled_elsewhere(scope, node.value) is not None:
                    self._unseen(path, node)  # another module passes its own (see known_unset)
            elif not arguments and not values:
                self._unseen(path)  # filled by callers elsewhere (a framework, another module)
            for argument in arguments:
                yield from self.walk(argument, path)
        elif not values and node.value not in _CONSTANTS:
            self._unseen(path, node)  # imported, a loop or `with` target, a name bound in code not indexed

    def _attribute(self, node: cst.Attribute, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        klass = self.b.attribute_class(node)  # also `self.settings.config` of a settings class
        values = self.b.attribute_values(node) if klass is not None else []
        mutations = self.b.attribute_mutations.get((klass, node.attr.value), []) if klass is not None else []
        if not values:
            self._unseen(path, node)  # `settings.LIVE_CONFIG` of an imported module, `request.config`
        for value in values:
            yield from self.walk(value, path)
        yield from self._mutations(mutations, path)

    def _mutations(self, mutations: list[Mutation], path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        for mutation in mutations:
            base = path + tuple(to_snake(k) for k in mutation.prefix)
            if mutation.key is None:
                if mutation.spelling == "update":  # cfg.update(other): other's fields
                    yield from self._splat(mutation.value, base)
                else:  # list.append(x)
                    yield from self.walk(mutation.value, base)
                continue
            spelling: Spelling
            if mutation.spelling == "update-key":
                spelling = _dict_spelling(mutation.key)
            else:
                spelling = mutation.spelling  # type: ignore[assignment]
            node = mutation.statement
            if mutation.spelling in ("update-key", "update-kwarg"):
                # One key of `cfg.update({...})`: a fix touches that element, not the call.
                node = self.b.parent(mutation.key_node) or node
            entry = ConfigEntry(base + (to_snake(mutation.key),), mutation.key, spelling,
                                node, mutation.key_node, mutation.value, None)
            yield entry
            yield from self.walk(mutation.value, entry.path)

    def _splat(self, value: cst.BaseExpression, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        """The fields ``value`` spreads into the config at ``path``; notes the config as
        opaque when it gives none and is not an empty literal."""
        found, revisits = False, self.revisits
        for entry in self.walk(value, path):
            found = True
            yield entry
        if not found and self.revisits == revisits and not _empty_literal(value):
            self.opaque = True
            if self._at_base(path):
                self.base_opaque = True
                # a spread of a hidden call is that call; of anything else, unknown
                self.hidden_other = self.hidden_other or not any(c is value for c in self.hidden_calls)

    def _extra_keywords(self, function: cst.FunctionDef, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        """``**extra`` of ``function``: the keyword arguments this module's calls pass it that
        name no other parameter (``build_config(settings, input_audio_transcription={})``)."""
        params = function.params
        named = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
        for call in self.b.callers(function, unresolved=True):
            for arg in call.args:
                if arg.star == "**":
                    yield from self._splat(arg.value, path)
                elif arg.keyword is not None and arg.keyword.value not in named:
                    key = arg.keyword.value
                    entry = ConfigEntry(path + (to_snake(key),), key, "kwarg", arg, arg.keyword, arg.value, call)
                    yield entry
                    yield from self.walk(arg.value, entry.path)

# Names that hold no config and no data from elsewhere.
_CONSTANTS = frozenset({"None", "True", "False", "Ellipsis"})


def _empty_literal(node: cst.BaseExpression) -> bool:
    """``{}`` or ``dict()``: spreads nothing."""
    return (isinstance(node, cst.Dict) and not node.elements) or (
        isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict" and not node.args)


def config_is_complete(root: cst.CSTNode, bindings: Bindings, imports: GenaiImports,
                       base: tuple[str, ...] = ()) -> bool:
    """No field of the config ``root`` can come from code this module cannot see: every
    ``**`` spread, ``{**...}`` and ``.update(...)`` resolves to fields it shows, and so does
    the config's base (the value at ``base``: ``("setup",)`` in a raw client's first frame).
    A base read out of received data (``json.loads(msg).get("setup", {})``, ``data["setup"]``),
    returned by a function defined elsewhere, imported, or a parameter no call site here fills
    makes the config incomplete, whatever later statements add to it; a literal (``{}``, a
    helper's dict, ``dict(BASE, **{...})``) plus such statements does not."""
    walker = _Walker(bindings, imports, base)
    for _ in walker.walk(root, ()):
        pass
    return not walker.opaque


def config_base_is_seen(root: cst.CSTNode, bindings: Bindings, imports: GenaiImports,
                        base: tuple[str, ...] = ()) -> bool:
    """The module shows every field the config ``root`` may set at its own level: its base
    (the value at ``base``) is a literal, a helper's return or a parameter its call sites
    fill, and every spread at that level resolves. Unlike :func:`config_is_complete`, a
    spread nested in a field (``ThinkingConfig(**opts)``) leaves the other fields known: a
    rule asking whether ``session_resumption`` is set can still answer."""
    return config_hidden_calls(root, bindings, imports, base) == []


def config_hidden_calls(root: cst.CSTNode, bindings: Bindings, imports: GenaiImports,
                        base: tuple[str, ...] = ()) -> list[cst.Call | cst.Name | cst.Attribute] | None:
    """The calls of functions this module does not define, and the names it does not bind,
    that build the config ``root`` at its own level (``config = build_live_config(...)``, an
    imported builder; ``config=settings.LIVE_CONFIG``): empty when the module shows every
    field (:func:`config_base_is_seen`), None when something else hides some (a parameter, a
    subscript of received data, an unresolved spread)."""
    walker = _Walker(bindings, imports, base)
    for _ in walker.walk(root, ()):
        pass
    return None if walker.hidden_other else walker.hidden_calls


# The InputParams fields pipecat's service passes into the Live config, and the config field each
# becomes (`thinking` is its `thinking_config`). The others are its own settings, turned into
# config fields of its choosing (`modalities`, `vad`) or kept aside (`extra`).
_PIPECAT_FIELDS = {"thinking": "thinking_config", "enable_affective_dialog": "enable_affective_dialog",
                   "proactivity": "proactivity"}


def _pipecat_name(func: cst.BaseExpression, imports: GenaiImports) -> str | None:
    """The qualified name ``func`` has in pipecat's Gemini Live package, or None."""
    dotted = dotted_name(func)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    qualified = imports.pipecat_gemini.get(head)
    return None if qualified is None else f"{qualified}.{rest}" if rest else qualified


def is_pipecat_gemini_service(func: cst.BaseExpression, imports: GenaiImports) -> bool:
    """``func`` is one of pipecat's Gemini Live services (``GeminiLiveLLMService``,
    ``GeminiLiveVertexLLMService``, ``GeminiMultimodalLiveLLMService``) imported from its
    Gemini Live package: the service opens a Live session with its ``params=``."""
    qualified = _pipecat_name(func, imports)
    return qualified is not None and qualified.rsplit(".", 1)[-1] in FRAMEWORK_LIVE_CLASSES


def is_pipecat_input_params(func: cst.BaseExpression, imports: GenaiImports, bindings: Bindings) -> bool:
    """``func`` is the ``InputParams`` of pipecat's Gemini Live package, imported
    (``from ...gemini_live.llm import InputParams``), as a service's attribute
    (``GeminiLiveLLMService.InputParams``) or bound once to either."""
    if type(func) is cst.Name and func.value not in imports.pipecat_gemini:
        _, values = bindings.resolve_name(func.value, func)
        if len(values) == 1:
            func = values[0]
    qualified = _pipecat_name(func, imports)
    return qualified is not None and qualified.endswith(".InputParams")


def is_livekit_gemini_model(func: cst.BaseExpression, imports: GenaiImports) -> bool:
    """``func`` is LiveKit's Gemini Live model (``livekit.plugins.google.beta.realtime.RealtimeModel``,
    ``livekit.plugins.google.realtime.RealtimeModel``, or the plugin's top-level
    ``livekit.plugins.google.RealtimeModel`` a fallback import names, under any import alias): it opens a Live
    session whose config fields it takes as keywords (``proactivity=``,
    ``enable_affective_dialog=``, ``thinking_config=``). Another plugin's ``RealtimeModel``
    (OpenAI's) is not."""
    dotted = dotted_name(func)
    if dotted is None or not dotted.endswith("RealtimeModel"):
        return False
    head, _, rest = dotted.partition(".")
    qualified = imports.livekit_google.get(head)
    if qualified is None:
        return False
    full = f"{qualified}.{rest}" if rest else qualified
    # (also the plugin's top-level name, a fallback import beside `...beta.realtime`'s)
    return full.startswith("livekit.plugins.google.") and (
        full.endswith(".realtime.RealtimeModel") or full == "livekit.plugins.google.RealtimeModel")


def key_filter(node: cst.DictComp) -> tuple[cst.BaseExpression | None, frozenset[str] | None, bool]:
    """(the dict a comprehension copies, the keys its filter names (snake case), whether it keeps
    them or drops them) for ``{k: v for k, v in d.items() if k in {...}}``; (None, None, True)
    for any other comprehension."""
    unknown: tuple[None, None, bool] = (None, None, True)
    loop = node.for_in
    target, iterated = loop.target, loop.iter
    if loop.inner_for_in is not None or type(target) is not cst.Tuple or len(target.elements) != 2 \
            or not all(type(e.value) is cst.Name for e in target.elements):
        return unknown
    key, value = (e.value.value for e in target.elements)  # type: ignore[attr-defined]
    if type(node.key) is not cst.Name or node.key.value != key or type(node.value) is not cst.Name \
            or node.value.value != value:  # type: ignore[attr-defined]
        return unknown
    if not (type(iterated) is cst.Call and not iterated.args and type(iterated.func) is cst.Attribute
            and iterated.func.attr.value == "items"):  # type: ignore[attr-defined]
        return unknown
    source = iterated.func.value  # type: ignore[attr-defined]
    if not loop.ifs:
        return source, None, True
    if len(loop.ifs) != 1:
        return unknown
    test = loop.ifs[0].test
    if type(test) is not cst.Comparison or len(test.comparisons) != 1 or type(test.left) is not cst.Name \
            or test.left.value != key:  # type: ignore[attr-defined]
        return unknown
    comparison = test.comparisons[0]  # type: ignore[attr-defined]
    keep = type(comparison.operator) is cst.In
    if not keep and type(comparison.operator) is not cst.NotIn:
        return unknown
    names = comparison.comparator
    if type(names) not in _SEQUENCES:
        return unknown
    keys = [string_value(e.value) for e in names.elements]  # type: ignore[attr-defined]
    if any(k is None for k in keys):
        return unknown
    return source, frozenset(to_snake(k) for k in keys), keep  # type: ignore[arg-type]


def walk_config(root: cst.CSTNode, bindings: Bindings, imports: GenaiImports,
                path: tuple[str, ...] = (), visited: set[int] | None = None) -> Iterator[ConfigEntry]:
    """Every field set in the config expression ``root``, depth first, in source order.
    ``visited`` (when given) collects the ids of every expression the walk went through."""
    walker = _Walker(bindings, imports)
    yield from walker.walk(root, path)
    if visited is not None:
        visited.update(node_id for node_id, _ in walker.seen)


class _Builds(_Walker):
    """A walk that notes each call or dict literal building the config at its own level, not
    counting what one of them spreads in."""

    def __init__(self, bindings: Bindings, imports: GenaiImports, base: tuple[str, ...] = ()) -> None:
        super().__init__(bindings, imports, base)
        self.builds: list[cst.Call | cst.Dict] = []
        self._spreading = 0  # inside a `**x` / `.update(x)` of a build: x is part of that build

    def _dict(self, node: cst.Dict, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        if path == self.base and not self._spreading:
            self.builds.append(node)
        yield from super()._dict(node, path)

    def _call(self, node: cst.Call, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        func = node.func
        constructor = (isinstance(func, cst.Name) and func.value == "dict") or (
            self.imports.types_name(func) is not None
            and not (isinstance(func, cst.Attribute) and func.attr.value in _VALIDATORS))
        if constructor and path == self.base and not self._spreading:
            self.builds.append(node)
        yield from super()._call(node, path)

    def _dict_comp(self, node: cst.DictComp, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        if path == self.base and key_filter(node)[1] is not None:
            # copied through a key filter: a field a fix adds to the dict it copies may not pass
            self.base_opaque = True
        yield from super()._dict_comp(node, path)

    def _splat(self, value: cst.BaseExpression, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        yield from self._within_a_build(super()._splat(value, path))

    def _copied(self, value: cst.BaseExpression, path: tuple[str, ...]) -> Iterator[ConfigEntry]:
        # `dict(BASE)` copies BASE as `{**BASE}` spreads it: part of the dict(...) build
        yield from self._within_a_build(super()._copied(value, path))

    def _within_a_build(self, entries: Iterator[ConfigEntry]) -> Iterator[ConfigEntry]:
        """``entries`` walked as part of the build around them (no build of their own)."""
        self._spreading += 1
        try:
            yield from entries
        finally:
            self._spreading -= 1


def config_builds(root: cst.CSTNode, bindings: Bindings, imports: GenaiImports,
                  base: tuple[str, ...] = ()) -> list[cst.Call | cst.Dict] | None:
    """The calls (``types.LiveConnectConfig(...)``, ``dict(...)``) and dict literals that build
    the config ``root`` at its own level (the value at ``base``), one per way the code can
    build it: both sides of ``a if c else b`` and ``a or b``, each value of a name or
    attribute assigned in several places (``config = self.config`` then, under an ``if``,
    ``config = types.LiveConnectConfig(...)``), each return of a helper. What a build spreads
    in (``**BASE``, ``.update(BASE)``) belongs to that build. A fix adding a field at the
    config's top level must reach each of them. None when some way of building it is not
    seen here (:func:`config_base_is_seen`)."""
    walker = _Builds(bindings, imports, base)
    for _ in walker.walk(root, ()):
        pass
    return None if walker.base_opaque else walker.builds

