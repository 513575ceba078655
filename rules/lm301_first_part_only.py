"""Reading only the first (or last) part of a Live server message.

## What it does
Flags `message.server_content.model_turn.parts[0]` (or `[-1]`, `next(iter(parts))`), also
through a name (`parts = ...model_turn.parts`), and raw
`response["serverContent"]["modelTurn"]["parts"][0]` (also `evt.serverContent.modelTurn.parts[0]`
on an object mirroring the wire, reported with no fix); also a `for part in ...parts:` loop
that always ends with `break` or `return` after its first part, and one whose branch ends it
after handing on the part's audio or text (`if part.inline_data: result["data"] =
part.inline_data.data; return result`: it stops at the first audio part; no fix, measurement 54;
a branch that only tests the part or logs it, a search or an abort, is not flagged, nor a getter
returning the first such part's field itself, `if part.text: return part.text`). Reading only the first
part's MIME type (`print(parts[0].inline_data.mime_type)`) is reported too, with no fix: it
drops nothing, but the first part need not hold inline data (a text part has none) and the
read then raises; what to print is the program's call (the cookbook's own migration rewrote
that line). A first part that only goes to a logger (`log.debug("first part %s", parts[0])`)
is not flagged. `generate_content` responses
(`response.candidates[0].content.parts[0]`) are not Live messages and are not flagged, nor is
a module with no sign of Gemini at all (no google-genai import, Live endpoint, "gemini" in its
code or SDK-shaped message read): there `body["modelTurn"]["parts"][0]` is an app's own protocol.

## Why is this bad?
On 3.1 one server event can carry several parts (several audio chunks, text) and several
fields at once. Code that reads one part drops the rest: audio stutters, and transcripts
go missing. The cookbook's 3.1 migration removed exactly this line. The 3.8 docs document no
change here, so the finding stands on 3.8 too, worded as not confirmed there.

## Example
```python
async for message in session.receive():
    part = message.server_content.model_turn.parts[0]
    play(part.inline_data.data)
```

## Use instead
```python
async for message in session.receive():
    if message.server_content and message.server_content.model_turn:
        for part in message.server_content.model_turn.parts:
            if part.inline_data:
                play(part.inline_data.data)
```

## Fix safety
Unsafe: the code that read one part becomes a loop over every part, keeping its body per part
(what the program does changes: it now handles the parts it dropped).
`part = <parts>[0]` (or `next(iter(<parts>))`) followed by the statements that use `part`
becomes `for part in <parts>:` over those statements. The loop binds the name the code gave
the part, unless that name says which part it was (`first`, `last`, `first_part`): then it
binds `part` (`server_part` when `part` is taken). A name the code bound to the parts only for
that read, on the line before (`parts = sc.model_turn.parts`), goes: the loop iterates its value.
A statement reading `<parts>[0]` inside it (`play(<parts>[0].inline_data.data)`,
`b64 = raw[...]["parts"][0]["inlineData"]["data"]`) is put in a loop over a new name `part`,
with the statements that use what it binds, under a check of what it reads from the part
(`if "inlineData" in part:`, `if part.inline_data:`): a text part among the parts has no
inline data, and the read would raise where the original, reading only the first part, did not.
So do statements using a part bound to a name when each reads the same field of it (`first =
parts[0]` then `out.write(first.inline_data.data)`), and a field bound to a name the statements
after dereference first (`text = parts[0].text` then `text.upper()`: `if part.text is not None:`;
not when they give it a value of their own or test it first, `if text is None: text = "[audio]"`). The parts expression is iterated as written: a
`model_turn` the original did not check for None is not checked now either (both raise the
same way). A `break` that ends a loop over the parts after its first part is removed.
A raw read under `try:` / `except KeyError: pass` / `else:` skips a message without those
keys; the loop goes over the parts there are
(`raw.get("serverContent", {}).get("modelTurn", {}).get("parts", [])`, bound to `parts`) and
checks each for the first key read on it (`if "inlineData" in part:`), with the `else` block as
its body; the name the `try` bound is replaced by the read when the `else` uses it once. A key
below that first one (`["data"]` of `["inlineData"]`) is not checked: were it missing, the
loop would raise where the `try` skipped the message.
No fix when the loop would change more than which parts are handled: the statements that use
the part are not next to each other, a name they bind is read after them, they `return`,
`break` or `continue` (the loop would now capture it), they read another single part (the
loop would pair them), or the loop has an `else`; nor for a `try` whose handler does more
than `pass`.

## References
- Gemini 3.1 Flash Live model page, "Server events":
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Live API guide, "Receiving response": https://ai.google.dev/gemini-api/docs/live-guide
- The cookbook's 3.1 migration of the raw WebSocket sample drops the `["parts"][0]` read:
  https://github.com/google-gemini/cookbook/pull/1223
"""

from __future__ import annotations

import re

import libcst as cst

from livemigrate.analysis import (
    LOG_METHODS,
    block_of,
    contains,
    descendants,
    exit_statement,
    is_model_turn_parts,
    is_pure,
    iterated_parts,
    leaves,
    names_bound,
    names_read,
    statement_of,
    string_value,
)
from livemigrate.edits import RemoveStatement, Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

# The name a new loop binds each part to, when the code had none: the first one the
# function does not use already.
_LOOP_NAMES = ("part", "server_part")


def _first_or_last(index: cst.BaseExpression) -> bool:
    if isinstance(index, cst.Integer):
        return index.value == "0"
    return (isinstance(index, cst.UnaryOperation) and isinstance(index.operator, cst.Minus)
            and isinstance(index.expression, cst.Integer) and index.expression.value == "1")


def _only_logged(live, node: cst.CSTNode) -> bool:
    """The part only goes to a logger (``log.debug(..., parts[0])``): nothing of it is
    consumed, so nothing is dropped. (Printing its text is consuming it: a text client's
    output.)"""
    child: cst.CSTNode = node
    for ancestor in live.ancestors(node):
        if isinstance(ancestor, cst.Call) and isinstance(ancestor.func, cst.Attribute) \
                and ancestor.func.attr.value in LOG_METHODS and ancestor.func is not child:
            return True
        if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            return False
        child = ancestor
    return False


class _ReplaceReads(cst.CSTTransformer):
    """Every subscript equal to ``read`` (``parts[0]``) becomes the loop's name."""

    def __init__(self, read: cst.CSTNode, name: str) -> None:
        super().__init__()
        self.read, self.name = read, name

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        return cst.Name(self.name) if original_node.deep_equals(self.read) else updated_node


def _media_type_read(live, node: cst.CSTNode) -> bool:
    """Only the part's MIME type is read, through its inline data (``print(parts[0].inline_data.
    mime_type)``, raw ``parts[0]["inlineData"]["mimeType"]``): it describes the message rather
    than consuming it, but the first part need not hold inline data (a text part: a thought),
    and then the read raises."""
    chain: list[str] = []
    child: cst.CSTNode = node
    for ancestor in live.ancestors(node):
        if isinstance(ancestor, cst.Attribute) and ancestor.value is child:
            chain.append(ancestor.attr.value)
        elif isinstance(ancestor, cst.Subscript) and ancestor.value is child and len(ancestor.slice) == 1 \
                and isinstance(ancestor.slice[0].slice, cst.Index):
            chain.append(string_value(ancestor.slice[0].slice.value) or "")
        else:
            break
        child = ancestor
    return chain[:2] in (["inline_data", "mime_type"], ["inlineData", "mimeType"])


def _between(live, node: cst.CSTNode, outer: cst.CSTNode) -> list[cst.CSTNode]:
    """The nodes from ``node``'s parent up to (not including) ``outer``."""
    found = []
    for ancestor in live.ancestors(node):
        if ancestor is outer:
            break
        found.append(ancestor)
    return found


# Names that say which part a name holds (`first = parts[0]`): a loop over every part
# renames them. Other names (`part`, `audio_part`, `p`) say what the part is, and stay.
_SAYS_POSITION = re.compile(r"^(first|last)(_part)?$|^(part_?|p)0$")
# The errors an `except` skipping a message without the keys it reads may name.
_MISSING_KEY_ERRORS = frozenset({"KeyError", "IndexError"})


# What a part carries: its audio or its text (either spelling).
_PART_PAYLOADS = frozenset({"inline_data", "inlineData", "text"})


def _exit_after_handling_a_part(live, loop: cst.For) -> cst.CSTNode | None:
    """The ``return`` / ``break`` ending a branch of a loop over the parts that hands on the
    part's audio or text first (``if part.inline_data: result["data"] = part.inline_data.data;
    return result``): the loop stops at the first part it handles, and the others are dropped.
    Not a branch that only tests the part (``if part.text == "STOP": return True``: a search)."""
    if type(loop.target) is not cst.Name or type(loop.body) is not cst.IndentedBlock:
        return None
    part = loop.target.value

    def reads_payload(node: cst.CSTNode) -> bool:
        for n in live.walk(node):
            if type(n) is cst.Attribute and n.attr.value in _PART_PAYLOADS and type(n.value) is cst.Name \
                    and n.value.value == part:
                return True
            if type(n) is cst.Subscript and type(n.value) is cst.Name and n.value.value == part \
                    and len(n.slice) == 1 and type(n.slice[0].slice) is cst.Index \
                    and string_value(n.slice[0].slice.value) in _PART_PAYLOADS:
                return True
        return False

    def logs_only(line: cst.CSTNode) -> bool:
        # `print(...)` / `logger.warning(...)`: what is said of the part goes nowhere else
        calls = [s.value for s in line.body if type(s) is cst.Expr] if type(line) is cst.SimpleStatementLine else []
        return bool(calls) and len(calls) == len(line.body) and all(  # type: ignore[attr-defined]
            type(c) is cst.Call and (type(c.func) is cst.Name and c.func.value == "print"
                                     or type(c.func) is cst.Attribute and c.func.attr.value in LOG_METHODS)
            for c in calls)

    for statement in loop.body.body:
        branch: cst.CSTNode | None = statement if type(statement) is cst.If else None
        while branch is not None:
            body = branch.body
            stop = exit_statement(body, (cst.Break, cst.Return))
            last = body.body[-1] if type(body) is cst.IndentedBlock and body.body else None
            beside = [small for small in last.body if small is not stop] \
                if type(last) is cst.SimpleStatementLine else []  # `data = part.inline_data.data; return data`
            if stop is not None and type(body) is cst.IndentedBlock and (
                    any(reads_payload(line) and not logs_only(line) for line in body.body[:-1])
                    or any(reads_payload(small) and type(small) is not cst.Expr for small in beside)):
                # (`if part.text: return part.text` alone is a getter of the first such part: a
                # VALID example of this rule)
                return stop
            branch = branch.orelse if type(branch) is cst.If else None
    return None


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _names_used(function: cst.FunctionDef) -> set[str]:
    """The names ``function`` reads, binds or takes as parameters: a new one must be none of them."""
    params = function.params
    star = [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
    taken = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params, *star)}
    return taken | {n.value for n in names_read(function)} | names_bound(function.body)


def _renamed(live, statements: list[cst.CSTNode], old: str, new: str) -> list[cst.CSTNode] | None:
    """``statements`` with every read of the local ``old`` reading ``new``; None when ``old``
    appears there as anything but a read (bound again, a parameter, a comprehension's target)."""
    reads = {id(n) for n in names_read(*statements)}
    seen = [n for line in statements for n in descendants(line, skip=()) if isinstance(n, cst.Name) and n.value == old]
    named = []
    for node in seen:
        parent = live.parent(node)
        if (isinstance(parent, cst.Attribute) and parent.attr is node) or (isinstance(parent, cst.Arg) and parent.keyword is node):
            continue  # `x.first`, `f(first=...)`: not the local
        if id(node) not in reads:
            return None
        named.append(node)
    return [line.visit(_Renamed({id(n) for n in named}, new)) for line in statements]


class _Renamed(cst.CSTTransformer):
    """The ``Name`` nodes of ``ids`` (by identity) renamed ``new``, in one walk."""

    def __init__(self, ids: set[int], new: str) -> None:
        super().__init__()
        self.ids, self.new = ids, new

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        return updated_node.with_changes(value=self.new) if id(original_node) in self.ids else updated_node


def _temporary_for(live, function: cst.FunctionDef, block: cst.IndentedBlock, index: int,
                   parts: cst.BaseExpression) -> cst.SimpleStatementLine | None:
    """The line right before ``block.body[index]`` binding the name ``parts`` (``parts =
    sc.model_turn.parts``) when the name exists only for that read: bound there alone, read
    there alone, to a value that can be evaluated where the loop starts."""
    if not isinstance(parts, cst.Name) or index == 0:
        return None
    line = block.body[index - 1]
    if not (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and isinstance(line.body[0], cst.Assign)):
        return None
    assign = line.body[0]
    if (len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name)
            or assign.targets[0].target.value != parts.value or not is_pure(assign.value)
            or line.trailing_whitespace.comment is not None):
        return None
    reads = [n for n in names_read(function) if n.value == parts.value]
    if len(reads) != 1 or reads[0] is not parts:
        return None
    if any(target is not assign.targets[0].target and contains(
            target, lambda n: isinstance(n, cst.Name) and n.value == parts.value)
           for target in _targets(live.walk(function.body))):
        return None  # bound elsewhere too
    return line


def _targets(nodes) -> list[cst.CSTNode]:
    """What the binding nodes among ``nodes`` bind (assignment, loop, ``:=`` and ``with`` targets)."""
    found: list[cst.CSTNode] = []
    for node in nodes:
        if isinstance(node, cst.Assign):
            found.extend(t.target for t in node.targets)
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr)):
            found.append(node.target)
        elif isinstance(node, cst.WithItem) and node.asname is not None:
            found.append(node.asname.name)
    return found


def _skips_missing_keys(handler: cst.ExceptHandler) -> bool:
    """``except KeyError: pass`` (or ``(KeyError, IndexError)``): the message is skipped."""
    kinds = [e.value for e in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
    names = {k.value if isinstance(k, cst.Name) else None for k in kinds}
    if handler.name is not None or "KeyError" not in names or not names <= _MISSING_KEY_ERRORS:
        return False
    lines = handler.body.body if isinstance(handler.body, cst.IndentedBlock) else [handler.body]
    return (len(lines) == 1 and isinstance(lines[0], (cst.SimpleStatementLine, cst.SimpleStatementSuite))
            and len(lines[0].body) == 1 and isinstance(lines[0].body[0], cst.Pass))


def _string_index(node: cst.CSTNode) -> cst.BaseExpression | None:
    """The key of ``x["key"]``, else None."""
    if (isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)
            and string_value(node.slice[0].slice.value) is not None):
        return node.slice[0].slice.value
    return None


def _keys_between(value: cst.BaseExpression, read: cst.CSTNode) -> list[cst.BaseExpression] | None:
    """The keys ``value`` reads on the part ``read`` (``["inlineData", "data"]`` of
    ``parts[0]["inlineData"]["data"]``); None when it does more than read keys."""
    keys = []
    node = value
    while node is not read:
        key = _string_index(node)
        if key is None:
            return None
        keys.insert(0, key)
        node = node.value
    return keys


def _part_guard(live, read: cst.CSTNode, name: str) -> cst.BaseExpression | None:
    """The test a loop over every part puts before reading from each what the code read from
    the first: ``"inlineData" in part`` for ``parts[0]["inlineData"]...`` (a text part has no
    such key: the read would raise), ``part.inline_data`` for ``parts[0].inline_data.data``
    (None on a text part); None when the read takes the part itself, or one field of it that
    may be None (``parts[0].text``)."""
    parent = live.parent(read)
    key = _string_index(parent) if isinstance(parent, cst.Subscript) and parent.value is read else None
    if key is not None:
        return cst.parse_expression(f"{_code(key)} in {name}")
    outer = live.parent(parent) if isinstance(parent, cst.Attribute) and parent.value is read else None
    if isinstance(outer, cst.Attribute) and outer.value is parent:
        return cst.parse_expression(f"{name}.{parent.attr.value}")
    return None


def _named_part_guard(live, statements: list[cst.CSTNode], bound: str, name: str) -> cst.BaseExpression | None:
    """The check :func:`_part_guard` puts before statements that read the part bound to
    ``bound`` (``first = parts[0]`` then ``out.write(first.inline_data.data)``), written on the
    loop's ``name``, when every read of it takes the same thing from it; None when one
    already tests it (``if part.inline_data:``) or they read different fields."""
    reads = [n for n in names_read(*statements) if n.value == bound]
    guards = {_code(g) if (g := _part_guard(live, n, name)) is not None else None for n in reads}
    if len(guards) != 1 or None in guards:
        return None
    return cst.parse_expression(guards.pop())


def _dereferenced_field(live, statement: cst.CSTNode, read: cst.CSTNode, moved: list[cst.CSTNode],
                        name: str) -> cst.BaseExpression | None:
    """``text = parts[0].text`` then ``text.upper()``: the field is None on an audio part, and
    the statements after dereference it; the check is ``part.text is not None``. None for another
    shape, or when the statements test it or give it a value of their own first."""
    small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
    if not (isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)
            and isinstance(small.value, cst.Attribute) and small.value.value is read):
        return None
    bound = small.targets[0].target.value
    if bound in names_bound(*moved):
        return None  # `text = text or ""`: the code gives it a value of its own when it is None
    reads = sorted((n for n in names_read(*moved) if n.value == bound), key=live.order_of)
    # the first use dereferences it (`text.upper()`), not a test of it (`if text is None:`)
    first = reads[0] if reads else None
    holder = live.parent(first) if first is not None else None
    if not (isinstance(holder, (cst.Attribute, cst.Subscript)) and holder.value is first):
        return None
    return cst.parse_expression(f"{name}.{small.value.attr.value} is not None")


def _raw_path(parts: cst.BaseExpression) -> tuple[cst.BaseExpression, list[cst.BaseExpression]] | None:
    """(``raw``, its keys) of ``raw["serverContent"]["modelTurn"]["parts"]``."""
    steps = []
    node = parts
    while (key := _string_index(node)) is not None:
        steps.insert(0, key)
        node = node.value
    if len(steps) < 2 or not is_pure(node):
        return None
    return node, steps


def _without_blank_lines(statement: cst.CSTNode) -> cst.CSTNode:
    """``statement`` without the empty lines above it (comment lines stay): it opens a loop body now."""
    lines = getattr(statement, "leading_lines", None)
    if not lines:
        return statement
    kept = list(lines)
    while kept and kept[0].comment is None:
        kept.pop(0)
    return statement.with_changes(leading_lines=kept)


class FirstPartOnly(Rule):
    id = "LM301"
    name = "first-part-only"
    message = "reads one part of a Live server message: one event can carry several parts"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "from google import genai\nclient = genai.Client()\n"
        "r = client.models.generate_content(model='gemini-2.5-flash', contents='x')\n"
        "text = r.candidates[0].content.parts[0].text\n",
        "async def play(session, out):\n"
        "    async for m in session.receive():\n"
        "        if m.server_content and m.server_content.model_turn:\n"
        "            for part in m.server_content.model_turn.parts:\n"
        "                out.write(part.inline_data.data)\n",
        # a search for the first text part: the break is conditional
        "async def first_text(session):\n"
        "    async for m in session.receive():\n"
        "        for part in m.server_content.model_turn.parts or []:\n"
        "            if part.text:\n"
        "                return part.text\n",
    ]
    INVALID = [
        Invalid(
            "async def play(session, out):\n"
            "    async for m in session.receive():\n"
            "        out.write(m.server_content.model_turn.parts[0].inline_data.data)\n",
            fixed="async def play(session, out):\n"
            "    async for m in session.receive():\n"
            "        for part in m.server_content.model_turn.parts:\n"
            "            if part.inline_data:\n"
            "                out.write(part.inline_data.data)\n",
            unsafe=True,
        ),
        Invalid(  # the part's name becomes the loop's; the statements using it its body
            "async def play(session, out, log):\n"
            "    async for m in session.receive():\n"
            "        if m.server_content and m.server_content.model_turn:\n"
            "            part = m.server_content.model_turn.parts[0]  # the audio\n"
            "            if part.inline_data:\n"
            "                out.write(part.inline_data.data)\n"
            "            log.debug('message handled')\n",
            fixed="async def play(session, out, log):\n"
            "    async for m in session.receive():\n"
            "        if m.server_content and m.server_content.model_turn:\n"
            "            for part in m.server_content.model_turn.parts:  # the audio\n"
            "                if part.inline_data:\n"
            "                    out.write(part.inline_data.data)\n"
            "            log.debug('message handled')\n",
            unsafe=True,
        ),
        Invalid(
            "import json\n"
            "URI = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent'\n"
            "async def play(ws, out):\n"
            "    async for raw in ws:\n"
            "        response = json.loads(raw)\n"
            "        b64 = response['serverContent']['modelTurn']['parts'][-1]['inlineData']['data']\n"
            "        out.write(b64)\n",
            fixed="import json\n"
            "URI = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent'\n"
            "async def play(ws, out):\n"
            "    async for raw in ws:\n"
            "        response = json.loads(raw)\n"
            "        for part in response['serverContent']['modelTurn']['parts']:\n"
            "            if 'inlineData' in part:\n"
            "                b64 = part['inlineData']['data']\n"
            "                out.write(b64)\n",
            unsafe=True,
        ),
        Invalid(  # the part decides what the function returns: a loop would not change that
            "async def mime(session):\n"
            "    async for m in session.receive():\n"
            "        if m.server_content and m.server_content.model_turn:\n"
            "            part = next(iter(m.server_content.model_turn.parts))\n"
            "            return part.inline_data.mime_type\n",
        ),
        Invalid(  # `first` says which part it was: the loop names it `part`; `parts` was only there for it
            "async def pump(session, on_audio):\n"
            "    async for msg in session.receive():\n"
            "        sc = msg.server_content\n"
            "        if sc.model_turn and sc.model_turn.parts:\n"
            "            parts = sc.model_turn.parts\n"
            "            first = parts[0]\n"
            "            if first.inline_data:\n"
            "                await on_audio(first.inline_data.data)\n",
            fixed="async def pump(session, on_audio):\n"
            "    async for msg in session.receive():\n"
            "        sc = msg.server_content\n"
            "        if sc.model_turn and sc.model_turn.parts:\n"
            "            for part in sc.model_turn.parts:\n"
            "                if part.inline_data:\n"
            "                    await on_audio(part.inline_data.data)\n",
            unsafe=True,
        ),
        Invalid(  # a raw read whose KeyError skips the message: the parts there are, each checked
            "import json\n"
            "URI = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent'\n"
            "async def play(ws, out):\n"
            "    async for raw in ws:\n"
            "        response = json.loads(raw)\n"
            "        try:\n"
            "            b64 = response['serverContent']['modelTurn']['parts'][0]['inlineData']['data']\n"
            "        except KeyError:\n"
            "            pass\n"
            "        else:\n"
            "            out.write(b64)\n",
            fixed="import json\n"
            "URI = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent'\n"
            "async def play(ws, out):\n"
            "    async for raw in ws:\n"
            "        response = json.loads(raw)\n"
            "        parts = response.get('serverContent', {}).get('modelTurn', {}).get('parts', [])\n"
            "        for part in parts:\n"
            "            if 'inlineData' in part:\n"
            "                out.write(part['inlineData']['data'])\n",
            unsafe=True,
        ),
        Invalid(  # a loop over the parts that stops after the first one
            "async def play(session, out):\n"
            "    async for m in session.receive():\n"
            "        for part in m.server_content.model_turn.parts or []:\n"
            "            out.write(part.inline_data.data)\n"
            "            break\n",
            fixed="async def play(session, out):\n"
            "    async for m in session.receive():\n"
            "        for part in m.server_content.model_turn.parts or []:\n"
            "            out.write(part.inline_data.data)\n",
            unsafe=True,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        if not live.speaks_gemini():
            return  # `body["modelTurn"]["parts"][0]` of an app's own protocol: keys alone say nothing
        for node in live.nodes(cst.Subscript, cst.Call, cst.For):
            kind = type(node)  # exact types (none has a subclass): isinstance through ABCMeta is slow
            if kind is cst.Subscript and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
                if _first_or_last(node.slice[0].slice.value) and is_model_turn_parts(node.value, live.resolve_value):
                    self._report(ctx, node, self._every_part(ctx, node, node.value))
            elif kind is cst.Call and isinstance(node.func, cst.Name) and node.func.value == "next" and node.args:
                inner = node.args[0].value
                if (isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name) and inner.func.value == "iter"
                        and inner.args and is_model_turn_parts(inner.args[0].value, live.resolve_value)):
                    self._report(ctx, node, self._every_part(ctx, node, inner.args[0].value))
            elif kind is cst.For and is_model_turn_parts(iterated_parts(node.iter), live.resolve_value):
                stop = exit_statement(node.body, (cst.Break, cst.Return))
                if stop is not None:
                    fix = (Fix.unsafe("handle every part: remove the break", RemoveStatement(stop))
                           if isinstance(stop, cst.Break) and node.orelse is None else None)
                    self._report(ctx, stop, fix)
                elif (stop := _exit_after_handling_a_part(live, node)) is not None:
                    self._report(ctx, stop, None, "ends the loop over a Live server message's parts at the first "
                                                  "part it handles")

    def _report(self, ctx: RuleContext, node: cst.CSTNode, fix: Fix | None,
                what: str = "reads one part of a Live server message") -> None:
        if ctx.live.is_legacy_only(node) or _only_logged(ctx.live, node):
            return
        if _media_type_read(ctx.live, node):
            scope = ctx.live.enclosing_function(node) or ctx.live.module
            if ctx.live.under_test(node, scope, lambda test: any(
                    isinstance(n, cst.Attribute) and n.attr.value in ("inline_data", "inlineData")
                    or isinstance(n, cst.SimpleString) and string_value(n) == "inlineData"
                    for n in ctx.live.walk(test))):
                return  # read under a test of its inline data: it cannot raise (the test is reported)
            # a loop would read each part's MIME type the same way, and raise on a text part
            # likewise: what to print is the program's call (the cookbook's 3.1 migration
            # rewrote this very line)
            ctx.report(node, f"reads the MIME type of one part of a Live server message: "
                       f"{ctx.target.claim('multi_part_events')}, and the first need not hold inline data (a "
                       f"text part has none, and the read raises); test each part's inline_data")
            return
        ctx.report(node, f"{what}: {ctx.target.claim('multi_part_events')}, "
                   f"and the others are dropped; iterate over every part", fix)

    @staticmethod
    def _over_parts(live, node: cst.CSTNode) -> bool:
        """``node`` reads one part of a message's parts, or loops over them."""
        if isinstance(node, cst.For):
            return is_model_turn_parts(iterated_parts(node.iter), live.resolve_value)
        if isinstance(node, cst.Subscript):
            return is_model_turn_parts(node.value, live.resolve_value)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.args:
            if node.func.value == "iter":
                return is_model_turn_parts(node.args[0].value, live.resolve_value)
            if node.func.value == "next":  # next(iter(parts))
                return FirstPartOnly._over_parts(live, node.args[0].value)
        return False

    @staticmethod
    def _guard_on_the_part(live, read: cst.CSTNode) -> cst.If | None:
        """The nearest ``if`` around ``read`` (or holding it in its test) whose test reads
        that same part: ``if sc.model_turn and parts[0].inline_data: use(parts[0]...)``."""
        for ancestor in live.ancestors(read):
            if isinstance(ancestor, cst.If):
                if contains(ancestor.test, lambda n: n is read or n.deep_equals(read)):
                    return ancestor
                return None
            if isinstance(ancestor, (cst.FunctionDef, cst.For, cst.While, cst.With, cst.Try)):
                return None
        return None

    @staticmethod
    def _guarded_loop(live, read: cst.CSTNode, parts: cst.BaseExpression, guard: cst.If) -> Fix | None:
        """``if <prefix> and <test of parts[0]>: <body>`` → ``if <prefix>: for part in parts:
        if <test of part>: <body>``: each part is checked as the guard checked the first, and
        the prefix still guards the parts themselves. None when that is not the shape."""
        test = guard.test
        if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
            prefix, last = test.left, test.right
        else:
            prefix, last = None, test
        if isinstance(last, (cst.BooleanOperation, cst.UnaryOperation)):
            return None  # `not (a and parts[0]...)`, `a or parts[0]...`: no per-part reading of it
        same = lambda n: n is read or n.deep_equals(read)  # noqa: E731
        if guard.orelse is not None or not contains(last, same) or (prefix is not None and contains(
                prefix, lambda n: FirstPartOnly._over_parts(live, n))):
            return None
        if leaves([guard.body]) or any(contains(line, lambda n: FirstPartOnly._over_parts(live, n) and not same(n))
                                       for line in [last, guard.body]):
            return None  # an exit would leave the new loop; another part read would pair parts
        function = live.enclosing_function(guard)
        used = _names_used(function) if function else set()
        name = next((n for n in _LOOP_NAMES if n not in used), None)
        if name is None:
            return None
        # every read of that part in the test and the body, in one pass (replacing them one by
        # one lost the later ones: each replacement rebuilds the tree the next one is looked for in)
        to_part = _ReplaceReads(read, name)
        new_test, new_body = last.visit(to_part), guard.body.visit(to_part)
        if isinstance(new_test, cst.BaseExpression) and (new_test.lpar or new_test.rpar):
            new_test = new_test.with_changes(lpar=[], rpar=[])
        inner = cst.If(test=new_test, body=new_body)
        loop = cst.For(target=cst.Name(name), iter=parts, body=cst.IndentedBlock(body=[inner]))
        if prefix is None:
            new = loop.with_changes(leading_lines=guard.leading_lines)
        else:
            new = guard.with_changes(test=prefix, body=guard.body.with_changes(body=[loop]))
        return Fix.unsafe(f"check every part as the guard checked the first (`for {name} in ...`)",
                          Replace(guard, new))

    @staticmethod
    def _every_part(ctx: RuleContext, read: cst.CSTNode, parts: cst.BaseExpression) -> Fix | None:
        """The statement reading one part, and the statements after it that use what it
        binds, put in a loop over every part; None when the loop would change more."""
        live = ctx.live
        guard = FirstPartOnly._guard_on_the_part(live, read)
        if guard is not None:
            return FirstPartOnly._guarded_loop(live, read, parts, guard)
        statement = statement_of(read, live.parent)
        where = block_of(statement, live.parent) if statement is not None else None
        if where is None:
            return None
        block, index = where
        if isinstance(live.parent(block), cst.Try) and live.parent(block).body is block:
            return FirstPartOnly._raw_try_loop(live, read, parts, statement, live.parent(block))
        if isinstance(statement, cst.SimpleStatementLine):
            if len(statement.body) != 1 or not isinstance(statement.body[0], (cst.Assign, cst.Expr)):
                return None
            small = statement.body[0]
        elif isinstance(statement, cst.If) and contains(statement.test, lambda n: n is read):
            small = None
        else:
            return None  # the read sits in a loop header, a with, a try...: not a statement to repeat
        if any(isinstance(a, (cst.BooleanOperation, cst.IfExp)) for a in _between(live, read, statement)):
            # `sc and sc.model_turn and sc.model_turn.parts[0]...`: the guard checks what the
            # loop would iterate; hoisting the parts out of it raises on every other message
            return None
        function = live.enclosing_function(statement)
        if function is None:
            return None
        used = _names_used(function)
        if (isinstance(small, cst.Assign) and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name) and small.value is read):
            name = small.targets[0].target.value  # `part = parts[0]`: the loop binds `part`
            head: list[cst.CSTNode] = []
            bound = {name}
        else:
            name = next((n for n in _LOOP_NAMES if n not in used), None)
            if name is None:
                return None
            head = [statement.deep_replace(read, cst.Name(name)).with_changes(leading_lines=[])]
            bound = {name} | names_bound(statement)
        # The statements that use the part, directly or through what they bind: they must
        # follow one another, or the loop would repeat a statement that has nothing to do
        # with the part.
        last = index
        for position in range(index + 1, len(block.body)):
            line = block.body[position]
            if not {n.value for n in names_read(line)} & bound:
                continue
            if position != last + 1:
                return None
            last = position
            bound |= names_bound(line)
        moved = list(block.body[index + 1:last + 1])
        if not head and not moved:
            return None
        if leaves([statement, *moved]):
            return None  # a return/break/continue would now leave (or repeat in) the new loop
        inside = {id(n) for n in descendants(read)}  # `iter(parts)` of `next(iter(parts))` is the read itself
        if any(contains(line, lambda n: id(n) not in inside and FirstPartOnly._over_parts(live, n))
               for line in [statement, *moved]):
            return None  # another part read there: one loop inside the other would pair every two parts
        if any(n.value not in bound and FirstPartOnly._over_parts(live, live.resolve_value(n))
               for n in names_read(statement, *moved)):
            return None  # they also use another single part (`first = parts[0]`): pairs again
        if any(isinstance(a, cst.For) and FirstPartOnly._over_parts(live, a) for a in live.ancestors(statement)):
            return None  # already inside a loop over the parts
        start, stop = live.order_of(statement), live.end_of(block.body[last])
        if any(n.value in bound and not start <= live.order_of(n) < stop for n in names_read(function)):
            return None  # read after the loop: it would hold the last part, or nothing
        body = head + moved
        bound_name = name
        if not head and _SAYS_POSITION.match(name):
            # `first = parts[0]`: in a loop over every part the name would say what it no longer is
            new_name = next((n for n in _LOOP_NAMES if n not in used), None)
            renamed = _renamed(live, moved, name, new_name) if new_name is not None else None
            if renamed is not None:
                body, name = renamed, new_name
        guard = (_part_guard(live, read, name) or _dereferenced_field(live, statement, read, moved, name)) if head \
            else _named_part_guard(live, moved, bound_name, name)
        if guard is not None:  # each part checked for what the read took from the first
            body = [cst.If(test=guard, body=cst.IndentedBlock(body=[_without_blank_lines(body[0]), *body[1:]]))]
        body[0] = _without_blank_lines(body[0])
        header = statement.trailing_whitespace if not head and isinstance(statement, cst.SimpleStatementLine) \
            else cst.TrailingWhitespace()
        first, leading, iterated = index, list(statement.leading_lines), parts
        temporary = _temporary_for(live, function, block, index, parts)
        if temporary is not None:  # `parts = sc.model_turn.parts` only there for the read: iterate the value
            first, leading, iterated = index - 1, [*temporary.leading_lines, *leading], temporary.body[0].value
        loop = cst.For(target=cst.Name(name), iter=iterated, body=cst.IndentedBlock(body=body, header=header),
                       leading_lines=leading)
        new_body = [*block.body[:first], loop, *block.body[last + 1:]]
        return Fix.unsafe(f"loop over every part (`for {name} in ...`)", Replace(block, block.with_changes(body=new_body)))

    @staticmethod
    def _raw_try_loop(live, read: cst.CSTNode, parts: cst.BaseExpression, statement: cst.CSTNode,
                      trial: cst.Try) -> Fix | None:
        """``try: b64 = raw["serverContent"]["modelTurn"]["parts"][0]["inlineData"]["data"]``
        / ``except KeyError: pass`` / ``else: use(b64)``: a message without those keys is
        skipped. Every part there is, then, each checked for the key read on it::

            parts = raw.get("serverContent", {}).get("modelTurn", {}).get("parts", [])
            for part in parts:
                if "inlineData" in part:
                    use(part["inlineData"]["data"])

        None when the ``try`` does more than skip such a message, or the loop would change
        more than which parts are handled."""
        if (len(trial.body.body) != 1 or trial.orelse is None or not isinstance(trial.orelse.body, cst.IndentedBlock)
                or trial.finalbody is not None or len(trial.handlers) != 1
                or not _skips_missing_keys(trial.handlers[0])):
            return None
        small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
        if not (isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)):
            return None
        keys, path = _keys_between(small.value, read), _raw_path(parts)
        function = live.enclosing_function(trial)
        if keys is None or path is None or function is None:
            return None
        root, steps = path
        name = small.targets[0].target.value
        rest = list(trial.orelse.body.body)
        if leaves(rest) or any(contains(line, lambda n: FirstPartOnly._over_parts(live, n)) for line in rest):
            return None
        start, stop = live.order_of(trial.orelse), live.end_of(trial.orelse)
        bound = {name} | names_bound(*rest)
        if any(n.value in bound and not start <= live.order_of(n) < stop for n in names_read(function)):
            return None  # read outside the else: it would hold the last part's, or nothing
        used = _names_used(function)
        gets = "".join(f".get({_code(key)}, {{}})" for key in steps[:-1]) + f".get({_code(steps[-1])}, [])"
        present = cst.parse_expression(f"{_code(root)}{gets}")
        if not keys:  # `part = raw[...]["parts"][0]`: the loop binds the code's name
            loop_name, body = name, rest
        else:
            loop_name = next((n for n in _LOOP_NAMES if n not in used), None)
            if loop_name is None:
                return None
            value = small.value.deep_replace(read, cst.Name(loop_name))
            reads = [n for n in names_read(*rest) if n.value == name]
            if (len(reads) == 1 and name not in names_bound(*rest)
                    and any(contains(line, lambda n: n is reads[0]) for line in rest)):
                body = [line.deep_replace(reads[0], value) if contains(line, lambda n: n is reads[0]) else line
                        for line in rest]  # used once: read it there
            else:
                body = [statement.with_changes(body=[small.with_changes(value=value)], leading_lines=[]), *rest]
            body[0] = _without_blank_lines(body[0])
            body = [cst.If(test=cst.parse_expression(f"{_code(keys[0])} in {loop_name}"), body=cst.IndentedBlock(body))]
        body[0] = _without_blank_lines(body[0])
        if "parts" in used or loop_name == "parts":
            loop = cst.For(target=cst.Name(loop_name), iter=present, body=cst.IndentedBlock(body),
                           leading_lines=trial.leading_lines)
            new: cst.CSTNode = loop
        else:
            assign = cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name("parts"))], present)],
                                             leading_lines=trial.leading_lines)
            new = cst.FlattenSentinel([assign, cst.For(target=cst.Name(loop_name), iter=cst.Name("parts"),
                                                       body=cst.IndentedBlock(body))])
        return Fix.unsafe(f"loop over every part there is (`for {loop_name} in ...`)", Replace(trial, new))
