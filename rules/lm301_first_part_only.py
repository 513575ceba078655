"""Reading only the first (or last) part of a Live server message.

## What it does
Flags `message.server_content.model_turn.parts[0]` (or `[-1]`, `next(iter(parts))`), also
through a name (`parts = ...model_turn.parts`), and raw
`response["serverContent"]["modelTurn"]["parts"][0]`; also a `for part in ...parts:` loop
that always ends with `break` or `return` after its first part. `generate_content` responses
(`response.candidates[0].content.parts[0]`) are not Live messages and are not flagged.

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
`part = <parts>[0]` followed by the statements that use `part` becomes
`for part in <parts>:` over those statements; a statement reading `<parts>[0]` inside it
(`play(<parts>[0].inline_data.data)`, `b64 = raw[...]["parts"][0]["inlineData"]["data"]`)
is put in a loop over a new name `part`, with the statements that use what it binds. The
parts expression is iterated as written: a `model_turn` the original did not check for None
is not checked now either (both raise the same way). A `break` that ends a loop over the
parts after its first part is removed.
No fix when the loop would change more than which parts are handled: the statements that use
the part are not next to each other, a name they bind is read after them, they `return`,
`break` or `continue` (the loop would now capture it), or the loop has an `else`.

## References
- Gemini 3.1 Flash Live model page, "Server events":
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Live API guide, "Receiving response": https://ai.google.dev/gemini-api/docs/live-guide
- The cookbook's 3.1 migration of the raw WebSocket sample drops the `["parts"][0]` read:
  https://github.com/google-gemini/cookbook/pull/1223
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import (
    block_of,
    contains,
    exit_statement,
    is_model_turn_parts,
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


_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})


def _only_logged(live, node: cst.CSTNode) -> bool:
    """The part only describes the message: it goes to a logger (``log.debug(...,
    parts[0])``) or only its MIME type is read (``print(parts[0].inline_data.mime_type)``).
    Nothing of it is consumed, so nothing is dropped. (Printing its text is consuming it: a
    text client's output.)"""
    child: cst.CSTNode = node
    for ancestor in live.ancestors(node):
        if isinstance(ancestor, cst.Attribute) and ancestor.value is child and ancestor.attr.value in (
                "mime_type", "mimeType"):
            return True
        if isinstance(ancestor, cst.Subscript) and ancestor.value is child and any(
                isinstance(e.slice, cst.Index) and string_value(e.slice.value) in ("mime_type", "mimeType")
                for e in ancestor.slice):
            return True
        if isinstance(ancestor, cst.Call) and isinstance(ancestor.func, cst.Attribute) \
                and ancestor.func.attr.value in _LOG_METHODS and ancestor.func is not child:
            return True
        if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            return False
        child = ancestor
    return False


def _between(live, node: cst.CSTNode, outer: cst.CSTNode) -> list[cst.CSTNode]:
    """The nodes from ``node``'s parent up to (not including) ``outer``."""
    found = []
    for ancestor in live.ancestors(node):
        if ancestor is outer:
            break
        found.append(ancestor)
    return found


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
            "            out.write(part.inline_data.data)\n",
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
            "async def play(ws, out):\n"
            "    async for raw in ws:\n"
            "        response = json.loads(raw)\n"
            "        b64 = response['serverContent']['modelTurn']['parts'][-1]['inlineData']['data']\n"
            "        out.write(b64)\n",
            fixed="import json\n"
            "async def play(ws, out):\n"
            "    async for raw in ws:\n"
            "        response = json.loads(raw)\n"
            "        for part in response['serverContent']['modelTurn']['parts']:\n"
            "            b64 = part['inlineData']['data']\n"
            "            out.write(b64)\n",
            unsafe=True,
        ),
        Invalid(  # the part decides what the function returns: a loop would not change that
            "async def mime(session):\n"
            "    async for m in session.receive():\n"
            "        if m.server_content and m.server_content.model_turn:\n"
            "            part = next(iter(m.server_content.model_turn.parts))\n"
            "            return part.inline_data.mime_type\n",
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
        for node in live.nodes(cst.Subscript, cst.Call, cst.For):
            if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
                if _first_or_last(node.slice[0].slice.value) and is_model_turn_parts(node.value, live.resolve_value):
                    self._report(ctx, node, self._every_part(ctx, node, node.value))
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "next" and node.args:
                inner = node.args[0].value
                if (isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name) and inner.func.value == "iter"
                        and inner.args and is_model_turn_parts(inner.args[0].value, live.resolve_value)):
                    self._report(ctx, node, self._every_part(ctx, node, inner.args[0].value))
            elif isinstance(node, cst.For) and is_model_turn_parts(iterated_parts(node.iter), live.resolve_value):
                stop = exit_statement(node.body, (cst.Break, cst.Return))
                if stop is not None:
                    fix = (Fix.unsafe("handle every part: remove the break", RemoveStatement(stop))
                           if isinstance(stop, cst.Break) and node.orelse is None else None)
                    self._report(ctx, stop, fix)

    def _report(self, ctx: RuleContext, node: cst.CSTNode, fix: Fix | None) -> None:
        if ctx.live.is_legacy_only(node) or _only_logged(ctx.live, node):
            return
        ctx.report(node, f"reads one part of a Live server message: {ctx.target.claim('multi_part_events')}, "
                   f"and the others are dropped; iterate over every part", fix)

    @staticmethod
    def _over_parts(live, node: cst.CSTNode) -> bool:
        """``node`` reads one part of a message's parts, or loops over them."""
        if isinstance(node, cst.For):
            return is_model_turn_parts(iterated_parts(node.iter), live.resolve_value)
        if isinstance(node, cst.Subscript):
            return is_model_turn_parts(node.value, live.resolve_value)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "iter" and node.args:
            return is_model_turn_parts(node.args[0].value, live.resolve_value)
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
        used = {n.value for n in names_read(function)} | names_bound(function.body) if function else set()
        name = next((n for n in _LOOP_NAMES if n not in used), None)
        if name is None:
            return None
        new_test, new_body = last, guard.body
        for node in [n for n in live.nodes(cst.Subscript) if same(n)
                     and (contains(last, lambda m, n=n: m is n) or contains(guard.body, lambda m, n=n: m is n))]:
            new_test = new_test.deep_replace(node, cst.Name(name)) if contains(new_test, lambda m, n=node: m is n) \
                else new_test
            new_body = new_body.deep_replace(node, cst.Name(name)) if contains(new_body, lambda m, n=node: m is n) \
                else new_body
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
        used = {n.value for n in names_read(function)} | names_bound(function.body)
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
        if any(contains(line, lambda n: n is not read and FirstPartOnly._over_parts(live, n)) for line in [statement, *moved]):
            return None  # another part read there: one loop inside the other would pair every two parts
        if any(n.value not in bound and FirstPartOnly._over_parts(live, live.resolve_value(n))
               for n in names_read(*moved)):
            return None  # they also use another single part (`first = parts[0]`): pairs again
        if any(isinstance(a, cst.For) and FirstPartOnly._over_parts(live, a) for a in live.ancestors(statement)):
            return None  # already inside a loop over the parts
        start, stop = live.order_of(statement), live.end_of(block.body[last])
        if any(n.value in bound and not start <= live.order_of(n) < stop for n in names_read(function)):
            return None  # read after the loop: it would hold the last part, or nothing
        body = head + moved
        body[0] = _without_blank_lines(body[0])
        header = statement.trailing_whitespace if not head and isinstance(statement, cst.SimpleStatementLine) \
            else cst.TrailingWhitespace()
        loop = cst.For(target=cst.Name(name), iter=parts, body=cst.IndentedBlock(body=body, header=header),
                       leading_lines=statement.leading_lines)
        new_body = [*block.body[:index], loop, *block.body[last + 1:]]
        return Fix.unsafe(f"loop over every part (`for {name} in ...`)", Replace(block, block.with_changes(body=new_body)))
