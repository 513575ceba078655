"""`interaction_status` read on the server message instead of on its `server_content`.

## What it does
On a target that reports `interaction_status` (3.8 Live, 3.8 extended thinking), flags
`message.interaction_status`, `getattr(message, "interaction_status", None)` and raw `msg.get("interactionStatus")`
where `message` is known to be a Live server message (from `session.receive()`, a handler
parameter; a raw WebSocket frame only where the analysis knows it is one). Silent on the
default 3.1 target (which documents no interaction status) and in code that only runs for 2.x
models.

## Why is this bad?
`interaction_status` is a field of `LiveServerContent` (`serverContent.interactionStatus` on the
wire), not of `LiveServerMessage`. Read on the message it is always absent: `getattr(..., None)`
gives None, so an `if ... == IDLE: break` never fires (the loop then only ends because the
SDK's `receive()` itself stops at IDLE, from google-genai 2.23.0 on); the attribute spelling
raises `AttributeError`. Google's own sample and migration skill make this mistake.

## Example
```python
async for message in session.receive():
    if getattr(message, "interaction_status", None) == types.InteractionStatus.IDLE:
        break
```

## Use instead
```python
async for message in session.receive():
    if getattr(message.server_content, "interaction_status", None) == types.InteractionStatus.IDLE:
        break
```

## Fix safety
Unsafe: the read starts to see the status, so code behind it (a `break`) starts to run. The
attribute spelling becomes a `getattr(<message>.server_content, "interaction_status", None)`:
messages without server content (tool calls, usage) give None instead of raising.

## References
- `LiveServerContent.interaction_status` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- Live API thinking guide (interaction status): https://ai.google.dev/gemini-api/docs/live-api/thinking
- The misread in Google's notebook:
  https://github.com/google-gemini/cookbook/blob/main/quickstarts/Get_started_Live_Thinking.ipynb
  and skill: https://github.com/google-gemini/gemini-skills/pull/81
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import string_value
from livemigrate.edits import Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_SNAKE, _CAMEL = "interaction_status", "interactionStatus"


def _server_content(message: cst.BaseExpression) -> cst.Attribute:
    return cst.Attribute(message, cst.Name("server_content"))


class InteractionStatusOnMessage(Rule):
    id = "LM605"
    name = "interaction-status-on-message"
    message = "interaction_status read on the server message: it is a field of server_content"
    fix_availability = FixAvailability.ALWAYS
    EXAMPLE_TARGET = "3.8"

    VALID = [
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
        "        async for message in s.receive():\n"
        "            if message.server_content and message.server_content.interaction_status == 'IDLE':\n"
        "                break\n",
        # not a Live message
        "def f(job):\n    return job.interaction_status\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
            "        async for message in s.receive():\n"
            "            if getattr(message, 'interaction_status', None) == types.InteractionStatus.IDLE:\n"
            "                break\n",
            fixed="from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
            "        async for message in s.receive():\n"
            "            if getattr(message.server_content, 'interaction_status', None) == types.InteractionStatus.IDLE:\n"
            "                break\n",
            unsafe=True,
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
            "        async for message in s.receive():\n"
            "            print(message.interaction_status)\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
            "        async for message in s.receive():\n"
            "            print(getattr(message.server_content, \"interaction_status\", None))\n",
            unsafe=True,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if not ctx.target.sends_interaction_status:
            return
        live = ctx.live
        for node in live.nodes(cst.Attribute, cst.Call):
            found = self._misread(live, node)
            if found is None or live.is_legacy_only(node):
                continue
            point, replacement = found
            ctx.report(point, f"`{ctx.code(node)}` reads `interaction_status` on the message, where it is "
                       f"never set: {ctx.target.claim('interaction_status')}.",
                       Fix.unsafe("read it on server_content", Replace(node, replacement)))

    @staticmethod
    def _misread(live, node: cst.CSTNode) -> tuple[cst.CSTNode, cst.BaseExpression] | None:
        """(where to point, what to write instead) for a status read on a message."""
        if isinstance(node, cst.Attribute) and node.attr.value == _SNAKE and live.is_message(node.value):
            return node, cst.Call(cst.Name("getattr"), [
                cst.Arg(_server_content(node.value)), cst.Arg(cst.SimpleString(f'"{_SNAKE}"')),
                cst.Arg(cst.Name("None"))])
        if not isinstance(node, cst.Call) or not node.args:
            return None
        if (isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
                and string_value(node.args[0].value) == _CAMEL and live.is_message(node.func.value)):
            inner = cst.Call(cst.Attribute(node.func.value, cst.Name("get")),
                             [cst.Arg(cst.SimpleString('"serverContent"')), cst.Arg(cst.Dict([]))])
            return node, node.with_changes(func=node.func.with_changes(value=inner))
        if len(node.args) < 2:
            return None
        if isinstance(node.func, cst.Name) and node.func.value in ("getattr", "hasattr") \
                and string_value(node.args[1].value) == _SNAKE and live.is_message(node.args[0].value):
            first = node.args[0]
            return node, node.with_changes(args=[first.with_changes(value=_server_content(first.value)),
                                                 *node.args[1:]])
        return None
