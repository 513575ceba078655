"""Reading only the first (or last) part of a Live server message.

## What it does
Flags `message.server_content.model_turn.parts[0]` (or `[-1]`, `next(iter(parts))`), also
through a name (`parts = ...model_turn.parts`), and raw
`response["serverContent"]["modelTurn"]["parts"][0]`. `generate_content` responses
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
No fix: how every part should be handled depends on the program.

## References
- Gemini 3.1 Flash Live model page, "Server events":
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Live API guide, "Receiving response": https://ai.google.dev/gemini-api/docs/live-guide
- The cookbook's 3.1 migration of the raw WebSocket sample drops the `["parts"][0]` read:
  https://github.com/google-gemini/cookbook/pull/1223
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import is_model_turn_parts
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext


def _first_or_last(index: cst.BaseExpression) -> bool:
    if isinstance(index, cst.Integer):
        return index.value == "0"
    return (isinstance(index, cst.UnaryOperation) and isinstance(index.operator, cst.Minus)
            and isinstance(index.expression, cst.Integer) and index.expression.value == "1")


class FirstPartOnly(Rule):
    id = "LM301"
    name = "first-part-only"
    message = "reads one part of a Live server message: one event can carry several parts"
    fix_availability = FixAvailability.NEVER

    VALID = [
        "from google import genai\nclient = genai.Client()\n"
        "r = client.models.generate_content(model='gemini-2.5-flash', contents='x')\n"
        "text = r.candidates[0].content.parts[0].text\n",
        "async def play(session, out):\n"
        "    async for m in session.receive():\n"
        "        if m.server_content and m.server_content.model_turn:\n"
        "            for part in m.server_content.model_turn.parts:\n"
        "                out.write(part.inline_data.data)\n",
    ]
    INVALID = [
        Invalid(
            "async def play(session, out):\n"
            "    async for m in session.receive():\n"
            "        out.write(m.server_content.model_turn.parts[0].inline_data.data)\n",
        ),
        Invalid(
            "import json\n"
            "async def play(ws, out):\n"
            "    async for raw in ws:\n"
            "        response = json.loads(raw)\n"
            "        b64 = response['serverContent']['modelTurn']['parts'][-1]['inlineData']['data']\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        for node in live.nodes():
            if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
                if _first_or_last(node.slice[0].slice.value) and is_model_turn_parts(node.value, live.resolve_value):
                    self._report(ctx, node)
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "next" and node.args:
                inner = node.args[0].value
                if (isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name) and inner.func.value == "iter"
                        and inner.args and is_model_turn_parts(inner.args[0].value, live.resolve_value)):
                    self._report(ctx, node)

    def _report(self, ctx: RuleContext, node: cst.CSTNode) -> None:
        if ctx.live.is_legacy_only(node):
            return
        ctx.report(node, f"reads one part of a Live server message: {ctx.target.claim('multi_part_events')}, "
                   f"and the others are dropped; iterate over every part")
