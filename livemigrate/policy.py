"""The fix-safety policy: one place decides whether a proposed fix applies by default.

Rules describe edits and say whether the edit itself changes behaviour; everything else is
decided here, the same way for every rule (ruff's applicability, Fixit's "the framework
decides"):

- the model of the session is not known in this module → unsafe (2.5 callers may remain);
- the session stays on a Vertex AI 2.x model (no 3.x id to move to) → no fix: its ids are
  Vertex AI ids, or its client talks to Vertex AI (where LM001 moves no id) and nothing shows
  a 3.x model; only fixes that carry the session's model (the edit is not right on every
  model: a send or receive rewrite, a config change) are held, never the model move itself;
- a removal that would leave a block holding only ``pass`` → the enclosing ``if`` goes too
  when its test has no side effects, else no fix;
- a comment in the replaced or removed code that the new code does not carry → unsafe, and
  so is a comment on the line of a one-line change (it may describe the old code), or a
  block of comments right above that line naming a word the change removes (``# 2.5 native
  audio`` above a moved model id);
- a renamed or removed key, field or attribute that the module still reads elsewhere →
  unsafe (the reads would break: ``KeyError`` or ``AttributeError`` at run time);
- a value the fix invents (a sample rate) → safe only when the code shows it;
- an edit inside a config object that a non-Live call (``models.generate_content``,
  ``chats.create``) is given too → unsafe: the fix would change that call as well;
- a model-id move where the id reaches no session in this module (a constant other modules
  import) → unsafe: their findings cannot be weighed from here.
- an edit to a ``genai.Client(...)`` (or the options it is built with) whose key is an
  ephemeral token on one path and a long-lived key on another, chosen at run time (``tok if
  direct else KEY``, ``tok or KEY``, a name bound to both) → unsafe: the client's options serve
  both, so what is right for the token changes the key's calls too.

The reasons are kept on the fix (``Fix.unsafe_reasons``) so reports can say why.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import libcst as cst

from livemigrate.analysis import contains, string_value
from livemigrate.analysis.tree_walk import child_nodes
from livemigrate.edit_paths import apply_near
from livemigrate.edits import Edit, RemoveStatement, Replace, Splice, reach_of
from livemigrate.rule import Applicability, Finding, Fix

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import ModelInfo
    from livemigrate.migration import TargetProfile
    from livemigrate.rule import RuleContext

__all__ = ["decide", "held_on_vertex", "hold_model_switches", "session_stays_on_vertex_2x", "stays_on_vertex_2x",
           "vertex_hold_note", "vertex_note"]

# What a finding whose fix is held for that reason says (RuleContext.report adds it to any rule's
# message; config rules that withhold their own fix there say the same through fixes.model_note).
def vertex_hold_note(target: "TargetProfile | None") -> str:
    """What a message adds when its fix waits because the session stays on a Vertex AI model
    the target cannot replace yet (one wording, from the target's profile, for every rule)."""
    served = target.reason("vertex_model") if target is not None else "is not served on Vertex AI yet"
    return f" This session is on a Vertex AI model, and the target {served}: no fix until it can move."

# What a test may do and still be dropped with the block it guards: read, compare, negate.
_SIDE_EFFECTS = (cst.Call, cst.Await, cst.NamedExpr, cst.Yield)


def decide(fix: Fix, ctx: "RuleContext") -> Fix | None:
    """``fix`` with its final applicability and reasons, or None when it must not be offered."""
    reasons: list[str] = list(fix.unsafe_reasons)
    if fix.model is not None:
        if stays_on_vertex_2x(fix.model, ctx.target) or held_on_vertex(fix, ctx):
            return None
        if fix.model.status == "unknown":
            reasons.append("the session's model is not known here (callers on older models may remain)")
    edits = _without_empty_blocks(fix.edits, ctx.live.parent)
    if edits is None or _edits_a_key_filtered_dict(edits, ctx):
        return None
    reasons.extend(_comment_reasons(edits, ctx))
    reasons.extend(_read_reasons(edits, ctx))
    reasons.extend(_shared_with_non_live(edits, ctx))
    if any(ctx.live.connected_elsewhere(edit.node) for edit in edits):
        reasons.append("another module opens its session with this config and may read or change the keys the "
                       "fix moves, and pass it to other calls: this module cannot see that")
    reasons.extend(_mixed_key_reasons(edits, ctx))
    if fix.switches_model and not fix.sessions_here:
        reasons.append("the id reaches no Live session in this module: the modules that use it may keep "
                       "constructs the target refuses, which a fix here cannot weigh (fix those modules first)")
    for invented in fix.invents:
        if invented.shown_by is None:
            reasons.append(f"the {invented.what} {invented.value} is a guess: nothing in the code shows it")
    unsafe = bool(reasons) or fix.applicability is Applicability.UNSAFE
    return replace(fix, edits=tuple(edits), unsafe_reasons=tuple(dict.fromkeys(reasons)),
                   applicability=Applicability.UNSAFE if unsafe else Applicability.SAFE)


def _edits_a_key_filtered_dict(edits, ctx: "RuleContext") -> bool:
    """An edit lands in a dict a comprehension copies by key (``{k: v for k, v in BASE.items()
    if k in {"response_modalities"}}``): a field it adds or renames there may not reach the
    session, so the fix would not do what it says. No fix is offered; a human decides."""
    filtered = ctx.live.key_filtered_dicts()
    return bool(filtered) and any(id(node) in filtered for edit in edits
                                  for node in (edit.node, *ctx.live.ancestors(edit.node)))


def stays_on_vertex_2x(model: "ModelInfo", target: "TargetProfile | None" = None) -> bool:
    """The session runs on a Vertex AI 2.x Live model and the target has no Vertex AI id to
    move it to: its old settings stay valid until it can, so no fix touches them."""
    from livemigrate.migration import legacy_model

    if target is not None and target.vertex_model_id is not None:
        return False
    models = [legacy_model(i) for i in model.ids]
    return bool(models) and all(m is not None and m.backend == "vertex" for m in models)


def held_on_vertex(fix: Fix | None, ctx: "RuleContext") -> bool:
    """``fix`` assumes the target (it carries the session's model) and is not the model move,
    and its session stays on a Vertex AI 2.x model: :func:`decide` withholds it."""
    return (fix is not None and fix.model is not None and not fix.switches_model
            and (session_stays_on_vertex_2x(fix.model, [e.node for e in fix.edits], ctx)
                 or _serves_a_vertex_2x_session(fix.model, ctx.target)))


def _serves_a_vertex_2x_session(model: "ModelInfo", target: "TargetProfile") -> bool:
    """One of the models the code reaches is a Vertex AI 2.x id the target cannot replace
    (a config shared by a Vertex AI branch and a Gemini API branch): what the fix writes for
    the target would reach the session that keeps its 2.x model too."""
    from livemigrate.migration import legacy_model

    if target.vertex_model_id is not None:
        return False
    return any((m := legacy_model(i)) is not None and m.backend == "vertex" for i in model.ids)


def vertex_note(fix: Fix | None, ctx: "RuleContext") -> str:
    """What to add to a finding's message when :func:`decide` withholds its ``fix`` because
    the session stays on a Vertex AI 2.x model ("" otherwise)."""
    return vertex_hold_note(ctx.target) if held_on_vertex(fix, ctx) else ""


def session_stays_on_vertex_2x(model: "ModelInfo", nodes: Sequence[cst.CSTNode], ctx: "RuleContext") -> bool:
    """The session that runs the code at ``nodes`` (with ``model``) stays on a Vertex AI 2.x
    model: its ids are Vertex AI ids (:func:`stays_on_vertex_2x`), or the code talks to Vertex
    AI, the target has no id there and nothing shows a 3.x model (the model is a 2.x id, a
    parameter, an import). LM001 moves no id on Vertex AI, so a fix that assumes the target
    would change what such a session does on the model it keeps. A module that also builds
    Gemini API clients is not decided here: which one the session uses may not be visible."""
    from livemigrate.migration import legacy_model

    if stays_on_vertex_2x(model, ctx.target):
        return True
    if ctx.target.vertex_model_id is not None or model.status == "target" or not nodes:
        return False
    if any(legacy_model(i) is None for i in model.ids):
        return False  # a 3.x (or unlisted) id reaches the session
    live = ctx.live
    if model.ids and all(not m.also_vertex and m.backend == "gemini" for m in map(legacy_model, model.ids)) \
            and live.backends.vertex_only_by_a_switch():
        # a deployment switch the module only reads, and an id only the Gemini API serves: on
        # Vertex AI the session would not open at all, so it runs on the Gemini API
        return False
    if model.imported and model.status == "legacy" and live.is_vertex and all(live.on_vertex(n) for n in nodes):
        # an id another module exports and this module's Vertex AI client may run: LM001 leaves
        # it there (ModuleFacts.vertex_live), whatever Gemini API client this module builds too
        return True
    if any(backend == "gemini" for _, _, backend in live.backends.clients):
        return False
    return all(live.on_vertex(node) for node in nodes)


def may_run_on_the_gemini_api(model: "ModelInfo", ctx: "RuleContext") -> bool:
    """Vertex AI is reachable only through a switch the module reads (its default is the
    Gemini API) and no id reaching the session is a Vertex AI one: a session
    :func:`session_stays_on_vertex_2x` holds fixes back on may run on the Gemini API as well,
    where an advisory (a cost, a limit) applies."""
    from livemigrate.migration import legacy_model

    return ctx.live.backends.vertex_only_by_a_switch() and not any(
        (m := legacy_model(i)) is not None and (m.backend == "vertex" or m.also_vertex) for i in model.ids)


def hold_model_switches(findings: list[Finding]) -> list[Finding]:
    """A fix that moves sessions onto the target model is safe only when every other finding
    of the module has a safe fix too: moving the model while a construct the target refuses
    stays (a comment keeps its removal unsafe, the model is a caller's, no fix exists) turns
    a working 2.5 program into one that the target closes or that hangs at setup. Decided per
    module: the sessions a finding belongs to are not always known. Advisory findings (a
    cost, a session limit, a key to protect: the same on both models) hold nothing back.

    While the model does not move in a run with the safe fixes only (held here, or a model
    move that is itself unsafe), a session on a 2.x id keeps running there: a safe fix that
    assumes the target (its ``model`` is a 2.x one) would change what it does on the model it
    still uses, so it waits too."""
    findings = _hold_for_moves_elsewhere(findings)
    waiting = [f for f in findings if not f.advisory and not (f.fix and f.fix.switches_model)
               and not (f.fix and f.fix.applicability is Applicability.SAFE)]
    switch_reason = None
    if waiting:
        first = waiting[0]
        switch_reason = (f"this module keeps {len(waiting)} finding(s) that no safe fix removes ({first.rule_id} at "
                         f"line {first.line}); moving the model first would run them on the target")
        stays = (f"the session stays on its 2.x model until the model id moves ({first.rule_id} at line "
                 f"{first.line} waits for a human); changing this alone changes what it does there")
    else:
        switch = next((f for f in findings if f.fix is not None and f.fix.switches_model
                       and f.fix.applicability is not Applicability.SAFE), None)
        if switch is None:
            return findings
        stays = (f"the session stays on its 2.x model until the model id moves ({switch.rule_id} at line "
                 f"{switch.line} needs --unsafe-fixes); changing this alone changes what it does there")
    held = []
    for finding in findings:
        fix = finding.fix
        if fix is not None and fix.applicability is Applicability.SAFE:
            reason = switch_reason if fix.switches_model else \
                stays if fix.model is not None and fix.model.status == "legacy" else None
            if reason is not None:
                finding = _held(finding, reason)
        held.append(finding)
    return held


def _hold_for_moves_elsewhere(findings: list[Finding]) -> list[Finding]:
    """A safe fix that assumes the target on a session whose 2.x id another module writes
    (``GEMINI_MODEL`` in config.py): this module's run cannot see whether that id moves in the
    same run (its fix is the other module's, and may well be unsafe there), so the session may
    stay on its 2.x model while this changes what it does there."""
    held = []
    for finding in findings:
        fix = finding.fix
        model = fix.model if fix is not None else None
        if fix is not None and fix.applicability is Applicability.SAFE and not fix.switches_model \
                and model is not None and model.status == "legacy" and model.imported:
            finding = _held(finding, "the session's 2.x model id is written in another module; the session stays "
                                     "on it until that id moves, and changing this alone changes what it does there")
        held.append(finding)
    return held


def _held(finding: Finding, reason: str) -> Finding:
    """``finding`` with its fix made unsafe for ``reason``."""
    fix = finding.fix
    assert fix is not None
    return replace(finding, fix=replace(fix, applicability=Applicability.UNSAFE,
                                        unsafe_reasons=(*fix.unsafe_reasons, reason)))


# --- removals never leave `pass` ------------------------------------------------------------
def _without_empty_blocks(edits: Sequence[Edit], parent: Callable[[cst.CSTNode], cst.CSTNode | None]
                          ) -> list[Edit] | None:
    """The edits, with a removal that would empty an ``if`` body widened to the whole ``if``
    (when its test has no side effects); None when some block would be left empty."""
    removals = [e for e in edits if isinstance(e, RemoveStatement)]
    if not removals:
        return list(edits)
    gone = {id(e.node) for e in removals}
    widened: dict[int, RemoveStatement] = {}
    pending = list(removals)
    while pending:
        edit = pending.pop()
        holder = parent(edit.node)
        if isinstance(holder, cst.SimpleStatementLine) and all(id(s) in gone for s in holder.body):
            gone.add(id(holder))
            holder = parent(holder)
        if not isinstance(holder, (cst.IndentedBlock, cst.SimpleStatementSuite)):
            continue  # module level (an empty module is fine) or a shape we leave as it is
        if not all(id(s) in gone for s in holder.body):
            continue
        owner = parent(holder)
        if not (isinstance(owner, cst.If) and owner.body is holder and owner.orelse is None
                and not _is_elif(owner, parent) and not contains(owner.test, lambda n: isinstance(n, _SIDE_EFFECTS))):
            return None
        if id(owner) not in gone:
            gone.add(id(owner))
            widened[id(owner)] = RemoveStatement(owner, edit.key)
            pending.append(widened[id(owner)])
    if not widened:
        return list(edits)
    # A removal inside a widened `if` is part of it now.
    outer = set(widened)
    kept = [e for e in edits if not _inside(e.node, outer, parent)]
    return kept + [e for key, e in widened.items() if not _inside(parent(e.node), outer, parent)]


def _is_elif(node: cst.If, parent: Callable[[cst.CSTNode], cst.CSTNode | None]) -> bool:
    above = parent(node)
    return isinstance(above, cst.If) and above.orelse is node


def _inside(node: cst.CSTNode | None, ids: set[int], parent: Callable[[cst.CSTNode], cst.CSTNode | None]) -> bool:
    while node is not None:
        if id(node) in ids:
            return True
        node = parent(node)
    return False


# --- comments ---------------------------------------------------------------------------------
# Tool pragmas say nothing about the code's meaning: `# type: ignore[...]`, `# noqa`, ...
_PRAGMA = re.compile(r"#\s*(type:\s*ignore|pyright:|mypy:|noqa|pragma:|fmt:|pylint:|nosec|isort:)", re.I)


def _said(comment: str) -> str:
    """What a comment says about the code: "" for a tool pragma; a suppression directive in
    it (``# noqa: LM001``, ``# livemigrate: ignore[...]``) is not the user's words either."""
    from livemigrate.suppression import without_directives

    words = without_directives(comment)
    return "" if _PRAGMA.match(words) else words


def _comment_texts(nodes: Iterable[cst.CSTNode], ctx: "RuleContext") -> Counter[str]:
    """What the comments in the subtrees of ``nodes`` say. A subtree of the module is read
    from the comment index (its comments are a slice of the module's, in source order); a
    node a fix built is walked down to the module's own subtrees it keeps."""
    comments, orders = _comment_index(ctx)
    live = ctx.live
    everything = live.nodes()
    said: list[str] = []
    stack = list(nodes)[::-1]  # popped in source order: the first comment lost is the one named
    while stack:
        node = stack.pop()
        try:
            start = live.order_of(node)
        except KeyError:
            start = None
        if start is not None and everything[start] is node:  # the id may be a freed node's
            said.extend(_said(c.value) for c in comments[bisect_left(orders, start):
                                                         bisect_left(orders, live.end_of(node))])
        elif type(node) is cst.Comment:
            said.append(_said(node.value))
        else:
            stack.extend(reversed(child_nodes(node)))
    return Counter(words for words in said if words)


def _comment_on(node: cst.CSTNode, line: int, ctx: "RuleContext") -> str | None:
    """The comment on ``line``, where the one-line ``node`` is: ``ctx.comment_lines[line]``.
    When those are placed from the tree (and not placed yet), only the first comment after
    ``node`` is: a comment runs to the end of its line, so one on ``node``'s line is the
    next in source order. Placing every comment of the module cost more than the rules."""
    from livemigrate.positions import CommentLines

    lines = ctx.comment_lines
    if not isinstance(lines, CommentLines) or lines.placed:
        return lines.get(line)
    try:
        start = ctx.live.order_of(node)
    except KeyError:
        return lines.get(line)
    comments, orders = _comment_index(ctx)
    after = bisect_right(orders, start)
    if after == len(comments):
        return None
    comment = comments[after]
    return comment.value if ctx.position(comment).start.line == line else None


def _comment_index(ctx: "RuleContext") -> "tuple[Sequence[cst.Comment], list[int]]":
    """The module's comments in source order and their source-order positions (built once)."""
    cached = ctx.cache.get("comments")
    if cached is None:
        comments = ctx.live.nodes(cst.Comment)
        cached = ctx.cache["comments"] = (comments, [ctx.live.order_of(c) for c in comments])
    return cached  # type: ignore[return-value]


def _comment_reasons(edits: Sequence[Edit], ctx: "RuleContext") -> list[str]:
    parent = ctx.live.parent
    # Apply the edits to the containers that hold them (not the module: a fix costs what it
    # touches) and compare the comments before and after.
    anchors: dict[int, tuple[cst.CSTNode, list[Edit]]] = {}
    for edit in edits:
        anchor = reach_of(edit.node, parent)  # the whole statement may be a function's worth
        anchors.setdefault(id(anchor), (anchor, []))[1].append(edit)
    outer = set(anchors)
    reasons: list[str] = []
    for anchor, group in anchors.values():
        if _inside(parent(anchor), outer, parent):
            continue  # counted with the statement around it
        inner = [e for a, g in anchors.values() if _inside(a, {id(anchor)}, parent) for e in g]
        before = _comment_texts([anchor], ctx)
        if not before:
            continue
        after_node = apply_near(anchor, inner, parent)
        if isinstance(after_node, cst.FlattenSentinel):
            after = _comment_texts(after_node.nodes, ctx)
        elif isinstance(after_node, cst.CSTNode):
            after = _comment_texts([after_node], ctx)
        else:
            after = Counter()
        lost = before - after
        if lost:
            reasons.append(f"it would delete the comment {next(iter(lost))!r}")
        copied = after - before  # a copy may sit on code it does not describe
        if copied:
            reasons.append(f"it would copy the comment {next(iter(copied))!r} onto other code")
    for edit in edits:
        if isinstance(edit, Splice) and any(new is edit.node for new in edit.new):
            continue  # the element stays as it is; new ones are added beside it
        if isinstance(edit, Replace) and isinstance(edit.new, cst.CSTNode) and edit.new.deep_equals(edit.node):
            continue
        documented = _docstring_naming(edit, ctx)
        if documented is not None:
            reasons.append(f"the docstring of `{documented[0]}` says `{documented[1]}`, which the change removes")
            continue
        where = ctx.position(edit.node)
        if where.start.line != where.end.line:
            continue  # a comment inside a multi-line change is counted above
        comment = _comment_on(edit.node, where.start.line, ctx)
        if comment is not None and _said(comment) and not _comment_texts([edit.node], ctx):
            reasons.append(f"the comment {comment.strip()!r} on the changed line may describe the old code")
            continue
        above = _comment_above_naming(edit, where.start.line, ctx)
        if above is not None:
            reasons.append(f"the comment {above!r} above the changed line names what the change removes")
    return reasons


# Words of code and comments: letters, or a number with its dots ("2.5"). Short words and
# English glue are no evidence that a comment describes the code under it.
_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)*")
_GLUE = frozenset({"the", "and", "for", "with", "use", "not", "from", "this", "that", "none", "true", "false"})


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if (len(w) >= 3 or w[0].isdigit()) and w not in _GLUE}


def _docstring_naming(edit: Edit, ctx: "RuleContext") -> tuple[str, str] | None:
    """(function, code) when the docstring of the function holding a change quotes
    the code the change removes: a keyword (``Uses ``media=`` which serialises as
    mediaChunks``), a string literal's value (a model id), or the method a rewritten call
    no longer calls (``Send text via client_content``). After the fix the docstring would
    explain code that is gone."""
    new = edit.new if isinstance(edit, Replace) else None
    if not isinstance(new, cst.CSTNode):
        return None
    node = edit.node
    if isinstance(node, cst.Arg) and node.keyword is not None:
        quoted = [f"{node.keyword.value}="]
        if isinstance(new, cst.Arg) and new.keyword is not None and new.keyword.value == node.keyword.value:
            return None
    elif isinstance(node, cst.SimpleString):
        quoted = [string_value(node) or ""]
        if len(quoted[0]) < 8 or (isinstance(new, cst.SimpleString) and string_value(new) == quoted[0]):
            return None
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(new, cst.Call) \
            and isinstance(new.func, cst.Attribute) and new.func.attr.value != node.func.attr.value:
        # session.send_client_content(...) -> session.send_realtime_input(...) under "Send text
        # via client_content": the method, or what it sends
        method = node.func.attr.value
        quoted = [method, method.removeprefix("send_")]
    else:
        return None
    function = ctx.live.enclosing_function(node)
    docstring = function.get_docstring(clean=False) if function is not None else None
    found = next((q for q in quoted if len(q) >= 5 and docstring and q in docstring), None)
    return (function.name.value, found) if found is not None else None  # type: ignore[union-attr]


def _comment_above_naming(edit: Edit, line: int, ctx: "RuleContext") -> str | None:
    """The block of whole-line comments right above ``line`` (no blank line between), when it
    names a word the one-line change removes (``# 2.5 native audio model`` above a moved
    model id): after the fix it would describe code that is gone."""
    new = edit.new if isinstance(edit, Replace) else None
    if not isinstance(new, cst.CSTNode):
        return None  # removals and splices: a comment above a removed line is counted above
    removed = _words(_code(edit.node)) - _words(_code(new))
    if not removed:
        return None
    try:
        start = ctx.live.order_of(edit.node)
    except KeyError:
        return None
    comments, orders = _comment_index(ctx)
    index, wanted, block = bisect_left(orders, start) - 1, line - 1, []
    while index >= 0 and isinstance(ctx.live.parent(comments[index]), cst.EmptyLine) \
            and ctx.position(comments[index]).start.line == wanted:
        block.append(_said(comments[index].value))
        index, wanted = index - 1, wanted - 1
    for said in reversed(block):
        if said and _words(said) & removed:
            return said.strip()
    return None


# --- config objects a non-Live call shares -------------------------------------------------
def _shared_with_non_live(edits: Sequence[Edit], ctx: "RuleContext") -> list[str]:
    from livemigrate.analysis import dotted_name

    reasons = []
    for edit in edits:
        call = ctx.live.non_live_use(edit.node)
        if call is not None:
            # `client.models.generate_content`, `genai.Client().models.generate_content` →
            # `models.generate_content`: what users call it
            func = call.func
            short = f"{func.value.attr.value}.{func.attr.value}" \
                if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute) else \
                ".".join((dotted_name(func) or "a non-Live call").split(".")[-2:])
            reasons.append(f"the same config object is also given to {short} at line "
                           f"{ctx.position(call).start.line}, which the fix would change too")
        shared = ctx.live.non_live_use_elsewhere(edit.node)
        if shared is not None:
            method, where = shared
            reasons.append(f"the same config object is also given to {method} at {where}, which the fix would "
                           f"change too")
    return list(dict.fromkeys(reasons))


# --- a client whose key is a token on one path and a long-lived key on another ---------------
def _mixed_key_reasons(edits: Sequence[Edit], ctx: "RuleContext") -> list[str]:
    from livemigrate.analysis.clients import genai_clients

    clients = [c for c in genai_clients(ctx.live) if c.mixed_key]
    if not clients:
        return []
    parent = ctx.live.parent
    reasons = []
    for client in clients:
        holders = {id(client.call)} | ({id(client.options)} if client.options is not None else set())
        if any(_inside(edit.node, holders, parent) for edit in edits):
            reasons.append(f"the key of the client at line {ctx.position(client.call).start.line} is chosen at run "
                           f"time between an ephemeral token and a long-lived key: its options serve both, so "
                           f"the fix changes the long-lived key's calls as well")
    return reasons


# --- keys still read ----------------------------------------------------------------------------
def _read_reasons(edits: Sequence[Edit], ctx: "RuleContext") -> list[str]:
    changes = [e.key for e in edits if e.key is not None]
    if not changes:
        return []
    from livemigrate.migration import to_camel, to_snake

    reads = _key_reads(ctx)
    edited = {id(e.node) for e in edits}
    reasons = []
    for change in changes:
        spellings = {change.old, to_snake(change.old), to_camel(change.old)}
        for spelling in spellings:
            for node in reads.get(spelling, ()):
                if not _inside(node, edited, ctx.live.parent):
                    line = ctx.position(node).start.line
                    reasons.append(f"`{change.old}` is still read at line {line}, which the fix does not change")
                    break
    return list(dict.fromkeys(reasons))


def _key_reads(ctx: "RuleContext") -> dict[str, list[cst.CSTNode]]:
    """Every place the module reads a key, field or attribute by name: ``x["k"]``,
    ``x.get("k")``, ``"k" in x``, ``getattr(x, "k")``, ``x.k`` (not on self/cls, whose
    attributes are the program's own state). Built once per module."""
    cached = ctx.cache.get("key_reads")
    if cached is not None:
        return cached
    from livemigrate.analysis import string_value

    parent = ctx.live.parent
    reads: dict[str, list[cst.CSTNode]] = {}

    def add(key: str | None, node: cst.CSTNode) -> None:
        if key:
            reads.setdefault(key, []).append(node)

    for node in ctx.live.nodes(cst.Subscript, cst.Call, cst.Comparison, cst.Attribute):
        if isinstance(node, cst.Subscript):
            if _is_written(node, parent):
                continue
            for element in node.slice:
                if isinstance(element.slice, cst.Index):
                    add(string_value(element.slice.value), node)
        elif isinstance(node, cst.Call):
            func = node.func
            first = node.args[0].value if node.args else None
            if isinstance(func, cst.Attribute) and func.attr.value in ("get", "pop", "setdefault") and first is not None:
                add(string_value(first), node)
            elif isinstance(func, cst.Name) and func.value in ("getattr", "hasattr") and len(node.args) >= 2:
                add(string_value(node.args[1].value), node)
        elif isinstance(node, cst.Comparison):
            if any(isinstance(t.operator, (cst.In, cst.NotIn)) for t in node.comparisons):
                add(string_value(node.left), node)
        elif isinstance(node, cst.Attribute):
            receiver = node.value
            if isinstance(receiver, cst.Name) and receiver.value in ("self", "cls"):
                continue
            above = parent(node)
            if _is_written(node, parent) or (isinstance(above, cst.Call) and above.func is node):
                continue  # a write, or a method call (x.get(...) reads no field "get")
            add(node.attr.value, node)
    ctx.cache["key_reads"] = reads
    return reads


def _is_written(node: cst.CSTNode, parent: Callable[[cst.CSTNode], cst.CSTNode | None]) -> bool:
    above = parent(node)
    return (isinstance(above, cst.AssignTarget) and above.target is node) or (
        isinstance(above, (cst.AugAssign, cst.AnnAssign)) and above.target is node) or (
        isinstance(above, cst.Del))
