"""Which backend code talks to: the Gemini API or Vertex AI (live-api-facts.md §11).

google-genai selects Vertex AI with ``genai.Client(enterprise=True)`` or the legacy
``vertexai=True``, with the environment variables ``GOOGLE_GENAI_USE_ENTERPRISE`` or
``GOOGLE_GENAI_USE_VERTEXAI``, and for a client built with ``project=`` / ``location=`` and
no API key. Code that serves both branches on it (``if use_vertex: ... else: ...``), so the
question is asked per node: the session's own client when the node is a connect call, else
the innermost branch on the backend, else the clients built in the innermost block that
builds any; a module that can reach Vertex AI in no narrower way answers for the rest.
"""

from __future__ import annotations

import bisect
import os.path
import re
from typing import Iterator, Literal

import libcst as cst

from livemigrate.analysis.bindings import Bindings, string_value
from livemigrate.analysis.imports import GenaiImports, dotted_name

__all__ = ["Backend", "Backends", "ENV_FLAGS", "CLIENT_FLAGS"]

Backend = Literal["gemini", "vertex"]

ENV_FLAGS = ("GOOGLE_GENAI_USE_ENTERPRISE", "GOOGLE_GENAI_USE_VERTEXAI")
CLIENT_FLAGS = ("enterprise", "vertexai")
# Read on the raw token first: evaluating every string literal of a big module is not free.
_ENV_PREFIX = os.path.commonprefix(ENV_FLAGS)
_VERTEX_ONLY_ARGS = ("project", "location", "credentials")
_TRUE_TEXT = frozenset({"1", "true", "yes", "on", "t", "y"})
_FALSE_TEXT = frozenset({"0", "false", "no", "off", "f", "n", ""})
# A test written about the backend: `if use_vertex:`, `if settings.enterprise:`, `if api_key:`.
_VERTEX_NAME = re.compile(r"vertex|enterprise", re.I)
_API_KEY_NAME = re.compile(r"api_?key", re.I)
_CLIENT_NAMES = ("google.genai.Client", "google.genai.client.Client")


def _other(backend: Backend | None) -> Backend | None:
    return None if backend is None else ("gemini" if backend == "vertex" else "vertex")


def _literal_flag(value: cst.BaseExpression) -> bool | None:
    if isinstance(value, cst.Name) and value.value in ("True", "False"):
        return value.value == "True"
    text = string_value(value)
    if text is not None:
        lowered = text.strip().lower()
        return True if lowered in _TRUE_TEXT else (False if lowered in _FALSE_TEXT else None)
    return None


# Vertex AI's name for the Live service (Google AI's is GenerativeService).
_VERTEX_LIVE_SERVICE = "LlmBidiService"


class Backends:
    """The google-genai clients of a module and the backend each one selects."""

    def __init__(self, bindings: Bindings, imports: GenaiImports) -> None:
        self.b = bindings
        self.imports = imports
        self.env = self._env_setting()
        # (source position, client call, backend) in source order; backend None: not known
        self.clients: list[tuple[int, cst.Call, Backend | None]] = []
        # (`from google.genai import Client as GenAIClient`: the name called is the alias)
        names = {"Client"} | {local for local, qualified in imports.aliases.items() if qualified in _CLIENT_NAMES}
        for name in names:
            for call in bindings.calls_by_name.get(name, []):
                if (imports.qualify(call.func) or "") in _CLIENT_NAMES:
                    self.clients.append((bindings.order[id(call)], call, self.client_backend(call)))
        self.clients.sort(key=lambda c: c[0])
        self._positions = [c[0] for c in self.clients]
        # a raw socket to Vertex AI's Live service (`wss://{HOST}/ws/google.cloud.aiplatform.
        # v1beta1.LlmBidiService/BidiGenerateContent`): its setup frames are Vertex AI's
        self.raw_vertex = any(_VERTEX_LIVE_SERVICE in text for text in
                              (*(n.value for n in bindings.strings), *(n.value for n in bindings.fstring_texts)))

    # --- the module ---------------------------------------------------------------------
    @property
    def any_vertex(self) -> bool:
        """Some code of this module can talk to Vertex AI."""
        return self.env == "vertex" or self.raw_vertex or any(backend == "vertex" for _, _, backend in self.clients)

    def _env_setting(self) -> Backend | None:
        """``vertex`` when the module sets (or reads: a deployment switch) a Vertex AI
        environment variable, ``gemini`` when it only switches one off."""
        found: set[Backend] = set()
        self.env_only_read = True  # no Vertex AI value is written, the variable is only tested
        for node in self.b.strings:
            if _ENV_PREFIX not in node.value or string_value(node) not in ENV_FLAGS:
                continue
            value = self._value_set_for(node)
            flag = _literal_flag(value) if value is not None else None
            found.add("gemini" if flag is False else "vertex")
            if flag is not False and not (value is None and self._read_of(node)):
                self.env_only_read = False  # set, or named in a way that is not a plain read
        return "vertex" if "vertex" in found else ("gemini" if found else None)

    def vertex_only_by_a_switch(self) -> bool:
        """Vertex AI is reachable here only through a deployment switch the module reads
        (``os.environ.get("GOOGLE_GENAI_USE_VERTEXAI")``): no code sets it, and no client is
        built for Vertex AI by its own arguments."""
        return self.env == "vertex" and self.env_only_read and not any(
            self.client_backend(call, from_env=False) == "vertex" for _, call, _ in self.clients)

    def _read_of(self, key: cst.CSTNode) -> bool:
        """``key`` is only read: ``os.environ.get(KEY)`` / ``os.getenv(KEY)``, ``os.environ[KEY]``
        as a value, ``KEY in os.environ``."""
        parent = self.b.parent(key)
        if isinstance(parent, cst.Arg):
            call = self.b.parent(parent)
            name = (dotted_name(call.func) or "") if isinstance(call, cst.Call) else ""
            return name.split(".")[-1] in ("get", "getenv") and call.args[0] is parent
        if isinstance(parent, cst.Index):
            subscript = self.b.parent(self.b.parent(parent) or parent)
            target = self.b.parent(subscript) if subscript is not None else None
            return not isinstance(target, (cst.AssignTarget, cst.Del)) and not (
                isinstance(target, (cst.AugAssign, cst.AnnAssign)) and target.target is subscript)
        if isinstance(parent, cst.Comparison) and parent.left is key:
            return all(isinstance(c.operator, (cst.In, cst.NotIn)) for c in parent.comparisons)
        return False

    def _value_set_for(self, key: cst.CSTNode) -> cst.BaseExpression | None:
        """The value written for an environment variable: ``os.environ[KEY] = v``,
        ``os.environ.setdefault(KEY, v)``, ``os.putenv(KEY, v)``."""
        parent = self.b.parent(key)
        if isinstance(parent, cst.Index):
            subscript = self.b.parent(self.b.parent(parent) or parent)
            target = self.b.parent(subscript) if subscript is not None else None
            statement = self.b.parent(target) if isinstance(target, cst.AssignTarget) else None
            return statement.value if isinstance(statement, cst.Assign) else None
        if isinstance(parent, cst.Arg):
            call = self.b.parent(parent)
            name = (dotted_name(call.func) or "") if isinstance(call, cst.Call) else ""
            if name.endswith(("setdefault", "putenv")) and len(call.args) >= 2 and call.args[0] is parent:
                return call.args[1].value
        return None

    # --- one client -----------------------------------------------------------------------
    def client_backend(self, call: cst.Call, from_env: bool = True) -> Backend | None:
        """What ``genai.Client(...)`` selects, from its arguments and the environment this
        module sets; None when ``**kwargs`` decide it (and, not ``from_env``, when only the
        environment does)."""
        keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
        opaque = False
        for arg in call.args:
            if arg.star != "**":
                continue
            # `client_kwargs = dict(vertexai=True, project=...)`, then `genai.Client(**client_kwargs)`
            spread = self.b.value_of(arg.value)
            if type(arg.value) is cst.Name:
                scope, _ = self.b.resolve_name(arg.value.value, arg.value)
                if any(m.key is None or m.key in (*CLIENT_FLAGS, "api_key")
                       for m in self.b.mutations_of(scope, arg.value.value)):
                    spread = None  # a later `client_kwargs["vertexai"] = ...` decides it
            if type(spread) is cst.Call and type(spread.func) is cst.Name and spread.func.value == "dict" \
                    and all(a.keyword is not None for a in spread.args):
                keywords.update((a.keyword.value, a.value) for a in spread.args)
            elif type(spread) is cst.Dict and all(type(e) is cst.DictElement and string_value(e.key) for e in spread.elements):
                keywords.update((string_value(e.key), e.value) for e in spread.elements)
            else:
                opaque = True
        for flag in CLIENT_FLAGS:
            if flag in keywords:
                # A flag computed at run time (`vertexai=settings.use_vertex`) may select
                # Vertex AI: what is said or fixed here must hold there too.
                return "gemini" if _literal_flag(keywords[flag]) is False else "vertex"
        if "api_key" in keywords:
            return "gemini"
        if any(name in keywords for name in _VERTEX_ONLY_ARGS):
            return "vertex"
        if opaque or not from_env:
            return None
        return self.env or "gemini"

    # --- a node ---------------------------------------------------------------------------
    def on_vertex(self, node: cst.CSTNode) -> bool:
        """Whether the code at ``node`` can be talking to Vertex AI."""
        decided = self._backend_of_session(node)
        if decided is None:
            decided = self._backend_by_place(node)
        return self.any_vertex if decided is None else decided == "vertex"

    def _backend_of_session(self, node: cst.CSTNode) -> Backend | None:
        """For a ``<client>.aio.live.connect(...)`` call: the client it is made on."""
        if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
            return None
        receiver = node.func.value
        for _ in range(2):  # <client>.aio.live
            if not isinstance(receiver, cst.Attribute):
                return None
            receiver = receiver.value
        found = {self._client_value_backend(v) for v in self._values(receiver)}
        if not found or None in found:
            return None
        return "vertex" if "vertex" in found else "gemini"

    def _values(self, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
        if isinstance(expr, cst.Name):
            return list(self.b.resolve_name(expr.value, expr)[1])
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self":
            klass = self.b.enclosing_class(expr)
            return list(self.b.attributes.get((klass, expr.attr.value), [])) if klass is not None else []
        return [expr]

    def _client_value_backend(self, value: cst.BaseExpression) -> Backend | None:
        for _, call, backend in self.clients:
            if call is value:
                return backend
        return None

    def _backend_by_place(self, node: cst.CSTNode) -> Backend | None:
        """The innermost branch on the backend around ``node``, or the innermost block
        around it that builds clients (all of the one backend, or Vertex AI if any is)."""
        child: cst.CSTNode = node
        for ancestor in self.b.ancestors(node):
            if isinstance(ancestor, (cst.If, cst.IfExp)):
                test = self.test_backend(ancestor.test)
                if test is not None and child is ancestor.body:
                    return test
                if test is not None and child is ancestor.orelse:
                    return _other(test)
            if isinstance(ancestor, (cst.IndentedBlock, cst.Module)):
                built = self._clients_within(ancestor)
                if built:
                    if "vertex" in built:
                        return "vertex"
                    if built == {"gemini"}:
                        return "gemini"
            child = ancestor
        return None

    def _clients_within(self, block: cst.CSTNode) -> set[Backend | None]:
        start = self.b.order[id(block)]
        end = self.b.ends[start]
        first = bisect.bisect_left(self._positions, start)
        last = bisect.bisect_left(self._positions, end)
        return {backend for _, _, backend in self.clients[first:last]}

    def test_backend(self, test: cst.BaseExpression) -> Backend | None:
        """The backend the true branch of ``if <test>`` runs on, when the test is about it."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            return _other(self.test_backend(test.expression))
        if isinstance(test, cst.BooleanOperation):
            left, right = self.test_backend(test.left), self.test_backend(test.right)
            if isinstance(test.operator, cst.And):
                return left or right
            return left if left == right else None
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            target = test.comparisons[0]
            subject, other = test.left, target.comparator
            if string_value(subject) is not None:
                subject, other = other, subject
            about = self._mentions(subject)
            values = {_literal_flag(v) for v in self._options(other)}
            if about is None or len(values) != 1 or None in values:
                return None
            backend = about if values.pop() else _other(about)
            if isinstance(target.operator, (cst.Equal, cst.In, cst.Is)):
                return backend
            if isinstance(target.operator, (cst.NotEqual, cst.NotIn, cst.IsNot)):
                return _other(backend)
            return None
        return self._mentions(test)

    @staticmethod
    def _options(node: cst.BaseExpression) -> list[cst.BaseExpression]:
        if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
            return [e.value for e in node.elements]
        return [node]

    def _mentions(self, node: cst.BaseExpression) -> Backend | None:
        """What a truthy ``node`` says: ``use_vertex`` / ``os.getenv("GOOGLE_GENAI_USE_...")``
        → Vertex AI; ``api_key`` → Gemini API."""
        for part in _parts(node):
            if isinstance(part, (cst.Name, cst.Attribute)):
                name = part.value if isinstance(part, cst.Name) else part.attr.value
                if _VERTEX_NAME.search(name):
                    return "vertex"
                if _API_KEY_NAME.search(name):
                    return "gemini"
            elif string_value(part) in ENV_FLAGS:
                return "vertex"
        return None


def _parts(node: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """``os.getenv("X", "false").lower()`` → the call chain's names and string arguments."""
    while True:
        if isinstance(node, cst.Call):
            for arg in node.args:
                yield arg.value
            node = node.func
        elif isinstance(node, cst.Attribute):
            yield node
            node = node.value
        elif isinstance(node, cst.Subscript):
            for element in node.slice:
                if isinstance(element.slice, cst.Index):
                    yield element.slice.value
            node = node.value
        else:
            yield node
            return
