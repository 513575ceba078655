"""`behavior=NON_BLOCKING` on a function declaration used by a Live session.

## What it does
Flags `behavior=types.Behavior.NON_BLOCKING`, `behavior="NON_BLOCKING"` (any case), dict
declarations with `"behavior": "NON_BLOCKING"` and `FunctionDeclaration.from_callable(...,
behavior=...)` (or `from_callable_with_api_option`) when the declaration reaches a Live
config's tools (including raw setup frames), when it is built in a module that opens no Live
session while another file of the run does (a framework's tool modules beside its Live
handler: `behavior` only means something to Live), when it is built in a module that opens
Live sessions but none of its configs reads it (a module constant its callers pass back to the
module's config builder, `build_live_config(tools=[FACE_TOOL])`; decided after measurement 31;
also written as a dict, `{"name": ..., "behavior": "NON_BLOCKING"}`, a notebook cell redefining
a tool after the session that used it: measurement 50),
or in a module that streams with ADK's
`run_live` (ADK sends its agents' declarations to the session), also set on a built declaration
(`declaration.behavior = types.Behavior.NON_BLOCKING` in an ADK tool's `_get_declaration`).
Declarations used only with `generate_content` are not flagged, nor one in a file checked
alone that opens no session.

## Why is this bad?
Gemini 3.1 Flash Live supports synchronous function calling only: calls block, and the model
does not respond until it gets the tool response. How the server treats a `NON_BLOCKING`
declaration is UNCONFIRMED (probably accepted and ignored) and reports CONFLICT: one project
re-added `NON_BLOCKING` on 3.1 as a workaround for calls that never resumed speech. Either way
the 2.5 behaviour (the model keeps talking while the tool runs) is gone. The 3.8 target
supports NON_BLOCKING again, so this rule is silent there.

## Example
```python
types.FunctionDeclaration(name="get_weather", behavior=types.Behavior.NON_BLOCKING)
```

## Use instead
```python
types.FunctionDeclaration(name="get_weather")
```

## Fix safety
Safe: the field is removed. Answer tool calls quickly (or answer first and follow up), since
the model now waits. Unsafe when the model the config is used with is not known here.
No fix for a session on a Vertex AI 2.x model: there is no confirmed 3.x id to move it to,
so its 2.5 settings stay valid for now.

## References
- Gemini 3.1 Flash Live model page ("Function calling is synchronous only"):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Live API tool use (support table): https://ai.google.dev/gemini-api/docs/live-api/tools
- `NON_BLOCKING` re-added on 3.1 as a workaround for calls that never resumed speech:
  https://github.com/PatterAI/Patter/pull/210
- Pipecat turns NON_BLOCKING off on 3.x (`_supports_non_blocking_tools`):
  https://github.com/pipecat-ai/pipecat/blob/main/src/pipecat/services/google/gemini_live/llm.py
- Gemini 3.8 Live model page (NON_BLOCKING is the default again):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
"""

from __future__ import annotations

from livemigrate.analysis import ModelInfo
from livemigrate.edits import RemoveStatement
from livemigrate.fixes import (behavior_name, elsewhere_note, fix_for, live_entries, model_note, remove_elsewhere_setting,
                               remove_entry)
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext


class NonBlockingFunction(Rule):
    id = "LM201"
    name = "non-blocking-function"
    message = "NON_BLOCKING function calls are not supported by the target Live model: calls block"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        # generate_content tools are not Live tools
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "decl = types.FunctionDeclaration(name='f', behavior=types.Behavior.NON_BLOCKING)\n"
        "client.models.generate_content(model='gemini-2.5-flash', contents='x',\n"
        "    config=types.GenerateContentConfig(tools=[types.Tool(function_declarations=[decl])]))\n",
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(tools=[{'function_declarations': [{'name': 'f', 'behavior': 'BLOCKING'}]}])\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\nMODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
            "weather = types.FunctionDeclaration(\n    name='get_weather',\n    behavior=types.Behavior.NON_BLOCKING,\n)\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[weather])])\n",
            fixed="from google.genai import types\nMODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
            "weather = types.FunctionDeclaration(\n    name='get_weather',\n)\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[weather])])\n",
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "tools = [{'functionDeclarations': [{'name': 'f', 'behavior': 'NON_BLOCKING'}]}]\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
            "                                       config={'tools': tools}) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "tools = [{'functionDeclarations': [{'name': 'f'}]}]\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
            "                                       config={'tools': tools}) as s:\n"
            "        pass\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.supports_non_blocking_tools:
            return
        for located in live_entries(ctx):
            entry = located.entry
            if entry.name != "behavior" or "function_declarations" not in entry.path:
                continue
            if behavior_name(entry.value) != "NON_BLOCKING":
                continue
            ctx.report(entry.key_node,
                       f"{ctx.target.claim('non_blocking_tools')}.{model_note(located, ctx.target)}",
                       fix_for(located, "remove behavior=NON_BLOCKING", remove_entry(entry)))
        # A framework's tool module: the declaration goes to a Live session another module opens.
        for arg in ctx.live.async_tool_settings(("FunctionDeclaration", "FunctionDeclarationDict"), ("behavior",)):
            if behavior_name(arg.value) == "NON_BLOCKING" and not ctx.live.is_legacy_only(arg):
                ctx.report(arg.keyword, f"{ctx.target.claim('non_blocking_tools')}.{elsewhere_note(ctx.live)}",
                           remove_elsewhere_setting(arg, "remove behavior=NON_BLOCKING"))
        # ... and its declarations written as dicts (`{"name": ..., "behavior": "NON_BLOCKING"}`)
        for element in ctx.live.async_tool_declaration_keys("behavior"):
            if behavior_name(element.value) == "NON_BLOCKING" and not ctx.live.is_legacy_only(element):
                ctx.report(element.key, f"{ctx.target.claim('non_blocking_tools')}.{elsewhere_note(ctx.live)}",
                           remove_elsewhere_setting(element, "remove behavior=NON_BLOCKING"))
            else:
                # `{"behavior": self.behavior}` of a declaration class of the project's own, whose
                # field defaults to NON_BLOCKING (`behavior: str = "NON_BLOCKING"`): no fix (what
                # the default becomes is the project's call)
                for default in ctx.live.field_defaults(element.value):
                    if behavior_name(default) == "NON_BLOCKING" and not ctx.live.is_legacy_only(default):
                        ctx.report(default, f"{ctx.target.claim('non_blocking_tools')}.{elsewhere_note(ctx.live)}"
                                            f" (the default of the declaration class's field, written as its "
                                            f"\"behavior\"): make it blocking by hand")
        # `behavior="NON_BLOCKING"` given to such a class (`FunctionDefinition(..., behavior=...)`)
        for arg in ctx.live.own_declaration_arguments("behavior"):
            if behavior_name(arg.value) == "NON_BLOCKING" and not ctx.live.is_legacy_only(arg):
                ctx.report(arg.keyword, f"{ctx.target.claim('non_blocking_tools')}.{elsewhere_note(ctx.live)}"
                                        f" (a declaration class of the project's own: drop the keyword or pass "
                                        f"the blocking value by hand)")
        # `declaration.behavior = types.Behavior.NON_BLOCKING` set on a built declaration (an
        # ADK tool's _get_declaration override)
        for assign in ctx.live.typed_assignments("behavior", "Behavior"):
            if behavior_name(assign.value) == "NON_BLOCKING" and not ctx.live.is_legacy_only(assign):
                ctx.report(assign.targets[0].target.attr,
                           f"{ctx.target.claim('non_blocking_tools')}.{elsewhere_note(ctx.live)}",
                           Fix.safe("remove the behavior assignment", RemoveStatement(assign),
                                    model=ModelInfo.unknown()))
