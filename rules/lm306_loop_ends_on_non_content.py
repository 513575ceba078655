"""A receive loop that ends on a message without server content.

## What it does
Flags a `break` or `return` that leaves a loop over Live server messages on a message that
carries no server content, or on one of the messages of its own the server sends mid-turn:
- no server content: `if message.server_content is None: break`, `if not sc: return` (with
  `sc = message.server_content`), a raw client's `if "serverContent" not in msg: break`, and the
  `else` of `if message.server_content: ...`;
- a tool call: `if message.tool_call: ...; return` (also right after answering it), raw
  `if "toolCall" in msg: ...; break`;
- usage metadata: `if message.usage_metadata is not None: ...; break`;
- a GoAway notice with no reconnect: `if message.go_away: break`.

The exit may also sit under a test of the program's own inside such a branch: `if
message.usage_metadata: spent = ...; if spent > BUDGET: return` stops on a usage message
(reported, with no fix), and so does one `and` holding both, `if message.usage_metadata and
message.usage_metadata.total_token_count > BUDGET: return` (one that only reads the notice
further, `if message.tool_call and message.tool_call.function_calls: break`, is the notice's
branch). A nested test that reads the turn's end or the server content
(`if spent > BUDGET and sc and sc.turn_complete: return`) stops at a fine place, and one that
closes the session or the caller's socket first (`await session.close(); return`, or
`await websocket.close(); return` in a phone bridge, on a hang-up or transfer tool) ends the
conversation on purpose: neither is reported. Nor is an exit that first reads the session on
until the turn ends (a hang-up tool answered, then a loop over `session.receive()` that plays the
goodbye and leaves on `turn_complete`): it stops at the end of the turn.

Not flagged: `continue`; ending on `turn_complete` or `interrupted` (the end of a turn is a
fine place to stop); a tool-call branch in a session whose config (shown whole) declares no
function tools (the server sends no tool call there); a GoAway branch that opens the next
session itself (it calls, or starts as a task, a function of the module that connects); a
`break` out of a `receive()` loop that sits in a `while` loop, which calls `receive()` again
(the cookbook's `while True: async for response in session.receive()`), so the conversation
goes on; a `return` from a function that every caller calls again from a
`while` loop, or from a loop that opens a new session (a reconnect on GoAway with a resumption
handle, the documented handling), and a `break` that ends its function likewise (a receive task
started inside such a loop; a line that only logs after the loop does not count, nor a notebook's
`display(...)` of what it collected: measurement 45); Lyria music
sessions (`client.aio.live.music`, raw `BidiGenerateMusic` sockets), which are not Live
conversations.

## Why is this bad?
Not every message carries server content. Tool calls, usage metadata, GoAway notices and
session resumption updates come on messages of their own, in the middle of a turn, and usage
metadata comes on many messages of a turn. On Gemini 3.1 Flash Live a tool call is answered
before the model goes on: a loop that stops at it never answers, and the session hangs; a
loop that stops right after answering it, or at a usage or GoAway message, drops the rest of
the turn (the answer the model gives with the tool result).

## Example
```python
async for message in session.receive():
    if message.server_content is None:
        break
    play(message)
```

## Use instead
```python
async for message in session.receive():
    if message.server_content is None:
        continue  # tool calls, usage, GoAway: handle them here
    play(message)
```

## Fix safety
Unsafe: the `break` (or a bare `return`) becomes `continue`, so the loop skips such messages
and goes on; handle the tool calls and GoAway notices it skips (a GoAway is best answered by
reconnecting with a resumption handle). A `return` of a value, or an exit whose loop is not
the message loop itself, gets no fix; nor does an exit under a test of the program's own (a
budget): `continue` would drop the stop the program wants. Note the stop there and leave at
`turn_complete`. Nor does an exit taken on a tool call that nothing answers (a test for a
tool call, or for no server content in a session that declares function tools, where neither
the loop's function nor the code it runs sends a tool response): on 3.1 the model says
nothing more until it gets the tool response, so a `continue` there waits for ever where the
`break` ended the loop. Answer the call (`send_tool_response`) first. Nor does a loop whose
body is only that exit's `if` (`async for m in session.receive(): if m.server_content is None:
break`, a wait for the setup's answer): with `continue` it would never end (decided after
measurement 34).

## References
- Gemini 3.1 Flash Live model page ("Function calling is synchronous only"):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Live API guide, the server messages (`toolCall`, `usageMetadata`, `goAway`,
  `sessionResumptionUpdate`): https://ai.google.dev/gemini-api/docs/live-guide
- Session management (GoAway, resumption):
  https://ai.google.dev/gemini-api/docs/live-api/session-management
- Messages with no content on 3.1: https://github.com/livekit/agents/pull/5251
- `LiveServerMessage` in https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import (LOG_METHODS, answers_tool_calls, declares_function_tools, dotted_name,
                                  exit_statement, is_other_model, live_sessions, says_no_server_content,
                                  string_value)
from livemigrate.edits import Replace
from livemigrate.migration import SERVER_CONTENT_END_FIELDS, to_camel
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext


# Messages of their own the server sends mid-turn, and how a finding names each.
_NOTICES = {"tool_call": "a tool call", "usage_metadata": "usage metadata", "go_away": "a GoAway notice"}
# Fields a nested test reads when it stops on content or at the turn's end, not on the notice.
_CONTENT_READS = frozenset({"server_content", "serverContent", "turn_complete", "turnComplete", "interrupted",
                            "generation_complete", "generationComplete"})
# What ends a session or socket on purpose.
_CLOSES = frozenset({"close", "aclose"})
# What a loop whose end opens a new connection calls (SDK and raw clients alike).
_CONNECTS = frozenset({"connect", "ws_connect"})


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _conjuncts(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The operands of a chain of ``and`` (unparenthesised), else the test itself."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And) and not test.lpar:
        return _conjuncts(test.left) + _conjuncts(test.right)
    return [test]


def _loops_around(live, node: cst.CSTNode) -> list[cst.For | cst.While]:
    """The loops ``node`` sits in, within its function, innermost first."""
    found: list[cst.For | cst.While] = []
    for ancestor in live.ancestors(node):
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            break
        if isinstance(ancestor, (cst.For, cst.While)):
            found.append(ancestor)
    return found


def _ends_its_function(live, loop: cst.For | cst.While) -> bool:
    """Nothing of the function ``loop`` is in runs after it ends (its ``try``'s cleanup
    aside): the loop is the last statement of each block up to the function."""
    node: cst.CSTNode = loop
    for ancestor in live.ancestors(loop):
        if isinstance(ancestor, cst.FunctionDef):
            return True
        if isinstance(ancestor, (cst.Lambda, cst.ClassDef, cst.Module)):
            return False
        if isinstance(ancestor, cst.IndentedBlock) and ancestor.body and ancestor.body[-1] is not node \
                and not all(_only_logs(s) for s in ancestor.body[list(ancestor.body).index(node) + 1:]):
            return False  # more of the function runs (a log line saying the loop ended does not count)
        if isinstance(ancestor, (cst.For, cst.While)) and node is ancestor.body:
            return False  # the enclosing loop runs again
        if isinstance(ancestor, cst.Try) and node is ancestor.body and ancestor.orelse is not None:
            return False
        node = ancestor
    return False


def _only_logs(statement: cst.CSTNode) -> bool:
    """A line that only logs or prints (``logger.warning("stream closed")``; a notebook's
    ``display(...)``, IPython's print, also of the audio it collected): what follows a loop and
    does nothing for the conversation."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        call = small.value if isinstance(small, cst.Expr) else None
        if not isinstance(call, cst.Call):
            return False
        func = call.func
        if isinstance(func, cst.Name) and func.value in ("print", "display"):
            continue
        receiver = dotted_name(func.value) if isinstance(func, cst.Attribute) else None
        if receiver is None or func.attr.value not in LOG_METHODS or "log" not in receiver.split(".")[-1].lower():
            return False
    return True


def _reopens(live, block: cst.BaseSuite) -> bool:
    """The block opens the next session: it calls (or starts as a task) a function of this
    module that connects (``asyncio.create_task(self._prewarm_standby_connection())``)."""
    for node in live.walk(block):
        if type(node) is not cst.Call:
            continue
        calls = [node, *(a.value for a in node.args if type(a.value) is cst.Call)]
        for call in calls:
            function = live.callee(call)
            if function is not None and _reconnects(live, function):
                return True
    return False


def _closes(live, block: cst.BaseSuite) -> bool:
    """The block closes a session or socket (``await session.close()``): the program ends the
    conversation on purpose (a hang-up), and there is nothing left to read."""
    return any(isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value in _CLOSES
               for n in live.walk(block))


# The fields whose test ends a turn (a loop that leaves on one has read the turn to its end).
_TURN_ENDS = frozenset({*SERVER_CONTENT_END_FIELDS, *map(to_camel, SERVER_CONTENT_END_FIELDS)})


def _every_path(block: cst.BaseSuite) -> list[cst.BaseStatement]:
    """The statements of ``block`` that run on every path through it: its own, and those of
    the ``try`` / ``with`` bodies in it, not those under an ``if`` or a loop of their own."""
    pending = list(block.body) if isinstance(block, cst.IndentedBlock) else []
    found: list[cst.BaseStatement] = []
    while pending:
        statement = pending.pop()
        if isinstance(statement, (cst.Try, cst.With)) and isinstance(statement.body, cst.IndentedBlock):
            pending.extend(statement.body.body)
        else:
            found.append(statement)
    return found


def _drains_turn(live, block: cst.BaseSuite) -> bool:
    """Before its exit the block reads the session on until the turn ends: a loop in it that
    receives (``session.receive()``, ``ws.recv()``) and leaves on ``turn_complete`` (a hang-up
    tool that plays the goodbye first). The exit then comes at the end of the turn, where
    stopping is fine."""

    def receive_call(n: cst.CSTNode) -> bool:
        return isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value in ("receive", "recv")

    def reads_each_round(loop: cst.For | cst.While) -> bool:
        # the loop itself reads the session: `async for m in session.receive()`, or a `while`
        # whose own statements (also in its `try` / `with`) await the next message
        if isinstance(loop, cst.For):
            return any(receive_call(n) for n in live.walk(loop.iter))
        return any(isinstance(statement, cst.SimpleStatementLine) and any(receive_call(n) for n in live.walk(statement))
                   for statement in _every_path(loop.body))

    # (only loops that run on every path to the exit)
    for node in _every_path(block):
        if isinstance(node, (cst.For, cst.While)) and reads_each_round(node) and any(
                isinstance(n, cst.If) and exit_statement(n.body, (cst.Break, cst.Return)) is not None
                and any(isinstance(t, cst.Attribute) and t.attr.value in _TURN_ENDS
                        or isinstance(t, cst.SimpleString) and string_value(t) in _TURN_ENDS
                        for t in live.walk(n.test))
                for n in live.walk(node.body)):
            return True
    return False


def _runs_again(loop: cst.While) -> bool:
    """A ``while`` loop whose body does not end by leaving it."""
    return exit_statement(loop.body, (cst.Break, cst.Return, cst.Raise)) is None


def _reconnects(live, loop: cst.For | cst.While) -> bool:
    """A loop that opens a session (or socket) on each round."""
    return any(isinstance(n, cst.Call) and (isinstance(n.func, cst.Attribute) and n.func.attr.value in _CONNECTS
                                            or isinstance(n.func, cst.Name) and n.func.value in _CONNECTS)
               for n in live.walk(loop.body))


class LoopEndsOnNonContent(Rule):
    id = "LM306"
    name = "loop-ends-on-non-content"
    message = "a receive loop ends on a message without server content: tool calls and notices come mid-turn"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "async def loop(session, out):\n"
        "    async for m in session.receive():\n"
        "        if m.server_content is None:\n            continue\n"
        "        out.write(m.data)\n",
        # the end of the turn is a fine place to stop
        "async def loop(session, out):\n"
        "    async for m in session.receive():\n"
        "        if m.server_content and m.server_content.turn_complete:\n            break\n",
        # the cookbook's loop: the `while` calls receive() again, the conversation goes on
        "async def loop(session, out):\n"
        "    while True:\n"
        "        async for m in session.receive():\n"
        "            if m.server_content is None:\n                break\n"
        "            out.write(m.data)\n",
        # a GoAway ends the loop, and the caller reconnects
        "from google import genai\nclient = genai.Client()\n"
        "async def listen(session, out):\n"
        "    async for m in session.receive():\n"
        "        if m.go_away is not None:\n            return\n"
        "        out.write(m.data)\n"
        "async def run(config, out):\n"
        "    while True:\n"
        "        async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
        "            await listen(s, out)\n",
    ]
    INVALID = [
        Invalid(
            "async def loop(session, out):\n"
            "    async for m in session.receive():\n"
            "        if m.server_content is None:\n            break\n"
            "        out.write(m.data)\n",
            fixed="async def loop(session, out):\n"
            "    async for m in session.receive():\n"
            "        if m.server_content is None:\n            continue\n"
            "        out.write(m.data)\n",
            unsafe=True,
        ),
        Invalid(  # through a name, and the else of a test for content
            "async def loop(session, out):\n"
            "    async for m in session.receive():\n"
            "        sc = m.server_content\n"
            "        if sc:\n            out.write(m.data)\n"
            "        else:\n            return\n",
            fixed="async def loop(session, out):\n"
            "    async for m in session.receive():\n"
            "        sc = m.server_content\n"
            "        if sc:\n            out.write(m.data)\n"
            "        else:\n            continue\n",
            unsafe=True,
        ),
        Invalid(  # a raw client
            "import json\nURI = 'wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent'\n"
            "async def loop(ws, out):\n"
            "    while True:\n"
            "        msg = json.loads(await ws.recv())\n"
            "        if 'serverContent' not in msg:\n            break\n"
            "        out.write(msg['serverContent'])\n",
            fixed="import json\nURI = 'wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent'\n"
            "async def loop(ws, out):\n"
            "    while True:\n"
            "        msg = json.loads(await ws.recv())\n"
            "        if 'serverContent' not in msg:\n            continue\n"
            "        out.write(msg['serverContent'])\n",
            unsafe=True,
        ),
        Invalid(  # right after answering a tool call: the model's reply comes after it
            "async def loop(session, out):\n"
            "    async for m in session.receive():\n"
            "        if m.tool_call:\n"
            "            await session.send_tool_response(function_responses=[])\n"
            "            return\n"
            "        out.write(m.data)\n",
            fixed="async def loop(session, out):\n"
            "    async for m in session.receive():\n"
            "        if m.tool_call:\n"
            "            await session.send_tool_response(function_responses=[])\n"
            "            continue\n"
            "        out.write(m.data)\n",
            unsafe=True, line=5, message="on a tool call",
        ),
        Invalid(  # usage metadata, also a raw client's
            "import json\nURI = 'wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent'\n"
            "async def loop(ws, out):\n"
            "    async for raw in ws:\n"
            "        msg = json.loads(raw)\n"
            "        out.write(msg.get('serverContent'))\n"
            "        if 'usageMetadata' in msg:\n            break\n",
            fixed="import json\nURI = 'wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent'\n"
            "async def loop(ws, out):\n"
            "    async for raw in ws:\n"
            "        msg = json.loads(raw)\n"
            "        out.write(msg.get('serverContent'))\n"
            "        if 'usageMetadata' in msg:\n            continue\n",
            unsafe=True, message="on usage metadata",
        ),
        Invalid(  # a budget read from usage metadata: the stop is the program's, so no fix
            "from google import genai\n"
            "async def loop(session, out, budget):\n"
            "    while True:\n"
            "        async for m in session.receive():\n"
            "            if m.usage_metadata:\n"
            "                if m.usage_metadata.total_token_count > budget:\n"
            "                    return\n"
            "            out.write(m.data)\n",
            line=7, message="under a test of the program's own",
        ),
        Invalid(  # returns a value: no fix
            "async def first_audio(session):\n"
            "    async for m in session.receive():\n"
            "        if not m.server_content:\n            return None\n"
            "        if m.data:\n            return m.data\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        messages: dict[int, str | None] = {}  # per loop: how its body spells the message
        for node in live.nodes(cst.If):
            loop = self._message_loop(ctx, node)
            if loop is None:
                continue
            if id(loop) not in messages:
                messages[id(loop)] = self._message_of(ctx, loop)
            message = messages[id(loop)]
            if message is None:
                continue
            branch, own_test = self._branch(ctx, node, message), False
            if branch is None:
                branch, own_test = self._conjoined(ctx, node, message)
            if branch is None:
                continue
            field, body = branch
            if live.is_legacy_only(node):
                continue
            if field == "tool_call" and self._declares_no_function_tools(ctx, loop):
                continue  # the branch never runs: no tool call comes on this session
            if field == "go_away" and _reopens(live, body):
                continue  # the branch opens the next session (a reconnect of its own)
            leaving = exit_statement(body, (cst.Break, cst.Return))
            if leaving is not None and not self._goes_on(ctx, leaving, loop) and not _drains_turn(live, body):
                if own_test:
                    ctx.report(leaving, self._message(ctx, field, own_test=True))
                else:
                    unanswered = self._skips_unanswered_tool_calls(ctx, leaving, loop, field)
                    ctx.report(leaving, self._message(ctx, field, unanswered=unanswered),
                               None if unanswered else self._skip(ctx, leaving, loop))
            for leaving in self._exits_under_own_tests(ctx, body, message):
                if not self._goes_on(ctx, leaving, loop):
                    ctx.report(leaving, self._message(ctx, field, own_test=True))

    @staticmethod
    def _exits_under_own_tests(ctx: RuleContext, body: cst.BaseSuite, message: str) -> list[cst.CSTNode]:
        """The ``break`` / ``return`` statements ending a block of an ``if`` nested in ``body``
        (through ``if`` / ``elif`` / ``else``, not functions): the loop ends on this message
        when a test of the program's own holds (a usage budget spent, `call.name == "transfer"`).
        In a loop nested in ``body`` (``for call in message.tool_call.function_calls:``) only a
        ``return`` leaves the receive loop; a ``break`` there leaves the inner loop alone.
        Not those under a nested test of another notice (reported for that one) or under a
        test that reads the turn's end or the server content (stopping there is fine)."""
        live = ctx.live
        found: list[cst.CSTNode] = []
        # blocks still to read, each with the exits that leave the receive loop from it (a
        # stack, not a closure calling itself: a cycle)
        pending: list[tuple[cst.BaseSuite, tuple[type, ...]]] = [(body, (cst.Break, cst.Return))]
        while pending:
            block, exits = pending.pop()
            statements = block.body if isinstance(block, cst.IndentedBlock) else []
            nested: list[tuple[cst.BaseSuite, tuple[type, ...]]] = []
            for statement in statements:
                if isinstance(statement, (cst.For, cst.While)):
                    nested.append((statement.body, (cst.Return,)))
                    continue
                branch: cst.If | cst.Else | None = statement if isinstance(statement, cst.If) else None
                while branch is not None:
                    if isinstance(branch, cst.If):
                        if LoopEndsOnNonContent._branch(ctx, branch, message) is not None or any(
                                isinstance(n, cst.Attribute) and n.attr.value in _CONTENT_READS
                                or isinstance(n, cst.SimpleString) and string_value(n) in _CONTENT_READS
                                for n in live.walk(branch.test)):
                            break
                    leaving = exit_statement(branch.body, exits)
                    if leaving is not None and not _closes(live, branch.body) and not _drains_turn(live, branch.body):
                        found.append(leaving)
                    nested.append((branch.body, exits))
                    branch = branch.orelse if isinstance(branch, cst.If) else None
            pending.extend(reversed(nested))
        return found

    @staticmethod
    def _branch(ctx: RuleContext, node: cst.If, message: str) -> tuple[str, cst.BaseSuite] | None:
        """The field the ``if`` tests and the block that runs on a message without server
        content (``"server_content"``) or with a notice of its own (``"tool_call"``, ...)."""
        live = ctx.live
        says = says_no_server_content(live, node.test, message)
        if says is True:
            return "server_content", node.body
        if says is False:
            return ("server_content", node.orelse.body) if isinstance(node.orelse, cst.Else) else None
        for field in _NOTICES:
            says = says_no_server_content(live, node.test, message, field)
            if says is False:
                return field, node.body
            if says is True and isinstance(node.orelse, cst.Else):
                return field, node.orelse.body
        return None

    @staticmethod
    def _conjoined(ctx: RuleContext, node: cst.If, message: str) -> tuple[tuple[str, cst.BaseSuite] | None, bool]:
        """``if m.usage_metadata and m.usage_metadata.total_token_count > BUDGET:`` (one ``and``
        holding a notice's test and more): the field and the block, and whether the rest is a
        test of the program's own (the stop is the program's: no fix). Only further reads of
        the notice (``m.tool_call and m.tool_call.function_calls``) leave it the notice's
        branch. Nothing when a conjunct reads the server content or the turn's end (a fine
        place to stop) or none tests a notice."""
        test = node.test
        if not (isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And)):
            return None, False
        if any(isinstance(n, cst.Attribute) and n.attr.value in _CONTENT_READS
               or isinstance(n, cst.SimpleString) and string_value(n) in _CONTENT_READS
               for n in ctx.live.walk(test)):
            return None, False
        conjuncts = _conjuncts(test)
        for field in _NOTICES:
            present = [c for c in conjuncts if says_no_server_content(ctx.live, c, message, field) is False]
            if present:
                own = any(not (isinstance(c, cst.Attribute) and _code(c).startswith(f"{message}.{field}."))
                          for c in conjuncts if not any(c is p for p in present))
                return (field, node.body), own
        return None, False

    @staticmethod
    def _goes_on(ctx: RuleContext, leaving: cst.CSTNode, loop: cst.For | cst.While) -> bool:
        """The conversation goes on after the exit: a ``break`` out of a loop that a ``while``
        loop around it runs again, or a ``return`` to callers that each call again from a
        ``while`` loop or from a loop that opens a new session (a reconnect)."""
        live = ctx.live
        if isinstance(leaving, cst.Break):
            if any(isinstance(outer, cst.While) and _runs_again(outer) for outer in _loops_around(live, loop)):
                return True
            if not _ends_its_function(live, loop):
                return False
            # the break ends the function (a receive task): it goes on where its callers do
        function = live.enclosing_function(loop)
        callers = live.callers(function) if function is not None else []
        return bool(callers) and all(
            any(isinstance(outer, cst.While) and _runs_again(outer) or _reconnects(live, outer)
                for outer in _loops_around(live, call))
            for call in callers)

    @staticmethod
    def _message(ctx: RuleContext, field: str, own_test: bool = False, unanswered: bool = False) -> str:
        verdict = ctx.target.claim("non_content_messages")
        if unanswered:
            on = "a tool call" if field == "tool_call" else "a message without server content (a tool call among them)"
            return (f"ends the receive loop on {on}, and nothing answers the tool call: {verdict}; "
                    f"send the tool response (`send_tool_response`) before going on: a `continue` alone would wait "
                    f"for ever")
        if own_test:
            on = "a message without server content" if field == "server_content" else _NOTICES[field]
            return (f"ends the receive loop on {on}, under a test of the program's own: {verdict}; "
                    f"note the stop and leave at the end of the turn (`turn_complete`), so the rest of the "
                    f"turn is read")
        if field == "server_content":
            return (f"ends the receive loop on a message without server content: {verdict}; skip such "
                    f"messages (`continue`) and handle the tool calls and notices they carry")
        if field == "go_away":
            return (f"ends the receive loop on a GoAway notice, and nothing reconnects: {verdict}; reconnect with "
                    f"a session resumption handle, or skip the notice (`continue`) and read the rest of the turn")
        return (f"ends the receive loop on {_NOTICES[field]}: {verdict}; skip to the next message (`continue`) "
                f"so the rest of the turn is read")

    @staticmethod
    def _message_loop(ctx: RuleContext, node: cst.If) -> cst.For | cst.While | None:
        """The loop over server messages the ``if`` sits in directly (no inner loop or
        function between them)."""
        live = ctx.live
        for ancestor in live.ancestors(node):
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                return None
            if isinstance(ancestor, cst.For):
                known = live.is_message_loop(ancestor) or LoopEndsOnNonContent._receives(ancestor) \
                    and not LoopEndsOnNonContent._plays_music(ctx, ancestor)
                return ancestor if known or LoopEndsOnNonContent._raw(ctx, ancestor) else None
            if isinstance(ancestor, cst.While):
                return ancestor if LoopEndsOnNonContent._raw(ctx, ancestor) else None
        return None

    @staticmethod
    def _receives(loop: cst.For) -> bool:
        """``async for m in <x>.receive():`` (the session may be a parameter of any name)."""
        iterator = loop.iter
        return (loop.asynchronous is not None and isinstance(iterator, cst.Call) and not iterator.args
                and isinstance(iterator.func, cst.Attribute) and iterator.func.attr.value == "receive")

    @staticmethod
    def _plays_music(ctx: RuleContext, loop: cst.For) -> bool:
        """``async for m in session.receive()`` on a session opened by ``live.music.connect``
        (Lyria): its messages are music chunks, not a conversation."""
        receiver = loop.iter.func.value  # type: ignore[attr-defined]  # checked by _receives
        if not isinstance(receiver, cst.Name):
            return False
        for ancestor in ctx.live.ancestors(loop):
            if not isinstance(ancestor, cst.With):
                continue
            for item in ancestor.items:
                opened = item.item.expression if isinstance(item.item, cst.Await) else item.item
                if (item.asname is not None and isinstance(item.asname.name, cst.Name)
                        and item.asname.name.value == receiver.value and isinstance(opened, cst.Call)):
                    return ".music." in f".{_code(opened.func)}."
        return False

    @staticmethod
    def _raw(ctx: RuleContext, loop: cst.For | cst.While) -> bool:
        """A raw client's loop over frames it decodes (``json.loads`` of what it receives), in a
        module whose raw setup frames (if it writes any) open a Live model, not Lyria's."""
        live = ctx.live
        setups = [c for c in live.configs if c.kind == "raw"]
        if not (live.raw_client or setups) or setups and all(is_other_model(c.model) for c in setups):
            return False
        known = ctx.cache.setdefault("LM306.raw_loops", {})
        if id(loop) not in known:
            known[id(loop)] = any(isinstance(n, cst.Call) and _code(n.func) in ("json.loads", "loads")
                                  for n in live.walk(loop.body if isinstance(loop, cst.While) else loop))
        return known[id(loop)]

    @staticmethod
    def _message_of(ctx: RuleContext, loop: cst.For | cst.While) -> str | None:
        """How the loop body spells the message: the loop target of ``async for m in
        session.receive()``, else the name a raw loop assigns ``json.loads(...)`` to."""
        if isinstance(loop, cst.For) and (ctx.live.is_message_loop(loop) or LoopEndsOnNonContent._receives(loop)):
            return _code(loop.target)
        for node in ctx.live.walk(loop.body):
            if (isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name)
                    and isinstance(node.value, cst.Call) and _code(node.value.func) in ("json.loads", "loads")):
                return node.targets[0].target.value
        return None

    @staticmethod
    def _declares_no_function_tools(ctx: RuleContext, loop: cst.For | cst.While) -> bool:
        """The loop's session has a config this module shows whole, and it declares no
        function tools: the server sends no tool call on it."""
        live = ctx.live
        message = loop.target if isinstance(loop, cst.For) else None
        config = live.config_of(live.message_origin(message) if message is not None else None)
        if config is None or declares_function_tools(live, config):
            return False
        return any(session.config is config and session.config_known(live) for session in live_sessions(live))

    @staticmethod
    def _skips_unanswered_tool_calls(ctx: RuleContext, leaving: cst.CSTNode, loop: cst.For | cst.While,
                                     field: str) -> bool:
        """The exit is taken on a tool call (its branch tests one, or tests for no server
        content in a session that declares function tools) and nothing answers it (the code
        that gets the message: its function, what that runs, a handler's caller): with
        ``continue`` the loop would wait for a reply the model holds until it gets the tool
        response, for ever."""
        live = ctx.live
        if field == "server_content":
            message = loop.target if isinstance(loop, cst.For) else None
            config = live.config_of(live.message_origin(message) if message is not None else None)
            configs = [config] if config is not None else list(live.configs)
            if not any(declares_function_tools(live, c) for c in configs):
                return False
        elif field != "tool_call":
            return False
        return not answers_tool_calls(live, leaving)

    @staticmethod
    def _skip(ctx: RuleContext, leaving: cst.CSTNode, loop: cst.CSTNode) -> Fix | None:
        if isinstance(leaving, cst.Return) and leaving.value is not None:
            return None
        nearest = next((a for a in ctx.live.ancestors(leaving) if isinstance(a, (cst.For, cst.While))), None)
        if nearest is not loop:
            return None
        body = loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ()
        if len(body) == 1 and isinstance(body[0], cst.If) and body[0].orelse is None:
            # the loop only waits for such a message (`if msg.server_content is None: break`, a
            # wait for the setup): with `continue` it would never end
            return None
        return Fix.unsafe("skip the message: continue", Replace(leaving, cst.Continue(semicolon=leaving.semicolon)))
