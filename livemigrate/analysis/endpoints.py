"""Raw Live WebSocket endpoints written in a module, and the API version each one names.

A raw client opens
``wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.<version>.GenerativeService.<method>``
itself (live-api-facts.md §7.1): ``<version>`` is ``v1alpha``, ``v1beta`` or ``v1``;
``<method>`` is ``BidiGenerateContent``, or ``BidiGenerateContentConstrained`` for a client
holding an ephemeral token (§2.11).

Real code writes the URL in one string, or assembles it: an f-string
(``f"wss://{HOST}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent?key={key}"``),
adjacent literals split over two lines, ``"wss://" + HOST + "/ws/..."``, or pieces held in
constants (``f"{WS_BASE}.v1alpha.{SERVICE}"``, ``f"...generativelanguage.{API_VERSION}.GenerativeService..."``, a ``str.format`` template
``"...generativelanguage.{version}.GenerativeService...".format(version=API_VERSION)``, also a
template held in a constant and formatted where it is used, ``ENDPOINT.format(version=VERSION)``).
Each URL expression is rendered with the names it uses followed to the strings they are bound
to (a name bound to two strings, ``"v1alpha" if legacy else "v1beta"``, gives one URL per
string), and the endpoint is matched in the whole text. What an endpoint points at is the
string that holds its version: a piece of the URL itself (a fix can rewrite it there), or the
constant the version comes from (changed by hand: it may serve other URLs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from math import prod
from typing import TYPE_CHECKING, Iterator

import libcst as cst

from livemigrate.migration import SERVER_CONTENT_FIELDS
from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.imports import dotted_name

if TYPE_CHECKING:
    from livemigrate.analysis.bindings import Bindings
    from livemigrate.analysis.live_model import LiveModel

__all__ = ["LiveEndpoint", "live_endpoints", "names_other_socket", "raw_socket_service", "speaks_gemini"]

_ENDPOINT = re.compile(r"generativelanguage\.(?P<version>v1(?:alpha|beta)?)\.GenerativeService[./]"
                       r"(?P<method>BidiGenerateContent(?:Constrained)?)")
# Text a piece of a Live URL holds; any other string is not worth rendering.
_URL_WORDS = ("generativelanguage", "GenerativeService", "BidiGenerateContent")
# Stands for a value the module cannot tell (a parameter, a call): no endpoint matches across it.
_UNKNOWN_TEXT = "\x00"
# A URL whose names can each hold several strings is rendered once per combination, up to this.
_MAX_VARIANTS = 8
_MAX_DEPTH = 4


# The methods of the generativelanguage bidi service a raw client can name: Live's
# BidiGenerateContent(Constrained), and others that are not Live (Lyria's BidiGenerateMusic).
_BIDI_METHOD = re.compile(r"\bBidi[A-Z]\w*")
_LIVE_METHODS = frozenset({"BidiGenerateContent", "BidiGenerateContentConstrained"})


def raw_socket_service(source_text: str) -> str | None:
    """What the raw sockets of a module talk to, read from its text: ``"live"`` when it names
    Live's ``BidiGenerateContent`` (or a ``generativelanguage`` host and no bidi method),
    ``"other"`` when every bidi method it names is another service's (``BidiGenerateMusic``):
    its ``setup`` / ``clientContent`` frames are that service's, not Live's. None: no raw
    socket to Google's API is written here."""
    methods = set(_BIDI_METHOD.findall(source_text))
    if methods & _LIVE_METHODS:
        return "live"
    if methods and "generativelanguage" in source_text:
        return "other"
    return "live" if "generativelanguage" in source_text else None


# Text only a URL that reaches Live has: Google AI's and Vertex AI's hosts and services, and the
# bidi method an app's proxy of Live forwards (``/ws/google.cloud.aiplatform...BidiGenerateContent``).
_LIVE_URL_WORDS = ("generativelanguage", "aiplatform", "BidiGenerateContent", "googleapis")


def names_other_socket(url: cst.BaseExpression, bindings: "Bindings") -> bool:
    """``url`` (what a socket is opened with) is written out in full in the module, up to its
    query string, and reaches no Live endpoint: an app's own socket (``f"{WS_BASE}/ws?x={x}"``
    with ``WS_BASE = "ws://127.0.0.1:8000"``). False when any part before the query is a value
    the module cannot tell (a parameter, the environment): that may be Live."""
    variants = _render(_Names(bindings), url, None, 0)  # type: ignore[arg-type]
    for variant in variants:
        text = "".join(piece.text for piece in variant)
        address = re.split(r"[?#]", text, maxsplit=1)[0]
        if not address or _UNKNOWN_TEXT in address or "://" not in address \
                or any(word in text for word in _LIVE_URL_WORDS):
            return False
    return bool(variants)


class _Names:
    """What :func:`_render` asks of a module, answered from its binding index alone."""

    def __init__(self, bindings: "Bindings") -> None:
        self.bindings = bindings

    def values_of(self, name: cst.Name) -> list[cst.BaseExpression]:
        return self.bindings.resolve_name(name.value, name)[1]

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.bindings.parent(node)

    def parameter_values(self, name: cst.Name, *, unresolved: bool = True) -> list[cst.BaseExpression] | None:
        return None  # an app's own socket URL: its parameters may be anything


def speaks_gemini(live: "LiveModel") -> bool:
    """The module is Gemini code: it imports google-genai, names Live's endpoint, names Gemini
    in a string or a name of its code (``"models/gemini-3.1-flash-live-preview"``,
    ``os.environ["GEMINI_API_KEY"]``, ``GeminiLiveClient``; a comment or docstring saying "not
    Gemini Live" does not count), or reads a Live server message in the SDK's shape
    (``msg.server_content.model_turn``, ``sc.model_turn.parts``: only Live messages have them).

    Raw Live frames are plain dicts, and an app's own socket protocol can use the same keys
    (``serverContent``, ``toolCall``, ``clientContent``, a ``setup`` with a ``model``): in a
    module that is not Gemini code, key names alone do not make a Live client."""
    return live.imports.uses_genai or live.raw_service == "live" or _names_gemini(live) or _reads_sdk_messages(live)


def _names_gemini(live: "LiveModel") -> bool:
    b = live.bindings
    if any("gemini" in node.value.lower() and not _in_docstring(live, node) for node in [*b.strings, *b.fstring_texts]):
        return True
    return any(isinstance(node, cst.Name) and "gemini" in node.value.lower() for node in b.nodes_of((cst.Name,)))


def starts_with_text(value: cst.BaseExpression, prefix: str) -> bool:
    """A string literal, or an f-string whose text, starts with ``prefix``."""
    if type(value) is cst.SimpleString:
        return (string_value(value) or "").startswith(prefix)
    if type(value) is cst.FormattedString and value.parts and type(value.parts[0]) is cst.FormattedStringText:
        return value.parts[0].value.startswith(prefix)
    return False


def _reads_sdk_messages(live: "LiveModel") -> bool:
    for node in live.bindings.nodes_of((cst.Attribute,)):
        if not isinstance(node, cst.Attribute) or not isinstance(node.value, cst.Attribute):
            continue
        field, owner = node.attr.value, node.value.attr.value
        if owner == "server_content" and field in SERVER_CONTENT_FIELDS or owner == "model_turn" and field == "parts":
            return True
    return False


@dataclass(frozen=True, eq=False)
class LiveEndpoint:
    """One raw Live endpoint and the version it names."""

    # The string holding the version: a literal (or f-string text) of the URL, or of the
    # constant the version comes from.
    node: cst.CSTNode
    version: str  # v1alpha | v1beta | v1
    method: str  # BidiGenerateContent | BidiGenerateContentConstrained
    # The version is written in the URL itself (a fix can rewrite it in ``node``); False when
    # it comes from a constant, which may serve other URLs.
    literal: bool = True
    # Where the version starts in ``node``'s source text (``node.value``).
    offset: int = 0
    # The name the version was reached through (``API_VERSION``), when not ``literal``.
    via: str | None = None
    # The URL expressions this endpoint is part of (the constant's uses, for a constant).
    sites: tuple[cst.CSTNode, ...] = ()

    @property
    def constrained(self) -> bool:
        """The endpoint of clients holding an ephemeral token."""
        return self.method.endswith("Constrained")

    def with_version(self, version: str) -> cst.CSTNode | None:
        """``node`` naming ``version`` instead (None when the version is not written in the URL)."""
        if not self.literal or not isinstance(self.node, (cst.SimpleString, cst.FormattedStringText)):
            return None
        text = self.node.value
        end = self.offset + len(self.version)
        if text[self.offset:end] != self.version:
            return None
        return self.node.with_changes(value=text[:self.offset] + version + text[end:])


@dataclass(frozen=True)
class _Piece:
    """A run of a rendered URL and the string node it is written in."""

    text: str
    node: cst.CSTNode | None  # None: a value the module cannot tell
    offset: int  # where ``text`` starts in ``node.value``
    via: str | None  # the name it was reached through; None when written in the URL


_UNKNOWN = _Piece(_UNKNOWN_TEXT, None, 0, None)


def live_endpoints(live: "LiveModel") -> list[LiveEndpoint]:
    """Every raw Live endpoint of the module, once per string holding its version, in
    source order."""
    cached = getattr(live, "_live_endpoints", None)
    if cached is None:
        cached = _find(live)
        live._live_endpoints = cached  # type: ignore[attr-defined]
    return cached


def _find(live: "LiveModel") -> list[LiveEndpoint]:
    found: dict[tuple[int, int, str], LiveEndpoint] = {}
    for site in _url_expressions(live):
        for variant in _render(live, site, None, 0):
            text, starts = "", []
            for piece in variant:
                starts.append(len(text))
                text += piece.text
            for match in _ENDPOINT.finditer(text):
                start = match.start("version")
                index = max(i for i, s in enumerate(starts) if s <= start)
                piece = variant[index]
                if piece.node is None:
                    continue
                offset = piece.offset + start - starts[index]
                key = (id(piece.node), offset, match.group("method"))
                known = found.get(key)
                if known is None:
                    found[key] = LiveEndpoint(piece.node, match.group("version"), match.group("method"),
                                              literal=piece.via is None, offset=offset, via=piece.via,
                                              sites=(site,))
                elif all(s is not site for s in known.sites):
                    found[key] = LiveEndpoint(known.node, known.version, known.method, known.literal, known.offset,
                                              known.via, known.sites + (site,))
    return sorted(found.values(), key=lambda e: (live.order_of(e.node), e.offset))


def _url_expressions(live: "LiveModel") -> Iterator[cst.BaseExpression]:
    """The outermost string expressions (a literal, an f-string, adjacent literals, a ``+``
    of strings) holding a piece of a Live URL, each once."""
    seen: set[int] = set()
    for node in [*live.bindings.strings, *live.bindings.fstring_texts]:
        if not any(word in node.value for word in _URL_WORDS) or _in_docstring(live, node):
            continue
        root: cst.CSTNode = node
        while True:
            parent = live.parent(root)
            if isinstance(parent, (cst.ConcatenatedString, cst.FormattedString, cst.FormattedStringExpression)) or (
                    isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add)):
                root = parent
            elif isinstance(parent, cst.Attribute) and _formats(live.parent(parent), parent):
                root = live.parent(parent)  # "...{}.GenerativeService...".format(VERSION)
            else:
                break
        if id(root) not in seen:
            seen.add(id(root))
            yield root  # type: ignore[misc]
            # A template held in a constant is filled where it is formatted (``ENDPOINT.format(
            # version=VERSION)``): alone it names no version, so each such call is a URL too.
            for call in _formats_of(live, root):
                if id(call) not in seen:
                    seen.add(id(call))
                    yield call


def _formats_of(live: "LiveModel", template: cst.CSTNode) -> Iterator[cst.Call]:
    """The ``NAME.format(...)`` calls filling ``template``, when it is what ``NAME`` is assigned."""
    statement = live.parent(template)
    if not (isinstance(statement, (cst.Assign, cst.AnnAssign)) and statement.value is template):
        return
    targets = [t.target for t in statement.targets] if isinstance(statement, cst.Assign) else [statement.target]
    names = {t.value for t in targets if isinstance(t, cst.Name)}
    for call in live.calls_to("format"):
        func = call.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in names \
                and _formats(call, func) and any(value is template for value in live.values_of(func.value)):
            yield call


def _in_docstring(live: "LiveModel", node: cst.CSTNode) -> bool:
    """A URL in a docstring documents the endpoint; nothing connects to it."""
    parent = live.parent(node)
    while isinstance(parent, (cst.ConcatenatedString, cst.FormattedString)):
        parent = live.parent(parent)
    return isinstance(parent, cst.Expr)


def _render(live: "LiveModel", expr: cst.CSTNode, via: str | None, depth: int) -> list[list[_Piece]]:
    """The texts ``expr`` can evaluate to, each as the pieces it is written in."""
    if depth > _MAX_DEPTH:
        return [[_UNKNOWN]]
    if isinstance(expr, cst.SimpleString):
        if "b" in expr.prefix.lower():
            return [[_UNKNOWN]]
        start = len(expr.prefix) + len(expr.quote)
        # The source text, not the value: a URL has no escapes, and a fix edits the source.
        return [[_Piece(expr.value[start:len(expr.value) - len(expr.quote)], expr, start, via)]]
    if isinstance(expr, cst.ConcatenatedString):
        return _join([_render(live, expr.left, via, depth), _render(live, expr.right, via, depth)])
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _join([_render(live, expr.left, via, depth), _render(live, expr.right, via, depth)])
    if isinstance(expr, cst.FormattedString):
        parts: list[list[list[_Piece]]] = []
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                parts.append([[_Piece(part.value, part, 0, via)]])
            elif isinstance(part, cst.FormattedStringExpression) and part.conversion is None \
                    and part.format_spec is None:
                parts.append(_render(live, part.expression, via, depth))
            else:
                parts.append([[_UNKNOWN]])
        return _join(parts)
    if isinstance(expr, cst.Call) and _formats(expr, expr.func):
        return _render_format(live, expr, via, depth)
    if isinstance(expr, cst.IfExp):
        variants = _render(live, expr.body, via, depth + 1) + _render(live, expr.orelse, via, depth + 1)
        return variants if len(variants) <= _MAX_VARIANTS else [[_UNKNOWN]]
    if isinstance(expr, cst.Call) and _env_default(expr) is not None:
        # `os.getenv("LIVE_API_VERSION", "v1alpha")`: the default is what runs unless set
        return _render(live, _env_default(expr), via, depth + 1)
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self" \
            and hasattr(live, "attribute_values"):
        # `self.api_version`, set from the constructor's parameter
        return _render_each(live, [(value, via or expr.attr.value) for value in live.attribute_values(expr)], depth)
    if isinstance(expr, cst.Name):
        values = live.values_of(expr)
        if values:
            return _render_each(live, [(value, via or expr.value) for value in values], depth)
        # a parameter: what the module's calls of its function pass for it (a probe script's
        # `probe("v1alpha", model)`), only from calls known to run it (another object's
        # `rest.endpoint("v1alpha")` is not); a constant passed in is what to change: it names
        # the finding
        passed = live.parameter_values(expr, unresolved=False) or []
        return _render_each(live, [(value, None if isinstance(value, cst.Name) else via or expr.value)
                                   for value in passed], depth)
    return [[_UNKNOWN]]


def _render_each(live: "LiveModel", values: list[tuple[cst.BaseExpression, str | None]],
                 depth: int) -> list[list[_Piece]]:
    """The texts of several values a name may hold, each reached through its name (or none);
    a value the module cannot tell when there are none, or too many."""
    variants: list[list[_Piece]] = []
    for value, name in values:
        variants += _render(live, value, name, depth + 1)
    return variants if variants and len(variants) <= _MAX_VARIANTS else [[_UNKNOWN]]


def _env_default(call: cst.Call) -> cst.BaseExpression | None:
    """The default of ``os.getenv(name, default)`` / ``os.environ.get(name, default)``."""
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in ("getenv", "get") \
            and (dotted_name(func.value) or "") in ("os", "os.environ") and len(call.args) >= 2 \
            and all(a.keyword is None and not a.star for a in call.args[:2]):
        return call.args[1].value
    return None


def _formats(call: cst.CSTNode | None, func: cst.CSTNode) -> bool:
    """``call`` is ``<template>.format(...)`` with ``func`` its ``<template>.format``."""
    return (isinstance(call, cst.Call) and call.func is func and isinstance(func, cst.Attribute)
            and func.attr.value == "format" and all(not arg.star for arg in call.args))


# A replacement field of a str.format template: {}, {0} or {name}, no conversion or spec.
_FIELD = re.compile(r"\{(\w*)\}")


def _render_format(live: "LiveModel", call: cst.Call, via: str | None, depth: int) -> list[list[_Piece]]:
    """The texts of ``template.format(...)``: each template variant with its fields replaced by
    the arguments they name (a field the call does not fill is a value the module cannot tell)."""
    assert isinstance(call.func, cst.Attribute)
    positional = [arg.value for arg in call.args if arg.keyword is None]
    keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    variants: list[list[_Piece]] = []
    for template in _render(live, call.func.value, via, depth + 1):
        parts: list[list[list[_Piece]]] = []
        auto = 0
        for piece in template:
            start = 0
            for field in _FIELD.finditer(piece.text) if piece.node is not None else ():
                if "{{" in piece.text or "}}" in piece.text:
                    break  # escaped braces: offsets would no longer follow the source
                name = field.group(1)
                if name.isdigit() or not name:
                    index = int(name) if name else auto
                    auto += 1
                    value = positional[index] if index < len(positional) else None
                else:
                    value = keywords.get(name)
                parts.append([[_Piece(piece.text[start:field.start()], piece.node, piece.offset + start, piece.via)]])
                # a constant formatted in is named as itself (`API_VERSION`), not the template's name
                inner = None if isinstance(value, cst.Name) else via
                parts.append(_render(live, value, inner, depth + 1) if value is not None else [[_UNKNOWN]])
                start = field.end()
            parts.append([[_Piece(piece.text[start:], piece.node, piece.offset + start, piece.via)]])
        variants += _join(parts)
    return variants if variants and len(variants) <= _MAX_VARIANTS else [[_UNKNOWN]]


def _join(parts: list[list[list[_Piece]]]) -> list[list[_Piece]]:
    """Every concatenation of one variant of each part; when that makes too many, the parts
    with the most variants are taken as unknown first (the written ones stay)."""
    parts = list(parts)
    while prod(len(variants) for variants in parts) > _MAX_VARIANTS:
        widest = max(range(len(parts)), key=lambda i: len(parts[i]))
        parts[widest] = [[_UNKNOWN]]
    return [[piece for variant in combination for piece in variant] for combination in product(*parts)]
