"""A function declared without `behavior` in code that works with non-blocking calls.

## What it does
On a target whose default function `behavior` is disputed or fixed (3.8 Live, 3.8 extended
thinking), flags each function declaration of a Live config that sets no `behavior` in a
module that already uses the non-blocking features (`behavior: NON_BLOCKING` on another
declaration, `scheduling` or `will_continue` on a tool response). Declarations in
`types.FunctionDeclaration(...)`, snake_case and camelCase dicts and raw `{"setup": ...}`
frames; silent on the default 3.1 target, on `generate_content` tools and in code that only
runs for 2.x models. A module with none of those features is LM602's (it relies on blocking).

## Why is this bad?
The 3.8 Live docs make NON_BLOCKING the default, but one measurement saw calls without
`behavior` still block, and a livekit maintainer notes the default was "not measured"
(CONFLICTING). Code that schedules responses (`SILENT`, `WHEN_IDLE`, `INTERRUPT`) only gets
what it asks for when the call is NON_BLOCKING, so saying it per tool works in every reading.
The extended-thinking model accepts only NON_BLOCKING, and its docs ask every tool to declare it.

## Example
```python
weather = types.FunctionDeclaration(name="get_weather")
...
types.FunctionResponse(id=call.id, name=call.name, response=result,
                       scheduling=types.FunctionResponseScheduling.SILENT)
```

## Use instead
```python
weather = types.FunctionDeclaration(name="get_weather", behavior=types.Behavior.NON_BLOCKING)
```

## Fix safety
Safe: `behavior: NON_BLOCKING` is what the docs say the server does anyway and what the code's
scheduling already assumes. A declaration built with `**kwargs` gets no fix. When the model the
config is used with is not known in the module, the fix is unsafe (the fix policy).

## References
- 3.8 Live function calling: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
- Default not measured, explicit behavior set on 3.8: https://github.com/livekit/agents/pull/7329
- Extended thinking, NON_BLOCKING only:
  https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live-extended-thinking,
  https://github.com/google-gemini/cookbook/blob/main/quickstarts/Get_started_Live_Thinking.ipynb
"""

from __future__ import annotations

import libcst as cst

from livemigrate.edits import Replace
from livemigrate.fixes import (add_entry, behavior_value, fix_for, function_declarations,
                               model_note, spreads_leave_unset, uses_non_blocking)
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext


class ToolBehaviorImplicit(Rule):
    id = "LM603"
    name = "tool-behavior-implicit"
    message = "function declared without behavior on a target whose default is disputed: declare it"
    fix_availability = FixAvailability.SOMETIMES
    EXAMPLE_TARGET = "3.8"

    VALID = [
        # no non-blocking feature in the module: LM602's
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(tools=[{'function_declarations': [{'name': 'f'}]}])\n",
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(tools=[{'function_declarations': [{'name': 'f', 'behavior': 'BLOCKING'}, "
        "{'name': 'g', 'behavior': 'NON_BLOCKING'}]}])\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\nMODEL = 'gemini-3.8-live'\n"
            "weather = types.FunctionDeclaration(name='get_weather')\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[weather])])\n"
            "async def answer(session, call, result):\n"
            "    await session.send_tool_response(function_responses=[types.FunctionResponse(\n"
            "        id=call.id, name=call.name, response=result, scheduling='SILENT')])\n",
            fixed="from google.genai import types\nMODEL = 'gemini-3.8-live'\n"
            "weather = types.FunctionDeclaration(name='get_weather', behavior=types.Behavior.NON_BLOCKING)\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[weather])])\n"
            "async def answer(session, call, result):\n"
            "    await session.send_tool_response(function_responses=[types.FunctionResponse(\n"
            "        id=call.id, name=call.name, response=result, scheduling='SILENT')])\n",
        ),
        Invalid(
            'import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live", "tools": [\n'
            '        {"functionDeclarations": [{"name": "a", "behavior": "NON_BLOCKING"}, {"name": "b"}]}]}}))\n',
            fixed='import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live", "tools": [\n'
            '        {"functionDeclarations": [{"name": "a", "behavior": "NON_BLOCKING"}, '
            '{"name": "b", "behavior": "NON_BLOCKING"}]}]}}))\n',
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        target = ctx.target
        if not target.requires_explicit_tool_behavior or not target.supports_non_blocking_tools:
            return
        if not uses_non_blocking(ctx):
            return  # written for blocking calls: LM602 says what to declare
        for located, container, behavior in function_declarations(ctx):
            # `behavior=(BLOCKING if <3.8 Live> else None)` (a gate for another target) sets
            # none on the target: set it on the target's side
            shown = ctx.live.value_on_target(behavior.value) if behavior is not None else None
            if behavior is not None and not (isinstance(shown, cst.Name) and shown.value == "None"):
                continue
            value = behavior_value(container, "NON_BLOCKING", located.entry.value)
            # after a gate's spreads for other models (which leave it unset here), not before
            after = spreads_leave_unset(ctx, container, "behavior")
            edit = Replace(shown, value) if shown is not None else add_entry(container, "behavior", value,
                                                                        after_spreads=after)
            ctx.report(located.entry.key_node,
                       f"function declared without `behavior`: {target.claim('tool_behavior_default')}; the "
                       f"code already works with non-blocking calls, so declare `behavior: NON_BLOCKING`."
                       f"{model_note(located, target)}",
                       fix_for(located, "behavior NON_BLOCKING", edit) if edit else None)
