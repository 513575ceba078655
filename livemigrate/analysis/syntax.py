"""Small walks over a subtree that several rules need (no visitor class per question)."""

from __future__ import annotations

from typing import Callable, Iterator

import libcst as cst

__all__ = ["descendants", "contains"]

NESTED_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


def descendants(node: cst.CSTNode, skip: tuple[type, ...] = NESTED_SCOPES) -> Iterator[cst.CSTNode]:
    """``node`` and everything below it, not entering nested functions, lambdas or classes
    (code there runs at another time)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(child for child in reversed(current.children) if not isinstance(child, skip))


def contains(node: cst.CSTNode, predicate: Callable[[cst.CSTNode], bool],
             skip: tuple[type, ...] = NESTED_SCOPES) -> bool:
    """Whether any node of the subtree satisfies ``predicate``."""
    return any(predicate(n) for n in descendants(node, skip))
