"""Where a raw frame's dict goes: a socket, a mock, or somewhere the module cannot follow.

Raw Live frames are recognised by their top-level key (``{"clientContent": ...}``), and an
app's own socket protocol and its tests use the same keys. Two shapes are no Live frame at
all, however Gemini the module is:

- a dict only sent on sockets the module opens with a URL it writes in full that is not a
  Live endpoint (the app's own ``ws://127.0.0.1:8000/ws``; see
  :func:`~livemigrate.analysis.endpoints.names_other_socket`);
- a dict only handed to a mock (``AsyncMock(side_effect=[msg])``, ``ws.receive_json.return_value
  = msg``) and to its assertions (``send.assert_called_once_with(json.dumps(msg))``): the
  program under test receives it, nothing sends it.

Any other use (a helper it is passed to, a socket whose URL the module cannot tell) keeps the
dict a frame: these are exceptions read where the whole path of the dict is in view.
"""

from __future__ import annotations

from typing import Iterator

import libcst as cst

from livemigrate.analysis.bindings import Bindings
from livemigrate.analysis.endpoints import names_other_socket
from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.syntax import descendants

__all__ = ["never_sent_to_live"]

# Calls a frame is wrapped in on its way to a socket: json.dumps(frame), json.dumps(frame).encode().
_WRAPPERS = ("dumps", "encode")
_SOCKET_SENDS = frozenset({"send", "send_str", "send_text", "send_json", "send_bytes"})
# Keywords and attributes that give a mock what it returns.
_MOCK_VALUES = frozenset({"return_value", "side_effect"})
_CONTAINERS = (cst.List, cst.Tuple, cst.Set, cst.Element, cst.StarredElement)


def never_sent_to_live(frame: cst.Dict, b: Bindings) -> bool:
    """``frame`` (a dict with a Live client key) reaches no Live socket: every use of it is a
    mock's value or a mock assertion (at least one a mock's value), or a send on a socket
    opened with a URL that is not a Live endpoint."""
    kinds = [kind for use in _uses(frame, b) if (kind := _use_kind(use, b)) != "binding"]
    if not kinds or "other" in kinds:
        return False
    if all(kind in ("mocked", "expected") for kind in kinds):
        return "mocked" in kinds
    return all(kind in ("mocked", "expected", "other socket") for kind in kinds)


def _uses(frame: cst.Dict, b: Bindings) -> Iterator[cst.CSTNode]:
    """The dict itself, and when it is what a name is assigned (``msg = {...}``), every read
    of that name that holds it."""
    yield frame
    statement = b.parent(frame)
    if not (isinstance(statement, cst.Assign) and statement.value is frame and len(statement.targets) == 1
            and isinstance(statement.targets[0].target, cst.Name)):
        return
    target = statement.targets[0].target
    where = b.enclosing_function(frame) or b.module
    for node in descendants(where, skip=()):
        if isinstance(node, cst.Name) and node.value == target.value and node is not target \
                and any(value is frame for value in b.resolve_name(node.value, node)[1]):
            yield node


def _use_kind(node: cst.CSTNode, b: Bindings) -> str:
    """binding | mocked | expected | other socket | other."""
    parent = b.parent(node)
    while True:
        if isinstance(parent, _CONTAINERS):
            node, parent = parent, b.parent(parent)
        elif isinstance(parent, cst.Arg) and _wrapper(b.parent(parent)):
            node = b.parent(parent)
            parent = b.parent(node)
        elif isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value == "encode":
            node = b.parent(parent)  # json.dumps(frame).encode()
            parent = b.parent(node)
        else:
            break
    if isinstance(parent, cst.Assign) and parent.value is node:
        targets = [t.target for t in parent.targets]
        if all(isinstance(t, cst.Attribute) and t.attr.value in _MOCK_VALUES for t in targets):
            return "mocked"
        return "binding" if all(isinstance(t, cst.Name) for t in targets) else "other"
    if not isinstance(parent, cst.Arg):
        return "other"
    call = b.parent(parent)
    if not isinstance(call, cst.Call):
        return "other"
    if parent.keyword is not None and parent.keyword.value in _MOCK_VALUES:
        return "mocked"
    func = call.func
    if not isinstance(func, cst.Attribute):
        return "other"
    if func.attr.value.startswith("assert_"):
        return "expected"  # mock.send.assert_called_once_with(json.dumps(frame))
    if func.attr.value in _SOCKET_SENDS:
        url = _socket_url(func.value, call, b)
        if url is not None and names_other_socket(url, b):
            return "other socket"
    return "other"


def _wrapper(call: cst.CSTNode | None) -> bool:
    return isinstance(call, cst.Call) and (dotted_name(call.func) or "").split(".")[-1] in _WRAPPERS


def _socket_url(socket: cst.BaseExpression, at: cst.CSTNode, b: Bindings) -> cst.BaseExpression | None:
    """The URL the socket ``socket`` names was opened with: ``async with websockets.connect(URL)
    as ws`` around ``at``, or ``ws = await websockets.connect(URL)``."""
    if not isinstance(socket, cst.Name):
        return None
    opened: list[cst.BaseExpression] = []
    for ancestor in b.ancestors(at):
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
            break
        if isinstance(ancestor, cst.With):
            opened += [item.item for item in ancestor.items if item.asname is not None
                       and isinstance(item.asname.name, cst.Name) and item.asname.name.value == socket.value]
    opened += b.resolve_name(socket.value, at)[1]
    urls = {id(url): url for value in opened if (url := _connect_url(value)) is not None}
    return next(iter(urls.values())) if len(urls) == 1 and len(opened) >= 1 and all(
        _connect_url(value) is not None for value in opened) else None


def _connect_url(value: cst.BaseExpression) -> cst.BaseExpression | None:
    if isinstance(value, cst.Await):
        value = value.expression
    if not isinstance(value, cst.Call) or (dotted_name(value.func) or "").split(".")[-1] != "connect":
        return None
    for arg in value.args:
        if arg.keyword is None and not arg.star or arg.keyword is not None and arg.keyword.value in ("uri", "url"):
            return arg.value
    return None
