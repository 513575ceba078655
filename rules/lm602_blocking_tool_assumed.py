"""A function declared without `behavior` in code written for blocking calls.

## What it does
On a target whose default function `behavior` is disputed or that cannot block (3.8 Live, 3.8
extended thinking), flags each function declaration of a Live config that sets no `behavior`
when nothing in the module uses the non-blocking features (no `behavior: NON_BLOCKING`, no
`scheduling` or `will_continue` on a tool response): code written for synchronous calls, which
relies on the model waiting for the tool response. On a target that cannot block it also flags
an explicit `behavior: BLOCKING`. Declarations in `types.FunctionDeclaration(...)`, snake_case
and camelCase dicts and raw `{"setup": ...}` frames; silent on the default 3.1 target (every
call blocks there), on `generate_content` tools and in code that only runs for 2.x models.
Code that does use the non-blocking features is LM603's.

## Why is this bad?
3.8 Live documents NON_BLOCKING as its default, so the model talks on while the tool runs and
code that waits for the answer (a booking confirmed before the model speaks) changes meaning;
one measurement saw such calls still block (CONFLICTING). `behavior: BLOCKING` keeps the old
semantics in every reading (the server accepts it). The extended-thinking model runs every
call in the background and closes the session (1007) on BLOCKING: the declaration must say
NON_BLOCKING and the code must cope with the model talking while the tool runs.

## Example
```python
book = types.FunctionDeclaration(name="book_table", parameters=schema)
```

## Use instead
```python
book = types.FunctionDeclaration(name="book_table", parameters=schema,
                                 behavior=types.Behavior.BLOCKING)  # NON_BLOCKING on extended thinking
```

## Fix safety
Unsafe: on 3.8 Live `behavior: BLOCKING` is added (what the code was written for, though the
documented default is NON_BLOCKING); on extended thinking `behavior: NON_BLOCKING` is written
(the model then talks while the tool runs: review what the code waits for). A declaration built
with `**kwargs` gets no fix.

## References
- 3.8 Live function calling (NON_BLOCKING default, `behavior: BLOCKING` for the old semantics):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
- Default not measured, explicit behavior on 3.8: https://github.com/livekit/agents/pull/7329
- Extended thinking, async only: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live-extended-thinking,
  https://github.com/livekit/agents/issues/7302; 1007 on BLOCKING:
  https://github.com/pydantic/pydantic-ai/pull/8393
"""

from __future__ import annotations

import libcst as cst

from livemigrate.edits import Replace
from livemigrate.fixes import (add_entry, behavior_name, behavior_value, fix_for, function_declarations,
                               model_note, spreads_leave_unset, uses_non_blocking)
from livemigrate.rule import Applicability, FixAvailability, Invalid, Rule, RuleContext


def _is_none(value: cst.BaseExpression | None) -> bool:
    return isinstance(value, cst.Name) and value.value == "None"


class BlockingToolAssumed(Rule):
    id = "LM602"
    name = "blocking-tool-assumed"
    message = "function declared without behavior in code written for blocking calls: say what it relies on"
    fix_availability = FixAvailability.SOMETIMES
    EXAMPLE_TARGET = "3.8"

    VALID = [
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(tools=[{'function_declarations': [{'name': 'f', 'behavior': 'BLOCKING'}]}])\n",
        # the code already works with non-blocking calls: LM603's
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(tools=[{'function_declarations': [{'name': 'f'}, "
        "{'name': 'g', 'behavior': 'NON_BLOCKING'}]}])\n",
        # generate_content tools are not Live tools
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "decl = types.FunctionDeclaration(name='f')\n"
        "client.models.generate_content(model='gemini-3-flash-preview', contents='x',\n"
        "    config=types.GenerateContentConfig(tools=[types.Tool(function_declarations=[decl])]))\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\nMODEL = 'gemini-3.8-live'\n"
            "book = types.FunctionDeclaration(name='book_table', description='Book a table')\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[book])])\n",
            fixed="from google.genai import types\nMODEL = 'gemini-3.8-live'\n"
            "book = types.FunctionDeclaration(name='book_table', description='Book a table', "
            "behavior=types.Behavior.BLOCKING)\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[book])])\n",
            unsafe=True,
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "TOOLS = [{'functionDeclarations': [{'name': 'lookup'}]}]\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={'tools': TOOLS}) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "TOOLS = [{'functionDeclarations': [{'name': 'lookup', 'behavior': 'BLOCKING'}]}]\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={'tools': TOOLS}) as s:\n"
            "        pass\n",
            unsafe=True,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        target = ctx.target
        if not target.requires_explicit_tool_behavior:
            return
        relies_on_blocking = not uses_non_blocking(ctx)
        wanted = "BLOCKING" if target.supports_blocking_tools else "NON_BLOCKING"
        for located, container, behavior in function_declarations(ctx):
            note = model_note(located, target)
            # `behavior=(BLOCKING if <3.8 Live> else None)` (a gate for another target): what
            # the target gets is the side it takes
            shown = ctx.live.value_on_target(behavior.value) if behavior is not None else None
            if behavior is not None and not _is_none(shown):
                if target.supports_blocking_tools or behavior_name(shown) != "BLOCKING":
                    continue
                ctx.report(behavior.key_node, f"`behavior: BLOCKING`: {target.claim('blocking_tools')}.{note}",
                           fix_for(located, "behavior NON_BLOCKING",
                                   Replace(shown, behavior_value(container, "NON_BLOCKING", shown)),
                                   applicability=Applicability.UNSAFE))
                continue
            if not relies_on_blocking:
                continue
            value = behavior_value(container, wanted, located.entry.value)
            # set on the target's side of the gate, or added
            # after a gate's spreads for other models (which leave it unset here), not before
            after = spreads_leave_unset(ctx, container, "behavior")
            edit = Replace(shown, value) if shown is not None else add_entry(container, "behavior", value,
                                                                        after_spreads=after)
            fix = fix_for(located, f"behavior {wanted}", edit, applicability=Applicability.UNSAFE) if edit else None
            ctx.report(located.entry.key_node, f"function declared without `behavior` in code written for "
                       f"blocking calls: {target.claim('blocking_tools')}.{note}", fix)
