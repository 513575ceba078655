"""One pre-order walk over a libcst tree by its fields, without libcst's visitor machinery.

``Module.visit`` calls ``_visit_and_replace_children`` on every node: it rebuilds each node's
field values, calls two attribute hooks per field and checks sentinels, which costs more
than the indexing done on the way (half of the binding index's time, issue 10 §5). Reading
the fields directly is several times cheaper. The fields a node type visits, and their order
(source order, which "before" and "after" questions rely on), are read once per type from
libcst itself: the field names its ``_visit_and_replace_children`` hands to the ``visit_*``
helpers, in the order it does. That method visits some fields only when they are set
(``FormattedStringExpression.format_spec``), so the names come from its code, not from what
one instance happens to visit; where the code cannot be read (no source installed), from a
visitor that records what libcst visits on each instance.
"""

from __future__ import annotations

from array import array
from typing import Callable

import libcst as cst

__all__ = ["child_fields", "child_nodes", "preorder", "walk"]

_FIELDS: dict[type, tuple[str, ...]] = {}
_NO_VALUE = cst.MaybeSentinel.DEFAULT


class _FieldRecorder(cst.CSTVisitor):
    """The names of the fields libcst visits on ``parent``, in its order (children are not
    entered)."""

    def __init__(self, parent: cst.CSTNode) -> None:
        super().__init__()
        self.parent = parent
        self.fields: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return node is self.parent

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if node is self.parent:
            self.fields.append(attribute)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave(self, original_node: cst.CSTNode) -> None:
        pass


def _source_of(function: Callable) -> str:
    """The source of ``function``: the lines of its file from its first line to the last
    one its code covers. ``inspect.getsource`` finds that end by tokenizing the file from
    the ``def`` on, in Python: three quarters of the cost of reading a type's fields, which
    every process pays for each type it meets (3% of checking the 115 files of fixtures/).
    Where the code does not record where its expressions end (before Python 3.11),
    ``inspect`` answers."""
    import inspect
    import linecache

    code = getattr(function, "__code__", None)
    positions = getattr(code, "co_positions", None)
    lines = linecache.getlines(code.co_filename) if positions is not None else []  # type: ignore[union-attr]
    if not lines:
        return inspect.getsource(function)
    first = code.co_firstlineno  # type: ignore[union-attr]
    last = max((end for _, end, _, _ in positions() if end is not None), default=first)
    return "".join(lines[first - 1:last])


def _fields_in_code(kind: type) -> tuple[str, ...] | None:
    """The field names ``kind._visit_and_replace_children`` visits, in its code's order:
    every ``visit_*(self, "<field>", ...)`` call. None when its source cannot be read."""
    import ast
    import textwrap

    try:
        source = textwrap.dedent(_source_of(kind._visit_and_replace_children))  # noqa: SLF001
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        return None
    names: list[str] = []
    for node in ast.walk(tree):  # breadth-first: sort by position below
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.startswith("visit_")
                and len(node.args) >= 2 and isinstance(node.args[0], ast.Name) and node.args[0].id == "self"
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            names.append((node.lineno, node.col_offset, node.args[1].value))
    return tuple(dict.fromkeys(name for *_, name in sorted(names)))


_RECORD = ("<ask libcst on each instance>",)


def child_fields(node: cst.CSTNode) -> tuple[str, ...]:
    """The fields of ``node``'s type that hold child nodes, in source order."""
    kind = type(node)
    fields = _FIELDS.get(kind)
    if fields is None:
        found = _fields_in_code(kind)
        fields = _FIELDS[kind] = _RECORD if found is None else found
    if fields is _RECORD:
        recorder = _FieldRecorder(node)
        node.visit(recorder)
        return tuple(recorder.fields)
    return fields


def child_nodes(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The children of ``node`` in source order: libcst's ``children``, read from the fields
    instead of rebuilding the node through a visitor."""
    children: list = []
    for name in child_fields(node):
        value = getattr(node, name)
        kind = type(value)
        if kind is tuple or kind is list:
            children.extend(value)
        elif value is not None and value is not _NO_VALUE:
            children.append(value)
    return children


def preorder(root: cst.CSTNode) -> tuple[list[cst.CSTNode], list[int], array, dict[type, list[cst.CSTNode]]]:
    """Every node below and including ``root`` in pre-order (:func:`walk`'s order), the
    position of each one's parent (-1 for ``root``), for each the position one past its
    subtree (``nodes[p:ends[p]]`` is the subtree of ``nodes[p]``), and the nodes by exact
    type, in pre-order. One tight loop with no call per node: what the binding index is
    built from."""
    fields_of = _FIELDS
    nodes: list = []
    parents: list[int] = []
    ends = array("l")
    by_type: dict[type, list[cst.CSTNode]] = {}
    stack: list = [root]  # nodes to enter, and (as ints) the positions of nodes to leave
    above: list[int] = [-1]  # the parent position of each entry of ``stack``
    pop, push, extend = stack.pop, stack.append, stack.extend
    above_pop, above_push, above_extend = above.pop, above.append, above.extend
    add, add_parent, add_end = nodes.append, parents.append, ends.append
    position = 0
    while stack:
        node = pop()
        parent = above_pop()
        kind = type(node)
        if kind is int:
            ends[node] = position
            continue
        add(node)
        add_parent(parent)
        add_end(position + 1)
        of_kind = by_type.get(kind)
        if of_kind is None:
            by_type[kind] = [node]
        else:
            of_kind.append(node)
        fields = fields_of.get(kind)
        if not fields:
            if fields is not None:  # a type with no children (whitespace, operators)
                position += 1
                continue
            fields = child_fields(node)
        elif fields is _RECORD:  # read per instance
            fields = child_fields(node)
        children: list = []
        for name in fields:
            value = getattr(node, name)
            value_kind = type(value)
            if value_kind is tuple or value_kind is list:
                if value:
                    children += value
            elif value is not None and value is not _NO_VALUE:
                children.append(value)
        if children:
            push(position)
            above_push(-1)
            children.reverse()
            extend(children)
            above_extend([position] * len(children))
        position += 1
    return nodes, parents, ends, by_type


def walk(root: cst.CSTNode, enter: Callable[[cst.CSTNode], "bool | None"],
         leave: Callable[[cst.CSTNode], None] | None = None) -> None:
    """Call ``enter`` on every node below and including ``root`` in pre-order (libcst's
    visiting order), and ``leave`` once all of a node's children have been left. When
    ``enter`` returns False the node's children are not entered (as a visitor's
    ``visit_*`` returning False).

    Iterative: a deeply nested expression does not hit the recursion limit."""
    fields_of = _FIELDS
    # Each entry is a node to enter, or (the node) wrapped in a 1-tuple: the moment to leave it.
    stack: list = [root]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        if type(node) is tuple:
            leave(node[0])
            continue
        entered = enter(node)
        if leave is not None:
            push((node,))
        if entered is False:
            continue
        fields = fields_of.get(type(node))
        if fields is None or fields is _RECORD:  # not read yet, or read per instance
            fields = child_fields(node)
        children: list = []
        for name in fields:
            value = getattr(node, name)
            kind = type(value)
            if kind is tuple or kind is list:
                children.extend(value)
            elif value is not None and value is not _NO_VALUE:
                children.append(value)
        if children:
            children.reverse()
            extend(children)
