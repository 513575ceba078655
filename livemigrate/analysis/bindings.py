"""Where names get their values in one module: a light, single-pass binding index.

Live configs are rarely written inline in ``connect(config=...)``: they are module constants,
variables assigned once or several times, dicts filled in later (``cfg["k"] = v``,
``cfg.k = v``, ``cfg.update(...)``), attributes set on ``self``, dataclass field defaults, or
the return value of a function. This index answers "what values can this name hold here"
for those shapes, without libcst's full scope analysis.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice
from typing import Iterator, Mapping, NamedTuple, Sequence, Union

import libcst as cst

from livemigrate.analysis.blocks import names_read
from livemigrate.analysis.tree_walk import preorder

__all__ = ["Bindings", "Mutation", "ParentMap", "Scope", "Store", "index_bindings", "index_key", "parameter", "string_value"]

Scope = Union[cst.Module, cst.FunctionDef, cst.ClassDef, cst.Lambda]
# Exact-type checks on the hot paths: libcst's node classes are ABCs, and an isinstance
# through ABCMeta on every node of a big module costs more than the indexing it guards.
_NEW_SCOPES = frozenset({cst.FunctionDef, cst.ClassDef, cst.Lambda})
_FUNCTION_SCOPES = frozenset({cst.FunctionDef, cst.Lambda, cst.Module})
_SCOPES = _FUNCTION_SCOPES | {cst.ClassDef}
# Whether a node type is one of the kinds a rule asks for, decided once per process: an
# ``issubclass`` through ABCMeta for every type of every module cost more than the lists.
_MATCHES: dict[tuple[type, ...], dict[type, bool]] = {}


def _index_in(statements: Sequence[cst.CSTNode], statement: cst.CSTNode) -> int:
    return next(i for i, s in enumerate(statements) if s is statement)


class Store(NamedTuple):
    """One write to a name or attribute: ``target`` is the ``Name`` / ``Attribute`` written,
    ``value`` what is written, or None when the module cannot tell (``x |= y``, ``a, b = f()``,
    ``for x in ...``, ``with ... as x``)."""

    target: cst.CSTNode
    value: cst.BaseExpression | None


class ParentMap(Mapping[cst.CSTNode, cst.CSTNode]):
    """Node → parent for every node but the module, iterated in source (pre-order) order.

    Keyed by identity: libcst's ``CSTNode.__hash__`` is a Python-level call, and this map is
    read millions of times on a big module (a third of the analysis time before, issue 9 §5).
    """

    __slots__ = ("_by_id", "nodes")

    def __init__(self) -> None:
        self._by_id: dict[int, cst.CSTNode] = {}
        self.nodes: list[cst.CSTNode] = []  # every node, the module first

    def __getitem__(self, node: cst.CSTNode) -> cst.CSTNode:
        return self._by_id[id(node)]

    def get(self, node: cst.CSTNode, default: cst.CSTNode | None = None) -> cst.CSTNode | None:  # type: ignore[override]
        return self._by_id.get(id(node), default)

    def __contains__(self, node: object) -> bool:
        return id(node) in self._by_id

    def __iter__(self) -> Iterator[cst.CSTNode]:
        return islice(self.nodes, 1, None)

    def __len__(self) -> int:
        return max(len(self.nodes) - 1, 0)


@dataclass(frozen=True)
class Mutation:
    """A later change to a container bound to a name.

    ``key`` is the field or dict key written (None for ``append``/``extend``, and for
    ``update(other)``, whose keys are other's); ``key_node``
    is where it is spelled; ``statement`` the statement that does it (what a fix removes).
    """

    statement: cst.CSTNode
    key: str | None
    key_node: cst.CSTNode
    value: cst.BaseExpression
    spelling: str  # "subscript" | "attribute" | "update-key" | "update-kwarg" | "update" | "append"
    # Keys between the bound name and this one: cfg["a"]["b"] = v has prefix ("a",).
    prefix: tuple[str, ...] = ()


def string_value(node: cst.CSTNode | None) -> str | None:
    """The value of a plain or implicitly concatenated string literal (no f-strings)."""
    if isinstance(node, cst.SimpleString):
        value = _verbatim(node.value)
        if value is not None:
            return value
        import warnings

        try:
            with warnings.catch_warnings():  # ast.literal_eval warns of `"\d"` (a SyntaxWarning on 3.12+)
                warnings.simplefilter("ignore")
                value = node.evaluated_value
        except Exception:  # pragma: no cover - libcst raises on odd prefixes
            return None
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        left, right = string_value(node.left), string_value(node.right)
        return None if left is None or right is None else left + right
    return None


# How many functions returning an object (`await Service.create()`) callee resolution follows
# one inside another: a module chaining hundreds of them must not exhaust the stack.
_MAX_BUILDERS = 8


def index_key(node: cst.Subscript) -> str | None:
    """The string key of ``x["key"]`` (None for any other subscript)."""
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return string_value(node.slice[0].slice.value)
    return None


def _verbatim(literal: str) -> str | None:
    """The value of a str literal whose value is its text between the quotes (no escapes,
    or a raw string): most of them. libcst's ``evaluated_value`` compiles each literal with
    ``ast.literal_eval``, a tenth of the analysis on string-heavy modules. None: ask it."""
    quote = 0
    while literal[quote] not in "'\"":
        quote += 1
    prefix = literal[:quote].lower()
    if "b" in prefix or "\r" in literal:  # bytes; CR newlines are normalised by the compiler
        return None
    body = literal[quote:]
    width = 3 if body[:3] in ('"""', "'''") else 1
    inner = body[width:-width]
    if "r" in prefix or "\\" not in inner:
        return inner
    return None


class Bindings:
    """The binding index of a module; build it with :func:`index_bindings`."""

    def __init__(self, module: cst.Module) -> None:
        self.module = module
        self._top_indexes: dict[int, int] | None = None  # top-level statement → index (on first use)
        self._top_calls: dict[int, list[cst.Call]] = {}  # module-level function → its top-level calls (on first use)
        self._nested_writes: dict[tuple[int, str], bool] = {}  # (scope, name) → written in a nested scope
        self.parents = ParentMap()
        # Pre-order position of every node: "is this call before that one" in source order.
        self.order: dict[int, int] = {}
        # Where each node's subtree ends in pre-order (``parents.nodes[order:end]`` is the
        # subtree): walks of a subtree are a slice, not libcst's slow ``children``.
        self.ends = array("l")
        # Every node by its exact type, in source order: a rule that looks for calls or
        # subscripts reads those, not every node of the module.
        self.by_type: dict[type, list[cst.CSTNode]] = {}
        self._of_kinds: dict[tuple[type, ...], list[cst.CSTNode]] = {}
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
        # Every write, for "is this flag only ever set in gated code": names by their scope,
        # attributes by their name alone (any owner, any class: a subclass or another
        # object may set it too).
        self.name_stores: dict[tuple[Scope, str], list[Store]] = defaultdict(list)
        self.attribute_stores: dict[str, list[Store]] = defaultdict(list)
        # `x.<name>` reads and writes by attribute name (does a queue escape its class).
        self.attribute_nodes: dict[str, list[cst.Attribute]] = defaultdict(list)
        self.classes_by_name: dict[str, list[cst.ClassDef]] = defaultdict(list)
        self._callees: dict[int, cst.FunctionDef | None] = {}
        self._building = 0  # builder functions being followed for the class they return (_classes_built)
        self._callers: dict[int, list[cst.Call]] | None = None
        # (class or function, parameter) → the config fields other modules' calls pass it
        # (ModuleFacts.filled_configs; "*": not known), set by the LiveModel
        self.configs_elsewhere: dict[tuple[str, str], set[str]] = {}
        self._unresolved_by_name: dict[str, list[cst.Call]] = {}
        self._built: dict[int, list[cst.Call]] | None = None
        self._bound: dict[int, list[cst.Call]] | None = None
        # The scopes a name is looked up in, by the innermost scope around the use; and what
        # a name resolves to from there. Rules ask the same few names of the same scopes
        # thousands of times (issue 10 §5). None while the index is filled: an answer then
        # may change as later writes are indexed.
        self._scope_chains: dict[int, tuple[Scope, ...]] = {}
        self._resolved: dict[tuple[int, str], tuple[Scope | None, list[cst.BaseExpression] | None]] | None = None

    # --- navigation -----------------------------------------------------------------
    def nodes_of(self, kinds: tuple[type, ...]) -> list[cst.CSTNode]:
        """The nodes that are instances of one of ``kinds``, in source order (shared: do
        not change the list)."""
        found = self._of_kinds.get(kinds)
        if found is None:
            matches = _MATCHES.get(kinds)
            if matches is None:
                matches = _MATCHES[kinds] = {}
            lists = []
            for kind, nodes in self.by_type.items():
                match = matches.get(kind)
                if match is None:
                    match = matches[kind] = issubclass(kind, kinds)
                if match:
                    lists.append(nodes)
            if len(lists) == 1:
                found = lists[0]
            else:
                order, everything = self.order, self.parents.nodes
                found = [everything[i] for i in sorted([order[id(n)] for nodes in lists for n in nodes])]
            self._of_kinds[kinds] = found
        return found

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The node ``node`` is written in."""
        return self.parents._by_id.get(id(node))

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        """The parents of ``node``, innermost first."""
        by_id = self.parents._by_id
        current = by_id.get(id(node))
        while current is not None:
            yield current
            current = by_id.get(id(current))

    def enclosing_function(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        """The innermost function ``node`` is written in."""
        for ancestor in self.ancestors(node):
            if type(ancestor) is cst.FunctionDef:
                return ancestor  # type: ignore[return-value]
        return None

    def enclosing_class(self, node: cst.CSTNode) -> cst.ClassDef | None:
        """The innermost class ``node`` is written in."""
        for ancestor in self.ancestors(node):
            if type(ancestor) is cst.ClassDef:
                return ancestor  # type: ignore[return-value]
        return None

    def attribute_class(self, node: cst.Attribute) -> cst.ClassDef | None:
        """The class of this module whose attribute ``node`` reads: the enclosing class for
        ``self.x`` / ``cls.x``; for any other owner (``self.settings.config``,
        ``settings.model``), the one class of the module that has an attribute of that name
        (a settings object's class is rarely written where it is read). None when no class,
        or several, have it."""
        owner = node.value
        if isinstance(owner, cst.Name) and owner.value in ("self", "cls"):
            return self.enclosing_class(node)
        attr = node.attr.value
        if isinstance(owner, cst.Name):
            # `message = AudioMessage(**data)` then `message.mime_type`: the class it was built
            # from, when every value of the name is one of this module's with that attribute
            _, values = self.resolve_name(owner.value, node)
            built = [self.class_named(v.func.value, v) if type(v) is cst.Call and type(v.func) is cst.Name else None
                     for v in values]
            if built and all(k is not None and (k, attr) in self.attributes for k in built) \
                    and len({id(k) for k in built}) == 1:
                return built[0]
        holders = {id(klass): klass for klass, name in self.attributes if name == attr}
        return next(iter(holders.values())) if len(holders) == 1 else None

    def attribute_values(self, node: cst.Attribute) -> list[cst.BaseExpression]:
        """The values assigned to the attribute ``node`` reads, in the class
        :meth:`attribute_class` finds (empty when none or several classes have it)."""
        klass = self.attribute_class(node)
        return self.attributes.get((klass, node.attr.value), []) if klass is not None else []

    def lookup_scopes(self, node: cst.CSTNode) -> tuple[Scope, ...]:
        """Scopes in which a name used at ``node`` is looked up, innermost first (class
        bodies are skipped for code inside their methods, as Python does)."""
        by_id = self.parents._by_id
        innermost = by_id.get(id(node))
        while innermost is not None and type(innermost) not in _SCOPES:
            innermost = by_id.get(id(innermost))
        if innermost is None:
            return ()
        # The rest depends on that scope alone: worked out once per scope.
        chain = self._scope_chains.get(id(innermost))
        if chain is None:
            outer = (a for a in self.ancestors(innermost) if type(a) in _FUNCTION_SCOPES)
            chain = self._scope_chains[id(innermost)] = (innermost, *outer)  # type: ignore[assignment]
        return chain

    # --- resolution -----------------------------------------------------------------
    def resolve_name(self, name: str, at: cst.CSTNode) -> tuple[Scope | None, list[cst.BaseExpression]]:
        """The scope binding ``name`` as seen from ``at`` and the values assigned to it
        there (empty when it is a parameter or unknown)."""
        scopes = self.lookup_scopes(at)
        # The answer depends on the innermost scope alone (see lookup_scopes).
        key = (id(scopes[0]), name) if scopes and self._resolved is not None else None
        found = self._resolved.get(key) if key is not None else None  # type: ignore[union-attr]
        if found is None:
            found = self._resolve_in(scopes, name)
            if key is not None:
                self._resolved[key] = found  # type: ignore[index]
        scope, values = found
        if values is not None and len(values) > 1:
            target = self.parent(at)
            assign = self.parent(target) if type(target) is cst.AssignTarget and target.target is at else None
            if type(assign) is cst.Assign and any(value is assign.value for value in values):
                return scope, [assign.value]  # the name where this statement binds it: its value
            guarded = self._bound_by_guard(values, at)
            if guarded is not None:
                return scope, [guarded]
            if type(scope) is cst.Module:
                # a name a notebook cell binds inside its `async with` block and reads there
                # (`turn = session.receive()`, bound again by the next cell's block)
                reaching = self._reaching_in_scope(scope, name, values, at)
                return scope, reaching if len(reaching) < len(values) else self._reaching(values, at)
            if type(scope) is cst.FunctionDef:
                return scope, self._reaching_in_scope(scope, name, values, at)
        return scope, values if values is not None else []  # a list of its own: callers may extend it

    def _bound_by_guard(self, values: list[cst.BaseExpression], at: cst.CSTNode) -> cst.BaseExpression | None:
        """The value a walrus in the test of an ``if`` / ``while`` around ``at`` binds
        (``if (parts := model_turn.get("parts")) is not None: parts[0]``): what ``at`` reads,
        whatever other cells of a notebook bind to the same name; the innermost such test."""
        walrus = {id(self.parent(value)): value for value in values if type(self.parent(value)) is cst.NamedExpr}
        if not walrus:
            return None
        child: cst.CSTNode = at
        for ancestor in self.ancestors(at):
            if type(ancestor) in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
                return None
            if type(ancestor) in (cst.If, cst.While) and child is ancestor.body:  # type: ignore[attr-defined]
                for node in preorder(ancestor.test)[0]:  # type: ignore[attr-defined]
                    if id(node) in walrus:
                        return walrus[id(node)]
            child = ancestor
        return None

    def _reaching(self, values: list[cst.BaseExpression], at: cst.CSTNode) -> list[cst.BaseExpression]:
        """Of a module-level name's values, the one that reaches ``at`` when the module runs
        straight down: every value assigned by a top-level ``name = value`` statement
        (``config = {...}`` in a notebook cell, then again in a later one) and ``at`` in a later
        top-level statement that is not a function or class (whose code may run after any of
        them). Otherwise all of them: a binding in a branch or a loop may or may not have run."""
        use = self._top_index(at)
        if use is None or type(self.module.body[use]) is cst.ClassDef:
            return list(values)
        if type(self.module.body[use]) is cst.FunctionDef:
            # a function the module's own top-level code alone calls (`async def main(): ...`
            # then `await main()` in the same notebook cell) sees what reaches those calls
            calls = self._top_level_calls(self.module.body[use])  # type: ignore[arg-type]
            if not calls:
                return list(values)
            reaching = [value for call in calls for value in self._reaching(values, call)]
            return list({id(v): v for v in reaching}.values())
        before: list[tuple[int, cst.BaseExpression]] = []
        for value in values:
            assign = self.parent(value)
            line = self.parent(assign) if type(assign) is cst.Assign else None
            if line is None or self.parent(line) is not self.module:
                return list(values)
            index = self._top_index(line)
            if index is not None and index < use:
                before.append((index, value))
        return [max(before, key=lambda pair: pair[0])[1]] if before else list(values)

    def _reaching_in_scope(self, scope: cst.FunctionDef | cst.Module, name: str,
                              values: list[cst.BaseExpression], at: cst.CSTNode) -> list[cst.BaseExpression]:
        """Of a function's local name's values (or a module's), the one that reaches ``at`` when
        a plain ``name = value`` statement runs before it in the same statement list (or one
        around it) and no other write to the name lies between the two (``config =
        received["setup"]``, then ``config = {...}``, then ``connect(config=config)``: only the
        literal is the config). Otherwise all of them: a write in a branch, a loop or a nested
        function between them may or may not have run."""
        # The statement lists around `at` within the function, innermost first, and the
        # index of the statement holding `at` in each.
        around: list[tuple[cst.IndentedBlock | cst.Module, int]] = []
        child: cst.CSTNode = at
        for parent in self.ancestors(at):
            if parent is scope:
                if type(scope) is cst.Module:
                    around.append((scope, self._top_index(child)))
                break
            if type(parent) is cst.IndentedBlock:
                around.append((parent, _index_in(parent.body, child)))
            elif type(parent) in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
                return values  # read in a nested function: it may run at any time
            child = parent
        else:
            return values
        for block, use in around:
            chosen = None
            for value in values:
                assign = self.parent(value)
                line = self.parent(assign) if type(assign) is cst.Assign else None
                if type(line) is cst.SimpleStatementLine and len(line.body) == 1 and self.parent(line) is block:
                    index = self._top_index(line) if block is self.module else _index_in(block.body, line)
                    if index < use and (chosen is None or index > chosen[0]):
                        chosen = (index, value)
            if chosen is None:
                continue
            index, value = chosen
            stores = self.name_stores.get((scope, name), ())
            if self._written_in_nested_scope(scope, name, stores):
                return values  # written in a nested function: it may run at any time
            # Only a store inside the stretch from the chosen line to the statement holding `at`
            # can lie between them (source order; a notebook's hundred cells each rebinding the
            # name made the walk below quadratic).
            statements = block.body
            start, end = self.order[id(statements[index])], self.ends[self.order[id(statements[use])]]
            for store in stores:
                if store.value is value or not start <= self.order[id(store.target)] < end:
                    continue
                holder = self._child_of(block, store.target, scope)
                if holder is not None and holder >= 0 and index <= holder <= use:
                    return values  # written between the two, or around `at`
            return [value]
        return values

    def _written_in_nested_scope(self, scope, name: str, stores) -> bool:
        """Some store of ``name`` sits in a function, lambda or class nested in ``scope``."""
        key = (id(scope), name)
        found = self._nested_writes.get(key)
        if found is None:
            found = False
            for store in stores:
                for parent in self.ancestors(store.target):
                    if parent is scope:
                        break
                    if type(parent) in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
                        found = True
                        break
                if found:
                    break
            self._nested_writes[key] = found
        return found

    def _child_of(self, block: cst.IndentedBlock | cst.Module, node: cst.CSTNode,
                  scope: cst.FunctionDef | cst.Module) -> int | None:
        """The index in ``block`` of the statement holding ``node``; -1 when ``block`` does
        not hold it; None when a function or class nested in ``scope`` does."""
        child = node
        for parent in self.ancestors(node):
            if parent is block:
                return self._top_index(child) if block is self.module else _index_in(block.body, child)
            if parent is scope:
                return -1
            if type(parent) in (cst.FunctionDef, cst.Lambda, cst.ClassDef):
                return None
            child = parent
        return -1

    def _top_level_calls(self, function: cst.FunctionDef) -> list[cst.Call]:
        """The calls of a module-level ``function`` when every use of its name is one, in a
        top-level statement that is no function or class (``await main()``, ``asyncio.run(
        main())``); none when any use lies elsewhere or hands the function on (a callback, a
        task of another function): it may then run at any time."""
        if id(function) in self._top_calls:
            return self._top_calls[id(function)]
        self._top_calls[id(function)] = calls = self._find_top_level_calls(function)
        return calls

    def _find_top_level_calls(self, function: cst.FunctionDef) -> list[cst.Call]:
        name = function.name.value
        calls = []
        for node in self.by_type.get(cst.Name, ()):
            if node.value != name or node is function.name:  # type: ignore[attr-defined]
                continue
            call = self.parent(node)
            index = self._top_index(node)
            if type(call) is not cst.Call or call.func is not node or index is None \
                    or type(self.module.body[index]) in (cst.FunctionDef, cst.ClassDef):
                return []
            calls.append(call)
        return calls

    def _top_index(self, node: cst.CSTNode) -> int | None:
        """The index in the module's body of the top-level statement holding ``node``."""
        if self._top_indexes is None:
            self._top_indexes = {id(statement): index for index, statement in enumerate(self.module.body)}
        by_id = self.parents._by_id
        while node is not None:
            index = self._top_indexes.get(id(node))
            if index is not None:
                return index
            node = by_id.get(id(node))
        return None

    def _resolve_in(self, scopes: tuple[Scope, ...], name: str
                    ) -> tuple[Scope | None, list[cst.BaseExpression] | None]:
        """The first of ``scopes`` binding ``name``, and its values (None: a parameter)."""
        for scope in scopes:
            if (scope, name) in self.assignments:
                return scope, self.assignments[(scope, name)]
            if isinstance(scope, cst.FunctionDef) and parameter(scope, name) is not None:
                return scope, None
        return None, None

    def mutations_of(self, scope: Scope | None, name: str) -> list[Mutation]:
        """Later changes to the container ``name`` is bound to in ``scope``."""
        return self.mutations.get((scope, name), []) if scope is not None else []

    def function_named(self, name: str, at: cst.CSTNode) -> cst.FunctionDef | None:
        """The function ``name`` refers to at ``at`` (Python's scope rules)."""
        for scope in self.lookup_scopes(at):
            if (scope, name) in self.functions:
                return self.functions[(scope, name)]
        return None

    def method_of_enclosing_class(self, name: str, at: cst.CSTNode) -> cst.FunctionDef | None:
        """``name`` defined in the class whose body (or method) holds ``at``."""
        klass = self.enclosing_class(at)
        return self.functions.get((klass, name)) if klass is not None else None

    def value_of(self, node: cst.BaseExpression, hops: int = 5) -> cst.BaseExpression:
        """A name followed to the one value it is assigned (through up to ``hops`` names),
        else the node itself."""
        for _ in range(hops):
            if type(node) is not cst.Name:  # exact type (no subclass): isinstance through ABCMeta is slow
                break
            _, values = self.resolve_name(node.value, node)
            if len(values) != 1:
                break
            node = values[0]
        return node

    def filled_elsewhere(self, function: cst.FunctionDef, name: str) -> set[str] | None:
        """The config fields other modules of the run pass as parameter ``name`` of
        ``function`` (a module-level function, or a class's ``__init__``), None when no other
        module passes it: its default is not the only value it takes."""
        owner = self.owner_key(function) if self.configs_elsewhere else None
        return self.configs_elsewhere.get((owner, name)) if owner is not None else None

    def owner_key(self, function: cst.FunctionDef) -> str | None:
        """How other modules name what calls ``function`` (the project index's key): its class
        for an ``__init__``, its name for a module-level function, None for another method."""
        klass = self.enclosing_class(function)
        if klass is None:
            return function.name.value
        return klass.name.value if function.name.value == "__init__" else None

    def callee(self, call: cst.Call, *, by_name: bool = False) -> cst.FunctionDef | None:
        """The function of this module a call runs: ``f(...)``, ``self.m(...)`` /
        ``cls.m(...)``, or ``obj.m(...)`` where ``obj = SomeClass(...)`` of this module.
        With ``by_name``, ``obj.m(...)`` on a receiver the module cannot follow is taken to
        run the ``m`` in scope or of the enclosing class (config builders: what such a
        call returns is more likely the config than not)."""
        key = id(call)
        if key in self._callees:
            found = self._callees[key]
        else:
            self._callees[key] = None  # while resolving: a call whose receiver comes back to it runs nothing known
            # Kept even when a chain of builders was cut short (_MAX_BUILDERS): resolving each call
            # once keeps a module whose builders branch linear (not caching those answers made
            # one module of a measured project run for minutes).
            found = self._callees[key] = self._resolve_callee(call)
        if found is None and by_name and isinstance(call.func, cst.Attribute):
            name = call.func.attr.value
            found = self.function_named(name, call) or self.method_of_enclosing_class(name, call)
        return found

    def _resolve_callee(self, call: cst.Call) -> cst.FunctionDef | None:
        func = call.func
        kind = type(func)  # exact types (neither has a subclass): asked of every call
        if kind is cst.Name:
            return self.function_named(func.value, call)
        if kind is not cst.Attribute or type(func.value) is not cst.Name:
            return None
        owner = func.value.value
        if owner in ("self", "cls"):
            return self.method_of_enclosing_class(func.attr.value, call)
        _, values = self.resolve_name(owner, call)
        if not values and owner in self.classes_by_name:
            # `Service.create(...)`: a class or static method of a class of this module
            return next((m for k in self.classes_by_name[owner] if (m := self.functions.get((k, func.attr.value)))), None)
        for value in values:
            for klass in self._classes_built(value, 0):
                method = self.functions.get((klass, func.attr.value))
                if method is not None:
                    return method
        return None

    def _classes_built(self, value: cst.BaseExpression, depth: int) -> list[cst.ClassDef]:
        """The classes of this module whose object ``value`` holds: ``Klass(...)``, or what a
        function of the module returns (``await Service.create(...)`` returning ``Voice(...)``,
        directly or through a name), two calls deep."""
        if type(value) is cst.Await:
            value = value.expression
        if type(value) is not cst.Call:
            return []
        if type(value.func) is cst.Name and value.func.value in self.classes_by_name:
            return list(self.classes_by_name[value.func.value])
        if depth >= 2 or self._building >= _MAX_BUILDERS:
            # (callee() comes back here for each receiver of a chain `x1 = f1()`, `def f2(): return
            # x1.m()`...: the nesting is bounded across those calls, not only within one)
            return []
        self._building += 1
        try:
            function = self.callee(value)
            found: list[cst.ClassDef] = []
            for returned in self.returns.get(function, ()) if function is not None else ():
                held = self.resolve_name(returned.value, returned)[1] if type(returned) is cst.Name else [returned]
                for one in held:
                    found += self._classes_built(one, depth + 1)
            return found
        finally:
            self._building -= 1

    def defaulted_parameter(self, function: cst.FunctionDef, name: str) -> cst.Param | None:
        """The parameter ``name`` of ``function`` when the function rebinds it only under a test
        of it (``if config is None: config = {...}``): what its callers pass still reaches the
        code after the test, beside what the function fills in."""
        param = parameter(function, name)
        stores = self.name_stores.get((function, name)) if param is not None else None
        if not stores:
            return None
        for store in stores:
            tested = False
            for ancestor in self.ancestors(store.target):
                if ancestor is function:
                    break
                if type(ancestor) is cst.If and any(n.value == name for n in names_read(ancestor.test)):  # type: ignore[attr-defined]
                    tested = True
                    break
            if not tested:
                return None
        return param

    def parameter_values(self, function: cst.FunctionDef, param: cst.Param, *,
                         unresolved: bool = True) -> list[cst.BaseExpression]:
        """What ``param`` of ``function`` may hold: its default, then what this module's calls
        pass for it (:meth:`call_site_arguments`)."""
        return ([param.default] if param.default is not None else []) + self.call_site_arguments(
            function, param, unresolved=unresolved)

    def call_site_arguments(self, function: cst.FunctionDef, param: cst.Param, *,
                            unresolved: bool = True) -> list[cst.BaseExpression]:
        """What this module's calls that may run ``function`` (unresolved ``obj.name(...)`` ones
        too unless ``unresolved`` is False, ``Klass(...)`` for an ``__init__``,
        ``functools.partial(function, ...)``) pass for ``param``, by position or keyword. A
        position after a ``*args`` argument is not known: only keywords count there."""
        return [value for passed in self._passed_per_site(function, param, unresolved) for value in passed]

    def default_unused(self, function: cst.FunctionDef, param: cst.Param) -> bool:
        """Every call of ``function`` this module makes passes ``param``, and it makes at
        least one: the default is never used here (with no call here, a caller elsewhere is
        assumed to use it)."""
        passed = self._passed_per_site(function, param, True)
        return param.default is not None and bool(passed) and all(passed)

    def _passed_per_site(self, function: cst.FunctionDef, param: cst.Param,
                         unresolved: bool) -> list[list[cst.BaseExpression]]:
        """Per call that may run ``function``, what it passes for ``param`` (empty: nothing)."""
        params = [*function.params.posonly_params, *function.params.params]
        position = next((i for i, p in enumerate(params) if p is param), None)
        if position is not None and params and params[0].name.value in ("self", "cls"):
            position -= 1
        found: list[list[cst.BaseExpression]] = []
        # The calls that may run this function (each other function of the same name has
        # its own): one lookup, where scanning every same-named call per parameter was
        # quadratic on a module repeating one class shape.
        sites = [(call, 0) for call in self.callers(function, unresolved=unresolved)]
        sites += [(call, 1) for call in self._partials().get(id(function), ())]  # after the function
        if function.name.value == "__init__":
            klass = self.parent(self.parent(function) or function)
            sites += [(call, 0) for call in self._constructions().get(id(klass), ())]
        for call, skip in sites:
            positional = []
            here: list[cst.BaseExpression] = []
            for a in call.args:
                if a.star:  # `f(*args, x)`: where x lands depends on args
                    break
                if a.keyword is None:
                    positional.append(a)
            positional = positional[skip:]
            if position is not None and 0 <= position < len(positional):
                here.append(positional[position].value)
            here.extend(a.value for a in call.args if a.keyword is not None and a.keyword.value == param.name.value)
            found.append(here)
        return found

    def class_named(self, name: str, at: cst.CSTNode) -> cst.ClassDef | None:
        """The class ``name`` refers to at ``at`` (Python's scope rules; a function or value
        bound to the name in a nearer scope hides it)."""
        for scope in self.lookup_scopes(at):
            if (scope, name) in self.classes:
                return self.classes[(scope, name)]
            if (scope, name) in self.functions or (scope, name) in self.assignments:
                return None
        return None

    def callers_all_read(self, function: cst.FunctionDef) -> bool:
        """Every call of this module that may run ``function`` passes arguments
        :meth:`call_site_arguments` reads: none spreads ``*args`` / ``**kwargs``, and an
        ``__init__``'s class is built only by its name (no ``cls(...)`` / ``type(self)(...)``,
        no subclass of the module inheriting it)."""
        sites = list(self.callers(function, unresolved=True))
        if function.name.value == "__init__":
            klass = self.parent(self.parent(function) or function)
            sites += self._constructions().get(id(klass), ())
            name = klass.name.value if isinstance(klass, cst.ClassDef) else None
            if self.calls_by_name.get("cls") or any(isinstance(c.func, cst.Call) for c in self.calls) \
                    or any((b.value.value if type(b.value) is cst.Name else getattr(getattr(b.value, "attr", None), "value", None))
                           == name for k in self.nodes_of((cst.ClassDef,)) for b in k.bases):
                return False
        return not any(a.star for call in sites for a in call.args)

    def _constructions(self) -> dict[int, list[cst.Call]]:
        """``Klass(...)`` calls by the class of this module they build (indexed once)."""
        if self._built is None:
            self._built = defaultdict(list)
            for name, classes in self.classes_by_name.items():
                for call in self.calls_by_name.get(name, ()):
                    klass = self.class_named(name, call) if isinstance(call.func, cst.Name) else None
                    if klass is not None:
                        self._built[id(klass)].append(call)
        return self._built

    def _partials(self) -> dict[int, list[cst.Call]]:
        """``functools.partial(f, ...)`` calls by the function of this module they bind."""
        if self._bound is None:
            self._bound = defaultdict(list)
            for call in self.calls_by_name.get("partial", ()):
                func = call.func
                first = call.args[0] if call.args else None
                if not (isinstance(func, cst.Name) or (isinstance(func.value, cst.Name) and func.value.value == "functools")) \
                        or first is None or first.keyword is not None or first.star:
                    continue  # another library's partial, or nothing to bind
                function = None
                if isinstance(first.value, cst.Name):
                    function = self.function_named(first.value.value, call)
                elif isinstance(first.value, cst.Attribute) and isinstance(first.value.value, cst.Name) \
                        and first.value.value.value in ("self", "cls"):
                    function = self.method_of_enclosing_class(first.value.attr.value, call)
                if function is not None:
                    self._bound[id(function)].append(call)
        return self._bound

    def callers(self, function: cst.FunctionDef, *, unresolved: bool = False) -> list[cst.Call]:
        """The calls that run ``function`` (see :meth:`callee`). With ``unresolved``, also every
        ``obj.<name>(...)`` whose receiver this module cannot follow: it may be this function,
        which is what a question like "is it only ever called from gated code" must assume."""
        if self._callers is None:
            self._callers = defaultdict(list)
            unknown: dict[str, list[cst.Call]] = defaultdict(list)
            for call in self.calls:
                target = self.callee(call)
                if target is not None:
                    self._callers[id(target)].append(call)
                elif isinstance(call.func, cst.Attribute):
                    unknown[call.func.attr.value].append(call)
            self._unresolved_by_name = unknown
        found = self._callers.get(id(function), [])
        if unresolved:
            found = found + self._unresolved_by_name.get(function.name.value, [])
        return found


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


# What declares a field of a dataclass, pydantic model or attrs class (its default is the value).
FIELD_DECLARATIONS = frozenset({"field", "Field", "attrib", "ib"})


def field_default_values(bindings: Bindings, call: cst.Call) -> list[cst.BaseExpression] | None:
    """The values a field declaration gives its field: ``default=V`` (or attrs' and pydantic's
    first positional argument), the body of a ``default_factory=`` / ``factory=`` lambda, or
    what a factory function of this module returns. None when ``call`` declares no field."""
    func = call.func
    name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
    if name not in FIELD_DECLARATIONS:
        return None
    values: list[cst.BaseExpression] = []
    for index, arg in enumerate(call.args):
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword == "default" or (keyword is None and index == 0 and not arg.star):
            values.append(arg.value)
        elif keyword in ("default_factory", "factory"):
            if isinstance(arg.value, cst.Lambda):
                values.append(arg.value.body)
            elif isinstance(arg.value, cst.Name):
                function = bindings.function_named(arg.value.value, arg.value)
                values.extend(bindings.returns.get(function, []) if function is not None else [])
    return values


def parameter(function: cst.FunctionDef, name: str) -> cst.Param | None:
    """The parameter of ``function`` called ``name``, if any."""
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value == name:
            return param
    for star in (params.star_arg, params.star_kwarg):
        if type(star) is cst.Param and star.name.value == name:  # not a ParamStar, nor MaybeSentinel
            return star
    return None


class _Indexer:
    """Fills a :class:`Bindings` from the module's nodes in pre-order
    (:func:`~livemigrate.analysis.tree_walk.preorder`)."""

    def __init__(self, bindings: Bindings) -> None:
        self.b = bindings
        self.scopes: list[Scope] = [bindings.module]
        self.functions: list[cst.FunctionDef] = []
        # Names a function declares `global` / `nonlocal`: its writes bind elsewhere.
        self.declared: dict[int, dict[str, str]] = {}
        self.by_id = bindings.parents._by_id

    def run(self, positions: list[int]) -> None:
        """Enter the scopes and call the ``visit_*`` handlers of the nodes at ``positions``
        (ascending: the handlers see what came before them, as in one traversal)."""
        nodes, ends = self.b.parents.nodes, self.b.ends
        scopes, functions = self.scopes, self.functions
        scope_ends = [len(nodes)]
        for position in positions:
            while position >= scope_ends[-1]:  # the scopes that ended before this node
                scope_ends.pop()
                if type(scopes.pop()) is cst.FunctionDef:
                    functions.pop()
            node = nodes[position]
            kind = type(node)
            if kind in _NEW_SCOPES:
                if kind is cst.FunctionDef:
                    self.b.functions[(scopes[-1], node.name.value)] = node
                    functions.append(node)
                elif kind is cst.ClassDef:
                    self.b.classes[(scopes[-1], node.name.value)] = node
                    self.b.classes_by_name[node.name.value].append(node)
                scopes.append(node)
                scope_ends.append(ends[position])
            else:
                _VISITS[kind](self, node)

    # --- assignments ----------------------------------------------------------------
    def _scope_of_write(self, name: str) -> Scope:
        """Where a write to ``name`` in the current scope binds (``global`` / ``nonlocal``)."""
        scope = self.scopes[-1]
        declared = self.declared.get(id(scope), {}).get(name)
        if declared == "global":
            return self.b.module
        if declared == "nonlocal":
            for outer in reversed(self.scopes[:-1]):
                if isinstance(outer, (cst.FunctionDef, cst.Lambda)):
                    return outer
        return scope

    def _store(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        """Record a write whose value may be unknown (see :class:`Store`)."""
        if isinstance(target, cst.Name):
            scope = self._scope_of_write(target.value)
            self.b.name_stores[(scope, target.value)].append(Store(target, value))
            if isinstance(scope, cst.ClassDef):
                self.b.attribute_stores[target.value].append(Store(target, value))
        elif isinstance(target, cst.Attribute):
            self.b.attribute_stores[target.attr.value].append(Store(target, value))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._store(element.value, None)
        elif isinstance(target, cst.StarredElement):
            self._store(target.value, None)

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression, statement: cst.CSTNode) -> None:
        scope = self.scopes[-1]
        if not isinstance(target, (cst.Tuple, cst.List)) or not isinstance(value, (cst.Tuple, cst.List)) \
                or len(target.elements) != len(value.elements):
            self._store(target, value if not isinstance(target, (cst.Tuple, cst.List)) else None)
        if isinstance(target, cst.Name):
            scope = self._scope_of_write(target.value)
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
        self._bind_each(node.target, node.iter, node)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        # A comprehension's target is bound in the enclosing scope here: Python 3 gives it a
        # scope of its own, but a name only the comprehension reads loses nothing by that.
        # Only elements of a literal list are bound: an unknown write would make a flag of
        # the same name in the function look set outside gated code.
        self._bind_each(node.target, node.iter, node, store_unknown=False)

    def _bind_each(self, target: cst.BaseExpression, iterable: cst.BaseExpression, statement: cst.CSTNode,
                   store_unknown: bool = True) -> None:
        """``for config in (A, B)`` / ``for config in CONFIGS`` (``CONFIGS = [A, B]``) binds
        ``config`` to each element, and ``for model, version in PAIRS`` each name to its side
        of each pair."""
        if isinstance(iterable, cst.Name):
            # looked up from the loop: its children are not indexed yet
            _, values = self.b.resolve_name(iterable.value, statement)
            if len(values) == 1:
                iterable = values[0]
        literal = isinstance(iterable, (cst.Tuple, cst.List, cst.Set)) \
            and not any(isinstance(e, cst.StarredElement) for e in iterable.elements)
        if isinstance(target, cst.Name) and literal:
            for element in iterable.elements:
                self._bind(target, element.value, statement)
        elif literal and isinstance(target, (cst.Tuple, cst.List)) \
                and all(isinstance(t, cst.Element) and isinstance(t.value, cst.Name) for t in target.elements):
            # `for model, version in [("m1", "v1beta"), ...]`: each name to its side of each pair
            for element in iterable.elements:
                value = element.value
                if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(target.elements) \
                        and not any(isinstance(e, cst.StarredElement) for e in value.elements):
                    self._bind(target, value, statement)
                elif store_unknown:
                    for t in target.elements:
                        self._store(t.value, None)
        elif store_unknown:
            self._store(target, None)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value, node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._store(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._store(node.asname.name, None)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._store(node.name.name, None)

    def visit_Global(self, node: cst.Global) -> None:
        self._declare(node.names, "global")

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self._declare(node.names, "nonlocal")

    def _declare(self, names, kind: str) -> None:
        declared = self.declared.setdefault(id(self.scopes[-1]), {})
        for item in names:
            declared[item.name.value] = kind

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.b.attribute_nodes[node.attr.value].append(node)

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
        kind = type(func)  # exact types (neither has a subclass): every call goes through here
        callee = func.value if kind is cst.Name else (func.attr.value if kind is cst.Attribute else None)
        if callee is not None:
            self.b.calls_by_name[callee].append(node)
        # cfg.update({...}) / cfg.update(k=v) / lst.append(x) / lst.extend([...])
        if kind is not cst.Attribute:
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
                        else:  # update({**other})
                            self._mutate(owner, None, node, element.value, statement, "update")
                else:  # update(other) / update(**other): its keys are other's
                    self._mutate(owner, None, node, arg.value, statement, "update")
        elif method in ("append", "extend", "insert") and node.args:
            self._mutate(owner, None, node, node.args[-1].value, statement, "append")
        elif method == "setdefault" and len(node.args) == 2:
            key = string_value(node.args[0].value)
            if key is not None:
                self._mutate(owner, key, node.args[0].value, node.args[1].value, statement, "subscript")

    def _statement_of_call(self, node: cst.Call) -> cst.CSTNode:
        # The expression statement when the call stands alone; else the call itself.
        parent = self.by_id.get(id(node))
        if isinstance(parent, cst.Expr):
            return parent
        return node


_VISITS = {
    node_type: method
    for name, method in vars(_Indexer).items()
    if name.startswith("visit_") and (node_type := getattr(cst, name[len("visit_"):], None)) is not None
}


_INDEXED = frozenset(_VISITS) | _NEW_SCOPES


def index_bindings(module: cst.Module) -> Bindings:
    """Build the :class:`Bindings` of ``module`` in one traversal."""
    from livemigrate.analysis.syntax import register_index

    bindings = Bindings(module)
    nodes, parents, ends, by_type = preorder(module)
    ids = list(map(id, nodes))
    bindings.parents.nodes = nodes
    bindings.parents._by_id = dict(zip(islice(ids, 1, None), map(nodes.__getitem__, islice(parents, 1, None))))
    bindings.order = dict(zip(ids, range(len(ids))))
    bindings.ends = ends
    bindings.by_type = by_type
    # Only scopes and the nodes a handler reads need a second look, in source order.
    order = bindings.order
    wanted = sorted([order[id(node)] for kind, of_kind in by_type.items() if kind in _INDEXED for node in of_kind])
    _Indexer(bindings).run(wanted)
    bindings._resolved = {}  # every write is indexed: answers may be kept from now on
    register_index(bindings)
    return bindings
