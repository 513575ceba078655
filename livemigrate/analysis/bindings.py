"""Where names get their values in one module: a light, single-pass binding index.

Live configs are rarely written inline in ``connect(config=...)``: they are module constants,
variables assigned once or several times, dicts filled in later (``cfg["k"] = v``,
``cfg.k = v``, ``cfg.update(...)``), attributes set on ``self``, dataclass field defaults, or
the return value of a function. This index answers "what values can this name hold here"
for those shapes, without libcst's full scope analysis.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Union

import libcst as cst

__all__ = ["Bindings", "Mutation", "Scope", "index_bindings", "string_value"]

Scope = Union[cst.Module, cst.FunctionDef, cst.ClassDef, cst.Lambda]


@dataclass(frozen=True)
class Mutation:
    """A later change to a container bound to a name.

    ``key`` is the field or dict key written (None for ``append``/``extend``); ``key_node``
    is where it is spelled; ``statement`` the statement that does it (what a fix removes).
    """

    statement: cst.CSTNode
    key: str | None
    key_node: cst.CSTNode
    value: cst.BaseExpression
    spelling: str  # "subscript" | "attribute" | "update-key" | "update-kwarg" | "append"
    # Keys between the bound name and this one: cfg["a"]["b"] = v has prefix ("a",).
    prefix: tuple[str, ...] = ()


def string_value(node: cst.CSTNode | None) -> str | None:
    """The value of a plain or implicitly concatenated string literal (no f-strings)."""
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except Exception:  # pragma: no cover - libcst raises on odd prefixes
            return None
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        left, right = string_value(node.left), string_value(node.right)
        return None if left is None or right is None else left + right
    return None


class Bindings:
    """The binding index of a module; build it with :func:`index_bindings`."""

    def __init__(self, module: cst.Module) -> None:
        self.module = module
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        # Pre-order position of every node: "is this call before that one" in source order.
        self.order: dict[int, int] = {}
        self.assignments: dict[tuple[Scope, str], list[cst.BaseExpression]] = defaultdict(list)
        self.mutations: dict[tuple[Scope, str], list[Mutation]] = defaultdict(list)
        self.attributes: dict[tuple[cst.ClassDef, str], list[cst.BaseExpression]] = defaultdict(list)
        self.attribute_mutations: dict[tuple[cst.ClassDef, str], list[Mutation]] = defaultdict(list)
        self.functions: dict[tuple[Scope, str], cst.FunctionDef] = {}
        self.classes: dict[tuple[Scope, str], cst.ClassDef] = {}
        self.returns: dict[cst.FunctionDef, list[cst.BaseExpression]] = defaultdict(list)
        # Gathered in the same pass so the LiveModel never walks the tree again.
        self.calls: list[cst.Call] = []
        # The innermost function each call is in (None: module level), and the reverse.
        self.call_function: dict[int, cst.FunctionDef | None] = {}
        self.calls_in: dict[int, list[cst.Call]] = defaultdict(list)
        self.calls_by_name: dict[str, list[cst.Call]] = defaultdict(list)
        self.dicts: list[cst.Dict] = []
        self.strings: list[cst.SimpleString] = []
        self.imports: list[cst.Import | cst.ImportFrom] = []
        self.fstring_texts: list[cst.FormattedStringText] = []
        self.comparisons: list[cst.Comparison] = []

    # --- navigation -----------------------------------------------------------------
    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.parents.get(node)

    def ancestors(self, node: cst.CSTNode):
        """The parents of ``node``, innermost first."""
        current = self.parents.get(node)
        while current is not None:
            yield current
            current = self.parents.get(current)

    def enclosing_function(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, cst.FunctionDef):
                return ancestor
        return None

    def enclosing_class(self, node: cst.CSTNode) -> cst.ClassDef | None:
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, cst.ClassDef):
                return ancestor
        return None

    def lookup_scopes(self, node: cst.CSTNode):
        """Scopes in which a name used at ``node`` is looked up, innermost first (class
        bodies are skipped for code inside their methods, as Python does)."""
        first = True
        for ancestor in [node, *self.ancestors(node)]:
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.Module)) or (
                first and isinstance(ancestor, cst.ClassDef)
            ):
                if ancestor is not node:
                    yield ancestor
                    first = False

    # --- resolution -----------------------------------------------------------------
    def resolve_name(self, name: str, at: cst.CSTNode) -> tuple[Scope | None, list[cst.BaseExpression]]:
        """The scope binding ``name`` as seen from ``at`` and the values assigned to it
        there (empty when it is a parameter or unknown)."""
        for scope in self.lookup_scopes(at):
            if (scope, name) in self.assignments:
                return scope, self.assignments[(scope, name)]
            if isinstance(scope, cst.FunctionDef) and parameter(scope, name) is not None:
                return scope, []
        return None, []

    def mutations_of(self, scope: Scope | None, name: str) -> list[Mutation]:
        return self.mutations.get((scope, name), []) if scope is not None else []

    def function_named(self, name: str, at: cst.CSTNode) -> cst.FunctionDef | None:
        for scope in self.lookup_scopes(at):
            if (scope, name) in self.functions:
                return self.functions[(scope, name)]
        return None


def _unwind(owner: cst.BaseExpression) -> tuple[cst.BaseExpression | None, tuple[str, ...]]:
    """``cfg["a"].b`` → (``cfg``, ("a", "b")); stops at a name or a ``self.x`` attribute."""
    keys: list[str] = []
    while True:
        if isinstance(owner, cst.Name):
            break
        if isinstance(owner, cst.Attribute):
            if isinstance(owner.value, cst.Name) and owner.value.value == "self":
                break
            keys.append(owner.attr.value)
            owner = owner.value
        elif isinstance(owner, cst.Subscript) and len(owner.slice) == 1 and isinstance(owner.slice[0].slice, cst.Index):
            key = string_value(owner.slice[0].slice.value)
            if key is None:
                return None, ()
            keys.append(key)
            owner = owner.value
        else:
            return None, ()
    return owner, tuple(reversed(keys))


def parameter(function: cst.FunctionDef, name: str) -> cst.Param | None:
    """The parameter of ``function`` called ``name``, if any."""
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value == name:
            return param
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param) and star.name.value == name:
            return star
    return None


class _Indexer(cst.CSTVisitor):
    def __init__(self, bindings: Bindings) -> None:
        super().__init__()
        self.b = bindings
        self.stack: list[cst.CSTNode] = []
        self.scopes: list[Scope] = [bindings.module]
        self.functions: list[cst.FunctionDef] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.b.order[id(node)] = len(self.b.order)
        if self.stack:
            self.b.parents[node] = self.stack[-1]
        self.stack.append(node)
        if isinstance(node, cst.FunctionDef):
            self.b.functions[(self.scopes[-1], node.name.value)] = node
            self.functions.append(node)
        if isinstance(node, cst.ClassDef):
            self.b.classes[(self.scopes[-1], node.name.value)] = node
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            self.scopes.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        self.stack.pop()
        if isinstance(original_node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            self.scopes.pop()
        if isinstance(original_node, cst.FunctionDef):
            self.functions.pop()

    # --- assignments ----------------------------------------------------------------
    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression, statement: cst.CSTNode) -> None:
        scope = self.scopes[-1]
        if isinstance(target, cst.Name):
            self.b.assignments[(scope, target.value)].append(value)
            if isinstance(scope, cst.ClassDef):
                self.b.attributes[(scope, target.value)].append(value)
        elif isinstance(target, cst.Attribute):
            owner = target.value
            if isinstance(owner, cst.Name) and owner.value == "self":
                klass = self._current_class()
                if klass is not None:
                    self.b.attributes[(klass, target.attr.value)].append(value)
                    return
            self._mutate(owner, target.attr.value, target.attr, value, statement, "attribute")
        elif isinstance(target, cst.Subscript) and len(target.slice) == 1:
            index = target.slice[0].slice
            if isinstance(index, cst.Index):
                key = string_value(index.value)
                if key is not None:
                    self._mutate(target.value, key, index.value, value, statement, "subscript")
        elif isinstance(target, (cst.Tuple, cst.List)) and isinstance(value, (cst.Tuple, cst.List)):
            if len(target.elements) == len(value.elements):
                for t, v in zip(target.elements, value.elements):
                    self._bind(t.value, v.value, statement)

    def _mutate(self, owner: cst.BaseExpression, key: str | None, key_node: cst.CSTNode,
                value: cst.BaseExpression, statement: cst.CSTNode, spelling: str) -> None:
        owner, prefix = _unwind(owner)
        if owner is None:
            return
        mutation = Mutation(statement, key, key_node, value, spelling, prefix)
        if isinstance(owner, cst.Name):
            scope, _ = self.b.resolve_name(owner.value, statement)
            self.b.mutations[(scope or self.scopes[-1], owner.value)].append(mutation)
        elif (isinstance(owner, cst.Attribute) and isinstance(owner.value, cst.Name)
              and owner.value.value == "self"):
            klass = self._current_class()
            if klass is not None:
                self.b.attribute_mutations[(klass, owner.attr.value)].append(mutation)

    def _current_class(self) -> cst.ClassDef | None:
        for scope in reversed(self.scopes):
            if isinstance(scope, cst.ClassDef):
                return scope
        return None

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value, node)

    def visit_For(self, node: cst.For) -> None:
        # `for config in (A, B):` binds config to each element
        if isinstance(node.target, cst.Name) and isinstance(node.iter, (cst.Tuple, cst.List, cst.Set)):
            for element in node.iter.elements:
                self._bind(node.target, element.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value, node)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value, node)

    def visit_Return(self, node: cst.Return) -> None:
        if self.functions and node.value is not None:
            self.b.returns[self.functions[-1]].append(node.value)

    def visit_Dict(self, node: cst.Dict) -> None:
        self.b.dicts.append(node)

    def visit_Import(self, node: cst.Import) -> None:
        self.b.imports.append(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.b.imports.append(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.b.strings.append(node)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self.b.fstring_texts.append(node)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self.b.comparisons.append(node)

    def visit_Call(self, node: cst.Call) -> None:
        self.b.calls.append(node)
        function = self.functions[-1] if self.functions else None
        self.b.call_function[id(node)] = function
        self.b.calls_in[id(function)].append(node)
        func = node.func
        callee = func.value if isinstance(func, cst.Name) else (
            func.attr.value if isinstance(func, cst.Attribute) else None)
        if callee is not None:
            self.b.calls_by_name[callee].append(node)
        # cfg.update({...}) / cfg.update(k=v) / lst.append(x) / lst.extend([...])
        if not isinstance(func, cst.Attribute):
            return
        method, owner = func.attr.value, func.value
        statement = self._statement_of_call(node)
        if method == "update":
            for arg in node.args:
                if arg.keyword is not None:
                    self._mutate(owner, arg.keyword.value, arg.keyword, arg.value, statement, "update-kwarg")
                elif isinstance(arg.value, cst.Dict):
                    for element in arg.value.elements:
                        if isinstance(element, cst.DictElement):
                            key = string_value(element.key)
                            if key is not None:
                                self._mutate(owner, key, element.key, element.value, statement, "update-key")
        elif method in ("append", "extend", "insert") and node.args:
            self._mutate(owner, None, node, node.args[-1].value, statement, "append")
        elif method == "setdefault" and len(node.args) == 2:
            key = string_value(node.args[0].value)
            if key is not None:
                self._mutate(owner, key, node.args[0].value, node.args[1].value, statement, "subscript")

    def _statement_of_call(self, node: cst.Call) -> cst.CSTNode:
        # The expression statement when the call stands alone; else the call itself.
        parent = self.stack[-2] if len(self.stack) > 1 else None
        if isinstance(parent, cst.Expr):
            return parent
        return node


def index_bindings(module: cst.Module) -> Bindings:
    """Build the :class:`Bindings` of ``module`` in one traversal."""
    bindings = Bindings(module)
    module.visit(_Indexer(bindings))
    return bindings
