"""Version gates: code that only runs for 2.x models is correct code.

Frameworks keep 2.5 and 3.x side by side and branch on the model id (``"gemini-3" in
model``, ``"3.1" not in model``, ``model.startswith("gemini-2")``, ``if is_gemini_3(model)``).
A construct inside a branch that only runs for 2.x models gets no finding
(shared/rules.md, "What real code taught us").
"""

from __future__ import annotations

import re
from typing import Literal

import libcst as cst

from livemigrate.analysis.bindings import Bindings, string_value

__all__ = ["branch_generation", "is_legacy_only"]

Generation = Literal["legacy", "new"]

# A literal in a model test that names a 3.x model vs. a 2.x model.
_NEW_MARK = re.compile(r"gemini-3|(?<![\d.])3\.\d|-3(?:\b|\.)|flash-live-preview$", re.I)
_LEGACY_MARK = re.compile(r"gemini-2|(?<![\d.])2\.[05]|native-audio|live-2\.5|live-001|flash-exp", re.I)
# Helper predicates by name: is_gemini_3(model), _supports_thinking_level(...), uses_legacy_live().
_NEW_CALL = re.compile(r"gemini_?3|_3x|v3|3_1|thinking_level|new_live|is_3", re.I)
_LEGACY_CALL = re.compile(r"gemini_?2|2_5|25|legacy|native_audio|old_live", re.I)
_MODELISH = re.compile(r"model", re.I)


def _mark(text: str) -> Generation | None:
    if _NEW_MARK.search(text):
        return "new"
    if _LEGACY_MARK.search(text):
        return "legacy"
    return None


def _mentions_model(node: cst.CSTNode) -> bool:
    """The tested value looks like a model id (a name or attribute mentioning 'model')."""
    if isinstance(node, cst.Name):
        return bool(_MODELISH.search(node.value))
    if isinstance(node, cst.Attribute):
        return bool(_MODELISH.search(node.attr.value)) or _mentions_model(node.value)
    if isinstance(node, cst.Call):
        return _mentions_model(node.func) or any(_mentions_model(a.value) for a in node.args)
    if isinstance(node, cst.Subscript):
        return _mentions_model(node.value) or any(
            isinstance(s.slice, cst.Index) and "model" in (string_value(s.slice.value) or "")
            for s in node.slice
        )
    return False


def true_branch_generation(test: cst.BaseExpression) -> Generation | None:
    """Which model generation the *true* branch of ``test`` is for, if it is a model test."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = true_branch_generation(test.expression)
        return None if inner is None else ("new" if inner == "legacy" else "legacy")
    if isinstance(test, cst.BooleanOperation):
        left, right = true_branch_generation(test.left), true_branch_generation(test.right)
        if isinstance(test.operator, cst.And):
            # Both conjuncts hold in the true branch: either one narrows it.
            return left or right
        return left if left == right else None
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        op = target.operator
        left, right = test.left, target.comparator
        literal = string_value(left) or string_value(right)
        other = right if string_value(left) is not None else left
        if literal is None or not _mentions_model(other):
            return None
        generation = _mark(literal)
        if generation is None:
            return None
        if isinstance(op, (cst.In, cst.Equal, cst.Is)):
            return generation
        if isinstance(op, (cst.NotIn, cst.NotEqual, cst.IsNot)):
            return "new" if generation == "legacy" else "legacy"
        return None
    if isinstance(test, cst.Call):
        func = test.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("startswith", "endswith", "__contains__"):
            if not _mentions_model(func.value):
                return None
            marks = {_mark(s) for a in test.args for s in _strings(a.value)}
            marks.discard(None)
            return marks.pop() if len(marks) == 1 else None
        name = func.attr.value if isinstance(func, cst.Attribute) else (
            func.value if isinstance(func, cst.Name) else None)
        if name is not None:
            if _NEW_CALL.search(name):
                return "new"
            if _LEGACY_CALL.search(name):
                return "legacy"
    if isinstance(test, (cst.Name, cst.Attribute)):
        name = test.value if isinstance(test, cst.Name) else test.attr.value
        if _NEW_CALL.search(name) and re.search(r"gemini|live|model|is_|3", name, re.I):
            return "new"
        if _LEGACY_CALL.search(name) and re.search(r"gemini|live|model|is_|legacy", name, re.I):
            return "legacy"
    return None


def _strings(node: cst.BaseExpression) -> list[str]:
    value = string_value(node)
    if value is not None:
        return [value]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [s for e in node.elements for s in _strings(e.value)]
    return []


def branch_generation(node: cst.CSTNode, bindings: Bindings) -> Generation | None:
    """The model generation a node's innermost enclosing model-test branch is for."""
    child: cst.CSTNode = node
    for ancestor in bindings.ancestors(node):
        generation: Generation | None = None
        if isinstance(ancestor, (cst.If, cst.IfExp)):
            test_gen = true_branch_generation(ancestor.test)
            if test_gen is not None:
                if child is ancestor.body:
                    generation = test_gen
                elif child is ancestor.orelse:
                    generation = "new" if test_gen == "legacy" else "legacy"
        elif isinstance(ancestor, cst.IndentedBlock):
            generation = _after_early_exit(child, ancestor)
        if generation is not None:
            return generation
        child = ancestor
    return None


def _after_early_exit(statement: cst.CSTNode, block: cst.IndentedBlock) -> Generation | None:
    """``if "gemini-3" in model: return ...`` earlier in the same block means the statements
    after it only run for the other generation."""
    for earlier in block.body:
        if earlier is statement:
            return None
        if isinstance(earlier, cst.If) and earlier.orelse is None and _exits(earlier.body):
            test_gen = true_branch_generation(earlier.test)
            if test_gen is not None:
                return "new" if test_gen == "legacy" else "legacy"
    return None


def _exits(body: cst.BaseSuite) -> bool:
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    last = statements[-1] if statements else None
    if isinstance(last, cst.SimpleStatementLine):
        return any(isinstance(s, (cst.Return, cst.Raise, cst.Continue, cst.Break)) for s in last.body)
    if isinstance(last, cst.SimpleStatementSuite):
        return any(isinstance(s, (cst.Return, cst.Raise, cst.Continue, cst.Break)) for s in last.body)
    return False


def is_legacy_only(node: cst.CSTNode, bindings: Bindings) -> bool:
    """True when ``node`` sits in code that only runs for 2.x models."""
    return branch_generation(node, bindings) == "legacy"
