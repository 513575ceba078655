"""Dropping google-genai imports that a fix left unused.

Removing ``proactivity=ProactivityConfig(...)`` can leave ``from google.genai.types import
ProactivityConfig`` unused. Only names that were used before the fix and are unused after it
are dropped, and only google-genai ones: a user's other imports are never touched.
"""

from __future__ import annotations

from typing import Sequence

import libcst as cst

from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.tree_walk import walk

__all__ = ["drop_unused_genai_imports"]


def _used_names(module: cst.CSTNode) -> set[str]:
    """The names ``module`` (or any subtree) uses outside its import statements (names in
    strings count: string annotations and ``__all__`` keep an import alive)."""
    used: set[str] = set()

    def enter(node: cst.CSTNode) -> bool | None:
        kind = type(node)
        if kind is cst.Name:
            used.add(node.value)  # type: ignore[attr-defined]
        elif kind is cst.SimpleString:
            used.update(node.value.strip("'\"").replace(".", " ").split())  # type: ignore[attr-defined]
        elif kind is cst.Import or kind is cst.ImportFrom:
            return False
        return None

    walk(module, enter)  # the plain walk: this runs twice per fix pass
    return used


# What can hold an import statement: blocks, statements and their clauses. An import is a
# statement, so the walk for them never enters an expression (most of a module's nodes).
_HOLDERS = frozenset({cst.Module, cst.IndentedBlock, cst.SimpleStatementLine, cst.SimpleStatementSuite,
                      cst.FunctionDef, cst.ClassDef, cst.If, cst.Else, cst.For, cst.While, cst.Try, cst.TryStar,
                      cst.ExceptHandler, cst.ExceptStarHandler, cst.Finally, cst.With, cst.Match, cst.MatchCase})


def _genai_imported_names(module: cst.Module) -> set[str]:
    """The local names ``from google.genai... import`` statements bind anywhere in
    ``module``: the only names _Drop may drop."""
    names: set[str] = set()

    def enter(node: cst.CSTNode) -> bool | None:
        kind = type(node)
        if kind is cst.ImportFrom:
            source = dotted_name(node.module) if node.module is not None else None  # type: ignore[attr-defined]
            if source is not None and source.startswith("google.genai") \
                    and not isinstance(node.names, cst.ImportStar):  # type: ignore[attr-defined]
                names.update(_local(alias) for alias in node.names)  # type: ignore[attr-defined]
            return False
        return kind in _HOLDERS

    walk(module, enter)
    return names


class _Drop(cst.CSTTransformer):
    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self.names = names

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        source = dotted_name(updated_node.module) if updated_node.module is not None else None
        if source is None or not source.startswith("google.genai") or isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        names = list(updated_node.names)
        kept = [a for a in names if _local(a) not in self.names]
        if len(kept) == len(names):
            return updated_node
        if not kept:
            return cst.RemoveFromParent()
        if kept[-1] is not names[-1] and not isinstance(names[-1].comma, cst.Comma):
            # the old last name had no trailing comma: neither may the new last one
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=kept)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if updated_node is not original_node and _has_comment(original_node):
            # "# re-exported for plugins", "# noqa: F401": the user keeps this import on purpose
            return original_node
        if not updated_node.body:
            return cst.RemoveFromParent()
        return updated_node


def _has_comment(line: cst.SimpleStatementLine) -> bool:
    from livemigrate.analysis import descendants

    return any(isinstance(n, cst.Comment) for n in descendants(line, skip=()))


def _local(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return (dotted_name(alias.name) or "").split(".")[0]


def drop_unused_genai_imports(before: cst.Module, after: cst.Module,
                              edited: Sequence[cst.CSTNode] | None = None) -> cst.Module:
    """``after`` without the google-genai from-imports its fixes made unused.

    ``edited``: the nodes of ``before`` that the edits turning it into ``after`` replaced or
    removed. An edit changes its node and the layout of its container, nothing else
    (:mod:`livemigrate.edits`), so every name use of ``before`` outside those nodes is in
    ``after`` too: a name can only be lost if it is used in one of them. When none of them uses
    an imported google-genai name (most passes), the two walks over the whole of ``before`` and
    ``after`` are skipped."""
    imported = _genai_imported_names(after)
    if not imported:
        return after
    if edited is not None and not any(imported & _used_names(node) for node in edited):
        return after
    lost = (imported & _used_names(before)) - _used_names(after)
    if not lost:
        return after  # most passes: the names a fix removed were no google-genai imports
    return after.visit(_Drop(lost))
