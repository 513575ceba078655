"""``--fix-style gate``: keep the 2.x path and add the target's, branching on the model id.

A library that must serve 2.5 and 3.x callers side by side cannot have its 2.5 settings
rewritten: the old model needs them. In gate style a config-entry fix is turned into the same
change behind a model-id test, written in the module's own idiom (``"gemini-3" in model``,
``model.startswith("gemini-3")``), so that on the old model the code sends exactly what it
sent before and on the target what the rewrite would send:

- in a dict (or a ``dict(...)`` call) the entry becomes a spread,
  ``**({"thinking_level": "low"} if <target> else {"thinking_budget": 1024})``, and a removal
  ``**({} if <target> else {"proactivity": ...})``: the same keys, in the same order;
- a keyword of a typed ``types.X(...)`` call gets a conditional value,
  ``thinking_budget=(None if <target> else 1024), thinking_level=(LOW if <target> else None)``:
  the google-genai configs are pydantic models serialised without None fields, so None is
  "not set" and the keyword's type is still checked.

The analysis reads both shapes as gated (:mod:`livemigrate.analysis.gates`): the old side
only runs for 2.x models, so a second run finds nothing there (the fixed point holds).

- a new value for the same entry becomes a conditional value,
  ``response_modalities=(["AUDIO"] if <target> else ["TEXT"])``, in either shape;
- an entry a fix adds after a kept one exists on the target only: a typed keyword whose value
  is None on the old model, a spread that adds nothing there.

Scope: fixes whose edits replace, remove or add an ``Arg`` / ``DictElement`` (or replace an
entry's value) of a config whose sessions all use one model expression, a name or ``self.x``
visible where the config is built. A fix that is right on every model (``Fix.model`` is
None) applies as it is; any other fix (a rewrite of how messages are read, a model id move)
is not applied and its finding says it needs a human.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Callable

import libcst as cst

from livemigrate.edits import Edit, Replace, Splice
from livemigrate.rule import Fix, RuleContext

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import Located

__all__ = ["GateContext", "gate_fix"]

# A test on the model expression: the expression in, the test that is true on the target out.
TestBuilder = Callable[[cst.BaseExpression], cst.BaseExpression]


class GateContext(RuleContext):
    """A :class:`RuleContext` that turns every fix a rule reports into its gated form
    before the fix-safety policy weighs it (the engine uses it for ``fix-style = "gate"``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The gates this style writes tell 3.8 Live from extended thinking: read them (and
        # the module's own) for the target's id, or a second run would gate the old side again.
        self.live.gates.read_for_target(self.target.model_id)
        self._entries: tuple[dict[int, Located], dict[int, Located]] | None = None

    @property
    def entries(self) -> tuple[dict[int, Located], dict[int, Located]]:
        """The module's config entries by the id of their node and of their value: one index
        for every fix of the module, not one per fix."""
        if self._entries is None:
            located = self.live.config_entries()
            self._entries = ({id(loc.entry.node): loc for loc in located},
                             {id(loc.entry.value): loc for loc in located})
        return self._entries

    def report(self, node: cst.CSTNode, message: str | None = None, fix: Fix | None = None) -> None:
        if fix is not None:
            gated = gate_fix(fix, self)
            if isinstance(gated, str):
                assert self.rule is not None
                message = f"{message or self.rule.message} (fix-style gate: not fixed, {gated}; needs a human)"
                fix = None
            else:
                fix = gated
        super().report(node, message, fix)


def gate_fix(fix: Fix, ctx: GateContext) -> Fix | str:
    """``fix`` in gate style, or why it cannot be gated (a sentence). A fix right on every
    model (no ``model``) comes back unchanged."""
    if fix.switches_model:
        return "moving the model id is the caller's choice when both models stay supported"
    if fix.model is None:
        return fix
    located, by_value = ctx.entries
    idiom = _idiom(ctx, fix)
    if idiom is None:
        return f"no model-id test of this module is true on {ctx.target.model_id} and false on the old model"
    edits: list[Edit] = []
    for edit in fix.edits:
        where = located.get(id(edit.node))
        value_of = by_value.get(id(edit.node)) if isinstance(edit, Replace) else None
        if value_of is None and where is None and isinstance(edit, Replace) \
                and isinstance(ctx.live.parent(edit.node), cst.IfExp) and edit.node is not ctx.live.parent(edit.node).test:
            # one side of a conditional in an entry's value (the target's side of an earlier
            # gate, `(BLOCKING if <3.8 Live> else None)`): gated on that side
            value_of = next((by_value[id(a)] for a in ctx.live.ancestors(edit.node) if id(a) in by_value), None)
        adds_after = isinstance(edit, Splice) and bool(edit.new) and edit.new[0] is edit.node
        if where is None and adds_after:
            # entries added after a spread an earlier gate wrote: any entry of that container says where
            container = ctx.live.parent(edit.node)
            where = next((loc for loc in ctx.live.config_entries() if loc.entry.container is container), None)
        if value_of is not None:  # a new value for an entry: the same key on each model
            where = value_of
        elif where is None or not (isinstance(edit.node, (cst.Arg, cst.DictElement)) or adds_after):
            return "the fix does not change one config entry"
        model = _model_expression(ctx, where)
        if model is None:
            return "the session's model is not a name or self attribute visible where the config is built"
        if value_of is not None:
            assert isinstance(edit, Replace)
            gated: Edit | None = Replace(edit.node, _conditional(edit.new, edit.node, idiom(model)), key=edit.key)
        else:
            gated = _gated_edit(edit, where, idiom(model))
        if gated is None:
            return "the fix changes a config entry in a shape gate style does not cover yet"
        edits.append(gated)
    # Right on every model now: the policy must not weigh it as a rewrite for one model.
    return replace(fix, edits=tuple(edits), model=None, description=f"{fix.description} (gated on the model id)")


# --- the model expression ------------------------------------------------------------------
def _model_expression(ctx: RuleContext, located: "Located") -> cst.BaseExpression | None:
    """The one model expression every session of the config uses, when the code that builds
    the config can read it too; None otherwise."""
    connects = located.config.connects
    if not connects or any(c.model_expr is None for c in connects):
        return None
    model = connects[0].model_expr
    if not all(c.model_expr.deep_equals(model) for c in connects[1:]):
        return None
    # The analysis must see the test as a model test (see Gates.mentions_model).
    if not ctx.live.gates.mentions_model(model):
        return None
    bindings = ctx.live.bindings
    at = located.entry.node
    if isinstance(model, cst.Name):
        seen_there = [bindings.resolve_name(model.value, c.call)[0] for c in connects]
        scope = bindings.resolve_name(model.value, at)[0]
        return model if scope is not None and all(s is scope for s in seen_there) else None
    if (isinstance(model, cst.Attribute) and isinstance(model.value, cst.Name) and model.value.value == "self"
            and isinstance(model.attr, cst.Name)):
        function = bindings.enclosing_function(at)
        params = function.params.params if function is not None else ()
        klass = bindings.enclosing_class(at)
        if (params and params[0].name.value == "self" and klass is not None
                and all(bindings.enclosing_class(c.call) is klass for c in connects)):
            return model
    return None


# --- the module's idiom --------------------------------------------------------------------
def _idiom(ctx: RuleContext, fix: Fix) -> TestBuilder | None:
    """How this module tests the model id, as a builder of "is the target" tests: the first
    test it writes (a comparison, ``startswith``, or several joined by ``and`` / ``or`` /
    ``not``) that holds for the target id and for none of the other ids (the fix's old ids,
    earlier 3.x targets, and the target's siblings of the same version), or its negation;
    else ``"gemini-3" in <model>``, or the target's version (``"gemini-3.8" in <model>``) when
    ``"gemini-3"`` would also catch an older one, or the target's id; each with ``and
    "<suffix>" not in <model>`` for a sibling whose id extends the target's
    (``"gemini-3.8" in model and "-extended-thinking" not in model`` for 3.8 Live). None
    when no test tells them apart."""
    target = ctx.target.model_id
    others = _other_ids(ctx, fix)
    gates = ctx.live.gates
    for test in _tests_in(ctx):
        holds = [gates.holds_for(test, i) for i in (target, *others)]
        if None in holds:
            continue
        if holds[0] and not any(holds[1:]):
            return _reuse(test, gates.tested_model(test), negated=False)
        if not holds[0] and all(holds[1:]):
            return _reuse(test, gates.tested_model(test), negated=True)
    version = re.match(r"gemini-\d+(?:\.\d+)?", target)
    for prefix in ("gemini-3", version.group() if version else target, target):
        caught = [i for i in others if prefix in i]
        # a sibling whose id is the target's plus a suffix is told apart by that suffix
        suffixes = list(dict.fromkeys(i[len(target):] for i in caught if i.startswith(target) and i != target))
        if prefix in target and len(suffixes) == len(set(caught)) and not any(x in target for x in suffixes):
            return _builder(prefix, suffixes)
    return None


def _other_ids(ctx: RuleContext, fix: Fix) -> list[str]:
    """Model ids the gated code must treat as old: what the fix knows the session uses, the
    targets of earlier versions, and the other targets of the same version (3.8 Live and
    extended thinking: their verdicts differ on the thinking config and on tool behavior, so
    a gate for one must not catch the other's callers; a library serving both gets the
    other's path from a run with that target)."""
    from livemigrate.migration import TARGETS

    version = _version(ctx.target.model_id)
    earlier = [t.model_id for t in TARGETS.values() if version is not None and _version(t.model_id) is not None
               and _version(t.model_id) <= version and t.model_id != ctx.target.model_id]
    known = list(fix.model.ids) if fix.model is not None else []
    return [i for i in dict.fromkeys([*known, *earlier]) if i != ctx.target.model_id]


def _version(model_id: str) -> tuple[int, ...] | None:
    found = re.search(r"gemini-(\d+(?:\.\d+)?)", model_id)
    return tuple(int(p) for p in found.group(1).split(".")) if found else None


def _tests_in(ctx: RuleContext) -> list[cst.BaseExpression]:
    """Model-id tests written in the module, outermost first: comparisons, ``startswith`` /
    ``endswith`` calls and their ``and`` / ``or`` / ``not`` combinations that test one model
    expression against literals (see :meth:`Gates.holds_for`)."""
    gates = ctx.live.gates
    found: list[cst.BaseExpression] = []
    for node in ctx.live.nodes(cst.BooleanOperation, cst.UnaryOperation, cst.Comparison, cst.Call):
        if isinstance(node, cst.UnaryOperation) and not isinstance(node.operator, cst.Not):
            continue
        if isinstance(node, cst.Call) and not (isinstance(node.func, cst.Attribute)
                                               and node.func.attr.value in ("startswith", "endswith")):
            continue
        # a test of one model expression against literals; which ids it tells apart is
        # decided by evaluating it (_idiom), not by the look of its literals
        if gates.holds_for(node, "") is not None and gates.tested_model(node) is not None:
            found.append(node)
    return found


def _reuse(test: cst.BaseExpression, tested: cst.BaseExpression | None, negated: bool) -> TestBuilder:
    """The module's ``test`` (negated when ``negated``) on another model expression."""
    def build(model: cst.BaseExpression) -> cst.BaseExpression:
        assert tested is not None
        written = test.visit(_Substitute(tested, model))
        assert isinstance(written, cst.BaseExpression)
        written = written.deep_clone().with_changes(lpar=[], rpar=[])
        return _negated(written) if negated else written
    return build


class _Substitute(cst.CSTTransformer):
    """Every occurrence of one model expression replaced by another."""

    def __init__(self, old: cst.BaseExpression, new: cst.BaseExpression) -> None:
        super().__init__()
        self.old, self.new = old, new

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode):  # type: ignore[override]
        if isinstance(original, cst.BaseExpression) and original.deep_equals(self.old):
            return self.new.deep_clone().with_changes(lpar=original.lpar, rpar=original.rpar)
        return updated


def _negated(test: cst.BaseExpression) -> cst.BaseExpression:
    """``not <test>`` as the code would write it: ``not in`` / ``!=`` for one comparison."""
    flips = {cst.In: cst.NotIn, cst.NotIn: cst.In, cst.Equal: cst.NotEqual, cst.NotEqual: cst.Equal}
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and type(test.comparisons[0].operator) in flips:
        target = test.comparisons[0]
        return test.with_changes(comparisons=[target.with_changes(operator=flips[type(target.operator)]())])
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return test.expression.with_changes(lpar=[], rpar=[])
    if isinstance(test, cst.BooleanOperation):
        test = test.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.UnaryOperation(cst.Not(), test)


def _builder(prefix: str, excluded: list[str]) -> TestBuilder:
    """``"<prefix>" in <model>``, and ``"<suffix>" not in <model>`` for each excluded suffix."""
    def build(model: cst.BaseExpression) -> cst.BaseExpression:
        test: cst.BaseExpression = cst.Comparison(cst.SimpleString(f'"{prefix}"'),
                                                  [cst.ComparisonTarget(cst.In(), model.deep_clone())])
        for suffix in excluded:
            test = cst.BooleanOperation(test, cst.And(), cst.Comparison(
                cst.SimpleString(f'"{suffix}"'), [cst.ComparisonTarget(cst.NotIn(), model.deep_clone())]))
        return test
    return build


# --- the gated edits -------------------------------------------------------------------------
def _conditional(on_target: cst.BaseExpression, on_old: cst.BaseExpression,
                 test: cst.BaseExpression) -> cst.IfExp:
    return cst.IfExp(test=test, body=on_target, orelse=on_old, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _grouped(test: cst.BaseExpression) -> cst.BaseExpression:
    """``test`` in parentheses when it joins several tests, to read as one beside another."""
    if isinstance(test, cst.BooleanOperation) and not test.lpar:
        return test.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return test


def _none() -> cst.Name:
    return cst.Name("None")


def _gated_edit(edit: Edit, located: "Located", test: cst.BaseExpression) -> Edit | None:
    """``edit`` (a replacement or removal of one entry) as an edit that keeps the old entry on
    the old model and makes the change on the target; None for a shape not covered."""
    node = edit.node
    if isinstance(edit, Splice) and len(edit.new) > 1 and edit.new[0] is node:
        # entries added after a kept one (fixes.add_entry): each exists on the target only
        added = [_added_on_target(n, located, test) for n in edit.new[1:]]
        if any(a is None for a in added):
            return None
        return Splice(node, (node, *added), key=edit.key)  # type: ignore[arg-type]
    if isinstance(edit, Splice) and not edit.new:
        new: cst.CSTNode | None = None
    elif isinstance(edit, Replace) and type(edit.new) is type(node):
        new = edit.new
    else:
        return None
    entry = located.entry
    if isinstance(node, cst.Arg) and node.keyword is not None and entry.container_type is not None:
        # A typed config: None is "not set" (the SDK serialises without None fields).
        if new is None:
            earlier = node.value
            if isinstance(earlier, cst.IfExp) and isinstance(earlier.body, cst.Name) and earlier.body.value == "None":
                # removed for another target already: one test for both, or a second run would
                # read the outer gate alone and find the field set on the first target again
                either = cst.BooleanOperation(test, cst.Or(), _grouped(earlier.test))
                return Replace(node, node.with_changes(value=earlier.with_changes(test=either)), key=edit.key)
            return Replace(node, node.with_changes(value=_conditional(_none(), node.value, test)), key=edit.key)
        assert isinstance(new, cst.Arg) and new.keyword is not None
        if new.keyword.value == node.keyword.value:
            return None  # a new value for the same field: no rule asks for one yet
        old_arg = node.with_changes(value=_conditional(_none(), node.value, test))
        new_arg = new.with_changes(value=_conditional(new.value, _none(), test))
        return Splice(node, (old_arg, new_arg), key=edit.key)
    if isinstance(node, cst.DictElement):
        old_side = cst.Dict([node.with_changes(comma=cst.MaybeSentinel.DEFAULT)])
        new_side = cst.Dict([new.with_changes(comma=cst.MaybeSentinel.DEFAULT)] if new is not None else [])
        spread = cst.StarredDictElement(_conditional(new_side, old_side, test), comma=node.comma)
        return Replace(node, spread, key=edit.key)
    if isinstance(node, cst.Arg) and node.keyword is not None and isinstance(entry.container, cst.Call):
        # dict(k=v): a spread of dict literals keeps the same keys on each model.
        def as_dict(arg: cst.Arg | None) -> cst.Dict:
            if arg is None:
                return cst.Dict([])
            return cst.Dict([cst.DictElement(cst.SimpleString(repr(arg.keyword.value)), arg.value)])
        spread = cst.Arg(_conditional(as_dict(new), as_dict(node), test), star="**", comma=node.comma,
                         whitespace_after_star=cst.SimpleWhitespace(""))
        return Replace(node, spread, key=edit.key)
    return None


def _added_on_target(new: cst.CSTNode, located: "Located", test: cst.BaseExpression) -> cst.CSTNode | None:
    """An entry a fix adds, present on the target only: a keyword of a typed config whose value
    is None on the old model, or a spread that adds nothing there."""
    entry = located.entry
    if isinstance(new, cst.Arg) and new.keyword is not None:
        if entry.container_type is not None:
            return new.with_changes(value=_conditional(new.value, _none(), test))
        if isinstance(entry.container, cst.Call):  # dict(k=v)
            pair = cst.Dict([cst.DictElement(cst.SimpleString(repr(new.keyword.value)), new.value)])
            return cst.Arg(_conditional(pair, cst.Dict([]), test), star="**", comma=new.comma,
                           whitespace_after_star=cst.SimpleWhitespace(""))
        return None
    if isinstance(new, cst.DictElement):
        pair = cst.Dict([new.with_changes(comma=cst.MaybeSentinel.DEFAULT)])
        return cst.StarredDictElement(_conditional(pair, cst.Dict([]), test), comma=new.comma)
    return None
