"""A receive loop that ends on a message without server content.

## What it does
Flags a `break` or `return` that leaves a loop over Live server messages when the message has
no server content: `if message.server_content is None: break`, `if not sc: return` (with
`sc = message.server_content`), a raw client's `if "serverContent" not in msg: break`, and the
`else` of `if message.server_content: ...`.

## Why is this bad?
Not every message carries server content. Tool calls, usage metadata, GoAway notices and
session resumption updates come on messages of their own, in the middle of a turn. On Gemini
3.1 Flash Live a tool call is answered before the model goes on: a loop that stops at it
never answers, and the session hangs; a loop that stops at a usage or GoAway message drops
the rest of the turn.

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
and goes on; handle the tool calls and GoAway notices it skips. A `return` of a value, or an
exit whose loop is not the message loop itself, gets no fix.

## References
- Gemini 3.1 Flash Live model page ("Function calling is synchronous only"):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Live API guide, the server messages (`toolCall`, `usageMetadata`, `goAway`,
  `sessionResumptionUpdate`): https://ai.google.dev/gemini-api/docs/live-guide
- Messages with no content on 3.1: https://github.com/livekit/agents/pull/5251
- `LiveServerMessage` in https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import exit_statement, says_no_server_content
from livemigrate.edits import Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


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
            says = says_no_server_content(live, node.test, message)
            if says is True:
                body = node.body
            elif says is False and isinstance(node.orelse, cst.Else):
                body = node.orelse.body
            else:
                continue
            leaving = exit_statement(body, (cst.Break, cst.Return))
            if leaving is None or live.is_legacy_only(node):
                continue
            ctx.report(leaving, f"ends the receive loop on a message without server content: "
                       f"{ctx.target.claim('non_content_messages')}; skip such messages (`continue`) and "
                       f"handle the tool calls and notices they carry", self._skip(ctx, leaving, loop))

    @staticmethod
    def _message_loop(ctx: RuleContext, node: cst.If) -> cst.For | cst.While | None:
        """The loop over server messages the ``if`` sits in directly (no inner loop or
        function between them)."""
        live = ctx.live
        for ancestor in live.ancestors(node):
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                return None
            if isinstance(ancestor, cst.For):
                known = live.is_message_loop(ancestor) or LoopEndsOnNonContent._receives(ancestor)
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
    def _raw(ctx: RuleContext, loop: cst.For | cst.While) -> bool:
        """A raw client's loop over frames it decodes (``json.loads`` of what it receives)."""
        live = ctx.live
        if not (live.raw_client or any(c.kind == "raw" for c in live.configs)):
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
    def _skip(ctx: RuleContext, leaving: cst.CSTNode, loop: cst.CSTNode) -> Fix | None:
        if isinstance(leaving, cst.Return) and leaving.value is not None:
            return None
        nearest = next((a for a in ctx.live.ancestors(leaving) if isinstance(a, (cst.For, cst.While))), None)
        if nearest is not loop:
            return None
        return Fix.unsafe("skip the message: continue", Replace(leaving, cst.Continue(semicolon=leaving.semicolon)))
