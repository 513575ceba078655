"""Statements, the blocks they sit in, and the names they read and bind: what a fix that
moves code (into a loop, past other statements) must know to keep the program's meaning.

Plain functions over libcst nodes; those that need to walk up take the node → parent
lookup (``live.parent``).
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

import libcst as cst

from livemigrate.analysis.syntax import NESTED_SCOPES, descendants
from livemigrate.analysis.tree_walk import child_nodes, walk

__all__ = ["statement_of", "block_of", "names_read", "names_bound", "leaves", "is_pure"]

Parent = Callable[[cst.CSTNode], "cst.CSTNode | None"]
_STATEMENTS = (cst.SimpleStatementLine, cst.BaseCompoundStatement)
# What evaluating an expression may do besides reading: call, wait, bind, yield.
_EFFECTS = (cst.Call, cst.Await, cst.NamedExpr, cst.Yield)


def statement_of(node: cst.CSTNode, parent: Parent) -> cst.CSTNode | None:
    """The innermost statement (a line of simple statements, or a compound statement)
    holding ``node``; None at module level outside any statement."""
    current: cst.CSTNode | None = node
    while current is not None and not isinstance(current, _STATEMENTS):
        current = parent(current)
    return current


def block_of(statement: cst.CSTNode, parent: Parent) -> tuple[cst.IndentedBlock, int] | None:
    """The indented block ``statement`` is one line of, and its index there; None for a
    statement at module level or in a one-line suite (``if x: y``)."""
    block = parent(statement)
    if not isinstance(block, cst.IndentedBlock):
        return None
    for index, line in enumerate(block.body):
        if line is statement:
            return block, index
    return None


class _Names:
    """Names a subtree reads and binds (local names only: ``x.attr`` reads ``x``)."""

    def __init__(self) -> None:
        self.read: list[cst.Name] = []
        self.bound: set[str] = set()
        self._targets: set[int] = set()
        self._not_names: set[int] = set()

    def _bind(self, target: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            self.bound.add(target.value)
            self._targets.add(id(target))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value)
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._bind(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name):
            self.bound.add(node.target.value)  # and read: it stays in ``read``

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._bind(node.name)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._not_names.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._not_names.add(id(node.keyword))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._bind(node.name)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._bind(node.name)

    def visit_Param(self, node: cst.Param) -> None:
        self._not_names.add(id(node.name))

    def visit_ImportAlias(self, node: cst.ImportAlias) -> bool:
        if node.asname is not None:
            self._bind(node.asname.name)
        elif isinstance(node.name, cst.Name):
            self.bound.add(node.name.value)
        return False  # the imported module's name is no read

    def visit_Name(self, node: cst.Name) -> None:
        if id(node) not in self._targets and id(node) not in self._not_names:
            self.read.append(node)

    def enter(self, node: cst.CSTNode) -> bool | None:
        visit = _NAME_VISITS.get(type(node))
        return visit(self, node) if visit is not None else None


# visit_<Node> by exact type, for tree_walk.walk (libcst's visitor costs several times more).
_NAME_VISITS = {
    node_type: method
    for name, method in vars(_Names).items()
    if name.startswith("visit_") and (node_type := getattr(cst, name[len("visit_"):], None)) is not None
}


def _names(nodes: Iterable[cst.CSTNode]) -> _Names:
    names = _Names()
    for node in nodes:
        walk(node, names.enter)
    return names


def names_read(*nodes: cst.CSTNode) -> list[cst.Name]:
    """The ``Name`` nodes the subtrees read (nested functions included: a closure reads
    too), in source order."""
    return _names(nodes).read


def names_bound(*nodes: cst.CSTNode) -> set[str]:
    """The local names the subtrees bind: assignment, ``for`` and ``with`` targets, ``:=``,
    ``except ... as``, ``def``/``class`` names, imports."""
    return _names(nodes).bound


def leaves(statements: Sequence[cst.CSTNode], kinds: tuple[type, ...] = (cst.Return, cst.Break, cst.Continue)
           ) -> list[cst.CSTNode]:
    """The ``return`` / ``break`` / ``continue`` statements (any of ``kinds``) that would leave
    a loop put around ``statements``, or change what they leave: a ``return`` anywhere
    outside nested functions, a ``break`` / ``continue`` not inside a loop of their own."""
    found: list[cst.CSTNode] = []
    for statement in statements:
        _leaves_into(found, statement, False, kinds)
    return found


def _leaves_into(found: list[cst.CSTNode], node: cst.CSTNode, in_loop: bool, kinds: tuple[type, ...]) -> None:
    # A function of the module, not a closure calling itself: such a closure is a reference
    # cycle that keeps the nodes it found alive until the cyclic collector runs.
    if isinstance(node, NESTED_SCOPES):
        return
    if isinstance(node, kinds) and (isinstance(node, cst.Return) or not in_loop):
        found.append(node)
    loop = isinstance(node, (cst.For, cst.While))
    inner = in_loop or loop
    for child in child_nodes(node):
        # a loop's else runs outside it: its break leaves the enclosing loop
        _leaves_into(found, child, in_loop if loop and child is node.orelse else inner, kinds)  # type: ignore[attr-defined]


def is_pure(expr: cst.BaseExpression) -> bool:
    """Evaluating ``expr`` only reads (names, attributes, subscripts, operators): it can be
    evaluated again, or moved, without doing anything twice."""
    return not any(isinstance(n, _EFFECTS) for n in descendants(expr))
