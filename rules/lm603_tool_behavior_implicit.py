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

from livemigrate.analysis import string_value
from livemigrate.fixes import add_entry, fix_for, live_entries, model_note, string_literal
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext


# The same reading of declarations as LM602 (rule modules are loaded by path, one by one).
def behavior_value(container: cst.Call | cst.Dict, behavior: str, like: cst.CSTNode | None = None) -> cst.BaseExpression:
    """``behavior`` spelled for ``container``: ``<alias>.Behavior.X`` in a
    ``types.FunctionDeclaration(...)`` call, a string in a dict or raw frame."""
    if isinstance(container, cst.Call) and isinstance(container.func, cst.Attribute):
        return cst.Attribute(cst.Attribute(container.func.value, cst.Name("Behavior")), cst.Name(behavior))
    return string_literal(behavior, like)


def behavior_name(value: cst.BaseExpression) -> str | None:
    """``BLOCKING`` / ``NON_BLOCKING`` for a literal behavior, else None."""
    if isinstance(value, cst.Attribute):
        return value.attr.value.upper()
    text = string_value(value)
    return text.upper() if text is not None else None


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


def declarations(ctx: RuleContext):
    """(located ``name`` entry, declaration container, its ``behavior`` entry or None) for
    every function declaration of a Live config outside 2.x-only code."""
    for located in live_entries(ctx):
        entry = located.entry
        if entry.name != "name" or entry.parent != "function_declarations" or entry.container is None:
            continue
        behavior = next((e for e in ctx.live.entries_in(entry.container) if e.name == "behavior"), None)
        yield located, entry.container, behavior


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
        for located, container, behavior in declarations(ctx):
            if behavior is not None:
                continue
            edit = add_entry(container, "behavior", behavior_value(container, "NON_BLOCKING", located.entry.value))
            ctx.report(located.entry.key_node,
                       f"function declared without `behavior`: {target.claim('tool_behavior_default')}; the "
                       f"code already works with non-blocking calls, so declare `behavior: NON_BLOCKING`."
                       f"{model_note(located, target)}",
                       fix_for(located, "behavior NON_BLOCKING", edit) if edit else None)
