"""Version gates: code that only runs for 2.x models is correct code.

Frameworks keep 2.5 and 3.x side by side and branch on the model id (``"gemini-3" in
model``, ``"3.1" not in model``, ``model.startswith("gemini-2")``, ``if is_gemini_3(model)``).
A construct inside a branch that only runs for 2.x models gets no finding
(shared/rules.md, "What real code taught us").

The branch is often not right above the construct (issue 8, "Safe means safe"):

- a **flag** set only in gated code: ``if not self._is_gemini_3: self._needs_turn_complete =
  True`` and, later, ``if self._needs_turn_complete: ...`` (:mod:`.flags`);
- a **capability** property or method: one line (``return "3.1" not in self._model``) or
  several returns, each gated;
- a **queue**: a sender task forwards what ``put``/``put_nowait`` queued, and every producer of
  that item returns early unless the model is 2.x (:mod:`.queues`);
- a **caller**: a function of this module only called from gated code.

A test answers two questions: which generation its true branch can only be, and which its
false branch can only be (:class:`Sides`). A model-id test answers both; a flag answers only
the first (a false flag is also the 2.x default), so ``not flag`` and the ``else`` of a flag
prove nothing.
"""

from __future__ import annotations

import weakref

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Literal, TypeVar

import libcst as cst

from livemigrate.analysis.bindings import Bindings, parameter, string_value
from livemigrate.analysis.syntax import exits

if TYPE_CHECKING:
    from livemigrate.analysis.imports import GenaiImports

__all__ = ["Gates", "Generation", "Sides", "other_generation"]

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
# How deep one question may recurse through predicates, flags, callers and queues.
_MAX_ACTIVE = 40
# Answers that touched a cycle are not memoised (they may be less than the whole truth), so
# code whose flags and helpers call each other in rings re-derives them again and again:
# exponential in the ring's size. After this many such answers in one module, they are
# memoised too; an answer cut short by a cycle is "unknown", so a finding is still reported.
_UNCACHED_BUDGET = 2000

T = TypeVar("T")


def other_generation(generation: Generation | None) -> Generation | None:
    """``legacy`` ↔ ``new``."""
    return None if generation is None else ("new" if generation == "legacy" else "legacy")


@dataclass(frozen=True)
class Sides:
    """The generation each branch of a test can only run for (None: either)."""

    true: Generation | None = None
    false: Generation | None = None

    @staticmethod
    def exact(generation: Generation | None) -> "Sides":
        """A model test: its true branch is ``generation``, its false branch the other one."""
        return Sides(generation, other_generation(generation))

    def negated(self) -> "Sides":
        """The sides of ``not <test>``."""
        return Sides(self.false, self.true)

    def __bool__(self) -> bool:
        return self.true is not None or self.false is not None


UNKNOWN = Sides()


def generation_mark(text: str) -> Generation | None:
    """The generation a model-id fragment names ("gemini-3" → new, "2.5" → legacy), if any."""
    if _NEW_MARK.search(text):
        return "new"
    if _LEGACY_MARK.search(text):
        return "legacy"
    return None


def mentions_model(node: cst.CSTNode) -> bool:
    """The tested value looks like a model id (a name or attribute mentioning 'model')."""
    if isinstance(node, cst.Name):
        return bool(_MODELISH.search(node.value))
    if isinstance(node, cst.Attribute):
        return bool(_MODELISH.search(node.attr.value)) or mentions_model(node.value)
    if isinstance(node, cst.Call):
        return mentions_model(node.func) or any(mentions_model(a.value) for a in node.args)
    if isinstance(node, cst.Subscript):
        return mentions_model(node.value) or any(
            isinstance(s.slice, cst.Index) and "model" in (string_value(s.slice.value) or "")
            for s in node.slice
        )
    return False


def _last_name(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return None


def _strings(node: cst.BaseExpression) -> list[str]:
    value = string_value(node)
    if value is not None:
        return [value]
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        return [s for e in node.elements for s in _strings(e.value)]
    return []


def one(generations: set[Generation | None]) -> Generation | None:
    """The generation every member agrees on; None when they differ, one is None, or none."""
    return next(iter(generations)) if len(generations) == 1 else None


class Gates:
    """Answers "does this node only run for one model generation" for one module.

    Every answer is memoised, so asking it for every node of a big module stays linear.
    Answers that depended on a question still being worked out (a cycle: a flag set in
    code gated by itself, mutually recursive helpers) are "unknown" and are not memoised.
    """

    def __init__(self, bindings: Bindings, imports: "GenaiImports | None" = None,
                 model_names: frozenset[str] = frozenset()) -> None:
        from livemigrate.analysis.flags import Flags
        from livemigrate.analysis.queues import Queues

        self.b = bindings
        self.imports = imports
        # Names the module hands to connect(model=...): a test on them is a model test
        # whatever they are called (``variant``, ``self.llm``).
        self.model_names = model_names
        # The model id the code moves to, when the caller says (``--fix-style gate``): a test
        # that tells 3.x models apart (``"3.8" in model and "extended" not in model``) then
        # says which branch never runs on it. None: tests are read by generation only.
        self.target_id: str | None = None
        # Flags and Queues ask back through a weak proxy: a cycle here would keep the whole
        # module's tree alive until the cyclic collector ran (issue 10: memory and GC time).
        helpers_see = weakref.proxy(self)
        self.flags = Flags(helpers_see)
        self.queues = Queues(helpers_see)
        self._memo: dict[tuple[str, int], object] = {}
        self._active: set[tuple[str, int]] = set()
        self._cycles = 0
        self._uncached = 0
        self._exiting_ifs: dict[int, list[cst.If]] = {}

    # --- public questions -------------------------------------------------------------
    def mentions_model(self, node: cst.CSTNode) -> bool:
        """The tested value holds a model id: its name says so (:func:`mentions_model`), or
        it is what this module passes as a Live session's model."""
        return mentions_model(node) or (_last_name(node) in self.model_names)  # type: ignore[arg-type]

    def is_legacy_only(self, node: cst.CSTNode) -> bool:
        """True when ``node`` only runs for 2.x models."""
        return self.generation_of(node) == "legacy"

    def generation_of(self, node: cst.CSTNode) -> Generation | None:
        """The generation ``node`` only runs for: its innermost gated branch, a queued item it
        forwards, or (in a function) the generation every caller of the function runs for.
        Memoised: every rule asks it of every config entry it looks at."""
        return self.memo("generation", node, lambda: self._generation_of(node), None)

    def _generation_of(self, node: cst.CSTNode) -> Generation | None:
        generation = self.branch_generation(node)
        if generation is not None:
            return generation
        if isinstance(node, cst.Call):
            generation = self.queues.forwarded_generation(node)
            if generation is not None:
                return generation
        function = self.b.call_function.get(id(node)) if isinstance(node, cst.Call) else None
        if function is None:
            function = self.b.enclosing_function(node)
        return self.function_generation(function) if function is not None else None

    def sides(self, test: cst.BaseExpression) -> Sides:
        """What each branch of ``if <test>`` can only run for."""
        return self.memo("sides", test, lambda: self._on_target(test, self._sides(test)), UNKNOWN)

    def read_for_target(self, model_id: str) -> None:
        """From now on, read model tests for the target ``model_id`` too: a branch a test
        never takes on that id is "legacy" (it runs for other models only), the other one is
        never "legacy". Answers given before are forgotten."""
        self.target_id = model_id
        self._memo.clear()

    def _on_target(self, test: cst.BaseExpression, sides: Sides) -> Sides:
        if self.target_id is None:
            return sides
        holds = self.holds_for(test, self.target_id)
        if holds is None:
            return sides
        if holds:
            return Sides(sides.true if sides.true != "legacy" else None, "legacy")
        return Sides("legacy", sides.false if sides.false != "legacy" else None)

    def holds_for(self, test: cst.BaseExpression, model_id: str) -> bool | None:
        """What ``test`` is when the model is ``model_id``: ``"3.8" in model``, ``model ==
        "..."``, ``model in {...}`` / ``in NAME``, ``model.startswith(...)`` / ``endswith``,
        joined by ``and`` / ``or`` / ``not``. None when a part of it is not a test of a model
        against literals."""
        if isinstance(test, cst.BooleanOperation):
            left, right = self.holds_for(test.left, model_id), self.holds_for(test.right, model_id)
            if left is None or right is None:
                return None
            return (left and right) if isinstance(test.operator, cst.And) else (left or right)
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            inner = self.holds_for(test.expression, model_id)
            return None if inner is None else not inner
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            op, left, right = test.comparisons[0].operator, test.left, test.comparisons[0].comparator
            found: bool | None = None
            if isinstance(op, (cst.In, cst.NotIn)):
                literal = string_value(left)
                if literal is not None and self.mentions_model(right):
                    found = literal in model_id
                elif self.mentions_model(left):
                    options = _strings(self.b.value_of(right))
                    found = model_id in options if options else None
                return None if found is None else found == isinstance(op, cst.In)
            if isinstance(op, (cst.Equal, cst.NotEqual)):
                literal = string_value(right) if string_value(right) is not None else string_value(left)
                other = left if string_value(right) is not None else right
                if literal is None or not self.mentions_model(other):
                    return None
                return (model_id == literal) == isinstance(op, cst.Equal)
            return None
        if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute) \
                and test.func.attr.value in ("startswith", "endswith") and len(test.args) == 1 \
                and self.mentions_model(test.func.value):
            options = _strings(test.args[0].value)
            if not options:
                return None
            check = model_id.startswith if test.func.attr.value == "startswith" else model_id.endswith
            return any(check(o) for o in options)
        return None

    def tested_model(self, test: cst.BaseExpression) -> cst.BaseExpression | None:
        """The one model expression ``test`` tests in every part, for a test :meth:`holds_for`
        can read; None when its parts test different expressions."""
        found: list[cst.BaseExpression] = []
        pending = [test]  # a stack, not a closure calling itself (a reference cycle)
        while pending:
            node = pending.pop()
            if isinstance(node, cst.BooleanOperation):
                pending += (node.right, node.left)
            elif isinstance(node, cst.UnaryOperation):
                pending.append(node.expression)
            elif isinstance(node, cst.Comparison):
                # `"3.8" in model`, `model == "..."`, `model in {...}`: the side that is no literal
                left = node.left
                found.append(node.comparisons[0].comparator if string_value(left) is not None else left)
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
                found.append(node.func.value)
        if not found or not all(f.deep_equals(found[0]) for f in found[1:]):
            return None
        return found[0]

    def true_branch_generation(self, test: cst.BaseExpression) -> Generation | None:
        """The generation the true branch of ``if <test>`` can only run for."""
        return self.sides(test).true

    def branch_generation(self, node: cst.CSTNode) -> Generation | None:
        """The generation of the innermost enclosing branch that says one."""
        child: cst.CSTNode = node
        for ancestor in self.b.ancestors(node):
            generation: Generation | None = None
            kind = type(ancestor)  # exact types: isinstance through ABCMeta is slow here
            if kind is cst.If or kind is cst.IfExp:
                if child is ancestor.body:
                    generation = self.sides(ancestor.test).true
                elif child is ancestor.orelse:
                    generation = self.sides(ancestor.test).false
            elif kind is cst.While and child is ancestor.body:
                generation = self.sides(ancestor.test).true
            elif kind is cst.MatchCase and child is ancestor.body:
                generation = self._case_generation(ancestor)
            elif kind is cst.IndentedBlock:
                generation = self._after_early_exit(child, ancestor)
            if generation is not None:
                return generation
            child = ancestor
        return None

    def function_generation(self, function: cst.FunctionDef) -> Generation | None:
        """The generation every call of ``function`` in this module runs for (a call through
        a receiver the module cannot follow counts as a call of every method of that name)."""
        def compute() -> Generation | None:
            sites = [call for call in self.b.callers(function, unresolved=True)
                     if not any(a is function for a in self.b.ancestors(call))]
            return one({self.generation_of(site) for site in sites}) if sites else None

        return self.memo("function", function, compute, None)

    # --- memo with a cycle guard -----------------------------------------------------
    def memo(self, kind: str, node: cst.CSTNode, compute: Callable[[], T], unknown: T) -> T:
        """``compute()`` once per (kind, node); ``unknown`` for a question asked while it is
        being answered (a cycle), and nothing memoised that depended on such an answer."""
        key = (kind, id(node))
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        if key in self._active or len(self._active) > _MAX_ACTIVE:
            self._cycles += 1
            return unknown
        self._active.add(key)
        before = self._cycles
        try:
            result = compute()
        finally:
            self._active.discard(key)
        if self._cycles == before:
            self._memo[key] = result
        else:
            self._uncached += 1
            if self._uncached > _UNCACHED_BUDGET:
                self._memo[key] = result
        return result

    # --- tests ------------------------------------------------------------------------
    def _sides(self, test: cst.BaseExpression) -> Sides:
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            return self.sides(test.expression).negated()
        predicate = self._predicate_body(test)
        if predicate is not None:
            found = self.sides(predicate)
            if found:
                return found
        indirect = self.flags.sides(test)
        if indirect:
            return indirect
        capability = _last_name(test.func if isinstance(test, cst.Call) else test)
        if capability is not None and _LEGACY_CAPABILITY.search(capability):
            return Sides.exact("legacy")
        if isinstance(test, cst.BooleanOperation):
            left, right = self.sides(test.left), self.sides(test.right)
            if isinstance(test.operator, cst.And):
                # Both conjuncts hold in the true branch: either one narrows it; the false
                # branch is known only when both conjuncts' false branches agree.
                return Sides(left.true or right.true, left.false if left.false == right.false else None)
            return Sides(left.true if left.true == right.true else None, left.false or right.false)
        if isinstance(test, cst.Comparison):
            return Sides.exact(self._comparison(test))
        if isinstance(test, cst.Call):
            return self._call(test)
        if isinstance(test, (cst.Name, cst.Attribute)):
            name = test.value if isinstance(test, cst.Name) else test.attr.value
            if _NEW_CALL.search(name) and re.search(r"gemini|live|model|is_|3", name, re.I):
                return Sides.exact("new")
            if _LEGACY_CALL.search(name) and re.search(r"gemini|live|model|is_|legacy", name, re.I):
                return Sides.exact("legacy")
        return UNKNOWN

    def _comparison(self, test: cst.Comparison) -> Generation | None:
        if len(test.comparisons) != 1:
            return None
        target = test.comparisons[0]
        op = target.operator
        left, right = test.left, target.comparator
        literal = string_value(left) or string_value(right)
        other = right if string_value(left) is not None else left
        if literal is None and isinstance(op, (cst.In, cst.NotIn)):
            # model in ("gemini-3.1-...", "gemini-3.8-live") / model not in GEMINI_3_LIVE
            options = _strings(self.b.value_of(right))
            marks = {generation_mark(o) for o in options}
            if options and len(marks) == 1 and None not in marks and self.mentions_model(left):
                generation = marks.pop()
                return generation if isinstance(op, cst.In) else other_generation(generation)
            return None
        if literal is None or not self.mentions_model(other):
            return None
        generation = generation_mark(literal)
        if generation is None:
            return None
        if isinstance(op, (cst.In, cst.Equal, cst.Is)):
            return generation
        if isinstance(op, (cst.NotIn, cst.NotEqual, cst.IsNot)):
            return other_generation(generation)
        return None

    def _call(self, test: cst.Call) -> Sides:
        func = test.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("startswith", "endswith", "__contains__"):
            if not self.mentions_model(func.value):
                return UNKNOWN
            marks = {generation_mark(s) for a in test.args for s in _strings(a.value)}
            marks.discard(None)
            return Sides.exact(marks.pop()) if len(marks) == 1 else UNKNOWN
        if isinstance(func, cst.Name) and func.value == "isinstance":
            return self.queues.isinstance_sides(test)
        name = func.attr.value if isinstance(func, cst.Attribute) else (
            func.value if isinstance(func, cst.Name) else None)
        if name is not None:
            if _NEW_CALL.search(name):
                return Sides.exact("new")
            if _LEGACY_CALL.search(name):
                return Sides.exact("legacy")
        return UNKNOWN

    def predicate_function(self, test: cst.BaseExpression) -> cst.FunctionDef | None:
        """The function, method or property of this module a test calls or reads."""
        if isinstance(test, cst.Call):
            return self.b.callee(test)
        if isinstance(test, cst.Name):
            return self.b.function_named(test.value, test)
        if isinstance(test, cst.Attribute) and isinstance(test.value, cst.Name) and test.value.value in ("self", "cls"):
            return self.b.method_of_enclosing_class(test.attr.value, test)
        return None

    def _predicate_body(self, test: cst.BaseExpression) -> cst.BaseExpression | None:
        """What a test stands for: the returned expression of a one-line predicate of this module
        it calls or reads (a function, method or property whose body is ``return <expr>``), or the
        one value a local flag was assigned (``non_blocking = self._supports_... and ...``;
        ``x if <test> else None`` stands for its test)."""
        if isinstance(test, cst.Name):
            _, values = self.b.resolve_name(test.value, test)
            if len(values) == 1:
                value = values[0]
                if isinstance(value, cst.IfExp) and isinstance(value.orelse, cst.Name) \
                        and value.orelse.value in ("None", "False"):
                    return value.test
                if isinstance(value, (cst.BooleanOperation, cst.UnaryOperation, cst.Comparison, cst.Call,
                                      cst.Attribute)):
                    return value
        function = self.predicate_function(test)
        returns = self.b.returns.get(function, []) if function is not None else []
        return returns[0] if len(returns) == 1 else None

    # --- branches ---------------------------------------------------------------------
    def _case_generation(self, case: cst.MatchCase) -> Generation | None:
        """``match model: case "gemini-2.5-...":`` — the case's literal names a generation."""
        match = self.b.parent(case)
        if not isinstance(match, cst.Match) or not self.mentions_model(match.subject):
            return None
        pattern = case.pattern
        values = pattern.patterns if isinstance(pattern, cst.MatchOr) else [pattern]
        marks = set()
        for value in values:
            value = value.pattern if isinstance(value, cst.MatchOrElement) else value
            literal = string_value(value.value) if isinstance(value, cst.MatchValue) else None
            if literal is None:
                return None
            marks.add(generation_mark(literal))
        return marks.pop() if len(marks) == 1 and None not in marks else None

    def _after_early_exit(self, statement: cst.CSTNode, block: cst.IndentedBlock) -> Generation | None:
        """``if "gemini-3" in model: return ...`` earlier in the same block means the statements
        after it only run for what the test's false branch runs for."""
        candidates = self._exiting_ifs.get(id(block))
        if candidates is None:
            candidates = [s for s in block.body if isinstance(s, cst.If) and s.orelse is None and exits(s.body)]
            self._exiting_ifs[id(block)] = candidates
        if not candidates:
            return None
        position = self.b.order[id(statement)]
        for earlier in candidates:
            if self.b.order[id(earlier)] >= position:
                return None
            generation = self.sides(earlier.test).false
            if generation is not None:
                return generation
        return None

    def parameter_of(self, scope: object, name: str) -> bool:
        """``name`` is a parameter of the function ``scope`` (a caller decides its value)."""
        return isinstance(scope, cst.FunctionDef) and parameter(scope, name) is not None

