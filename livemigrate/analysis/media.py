"""What a realtime-input value is, statically: text, an audio or image blob, a tool response.

Deprecated send paths (``session.send(input=...)``, ``send_realtime_input(media=...)``,
``media_chunks``) are fixed by routing the value to the call for its kind; the kind is only
known when the MIME type or the type of the value is written in the module.
"""

from __future__ import annotations

from typing import Literal

import libcst as cst

from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.server_fields import key_read

__all__ = ["MediaKind", "blob_kind", "guarded_kind", "mime_choices", "mime_of", "narrowed_literal", "MIME_KEYS"]

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
                return None if _bound_in(bindings, scope, name.value, parent.body) else literal  # bound again in the branch
        child = parent
    return None


def _tested_equal(test: cst.BaseExpression, name: str) -> str | None:
    """``x`` of a ``name == "x"`` (or ``"x" == name``) test; for ``name in ["image/jpeg",
    "image/webp"]``, the kind the options share (``"image/*"``), when they share one."""
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    if type(target.operator) is cst.In and type(test.left) is cst.Name and test.left.value == name \
            and type(target.comparator) in (cst.List, cst.Tuple, cst.Set):
        options = [string_value(e.value) for e in target.comparator.elements]  # type: ignore[attr-defined]
        kinds = {o.split("/")[0].strip().lower() for o in options if o is not None}
        return f"{kinds.pop()}/*" if options and None not in options and len(kinds) == 1 else None
    if type(target.operator) is not cst.Equal:
        return None
    left, right = test.left, target.comparator
    if type(left) is cst.Name and left.value == name:
        return string_value(right)
    if type(right) is cst.Name and right.value == name:
        return string_value(left)
    return None


def guarded_kind(name: cst.Name, live, possible: set[MediaKind] | None) -> MediaKind | None:
    """The kind of the blob ``name`` holds where it is read, by the ``if`` around it that tests
    its MIME type (``if msg["mime_type"].startswith("audio/"):`` ... ``else:``): the tested kind
    in the branch where the test says so; in the other branch, the one kind of ``possible``
    (the kinds ``name`` may hold, when known) the test leaves. None when no test decides."""
    bindings = live.bindings
    scope, _ = bindings.resolve_name(name.value, name)
    child: cst.CSTNode = name
    for parent in bindings.ancestors(name):
        kind = type(parent)
        if kind in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
            return None
        branch = None
        if kind is cst.If:
            branch = True if child is parent.body else False if child is parent.orelse else None
        elif kind is cst.Else and isinstance(bindings.parent(parent), cst.If):
            child, parent, branch = parent, bindings.parent(parent), False
        if branch is not None:
            tested = _mime_test(parent.test, name.value)
            if tested is not None and not _bound_in(bindings, scope, name.value, parent):
                tested_kind, says = tested
                if says == branch:
                    return tested_kind
                left = (possible or set()) - {tested_kind}
                return left.pop() if possible and len(left) == 1 else None
        child = parent
    return None


def _bound_in(bindings, scope, name: str, node: cst.CSTNode) -> bool:
    """``name`` (of ``scope``) is written somewhere inside ``node``."""
    return any(any(p is node for p in bindings.ancestors(store.target))
               for store in bindings.name_stores.get((scope, name), ()))


def _mime_test(test: cst.BaseExpression, name: str) -> tuple[MediaKind, bool] | None:
    """(kind, whether the test is true for it) when ``test`` asks whether ``name``'s MIME type
    is of a kind: ``name["mime_type"].startswith("audio/")``, ``"image" in name.mime_type``,
    ``name.get("mime_type") == "audio/pcm"``, or ``not`` one of these."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        inner = _mime_test(test.expression, name)
        return (inner[0], not inner[1]) if inner is not None else None
    literal = None
    if type(test) is cst.Call and type(test.func) is cst.Attribute and test.func.attr.value == "startswith" \
            and len(test.args) == 1 and _reads_mime(test.func.value, name):
        literal = string_value(test.args[0].value)
    elif type(test) is cst.Comparison and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if type(target.operator) is cst.In and _reads_mime(target.comparator, name):
            literal = string_value(test.left)
        elif type(target.operator) is cst.Equal and _reads_mime(test.left, name):
            literal = string_value(target.comparator)
    if not literal:
        return None
    literal = literal.strip().lower()
    if literal.startswith("audio"):
        return "audio", True
    if literal.startswith("image"):
        return "video", True
    return None


def _reads_mime(node: cst.BaseExpression, name: str) -> bool:
    """``name["mime_type"]``, ``name.get("mime_type"[, default])`` (a key read, see
    :func:`~.server_fields.key_read`) or ``name.mime_type``."""
    read = key_read(node) or ((node.value, node.attr.value) if type(node) is cst.Attribute else None)
    return read is not None and type(read[0]) is cst.Name and read[0].value == name and read[1] in MIME_KEYS


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
