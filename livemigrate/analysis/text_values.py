"""Whether an expression holds text (a ``str``), read from the code around it.

``session.send(input=X, end_of_turn=True)`` sent X as a user turn when X was a ``str``, and
``send_realtime_input(text=X)`` is its 3.x spelling; for bytes, a blob or a dict it is not. Real
code rarely passes a literal: it passes what ``input()`` returned, a parameter annotated
``str``, a line stripped of its newline. :func:`holds_text` says when the code shows X is text;
it never guesses from a name. :func:`callers_pass_text` is what this module's calls show of a
parameter: every one passes text (another module may pass something else).

:func:`named_text` is the weaker claim a relay's code makes: X is read out of a message the
program received (``event["text"]``, ``msg.get("prompt")``), under a key that names text, or
under any key in the branch where the same message's own tag says it is text (``if
event["type"] == "text": ... event["data"]``). The program's protocol calls it text; nothing
shows its type, so a fix built on it is a guess for the fix-safety policy to weigh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from livemigrate.analysis.bindings import parameter, string_value
from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.server_fields import KEY_GETTERS

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import LiveModel

__all__ = ["holds_text", "named_text"]

# Functions whose result is a str: the console, a text read, a conversion.
_TEXT_FUNCTIONS = frozenset({"input", "str", "repr", "sys.stdin.readline", "sys.stdin.read", "read_text"})
# str methods that return a str (on a str; bytes has most of them too, so the receiver must be
# text already), and the ones only str has (the receiver can be nothing else).
_SAME_TYPE_METHODS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize",
                                "replace", "removeprefix", "removesuffix", "center", "ljust", "rjust",
                                "zfill", "expandtabs", "swapcase"})
_STR_ONLY_METHODS = frozenset({"format", "format_map", "casefold"})
_TEXT_ANNOTATIONS = frozenset({"str", "typing.LiteralString", "LiteralString"})
# Calls that return what the function they are handed returns.
_RUNNERS = frozenset({"asyncio.to_thread", "to_thread", "loop.run_in_executor", "run_in_executor"})
_MAX_DEPTH = 6
# Keys of a received message that name what a user typed or said. An attribute called
# `message` is not among them: it is most often an object (a chat update's message).
_TEXT_KEYS = frozenset({"text", "prompt", "message", "query", "question", "user_text", "input_text", "text_input"})
_TEXT_ATTRIBUTES = _TEXT_KEYS - {"message"}
# Tags that say a message carries text (`{"type": "text", "data": ...}`); a message whose
# type is "message" says nothing of what its payload is.
_TEXT_TAGS = _TEXT_KEYS - {"message"}


def holds_text(live: "LiveModel", node: cst.BaseExpression, depth: int = 0) -> bool:
    """``node`` is a ``str`` as the code shows it: a str literal or f-string, what ``input()``
    or ``sys.stdin.readline()`` returns (also through ``asyncio.to_thread``), ``str(...)``, a
    str method of text (``line.strip()``), ``text or "."``, a name bound only to text or
    annotated ``str``."""
    if depth > _MAX_DEPTH:
        return False
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return not _is_bytes(node)
    if isinstance(node, cst.FormattedString):
        return "b" not in node.start.lower()
    if isinstance(node, cst.Await):
        return holds_text(live, node.expression, depth + 1)
    if isinstance(node, cst.BooleanOperation):
        # `text or "."`: either side is what the expression holds
        return holds_text(live, node.left, depth + 1) and holds_text(live, node.right, depth + 1)
    if isinstance(node, cst.Call):
        return _call_returns_text(live, node, depth)
    if isinstance(node, cst.Name):
        return _name_holds_text(live, node, depth)
    return False


def _call_returns_text(live: "LiveModel", call: cst.Call, depth: int) -> bool:
    name = dotted_name(call.func) or ""
    if name in _TEXT_FUNCTIONS or name.split(".")[-1] == "read_text":
        return True
    if name in _RUNNERS or name.split(".")[-1] in ("to_thread", "run_in_executor"):
        # to_thread(input, "> "), run_in_executor(None, sys.stdin.readline)
        handed = [a.value for a in call.args if a.keyword is None and not a.star]
        if name.split(".")[-1] == "run_in_executor":
            handed = handed[1:]
        return bool(handed) and (dotted_name(handed[0]) or "") in _TEXT_FUNCTIONS
    if isinstance(call.func, cst.Attribute):
        method = call.func.attr.value
        if method in _STR_ONLY_METHODS:
            return True
        if method == "join" and isinstance(call.func.value, (cst.SimpleString, cst.FormattedString)):
            return holds_text(live, call.func.value, depth + 1)
        if method in _SAME_TYPE_METHODS:
            return holds_text(live, call.func.value, depth + 1)
    return False


def _name_holds_text(live: "LiveModel", name: cst.Name, depth: int) -> bool:
    scope, values = live.bindings.resolve_name(name.value, name)
    if values:
        return all(holds_text(live, value, depth + 1) or _annotated_text(live, value) for value in values)
    if isinstance(scope, cst.FunctionDef):
        param = parameter(scope, name.value)
        if param is not None and param.annotation is not None and param.star not in ("*", "**"):
            return (dotted_name(param.annotation.annotation) or "") in _TEXT_ANNOTATIONS
    return False


def _annotated_text(live: "LiveModel", value: cst.BaseExpression) -> bool:
    """``value`` is assigned by ``name: str = value``."""
    statement = live.bindings.parent(value)
    return isinstance(statement, cst.AnnAssign) and (
        dotted_name(statement.annotation.annotation) or "") in _TEXT_ANNOTATIONS


def _is_bytes(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.ConcatenatedString):
        return _is_bytes(node.left)
    assert isinstance(node, cst.SimpleString)
    return "b" in node.prefix.lower()


def callers_pass_text(live: "LiveModel", node: cst.BaseExpression) -> bool:
    """``node`` is a parameter (no annotation, no default) that every call of this module
    passes text (:func:`holds_text`): ``def send_text(self, text)`` called as
    ``bridge.send_text(line)`` with ``line = input("> ").strip()``. Another module may pass
    something else: a claim about this module's calls, not the parameter's type."""
    if not isinstance(node, cst.Name):
        return False
    scope, values = live.bindings.resolve_name(node.value, node)
    if values or not isinstance(scope, cst.FunctionDef):
        return False
    param = parameter(scope, node.value)
    if param is None or param.annotation is not None or param.default is not None or param.star in ("*", "**") \
            or not live.bindings.callers_all_read(scope) or _escapes(live, scope):
        return False
    passed = live.bindings.call_site_arguments(scope, param)
    return bool(passed) and all(holds_text(live, value) for value in passed)


def _escapes(live: "LiveModel", function: cst.FunctionDef) -> bool:
    """``function`` is named here other than as what a call calls (``forward =
    bridge.send_text``, ``mic.on_frame(push)``, ``functools.partial(push, ...)``): the calls of
    what holds it are not seen."""
    name = function.name.value
    for node in live.nodes(cst.Name):
        if node.value != name or node is function.name:
            continue
        parent = live.bindings.parent(node)
        if type(parent) is cst.Attribute and parent.attr is node:
            node, parent = parent, live.bindings.parent(parent)
        if not (type(parent) is cst.Call and parent.func is node):
            return True
    return False


# --- named text ---------------------------------------------------------------------------------
def named_text(live: "LiveModel", node: cst.BaseExpression) -> bool:
    """``node`` is a value read out of a received message that the program's own data calls
    text: ``event["text"]``, ``event.get("prompt")``, ``event.text`` (a key in
    ``_TEXT_KEYS``), or any key of a message read in the branch of an ``if`` / ``elif`` whose
    test says the same message is text (``event.get("type") == "text"``, ``kind == "text"``
    with ``kind = event["type"]``). A guess from names, not a type the code shows."""
    read = _key_read(node)
    if read is None:
        return False
    owner, key = read
    if key in (_TEXT_ATTRIBUTES if isinstance(node, cst.Attribute) else _TEXT_KEYS):
        return True
    return isinstance(owner, cst.Name) and _tagged_text(live, node, owner)


def _key_read(node: cst.BaseExpression) -> tuple[cst.BaseExpression, str] | None:
    """(owner, key) of ``owner["key"]``, ``owner.get("key"[, default])`` (or ``.pop``) or ``owner.key``."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        key = string_value(node.slice[0].slice.value)
        return (node.value, key) if key is not None else None
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in KEY_GETTERS \
            and 1 <= len(node.args) <= 2 and all(a.keyword is None and not a.star for a in node.args):
        key = string_value(node.args[0].value)
        return (node.func.value, key) if key is not None else None
    if isinstance(node, cst.Attribute):
        return node.value, node.attr.value
    return None


def _tagged_text(live: "LiveModel", node: cst.CSTNode, owner: cst.Name) -> bool:
    """``node`` runs only where an ``if`` test compares a key of the same ``owner`` (read
    there, or through a name bound only to such reads) equal to ``"text"``."""
    child: cst.CSTNode = node
    for ancestor in live.bindings.ancestors(node):
        if isinstance(ancestor, cst.If) and ancestor.body is child and _says_text(live, ancestor.test, owner):
            return True
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return False
        child = ancestor
    return False


def _says_text(live: "LiveModel", test: cst.BaseExpression, owner: cst.Name) -> bool:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _says_text(live, test.left, owner) or _says_text(live, test.right, owner)
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.Equal)):
        return False
    left, right = test.left, test.comparisons[0].comparator
    for tag, literal in ((left, right), (right, left)):
        if string_value(literal) in _TEXT_TAGS and _reads_a_key_of(live, tag, owner):
            return True
    return False


def _reads_a_key_of(live: "LiveModel", tag: cst.BaseExpression, owner: cst.Name) -> bool:
    """``tag`` reads a key of ``owner`` (the same name, the same binding), itself or as the
    only value a name is bound to."""
    if isinstance(tag, cst.Name):
        _, values = live.bindings.resolve_name(tag.value, tag)
        return len(values) == 1 and _reads_a_key_of(live, values[0], owner)
    read = _key_read(tag)
    if read is None or not isinstance(read[0], cst.Name) or read[0].value != owner.value:
        return False
    return live.bindings.resolve_name(owner.value, read[0])[0] is live.bindings.resolve_name(owner.value, owner)[0]
