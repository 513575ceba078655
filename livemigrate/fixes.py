"""Building fixes for config entries in the spelling the user wrote them.

Rules say *what* to change ("remove this field", "rename it to thinking_level with value
low"); these helpers say *how* for each spelling: a keyword argument, a snake_case or
camelCase dict key, a raw wire frame, a ``cfg["k"] = v`` or ``cfg.k = v`` statement.
"""

from __future__ import annotations

from typing import Iterator, Sequence

import libcst as cst

from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.config_tree import ConfigEntry
from livemigrate.analysis.live_model import Located, ModelInfo
from livemigrate.edits import Edit, KeyChange, RemoveStatement, Replace, Splice
from livemigrate.migration import TargetProfile, to_camel, to_snake
from livemigrate.rule import Applicability, Fix, RuleContext

__all__ = [
    "replace_nodes",
    "live_entries",
    "remove_entry",
    "rename_entry",
    "string_literal",
    "int_literal",
    "spelled_key",
    "fix_for",
    "model_note",
    "siblings",
    "session_model",
    "keyword_arg",
    "call_method_with",
    "sole_element",
    "add_entry",
    "transcription_in_builds",
    "empty_transcription_config",
    "behavior_name",
    "behavior_value",
    "function_declarations",
    "uses_non_blocking",
]


def live_entries(ctx: RuleContext) -> Iterator[Located]:
    """Config entries of Live configs that do not sit in code gated to 2.x models, nor set a
    value only 2.x models get (``scheduling=X if <2.x-only flag> else None``)."""
    for located in ctx.live.config_entries():
        if not ctx.live.is_legacy_only(located.entry.node) and not _legacy_only_value(ctx, located.entry.value):
            yield located


def _legacy_only_value(ctx: RuleContext, value: cst.BaseExpression | None) -> bool:
    """``X if <test> else None`` (or the reverse) where the side that sets something only
    runs for 2.x models: on the target the field is None, as if it were not set."""
    if type(value) is not cst.IfExp:  # asked of every config entry: isinstance through ABCMeta is slow
        return False
    for side, other in ((value.body, value.orelse), (value.orelse, value.body)):
        if isinstance(other, cst.Name) and other.value == "None":
            return ctx.live.is_legacy_only(side)
    return False


def siblings(ctx: RuleContext, entry: ConfigEntry) -> list[ConfigEntry]:
    """Other entries set in the same container (same call or dict) as ``entry``."""
    if entry.container is None:
        return []
    return [e for e in ctx.live.entries_in(entry.container) if e is not entry]


def string_literal(text: str, like: cst.CSTNode | None = None) -> cst.SimpleString:
    """A string literal holding ``text``, with the quote style of ``like`` when given."""
    quote = '"'
    if isinstance(like, cst.SimpleString):
        quote = like.quote if len(like.quote) == 1 else '"'
    if quote in text or "\\" in text:
        return cst.SimpleString(repr(text))
    return cst.SimpleString(f"{quote}{text}{quote}")


def int_literal(node: cst.BaseExpression) -> int | None:
    """The value of an integer literal (``1024``, ``-1``, ``8_192``), else None."""
    if isinstance(node, cst.Integer):
        return int(node.value.replace("_", ""), 0)
    if (isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus)
            and isinstance(node.expression, cst.Integer)):
        return -int(node.expression.value.replace("_", ""), 0)
    return None


def spelled_key(entry: ConfigEntry, snake_name: str) -> str:
    """``snake_name`` in the spelling ``entry`` uses (camelCase dicts stay camelCase, and so
    does a camelCase keyword: ``ThinkingConfig(thinkingBudget=...)``, pydantic's alias)."""
    camel = entry.spelling == "camel" or (entry.spelling == "kwarg" and to_snake(entry.key) != entry.key)
    return to_camel(snake_name) if camel else snake_name


def remove_entry(entry: ConfigEntry) -> Edit:
    """The edit that deletes ``entry``: its argument, dict element or whole statement."""
    if isinstance(entry.node, (cst.Arg, cst.DictElement)):
        return Splice(entry.node, (), key=KeyChange(entry.key))
    return RemoveStatement(entry.node, key=KeyChange(entry.key))


class _ReplaceNodes(cst.CSTTransformer):
    """Every node of ``old`` (by identity) replaced by ``new``, in one walk."""

    def __init__(self, old: Sequence[cst.CSTNode], new: cst.CSTNode) -> None:
        super().__init__()
        self.old = {id(n) for n in old}
        self.new = new

    def on_leave(self, original_node, updated_node):  # type: ignore[override]
        return self.new if id(original_node) in self.old else updated_node


def replace_nodes(tree: cst.CSTNode, old: Sequence[cst.CSTNode], new: cst.CSTNode) -> cst.CSTNode:
    """``tree`` with each node of ``old`` (by identity) replaced by ``new``: a fix that rewrites
    the reads of one value inside a statement it keeps."""
    return tree.visit(_ReplaceNodes(old, new)) if old else tree


def remove_elsewhere_setting(arg: cst.Arg | cst.DictElement, description: str) -> Fix:
    """Remove a tool setting built for Live sessions another module opens (a keyword of
    ``LiveModel.async_tool_settings``, a dict entry of ``async_tool_declaration_keys``): their
    model is not known here, so the policy makes the fix unsafe."""
    if isinstance(arg, cst.DictElement):
        key = string_value(arg.key) or ""
    else:
        key = arg.keyword.value if arg.keyword else ""
    return Fix(Applicability.SAFE, (Splice(arg, (), key=KeyChange(key)),), description, model=ModelInfo.unknown())


ELSEWHERE_NOTE = (" It is built for the Live sessions another module of the run opens; their model is not known "
                  "here: if callers on older models remain, gate this on the model id instead of deleting it.")
UNREAD_NOTE = (" No Live config of this module reads it (another module may pass it back to one, or a later "
               "session take it); the model it runs on is not known here: if callers on older models remain, "
               "gate this on the model id instead of deleting it.")
ADK_NOTE = (" ADK sends its agents' declarations to the Live session this module's run_live opens; the model it "
            "runs on is not known here: if callers on older models remain, gate this on the model id instead of "
            "deleting it.")


def elsewhere_note(live) -> str:
    """The note on a setting built for Live sessions no config of the module reads: in a module
    streaming with ADK (:data:`ADK_NOTE`), in one that opens sessions itself
    (:data:`UNREAD_NOTE`), else for another module's (:data:`ELSEWHERE_NOTE`)."""
    return ADK_NOTE if live.streams_with_adk else UNREAD_NOTE if live.opens_sessions else ELSEWHERE_NOTE


def rename_entry(entry: ConfigEntry, snake_name: str, value: cst.BaseExpression) -> list[Edit]:
    """Edits that turn ``entry`` into ``snake_name`` (spelled like it) set to ``value``."""
    key = spelled_key(entry, snake_name)
    change = KeyChange(entry.key, key) if key != entry.key else None
    node = entry.node
    if isinstance(node, cst.Arg) and node.keyword is not None:
        return [Replace(node, node.with_changes(keyword=cst.Name(key), value=value), key=change)]
    if isinstance(node, cst.DictElement):
        return [Replace(node, node.with_changes(key=string_literal(key, node.key), value=value), key=change)]
    # cfg["k"] = v / cfg.k = v / cfg.update(k=v): rename where the key is spelled
    edits: list[Edit] = [Replace(entry.value, value)]
    if isinstance(entry.key_node, cst.SimpleString):
        edits.append(Replace(entry.key_node, string_literal(key, entry.key_node), key=change))
    elif isinstance(entry.key_node, cst.Name):
        edits.append(Replace(entry.key_node, cst.Name(key), key=change))
    return edits


def stays_on_vertex_25(located: Located, target: "TargetProfile | None" = None) -> bool:
    """The config's session runs on a Vertex AI 2.x Live model that the target does not
    serve on Vertex AI (see the fix policy)."""
    from livemigrate.policy import stays_on_vertex_2x

    return stays_on_vertex_2x(located.model, target)


def model_note(located: Located, target: "TargetProfile | None" = None) -> str:
    """What to add to a message when the model this config is used with is not known, or
    stays where the target is not served."""
    if stays_on_vertex_25(located, target):
        from livemigrate.policy import vertex_hold_note

        return vertex_hold_note(target)
    if located.model.status == "unknown":
        return (" The model is not known here (it is set elsewhere: imported, passed in, computed, a "
                "framework's default, or another module's session taking this config): if callers on "
                "older models remain, gate this on the model id instead of deleting it.")
    return ""


def fix_for(located: Located, description: str, *edits: Edit,
            applicability: Applicability = Applicability.SAFE) -> Fix:
    """A fix of a config entry, carrying the model of the config's session for the fix
    policy (which makes it unsafe when the model is not known, and drops it for a session
    that stays on a Vertex AI 2.x model)."""
    return Fix(applicability, tuple(edits), description, model=located.model)


def session_model(ctx: RuleContext, connect: object | None) -> ModelInfo:
    """The model of the session a call is made on, as far as this module knows it."""
    config = ctx.live.config_of(connect)
    model = config.model if config is not None else getattr(connect, "model", None)
    return model if model is not None else ModelInfo.unknown()


def turn_end_signal(ctx: RuleContext, config) -> str | None:
    """The realtime signal that ends a user turn on a session opened with ``config`` (what an
    empty ``client_content: {turn_complete: true}`` did): ``"activity_end"`` when its config
    turns automatic activity detection off, else ``"audio_stream_end"``. None when the config
    is not visible here (a parameter, an import, a spread of unseen fields): its detection is
    not known."""
    live = ctx.live
    if config is None:
        return None
    entries = live.entries_of(config)
    if not (entries or live.container_of(config) is not None) or not live.config_is_complete(config):
        return None
    off = any(e.path == ("realtime_input_config", "automatic_activity_detection", "disabled")
              and isinstance(e.value, cst.Name) and e.value.value == "True" for e in entries)
    return "activity_end" if off else "audio_stream_end"


def turn_end_value(signal: str) -> cst.BaseExpression:
    """The value the signal is sent with: ``activity_end={}``, ``audio_stream_end=True``."""
    return cst.Dict([]) if signal == "activity_end" else cst.Name("True")


def keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    """``name=value``, written the way keyword arguments are (no spaces around ``=``)."""
    return cst.Arg(value, keyword=cst.Name(name),
                   equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))


def call_method_with(call: cst.Call, method: str, keyword: str, value: cst.BaseExpression) -> cst.Call:
    """``session.old(...)`` → ``session.<method>(<keyword>=value)`` on the same receiver.

    A call written one argument per line keeps that layout: the argument ``value`` comes
    from keeps its place and its comment, the other arguments go, and the call closes where
    its last argument closed. Any other call is written anew on one line."""
    from livemigrate.analysis import contains

    assert isinstance(call.func, cst.Attribute)
    func = call.func.with_changes(attr=cst.Name(method))
    keep = next((a for a in call.args if contains(a.value, lambda n: n is value)), None)
    if keep is None or not _exploded(call):
        return call.with_changes(func=func, whitespace_before_args=cst.SimpleWhitespace(""),
                                 args=[keyword_arg(keyword, value)])
    equal = keep.equal if keep.keyword is not None else keyword_arg(keyword, value).equal
    value = _moved_out(call, keep, value)
    arg = keep.with_changes(keyword=cst.Name(keyword), equal=equal, value=value, star="")
    last = call.args[-1]
    if keep is not last:
        arg = arg.with_changes(**_closing_like(keep, last))
    return call.with_changes(func=func, args=[arg])


def _moved_out(call: cst.Call, keep: cst.Arg, value: cst.BaseExpression) -> cst.BaseExpression:
    """``value`` written where ``keep`` starts: when it was an argument of a call nested in
    ``keep`` (``input=LiveClientToolResponse(\n    function_responses=[...])``), its continuation
    lines move left by the depth that call gave them."""
    if keep.value is value:
        return value
    outer = _leading_whitespace(call, keep)
    inner = None
    for nested in _calls_in(keep.value):
        found = next((a for a in nested.args if a.value is value), None)
        if found is not None:
            inner = _leading_whitespace(nested, found)
            break
    if not (isinstance(outer, cst.ParenthesizedWhitespace) and isinstance(inner, cst.ParenthesizedWhitespace)
            and outer.indent == inner.indent):
        return value
    indent, deeper = outer.last_line.value, inner.last_line.value
    if len(deeper) <= len(indent) or not deeper.startswith(indent):
        return value
    return value.visit(_Dedent(deeper[len(indent):]))  # the characters the nesting added (tabs too)


def _leading_whitespace(call: cst.Call, arg: cst.Arg) -> cst.BaseParenthesizableWhitespace | None:
    """The whitespace before ``arg`` in ``call``: after ``(`` or after the comma before it."""
    index = next(i for i, a in enumerate(call.args) if a is arg)
    if index == 0:
        return call.whitespace_before_args
    previous = call.args[index - 1].comma
    return previous.whitespace_after if isinstance(previous, cst.Comma) else None


def _calls_in(node: cst.CSTNode) -> Iterator[cst.Call]:
    """``node`` and the calls within it, outermost first."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Call):
            yield current
        stack.extend(reversed(current.children))


def _exploded(call: cst.Call) -> bool:
    """The call is written one argument per line with ``)`` on its own line (the layout a
    formatter keeps); a call that merely wraps is written anew on one line."""
    last = call.args[-1] if call.args else None
    if last is None:
        return False
    closing = last.comma.whitespace_after if isinstance(last.comma, cst.Comma) else last.whitespace_after_arg
    return isinstance(closing, cst.ParenthesizedWhitespace)


def _closing_like(keep: cst.Arg, last: cst.Arg) -> dict:
    """The comma and whitespace for ``keep`` when it becomes the only argument: the call
    closes as it did after ``last``; a comment after ``keep``'s comma stays with it."""
    own = keep.comma.whitespace_after if isinstance(keep.comma, cst.Comma) else None
    if not isinstance(own, cst.ParenthesizedWhitespace):
        return {"comma": last.comma, "whitespace_after_arg": last.whitespace_after_arg}
    closing = last.comma.whitespace_after if isinstance(last.comma, cst.Comma) else last.whitespace_after_arg
    if not isinstance(closing, cst.ParenthesizedWhitespace):
        return {"comma": last.comma, "whitespace_after_arg": last.whitespace_after_arg}
    # The comment lines between keep and the next argument describe that argument: they go
    # with it (the fix policy counts them as deleted).
    ending = own.with_changes(empty_lines=(), indent=closing.indent, last_line=closing.last_line)
    return {"comma": keep.comma.with_changes(whitespace_after=ending), "whitespace_after_arg": cst.SimpleWhitespace("")}


def sole_element(sequence: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """The one element of a one-element list or tuple, ready to stand in its place: when
    the list is written over several lines, the element's lines move up by the depth the
    brackets gave them (``[\n    {\n        ...}\n]`` → ``{\n    ...}``). None otherwise."""
    if not (isinstance(sequence, (cst.List, cst.Tuple)) and len(sequence.elements) == 1
            and isinstance(sequence.elements[0], cst.Element)):
        return None
    value = sequence.elements[0].value
    if isinstance(sequence, cst.List):
        opening, closing = sequence.lbracket.whitespace_after, sequence.rbracket.whitespace_before
    elif sequence.lpar and sequence.rpar:
        opening, closing = sequence.lpar[0].whitespace_after, sequence.rpar[-1].whitespace_before
    else:
        return value
    if not (isinstance(opening, cst.ParenthesizedWhitespace) and isinstance(closing, cst.ParenthesizedWhitespace)
            and opening.indent == closing.indent):
        return value
    depth = len(opening.last_line.value) - len(closing.last_line.value)
    if depth <= 0:
        return value
    return value.visit(_Dedent(" " * depth))


class _Dedent(cst.CSTTransformer):
    """Remove ``prefix`` from the start of every continuation line inside an expression
    (string contents are not lines of code and stay as they are)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def _strip(self, text: str) -> str:
        return text[len(self.prefix):] if text.startswith(self.prefix) else text

    def leave_ParenthesizedWhitespace(self, original_node: cst.ParenthesizedWhitespace,
                                      updated_node: cst.ParenthesizedWhitespace) -> cst.ParenthesizedWhitespace:
        return updated_node.with_changes(last_line=cst.SimpleWhitespace(self._strip(updated_node.last_line.value)))

    def leave_EmptyLine(self, original_node: cst.EmptyLine, updated_node: cst.EmptyLine) -> cst.EmptyLine:
        return updated_node.with_changes(whitespace=cst.SimpleWhitespace(self._strip(updated_node.whitespace.value)))


def camel_keys(container: cst.Call | cst.Dict, raw: bool) -> bool | None:
    """How a key added to ``container`` is spelled: like the keys around it (camelCase when
    one is, snake_case when one has an underscore); with no telling keys, camelCase in a raw
    frame (``raw``: the wire's spelling), snake_case elsewhere. None for a call (keywords)."""
    from livemigrate.analysis import string_value
    from livemigrate.migration import to_snake

    if isinstance(container, cst.Call):
        return None
    keys = [string_value(e.key) or "" for e in container.elements if isinstance(e, cst.DictElement)]
    if any(to_snake(k) != k for k in keys):
        return True
    if any("_" in k for k in keys):
        return False
    return raw


def add_entry(container: cst.Call | cst.Dict, snake_name: str, value: cst.BaseExpression,
              camel: bool | None = None, after_spreads: bool = False) -> Edit | None:
    """The edit that adds ``snake_name=value`` to a call's keyword arguments, or a
    ``"snake_name": value`` element to a dict literal, after its last entry (in its layout).

    A dict key is spelled like its siblings: camelCase when ``camel`` says so, or (``camel``
    None) when any sibling key is camelCase; quoted like the first of them. None when the
    container already sets the field, or when ``**kwargs`` / ``**d`` in it may; a caller that
    knows its dict's spreads leave the field unset (:func:`spreads_leave_unset`) passes
    ``after_spreads``."""
    from livemigrate.analysis import string_value
    from livemigrate.migration import to_snake

    if isinstance(container, cst.Call):
        if any(a.star for a in container.args) or any(
                a.keyword is not None and to_snake(a.keyword.value) == snake_name for a in container.args):
            return None
        element: cst.CSTNode = keyword_arg(snake_name, value)
        elements: list = list(container.args)
    else:
        elements = list(container.elements)
        keys = [e.key for e in elements if isinstance(e, cst.DictElement)]
        texts = [string_value(k) for k in keys]
        if (not after_spreads and any(isinstance(e, cst.StarredDictElement) for e in elements)) or any(
                t is not None and to_snake(t) == snake_name for t in texts):
            return None
        if camel is None:
            camel = any(t is not None and to_snake(t) != t for t in texts)
        key = to_camel(snake_name) if camel else snake_name
        element = cst.DictElement(string_literal(key, keys[0] if keys else None), value)
    opening = container.whitespace_before_args if isinstance(container, cst.Call) else container.lbrace.whitespace_after
    if len(elements) == 1 and isinstance(opening, cst.ParenthesizedWhitespace):
        # One entry on its own line: the new one goes on the next line, indented like it
        # (a splice would take the layout between entries, and there is none yet). The
        # comment at the end of the entry's line stays there, wherever libcst keeps it (its
        # comma, after the argument, or before the closing brace); the new line gets none.
        only = elements[0]
        closer = container.rpar if isinstance(container, cst.Call) else container.rbrace
        after_arg = only.whitespace_after_arg if isinstance(container, cst.Call) else None
        holders = [only.comma.whitespace_after if isinstance(only.comma, cst.Comma) else None, after_arg,
                   getattr(closer, "whitespace_before", None)]
        line_end = next((w.first_line for w in holders if _comment_on_first_line(w)), cst.TrailingWhitespace())
        new_comma = only.comma.with_changes(whitespace_after=_blank_first_line(only.comma.whitespace_after)) \
            if isinstance(only.comma, cst.Comma) else only.comma
        laid_out = [only.with_changes(comma=cst.Comma(whitespace_after=opening.with_changes(
                        empty_lines=[], first_line=line_end))),
                    element.with_changes(comma=new_comma)]
        if isinstance(container, cst.Call):
            laid_out[-1] = laid_out[-1].with_changes(whitespace_after_arg=_blank_first_line(after_arg))
            laid_out[0] = laid_out[0].with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))
            return Replace(container, container.with_changes(args=laid_out))
        return Replace(container, container.with_changes(elements=laid_out, rbrace=container.rbrace.with_changes(
            whitespace_before=_blank_first_line(container.rbrace.whitespace_before))))
    if elements:
        return Splice(elements[-1], (elements[-1], element))
    if isinstance(container, cst.Call):
        return Replace(container, container.with_changes(args=[element]))
    return Replace(container, container.with_changes(elements=[element]))


def _comment_on_first_line(whitespace: object) -> bool:
    return isinstance(whitespace, cst.ParenthesizedWhitespace) and whitespace.first_line.comment is not None


def _blank_first_line(whitespace):
    """``whitespace`` without the comment at the end of the line it starts on."""
    if _comment_on_first_line(whitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace())
    return whitespace


# --- function declarations (LM201, LM602, LM603) ------------------------------------------
def behavior_name(value: cst.BaseExpression) -> str | None:
    """``BLOCKING`` / ``NON_BLOCKING`` for a literal behavior in any spelling
    (``types.Behavior.NON_BLOCKING``, ``"non_blocking"``), else None."""
    if isinstance(value, cst.Attribute):
        return value.attr.value.upper()
    from livemigrate.analysis import string_value

    text = string_value(value)
    return text.upper() if text is not None else None


def behavior_value(container: cst.Call | cst.Dict, behavior: str, like: cst.CSTNode | None = None) -> cst.BaseExpression:
    """``behavior`` spelled for ``container``: ``<alias>.Behavior.X`` in a
    ``types.FunctionDeclaration(...)`` call, a string (quoted like ``like``) in a dict or raw frame."""
    if isinstance(container, cst.Call) and isinstance(container.func, cst.Attribute):
        return cst.Attribute(cst.Attribute(container.func.value, cst.Name("Behavior")), cst.Name(behavior))
    return string_literal(behavior, like)


def uses_non_blocking(ctx: RuleContext) -> bool:
    """Whether the module uses what only NON_BLOCKING calls have: the behavior itself, or
    scheduling / will_continue on a tool response."""
    for located in ctx.live.config_entries():
        entry = located.entry
        if entry.name == "behavior" and "function_declarations" in entry.path and \
                behavior_name(entry.value) == "NON_BLOCKING":
            return True
        if entry.name in ("scheduling", "will_continue") and "function_responses" in entry.path:
            return True
    return False


def function_declarations(ctx: RuleContext) -> Iterator[tuple[Located, cst.Call | cst.Dict, ConfigEntry | None]]:
    """(located ``name`` entry, declaration container, its ``behavior`` entry or None) for
    every function declaration of a Live config outside 2.x-only code."""
    for located in live_entries(ctx):
        entry = located.entry
        if entry.name != "name" or entry.parent != "function_declarations" or entry.container is None:
            continue
        behavior = next((e for e in ctx.live.entries_in(entry.container) if e.name == "behavior"), None)
        yield located, entry.container, behavior or _spread_behavior(ctx, entry.container)


def _spread_sides(ctx: RuleContext, container: cst.Dict) -> Iterator[cst.BaseExpression]:
    """What each spread in ``container`` can give on the target: its value there, or both
    sides of a conditional whose side on the target is not known (``--fix-style gate`` writes
    ``**({"behavior": ...} if <model test> else {})``)."""
    for element in container.elements:
        if isinstance(element, cst.StarredDictElement):
            value = ctx.live.value_on_target(element.value)
            yield from ([value.body, value.orelse] if isinstance(value, cst.IfExp) else [value])


def spreads_leave_unset(ctx: RuleContext, container: cst.CSTNode, name: str) -> bool:
    """Every spread in the dict ``container`` is a dict literal (or a conditional between
    them, as a gate writes) that does not set ``name`` on the target: an entry added after
    them is not overridden. False for any other spread (``**kwargs`` may set anything)."""
    if not isinstance(container, cst.Dict):
        return False
    return all(isinstance(side, cst.Dict) and not any(isinstance(e, cst.StarredDictElement) for e in side.elements)
               and not any(entry.name == name for entry in ctx.live.entries_in(side))
               for side in _spread_sides(ctx, container))


def _spread_behavior(ctx: RuleContext, container: cst.CSTNode) -> ConfigEntry | None:
    """The ``behavior`` a dict declaration gets from a spread, as the target sees it (a side
    not known counts when it sets one)."""
    if not isinstance(container, cst.Dict):
        return None
    return next((e for side in _spread_sides(ctx, container) if isinstance(side, cst.Dict)
                 for e in ctx.live.entries_in(side) if e.name == "behavior"), None)


# --- which target a session runs (LM607, LM608) ---------------------------------------------
def runs_another_target(model: ModelInfo, target: TargetProfile) -> bool:
    """Every model id the session is known to run is another target's id that ``target`` does
    not replace (``gemini-3.8-live`` while linting for extended thinking): the code is written
    for that model and stays on it, so ``target``'s verdicts do not describe it. Version gates
    only tell 2.x from 3.x code, so the ids are all there is to tell the two 3.8 models apart."""
    from livemigrate.migration import TARGETS, strip_model_prefix

    if model.status != "target" or not model.ids:
        return False
    own = {target.model_id, target.vertex_model_id, *target.replaces}
    others = {i for t in TARGETS.values() if t is not target for i in (t.model_id, t.vertex_model_id) if i}
    bare = [strip_model_prefix(i)[1] for i in model.ids]
    return all(i in others and i not in own for i in bare)


def session_note(model: ModelInfo, target: TargetProfile | None = None) -> str:
    """:func:`model_note` for a finding on a whole config or session rather than one entry."""
    from types import SimpleNamespace

    return model_note(SimpleNamespace(model=model), target)  # type: ignore[arg-type]


def empty_transcription_config(live, container: cst.CSTNode | None) -> cst.BaseExpression:
    """An empty ``AudioTranscriptionConfig`` for a field added to ``container``, spelled as the
    module writes typed configs: ``<alias>.AudioTranscriptionConfig()`` beside a
    ``<alias>.LiveConnectConfig(...)``, or with the module's ``google.genai.types`` alias in
    another typed call (ADK's ``RunConfig(...)``); ``{}`` in a dict, or where the module has no
    alias to write it with (the configs' pydantic models take a dict as well)."""
    if not isinstance(container, cst.Call):
        return cst.Dict([])
    func = container.func
    if isinstance(func, cst.Attribute) and live.imports.qualify(func) is not None:
        return cst.Call(cst.Attribute(func.value, cst.Name("AudioTranscriptionConfig")))
    alias = live.imports.types_alias()
    if alias is not None:
        return cst.Call(cst.Attribute(cst.Name(alias), cst.Name("AudioTranscriptionConfig")))
    return cst.Dict([])


def transcription_in_builds(live, config, covered: Sequence[cst.CSTNode] = ()) -> list[Edit] | None:
    """The edits that turn on ``output_audio_transcription`` in each place the code builds the
    session's config (:func:`~livemigrate.analysis.config_tree.config_builds`: ``config =
    self.config`` and, under an ``if``, ``config = types.LiveConnectConfig(...)``) that does not
    turn it on yet, in its spelling. A fix that edits one build leaves the session that runs
    another without transcription. ``covered``: nodes whose builds another edit takes care of
    (the caller's own, or another finding's fix of that build). [] when the config is built in one place (the caller
    edits that one), when a statement (``cfg["k"] = v``) sets it for every build, or when the
    builds are not all seen here (the caller does as for one); None when a build needs it and
    cannot take it (it spreads ``**kwargs``)."""
    from livemigrate.analysis.config_tree import config_builds, walk_config

    builds = config_builds(config.root, live.bindings, live.imports, config.prefix)
    if builds is None or len(builds) < 2:
        return []
    name = "output_audio_transcription"
    if any(e.path == (name,) and e.container is None and not live.is_legacy_only(e.node)
           for e in live.entries_of(config)):
        return []
    edits: list[Edit] = []
    skip = {id(n) for n in covered}
    for build in builds:
        entries = list(walk_config(build, live.bindings, live.imports))
        if id(build) in skip or any(id(e.node) in skip for e in entries):
            continue
        if any(e.path == (name,) and not live.is_legacy_only(e.node) for e in entries):
            continue
        value = empty_transcription_config(live, build)
        edit = add_entry(build, name, value, camel=True if config.kind == "raw" else None)
        if edit is None:
            return None
        edits.append(edit)
    return edits

