"""Whether an expression holds text (a ``str``), read from the code around it.

``session.send(input=X, end_of_turn=True)`` sent X as a user turn when X was a ``str``, and
``send_realtime_input(text=X)`` is its 3.x spelling; for bytes, a blob or a dict it is not. Real
code rarely passes a literal: it passes what ``input()`` returned, a parameter annotated
``str``, a line stripped of its newline. This module says when the code shows X is text; it
never guesses from a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from livemigrate.analysis.bindings import parameter
from livemigrate.analysis.imports import dotted_name

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import LiveModel

__all__ = ["holds_text"]

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
