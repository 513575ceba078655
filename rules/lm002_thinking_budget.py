"""`thinking_budget` in a Live config: the target takes `thinking_level` instead.

## What it does
Flags `thinking_budget` / `thinkingBudget` inside the thinking config of a Live config, in
every spelling: `types.ThinkingConfig(thinking_budget=...)`, snake_case and camelCase dicts,
`generation_config` nesting, configs built over several statements, raw `{"setup": ...}`
frames, LiveKit's Gemini model (`google.beta.realtime.RealtimeModel(thinking_config=...)`),
pipecat's Gemini Live services (`GeminiLiveLLMService(params=InputParams(thinking=ThinkingConfig(
thinking_budget=0)))`: the service passes its params' `thinking` to the session as the thinking
config, per `InputParams` in pipecat's `services/google/gemini_live/llm.py`; its `extra=` is
not read: pipecat keeps it aside; a service with no `model=` runs pipecat's default model, a 2.x
id in the versions seen, so the fix there is unsafe: move the model first). A
`thinking_budget` in a `models.generate_content` config is correct code and is not
flagged.

## Why is this bad?
Gemini 3.1 Flash Live configures thinking with `thinking_level` (minimal / low / medium /
high, default minimal). What the 3.1 Live server does with a budget is UNCONFIRMED (honoured,
ignored or rejected); other Gemini 3 endpoints reject a request that sets both fields.

On the 3.8 Live target the docs say to omit `thinking_config`; whether a budget alone is
refused is CONFLICTING (one live probe accepted it, three reports say any thinking config closes
the session with 1007). Dropping the whole `thinking_config` works in every reading, so that is
the fix there (a thinking config without a budget is LM601's). The 3.8 extended-thinking target
takes only low / medium / high and refuses a setup without a level: a budget maps to at least
`low`, and a dynamic budget (`-1`) becomes `low` (it has no default level to fall back on).

## Example
```python
config = types.LiveConnectConfig(
    thinking_config=types.ThinkingConfig(thinking_budget=1024),
)
```

## Use instead
```python
config = types.LiveConnectConfig(
    thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW),
)
```

## Fix safety
Safe for integer literals, mapped by the project's table (no official Live mapping exists):
0 → minimal, 1–2048 → low, 2049–16384 → medium, above → high, written in the config's
spelling (`types.ThinkingLevel.LOW`, `"low"`, `"thinkingLevel"`; upper case in raw frames).
Latency changes with the level, so review it. `-1` (dynamic) is unsafe: the field is dropped so
the target's default applies (with the thinking config, when the budget was all it held). A budget that is not a literal gets no fix. When
`thinking_level` is already set, the budget is removed (never leave both). When the model the
config is used with is not known in the module, every fix is unsafe.
On the 3.8 Live target the whole thinking config is removed (safe: the target refuses it);
on the extended-thinking target a dynamic budget becomes `low` (unsafe: the level is chosen).
No fix for a session on a Vertex AI 2.x model: there is no confirmed 3.x id to move it to,
so its 2.5 settings stay valid for now.

## References
- Gemini 3.1 Flash Live model page, "Thinking configuration":
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Live API guide (model comparison): https://ai.google.dev/gemini-api/docs/live-guide
- `ThinkingConfig` (`thinking_budget`, `thinking_level`) in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- Budget to level, Google's cookbook ("Migrating from thinking_budget to thinking_level"):
  https://github.com/google-gemini/cookbook/blob/main/quickstarts/Get_started_thinking.ipynb
- A budget on Gemini 3 may be "honored, quietly ignored, or rejected":
  https://github.com/pipecat-ai/pipecat/commit/0d9e9169; both fields at once answered with 400 on
  other Gemini 3 endpoints: https://github.com/Tom-Ryder/AgentRunKit/pull/7
- 3.8 Live: omit the thinking config: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live,
  https://ai.google.dev/gemini-api/docs/live-api/thinking; 1007 on a thinking config:
  https://github.com/ProfSynapse/nexus/pull/389, https://github.com/pydantic/pydantic-ai/pull/8393
- 3.8 extended thinking (low / medium / high, a level required):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live-extended-thinking
"""

from __future__ import annotations

import libcst as cst

from livemigrate.fixes import fix_for, int_literal, live_entries, model_note, remove_entry, rename_entry, siblings, string_literal
from livemigrate.rule import Applicability, FixAvailability, Invalid, Rule, RuleContext


def _level_value(located, level: str) -> cst.BaseExpression:
    entry = located.entry
    container = entry.container
    if located.config.kind == "raw":
        return string_literal(level.upper(), entry.key_node if isinstance(entry.key_node, cst.SimpleString) else None)
    if (isinstance(container, cst.Call) and entry.container_type in ("ThinkingConfig", "ThinkingConfigDict")
            and isinstance(container.func, cst.Attribute)):
        # Same module alias as the ThinkingConfig call: gt.ThinkingConfig → gt.ThinkingLevel.LOW
        return cst.Attribute(cst.Attribute(container.func.value, cst.Name("ThinkingLevel")), cst.Name(level.upper()))
    like = entry.key_node if isinstance(entry.key_node, cst.SimpleString) else None
    return string_literal(level, like)


def _thinking_config_entry(ctx: RuleContext, entry):
    """The ``thinking_config`` entry whose value holds ``entry``, if it is one literal."""
    if entry.container is None:
        return None
    for located in live_entries(ctx):
        if located.entry.name == "thinking_config" and located.entry.value is entry.container:
            return located.entry
    return None


class ThinkingBudget(Rule):
    id = "LM002"
    name = "thinking-budget"
    message = "thinking_budget is not a Live setting of the target: use thinking_level"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        # generate_content on gemini-2.5-flash: a budget is right there
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "r = client.models.generate_content(model='gemini-2.5-flash', contents='hi',\n"
        "    config=types.GenerateContentConfig(thinking_config=types.ThinkingConfig(thinking_budget=1024)))\n",
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_level='minimal'))\n",
        # only runs for 2.x models
        "from google import genai\nclient = genai.Client()\n"
        "async def run(model):\n    cfg = {'response_modalities': ['AUDIO']}\n"
        "    if 'gemini-3' not in model:\n        cfg['thinking_config'] = {'thinking_budget': 1024}\n"
        "    async with client.aio.live.connect(model=model, config=cfg) as s:\n        pass\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\n"
            "MODEL = 'gemini-3.1-flash-live-preview'\n"
            "config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_budget=1024))\n",
            fixed="from google.genai import types\n"
            "MODEL = 'gemini-3.1-flash-live-preview'\n"
            "config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW))\n",
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'response_modalities': ['AUDIO'], 'thinking_config': {'thinking_budget': 0}}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'response_modalities': ['AUDIO'], 'thinking_config': {'thinking_level': 'minimal'}}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        pass\n",
        ),
        Invalid(
            'import json\nURI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"\n'
            'async def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '        "generationConfig": {"thinkingConfig": {"thinkingBudget": 20000}}}}))\n',
            fixed='import json\nURI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"\n'
            'async def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '        "generationConfig": {"thinkingConfig": {"thinkingLevel": "HIGH"}}}}))\n',
        ),
        Invalid(  # dynamic budget: unsafe, dropped so the target default applies
            "from google.genai import types\nMODEL = 'gemini-3.1-flash-live-preview'\n"
            "config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(include_thoughts=True, thinking_budget=-1))\n",
            fixed="from google.genai import types\nMODEL = 'gemini-3.1-flash-live-preview'\n"
            "config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(include_thoughts=True))\n",
            unsafe=True,
        ),
        Invalid(  # ...and when the budget was all the thinking config held, the config goes too
            "from google.genai import types\nMODEL = 'gemini-3.1-flash-live-preview'\n"
            "config = types.LiveConnectConfig(response_modalities=['AUDIO'],\n"
            "                                 thinking_config=types.ThinkingConfig(thinking_budget=-1))\n",
            fixed="from google.genai import types\nMODEL = 'gemini-3.1-flash-live-preview'\n"
            "config = types.LiveConnectConfig(response_modalities=['AUDIO'])\n",
            unsafe=True,
        ),
        Invalid(  # not a literal: reported, no fix
            "from google.genai import types\nimport os\nMODEL = 'gemini-3.1-flash-live-preview'\n"
            "config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_budget=int(os.environ['B'])))\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        for located in live_entries(ctx):
            entry = located.entry
            if entry.name != "thinking_budget" or entry.parent != "thinking_config":
                continue
            note = model_note(located, ctx.target)
            if ctx.target.thinking == "forbidden":
                # Every reading of the 3.8 reports accepts a setup with no thinking config at all.
                holder = _thinking_config_entry(ctx, entry)
                if holder is None:
                    ctx.report(entry.key_node, f"{ctx.target.claim('thinking_budget')}: remove thinking_budget."
                               f"{note}", fix_for(located, "remove thinking_budget", remove_entry(entry)))
                else:
                    ctx.report(entry.key_node, f"{ctx.target.claim('thinking_budget')}: remove the whole "
                               f"thinking config.{note}",
                               fix_for(located, "remove the thinking config", remove_entry(holder)))
                continue
            has_level = any(s.name == "thinking_level" for s in siblings(ctx, entry))
            budget = int_literal(entry.value)
            if has_level:
                ctx.report(entry.key_node, f"thinking_budget next to thinking_level: {ctx.target.model_id} "
                           f"takes thinking_level only; remove the budget.{note}",
                           fix_for(located, "remove thinking_budget", remove_entry(entry)))
            elif budget is None:
                ctx.report(entry.key_node, f"{ctx.target.claim('thinking_budget')}; "
                           f"the budget is not a literal, so choose a level by hand.{note}")
            elif budget < 0 and ctx.target.default_thinking_level is None and ctx.target.thinking_levels:
                level = ctx.target.thinking_levels[0]
                ctx.report(entry.key_node, f"dynamic thinking_budget={budget}: "
                           f"{ctx.target.claim('thinking_budget')}; it has no default level to fall back on, "
                           f"so use its lowest, {level!r}.{note}",
                           fix_for(located, f"thinking_level {level}",
                                   *rename_entry(entry, "thinking_level", _level_value(located, level)),
                                   applicability=Applicability.UNSAFE))
            elif budget < 0:
                # all the thinking config held: it goes with the budget (an empty one says nothing)
                holder = None if siblings(ctx, entry) else _thinking_config_entry(ctx, entry)
                ctx.report(entry.key_node, f"dynamic thinking_budget={budget} has no {ctx.target.model_id} "
                           f"equivalent: drop it to use the default level "
                           f"({ctx.target.default_thinking_level}).{note}",
                           fix_for(located, "drop the dynamic budget", remove_entry(holder or entry),
                                   applicability=Applicability.UNSAFE))
            else:
                level = ctx.target.budget_to_level(budget)
                assert level is not None
                ctx.report(entry.key_node, f"{ctx.target.claim('thinking_budget')}: "
                           f"budget {budget} maps to {level!r} (review latency).{note}",
                           fix_for(located, f"thinking_level {level}",
                                   *rename_entry(entry, "thinking_level", _level_value(located, level))))
