"""Small walks over a subtree that several rules need (no visitor class per question)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Callable, Iterator

import libcst as cst

if TYPE_CHECKING:
    from livemigrate.analysis.bindings import Bindings

__all__ = ["bool_terms", "descendants", "contains", "exit_statement", "exits", "is_expected_value", "register_index"]

NESTED_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_LEAVES = (cst.Return, cst.Raise, cst.Continue, cst.Break)


# The binding indexes of the modules being analysed: their pre-order node lists make a
# subtree walk a slice. libcst's `children` rebuilds a node per call; a whole-module walk
# through it cost three parses (issue 9 §5). Weak: an index lives as long as its analysis.
_INDEXES: list[weakref.ref] = []
# Per ``skip`` tuple, whether a node type is skipped: decided once per process, not per walk
# (an isinstance through ABCMeta costs ten exact-type tests; walks are asked by the thousand).
_SKIPPED: dict[tuple[type, ...], dict[type, bool]] = {}


def register_index(bindings: "Bindings") -> None:
    """Let :func:`descendants` walk ``bindings.module``'s nodes through its index."""
    _INDEXES[:] = [ref for ref in _INDEXES if ref() is not None]
    _INDEXES.append(weakref.ref(bindings))


def _indexed(node: cst.CSTNode) -> "tuple[Bindings, int] | None":
    for ref in _INDEXES:
        bindings = ref()
        if bindings is None:
            continue
        position = bindings.order.get(id(node))
        # The identity check: an id is only unique among objects alive together.
        if position is not None and bindings.parents.nodes[position] is node:
            return bindings, position
    return None


def descendants(node: cst.CSTNode, skip: tuple[type, ...] = NESTED_SCOPES) -> Iterator[cst.CSTNode]:
    """``node`` and everything below it in source order, not entering nested functions,
    lambdas or classes (code there runs at another time)."""
    indexed = _indexed(node)
    if indexed is None:  # a node a fix built: read its fields (libcst's `children` rebuilds each node)
        yield from _walked(node, skip)
        return
    bindings, start = indexed
    nodes, ends = bindings.parents.nodes, bindings.ends
    skipped = _SKIPPED.get(skip)
    if skipped is None:
        skipped = _SKIPPED[skip] = {}
    yield node
    position, end = start + 1, ends[start]
    while position < end:
        current = nodes[position]
        kind = type(current)
        skip_it = skipped.get(kind)
        if skip_it is None:
            skip_it = skipped[kind] = bool(skip) and isinstance(current, skip)
        if skip_it:
            position = ends[position]
            continue
        yield current
        position += 1


def _walked(node: cst.CSTNode, skip: tuple[type, ...]) -> Iterator[cst.CSTNode]:
    """:func:`descendants` of a node outside every index, by its fields (libcst's order)."""
    from livemigrate.analysis.tree_walk import child_nodes

    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(child for child in reversed(child_nodes(current)) if not isinstance(child, skip))


def contains(node: cst.CSTNode, predicate: Callable[[cst.CSTNode], bool],
             skip: tuple[type, ...] = NESTED_SCOPES) -> bool:
    """Whether any node of the subtree satisfies ``predicate``."""
    return any(predicate(n) for n in descendants(node, skip))


def exit_statement(body: cst.BaseSuite | cst.Module,
                   kinds: tuple[type, ...] = _LEAVES) -> cst.BaseSmallStatement | None:
    """The ``return`` / ``raise`` / ``continue`` / ``break`` (any of ``kinds``) on the last line
    of a block, the one a reader sees as "this branch leaves here"."""
    statements = body.body if isinstance(body, (cst.IndentedBlock, cst.Module)) else [body]
    last = statements[-1] if statements else None
    if isinstance(last, cst.SimpleStatementSuite):  # `if x: return` written on one line
        small = last.body
    elif isinstance(last, cst.SimpleStatementLine):
        small = last.body
    else:
        small = []
    for statement in reversed(list(small)):
        if isinstance(statement, kinds):
            return statement
    return None


def exits(body: cst.BaseSuite | cst.Module, *, loop: bool = True) -> bool:
    """Whether a block never falls through to the statement after it: it ends in ``return``
    or ``raise`` (with ``loop``, also ``continue`` / ``break``: the rest of the loop body is
    skipped), or in an ``if``/``else`` whose every branch does."""
    kinds = _LEAVES if loop else (cst.Return, cst.Raise)
    if exit_statement(body, kinds) is not None:
        return True
    statements = body.body if isinstance(body, (cst.IndentedBlock, cst.Module)) else []
    last = statements[-1] if statements else None
    if isinstance(last, cst.If):
        branch: cst.If | cst.Else | None = last
        while isinstance(branch, cst.If):
            if not exits(branch.body, loop=loop):
                return False
            branch = branch.orelse
        return branch is not None and exits(branch.body, loop=loop)
    return False


# What an expected value may sit in on its way up to the comparison that uses it. Concrete
# libcst types (none has a subclass): tested by exact type, as an isinstance against eight
# ABCs costs more than the rest of the walk up.
_LITERAL_PARTS = frozenset({cst.List, cst.Tuple, cst.Set, cst.Element, cst.StarredElement, cst.Dict,
                            cst.DictElement, cst.ComparisonTarget})


def is_expected_value(node: cst.CSTNode, parent: Callable[[cst.CSTNode], "cst.CSTNode | None"]) -> bool:
    """A literal that is an operand of ``==`` / ``!=`` or the test of an ``assert``
    (``assert sent == [{"setup": ...}]``, also inside a call such as ``snapshot({...})``):
    what a test expects, not something sent."""
    current: cst.CSTNode | None = parent(node)
    while current is not None:
        kind = type(current)
        if kind in _LITERAL_PARTS:
            current = parent(current)
        elif kind is cst.Arg:
            # `snapshot({...})`, `json.dumps({...})`: a wrapper around the expected value
            current = parent(parent(current) or current)
        else:
            break
    if isinstance(current, cst.Assert):
        return True
    return isinstance(current, cst.Comparison) and any(
        isinstance(t.operator, (cst.Equal, cst.NotEqual)) for t in current.comparisons)


def bool_terms(test: cst.BaseExpression, operator: type) -> list[cst.BaseExpression]:
    """The terms of ``a and b and c`` (``operator`` ``cst.And``) or ``a or b`` (``cst.Or``);
    ``test`` itself when it is no such operation."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, operator):
        return [*bool_terms(test.left, operator), *bool_terms(test.right, operator)]
    return [test]
