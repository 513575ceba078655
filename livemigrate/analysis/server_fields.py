"""Which fields of a Live server message an expression reads.

``msg.server_content.model_turn`` and raw ``msg["serverContent"]["modelTurn"]`` only exist on
Live server messages (a ``GenerateContentResponse`` has ``candidates[0].content``), so these
shapes identify Live messages by themselves; top-level fields such as ``tool_call`` need the
value to be a known Live message.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field

import libcst as cst

from livemigrate.analysis.bindings import string_value
from livemigrate.migration import SERVER_CONTENT_FIELDS, SERVER_MESSAGE_FIELDS, to_snake

__all__ = ["FieldRead", "IfChain", "field_reads", "if_chains", "ladders", "is_model_turn_parts", "server_content_aliases", "AUDIO_ACCESSORS"]

# The SDK's convenience accessors over model_turn parts (§4).
AUDIO_ACCESSORS = frozenset({"data", "text"})


@dataclass(frozen=True)
class FieldRead:
    base: str  # the message expression, as written (e.g. "message", "self.last")
    field: str  # "server_content.model_turn", "tool_call", "text", ...
    live_shaped: bool  # the read alone proves it is a Live message (server_content.* / raw keys)
    node: cst.CSTNode | None = dataclass_field(default=None, compare=False)  # the message expression
    raw: bool = dataclass_field(default=False, compare=False)  # read by key ("serverContent" in msg)


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _key(node: cst.CSTNode) -> str | None:
    """The key of ``x["k"]`` or ``x.get("k", ...)``."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return string_value(node.slice[0].slice.value)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" and node.args:
        return string_value(node.args[0].value)
    return None


def _owner(node: cst.CSTNode) -> cst.BaseExpression | None:
    if isinstance(node, cst.Subscript):
        return node.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.value
    return None


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


def _read(node: cst.CSTNode, aliases: dict[str, str]) -> FieldRead | None:
    """The field ``node`` reads, if it is a server-message field access."""
    spelled = _attribute(node)
    if spelled is not None:
        owner, attr = spelled
        above = _attribute(owner)
        if above is not None and above[1] == "server_content" and attr in SERVER_CONTENT_FIELDS:
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
    if isinstance(owner, cst.Name) and owner.value in aliases and snake in SERVER_CONTENT_FIELDS and key != snake:
        return FieldRead(aliases[owner.value], f"server_content.{snake}", True, raw=True)
    if snake in SERVER_MESSAGE_FIELDS and key != snake:  # camelCase raw key
        return FieldRead(_code(owner), snake, True, raw=True)
    return None


def _membership(node: cst.Comparison, aliases: dict[str, str]) -> FieldRead | None:
    """``"serverContent" in msg`` / ``"modelTurn" in content``."""
    if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, cst.In):
        return None
    key = string_value(node.left)
    container = node.comparisons[0].comparator
    if key is None:
        return None
    snake = to_snake(key)
    if isinstance(container, cst.Name) and container.value in aliases and snake in SERVER_CONTENT_FIELDS and key != snake:
        return FieldRead(aliases[container.value], f"server_content.{snake}", True, raw=True)
    owner_key = _key(container)
    if owner_key in ("serverContent", "server_content") and snake in SERVER_CONTENT_FIELDS:
        return FieldRead(_code(_owner(container)), f"server_content.{snake}", True, raw=True)
    if snake in SERVER_MESSAGE_FIELDS and key != snake:
        return FieldRead(_code(container), snake, True, raw=True)
    return None


def field_reads(test: cst.BaseExpression, aliases: dict[str, str]) -> list[FieldRead]:
    """Every server-message field read in an expression (an ``if`` test), most specific kept:
    ``msg.server_content and msg.server_content.turn_complete`` reads turn_complete."""
    from livemigrate.analysis.syntax import descendants

    reads: list[FieldRead] = []
    for node in descendants(test):
        if isinstance(node, (cst.Attribute, cst.Subscript, cst.Call)):
            read = _read(node, aliases)
        elif isinstance(node, cst.Comparison):
            read = _membership(node, aliases)
        else:
            continue
        if read:
            reads.append(read)
    specific = {r.base for r in reads if r.field.startswith("server_content.")}
    return [r for r in reads if not (r.field == "server_content" and r.base in specific)]


def is_model_turn_parts(node: cst.BaseExpression, resolve) -> bool:
    """``<msg>.server_content.model_turn.parts`` or raw ``[...]["modelTurn"]["parts"]``,
    possibly through a name (``parts = ....model_turn.parts``)."""
    node = resolve(node)
    if isinstance(node, cst.Attribute) and node.attr.value == "parts":
        owner = resolve(node.value)
        return isinstance(owner, cst.Attribute) and owner.attr.value == "model_turn"
    key = _key(node)
    if key == "parts":
        owner = _owner(node)
        owner = resolve(owner) if owner is not None else None
        return owner is not None and _key(owner) in ("modelTurn", "model_turn") or (
            isinstance(owner, cst.Attribute) and owner.attr.value == "model_turn")
    return False


def server_content_aliases(bindings) -> dict[str, str]:
    """Names bound to a message's server content (``sc = msg.server_content``,
    ``sc = getattr(msg, "server_content", None)``, ``content = response.get("serverContent",
    {})``) → the message expression."""
    aliases: dict[str, str] = {}
    for (_, name), values in bindings.assignments.items():
        for value in values:
            spelled = _attribute(value)
            if spelled is not None and spelled[1] == "server_content" and not (
                    isinstance(value, cst.Call) and value.func.value == "hasattr"):
                aliases[name] = _code(spelled[0])
            elif _key(value) in ("serverContent", "server_content"):
                owner = _owner(value)
                if owner is not None:
                    aliases[name] = _code(owner)
    return aliases


@dataclass(frozen=True, eq=False)
class IfChain:
    """``if a: ... elif b: ... else: ...`` read as one decision over a message's fields."""

    head: cst.If
    branches: tuple[cst.If, ...]  # the head and each elif, in order
    orelse: cst.Else | None  # the final else
    reads: tuple[tuple[FieldRead, ...], ...]  # the message fields each branch's test reads
    # An early-continue ladder: sibling ``if``s in a loop body, each but the last ending in
    # ``continue`` (so only the first that matches runs, as in an elif chain).
    ladder: bool = False


def if_chains(nodes, parent, aliases: dict[str, str]) -> list[IfChain]:
    """Every chain of two or more branches (``if`` with at least one ``elif``) in ``nodes``
    whose tests read a server-message field; ``parent`` is the node → parent lookup."""
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
        reads = tuple(tuple(field_reads(b.test, aliases)) for b in branches)
        if any(reads):
            chains.append(IfChain(node, tuple(branches), current if isinstance(current, cst.Else) else None, reads))
    return chains


def _continues(branch: cst.If) -> bool:
    """The branch handles something, then ends with ``continue`` (a filter that only
    continues, ``if sc is None: continue``, is not an alternative to the branches after it)."""
    from livemigrate.analysis.syntax import exit_statement

    body = branch.body
    if exit_statement(body, (cst.Continue,)) is None:
        return False
    lines = body.body if isinstance(body, cst.IndentedBlock) else [body]
    return len(lines) > 1 or len(getattr(lines[0], "body", ())) > 1


def ladders(nodes, parent, aliases: dict[str, str]) -> list[IfChain]:
    """Early-continue ladders in loop bodies: two or more sibling ``if`` statements (no
    ``elif``/``else``) testing server-message fields, every one but the last handling its
    field and ending in ``continue``."""
    found: list[IfChain] = []
    for node in nodes:
        if not (isinstance(node, cst.IndentedBlock) and isinstance(parent(node), (cst.For, cst.While))):
            continue
        lines = list(node.body)
        index = 0
        while index < len(lines):
            run: list[cst.If] = []
            position = index
            while position < len(lines):
                line = lines[position]
                # a test of the server content alone (`if sc is None: log(); continue`) guards
                # the ones after it: not an alternative to them
                if not (isinstance(line, cst.If) and line.orelse is None
                        and any(r.field != "server_content" for r in field_reads(line.test, aliases))):
                    break
                if run and not _continues(run[-1]):
                    break
                if not run and not _continues(line):
                    break
                run.append(line)
                position += 1
            if len(run) >= 2:
                reads = tuple(tuple(field_reads(b.test, aliases)) for b in run)
                found.append(IfChain(run[0], tuple(run), None, reads, ladder=True))
                index = position
            else:
                index += 1
    return found
