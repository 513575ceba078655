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
# Capability checks named for a 2.5-only feature (pipecat's `_supports_non_blocking_tools`):
# their true branch runs only for models that have the feature, i.e. not on the target.
_LEGACY_CAPABILITY = re.compile(
    r"supports?_(non_?blocking|async_(tools|function)|affective|proactiv|thinking_budget|"
    r"client_content_mid|text_(modality|response)|response_scheduling|scheduling)", re.I)
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


def true_branch_generation(test: cst.BaseExpression, bindings: Bindings | None = None,
                           depth: int = 0) -> Generation | None:
    """Which model generation the *true* branch of ``test`` is for, if it is a model test.
    With ``bindings``, predicates defined in the module (``def is_gemini_3(m): return ...``,
    a ``@property`` such as ``_supports_non_blocking_tools``) are read through."""
    if depth > 3:
        return None
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = true_branch_generation(test.expression, bindings, depth)
        return None if inner is None else ("new" if inner == "legacy" else "legacy")
    if bindings is not None:
        predicate = _predicate_body(test, bindings)
        if predicate is not None:
            found = true_branch_generation(predicate, bindings, depth + 1)
            if found is not None:
                return found
    capability = _last_name(test.func if isinstance(test, cst.Call) else test)
    if capability is not None and _LEGACY_CAPABILITY.search(capability):
        return "legacy"
    if isinstance(test, cst.BooleanOperation):
        left = true_branch_generation(test.left, bindings, depth)
        right = true_branch_generation(test.right, bindings, depth)
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
        if literal is None and isinstance(op, (cst.In, cst.NotIn)):
            # model in ("gemini-3.1-...", "gemini-3.8-live") / model not in GEMINI_3_LIVE
            options = _strings(_resolve(right, bindings))
            marks = {_mark(o) for o in options}
            if options and len(marks) == 1 and None not in marks and _mentions_model(left):
                generation = marks.pop()
                return generation if isinstance(op, cst.In) else ("new" if generation == "legacy" else "legacy")
            return None
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


def _resolve(node: cst.BaseExpression, bindings: Bindings | None) -> cst.BaseExpression:
    if bindings is not None and isinstance(node, cst.Name):
        _, values = bindings.resolve_name(node.value, node)
        if len(values) == 1:
            return values[0]
    return node


def _last_name(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return None


def _predicate_body(test: cst.BaseExpression, bindings: Bindings) -> cst.BaseExpression | None:
    """What a test stands for: the returned expression of a one-line predicate of this module
    it calls or reads (a function, method or property whose body is ``return <expr>``), or the
    one value a local flag was assigned (``non_blocking = self._supports_... and ...``;
    ``x if <test> else None`` stands for its test)."""
    target = test.func if isinstance(test, cst.Call) else test
    if isinstance(test, cst.Name):
        _, values = bindings.resolve_name(test.value, test)
        if len(values) == 1:
            value = values[0]
            if isinstance(value, cst.IfExp) and isinstance(value.orelse, cst.Name) and value.orelse.value in ("None", "False"):
                return value.test
            if isinstance(value, (cst.BooleanOperation, cst.UnaryOperation, cst.Comparison, cst.Call, cst.Attribute)):
                return value
    if isinstance(target, cst.Name):
        function = bindings.function_named(target.value, test)
    elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value in ("self", "cls"):
        klass = bindings.enclosing_class(test)
        function = bindings.functions.get((klass, target.attr.value)) if klass is not None else None
    else:
        return None
    returns = bindings.returns.get(function, []) if function is not None else []
    return returns[0] if len(returns) == 1 else None


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
            test_gen = true_branch_generation(ancestor.test, bindings)
            if test_gen is not None:
                if child is ancestor.body:
                    generation = test_gen
                elif child is ancestor.orelse:
                    generation = "new" if test_gen == "legacy" else "legacy"
        elif isinstance(ancestor, cst.MatchCase) and child is ancestor.body:
            generation = _case_generation(ancestor, bindings)
        elif isinstance(ancestor, cst.IndentedBlock):
            generation = _after_early_exit(child, ancestor, bindings)
        if generation is not None:
            return generation
        child = ancestor
    return None


def _case_generation(case: cst.MatchCase, bindings: Bindings) -> Generation | None:
    """``match model: case "gemini-2.5-...":`` — the case's literal names a generation."""
    match = bindings.parent(case)
    if not isinstance(match, cst.Match) or not _mentions_model(match.subject):
        return None
    pattern = case.pattern
    values = pattern.patterns if isinstance(pattern, cst.MatchOr) else [pattern]
    marks = set()
    for value in values:
        value = value.pattern if isinstance(value, cst.MatchOrElement) else value
        literal = string_value(value.value) if isinstance(value, cst.MatchValue) else None
        if literal is None:
            return None
        marks.add(_mark(literal))
    return marks.pop() if len(marks) == 1 and None not in marks else None


def _after_early_exit(statement: cst.CSTNode, block: cst.IndentedBlock, bindings: Bindings) -> Generation | None:
    """``if "gemini-3" in model: return ...`` earlier in the same block means the statements
    after it only run for the other generation."""
    for earlier in block.body:
        if earlier is statement:
            return None
        if isinstance(earlier, cst.If) and earlier.orelse is None and _exits(earlier.body):
            test_gen = true_branch_generation(earlier.test, bindings)
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


def is_legacy_only(node: cst.CSTNode, bindings: Bindings, depth: int = 0) -> bool:
    """True when ``node`` sits in code that only runs for 2.x models: a gated branch, or a
    function of this module that is only called from such code (``return _config_25()``)."""
    generation = branch_generation(node, bindings)
    if generation is not None:
        return generation == "legacy"
    function = next((a for a in bindings.ancestors(node) if isinstance(a, cst.FunctionDef)), None)
    if function is None or depth > 2:
        return False
    sites = [c for c in bindings.calls_by_name.get(function.name.value, [])
             if not any(a is function for a in bindings.ancestors(c))]
    return bool(sites) and all(is_legacy_only(site, bindings, depth + 1) for site in sites)
