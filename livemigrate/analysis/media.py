"""What a realtime-input value is, statically: text, an audio or image blob, a tool response.

Deprecated send paths (``session.send(input=...)``, ``send_realtime_input(media=...)``,
``media_chunks``) are fixed by routing the value to the call for its kind; the kind is only
known when the MIME type or the type of the value is written in the module.
"""

from __future__ import annotations

from typing import Literal

import libcst as cst

from livemigrate.analysis.bindings import string_value

__all__ = ["MediaKind", "blob_kind", "mime_choices", "mime_of", "narrowed_literal", "MIME_KEYS"]

MediaKind = Literal["audio", "video"]
MIME_KEYS = ("mime_type", "mimeType")


def mime_of(node: cst.BaseExpression, live) -> str | None:
    """The literal MIME type of a ``types.Blob(...)`` or ``{"data", "mime_type"}`` value."""
    mime = _mime_argument(live.resolve_value(node), live)
    return _literal(mime, live) if mime is not None else None


def mime_choices(node: cst.BaseExpression, live) -> set[str]:
    """The literal MIME types a blob may carry: its own (:func:`mime_of`), or, when a parameter
    gives it, the parameter's default and what this module's calls pass for it (``def
    send_image(self, data, mime_type="image/jpeg")``), or a ``.get(key, default)``'s default (a
    browser message's MIME type). Another module's calls may pass anything
    else: these are choices seen, not the only ones."""
    mime = _mime_argument(live.resolve_value(node), live)
    if mime is None:
        return set()
    literal = _literal(mime, live)
    if literal is not None:
        return {literal}
    resolved = live.resolve_value(mime)
    if type(resolved) is cst.Call and type(resolved.func) is cst.Attribute and resolved.func.attr.value == "get" \
            and len(resolved.args) == 2:
        # `msg.get("mime", "image/jpeg")`: the sender's choice, this default when it sends none
        default = _literal(resolved.args[1].value, live)
        return {default} if default is not None else set()
    values = live.parameter_values(mime) if isinstance(mime, cst.Name) else None
    return {v for v in (_literal(value, live) for value in values or ()) if v is not None}


def _mime_argument(node: cst.BaseExpression, live) -> cst.BaseExpression | None:
    """The expression a blob's MIME type is written with."""
    if isinstance(node, cst.Call) and live.imports.types_name(node.func) in ("Blob", "BlobDict"):
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in MIME_KEYS:
                return arg.value
        return None
    if isinstance(node, cst.Dict):
        for element in node.elements:
            if isinstance(element, cst.DictElement) and string_value(element.key) in MIME_KEYS:
                return element.value
    return None


def _literal(node: cst.BaseExpression, live) -> str | None:
    if type(node) is cst.Name:
        narrowed = _narrowed(node, live)
        if narrowed is not None:
            return narrowed
    node = live.resolve_value(node)  # a name bound to the literal reads as the literal
    value = string_value(node)
    if value is not None:
        return value
    if isinstance(node, cst.FormattedString):
        # f"audio/pcm;rate={RATE}": the part before the first placeholder names the kind
        first = node.parts[0] if node.parts else None
        if isinstance(first, cst.FormattedStringText):
            return first.value
    return None


def narrowed_literal(node: cst.BaseExpression, live) -> str | None:
    """The literal a name equals where it is read, by the ``if name == "..."`` branch it sits in
    (see :func:`_narrowed`); None for anything else."""
    return _narrowed(node, live) if type(node) is cst.Name else None


def _narrowed(name: cst.Name, live) -> str | None:
    """The literal ``name`` equals where it is read: inside the body of ``if name == "image/jpeg":``
    (or an ``elif``), when the branch does not bind the name again (a relay forwarding each
    chunk with the MIME type it tested: ``{"mime_type": mime_type, "data": ...}``)."""
    bindings = live.bindings
    child: cst.CSTNode = name
    for parent in bindings.ancestors(name):
        kind = type(parent)
        if kind in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
            return None
        if kind is cst.If and child is parent.body:
            literal = _tested_equal(parent.test, name.value)
            if literal is not None:
                scope, _ = bindings.resolve_name(name.value, name)
                for store in bindings.name_stores.get((scope, name.value), ()):
                    if any(p is parent.body for p in bindings.ancestors(store.target)):
                        return None  # bound again in the branch
                return literal
        child = parent
    return None


def _tested_equal(test: cst.BaseExpression, name: str) -> str | None:
    """``x`` of a ``name == "x"`` (or ``"x" == name``) test."""
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    if type(target.operator) is not cst.Equal:
        return None
    left, right = test.left, target.comparator
    if type(left) is cst.Name and left.value == name:
        return string_value(right)
    if type(right) is cst.Name and right.value == name:
        return string_value(left)
    return None


def blob_kind(node: cst.BaseExpression, live) -> MediaKind | None:
    """``audio`` for an audio/* blob, ``video`` for an image/* one, None when unknown."""
    mime = mime_of(node, live)
    if mime is None:
        return None
    mime = mime.strip().lower()
    if mime.startswith("audio/"):
        return "audio"
    if mime.startswith("image/"):
        return "video"
    return None
