"""Long-lived Gemini API keys in a module: written in the code, or handed out by a server.

A Gemini API key is ``AIza`` and 35 more characters. Written in a string literal (a
``genai.Client(api_key=...)`` argument, a constant, a ``?key=`` in a raw WebSocket URL, an
``os.getenv`` default) it ships with the code. A server that reads its key from the environment
and puts it in a web response (a returned dict, ``jsonify``, ``JSONResponse``, a template
context, a WebSocket message to the browser, a header or cookie of the response) gives every
user of the page the key. Using the
key on the server (``genai.Client(api_key=os.environ[...])``) is what keys are for and is
never reported.

Other Google keys have the same shape and are public by design (Maps, Firebase web config):
names that say so are left alone, and so are made-up keys (``AIzaSyFAKE...`` in a test).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

import libcst as cst

from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.clients import env_name
from livemigrate.analysis.imports import dotted_name

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import LiveModel

__all__ = ["API_KEY_PATTERN", "key_literals", "handed_out_keys", "is_api_key_value"]

API_KEY_PATTERN = re.compile(r"AIza[0-9A-Za-z_\-]{35}")
# Words a made-up key is spelled with (tests, docs); a random key holds one by chance about
# once in 30,000 keys.
_PLACEHOLDER = re.compile(r"fake|dummy|example|sample|placeholder|your|test|xxxx|0000", re.I)
# Google keys meant to sit in a browser (or for another API), by the name that holds them.
_PUBLIC_KEY_NAME = re.compile(r"maps|firebase|places|youtube|recaptcha|oauth|client_?id|geocod|analytics", re.I)
# A name or environment variable that holds the Gemini key: GEMINI_API_KEY, GOOGLE_API_KEY,
# settings.gemini_api_key, GOOGLE_GENAI_API_KEY, GOOGLE_AI_STUDIO_KEY ...
_GEMINI_KEY_NAME = re.compile(r"(gemini|genai|generative|google_?ai|google)\w*?_?(api_?)?key$", re.I)
_GENERIC_KEY_NAME = re.compile(r"^_?api_?key$", re.I)
# Calls that build what a web framework sends to the browser: the response, the template
# context, a message on the browser's WebSocket.
_RESPONSE_CALLS = frozenset({
    "jsonify", "JSONResponse", "JsonResponse", "ORJSONResponse", "UJSONResponse", "HTMLResponse",
    "PlainTextResponse", "Response", "HttpResponse", "make_response", "render_template",
    "render_template_string", "TemplateResponse", "render", "render_to_response", "json_response",
    "send_json", "send_text", "emit", "html", "HTML", "Markdown",
})
# Decorators that make a function a web handler: what it returns goes to the client.
_ROUTE_DECORATORS = frozenset({
    "get", "post", "put", "patch", "delete", "route", "api_route", "websocket", "api_view", "on_request",
    "on_call", "view_config", "endpoint",
})
# Registering a handler by call: app.router.add_get("/key", handler), add_url_rule(..., view_func=f).
_ROUTE_REGISTRARS = frozenset({"add_get", "add_post", "add_route", "add_url_rule", "add_api_route",
                               "add_api_websocket_route", "add_websocket_route"})
# Calls a value passes through unchanged on its way into a response.
_PASS_THROUGH = frozenset({"str", "dict", "dumps", "format", "replace", "join", "encode", "urlencode", "quote",
                           "quote_plus"})
# What builds (or annotates) a response object: its headers and cookies go to the client too.
_RESPONSE_TYPES = _RESPONSE_CALLS | frozenset({
    "StreamResponse", "WebSocketResponse", "StreamingResponse", "RedirectResponse", "FileResponse",
})
# A response's parts beside its body, and the methods that write into them.
_RESPONSE_PARTS = frozenset({"headers", "cookies"})
_PART_WRITERS = frozenset({"update", "setdefault", "add", "append", "extend"})


def key_literals(live: "LiveModel") -> list[cst.CSTNode]:
    """String literals (and f-string text) holding a Gemini API key, outside docstrings and
    outside names that hold another Google key (Maps, Firebase)."""
    found: list[cst.CSTNode] = []
    nodes: list[cst.CSTNode] = [*live.bindings.strings, *live.bindings.fstring_texts]
    for node in nodes:
        text = node.value  # the source text: a key has no escapes, so a search there is exact
        if "AIza" not in text:
            continue
        keys = API_KEY_PATTERN.findall(text)
        if not keys or all(_PLACEHOLDER.search(key) for key in keys):
            continue
        if _is_docstring(live, node) or _held_by_public_name(live, node):
            continue
        found.append(node)
    found.sort(key=live.order_of)
    return found


def _is_docstring(live: "LiveModel", node: cst.CSTNode) -> bool:
    parent = live.parent(node)
    while isinstance(parent, (cst.ConcatenatedString, cst.FormattedString)):
        parent = live.parent(parent)
    return isinstance(parent, cst.Expr)


def _held_by_public_name(live: "LiveModel", node: cst.CSTNode) -> bool:
    """The literal is assigned to, or keyed by, a name that says it is a Maps / Firebase key."""
    for ancestor in live.ancestors(node):
        if isinstance(ancestor, cst.DictElement):
            key = string_value(ancestor.key)
            if key is not None and _PUBLIC_KEY_NAME.search(key):
                return True
        elif isinstance(ancestor, cst.Arg) and ancestor.keyword is not None:
            if _PUBLIC_KEY_NAME.search(ancestor.keyword.value):
                return True
        elif isinstance(ancestor, (cst.Assign, cst.AnnAssign)):
            targets = ancestor.targets if isinstance(ancestor, cst.Assign) else [ancestor]
            return any(_PUBLIC_KEY_NAME.search(dotted_name(t.target) or "") for t in targets)
        elif isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            return False
    return False


def _is_key_name(name: str) -> bool:
    return bool(_GEMINI_KEY_NAME.search(name)) and not _PUBLIC_KEY_NAME.search(name)


def is_api_key_value(live: "LiveModel", value: cst.BaseExpression, depth: int = 0) -> bool:
    """``value`` is the server's Gemini API key: read from the environment
    (``os.environ["GEMINI_API_KEY"]``, ``os.getenv("GOOGLE_API_KEY")``), a setting named for it
    (``settings.gemini_api_key``), a key literal, or a name bound to one of those."""
    if depth > 4:
        return False
    if isinstance(value, cst.Await):
        return is_api_key_value(live, value.expression, depth + 1)
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        text = string_value(value) or ""
        return bool(API_KEY_PATTERN.fullmatch(text)) and not _PLACEHOLDER.search(text)
    env = env_name(value)
    if env is not None:
        return _is_key_name(env)
    if isinstance(value, cst.Name):
        if _PUBLIC_KEY_NAME.search(value.value):
            return False
        values = live.values_of(value)
        if values:
            return any(is_api_key_value(live, v, depth + 1) for v in values)
        # imported (`from config import GEMINI_API_KEY`) or a parameter: the name is all we have
        return _is_key_name(value.value) and not _GENERIC_KEY_NAME.match(value.value)
    if isinstance(value, cst.Attribute):
        name = value.attr.value
        owner = value.value
        if _PUBLIC_KEY_NAME.search(name):
            return False
        if isinstance(owner, cst.Name) and owner.value in ("self", "cls"):
            klass = live.enclosing_class(value)
            values = live.bindings.attributes.get((klass, name), []) if klass is not None else []
            if values:
                return any(is_api_key_value(live, v, depth + 1) for v in values)
        return _is_key_name(name) and not _GENERIC_KEY_NAME.match(name)
    if isinstance(value, cst.BooleanOperation):
        return is_api_key_value(live, value.left, depth + 1) or is_api_key_value(live, value.right, depth + 1)
    if isinstance(value, cst.IfExp):
        return is_api_key_value(live, value.body, depth + 1) or is_api_key_value(live, value.orelse, depth + 1)
    if isinstance(value, cst.Call) and _call_name(value) == "str" and value.args:
        return is_api_key_value(live, value.args[0].value, depth + 1)
    return False


def _call_name(call: cst.Call) -> str:
    return (dotted_name(call.func) or "").split(".")[-1]


def handed_out_keys(live: "LiveModel") -> list[cst.CSTNode]:
    """The API-key values a server puts in what it sends to a client: what a web handler
    returns, the arguments of a response or template call, a message on the browser's
    WebSocket, a response's headers and cookies. Each is the key expression itself
    (``os.environ["GEMINI_API_KEY"]``, a name)."""
    found: dict[int, cst.CSTNode] = {}
    handlers = _web_handlers(live)
    for node in live.nodes(cst.Return, cst.Call):
        if isinstance(node, cst.Return) and node.value is not None:
            function = live.enclosing_function(node)
            if function is not None and id(function) in handlers:
                for key in _carried(live, node.value, 0):
                    found.setdefault(id(key), key)
            elif function is not None:
                # `def create_ephemeral_token(): return {"token": GOOGLE_API_KEY, ...}`: the key
                # passed off as a client's token (its web handler is in another module)
                for value in _given_as_token(live, function, node.value):
                    for key in _carried(live, value, 0):
                        found.setdefault(id(key), key)
        elif isinstance(node, cst.Call) and _call_name(node) in _RESPONSE_CALLS:
            if live.imports.qualify(node.func) is not None:
                continue  # a google-genai name, not a web framework's
            for arg in node.args:
                for key in _carried(live, arg.value, 0):
                    found.setdefault(id(key), key)
    for value in _written_to_response(live):
        for key in _carried(live, value, 0):
            found.setdefault(id(key), key)
    return sorted(found.values(), key=live.order_of)


# What a client's credential is called: a key returned under one of these names, or by a
# function named for a token, is handed to whoever asked for a token.
_TOKEN_KEYS = frozenset({"token", "ephemeral_token", "ephemeralToken", "access_token", "accessToken", "auth_token",
                         "authToken"})


# A function named for what holds or makes tokens (`get_ephemeral_token_manager`) returns that
# object, which keeps the server's key on the server, not a client's token.
_HOLDER_WORDS = ("manager", "client", "service", "factory", "minter", "issuer", "provider")


def _given_as_token(live: "LiveModel", function: cst.FunctionDef,
                    value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What ``return value`` hands out as a client's token: the whole value in a function
    named for an ephemeral token (``get_ephemeral_token``), else a returned dict's token entry
    (a key a function returns under another name may be for its own client)."""
    name = function.name.value.lower()
    if "ephemeral" in name and not any(word in name for word in _HOLDER_WORDS):
        return [value]
    value = live.resolve_value(value)
    if type(value) is not cst.Dict:
        return []
    return [e.value for e in value.elements if type(e) is cst.DictElement and string_value(e.key) in _TOKEN_KEYS]


def _written_to_response(live: "LiveModel") -> Iterator[cst.BaseExpression]:
    """Values a handler puts in a response's headers or cookies: ``response.headers["X"] = v``,
    ``response.headers.update({...})``, ``response.set_cookie("k", v)``."""
    for node in live.nodes(cst.Assign):
        for target in node.targets:
            subscript = target.target
            if isinstance(subscript, cst.Subscript) and _is_response_part(live, subscript.value):
                yield node.value
    for call in live.calls():
        func = call.func
        if not isinstance(func, cst.Attribute):
            continue
        if (func.attr.value in _PART_WRITERS and _is_response_part(live, func.value)) or (
                func.attr.value == "set_cookie" and _is_response(live, func.value)):
            yield from (arg.value for arg in call.args)


def _is_response_part(live: "LiveModel", node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Attribute) and node.attr.value in _RESPONSE_PARTS and _is_response(live, node.value)


def _is_response(live: "LiveModel", node: cst.BaseExpression) -> bool:
    """``node`` is a response to the client: built by a web framework's response call, or a
    handler parameter annotated with a response type (FastAPI's ``response: Response``).
    An HTTP client's session or the incoming request is not."""
    if isinstance(node, cst.Await):
        node = node.expression
    if isinstance(node, cst.Call):
        return _call_name(node) in _RESPONSE_TYPES and live.imports.qualify(node.func) is None
    if not isinstance(node, cst.Name):
        return False
    values = live.values_of(node)
    if values:
        return any(_is_response(live, value) for value in values if isinstance(value, (cst.Call, cst.Await)))
    function = live.enclosing_function(node)
    if function is None:
        return False
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value == node.value and param.annotation is not None:
            annotation = dotted_name(param.annotation.annotation) or ""
            return annotation.split(".")[-1] in _RESPONSE_TYPES
    return False


def _web_handlers(live: "LiveModel") -> set[int]:
    """The functions a web framework calls for a request: decorated as routes, or registered
    with ``add_get`` / ``add_url_rule``."""
    handlers: set[int] = set()
    for node in live.nodes(cst.FunctionDef):
        for decorator in node.decorators:
            target = decorator.decorator
            if isinstance(target, cst.Call):
                target = target.func
            name = (dotted_name(target) or "").split(".")[-1]
            if name in _ROUTE_DECORATORS or "route" in name.lower():
                handlers.add(id(node))
    for name in _ROUTE_REGISTRARS:
        for call in live.calls_to(name):
            for arg in call.args:
                if isinstance(arg.value, (cst.Name, cst.Attribute)):
                    function = _function_named(live, arg.value)
                    if function is not None:
                        handlers.add(id(function))
    return handlers


def _function_named(live: "LiveModel", node: cst.BaseExpression) -> cst.FunctionDef | None:
    """The function of this module ``f`` / ``self.f`` names."""
    if isinstance(node, cst.Name):
        return live.bindings.function_named(node.value, node)
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value in ("self", "cls"):
        return live.bindings.method_of_enclosing_class(node.attr.value, node)
    return None


def _carried(live: "LiveModel", value: cst.BaseExpression, depth: int) -> Iterator[cst.CSTNode]:
    """The API-key values ``value`` carries as it is (not a test of it, a hash, a slice)."""
    if depth > 6:
        return
    if is_api_key_value(live, value):
        yield value
        return
    if isinstance(value, cst.Dict):
        for element in value.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key is None or not _PUBLIC_KEY_NAME.search(key):
                yield from _carried(live, element.value, depth + 1)
    elif isinstance(value, (cst.List, cst.Tuple, cst.Set)):
        for element in value.elements:
            yield from _carried(live, element.value, depth + 1)
    elif isinstance(value, cst.FormattedString):
        for part in value.parts:
            if isinstance(part, cst.FormattedStringExpression):
                yield from _carried(live, part.expression, depth + 1)
    elif isinstance(value, (cst.BooleanOperation,)):
        yield from _carried(live, value.left, depth + 1)
        yield from _carried(live, value.right, depth + 1)
    elif isinstance(value, cst.IfExp):
        yield from _carried(live, value.body, depth + 1)
        yield from _carried(live, value.orelse, depth + 1)
    elif isinstance(value, cst.Await):
        yield from _carried(live, value.expression, depth + 1)
    elif isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        # url + "?key=" + KEY: the key is in the text as it is
        yield from _carried(live, value.left, depth + 1)
        yield from _carried(live, value.right, depth + 1)
    elif isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Modulo) \
            and isinstance(value.left, (cst.SimpleString, cst.ConcatenatedString)):
        yield from _carried(live, value.right, depth + 1)  # "...?key=%s" % KEY
    elif isinstance(value, cst.Call):
        function = live.bindings.callee(value)
        if function is not None:  # a helper of this module: what it returns is handed on
            for returned in live.bindings.returns.get(function, ()):
                yield from _carried(live, returned, depth + 1)
            return
        name = _call_name(value)
        # A response, a model of one (class names are capitalised), or a pass-through call;
        # any other function turns the key into something else (bool, len, hash, mask).
        if name in _RESPONSE_CALLS or name in _PASS_THROUGH or name[:1].isupper():
            if live.imports.qualify(value.func) is not None:
                return  # genai.Client(api_key=...): the key used, not handed out
            for arg in value.args:
                yield from _carried(live, arg.value, depth + 1)
    elif isinstance(value, cst.Name):
        # payload = {"apiKey": KEY}; return payload
        for bound in live.values_of(value):
            if isinstance(bound, (cst.Dict, cst.Call, cst.FormattedString, cst.BinaryOperation)):
                yield from _carried(live, bound, depth + 1)
