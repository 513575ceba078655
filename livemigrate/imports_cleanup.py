"""Dropping google-genai imports that a fix left unused.

Removing ``proactivity=ProactivityConfig(...)`` can leave ``from google.genai.types import
ProactivityConfig`` unused. Only names that were used before the fix and are unused after it
are dropped, and only google-genai ones: a user's other imports are never touched.
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis.imports import dotted_name

__all__ = ["drop_unused_genai_imports"]


def _used_names(module: cst.Module) -> set[str]:
    used: set[str] = set()

    class Uses(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> bool:
            return False

        def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
            return False

        def visit_Name(self, node: cst.Name) -> None:
            used.add(node.value)

        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            # names in string annotations and __all__ keep an import alive
            used.update(node.value.strip("'\"").replace(".", " ").split())

    module.visit(Uses())
    return used


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


def drop_unused_genai_imports(before: cst.Module, after: cst.Module) -> cst.Module:
    """``after`` without the google-genai from-imports its fixes made unused."""
    lost = _used_names(before) - _used_names(after)
    if not lost:
        return after
    return after.visit(_Drop(lost))
