"""`scheduling=` / `will_continue=` on a function response sent on a Live session.

## What it does
Flags `scheduling` and `will_continue` on `types.FunctionResponse(...)`, on function-response
dicts in both spellings, and in raw `toolResponse` frames, when the response is sent on a Live
session (`session.send_tool_response(...)`), or when it is built in a module that opens no Live
session while another file of the run does (a framework's tools return their responses to its
Live handler) or in a module that streams with ADK's `run_live` (responses sent through its
`LiveRequestQueue`), or given to a framework's helper that builds a function response
(`ProcessorPart.from_function_response(..., scheduling=...)`: a function whose name says it
builds one) in a module that configures a Live session, and LiveKit's
`tool_response_scheduling=` on its Gemini model (`google.beta.realtime.RealtimeModel(...)`),
which it puts on every function response it sends.
A response built in a file checked alone that opens no session is not flagged, nor is a field the
code only passes on from the response it was given (`scheduling = fr.get("scheduling")`, then
`kwargs["scheduling"] = scheduling`): where its caller sets it is the finding (decided after
measurement 38); a default of its own (`fr.get("scheduling", "WHEN_IDLE")`) or a settings dict of
the module is reported.
So is `response.scheduling = types.FunctionResponseScheduling.X` set on a response after it is
built (the value names the type), in such modules; its fix removes the assignment (unsafe: the
sessions' model is not known there; an `if` left empty goes with it when its test only reads).

## Why is this bad?
Both only mean something for NON_BLOCKING calls, which Gemini 3.1 Flash Live does not support
(calls are synchronous). The 3.1 server's reaction to them is UNCONFIRMED; SDK 3.4.0 already
raises `ValueError` for `will_continue` on Vertex AI. The 3.8 target supports scheduling
again, so this rule is silent there. The 3.8 extended-thinking target runs every call
NON_BLOCKING but is reported to close the session (1007) on `scheduling` (CONFLICTING: another
project sends `scheduling=INTERRUPT` to it); leaving it out works in every report, so there the
rule flags `scheduling` and keeps `will_continue` (a NON_BLOCKING streaming response).

## Example
```python
await session.send_tool_response(function_responses=[types.FunctionResponse(
    id=call.id, name=call.name, response=result,
    scheduling=types.FunctionResponseScheduling.WHEN_IDLE)])
```

## Use instead
```python
await session.send_tool_response(function_responses=[types.FunctionResponse(
    id=call.id, name=call.name, response=result)])
```

## Fix safety
Safe: the fields are removed; the response is used as soon as it arrives. Unsafe when the
model of the session is not known in the module.
No fix for a session on a Vertex AI 2.x model: there is no confirmed 3.x id to move it to,
so its 2.5 settings stay valid for now.

## References
- `FunctionResponse.scheduling` / `will_continue` docstrings (only for NON_BLOCKING calls;
  `will_continue` not supported in Vertex AI) in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py and the Vertex AI
  check in https://github.com/googleapis/python-genai/blob/main/google/genai/_live_converters.py
- Gemini 3.1 Flash Live model page (synchronous function calling only):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview and
  https://ai.google.dev/gemini-api/docs/live-api/tools
- NON_BLOCKING and scheduling on Vertex AI: https://github.com/googleapis/python-genai/issues/1739,
  https://github.com/pipecat-ai/pipecat/commit/55093773
- 3.8 Live accepts response scheduling: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live,
  https://github.com/pydantic/pydantic-ai/pull/8393
- 3.8 extended thinking: 1007 on scheduling https://github.com/pydantic/pydantic-ai/pull/8393;
  sent anyway in https://github.com/AidenAI-IO/aiden-firmware/pull/708
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import ModelInfo, key_read, string_value
from livemigrate.edits import RemoveStatement
from livemigrate.fixes import elsewhere_note, fix_for, live_entries, model_note, remove_elsewhere_setting, remove_entry
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext



def _forwarded(ctx: RuleContext, entry) -> bool:
    """The entry's value is the same field read off what the code was given (``scheduling =
    fr.get("scheduling")``, then ``kwargs["scheduling"] = scheduling`` under ``if scheduling:``):
    a response built from its caller's, which sets nothing itself."""
    value = ctx.live.resolve_value(entry.value) if entry.value is not None else None
    read = key_read(value) if value is not None else None
    if read is None or read[1] != entry.key or type(read[0]) is not cst.Name:
        return False
    if type(value) is cst.Call and len(value.args) > 1 and string_value(value.args[1].value) is not None:
        return False  # `fr.get("scheduling", "WHEN_IDLE")`: the module's own default
    # the owner is what a function was given (a parameter, or a name a loop binds over one),
    # not a settings dict of the module's own
    return not ctx.live.is_own_settings(read[0])

class ResponseScheduling(Rule):
    id = "LM202"
    name = "response-scheduling"
    message = "scheduling/will_continue on a Live tool response: the target does not take them"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        # built but never sent on a Live session
        "from google.genai import types\n"
        "resp = types.FunctionResponse(name='f', response={}, scheduling='WHEN_IDLE')\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as session:\n"
            "        async for msg in session.receive():\n"
            "            if msg.tool_call:\n"
            "                responses = [types.FunctionResponse(id=fc.id, name=fc.name, response={'ok': 1},\n"
            "                             scheduling=types.FunctionResponseScheduling.INTERRUPT)\n"
            "                             for fc in msg.tool_call.function_calls]\n"
            "                await session.send_tool_response(function_responses=responses)\n",
            fixed="from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as session:\n"
            "        async for msg in session.receive():\n"
            "            if msg.tool_call:\n"
            "                responses = [types.FunctionResponse(id=fc.id, name=fc.name, response={'ok': 1})\n"
            "                             for fc in msg.tool_call.function_calls]\n"
            "                await session.send_tool_response(function_responses=responses)\n",
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "async def answer(session, call):\n"
            "    await session.send_tool_response(function_responses={'id': call.id, 'name': call.name,\n"
            "        'response': {}, 'willContinue': False})\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def answer(session, call):\n"
            "    await session.send_tool_response(function_responses={'id': call.id, 'name': call.name,\n"
            "        'response': {}})\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        pass\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.supports_response_scheduling:
            return
        for located in live_entries(ctx):
            entry = located.entry
            # LiveKit's Gemini model sets `tool_response_scheduling` on every function response
            # it sends for the session
            livekit = entry.path == ("tool_response_scheduling",) and entry.container_type == "RealtimeModel"
            if not livekit and (entry.name not in ("scheduling", "will_continue")
                                or "function_responses" not in entry.path):
                continue
            if entry.name == "will_continue" and ctx.target.supports_non_blocking_tools:
                continue  # it marks a streaming NON_BLOCKING response, which the target runs
            if _forwarded(ctx, entry):
                continue  # the caller's own field passed on: where the caller sets it is the finding
            ctx.report(entry.key_node,
                       f"`{entry.key}`: {ctx.target.claim('response_scheduling')}: remove it.{model_note(located, ctx.target)}",
                       fix_for(located, f"remove {entry.key}", remove_entry(entry)))
        # A framework's tool returns its response; the Live handler of another module sends it.
        for arg in ctx.live.async_tool_settings(("FunctionResponse", "FunctionResponseDict"),
                                                ("scheduling", "will_continue")):
            name = arg.keyword.value
            if (name == "will_continue" and ctx.target.supports_non_blocking_tools) or ctx.live.is_legacy_only(arg):
                continue
            ctx.report(arg.keyword, f"`{name}`: {ctx.target.claim('response_scheduling')}: remove it.{elsewhere_note(ctx.live)}",
                       remove_elsewhere_setting(arg, f"remove {name}"))
        # A framework's helper builds the response (`ProcessorPart.from_function_response(...,
        # scheduling=...)`) and its Live class sends it on the session.
        for arg in ctx.live.response_helper_settings(("scheduling", "will_continue")):
            name = arg.keyword.value
            if (name == "will_continue" and ctx.target.supports_non_blocking_tools) or ctx.live.is_legacy_only(arg):
                continue
            ctx.report(arg.keyword, f"`{name}`: {ctx.target.claim('response_scheduling')}: remove it. It is given to "
                                    f"a helper that builds a function response for a Live session; the session's model "
                                    f"is not known here: if callers on older models remain, gate this on the model id "
                                    f"instead of deleting it.",
                       remove_elsewhere_setting(arg, f"remove {name}"))
        # `response.scheduling = types.FunctionResponseScheduling.X` set after the response is built
        for assign in ctx.live.typed_assignments("scheduling", "FunctionResponseScheduling"):
            if ctx.live.is_legacy_only(assign):
                continue
            ctx.report(assign.targets[0].target.attr,
                       f"`scheduling`: {ctx.target.claim('response_scheduling')}: remove it. The model of the "
                       f"sessions it is sent on is not known here: if callers on older models remain, gate this on "
                       f"the model id instead of deleting it.",
                       Fix.safe("remove the scheduling assignment", RemoveStatement(assign), model=ModelInfo.unknown()))
