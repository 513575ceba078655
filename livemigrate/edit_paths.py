"""Applying a fix pass's edits by rebuilding only what they touch.

``edits.apply_edits`` runs a transformer over the whole module: every node is visited and
rebuilt on every fix pass, for edits that change a handful of them. An edit changes only its
node and that node's container (the commas and closing layout of a call, list or dict, the
line or block a removed statement leaves); everything else of the new module can be the old
nodes. So each edit is applied to its container's parent (``edits.apply_to``, the same
transformer, on a small subtree), and only the nodes on the way from there up to the module
are rebuilt with their new child. The result is the module ``apply_edits`` gives (a test
compares the two on every fix of every rule's examples and fixtures); where an edit would
remove its container's parent, the whole-module transformer is used.
"""

from __future__ import annotations

from typing import Callable, Sequence

import libcst as cst

from livemigrate.analysis.tree_walk import child_fields
from livemigrate.edits import Edit, _Applier, apply_edits, reach_of  # noqa: PLC2701 - the one edit transformer

__all__ = ["apply_edits_along_paths", "apply_near"]

Parent = Callable[[cst.CSTNode], "cst.CSTNode | None"]


class _PathApplier(_Applier):
    """The edit transformer, entering only the nodes on the way to an edited node. A subtree
    holding no edited node comes out as it went in (every hook of the transformer changes a
    node only for an edit of it or of one of its children), so it is not rebuilt: libcst's
    transformer rebuilds every node it enters, which cost more than the edits on big
    subtrees (a removed statement's anchor is its whole function)."""

    def __init__(self, edits: Sequence[Edit], on_paths: set[int]) -> None:
        super().__init__(edits)
        self.on_paths = on_paths

    def on_visit(self, node: cst.CSTNode) -> bool:
        return id(node) in self.on_paths and super().on_visit(node)


def apply_near(anchor: cst.CSTNode, edits: Sequence[Edit], parent: Parent) -> cst.CSTNode | cst.RemovalSentinel:
    """``edits.apply_to(anchor, edits)``, rebuilding only the nodes between ``anchor`` and the
    edited ones (``parent`` is the module's node → parent lookup). Untouched subtrees of the
    result are ``anchor``'s own nodes."""
    on_paths: set[int] = set()
    for edit in edits:
        node: cst.CSTNode | None = edit.node
        while node is not None and id(node) not in on_paths:
            on_paths.add(id(node))
            if node is anchor:
                break
            node = parent(node)
    return anchor.visit(_PathApplier(edits, on_paths))


def apply_edits_along_paths(module: cst.Module, edits: Sequence[Edit], parent: Parent) -> cst.Module:
    """``module`` with ``edits`` applied (as :func:`livemigrate.edits.apply_edits`), rebuilding
    only the edited subtrees and their ancestors. ``parent`` is the module's node → parent
    lookup (the analysis's)."""
    if not edits:
        return module
    groups: dict[int, tuple[cst.CSTNode, list[Edit]]] = {}
    for edit in edits:
        anchor = reach_of(edit.node, parent)
        if anchor is module:
            return apply_edits(module, edits)
        groups.setdefault(id(anchor), (anchor, []))[1].append(edit)
    # An anchor inside another one is applied with it (one transformer over the outer one).
    for key in list(groups):
        node = parent(groups[key][0])
        while node is not None:
            if id(node) in groups:
                groups[id(node)][1].extend(groups.pop(key)[1])
                break
            node = parent(node)
    replaced: dict[int, cst.CSTNode] = {}
    on_path: set[int] = set()
    for key, (anchor, group) in groups.items():
        new = apply_near(anchor, group, parent)
        if not isinstance(new, cst.CSTNode) or (type(new) is not type(anchor) and not _fits(anchor, new)):
            return apply_edits(module, edits)  # removed or flattened: its parent's hooks decide
        replaced[key] = new
        node = parent(anchor)
        while node is not None and id(node) not in on_path:
            on_path.add(id(node))
            node = parent(node)
    rebuilt = _rebuild(module, replaced, on_path)
    assert isinstance(rebuilt, cst.Module)
    return rebuilt


def _fits(anchor: cst.CSTNode, new: cst.CSTNode) -> bool:
    """A replacement of another type stands where ``anchor`` stood (an expression for an
    expression): the parent's field takes any node of the same base."""
    for base in (cst.BaseExpression, cst.BaseSmallStatement, cst.BaseCompoundStatement):
        if isinstance(anchor, base):
            return isinstance(new, base)
    return False


def _rebuild(node: cst.CSTNode, replaced: dict[int, cst.CSTNode], on_path: set[int]) -> cst.CSTNode:
    key = id(node)
    if key in replaced:
        return replaced[key]
    if key not in on_path:
        return node
    changes = {}
    for name in child_fields(node):
        value = getattr(node, name)
        if type(value) is tuple or type(value) is list:
            new_items = [_rebuild(item, replaced, on_path) for item in value]
            if any(a is not b for a, b in zip(new_items, value)):
                changes[name] = type(value)(new_items)
        elif isinstance(value, cst.CSTNode):
            new = _rebuild(value, replaced, on_path)
            if new is not value:
                changes[name] = new
    return node.with_changes(**changes) if changes else node
