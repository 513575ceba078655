"""The receive side beyond single fields: parts of a message, loops over them, tests that say
whether a message has server content (or a tool call, usage metadata, a GoAway), tool calls
read and the code that answers them, and the function tools a session declares.

Plain functions: they take the :class:`~livemigrate.analysis.live_model.LiveModel` (``live``)
where they need to follow names or know what is a Live message.
"""

from __future__ import annotations

from typing import Iterator

import libcst as cst

from livemigrate.analysis.bindings import parameter, string_value
from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.server_fields import (
    KEY_GETTERS,
    AbsentRung,
    FieldDispatch,
    IfChain,
    MatchChain,
    absent_rungs,
    field_dispatches,
    match_chains,
    got_attribute,
    if_chains,
    is_model_turn_parts,
    iterated_parts,
    key_read,
    known_values,
    ladders,
    server_content_names,
)
from livemigrate.migration import to_camel

__all__ = [
    "absent_field_rungs",
    "field_chains",
    "field_dispatch_loops",
    "server_content_bindings",
    "iterated_parts",
    "parts_loop_name",
    "parts_content",
    "content_message",
    "is_model_turn",
    "is_received_part",
    "says_no_server_content",
    "tool_call_reads",
    "answers_tool_calls",
    "is_function_response",
    "legacy_send_input",
    "hands_off",
    "declares_function_tools",
]

# Tools the server runs itself: it sends no toolCall for them.
_BUILT_IN_TOOLS = frozenset({"google_search", "google_search_retrieval", "code_execution", "url_context",
                             "google_maps", "enterprise_web_search", "retrieval", "computer_use"})
# What answers a tool call (see answers_tool_calls).
_RESPONSE_TYPES = frozenset({"FunctionResponse", "LiveClientToolResponse", "FunctionResponseDict"})
_RESPONSE_KEYS = frozenset({"toolResponse", "tool_response", "functionResponses", "function_responses"})
# Queue methods: a tool call put on a queue is answered by whoever takes it off.
_QUEUE_PUTS = frozenset({"put", "put_nowait"})
_QUEUE_GETS = frozenset({"get", "get_nowait"})
# List and set methods: a call collected in a local list stays in the function.
_COLLECTS = frozenset({"append", "extend", "insert", "add"})
# A logger's methods (`log.info(...)`, `logger.warning(...)`).
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
# What a message handler may hand a tool call to without answering it (a notebook's
# `display(Markdown(f"**FunctionCall >** {fc}"))` prints it: measurement 45).
_LOGGERS = LOG_METHODS | {"print", "repr", "str", "len", "format", "dumps", "pprint", "display", "Markdown", "HTML"}
# Builtins that only look at a value (in a log line, a test): they answer nothing.
_INSPECTS = frozenset({"getattr", "hasattr", "isinstance", "bool", "type", "id", "vars", "dir",
                       # copies into a plain container (`dict(fc.args)` kept in a list of calls made)
                       "dict", "list", "tuple", "set", "frozenset", "sorted"})
# Functions that only look at or show a value: handing them a message's field reads nothing else.
LOOKS_ONLY = _LOGGERS | _INSPECTS


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def field_chains(live) -> list[IfChain]:
    """Every decision over fields of one message: ``if``/``elif`` chains, then early-``continue``
    ladders, whose tests read a message's fields, also through names bound to one field
    (``said = getattr(sc, "output_transcription", None)`` ... ``elif said:``)."""
    aliases, bound = live.server_content_aliases(), known_values(live.bindings)
    return [*if_chains(live.nodes(cst.If), live.parent, aliases, bound),
            *ladders(live.nodes(cst.IndentedBlock), live.parent, aliases, bound)]


def field_match_chains(live) -> list[MatchChain]:
    """Every ``match`` over a message whose case patterns read its fields (:class:`MatchChain`)."""
    return match_chains(live.nodes(cst.Match))


def absent_field_rungs(live) -> list[AbsentRung]:
    """Every ``if not <field>: <handle other fields>; continue`` with code after it in a loop
    body (:class:`AbsentRung`), also through names bound to one field."""
    aliases, bound = live.server_content_aliases(), known_values(live.bindings)
    return absent_rungs(live.nodes(cst.IndentedBlock), live.parent, aliases, bound)


def field_dispatch_loops(live) -> list[FieldDispatch]:
    """Every loop over a table of message fields that handles the first one present and
    stops (``for field, handler in HANDLERS.items(): if getattr(m, field) is not None:
    ...; break``), with the field each entry of the table reads."""
    return field_dispatches(live.nodes(cst.For), live.resolve_value, live.server_content_aliases())


def server_content_bindings(live) -> list[tuple[object, str, str]]:
    """``(scope, name, message)`` for every name a function (or the module) binds to a
    message's server content (``sc = msg.server_content``), in source order of the scopes."""
    return server_content_names(live.bindings)


def _enumerated(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """``x`` of ``enumerate(x)`` (also with a start), else None."""
    if (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "enumerate"
            and node.args and node.args[0].keyword is None and not node.args[0].star):
        return node.args[0].value
    return None


def parts_loop_name(target: cst.BaseExpression, iterator: cst.BaseExpression) -> tuple[str, cst.BaseExpression] | None:
    """``(name, iterated)`` of a loop (or comprehension ``for``) whose target names one item of
    what it iterates: ``for part in parts`` gives ``("part", parts)``, ``for i, part in
    enumerate(parts)`` gives ``("part", parts)`` (the index is not the item). ``iterated`` keeps
    its guards (see :func:`iterated_parts`); None for any other target."""
    if isinstance(target, cst.Name):
        return target.value, iterator
    inner = _enumerated(iterator)
    if (inner is not None and isinstance(target, (cst.Tuple, cst.List)) and len(target.elements) == 2
            and all(isinstance(e.value, cst.Name) for e in target.elements)):
        return target.elements[1].value.value, inner  # type: ignore[attr-defined]
    return None


def is_model_turn(live, expr: cst.BaseExpression) -> bool:
    """``expr`` holds a message's model turn: ``G.model_turn``, or a name bound to one
    (``mt = sc.model_turn``, ``if mt := sc.model_turn:``)."""
    return _model_turn_owner(live, expr) is not None


def _model_turn_owner(live, expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """``G`` of ``G.model_turn``, as written where the model turn is taken (through a name
    bound to it), else None."""
    value = live.resolve_value(expr) if isinstance(expr, cst.Name) else expr
    if isinstance(value, cst.NamedExpr):
        value = value.value
    spelled = got_attribute(value)  # .model_turn, getattr(sc, "model_turn", None)
    if spelled is not None and spelled[1] == "model_turn":
        return spelled[0]
    return None


def parts_content(live, iterated: cst.BaseExpression) -> cst.BaseExpression | None:
    """The server content a loop over a model turn's parts reads: ``G`` of ``for part in
    G.model_turn.parts`` (guards and ``enumerate`` aside), also when the model turn has a name
    (``mt = sc.model_turn`` ... ``for part in mt.parts``: ``sc``; ``mt =
    msg.server_content.model_turn``: ``msg.server_content``). ``G`` is the expression as the code
    writes it where it takes the model turn; None for any other iterable."""
    inner = _enumerated(iterated)
    parts = iterated_parts(inner if inner is not None else iterated)
    if isinstance(parts, cst.Attribute) and parts.attr.value == "parts":
        return _model_turn_owner(live, parts.value)
    return None


def content_message(live, content: cst.BaseExpression, depth: int = 0) -> cst.BaseExpression | None:
    """The message whose server content ``content`` is: ``m`` of ``m.server_content`` (or
    ``getattr(m, "server_content", None)``), also through a name bound to one (``sc =
    m.server_content``), or a parameter every call of this module fills with one, all from one
    session (``self._handle(response.server_content)``: the first such message); None otherwise."""
    value = live.resolve_value(content) if isinstance(content, cst.Name) else content
    if type(value) is cst.Name and depth < 2:
        scope, bound = live.bindings.resolve_name(value.value, value)
        param = parameter(scope, value.value) if not bound and type(scope) is cst.FunctionDef else None
        passed = live.bindings.call_site_arguments(scope, param, unresolved=False) if param is not None else []
        messages = [content_message(live, argument, depth + 1) for argument in passed]
        if not messages or any(m is None for m in messages):
            return None
        # callers reading different sessions (a TEXT chat and an AUDIO call): no one message
        return messages[0] if len({id(live.message_origin(m)) for m in messages}) == 1 else None
    if isinstance(value, cst.NamedExpr):
        value = value.value
    if isinstance(value, cst.Attribute) and value.attr.value == "server_content":
        return value.value
    if (isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "getattr"
            and len(value.args) >= 2 and string_value(value.args[1].value) == "server_content"):
        return value.args[0].value
    return None


def _first_of(value: cst.BaseExpression) -> cst.BaseExpression | None:
    """``parts`` of ``next(iter(parts))`` (also with a default), else None."""
    if (isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "next"
            and value.args and isinstance(inner := value.args[0].value, cst.Call)
            and isinstance(inner.func, cst.Name) and inner.func.value == "iter" and len(inner.args) == 1):
        return inner.args[0].value
    return None


def is_received_part(live, expr: cst.BaseExpression) -> bool:
    """``expr`` holds one part of a server message's model turn: ``...model_turn.parts[i]``
    (raw ``["modelTurn"]["parts"][i]``), ``next(iter(...model_turn.parts))``, a name bound to
    one, or the target of a loop or comprehension over the parts (``for part in
    sc.model_turn.parts or []``, ``for i, part in enumerate(...)``, ``" ".join(p.text for p in
    sc.model_turn.parts)``)."""
    value = live.resolve_value(expr)
    if isinstance(value, cst.Subscript) and is_model_turn_parts(value.value, live.resolve_value):
        return True
    first = _first_of(value)
    if first is not None and is_model_turn_parts(first, live.resolve_value):
        return True
    if not isinstance(expr, cst.Name):
        return False
    for ancestor in live.ancestors(expr):
        if isinstance(ancestor, cst.For) and (bound := parts_loop_name(ancestor.target, ancestor.iter)) \
                and bound[0] == expr.value:
            return is_model_turn_parts(iterated_parts(bound[1]), live.resolve_value)
        if isinstance(ancestor, cst.BaseComp):
            # a comprehension: the `for` of it that binds the name
            comp: cst.CompFor | None = ancestor.for_in
            while comp is not None:
                if (bound := parts_loop_name(comp.target, comp.iter)) and bound[0] == expr.value:
                    return is_model_turn_parts(iterated_parts(bound[1]), live.resolve_value)
                comp = comp.inner_for_in
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
            break
    return False


def _field_of(live, node: cst.BaseExpression, message: str, field: str, aliases: dict[str, str],
              follow: bool = True) -> bool:
    """``node`` is the top-level ``field`` of the message spelled ``message``: ``m.<field>``,
    ``getattr(m, "<field>", None)``, raw ``m.get("<camelField>")`` / ``m["<camelField>"]``,
    a walrus or a name bound to one of these (for server content: an alias of it)."""
    keys = (field, to_camel(field))
    if isinstance(node, cst.NamedExpr):
        node = node.value
    if isinstance(node, cst.Attribute) and node.attr.value == field:
        return _code(node.value) == message
    if isinstance(node, cst.Name):
        if field == "server_content":
            return aliases.get(node.value) == message
        value = live.resolve_value(node) if follow else node
        return value is not node and _field_of(live, value, message, field, aliases, follow=False)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "getattr" \
            and len(node.args) >= 2:
        return string_value(node.args[1].value) == field and _code(node.args[0].value) == message
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in KEY_GETTERS \
            and node.args:
        return string_value(node.args[0].value) in keys and _code(node.func.value) == message
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return string_value(node.slice[0].slice.value) in keys and _code(node.value) == message
    return False


def says_no_server_content(live, test: cst.BaseExpression, message: str,
                           field: str = "server_content") -> bool | None:
    """What ``if <test>`` says about the message spelled ``message``: True when the test
    holds exactly when the message has no server content (``m.server_content is None``,
    ``not sc``, ``"serverContent" not in m``), False when exactly when it has some
    (``m.server_content``, ``sc is not None``, ``"serverContent" in m``), None otherwise.
    With ``field``, the same about another top-level field of the message (``tool_call``,
    ``usage_metadata``, ``go_away``: False for ``if m.tool_call:``, ``if "goAway" in m:``,
    ``if tc := m.get("toolCall"):``)."""
    aliases = live.server_content_aliases()
    keys = (field, to_camel(field))
    negated = False
    while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        negated, test = not negated, test.expression
    if _field_of(live, test, message, field, aliases):
        return negated
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        operator, right = test.comparisons[0].operator, test.comparisons[0].comparator
        if isinstance(right, cst.Name) and right.value == "None" and _field_of(live, test.left, message, field, aliases):
            if isinstance(operator, cst.Is):
                return not negated
            if isinstance(operator, cst.IsNot):
                return negated
        if string_value(test.left) in keys and _code(right) == message:
            if isinstance(operator, cst.NotIn):
                return not negated
            if isinstance(operator, cst.In):
                return negated
    return None


def _is_message(live, expr: cst.BaseExpression) -> bool:
    """``expr`` holds a Live server message, as the session flow knows it, or it is the target
    of an ``async for m in <x>.receive():`` loop of a Live module (a session handed in as a
    parameter that the module only ever receives on)."""
    if live.is_message(expr):
        return True
    if not isinstance(expr, cst.Name) or not live.uses_live_api:
        return False
    for ancestor in live.ancestors(expr):
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return False
        if isinstance(ancestor, cst.For) and isinstance(ancestor.target, cst.Name) \
                and ancestor.target.value == expr.value:
            iterator = ancestor.iter
            return (ancestor.asynchronous is not None and isinstance(iterator, cst.Call) and not iterator.args
                    and isinstance(iterator.func, cst.Attribute) and iterator.func.attr.value == "receive")
    return False


def tool_call_reads(live) -> Iterator[cst.CSTNode]:
    """Every read of a Live message's tool call: ``m.tool_call``, ``getattr(m, "tool_call")``,
    and in a raw client the ``"toolCall"`` key (``m["toolCall"]``, ``m.get("toolCall")``,
    ``"toolCall" in m``)."""
    raw = live.raw_client or any(c.kind == "raw" for c in live.configs)
    for node in live.nodes(cst.Attribute, cst.Call, cst.SimpleString):
        kind = type(node)  # exact types (none has a subclass): isinstance through ABCMeta is slow
        if kind is cst.Attribute and node.attr.value == "tool_call" and _is_message(live, node.value):
            yield node
        elif kind is cst.Call and type(node.func) is cst.Name and node.func.value in ("getattr", "hasattr") \
                and len(node.args) >= 2 and string_value(node.args[1].value) == "tool_call" \
                and _is_message(live, node.args[0].value):
            yield node
        elif raw and kind is cst.SimpleString and string_value(node) in ("toolCall", "tool_call"):
            above = live.parent(node)
            if isinstance(above, (cst.Index, cst.Comparison)) or (
                    isinstance(above, cst.Arg) and isinstance(live.parent(above), cst.Call)
                    and isinstance(live.parent(above).func, cst.Attribute)
                    and live.parent(above).func.attr.value in KEY_GETTERS):
                yield node


def misread_tool_calls(live) -> Iterator[cst.CSTNode]:
    """Reads of ``function_calls`` on a Live server message (``response.function_calls``,
    ``hasattr(response, "function_calls")``): the models API's answers carry that field, a Live
    message does not (its calls are in ``tool_call.function_calls``), so the read is always
    empty. One per function, the first; none in a function that reads the tool call itself, or
    that such a function calls (a helper asking for ``function_calls`` beside a loop that reads
    ``tool_call`` misses nothing)."""
    reading = {id(live.enclosing_function(r)) for r in tool_call_reads(live)}
    seen: set[int] = set()
    for node in live.nodes(cst.Attribute, cst.Call):
        if type(node) is cst.Attribute:
            owner = node.value if node.attr.value == "function_calls" else None
        else:
            owner = node.args[0].value if type(node.func) is cst.Name and node.func.value in ("getattr", "hasattr") \
                and len(node.args) >= 2 and string_value(node.args[1].value) == "function_calls" else None
        if owner is None or not _is_message(live, owner):
            continue
        enclosing = live.enclosing_function(node)
        function = id(enclosing)
        if function in seen or _reached_from(live, enclosing, reading):
            continue
        seen.add(function)
        yield node


def _reached_from(live, function, reading: set[int], depth: int = 0) -> bool:
    """``function`` is one of ``reading`` (by id), nested in one, or called (three calls deep at
    most) from code inside one."""
    if function is None:
        return False
    if id(function) in reading or any(id(a) in reading for a in live.ancestors(function) if type(a) is cst.FunctionDef):
        return True
    return depth < 3 and any(_reached_from(live, live.enclosing_function(call), reading, depth + 1)
                             for call in live.callers(function))


def answers_tool_calls(live, read: cst.CSTNode) -> bool:
    """Whether a tool response is sent: ``send_tool_response(...)``, a ``FunctionResponse`` /
    ``LiveClientToolResponse`` (the deprecated ``send(input=...)`` path), or a raw
    ``toolResponse`` frame, for the tool call ``read`` (from :func:`tool_call_reads`) by the
    code that gets that call: the function the read sits in (also after its loop), the local
    functions it calls and the tasks it starts (transitively), the workers draining a queue it
    fills; for a message handler, also the function calling it. Another loop of the module
    that answers does not count."""
    function = live.enclosing_function(read)
    scope = function if function is not None else _top_statement(live, read)
    seen = {id(scope)}
    if _answers_in(live, scope, seen):
        return True
    if function is None or not _is_handler(live, function, read):
        return False
    # A handler's caller may answer once it returns (it builds the responses, the loop sends).
    for call in live.callers(function):
        caller = live.enclosing_function(call) or _top_statement(live, call)
        if id(caller) not in seen:
            seen.add(id(caller))
            if _answers_in(live, caller, seen):
                return True
    return False


def _takes_an_answer(live, function: cst.FunctionDef, klass: cst.ClassDef | None) -> bool:
    """``function`` takes the id of what it answers (``call_id``, ``tool_call_id``, ``id``), or
    is a method of ``klass`` (the class that gets the call) taking the responses it sends on the
    session the object keeps (``send_tool_response(self, responses)`` passing its parameter on
    as ``self.session``'s ``function_responses``)."""
    params = [p.name.value for p in (*function.params.posonly_params, *function.params.params,
                                     *function.params.kwonly_params)]
    if any(name == "id" or name.endswith("_id") for name in params):
        return True
    if klass is None or live.enclosing_class(function) is not klass:
        return False
    return any(type(arg.value) is cst.Name and arg.value.value in params  # type: ignore[attr-defined]
               for call in live.flow.calls_named("send_tool_response") if live.enclosing_function(call.call) is function
               and _on_self(call.call) and live.session_origin(call.call.func.value) is not None  # type: ignore[attr-defined]
               for arg in call.call.args if arg.keyword is None or arg.keyword.value == "function_responses")


def _on_self(call: cst.Call) -> bool:
    """``self.<attribute>.method(...)``."""
    receiver = call.func.value if type(call.func) is cst.Attribute else None  # type: ignore[attr-defined]
    return type(receiver) is cst.Attribute and type(receiver.value) is cst.Name and receiver.value.value == "self"  # type: ignore[attr-defined]


def _carries(value: cst.BaseExpression, spellings: set[str]) -> bool:
    """``value`` is the tool call (one of ``spellings``), a field of it, or an event built around
    it (``{"type": "tool_call", "tool_call": tc}``, a tuple or list holding it, an object built
    with it: ``Event(type="tool_call", call_id=call_id)``, ``fc.args or {}``)."""
    if type(value) in (cst.Dict, cst.List, cst.Tuple):
        return any(_carries(element.value, spellings) for element in value.elements  # type: ignore[attr-defined]
                   if type(element) in (cst.DictElement, cst.Element))
    if type(value) is cst.BooleanOperation:  # `fc.args or {}`
        return _carries(value.left, spellings) or _carries(value.right, spellings)  # type: ignore[attr-defined]
    code = _code(value)
    return code in spellings or any(code.startswith(f"{s}.") for s in spellings)


# Calls that hand an event on to whoever handles it: a list the function returns, a queue, an emitter
_EMITS = frozenset({"append", "put", "put_nowait", "emit", "publish", "dispatch", "send", "send_json", "notify"})


def _event_of(value: cst.BaseExpression, names: set[str]) -> bool:
    """``value`` builds an event from the tool call's fields (``Event(type="tool_call",
    call_id=call_id)``, ``{"id": fc.id, "name": fc.name}``)."""
    if type(value) is cst.Call:
        func = value.func  # type: ignore[attr-defined]
        name = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""
        parts = [a.value for a in value.args] if name not in LOOKS_ONLY else []  # type: ignore[attr-defined]
    elif type(value) is cst.Dict:
        parts = [e.value for e in value.elements if type(e) is cst.DictElement]  # type: ignore[attr-defined]
    else:
        return False
    return any(_carries(part, names) for part in parts)


def _derived(live, scope: cst.CSTNode, spellings: set[str]) -> set[str]:
    """``spellings`` and the names ``scope`` binds to the tool call or a field of it (``for fc in
    tool_call.function_calls``, then ``call_id = fc.id or ""``), to a fixed point."""
    found = set(spellings)
    bindings = [(n.target, n.iter) for n in live.walk(scope) if type(n) is cst.For] + [
        (n.targets[0].target, n.value) for n in live.walk(scope) if type(n) is cst.Assign and len(n.targets) == 1]
    for _ in range(4):
        before = len(found)
        for target, value in bindings:
            if type(target) is cst.Name and target.value not in found and _carries(value, found):
                found.add(target.value)
        if len(found) == before:
            break
    return found


def answers_through_its_api(live, read: cst.CSTNode) -> bool:
    """The module answers tool calls through a public function or method nothing here calls
    that takes the call's id or the responses (its users' API: ``client.send_function_result(
    call_id, result)``, ``session.send_tool_response(responses)``), and the code getting the
    tool call ``read`` passes it on (to a method that stores or emits it, also wrapped in an
    event: ``queue.put({"type": "tool_call", "tool_call": tc})``), not only to a logger: whoever
    learns of the call answers it through that API."""
    senders = {id(c.call) for c in live.flow.calls_named("send_tool_response")}
    klass = live.enclosing_class(read)
    api = [f for f in live.bindings.functions.values()
           if not f.name.value.startswith("_") and not live.callers(f) and _takes_an_answer(live, f, klass)
           and any(id(n) in senders or _sends_tool_response(live, n) for n in live.walk(f, skip=()))]
    if not api:
        return False
    spellings = {_read_spelling(live, read)}
    name = _bound_name(live, _read_expression(live, read))
    if name is not None:
        spellings.add(name)  # `tool_call = response.tool_call`, then handed on
    scope = live.enclosing_function(read) or _top_statement(live, read)
    derived = _derived(live, scope, spellings)  # `for fc in tc.function_calls`, `call_id = fc.id or ""`
    for node in live.walk(scope):
        if type(node) is not cst.Call:
            continue
        func = node.func
        name = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""
        # (a function of this module that gets it is judged as what it is: `hands_off` follows it)
        if name in LOOKS_ONLY or live.callee(node) is not None:
            continue
        if any(_carries(a.value, spellings) for a in node.args):
            return True
        # an event built from its fields, handed on (`results.append(Event(call_id=call_id))`)
        if name in _EMITS and any(_event_of(a.value, derived) for a in node.args):
            return True
    return False


def is_function_response(live, node: cst.BaseExpression, depth: int = 0) -> bool:
    """``node`` holds what the SDK sends as a tool response: ``FunctionResponse(...)`` or its
    dict spelling (``{"name": ..., "response": ..., "id": ...}``), a list, tuple or
    comprehension of them, or a name bound to one, also to an empty list the code then appends
    them to (``responses = []``, ``responses.append({...})``)."""
    if depth > 4:
        return False
    resolved = live.resolve_value(node)
    if isinstance(resolved, (cst.List, cst.Tuple)):
        items = [e.value for e in resolved.elements if isinstance(e, cst.Element)]
        if not items and isinstance(node, cst.Name):
            items = live.appended_to(node)
        return bool(items) and all(is_function_response(live, item, depth + 1) for item in items)
    if isinstance(resolved, cst.ListComp):
        return is_function_response(live, resolved.elt, depth + 1)
    if isinstance(resolved, cst.Call):
        return live.imports.types_name(resolved.func) in ("FunctionResponse", "FunctionResponseDict")
    if isinstance(resolved, cst.Dict):
        keys = {string_value(e.key) for e in resolved.elements if isinstance(e, cst.DictElement)}
        return {"name", "response"} <= keys
    return False


def legacy_send_input(call: cst.Call) -> cst.Arg | None:
    """The argument the deprecated ``<session>.send(...)`` sends: its ``input=``, else its first
    positional argument."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "input":
            return arg
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[0] if positional else None


def _read_spelling(live, read: cst.CSTNode) -> str:
    """How the code spells the tool call it reads: ``msg.tool_call``, also for
    ``getattr(msg, "tool_call", None)`` / ``hasattr(msg, "tool_call")`` (later code reads
    ``msg.tool_call.function_calls``)."""
    expression = _read_expression(live, read)
    if type(expression) is cst.Call and type(expression.func) is cst.Name \
            and expression.func.value in ("getattr", "hasattr") and len(expression.args) >= 2:
        return f"{_code(expression.args[0].value)}.{string_value(expression.args[1].value)}"
    return _code(expression)


def _sends_tool_response(live, node: cst.CSTNode) -> bool:
    """``node`` sends or builds a tool response (see :func:`answers_tool_calls`)."""
    kind = type(node)  # asked of every node of a scope: exact types, not isinstance through ABCMeta
    if kind is cst.Call:
        if type(node.func) is cst.Attribute and node.func.attr.value == "send_tool_response":
            return True
        if type(node.func) is cst.Attribute and node.func.attr.value == "send":
            # the deprecated send(...) of a list of function-response dicts (an old SDK's
            # `session.send(function_responses)`) answers as well
            sent = legacy_send_input(node)
            if sent is not None and is_function_response(live, sent.value):
                return True
        return live.imports.types_name(node.func) in _RESPONSE_TYPES
    if kind is cst.Dict:
        return any(string_value(e.key) in _RESPONSE_KEYS for e in node.elements if isinstance(e, cst.DictElement))
    return False


def _answers_in(live, scope: cst.CSTNode, seen: set[int]) -> bool:
    """Code under ``scope`` (functions defined in it included) sends a tool response, itself
    or through the local functions it runs and the workers draining the queues it fills."""
    for node in live.walk(scope, skip=()):
        if _sends_tool_response(live, node):
            return True
        if type(node) is not cst.Call:
            continue
        for target in _runs(live, node):
            if id(target) not in seen:
                seen.add(id(target))
                if _answers_in(live, target, seen):
                    return True
    return False


def _runs(live, call: cst.Call) -> list[cst.FunctionDef]:
    """The local functions ``call`` runs (or hands on by name: ``to_thread(f, ...)``), and
    the functions draining the queue it puts on."""
    found = [f for f in [live.callee(call) or _dispatched_function(live, call)] if f is not None]
    for arg in call.args:
        target = _function_named(live, arg.value)
        if target is not None:
            found.append(target)
    if isinstance(call.func, cst.Attribute) and call.func.attr.value in _QUEUE_PUTS:
        found.extend(_drainers(live, call.func.value))
    return found


def _function_named(live, expr: cst.BaseExpression) -> cst.FunctionDef | None:
    """The local function a bare reference names: ``f`` or ``self.m``."""
    if isinstance(expr, cst.Name):
        return live.bindings.function_named(expr.value, expr)
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value in ("self", "cls"):
        return live.bindings.method_of_enclosing_class(expr.attr.value, expr)
    return None


def _dispatched_function(live, call: cst.Call) -> cst.FunctionDef | None:
    """The local function a call through a handlers dict runs: ``self.handlers["tool"](call)``
    (or ``HANDLERS["tool"](...)``) where the dict is one literal of this module (``self.handlers``
    assigned once in the class, a name bound once) whose ``"tool"`` entry names a local
    function or method. None for a key the module cannot read (``handlers[kind]``)."""
    func = call.func
    if not (isinstance(func, cst.Subscript) and len(func.slice) == 1 and isinstance(func.slice[0].slice, cst.Index)):
        return None
    key = string_value(func.slice[0].slice.value)
    owner = func.value
    if key is None:
        return None
    if isinstance(owner, cst.Attribute) and isinstance(owner.value, cst.Name) and owner.value.value == "self":
        klass = live.enclosing_class(owner)
        values = live.bindings.attributes.get((klass, owner.attr.value), []) if klass is not None else []
        table = values[0] if len(values) == 1 else None
    else:
        table = live.resolve_value(owner)
    if not isinstance(table, cst.Dict):
        return None
    for element in table.elements:
        if isinstance(element, cst.DictElement) and string_value(element.key) == key:
            return _function_named(live, element.value)
    return None


def _drainers(live, queue: cst.BaseExpression) -> list[cst.FunctionDef]:
    """The functions that take items off ``queue`` (``q.get()``, ``q.get_nowait()``) when the
    module can tell it is the same queue: ``self.q`` in the same class, a module-level name,
    a name of the same function, or a queue that function creates and hands to local functions
    (``create_task(worker(q))``: ``worker`` drains its parameter). Empty when no such code is here."""
    spelled = _code(queue)
    handed = _handed_drainers(live, queue) if isinstance(queue, cst.Name) else []
    if isinstance(queue, cst.Name):
        # a queue this function gets as a parameter: the workers of the queue its callers
        # create and hand to it (`read_replies(ws, defects)` beside `file_defects(defects)`)
        here = live.enclosing_function(queue)
        for passed in live.parameter_values(queue, unresolved=False) or ():
            if isinstance(passed, cst.Name) and here is not None:
                handed += _handed_drainers(live, passed, producer=here)
    if isinstance(queue, cst.Attribute) and isinstance(queue.value, cst.Name) and queue.value.value == "self":
        klass = live.enclosing_class(queue)

        def same(get: cst.Call) -> bool:
            return live.enclosing_class(get) is klass
    elif isinstance(queue, cst.Name):
        here = live.enclosing_function(queue)
        module_level = any(live.enclosing_function(v) is None for v in live.values_of(queue))

        def same(get: cst.Call) -> bool:
            return module_level or live.enclosing_function(get) is here
    else:
        return []
    found = []
    for name in sorted(_QUEUE_GETS):
        for get in live.calls_to(name):
            if (isinstance(get.func, cst.Attribute) and _code(get.func.value) == spelled
                    and all(a.keyword is not None for a in get.args) and same(get)):
                function = live.enclosing_function(get)
                if function is not None and _returns_it(live, get):
                    # a getter (`return await self.events.get()`): whoever calls it drains the
                    # queue; none here, its users elsewhere do
                    found += [f for c in live.callers(function) if (f := live.enclosing_function(c)) is not None]
                elif function is not None:
                    found.append(function)
    return found + handed


def _returns_it(live, get: cst.Call) -> bool:
    """``get`` (a queue's ``get()``) is what its function returns: ``return await q.get()``."""
    above = live.parent(get)
    if type(above) is cst.Await:
        above = live.parent(above)
    return type(above) is cst.Return


def _handed_drainers(live, queue: cst.Name, producer: cst.FunctionDef | None = None) -> list[cst.FunctionDef]:
    """The local functions a queue created in this function (``q = asyncio.Queue()``) is
    passed to that drain it as their parameter (``async def worker(q): ... await q.get()``).
    Empty when the queue goes anywhere else too (code elsewhere, a container, a function that
    only passes it on): whoever gets it there may answer what it carries. ``producer``, the
    function putting the items asked about, is where the queue may go besides."""
    here = live.enclosing_function(queue)
    values = live.values_of(queue)
    if here is None or not values or not all(
            live.enclosing_function(v) is here and isinstance(v, cst.Call)
            and (dotted_name(v.func) or "").endswith("Queue") for v in values):
        return []
    found: list[cst.FunctionDef] = []
    for node in live.walk(here, skip=()):
        if not (isinstance(node, cst.Name) and node.value == queue.value):
            continue
        above = live.parent(node)
        if isinstance(above, cst.Attribute) and (above.attr is node or above.value is node):
            continue  # `x.q` is another name; `q.put(...)` / `q.get()` use the queue here
        if isinstance(above, cst.Arg) and above.keyword is node:
            continue  # `worker(q=...)`: the keyword, not the queue
        if isinstance(above, (cst.AssignTarget, cst.AnnAssign, cst.Param)):
            continue  # where it is created
        drainer = _draining_parameter(live, node, above)
        if drainer is None:
            call = live.parent(above) if isinstance(above, cst.Arg) else None
            if producer is not None and isinstance(call, cst.Call) and live.callee(call) is producer:
                continue  # the producer itself
            return []
        found.append(drainer)
    return found


def _draining_parameter(live, queue: cst.Name, above: cst.CSTNode | None) -> cst.FunctionDef | None:
    """The local function ``queue`` is an argument of (``worker(q)``, ``worker(queue=q)``)
    when it takes items off the parameter the queue is bound to."""
    call = live.parent(above) if isinstance(above, cst.Arg) and not above.star else None
    function = live.callee(call) if isinstance(call, cst.Call) else None
    if function is None:
        return None
    if above.keyword is not None:
        name = above.keyword.value
    else:
        params = [*function.params.posonly_params, *function.params.params]
        if params and params[0].name.value in ("self", "cls") and isinstance(call.func, cst.Attribute):
            params = params[1:]
        positional = [a for a in call.args if a.keyword is None and not a.star]
        at = next(i for i, a in enumerate(positional) if a is above)
        if at >= len(params):
            return None
        name = params[at].name.value
    for method in sorted(_QUEUE_GETS):
        for get in live.calls_to(method):
            if (isinstance(get.func, cst.Attribute) and isinstance(get.func.value, cst.Name)
                    and get.func.value.value == name and all(a.keyword is not None for a in get.args)
                    and live.enclosing_function(get) is function):
                return function
    return None


def _top_statement(live, node: cst.CSTNode) -> cst.CSTNode:
    """The module-level statement holding ``node``."""
    top = node
    for ancestor in live.ancestors(node):
        if isinstance(ancestor, cst.Module):
            break
        top = ancestor
    return top


def _message_of(live, read: cst.CSTNode) -> cst.BaseExpression | None:
    """The message a tool call ``read`` is read from: ``m`` of ``m.tool_call``,
    ``getattr(m, "tool_call")``, ``m["toolCall"]``, ``m.get("toolCall")``, ``"toolCall" in m``."""
    if isinstance(read, cst.Attribute):
        return read.value
    if isinstance(read, cst.Call):
        return read.args[0].value
    above = live.parent(read)
    if isinstance(above, cst.Comparison):
        return above.comparisons[0].comparator
    if isinstance(above, cst.Index):
        subscript = live.parent(live.parent(above))
        return subscript.value if isinstance(subscript, cst.Subscript) else None
    if isinstance(above, cst.Arg):
        call = live.parent(above)
        return call.func.value if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) else None
    return None


def _read_expression(live, read: cst.CSTNode) -> cst.CSTNode:
    """The whole expression a tool call is read by (``m.get("toolCall")`` for its key)."""
    if not isinstance(read, cst.SimpleString):
        return read
    above = live.parent(read)
    if isinstance(above, cst.Index):
        return live.parent(live.parent(above)) or read
    if isinstance(above, cst.Arg):
        return live.parent(above) or read
    return read


def _read_chain(live, expression: cst.CSTNode) -> cst.CSTNode:
    """The longest chain of reads starting at ``expression``: ``m.tool_call.function_calls``,
    ``m.get("toolCall", {}).get("functionCalls", [])``, ``m["toolCall"]["functionCalls"]``
    (what a name bound to it holds is still the tool call)."""
    while True:
        above = live.parent(expression)
        if isinstance(above, cst.Attribute) and above.value is expression:
            call = live.parent(above)
            if isinstance(call, cst.Call) and call.func is above:
                if above.attr.value not in KEY_GETTERS:
                    return expression
                expression = call
            else:
                expression = above
        elif isinstance(above, cst.Subscript) and above.value is expression:
            expression = above
        else:
            return expression


def _local_name(live, expr: cst.BaseExpression) -> bool:
    """``expr`` is a name the function it is read in assigns (not a parameter, not global)."""
    here = live.enclosing_function(expr)
    return (isinstance(expr, cst.Name) and here is not None and bool(live.values_of(expr))
            and all(live.enclosing_function(v) is here for v in live.values_of(expr)))


def _is_handler(live, function: cst.FunctionDef, read: cst.CSTNode) -> bool:
    """``function`` gets the message it reads the tool call from as a parameter."""
    if live.handles_message(function):
        return True
    message = _message_of(live, read)
    params = function.params
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    return isinstance(message, cst.Name) and message.value in names


def hands_off(live, read: cst.CSTNode) -> bool:
    """The tool call (or the message holding it, or a name bound to it) is handed to code
    this module cannot see: an argument of a call that is not a local function nor a logger,
    put on a queue nothing here drains, yielded, or returned by a function nothing here calls.
    Whoever gets it may answer it."""
    statement = read
    for ancestor in live.ancestors(read):
        if isinstance(ancestor, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            statement = ancestor
            break
    expression = _read_expression(live, read)
    spelled = _read_spelling(live, read)
    message = _message_of(live, read)
    candidates = {_code(expression), spelled} | ({_code(message)} if message is not None else set())
    name = _bound_name(live, expression)
    if name is not None:
        candidates.add(name)
    return _hands_off_in(live, live.enclosing_function(read) or statement, candidates, spelled, 0)


def _bound_name(live, expression: cst.BaseExpression) -> str | None:
    """The name the read ``expression`` is bound to (``tool_call = response.tool_call``, ``if tc :=
    msg.tool_call:``), if any."""
    bound = live.parent(_read_chain(live, expression))
    if isinstance(bound, cst.NamedExpr) and isinstance(bound.target, cst.Name):
        return bound.target.value
    if isinstance(bound, cst.Assign) and len(bound.targets) == 1 and isinstance(bound.targets[0].target, cst.Name):
        return bound.targets[0].target.value
    return None


def _hands_off_in(live, scope: cst.CSTNode, candidates: set[str], call_code: str, depth: int) -> bool:
    """:func:`hands_off` within ``scope``, for the tool call spelled ``call_code`` (or any of
    ``candidates``); a local function it is passed to is followed (``self._handle_tool_calls(
    response.tool_call)`` handing each call to a framework's channel), two calls deep."""
    # `for fc in <the tool call>.function_calls:` — each call handed on (or its fields) hands
    # the tool call on too
    calls = {target.value for node in live.walk(scope)
             if isinstance(node, cst.For) and isinstance(target := node.target, cst.Name)
             and _iterates_a_call(live, node.iter, candidates, call_code)}

    def handed(value: cst.BaseExpression) -> bool:
        code = _code(value)
        return code in candidates or code.startswith((f"{call_code}.", f"{call_code}["))

    def mentions_a_call(value: cst.BaseExpression) -> bool:
        # a call's arguments alone (`rag(fc.args["query"])`) run the tool: whoever gets them
        # has neither the call's id nor its name to answer with
        return bool(calls) and any(isinstance(n, cst.Name) and n.value in calls | carriers
                                   and not _reads_only_args(live, n) for n in live.walk(value))

    # names bound to what is built from a call's fields (`data = {"id": call.id, "name": call.name}`):
    # sending `json.dumps(data)` to the browser hands the call on
    carriers: set[str] = set()
    if calls:
        for node in live.walk(scope):
            if type(node) is cst.Assign and len(node.targets) == 1 and type(node.targets[0].target) is cst.Name \
                    and type(node.value) in (cst.Dict, cst.Call) and mentions_a_call(node.value):
                carriers.add(node.targets[0].target.value)
        # ... and a list such events are appended to, when they carry the call's id to answer
        # with (`client_calls.append({"id": fc.id, ...})`, then `events.put({"toolCall":
        # {"functionCalls": client_calls}})` for the browser; not a record of the calls made,
        # `made.append({"name": fc.name, "args": dict(fc.args)})`)
        for node in live.walk(scope):
            if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in ("append", "extend") \
                    and type(node.func.value) is cst.Name and any(
                        type(a.value) in (cst.Dict, cst.Call) and mentions_a_call(a.value) and _reads_an_id(live, a.value, calls)
                        for a in node.args):
                carriers.add(node.func.value.value)

    # returned by a helper no code here calls (`return msg["toolCall"]["functionCalls"]` in a
    # parsing module): its users may answer it (a caller here is judged as a handler's is)
    returns_away = type(scope) is cst.FunctionDef and not live.callers(scope)
    # kept on the object a wrapper's constructor builds (`self.tool_call = raw.tool_call if
    # raw.tool_call else None` in `GeminiResponse.__init__`): whoever builds it gets the call
    wraps = type(scope) is cst.FunctionDef and scope.name.value == "__init__"
    for node in live.walk(scope):
        if (type(node) is cst.Yield or type(node) is cst.Return and returns_away) and node.value is not None and (
                handed(node.value) or mentions_a_call(node.value)):
            return True
        if wraps and type(node) is cst.Assign and len(node.targets) == 1 \
                and type(target := node.targets[0].target) is cst.Attribute \
                and type(target.value) is cst.Name and target.value.value == "self" \
                and any(handed(v) for v in ((node.value.body, node.value.orelse) if type(node.value) is cst.IfExp
                                            else (node.value,))):
            # built nowhere here: its users get the call; built here: the code building it
            # answers (or not)
            klass = live.enclosing_class(scope)
            built = [c for c in live.bindings.calls_by_name.get(klass.name.value, ()) if type(c.func) is cst.Name] \
                if klass is not None else []
            return not built or any(answers_tool_calls(live, call) for call in built)
        if not isinstance(node, cst.Call):
            continue
        func = node.func
        method = func.attr.value if isinstance(func, cst.Attribute) else ""
        # a call's fields put in a list (`notes.append(fc.args)`) are kept, not answered
        passed = [a for a in node.args if handed(a.value)
                  or (method not in _COLLECTS and mentions_a_call(a.value))]
        if not passed:
            continue
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if name in _LOGGERS or name in _INSPECTS:
            continue
        if name in _RESPONSE_TYPES or isinstance(func, cst.Attribute) and live.session_origin(func.value) is not None:
            continue  # the call's answer built, or something sent on the session: answering, judged elsewhere
        if name in _QUEUE_PUTS and isinstance(func, cst.Attribute) and _drainers(live, func.value):
            continue  # drained here: answers_tool_calls judges the workers
        if name in _COLLECTS and isinstance(func, cst.Attribute) and _local_name(live, func.value):
            continue  # collected in a local list: this function is what may answer
        callee = live.callee(node) or _dispatched_function(live, node)
        if callee is None:
            return True
        if depth < 2 and callee is not scope:
            for arg in passed:
                param = _parameter_for(callee, node, arg)
                if param is not None and _hands_off_in(live, callee, {param}, param, depth + 1):
                    return True
    return False


def _reads_an_id(live, value: cst.BaseExpression, calls: set[str]) -> bool:
    """``value`` reads a call's ``id`` (``fc.id``, ``fc["id"]``, ``fc.get("id")``)."""
    for n in live.walk(value):
        if isinstance(n, cst.Name) and n.value in calls:
            above = live.parent(n)
            for node in (above, live.parent(above) if above is not None else None):
                spelled = (got_attribute(node) or key_read(node)) if node is not None else None
                if spelled is not None and spelled[0] is n and spelled[1] == "id":
                    return True
    return False


def _reads_only_args(live, call: cst.Name) -> bool:
    """``call`` (a function call's name) is read for its ``args`` here: ``fc.args``,
    ``fc["args"]``, ``fc.get("args")``, ``getattr(fc, "args")``."""
    above = live.parent(call)
    # `fc.args` / `fc["args"]` read on the parent; `fc.get("args")` / `getattr(fc, "args")` on
    # the call around it
    for node in (above, live.parent(above) if above is not None else None):
        spelled = (got_attribute(node) or key_read(node)) if node is not None else None
        if spelled is not None and spelled[0] is call:
            return spelled[1] == "args"
    return False


def _parameter_for(function: cst.FunctionDef, call: cst.Call, arg: cst.Arg) -> str | None:
    """The name of ``function``'s parameter that ``arg`` of ``call`` fills (``self`` skipped
    for a method called on ``self``)."""
    if arg.star:
        return None
    if arg.keyword is not None:
        return arg.keyword.value if parameter(function, arg.keyword.value) is not None else None
    positional = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]
    if positional and positional[0] in ("self", "cls") and isinstance(call.func, cst.Attribute):
        positional = positional[1:]
    before = list(call.args)[:list(call.args).index(arg)]
    if any(a.star for a in before):
        return None  # after `*args`: which parameter it fills is not known
    index = len([a for a in before if a.keyword is None])
    return positional[index] if index < len(positional) else None


def _iterates_a_call(live, iterated: cst.BaseExpression, candidates: set[str], call_code: str) -> bool:
    """A loop over ``iterated`` walks the tool call's function calls: a read off it
    (``tc.function_calls``, raw ``tc.get("functionCalls", [])``, with their guards), also
    through a name bound to one first (``calls = tc.get("functionCalls", [])``, ``for fc in
    calls:``)."""
    for value in (iterated, live.resolve_value(iterated_parts(iterated))):
        if _code(iterated_parts(value)).startswith(f"{call_code}.") or _iterates_calls_of(value, candidates):
            return True
        keyed = key_read(iterated_parts(value))
        if keyed is not None and keyed[1] in ("functionCalls", "function_calls") and _code(keyed[0]) in candidates:
            return True
    return False


def _iterates_calls_of(iterated: cst.BaseExpression, owners: set[str]) -> bool:
    """``iterated`` is the function calls of a tool call spelled in ``owners``, with its guard:
    ``tc.function_calls or []``, ``getattr(tc, "function_calls", None) or []``."""
    spelled = got_attribute(iterated_parts(iterated))
    return spelled is not None and spelled[1] == "function_calls" and _code(spelled[0]) in owners


def _function_tools(live, value: cst.BaseExpression, depth: int = 0) -> bool:
    if type(value) is cst.Attribute and type(value.value) is cst.Name and value.value.value == "self" and depth < 3:
        # `self.tools`: `[]` in `__init__`, set from a parameter of a method no file of the run
        # calls (`register_tools(self, tools)`): never more than the empty list
        held = live.attribute_values(value)
        if held:
            return any(_function_tools(live, one, depth + 1) for one in held if _ever_set(live, one))
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


def _ever_set(live, value: cst.BaseExpression) -> bool:
    """``value`` (one value an attribute is given) can reach it: not a parameter of a method
    that no file of the run names but where it is defined (``ModuleFacts.unused_methods``)."""
    if type(value) is not cst.Name or live.facts is None or not live.facts.unused_methods:
        return True
    scope, bound = live.bindings.resolve_name(value.value, value)
    return bool(bound) or type(scope) is not cst.FunctionDef or parameter(scope, value.value) is None \
        or scope.name.value not in live.facts.unused_methods


def declares_function_tools(live, config) -> bool:
    """The Live config declares function tools (the server sends tool calls only for those;
    built-in tools such as Google Search it runs itself)."""
    for entry in live.entries_of(config):
        if entry.path == ("tools",) and _function_tools(live, entry.value):
            return True
        if "function_declarations" in entry.path:
            return True
    return False
