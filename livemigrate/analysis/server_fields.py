"""Which fields of a Live server message an expression reads.

``msg.server_content.model_turn`` and raw ``msg["serverContent"]["modelTurn"]`` only exist on
Live server messages (a ``GenerateContentResponse`` has ``candidates[0].content``), so these
shapes identify Live messages by themselves; top-level fields such as ``tool_call`` need the
value to be a known Live message.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from typing import Callable, Sequence

import libcst as cst

from livemigrate.analysis.bindings import parameter, string_value
from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.syntax import bool_terms
from livemigrate.migration import SERVER_CONTENT_FIELDS, SERVER_MESSAGE_FIELDS, to_snake

__all__ = ["FieldRead", "IfChain", "FieldDispatch", "field_reads", "if_chains", "ladders", "field_dispatches",
           "is_model_turn_parts", "key_read", "known_values", "server_content_aliases", "server_content_names", "AUDIO_ACCESSORS"]

# The SDK's convenience accessors over model_turn parts (§4).
AUDIO_ACCESSORS = frozenset({"data", "text"})

# What a name is assigned where it is read (see known_values): empty for a parameter.
Bound = Callable[[cst.Name], Sequence[cst.BaseExpression]]


@dataclass(frozen=True)
class FieldRead:
    base: str  # the message expression, as written (e.g. "message", "self.last")
    field: str  # "server_content.model_turn", "tool_call", "text", ...
    live_shaped: bool  # the read alone proves it is a Live message (server_content.* / raw keys)
    node: cst.CSTNode | None = dataclass_field(default=None, compare=False)  # the message expression
    raw: bool = dataclass_field(default=False, compare=False)  # read by key ("serverContent" in msg)


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


# How a raw message's field is taken by key besides ``x["k"]``: ``x.get("k", default)``, and
# ``x.pop("k", None)`` (the cookbook's raw WebSocket sample takes each field off the message).
KEY_GETTERS = frozenset({"get", "pop"})


def _key(node: cst.CSTNode) -> str | None:
    """The key of ``x["k"]``, ``x.get("k", ...)`` or ``x.pop("k", ...)``."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return string_value(node.slice[0].slice.value)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in KEY_GETTERS \
            and node.args:
        return string_value(node.args[0].value)
    return None


def _owner(node: cst.CSTNode) -> cst.BaseExpression | None:
    if isinstance(node, cst.Subscript):
        return node.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.value
    return None


def key_read(node: cst.CSTNode) -> tuple[cst.BaseExpression, str] | None:
    """(owner, key) of a raw read ``owner["key"]``, ``owner.get("key", ...)`` or ``owner.pop("key", ...)``."""
    key = _key(node)
    owner = _owner(node) if key is not None else None
    return (owner, key) if owner is not None else None


def _attribute(node: cst.CSTNode) -> tuple[cst.BaseExpression, str] | None:
    """(owner, name) of ``owner.name`` and of ``getattr(owner, "name"[, default])`` /
    ``hasattr(owner, "name")``: code that guards against a field being absent reads it
    all the same."""
    if isinstance(node, cst.Attribute):
        return node.value, node.attr.value
    if (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in ("getattr", "hasattr")
            and len(node.args) >= 2 and all(a.keyword is None and not a.star for a in node.args[:2])):
        name = string_value(node.args[1].value)
        if name is not None:
            return node.args[0].value, name
    return None


def got_attribute(node: cst.CSTNode) -> tuple[cst.BaseExpression, str] | None:
    """(owner, name) of a read of a field: ``owner.name`` or ``getattr(owner, "name"[,
    default])`` (not ``hasattr``, which tests)."""
    spelled = _attribute(node)
    if spelled is not None and isinstance(node, cst.Call) and node.func.value == "hasattr":  # type: ignore[attr-defined]
        return None
    return spelled


def _read(node: cst.CSTNode, aliases: dict[str, str]) -> FieldRead | None:
    """The field ``node`` reads, if it is a server-message field access."""
    spelled = _attribute(node)
    if spelled is not None:
        owner, attr = spelled
        # (an object mirroring the wire format spells its fields in camelCase: a vendored
        # pipecat service's pydantic `evt.serverContent.modelTurn`)
        attr = to_snake(attr)
        above = _attribute(owner)
        if above is not None and to_snake(above[1]) == "server_content" and attr in SERVER_CONTENT_FIELDS:
            return FieldRead(_code(above[0]), f"server_content.{attr}", True)
        if isinstance(owner, cst.Name) and owner.value in aliases and attr in SERVER_CONTENT_FIELDS:
            return FieldRead(aliases[owner.value], f"server_content.{attr}", True)
        if attr in SERVER_MESSAGE_FIELDS or attr in AUDIO_ACCESSORS:
            return FieldRead(_code(owner), attr, False, owner)
        return None
    key = _key(node)
    if key is None:
        return None
    owner = _owner(node)
    snake = to_snake(key)
    owner_key = _key(owner) if owner is not None else None
    if owner_key in ("serverContent", "server_content") and snake in SERVER_CONTENT_FIELDS:
        return FieldRead(_code(_owner(owner)), f"server_content.{snake}", True, raw=True)
    if isinstance(owner, cst.Name) and owner.value in aliases and snake in SERVER_CONTENT_FIELDS \
            and _raw_spelling(key, snake):
        return FieldRead(aliases[owner.value], f"server_content.{snake}", True, raw=True)
    if snake in SERVER_MESSAGE_FIELDS and key != snake:  # camelCase raw key
        return FieldRead(_code(owner), snake, True, raw=True)
    return None


def _raw_spelling(key: str, snake: str) -> bool:
    """``key`` is how the wire spells a field: camelCase (``turnComplete``), or a one-word
    field the two spellings share (``interrupted``)."""
    return key != snake or "_" not in key


def _membership(node: cst.Comparison, aliases: dict[str, str]) -> FieldRead | None:
    """``"serverContent" in msg`` / ``"modelTurn" in content``."""
    if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, cst.In):
        return None
    key = string_value(node.left)
    container = node.comparisons[0].comparator
    if key is None:
        return None
    snake = to_snake(key)
    if isinstance(container, cst.Name) and container.value in aliases and snake in SERVER_CONTENT_FIELDS \
            and _raw_spelling(key, snake):
        return FieldRead(aliases[container.value], f"server_content.{snake}", True, raw=True)
    owner_key = _key(container)
    if owner_key in ("serverContent", "server_content") and snake in SERVER_CONTENT_FIELDS:
        return FieldRead(_code(_owner(container)), f"server_content.{snake}", True, raw=True)
    if snake in SERVER_MESSAGE_FIELDS and key != snake:
        return FieldRead(_code(container), snake, True, raw=True)
    return None


def known_values(bindings) -> Bound:
    """A :data:`Bound` over a module's bindings: the values a name is assigned in the scope it
    is read from, when every write of it there is an assignment whose value the module can
    read; empty when one is not (``for x in ...``, ``a, b = f()``, ``x |= y``) or the name is a
    parameter."""

    def bound(name: cst.Name) -> Sequence[cst.BaseExpression]:
        for scope in bindings.lookup_scopes(name):
            stores = bindings.name_stores.get((scope, name.value))
            if stores:
                if any(store.value is None for store in stores):
                    return []
                return bindings.assignments.get((scope, name.value), [])
            if isinstance(scope, cst.FunctionDef) and parameter(scope, name.value) is not None:
                return []
        return []

    return bound


def _bound_read(name: cst.Name, aliases: dict[str, str], bound: Bound) -> FieldRead | None:
    """The field a name holds: every value it is assigned where it is read is a read of that
    one field (``said = sc.output_transcription``, ``heard = getattr(sc, "input_transcription",
    None)``, ``interrupted = bool(sc.interrupted)``). None for a parameter, a name assigned anything else too, and the server content
    itself (its aliases are the message's, see :func:`server_content_aliases`)."""
    if name.value in aliases:
        return None
    found: set[FieldRead] = set()
    for value in bound(name):
        read = _read(_held(value), aliases)
        if read is None or read.field == "server_content":
            return None
        found.add(read)
        if len(found) > 1:
            return None
    # the one read, with its node (FieldRead's equality leaves the node out)
    return next((_read(_held(v), aliases) for v in bound(name)), None)


def _held(value: cst.BaseExpression) -> cst.BaseExpression:
    """What a name bound to ``value`` holds for a test of it: the walrus's value, and the field
    itself for its truth (``interrupted = bool(getattr(sc, "interrupted", False))``)."""
    if type(value) is cst.NamedExpr:
        value = value.value  # type: ignore[attr-defined]
    if type(value) is cst.Call and type(value.func) is cst.Name and value.func.value == "bool" \
            and len(value.args) == 1 and value.args[0].keyword is None and not value.args[0].star:  # type: ignore[attr-defined]
        return value.args[0].value  # type: ignore[attr-defined]
    return value


def field_reads(test: cst.BaseExpression, aliases: dict[str, str], bound: Bound | None = None) -> list[FieldRead]:
    """Every server-message field read in an expression (an ``if`` test), most specific kept:
    ``msg.server_content and msg.server_content.turn_complete`` reads turn_complete.

    With ``bound``, a name bound to a field reads that field where it is tested, and so does a
    read through it: ``heard = getattr(sc, "input_transcription", None)`` ... ``if heard and
    heard.text:`` reads the input transcription."""
    from livemigrate.analysis.syntax import descendants

    reads: list[FieldRead] = []
    not_read: set[int] = set()  # names that are not variables: `x.attr`'s attr, `f(key=...)`'s key
    for node in descendants(test):
        kind = type(node)  # exact types (none has a subclass): isinstance through ABCMeta is slow
        if kind is cst.Attribute:
            not_read.add(id(node.attr))
        elif kind is cst.Arg and node.keyword is not None:
            not_read.add(id(node.keyword))
        if kind is cst.Name and bound is not None and id(node) not in not_read:
            read = _bound_read(node, aliases, bound)
        elif kind is cst.Attribute or kind is cst.Subscript or kind is cst.Call:
            read = _read(node, aliases)
            owner = read.node if read is not None else None
            if bound is not None and isinstance(owner, cst.Name) and _bound_read(owner, aliases, bound) is not None:
                continue  # `said.text`: a field of the field the name holds (read as the name)
        elif kind is cst.Comparison:
            read = _membership(node, aliases)
        else:
            continue
        if read:
            reads.append(read)
    specific = {r.base for r in reads if r.field.startswith("server_content.")}
    return [r for r in reads if not (r.field == "server_content" and r.base in specific)]


def _empty(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.List, cst.Tuple)) and not node.elements


def iterated_parts(node: cst.BaseExpression) -> cst.BaseExpression:
    """``parts`` of the guards a loop over parts is written with: ``parts or []``,
    ``parts if <test> else []`` and ``[] if <test> else parts``; else ``node``."""
    if (isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or)
            and _empty(node.right)):
        return node.left
    if isinstance(node, cst.IfExp) and _empty(node.orelse) != _empty(node.body):
        return node.orelse if _empty(node.body) else node.body
    return node


def is_model_turn_parts(node: cst.BaseExpression, resolve) -> bool:
    """``<msg>.server_content.model_turn.parts`` or raw ``[...]["modelTurn"]["parts"]``,
    possibly through a name (``parts = ....model_turn.parts``, also with its guard:
    ``parts = ....model_turn.parts or []``) and in ``getattr`` spelling (``getattr(mt,
    "parts", None)`` with ``mt = getattr(sc, "model_turn", None)``)."""
    node = iterated_parts(resolve(node))
    spelled = got_attribute(node)  # .parts, getattr(mt, "parts", None)
    if spelled is not None and spelled[1] == "parts":
        owner = got_attribute(resolve(spelled[0]))
        return owner is not None and to_snake(owner[1]) == "model_turn"  # (`evt.serverContent.modelTurn`)
    key = _key(node)
    if key == "parts":
        owner = _owner(node)
        owner = resolve(owner) if owner is not None else None
        return owner is not None and _key(owner) in ("modelTurn", "model_turn") or (
            isinstance(owner, cst.Attribute) and owner.attr.value == "model_turn")
    return False


def server_content_names(bindings) -> list[tuple[object, str, str]]:
    """(scope, name, message expression) for every name a scope binds to a message's server
    content (``sc = msg.server_content``, ``sc = getattr(msg, "server_content", None)``,
    ``content = response.get("serverContent", {})``), in the order the index holds them."""
    found: list[tuple[object, str, str]] = []
    for (scope, name), values in bindings.assignments.items():
        for value in values:
            message = _content_of(value)
            if message is not None:
                found.append((scope, name, message))
    found.extend(_content_parameters(bindings))
    return found


def _content_parameters(bindings) -> list[tuple[object, str, str]]:
    """(function, parameter, message expression) for each parameter every call of this module
    fills with a message's server content (``handle_server_content(response["serverContent"])``):
    the handler reads the message's fields through it, as through ``sc = msg.server_content``."""
    found: list[tuple[object, str, str]] = []
    done: set[tuple[int, str]] = set()
    for call in bindings.calls:
        if not any(_content_of(arg.value) is not None for arg in call.args):
            continue
        function = bindings.callee(call)
        if function is None:
            continue
        for param in (*function.params.posonly_params, *function.params.params, *function.params.kwonly_params):
            if (id(function), param.name.value) in done:
                continue
            done.add((id(function), param.name.value))
            passed = bindings.call_site_arguments(function, param)
            messages = {_content_of(value) for value in passed}
            if passed and len(messages) == 1 and None not in messages \
                    and not _bound_elsewhere(bindings, function, param.name.value):
                found.append((function, param.name.value, messages.pop()))
    return found


def _bound_elsewhere(bindings, function, name: str) -> bool:
    """``name`` is also bound outside ``function`` (assigned, or another function's parameter):
    the aliases are keyed by name alone, so the parameter would make those names the server
    content too (`response = json.loads(raw)` in the relay beside `def show(response)`)."""
    if any(n == name and scope is not function for scope, n in bindings.assignments):
        return True
    return any(f is not function and parameter(f, name) is not None for f in bindings.functions.values())


def _content_of(value: cst.BaseExpression) -> str | None:
    """The message expression ``value`` takes the server content of, else None."""
    spelled = _attribute(value)
    if spelled is not None and spelled[1] == "server_content" and not (
            isinstance(value, cst.Call) and value.func.value == "hasattr"):
        return _code(spelled[0])
    if _key(value) in ("serverContent", "server_content"):
        owner = _owner(value)
        if owner is not None:
            return _code(owner)
    return None


def server_content_aliases(bindings) -> dict[str, str]:
    """Names bound to a message's server content (``sc = msg.server_content``,
    ``sc = getattr(msg, "server_content", None)``, ``content = response.get("serverContent",
    {})``) → the message expression."""
    return {name: message for _, name, message in server_content_names(bindings)}


@dataclass(frozen=True, eq=False)
class IfChain:
    """``if a: ... elif b: ... else: ...`` read as one decision over a message's fields."""

    head: cst.If
    branches: tuple[cst.If, ...]  # the head and each elif, in order
    orelse: cst.Else | None  # the final else
    reads: tuple[tuple[FieldRead, ...], ...]  # the message fields each branch's test reads
    # A ladder: sibling ``if``s each but the last ending in ``leaves_by`` (so only the first that
    # matches runs, as in an elif chain): ``continue`` in a loop body, ``return`` in a function
    # that handles one message.
    ladder: bool = False
    leaves_by: type[cst.BaseSmallStatement] = cst.Continue


def if_chains(nodes, parent, aliases: dict[str, str], bound: Bound | None = None) -> list[IfChain]:
    """Every chain of two or more branches (``if`` with at least one ``elif``) in ``nodes``
    whose tests read a server-message field; ``parent`` is the node → parent lookup, ``bound``
    as for :func:`field_reads`."""
    chains: list[IfChain] = []
    for node in nodes:
        if not isinstance(node, cst.If):
            continue
        above = parent(node)
        if isinstance(above, cst.If) and above.orelse is node:
            continue  # an elif: part of the chain of its head
        branches: list[cst.If] = []
        current: object = node
        while isinstance(current, cst.If):
            branches.append(current)
            current = current.orelse
        if len(branches) < 2:
            continue
        reads = tuple(tuple(field_reads(b.test, aliases, bound)) for b in branches)
        if any(reads):
            chains.append(IfChain(node, tuple(branches), current if isinstance(current, cst.Else) else None, reads))
    return chains


def _leaves(branch: cst.If, kind: type[cst.BaseSmallStatement]) -> bool:
    """The branch handles something, then leaves by ``kind`` (``continue`` / ``return``) on its
    last line, or under a test there (``if said.text: show(said); continue``). A filter that
    only leaves, ``if sc is None: continue`` / ``return None``, is no alternative to the
    branches after it; a ``return`` of what the branch made of the message is its handling."""
    from livemigrate.analysis.syntax import exit_statement

    body = branch.body
    lines = body.body if isinstance(body, cst.IndentedBlock) else [body]
    last = lines[-1]
    if isinstance(last, cst.If) and last.orelse is None:
        return _leaves(last, kind)
    leaving = exit_statement(body, (kind,))
    if leaving is None:
        return False
    if len(lines) > 1 or len(getattr(lines[0], "body", ())) > 1:
        return True
    value = getattr(leaving, "value", None)
    return value is not None and not _constant(value)


def _constant(value: cst.BaseExpression) -> bool:
    """A literal: ``None`` / ``True`` / ``False``, a number, a string, an empty container
    (``[]``, ``{}``): what a converter returns for a message it skips, or what a classifier
    (``status_of(msg)``, a predicate) says of it."""
    if isinstance(value, cst.Name):
        return value.value in ("None", "True", "False")
    if isinstance(value, (cst.Dict, cst.Set)) or _empty(value):
        return not getattr(value, "elements", ())
    return isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float, cst.Imaginary))


def _classifies(run: list[cst.If]) -> bool:
    """Every rung of a ``return`` ladder returns a literal: the function says what the message
    is (``return "interrupted"``, ``return True``), it does not handle its fields."""
    from livemigrate.analysis.syntax import descendants

    returns = [n for rung in run for n in descendants(rung.body) if isinstance(n, cst.Return)]
    return bool(returns) and all(r.value is not None and _constant(r.value) for r in returns)


def _ladder_exit(block: cst.IndentedBlock, parent) -> type[cst.BaseSmallStatement] | None:
    """How a ladder in ``block`` leaves the message: ``continue`` when the block is a loop's body
    or sits in one under ``if`` / ``try`` / ``with`` (``while running: try: ... if
    msg.server_content:``); ``return`` when it is a function's body (or under ``if`` / ``try`` /
    ``with`` there) outside any loop: a handler called once per message."""
    node = parent(block)
    while node is not None:
        kind = type(node)
        if kind in (cst.For, cst.While):
            return cst.Continue
        if kind is cst.FunctionDef:
            return cst.Return
        if kind in (cst.Lambda, cst.ClassDef, cst.Module):
            return None
        node = parent(node)
    return None


def _guarded_rung(line: cst.CSTNode, aliases: dict[str, str], bound: Bound | None) -> cst.If | None:
    """The one ``if`` (no ``else``) that is all of ``line``'s body, when ``line`` is an ``if``
    (no ``else``) testing the server content alone (``if msg.server_content:``)."""
    if type(line) is not cst.If or line.orelse is not None or type(line.body) is not cst.IndentedBlock \
            or len(line.body.body) != 1 or type(line.body.body[0]) is not cst.If or line.body.body[0].orelse is not None:
        return None
    from livemigrate.analysis.syntax import descendants

    reads = field_reads(line.test, aliases, bound)
    if any(type(n) is cst.UnaryOperation and type(n.operator) is cst.Not
           or type(n) is cst.ComparisonTarget and type(n.operator) in (cst.Is, cst.Equal) for n in descendants(line.test)):
        return None  # `if not msg.server_content:` guards the messages without it
    return line.body.body[0] if reads and all(r.field == "server_content" for r in reads) else None


def initialises(line: cst.CSTNode) -> bool:
    """``audio = None`` / ``parts: list = []``: a line binding names to literals, which runs
    nothing and reads no message."""
    if type(line) is not cst.SimpleStatementLine:
        return False
    for statement in line.body:
        if type(statement) is cst.Assign:
            value = statement.value
        elif type(statement) is cst.AnnAssign and statement.value is not None:
            value = statement.value
        else:
            return False
        if not _constant(value):
            return False
    return True


def _binds_a_field(line: cst.CSTNode, aliases: dict[str, str], bound: Bound) -> bool:
    """``line`` is ``name = <a field of the message>`` (``sc = msg.server_content``,
    ``model_turn: Any = sc.model_turn``, ``getattr(sc, "model_turn", None)``, a raw
    ``sc.get("modelTurn")``): one assignment of a read, which runs nothing (no call but
    ``getattr`` or a dict's ``get``)."""
    if type(line) is not cst.SimpleStatementLine or len(line.body) != 1:
        return False
    statement = line.body[0]
    if type(statement) is cst.Assign and len(statement.targets) == 1:
        target, value = statement.targets[0].target, statement.value
    elif type(statement) is cst.AnnAssign and statement.value is not None:
        target, value = statement.target, statement.value
    else:
        return False
    pure = type(value) in (cst.Attribute, cst.Subscript) or type(value) is cst.Call and (
        type(value.func) is cst.Name and value.func.value == "getattr"
        # a raw message's key read, `model_turn = sc.get("modelTurn")`
        or type(value.func) is cst.Attribute and value.func.attr.value == "get")
    return type(target) is cst.Name and pure and bool(field_reads(value, aliases, bound))


def _content_filter(line: cst.CSTNode, before: list, aliases: dict[str, str], bound: Bound,
                    leaves_by: type[cst.BaseSmallStatement]) -> bool:
    """``line`` is ``if not sc: continue``: a test of the server content alone (read there, or
    through a name a line ``before`` binds to it: ``sc = getattr(msg, "server_content", None)``)
    whose branch only leaves: no alternative to the rungs around it."""
    from livemigrate.analysis.syntax import exit_statement

    # a branch that leaves and is no rung (`_leaves`: it handles nothing)
    if type(line) is not cst.If or line.orelse is not None or exit_statement(line.body, (leaves_by,)) is None \
            or _leaves(line, leaves_by):
        return False
    reads = field_reads(line.test, aliases, bound)
    if reads:
        return all(r.field == "server_content" for r in reads)
    test = line.test
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        test = test.expression
    elif type(test) is cst.Comparison and len(test.comparisons) == 1 and type(test.comparisons[0].operator) is cst.Is:
        test = test.left
    if type(test) is not cst.Name:
        return False
    for earlier in before:
        if type(earlier) is cst.SimpleStatementLine and len(earlier.body) == 1 and type(earlier.body[0]) is cst.Assign \
                and any(type(t.target) is cst.Name and t.target.value == test.value for t in earlier.body[0].targets):
            held = field_reads(earlier.body[0].value, aliases, bound)
            return bool(held) and all(r.field == "server_content" for r in held)
    return False


def ladders(nodes, parent, aliases: dict[str, str], bound: Bound | None = None) -> list[IfChain]:
    """Ladders: two or more sibling ``if`` statements (no ``elif``/``else``) testing
    server-message fields, every one but the last handling its field and leaving: by
    ``continue`` in a loop body, by ``return`` in a function that handles one message
    (``bound`` as for :func:`field_reads`)."""
    found: list[IfChain] = []
    for node in nodes:
        if not isinstance(node, cst.IndentedBlock):
            continue
        leaves_by = _ladder_exit(node, parent)
        if leaves_by is None:
            continue
        lines = list(node.body)
        index = 0
        while index < len(lines):
            run: list[cst.If] = []
            position = index
            while position < len(lines):
                line = lines[position]
                if run and ((bound is not None and (_binds_a_field(line, aliases, bound) or _content_filter(
                        line, lines[:position], aliases, bound, leaves_by))) or initialises(line)):
                    # `model_turn = response.server_content.model_turn` between two rungs: the
                    # next one tests the field through that name; `if not sc: continue` only
                    # filters the messages the rungs after it read; `audio = None` runs nothing
                    position += 1
                    continue
                if not run:
                    # `if sc: if sc.interrupted: ...; continue`: the rung under a guard of the
                    # server content alone (the ladder's head, with no fix: it is not a line of
                    # the block the rungs after it are)
                    line = _guarded_rung(line, aliases, bound) or line
                # a test of the server content alone (`if sc is None: log(); continue`) guards
                # the ones after it: not an alternative to them
                if not (isinstance(line, cst.If) and (line.orelse is None or run)
                        and any(r.field != "server_content" for r in field_reads(line.test, aliases, bound))):
                    break
                if run and not _leaves(run[-1], leaves_by):
                    break
                if not run and not _leaves(line, leaves_by):
                    break
                run.append(line)
                position += 1
                if line.orelse is not None:
                    break  # `if data: ... elif model_turn: ...` after the rungs: their last one
            if len(run) >= 2 and not (leaves_by is cst.Return and _classifies(run)):
                reads = tuple(tuple(field_reads(b.test, aliases, bound)) for b in run)
                found.append(IfChain(run[0], tuple(run), None, reads, ladder=True, leaves_by=leaves_by))
                index = position
            else:
                index += 1
    return found


@dataclass(frozen=True, eq=False)
class AbsentRung:
    """``if not model_turn: <handle turn_complete>; continue`` in a loop body, with code after it
    (which handles the model turn): the fields the rung tests are handled only on messages
    without the absent one, as in ``if model_turn: ... elif turn_complete: ...``."""

    rung: cst.If
    absent: tuple[FieldRead, ...]  # the field whose absence the rung tests
    handled: tuple[FieldRead, ...]  # the fields the tests inside it read


def absence(test: cst.BaseExpression) -> cst.BaseExpression | None:
    """``x`` of ``not x`` / ``x is None``; also guarded by the attribute's own presence check,
    ``not hasattr(r, "data") or not r.data`` (measurement 50)."""
    if type(test) is cst.BooleanOperation and type(test.operator) is cst.Or:
        operands = bool_terms(test, cst.Or)
        tests = [t for t in operands if not _lacks_attribute(t)]
        absent = absence(tests[0]) if len(tests) == 1 else None
        checks = [t.expression for t in operands if _lacks_attribute(t)]  # type: ignore[attr-defined]
        # (each `not hasattr(x, "f")` checks the very attribute the other side reads)
        if type(absent) is not cst.Attribute or not all(
                len(c.args) == 2 and string_value(c.args[1].value) == absent.attr.value
                and _code(c.args[0].value) == _code(absent.value) for c in checks):
            return None
        return absent
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        return test.expression
    if type(test) is cst.Comparison and len(test.comparisons) == 1 and type(test.comparisons[0].operator) is cst.Is \
            and type(test.comparisons[0].comparator) is cst.Name and test.comparisons[0].comparator.value == "None":
        return test.left
    return None


def _lacks_attribute(test: cst.BaseExpression) -> bool:
    """``not hasattr(x, "name")``."""
    return type(test) is cst.UnaryOperation and type(test.operator) is cst.Not \
        and type(test.expression) is cst.Call and type(test.expression.func) is cst.Name \
        and test.expression.func.value == "hasattr"


def _level_tests(statement: cst.CSTNode, aliases: dict[str, str], bound: Bound | None) -> list[cst.BaseExpression]:
    """The tests that run for every message reaching ``statement``: an ``if`` / ``elif``
    chain's, those inside ``try`` / ``with`` bodies, and those under an ``if`` whose test reads
    no field of the message (an app-state guard, ``if state.listening:``); not those under a test
    of another field (they run only with it)."""
    tests: list[cst.BaseExpression] = []
    kind = type(statement)
    if kind is cst.If:
        current: object = statement
        while type(current) is cst.If:
            tests.append(current.test)  # type: ignore[attr-defined]
            if not field_reads(current.test, aliases, bound):  # type: ignore[attr-defined]
                for inner in getattr(current.body, "body", ()):  # type: ignore[attr-defined]
                    tests += _level_tests(inner, aliases, bound)
            current = current.orelse  # type: ignore[attr-defined]
    elif kind in (cst.Try, cst.With):
        for inner in getattr(statement.body, "body", ()):  # type: ignore[attr-defined]
            tests += _level_tests(inner, aliases, bound)
    return tests


def absent_rungs(nodes, parent, aliases: dict[str, str], bound: Bound | None = None) -> list[AbsentRung]:
    """Rungs that handle fields only when another is absent, then ``continue`` (see
    :class:`AbsentRung`), in loop bodies (``nodes``: the module's indented blocks); a filter that
    only leaves (``if not sc: continue``), or a rung with nothing after it, is none."""
    from livemigrate.analysis.syntax import descendants

    found: list[AbsentRung] = []
    for node in nodes:
        if not isinstance(node, cst.IndentedBlock) or _ladder_exit(node, parent) is not cst.Continue:
            continue
        lines = list(node.body)
        for index, line in enumerate(lines[:-1]):  # the code after it handles the absent field
            tested = absence(line.test) if isinstance(line, cst.If) and line.orelse is None else None
            absent = [r for r in field_reads(tested, aliases, bound) if r.field != "server_content"] \
                if tested is not None else []
            if not absent or not _leaves(line, cst.Continue):  # type: ignore[arg-type]
                continue
            skipped = {r.field for r in absent}
            # (a field the code after it tests too, at the rung's own level, is handled there as
            # well: nothing is lost; a test nested under another field's branch runs only with it)
            after = {r.field for later in lines[index + 1:] for test in _level_tests(later, aliases, bound)
                     for r in field_reads(test, aliases, bound)}
            handled = [r for inner in descendants(line.body) if type(inner) is cst.If  # type: ignore[union-attr]
                       for r in field_reads(inner.test, aliases, bound)  # type: ignore[attr-defined]
                       if r.field not in skipped | after and r.field != "server_content"]
            if handled:
                found.append(AbsentRung(line, tuple(absent), tuple(handled)))  # type: ignore[arg-type]
    return found


@dataclass(frozen=True, eq=False)
class FieldDispatch:
    """A loop over a table of message fields that handles the first one present and stops:
    ``for field, handler in HANDLERS.items(): if getattr(msg, field) is not None:
    await handler(msg); break``. It decides like an ``if/elif`` chain whose branches test the
    table's fields in its order."""

    loop: cst.For
    test: cst.If  # the `if` in the loop that handles the field and breaks
    stop: cst.Break
    reads: tuple[tuple[FieldRead, ...], ...]  # the field each entry of the table tests, in order


def _table_keys(iterated: cst.BaseExpression, resolve) -> list[str] | None:
    """The keys a loop walks in order: of a dict literal (``T``, ``T.keys()``, ``T.items()``),
    or of a list/tuple of strings or of ``(key, value)`` pairs; None for anything else."""
    if isinstance(iterated, cst.Call) and isinstance(iterated.func, cst.Attribute) and not iterated.args \
            and iterated.func.attr.value in ("items", "keys"):
        iterated = iterated.func.value
    table = resolve(iterated)
    keys: list[str | None] = []
    if isinstance(table, cst.Dict):
        if not all(isinstance(e, cst.DictElement) for e in table.elements):
            return None
        keys = [string_value(e.key) for e in table.elements]
    elif isinstance(table, (cst.List, cst.Tuple)):
        for element in table.elements:
            item = element.value
            if isinstance(item, (cst.Tuple, cst.List)) and item.elements:
                item = item.elements[0].value
            keys.append(string_value(item))
    else:
        return None
    return [k for k in keys if k is not None] if None not in keys else None


def _keyed_owner(test: cst.BaseExpression, key: str) -> cst.BaseExpression | None:
    """The object a test reads by the loop's key name ``key``: ``getattr(m, key[, d])``,
    ``hasattr(m, key)``, ``m.get(key)``, ``m[key]``, ``key in m``."""
    from livemigrate.analysis.syntax import descendants

    def is_key(node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Name) and node.value == key

    for node in descendants(test):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in ("getattr", "hasattr") \
                and len(node.args) >= 2 and is_key(node.args[1].value):
            return node.args[0].value
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in KEY_GETTERS \
                and node.args and is_key(node.args[0].value):
            return node.func.value
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
                and is_key(node.slice[0].slice.value):
            return node.value
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1 \
                and isinstance(node.comparisons[0].operator, cst.In) and is_key(node.left):
            return node.comparisons[0].comparator
    return None


def _keyed_read(owner: cst.BaseExpression, key: str, aliases: dict[str, str]) -> FieldRead | None:
    """The field ``key`` names on ``owner``: a field of the server content when ``owner`` is
    it (an alias, ``m.server_content``, ``m["serverContent"]``), else a field of the message;
    None for a key that is neither."""
    snake = to_snake(key)
    content_of: str | None = None
    if isinstance(owner, cst.Name) and owner.value in aliases:
        content_of = aliases[owner.value]
    else:
        spelled = _attribute(owner)
        if spelled is not None and spelled[1] == "server_content":
            content_of = _code(spelled[0])
        elif _key(owner) in ("serverContent", "server_content") and _owner(owner) is not None:
            content_of = _code(_owner(owner))
    if content_of is not None:
        return FieldRead(content_of, f"server_content.{snake}", True, raw=key != snake) \
            if snake in SERVER_CONTENT_FIELDS else None
    if snake in SERVER_MESSAGE_FIELDS:
        return FieldRead(_code(owner), snake, key != snake, owner, raw=key != snake)
    return None


def field_dispatches(loops, resolve, aliases: dict[str, str]) -> list[FieldDispatch]:
    """Every loop of ``loops`` over a table of message fields (a dict literal, its keys or
    items, or a literal list of names or pairs) whose body handles the field the loop is at
    when the message has it, then ``break``s. ``resolve`` follows a name to its value."""
    from livemigrate.analysis.blocks import leaves

    found: list[FieldDispatch] = []
    for loop in loops:
        if not isinstance(loop, cst.For) or not isinstance(loop.body, cst.IndentedBlock):
            continue
        target = loop.target
        if isinstance(target, (cst.Tuple, cst.List)) and target.elements:
            target = target.elements[0].value
        if not isinstance(target, cst.Name):
            continue
        keys = _table_keys(loop.iter, resolve)
        if not keys or len(set(keys)) != len(keys):
            continue
        stopping = [line for line in loop.body.body if isinstance(line, cst.If) and line.orelse is None
                    and isinstance(line.body, cst.IndentedBlock) and _handles_then_breaks(line.body)]
        if len(stopping) != 1:
            continue
        test = stopping[0]
        owner = _keyed_owner(test.test, target.value)
        reads = [_keyed_read(owner, key, aliases) for key in keys] if owner is not None else []
        if not reads or any(read is None for read in reads):
            continue
        stop = test.body.body[-1].body[-1]
        exits = leaves(test.body.body)
        if len(exits) != 1 or exits[0] is not stop:
            continue  # another way out of the loop: not "handle and stop"
        found.append(FieldDispatch(loop, test, stop, tuple((read,) for read in reads if read is not None)))
    return found


def _handles_then_breaks(block: cst.IndentedBlock) -> bool:
    """The block ends in ``break`` after doing something (``handle(m); break`` on one line
    too): an ``if`` that only breaks finds a field, it handles nothing."""
    last = block.body[-1] if block.body else None
    if not (isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], cst.Break)):
        return False
    return len(block.body) > 1 or len(last.body) > 1


@dataclass(frozen=True, eq=False)
class MatchChain:
    """``match msg:`` whose cases test fields of the message by pattern (``case {"serverContent":
    {"modelTurn": {"parts": parts}}}:``): only the first case that matches runs, as in an
    ``if`` / ``elif`` chain."""

    match: cst.Match
    reads: tuple[tuple[FieldRead, ...], ...]  # per case, the fields its pattern requires


def match_chains(nodes) -> list[MatchChain]:
    """Every ``match`` in ``nodes`` with two or more cases whose patterns read message fields."""
    found = []
    for match in nodes:
        if type(match) is not cst.Match:
            continue
        base = _code(match.subject)
        reads = tuple(tuple(FieldRead(base, field, True, match.subject, raw=raw)
                            for field, raw in _pattern_fields(case.pattern, ())) for case in match.cases)
        if sum(1 for r in reads if r) >= 2:
            found.append(MatchChain(match, reads))
    return found


def _pattern_fields(pattern: cst.MatchPattern, path: tuple[str, ...]) -> list[tuple[str, bool]]:
    """(field, raw) a case's pattern requires of the message: ``{"serverContent": {"turnComplete":
    True}}`` requires ``server_content.turn_complete``; ``LiveServerMessage(tool_call=tc)``
    requires ``tool_call``. The deepest field of each branch of the pattern is kept."""
    if type(pattern) is cst.MatchAs and pattern.pattern is not None:
        return _pattern_fields(pattern.pattern, path)
    if type(pattern) is cst.MatchOr:
        return [f for element in pattern.patterns for f in _pattern_fields(element.pattern, path)]
    raw = type(pattern) is cst.MatchMapping
    if raw:
        pairs = [(string_value(e.key), e.pattern) for e in pattern.elements]
    elif type(pattern) is cst.MatchClass and (dotted_name(pattern.cls) or "").split(".")[-1] in _MESSAGE_CLASSES:
        pairs = [(k.key.value, k.pattern) for k in pattern.kwds]
    else:
        return []  # (another class's pattern, `UiEvent(tool_call=...)`, is the app's own)
    found: list[tuple[str, bool]] = []
    for key, inner in pairs:
        if key is None:
            continue
        snake = to_snake(key)
        if not path and snake in SERVER_MESSAGE_FIELDS:
            deeper = _pattern_fields(inner, (snake,))
            # a raw message's key proves it only as the wire spells it (`toolCall`; a snake
            # `tool_call` may be an app's own dict), or `server_content` with a field under it
            if deeper or not raw or key != snake:
                found += deeper or [(snake, raw)]
        elif path == ("server_content",) and snake in SERVER_CONTENT_FIELDS:
            found.append((f"server_content.{snake}", raw))
    return found


# The SDK's message classes a class pattern may name (`case LiveServerMessage(tool_call=tc):`)
_MESSAGE_CLASSES = frozenset({"LiveServerMessage", "LiveServerContent"})
