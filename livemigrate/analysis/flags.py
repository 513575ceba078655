"""Flags and capability predicates: a test whose truthy values are only ever produced in
gated code is itself a gate.

``self._needs_turn_complete = True`` written only under ``if not self._is_gemini_3:`` (and
``False`` everywhere else) makes ``if self._needs_turn_complete:`` a 2.x-only branch. The same
holds for a capability method whose ``return True`` statements all sit in 2.x-only code. A
flag proves nothing about its false branch unless every falsy value is gated too: the default
``False`` is usually ungated, so ``not flag`` and ``else`` stay unknown.

Every write counts: plain, annotated, augmented (``|=``) and unpacked assignments, loop and
``with`` targets, ``global`` writes from other functions, attribute writes on any object (a
subclass or a caller may set the flag), ``setattr``, and the fields of a dataclass-like class
(a constructor argument may set them). One write the module cannot place in gated code, and
the flag is no gate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import libcst as cst

from livemigrate.analysis.bindings import parameter, string_value
from livemigrate.analysis.gates import UNKNOWN, Sides, one
from livemigrate.analysis.syntax import descendants, exits

if TYPE_CHECKING:
    from livemigrate.analysis.gates import Gates

__all__ = ["Flags", "literal_truth"]

_PROPERTY_DECORATORS = ("property", "cached_property")


def literal_truth(value: cst.BaseExpression | None) -> bool | None:
    """Whether a written value is truthy, when it is a literal (None: not a literal)."""
    if isinstance(value, cst.Name):
        return {"True": True, "False": False, "None": False}.get(value.value)
    if isinstance(value, (cst.Integer, cst.Float)):
        return value.value.replace("_", "").strip("0.") != ""
    if isinstance(value, cst.SimpleString):
        text = string_value(value)
        return None if text is None else bool(text)
    if isinstance(value, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
        return bool(value.elements)
    return None


def _decorated_as_property(function: cst.FunctionDef) -> bool:
    for decorator in function.decorators:
        node = decorator.decorator
        name = node.attr.value if isinstance(node, cst.Attribute) else getattr(node, "value", None)
        if name in _PROPERTY_DECORATORS:
            return True
    return False


def _field_of_generated_init(statement: cst.CSTNode | None, klass: cst.ClassDef | None) -> bool:
    """An annotated class-body field of a decorated class or one with bases (dataclass,
    attrs, pydantic, NamedTuple): its constructor takes the field as an argument."""
    return isinstance(statement, cst.AnnAssign) and klass is not None and bool(klass.decorators or klass.bases)


class Flags:
    """Flag and multi-return predicate gates, answered through :class:`~.gates.Gates`."""

    def __init__(self, gates: "Gates") -> None:
        self.gates = gates
        self.b = gates.b

    def sides(self, test: cst.BaseExpression) -> Sides:
        """What each branch of ``if <test>`` runs for, when ``test`` is a flag or calls or
        reads a predicate of this module."""
        gates = self.gates
        if isinstance(test, cst.Call) or (isinstance(test, cst.Attribute) and self._is_property(test)):
            function = gates.predicate_function(test)
            if function is None:
                return UNKNOWN
            return gates.memo("predicate", function, lambda: self._predicate(function), UNKNOWN)
        if isinstance(test, cst.Name):
            return self._name(test)
        if isinstance(test, cst.Attribute) and isinstance(test.value, cst.Name) \
                and test.value.value in ("self", "cls"):
            return self._attribute(test)
        if isinstance(test, cst.Attribute):
            return self._field_of_another_object(test)
        return UNKNOWN

    def _field_of_another_object(self, test: cst.Attribute) -> Sides:
        """``self.caps.mutable_history``: a field of an object this module builds, set from
        its constructor's parameter (``Caps(mutable_history="3.1" not in model)``). Every
        write of the field counts, a parameter's through the keyword arguments of the calls
        that build the class; anything the module cannot follow leaves the test unknown."""
        name = test.attr.value
        stores = self.b.attribute_stores.get(name)
        if not stores:
            return UNKNOWN
        return self.gates.memo("field", stores[0].target, lambda: self._field_sides(name, stores), UNKNOWN)

    def _field_sides(self, name: str, stores) -> Sides:
        sources: list[tuple[cst.CSTNode | None, cst.BaseExpression | None]] = []
        for store in stores:
            value = store.value
            function = self.b.enclosing_function(store.target)
            if isinstance(value, cst.Name) and function is not None and parameter(function, value.value) is not None:
                klass = self.b.enclosing_class(function)
                param = parameter(function, value.value)
                if klass is None or function.name.value != "__init__":
                    return UNKNOWN
                calls = self.b.calls_by_name.get(klass.name.value, [])
                for call in calls:
                    args = [a for a in call.args if a.keyword is not None and a.keyword.value == param.name.value]
                    if any(a.keyword is None for a in call.args) or len(args) != 1:
                        return UNKNOWN  # positional or missing: not followed
                    sources.append((call, args[0].value))
                if not calls or param.default is not None:
                    return UNKNOWN
                continue
            sources.append((store.target, value))
        return self._truthy_sides(sources) if sources else UNKNOWN

    def _is_property(self, test: cst.Attribute) -> bool:
        function = self.gates.predicate_function(test)
        return function is not None and _decorated_as_property(function)

    # --- predicates -------------------------------------------------------------------
    def _predicate(self, function: cst.FunctionDef) -> Sides:
        sources: list[tuple[cst.CSTNode | None, cst.BaseExpression | None]] = []
        for node in descendants(function.body):
            if isinstance(node, cst.Return):
                sources.append((node, node.value if node.value is not None else cst.Name("None")))
        if not sources:
            return UNKNOWN
        if not exits(function.body, loop=False):
            sources.append((None, cst.Name("None")))  # falls off the end: None, from anywhere
        return self._truthy_sides(sources)

    # --- flags ------------------------------------------------------------------------
    def _name(self, test: cst.Name) -> Sides:
        scope, _ = self.b.resolve_name(test.value, test)
        if scope is None or self.gates.parameter_of(scope, test.value):
            return UNKNOWN  # a caller decides its value
        stores = self.b.name_stores.get((scope, test.value))
        if not stores:
            return UNKNOWN
        return self.gates.memo("flag", stores[0].target,
                               lambda: self._truthy_sides((s.target, s.value) for s in stores), UNKNOWN)

    def _attribute(self, test: cst.Attribute) -> Sides:
        name = test.attr.value
        if self.gates.predicate_function(test) is not None:
            return UNKNOWN  # a method read without calling it: always truthy
        stores = self.b.attribute_stores.get(name)
        if not stores:
            return UNKNOWN
        return self.gates.memo("flag", stores[0].target, lambda: self._attribute_sides(name, stores), UNKNOWN)

    def _attribute_sides(self, name: str, stores) -> Sides:
        for store in stores:
            # Name stores of an attribute are class-body assignments.
            if isinstance(store.target, cst.Name) and _field_of_generated_init(
                    self.b.parent(store.target), self.b.enclosing_class(store.target)):
                return UNKNOWN
        for call in self.b.calls_by_name.get("setattr", []):
            if len(call.args) >= 2 and string_value(call.args[1].value) == name:
                return UNKNOWN
        return self._truthy_sides((s.target, s.value) for s in stores)

    # --- the rule shared by both --------------------------------------------------------
    def _truthy_sides(self, sources: Iterable[tuple[cst.CSTNode | None, cst.BaseExpression | None]]) -> Sides:
        """Sides of a test whose value comes from ``sources`` ((where it is written, what is
        written)): its true branch runs for the generation every possibly-truthy write is
        gated to (or whose value is itself a test that is true only for it), likewise its
        false branch for the possibly-falsy writes."""
        gates = self.gates
        truthy: set = set()
        falsy: set = set()
        for site, value in sources:
            truth = literal_truth(value)
            where = gates.generation_of(site) if site is not None else None
            sides = gates.sides(value) if value is not None and where is None and truth is None else Sides()
            if truth is not False:
                truthy.add(where or sides.true)
            if truth is not True:
                falsy.add(where or sides.false)
        return Sides(one(truthy), one(falsy))
