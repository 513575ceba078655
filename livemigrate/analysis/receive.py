"""The receive side beyond single fields: parts of a message, loops over them, tests that say
a message has no server content, tool calls read and answered, and the function tools a
session declares.

Plain functions: they take the :class:`~livemigrate.analysis.live_model.LiveModel` (``live``)
where they need to follow names or know what is a Live message.
"""

from __future__ import annotations

from typing import Iterator

import libcst as cst

from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.server_fields import is_model_turn_parts

__all__ = [
    "iterated_parts",
    "is_received_part",
    "says_no_server_content",
    "tool_call_reads",
    "answers_tool_calls",
    "hands_off",
    "declares_function_tools",
]

# Tools the server runs itself: it sends no toolCall for them.
_BUILT_IN_TOOLS = frozenset({"google_search", "google_search_retrieval", "code_execution", "url_context",
                             "google_maps", "enterprise_web_search", "retrieval", "computer_use"})
# What a message handler may hand a tool call to without answering it.
_LOGGERS = frozenset({"print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log",
                      "repr", "str", "len", "format", "dumps", "pprint"})


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def iterated_parts(node: cst.BaseExpression) -> cst.BaseExpression:
    """``parts`` of ``parts or []`` (the usual guard of a loop over parts), else ``node``."""
    if (isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or)
            and isinstance(node.right, (cst.List, cst.Tuple)) and not node.right.elements):
        return node.left
    return node


def is_received_part(live, expr: cst.BaseExpression) -> bool:
    """``expr`` holds one part of a server message's model turn: ``...model_turn.parts[i]``
    (raw ``["modelTurn"]["parts"][i]``), a name bound to one, or the target of a loop over
    the parts (``for part in sc.model_turn.parts or []``)."""
    value = live.resolve_value(expr)
    if isinstance(value, cst.Subscript) and is_model_turn_parts(value.value, live.resolve_value):
        return True
    if not isinstance(expr, cst.Name):
        return False
    for ancestor in live.ancestors(expr):
        if isinstance(ancestor, cst.For) and isinstance(ancestor.target, cst.Name) \
                and ancestor.target.value == expr.value:
            return is_model_turn_parts(iterated_parts(ancestor.iter), live.resolve_value)
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
            break
    return False


def _server_content_of(live, node: cst.BaseExpression, message: str, aliases: dict[str, str]) -> bool:
    """``node`` is the server content of the message spelled ``message``: ``m.server_content``,
    ``getattr(m, "server_content", None)``, raw ``m.get("serverContent")`` / an alias."""
    if isinstance(node, cst.Attribute) and node.attr.value == "server_content":
        return _code(node.value) == message
    if isinstance(node, cst.Name):
        return aliases.get(node.value) == message
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "getattr" \
            and len(node.args) >= 2:
        return string_value(node.args[1].value) == "server_content" and _code(node.args[0].value) == message
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
            and node.args:
        return string_value(node.args[0].value) in ("serverContent", "server_content") \
            and _code(node.func.value) == message
    return False


def says_no_server_content(live, test: cst.BaseExpression, message: str) -> bool | None:
    """What ``if <test>`` says about the message spelled ``message``: True when the test
    holds exactly when the message has no server content (``m.server_content is None``,
    ``not sc``, ``"serverContent" not in m``), False when exactly when it has some
    (``m.server_content``, ``sc is not None``, ``"serverContent" in m``), None otherwise."""
    aliases = live.server_content_aliases()
    negated = False
    while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        negated, test = not negated, test.expression
    if _server_content_of(live, test, message, aliases):
        return negated
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        operator, right = test.comparisons[0].operator, test.comparisons[0].comparator
        if isinstance(right, cst.Name) and right.value == "None" and _server_content_of(live, test.left, message, aliases):
            if isinstance(operator, cst.Is):
                return not negated
            if isinstance(operator, cst.IsNot):
                return negated
        if string_value(test.left) in ("serverContent", "server_content") and _code(right) == message:
            if isinstance(operator, cst.NotIn):
                return not negated
            if isinstance(operator, cst.In):
                return negated
    return None


def tool_call_reads(live) -> Iterator[cst.CSTNode]:
    """Every read of a Live message's tool call: ``m.tool_call``, ``getattr(m, "tool_call")``,
    and in a raw client the ``"toolCall"`` key (``m["toolCall"]``, ``m.get("toolCall")``,
    ``"toolCall" in m``)."""
    raw = live.raw_client or any(c.kind == "raw" for c in live.configs)
    for node in live.nodes(cst.Attribute, cst.Call, cst.SimpleString):
        if isinstance(node, cst.Attribute) and node.attr.value == "tool_call" and live.is_message(node.value):
            yield node
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in ("getattr", "hasattr") \
                and len(node.args) >= 2 and string_value(node.args[1].value) == "tool_call" \
                and live.is_message(node.args[0].value):
            yield node
        elif raw and isinstance(node, cst.SimpleString) and string_value(node) in ("toolCall", "tool_call"):
            above = live.parent(node)
            if isinstance(above, (cst.Index, cst.Comparison)) or (
                    isinstance(above, cst.Arg) and isinstance(live.parent(above), cst.Call)
                    and isinstance(live.parent(above).func, cst.Attribute)
                    and live.parent(above).func.attr.value == "get"):
                yield node


def answers_tool_calls(live) -> bool:
    """The module sends a tool response somewhere: ``send_tool_response(...)``, a
    ``FunctionResponse`` / ``LiveClientToolResponse`` (the deprecated ``send(input=...)``
    path), or a raw ``toolResponse`` frame."""
    if live.calls_to("send_tool_response") or live.tool_response_roots:
        return True
    for call in live.calls():
        name = live.imports.types_name(call.func)
        if name in ("FunctionResponse", "LiveClientToolResponse", "FunctionResponseDict"):
            return True
    return any(string_value(e.key) in ("toolResponse", "tool_response", "functionResponses", "function_responses")
               for d in live.dicts() for e in d.elements if isinstance(e, cst.DictElement))


def hands_off(live, read: cst.CSTNode) -> bool:
    """The tool call (or the message holding it) is handed to code this module cannot see:
    an argument of a call that is not a local function nor a logger, put on a queue, or
    yielded. Whoever gets it may answer it."""
    statement = read
    for ancestor in live.ancestors(read):
        if isinstance(ancestor, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            statement = ancestor
            break
    message = read.value if isinstance(read, cst.Attribute) else None
    candidates = {_code(read)} | ({_code(message)} if message is not None else set())
    scope = live.enclosing_function(read) or statement
    for node in live.walk(scope):
        if isinstance(node, (cst.Yield,)) and node.value is not None and _code(node.value) in candidates:
            return True
        if not isinstance(node, cst.Call):
            continue
        call_code = _code(read)
        passed = [a for a in node.args if _code(a.value) in candidates or _code(a.value).startswith(f"{call_code}.")]
        if not passed:
            continue
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if name in _LOGGERS or name in ("getattr", "hasattr", "isinstance", "bool"):
            continue
        if live.callee(node) is None:
            return True
    return False


def _function_tools(live, value: cst.BaseExpression) -> bool:
    value = live.resolve_value(value)
    if not isinstance(value, (cst.List, cst.Tuple)):
        return True  # built elsewhere: it may hold functions
    for element in value.elements:
        item = live.resolve_value(element.value)
        if isinstance(item, cst.Dict):
            keys = {string_value(e.key) for e in item.elements if isinstance(e, cst.DictElement)}
            if not {k for k in keys if k is not None} <= {*_BUILT_IN_TOOLS, "googleSearch", "codeExecution",
                                                           "urlContext", "googleMaps"}:
                return True
        elif isinstance(item, cst.Call):
            keywords = {a.keyword.value for a in item.args if a.keyword is not None}
            if not keywords or not keywords <= _BUILT_IN_TOOLS:
                return True
        else:
            return True  # a callable or a constant: function declarations
    return False


def declares_function_tools(live, config) -> bool:
    """The Live config declares function tools (the server sends tool calls only for those;
    built-in tools such as Google Search it runs itself)."""
    for entry in live.entries_of(config):
        if entry.path == ("tools",) and _function_tools(live, entry.value):
            return True
        if "function_declarations" in entry.path:
            return True
    return False
