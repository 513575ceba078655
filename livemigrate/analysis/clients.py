"""The google-genai clients of a module: how each is built and what the module does with it.

A client's ``http_options`` decide the API version its Live sessions reach
(``/ws/google.ai.generativelanguage.<version>.GenerativeService...``, live-api-facts.md §7.1);
its ``api_key`` may be a long-lived key or an ephemeral token (``auth_tokens/...``, §2.11), and
then the SDK opens the constrained endpoint instead. Rules about API versions and tokens ask
here instead of re-reading ``genai.Client(...)`` calls: every spelling of the options
(``{"api_version": ...}``, ``{"apiVersion": ...}``, ``types.HttpOptions(api_version=...)``, a
name bound to one), tokens however they reach the client, and what each client is used for
(Live sessions, minting tokens, Lyria's ``live.music``, anything else).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

import libcst as cst

from livemigrate.analysis.bindings import index_key, string_value
from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.syntax import descendants

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import LiveModel, Located

__all__ = ["GenaiClient", "genai_clients", "is_ephemeral_token", "key_kinds", "uses_ephemeral_tokens",
           "API_VERSION_KEYS", "ALPHA_FIELDS", "alpha_fields", "env_name"]

API_VERSION_KEYS = ("api_version", "apiVersion")
# Live config fields the Gemini API served on v1alpha only (live-api-facts.md §2.7): 2.x code
# set api_version="v1alpha" for them.
ALPHA_FIELDS = frozenset({"proactivity", "enable_affective_dialog"})
_TOKEN_PREFIX = "auth_tokens/"
# The environment variable that overrides the SDK's default API version (§7.1).
_VERSION_ENV = "GOOGLE_GENAI_API_VERSION"


@dataclass(eq=False)
class GenaiClient:
    """One ``genai.Client(...)`` call and what the module does with the client it builds."""

    call: cst.Call
    api_key: cst.BaseExpression | None
    # The `http_options=` argument, and the one call or dict literal it holds when the module
    # writes it (inline or in a name assigned once).
    options_arg: cst.Arg | None
    options: cst.Call | cst.Dict | None
    # The api_version literal: "" when the client sets none, None when the module cannot
    # tell (a computed value, **kwargs, an environment override).
    version: str | None
    version_value: cst.BaseExpression | None  # where the version is written
    version_element: cst.Arg | cst.DictElement | None  # the argument or dict element holding it
    token: bool  # built with an ephemeral token
    # What the module calls on it: "live" (sessions), "tokens" (auth_tokens), "music"
    # (Lyria's live.music), "other" (models, chats, files, ...).
    uses: frozenset[str]
    backend: str | None  # "gemini" | "vertex" | None (decided at run time)
    # When ``http_options`` is a name bound to several values (``None``, then
    # ``HttpOptions(api_version="v1alpha")`` behind a feature flag): the api_version literal
    # of each options value the module writes, as (version, where it is written). ``version``
    # is then None: which one applies is decided at run time.
    alternatives: tuple[tuple[str, cst.BaseExpression], ...] = ()
    # The key is an ephemeral token on some path and something else (a long-lived key, or
    # None: the SDK then reads the key from the environment) on another, chosen at run time
    # (:func:`key_kinds`): the client's options serve both.
    mixed_key: bool = False

    @property
    def options_inline(self) -> bool:
        """The options are written in the call itself (``http_options={...}``)."""
        return self.options_arg is not None and self.options is self.options_arg.value


def genai_clients(live: "LiveModel") -> list[GenaiClient]:
    """Every ``genai.Client(...)`` of the module (any import alias), in source order."""
    cached = getattr(live, "_genai_clients", None)
    if cached is None:
        cached = _Clients(live).find()
        live._genai_clients = cached  # type: ignore[attr-defined]
    return cached


def uses_ephemeral_tokens(live: "LiveModel") -> bool:
    """The module mints ephemeral tokens (``auth_tokens.create``) or builds a client with one."""
    if any(c.token for c in genai_clients(live)):
        return True
    return any(_chain(call.func)[-2:] == ["auth_tokens", "create"] for call in live.calls_to("create"))


def alpha_fields(live: "LiveModel") -> "list[Located]":
    """The Live config entries (:class:`Located`) setting a field that needs ``v1alpha``
    (``proactivity``, ``enable_affective_dialog``), gated or not."""
    return [located for located in live.config_entries()
            if located.entry.name in ALPHA_FIELDS and located.entry.path[0] in ALPHA_FIELDS | {"generation_config"}]


def env_name(node: cst.BaseExpression) -> str | None:
    """``NAME`` for ``os.environ["NAME"]``, ``os.getenv("NAME", ...)``, ``os.environ.get("NAME")``."""
    if isinstance(node, cst.Subscript):
        owner = dotted_name(node.value) or ""
        if owner.split(".")[-1] == "environ" and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            return string_value(node.slice[0].slice.value)
        return None
    if isinstance(node, cst.Call) and node.args:
        name = dotted_name(node.func) or ""
        if name.split(".")[-1] == "getenv" or name.endswith("environ.get"):
            return string_value(node.args[0].value)
    return None


def is_ephemeral_token(live: "LiveModel", value: cst.BaseExpression, depth: int = 0) -> bool:
    """``value`` holds an ephemeral token: a literal ``auth_tokens/...``, the ``.name`` of
    what ``auth_tokens.create`` returns, or a name, attribute, key or helper call named for a
    token (``token.name``, ``ephemeral_token``, ``data["token"]``, ``fetch_token()``). A value
    read from the environment is a configured key, not a token minted for this run."""
    if depth > 4:
        return False
    if isinstance(value, cst.Await):
        return is_ephemeral_token(live, value.expression, depth + 1)
    text = string_value(value)
    if text is not None:
        return text.startswith(_TOKEN_PREFIX)
    if isinstance(value, cst.FormattedString):
        first = value.parts[0] if value.parts else None
        return isinstance(first, cst.FormattedStringText) and first.value.startswith(_TOKEN_PREFIX)
    if env_name(value) is not None:
        return False
    if isinstance(value, cst.Name):
        return _holds_token(live, value.value, live.values_of(value), depth) or _tested_as_token(live, value)
    if isinstance(value, cst.Attribute):
        if value.attr.value == "name":  # token.name, (await ...auth_tokens.create(...)).name
            return _is_token_object(live, value.value, depth + 1)
        owner = value.value
        values: list = []
        if isinstance(owner, cst.Name) and owner.value in ("self", "cls"):
            klass = live.enclosing_class(value)
            values = live.bindings.attributes.get((klass, value.attr.value), []) if klass is not None else []
        return _holds_token(live, value.attr.value, values, depth)
    if isinstance(value, cst.Subscript):
        keys = [string_value(e.slice.value) for e in value.slice if isinstance(e.slice, cst.Index)]
        return any(k is not None and _named_token(k) for k in keys)
    if isinstance(value, cst.Call):
        name = (dotted_name(value.func) or "").split(".")[-1]
        if _named_token(name):
            return True
        # a helper of this module that returns one (`genai.Client(api_key=_mint())`)
        function = live.bindings.callee(value)
        return function is not None and any(
            is_ephemeral_token(live, returned, depth + 1) for returned in live.bindings.returns.get(function, ()))
    if isinstance(value, cst.BooleanOperation):
        return is_ephemeral_token(live, value.left, depth + 1) or is_ephemeral_token(live, value.right, depth + 1)
    if isinstance(value, cst.IfExp):  # `tok if direct else KEY`: the token path is what matters
        return is_ephemeral_token(live, value.body, depth + 1) or is_ephemeral_token(live, value.orelse, depth + 1)
    return False


def key_kinds(live: "LiveModel", value: cst.BaseExpression, depth: int = 0) -> frozenset[str]:
    """What a client's ``api_key`` may be at run time: ``"token"`` (:func:`is_ephemeral_token`)
    and/or ``"other"``, one per way the code can pick it: the sides of ``a if c else b`` and
    ``a or b``, each value of a name or ``self`` attribute bound in several places (``key =
    token.name``, then under an ``if``, ``key = API_KEY``; ``self.key`` set in ``__init__`` and
    in another method). A name first bound to ``None`` and then to its value holds
    the value (the ``None`` is a placeholder); ``None`` written as one side of a choice is the
    SDK's key from the environment, a long-lived key."""
    if depth > 4:
        return frozenset({"token"} if is_ephemeral_token(live, value) else {"other"})
    if isinstance(value, cst.Await):
        return key_kinds(live, value.expression, depth + 1)
    if isinstance(value, cst.IfExp):
        return key_kinds(live, value.body, depth + 1) | key_kinds(live, value.orelse, depth + 1)
    if isinstance(value, cst.BooleanOperation):
        return key_kinds(live, value.left, depth + 1) | key_kinds(live, value.right, depth + 1)
    bound = live.values_of(value) if isinstance(value, cst.Name) and value.value != "None" else \
        live.attribute_values(value) if isinstance(value, cst.Attribute) else None  # self.key
    if bound is not None:
        values = [v for v in bound if not (isinstance(v, cst.Name) and v.value == "None")]
        if len(values) > 1 or (values and isinstance(values[0], (cst.IfExp, cst.BooleanOperation, cst.Await))):
            return frozenset().union(*(key_kinds(live, v, depth + 1) for v in values))
    return frozenset({"token"} if is_ephemeral_token(live, value) else {"other"})


def _tested_as_token(live: "LiveModel", name: cst.Name) -> bool:
    """``name`` is read where a test has told it is a token: in the body of ``if
    name.startswith("auth_tokens/"):`` (or ``if "auth_tokens/" in name:``)."""
    child: cst.CSTNode = name
    for ancestor in live.ancestors(name):
        if isinstance(ancestor, cst.If) and child is ancestor.body:
            test = ancestor.test
            if (isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute)
                    and test.func.attr.value == "startswith" and isinstance(test.func.value, cst.Name)
                    and test.func.value.value == name.value and len(test.args) == 1):
                prefix = string_value(test.args[0].value)
                if prefix is not None and prefix.startswith(_TOKEN_PREFIX.rstrip("/")):
                    return True
            if (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
                    and isinstance(test.comparisons[0].operator, cst.In)
                    and isinstance(test.comparisons[0].comparator, cst.Name)
                    and test.comparisons[0].comparator.value == name.value):
                prefix = string_value(test.left)
                if prefix is not None and prefix.startswith(_TOKEN_PREFIX.rstrip("/")):
                    return True
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
            return False
        child = ancestor
    return False


def _holds_token(live: "LiveModel", name: str, values, depth: int) -> bool:
    """A name (or attribute) holds a token: one of its values is one, or it is named for a
    token and none of its values is a key (read from the environment, or a literal)."""
    if any(is_ephemeral_token(live, v, depth + 1) for v in values):
        return True
    return _named_token(name) and not any(env_name(v) is not None or string_value(v) is not None for v in values)


def _named_token(name: str) -> bool:
    lowered = name.lower()
    return "token" in lowered and "api_key" not in lowered and "apikey" not in lowered and "tokenizer" not in lowered


def _is_token_object(live: "LiveModel", value: cst.BaseExpression, depth: int) -> bool:
    """``value`` is what ``auth_tokens.create(...)`` returns (or a name bound to it)."""
    if depth > 4:
        return False
    if isinstance(value, cst.Await):
        value = value.expression
    if isinstance(value, cst.Call):
        return _chain(value.func)[-2:] == ["auth_tokens", "create"]
    if isinstance(value, cst.Name):
        return _named_token(value.value) or any(_is_token_object(live, v, depth + 1) for v in live.values_of(value))
    return False


def _chain(node: cst.BaseExpression) -> list[str]:
    """``client.aio.live.connect`` → ["client", "aio", "live", "connect"]; the receiver may be
    any expression (it is then left out)."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
    return parts[::-1]


def _use_of(chain: list[str]) -> str:
    if "live" in chain:
        return "music" if "music" in chain[chain.index("live"):] else "live"
    if "auth_tokens" in chain:
        return "tokens"
    return "other"


class _Clients:
    def __init__(self, live: "LiveModel") -> None:
        self.live = live
        self.b = live.bindings
        self.imports = live.imports
        self.env_override = any(string_value(s) == _VERSION_ENV for s in self.b.strings if _VERSION_ENV in s.value)

    def find(self) -> list[GenaiClient]:
        calls = [call for _, call, _ in self.live.backends.clients]  # (any import alias, source order)
        if not calls:
            return []
        uses = self._uses(calls)
        return [self._client(call, frozenset(uses.get(id(call), ()))) for call in calls]

    # --- one client -------------------------------------------------------------------
    def _client(self, call: cst.Call, uses: frozenset[str]) -> GenaiClient:
        keywords = {a.keyword.value: a for a in call.args if a.keyword is not None}
        splat = any(a.star == "**" for a in call.args)
        api_key = keywords["api_key"].value if "api_key" in keywords else None
        options_arg = keywords.get("http_options")
        options = self._options(options_arg.value) if options_arg is not None else None
        version: str | None
        value = element = None
        if options_arg is None:
            version = None if splat else ""
        elif options is None:
            version = None
        else:
            version, value, element = self._version(options)
        if version == "" and self.env_override:
            version = None
        token = api_key is not None and is_ephemeral_token(self.live, api_key)
        alternatives = self._alternatives(options_arg.value) if options_arg is not None and options is None else ()
        later = self._set_later(options_arg.value, call) if options_arg is not None else ()
        if later:
            alternatives = (*alternatives, *later)
            if version == "":
                version = None  # the options set none where they are built: the later statement decides
        if version is None and type(value) is cst.Attribute and not alternatives:
            # `{"api_version": args.api_version}` of an argparse option: its default and choices
            chosen = self.live.command_line_choices(value)
            if chosen and all(string_value(v) is not None for v in chosen):
                alternatives = tuple((string_value(v), v) for v in chosen)  # type: ignore[misc]
        if version is None and isinstance(value, cst.Name) and not alternatives:
            # `for version in ["v1beta", "v1alpha"]: genai.Client(http_options={"api_version":
            # version})`: each string the name is bound to is a version the client gets
            bound = list(self.live.values_of(value))
            least = 2  # (one value the options' own reading resolved already)
            if not bound and uses == frozenset({"live"}):
                # `def try_pair(model, api_version)` called as `try_pair(m, "v1alpha")`, or from
                # such a loop: what this module's calls pass (names followed one step); not for
                # a client that also serves other calls (which call site feeds which is not known)
                passed = self.live.parameter_values(value, unresolved=False) or []
                bound = [v for p in passed for v in (self.live.values_of(p) or [p] if isinstance(p, cst.Name) else [p])]
                least = 1
            if len(bound) >= least and all(string_value(v) is not None for v in bound):
                alternatives = tuple((string_value(v), v) for v in bound)  # type: ignore[misc]
        if options_arg is None and splat:
            # `genai.Client(**self._client_config)`, the dict filled by a method of the module
            alternatives = tuple(found for a in call.args if a.star == "**" for found in self._splatted(a.value))
        mixed = token and api_key is not None and key_kinds(self.live, api_key) == {"token", "other"}
        return GenaiClient(call, api_key, options_arg, options, version, value, element, token, uses,
                           self.live.backends.client_backend(call), alternatives, mixed)

    def _alternatives(self, value: cst.BaseExpression) -> tuple[tuple[str, cst.BaseExpression], ...]:
        """The api_version literals of the options a name bound to several values can hold, or
        an options value chosen by a conditional (``{...} if flag else None``) or taken as a
        fallback (``http_options or HttpOptions(api_version="v1alpha")``: the caller's options,
        else these)."""
        if isinstance(value, cst.Name):
            choices = list(self.live.values_of(value))
        else:
            choices = [value]
        found = []
        while any(isinstance(c, (cst.IfExp, cst.BooleanOperation)) for c in choices):
            choices = [side for c in choices for side in (
                (c.body, c.orelse) if isinstance(c, cst.IfExp)
                else (c.left, c.right) if isinstance(c, cst.BooleanOperation) and isinstance(c.operator, cst.Or)
                else (c.right,) if isinstance(c, cst.BooleanOperation) else (c,))]  # `a and b`: b when a holds
        for bound in choices:
            found.extend(self._written_version(self._options(bound)))
        return tuple(found)

    def _written_version(self, options: cst.Call | cst.Dict | None) -> list[tuple[str, cst.BaseExpression]]:
        """The api_version ``options`` write, with where, when they write one."""
        if options is None:
            return []
        version, written, _ = self._version(options)
        return [(version, written)] if version and written is not None else []

    def _set_later(self, value: cst.BaseExpression, call: cst.Call) -> tuple[tuple[str, cst.BaseExpression], ...]:
        """The version literals a statement sets on the options named ``value`` after they are
        built and before ``call`` builds the client with them (``http_options.api_version =
        api_version``, ``api_version = "v1alpha"`` under a feature flag)."""
        if not isinstance(value, cst.Name):
            return ()
        scope, _ = self.b.resolve_name(value.value, value)
        found: list[tuple[str, cst.BaseExpression]] = []
        for mutation in self.b.mutations_of(scope, value.value):
            if mutation.key in API_VERSION_KEYS and not mutation.prefix \
                    and self.live.order_of(mutation.statement) < self.live.order_of(call):
                found.extend(self._literals(mutation.value))
        return tuple(found)

    def _literals(self, value: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression]]:
        """The version literals ``value`` can be: itself, the sides of a conditional, or what a
        name is bound to (``api_version = "v1alpha"`` under a feature flag)."""
        pending, found = [value], []
        seen: set[int] = set()
        while pending:
            node = pending.pop(0)
            if id(node) in seen or len(seen) > 16:
                continue
            seen.add(id(node))
            if isinstance(node, cst.IfExp):
                pending += [node.body, node.orelse]
            elif isinstance(node, cst.Name):
                pending += list(self.live.values_of(node))
            elif string_value(node) is not None:
                found.append((string_value(node), node))
        return found

    def _splatted(self, value: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression]]:
        """The version literals of the ``http_options`` a client's ``**kwargs`` dict can hold: a
        dict literal, a name or ``self`` attribute bound to one, or what a method of the module
        returns, with the keys later statements set on it (``resolved["http_options"] = {...}``,
        also on a local dict: ``client_kwargs["http_options"] = {...}``)."""
        found: list[tuple[str, cst.BaseExpression]] = []
        values = list(self.live.attribute_values(value)) if isinstance(value, cst.Attribute) \
            else list(self.live.values_of(value)) if isinstance(value, cst.Name) else [value]
        if isinstance(value, cst.Name):
            # `client_kwargs["http_options"] = {...}` on the local dict, under a feature switch
            scope, _ = self.b.resolve_name(value.value, value)
            for mutation in self.b.mutations_of(scope, value.value):
                if mutation.key == "http_options" and not mutation.prefix:
                    found.extend(self._written_version(self._options(mutation.value)))
        for held in values:
            function = self.live.callee(held) if isinstance(held, cst.Call) else None
            returned = [r.value for r in descendants(function.body) if isinstance(r, cst.Return) and r.value is not None] \
                if function is not None else [held]
            for dictionary in returned:
                if isinstance(dictionary, cst.Name) and function is not None:
                    # `resolved["http_options"] = {...}` on the dict the method returns
                    scope, _ = self.b.resolve_name(dictionary.value, dictionary)
                    for mutation in self.b.mutations_of(scope, dictionary.value):
                        if mutation.key == "http_options" and not mutation.prefix:
                            found.extend(self._written_version(self._options(mutation.value)))
                elif isinstance(dictionary, cst.Dict):
                    entry = next((e for e in dictionary.elements if isinstance(e, cst.DictElement)
                                  and string_value(e.key) == "http_options"), None)
                    if entry is not None:
                        found.extend(self._written_version(self._options(entry.value)))
        return found

    def _options(self, value: cst.BaseExpression) -> cst.Call | cst.Dict | None:
        value = self.b.value_of(value)
        if isinstance(value, cst.Dict):
            return value
        if isinstance(value, cst.Call):
            if isinstance(value.func, cst.Name) and value.func.value == "dict":
                return value
            if self.imports.types_name(value.func) in ("HttpOptions", "HttpOptionsDict"):
                return value
        return None

    def _version(self, options: cst.Call | cst.Dict) -> tuple[str | None, cst.BaseExpression | None,
                                                               cst.CSTNode | None]:
        """(the api_version, where its value is written, the argument or entry setting it); a
        name is followed to the one string it holds (``API_VERSION = "v1alpha"``: written there)."""
        if isinstance(options, cst.Call):
            for arg in options.args:
                if arg.star:
                    return None, None, None
                if arg.keyword is not None and arg.keyword.value in API_VERSION_KEYS:
                    return (*self._written(arg.value), arg)
            return "", None, None
        for element in options.elements:
            if isinstance(element, cst.StarredDictElement):
                return None, None, None
            if string_value(element.key) in API_VERSION_KEYS:
                return (*self._written(element.value), element)
        return "", None, None

    def _written(self, value: cst.BaseExpression) -> tuple[str | None, cst.BaseExpression]:
        text = string_value(value)
        if text is None and isinstance(value, cst.Name):
            resolved = self.b.value_of(value)
            if string_value(resolved) is not None:
                return string_value(resolved), resolved
        if text is None and isinstance(value, cst.Attribute):
            # `settings.api_version`: the one value a settings class of this module gives it
            values = self.b.attribute_values(value)
            if len(values) == 1 and string_value(values[0]) is not None:
                return string_value(values[0]), values[0]
        if text is None and isinstance(value, cst.Subscript) and not self._rewritten(value):
            # `settings["api_version"]`: the one value the settings dict this module builds holds
            values = self.live.dict_entry_values(value, visible_only=False)
            if len(values) == 1 and string_value(values[0]) is not None:
                return string_value(values[0]), values[0]
        return text, value

    def _rewritten(self, read: cst.Subscript) -> bool:
        """A statement writes the key ``read`` reads (``CONF["api_version"] = "v1beta"``) or
        updates the dict it reads, when that dict is a name: its literal is not what is read."""
        owner, key = read.value, index_key(read)
        if type(owner) is not cst.Name:
            return False
        scope, _ = self.b.resolve_name(owner.value, owner)
        return any(m.key is None or (not m.prefix and m.key == key) for m in self.b.mutations_of(scope, owner.value))

    # --- what the module does with each client ----------------------------------------
    def _uses(self, calls: list[cst.Call]) -> dict[int, set[str]]:
        """For each client call: what the module calls on the names and ``self`` attributes
        holding it (``client.aio.live.connect``, ``self.client.auth_tokens.create``)."""
        ids = {id(c) for c in calls}
        found: dict[int, set[str]] = {}
        for call in self.b.calls:
            chain: list[str] = []
            root = call.func
            while isinstance(root, cst.Attribute) and not self._is_self_attribute(root):
                chain.append(root.attr.value)
                root = root.value
            if not chain:
                continue
            for client in self._clients_held(root, 0):
                if id(client) in ids:
                    found.setdefault(id(client), set()).add(_use_of(chain[::-1]))
        # handed to another module's class that opens Live sessions on it
        # (`SessionManager(client=client, ...)`, whose connect is `self.client.aio.live.connect`)
        for argument in self.live.live_client_arguments():
            for client in self._clients_held(argument, 0):
                if id(client) in ids:
                    found.setdefault(id(client), set()).add("live")
        # returned by a factory another module opens Live sessions on (`get_client()` in a
        # `genai_client.py`: ModuleFacts.live_client_factories)
        facts = self.live.facts
        for name in facts.live_client_factories if facts is not None else ():
            function = self.b.functions.get((self.live.module, name))
            # (or a module-level client itself, `ALPHA = genai.Client(...)`, another module connects on)
            values = self.b.returns.get(function, []) if function is not None else \
                self.b.assignments.get((self.b.module, name), [])
            for value in values:
                for client in self._clients_held(value, 0):
                    if id(client) in ids:
                        found.setdefault(id(client), set()).add("live")
        return found

    @staticmethod
    def _is_self_attribute(node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value in ("self", "cls")

    def _clients_held(self, node: cst.BaseExpression, depth: int) -> Iterator[cst.Call]:
        """The client calls whose result ``node`` can hold."""
        if depth > 4:
            return
        if isinstance(node, cst.Await):
            yield from self._clients_held(node.expression, depth + 1)
        elif isinstance(node, cst.Name):
            for value in self.live.values_of(node):
                yield from self._clients_held(value, depth + 1)
        elif self._is_self_attribute(node):
            klass = self.b.enclosing_class(node)
            for value in self.b.attributes.get((klass, node.attr.value), []) if klass is not None else ():
                yield from self._clients_held(value, depth + 1)
        elif isinstance(node, cst.BooleanOperation):
            yield from self._clients_held(node.left, depth + 1)
            yield from self._clients_held(node.right, depth + 1)
        elif isinstance(node, cst.IfExp):
            yield from self._clients_held(node.body, depth + 1)
            yield from self._clients_held(node.orelse, depth + 1)
        elif isinstance(node, cst.Call):
            if (self.imports.qualify(node.func) or "").endswith(".Client"):
                yield node
                return
            function = self.b.callee(node)
            for value in self.b.returns.get(function, []) if function is not None else ():
                yield from self._clients_held(value, depth + 1)
