"""A thinking config the target refuses: any on 3.8 Live, a level it lacks on extended thinking.

## What it does
On a target that takes no thinking config (3.8 Live), flags every `thinking_config` of a Live
config that sets no `thinking_budget` (a `thinking_level`, `include_thoughts`, an empty
config; a budget is LM002's). On a target with a fixed set of levels (3.8 extended thinking:
low / medium / high), flags a literal `thinking_level` outside it (`minimal`,
`types.ThinkingLevel.MINIMAL`, `"MINIMAL"` in raw frames). Every spelling: `types.X(...)`,
snake_case and camelCase dicts, `generation_config` nesting, raw `{"setup": ...}` frames.
Silent on targets that take every level (the default 3.1 target), on `generate_content`
configs and in code that only runs for 2.x models.

## Why is this bad?
3.8 Live closes the session with 1007 ("Thinking level is not supported for this model") on a
thinking level, and its docs say to omit `thinking_config`; whether a budget alone is refused is
CONFLICTING, so the reading that works in every case is no thinking config at all. The
extended-thinking model needs low, medium or high: `minimal` is reported to close the session
with 1007 (CONFLICTING: Google's migration skill still lists it), so `low` works in every
reading.

## Example
```python
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.MINIMAL),
)
```

## Use instead
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"])  # 3.8 Live
thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW)  # extended thinking
```

## Fix safety
On 3.8 Live the whole `thinking_config` is removed: safe, the target refuses it in every
reading. On extended thinking `minimal` becomes `low`: unsafe, it may add latency (review).
A level that is not a literal gets no fix. When the model the config is used with is not
known in the module, every fix is unsafe (the fix policy).

## References
- 3.8 Live: omit the thinking config: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live,
  https://ai.google.dev/gemini-api/docs/live-api/thinking
- 1007 on a level (live-verified): https://github.com/pydantic/pydantic-ai/pull/8393; on any
  thinking config: https://github.com/ProfSynapse/nexus/pull/389
- Extended thinking levels: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live-extended-thinking;
  `minimal` still listed in https://github.com/google-gemini/gemini-skills/pull/81
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import string_value
from livemigrate.edits import Replace
from livemigrate.fixes import fix_for, live_entries, model_note, remove_entry, string_literal
from livemigrate.rule import Applicability, FixAvailability, Invalid, Rule, RuleContext


def _level_of(value: cst.BaseExpression) -> str | None:
    """The level a literal names (``types.ThinkingLevel.LOW``, ``"low"``, ``"LOW"``)."""
    if isinstance(value, cst.Attribute):
        return value.attr.value.lower()
    text = string_value(value)
    return text.lower() if text is not None else None


def _spelled_like(value: cst.BaseExpression, level: str) -> cst.BaseExpression:
    """``level`` written the way ``value`` spells a level."""
    if isinstance(value, cst.Attribute):
        return value.with_changes(attr=cst.Name(level.upper()))
    text = string_value(value) or ""
    return string_literal(level.upper() if text.isupper() else level, value)


class ThinkingLevelOnTarget(Rule):
    id = "LM601"
    name = "thinking-level-on-target"
    message = "thinking config the target refuses: drop it, or use a level the target takes"
    fix_availability = FixAvailability.SOMETIMES
    EXAMPLE_TARGET = "3.8"

    VALID = [
        # generate_content is not Live
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "client.models.generate_content(model='gemini-3-flash-preview', contents='x',\n"
        "    config=types.GenerateContentConfig(thinking_config=types.ThinkingConfig(thinking_level='low')))\n",
        # a budget is LM002's
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_budget=1024))\n",
        # only runs for 2.x models
        "from google import genai\nclient = genai.Client()\n"
        "async def run(model):\n    cfg = {'response_modalities': ['AUDIO']}\n"
        "    if 'gemini-3' not in model:\n        cfg['thinking_config'] = {'thinking_level': 'low'}\n"
        "    async with client.aio.live.connect(model=model, config=cfg) as s:\n        pass\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\nMODEL = 'gemini-3.8-live'\n"
            "config = types.LiveConnectConfig(\n    response_modalities=['AUDIO'],\n"
            "    thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.MINIMAL),\n)\n",
            fixed="from google.genai import types\nMODEL = 'gemini-3.8-live'\n"
            "config = types.LiveConnectConfig(\n    response_modalities=['AUDIO'],\n)\n",
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'responseModalities': ['AUDIO'], 'thinkingConfig': {'includeThoughts': True}}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config=CONFIG) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'responseModalities': ['AUDIO']}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config=CONFIG) as s:\n"
            "        pass\n",
        ),
        Invalid(
            'import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live",\n'
            '        "generationConfig": {"responseModalities": ["AUDIO"], "thinkingConfig": {"thinkingLevel": "LOW"}}}}))\n',
            fixed='import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live",\n'
            '        "generationConfig": {"responseModalities": ["AUDIO"]}}}))\n',
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        target = ctx.target
        for located in live_entries(ctx):
            entry = located.entry
            note = model_note(located, target)
            if target.thinking == "forbidden" and entry.name == "thinking_config":
                inside = ctx.live.entries_in(entry.value) if isinstance(entry.value, (cst.Call, cst.Dict)) else []
                if any(e.name == "thinking_budget" for e in inside):
                    continue  # LM002 removes it with the budget
                ctx.report(entry.key_node, f"`{entry.key}`: {target.claim('thinking_level')}: remove it.{note}",
                           fix_for(located, f"remove {entry.key}", remove_entry(entry)))
            elif (target.thinking == "level" and entry.name == "thinking_level"
                  and entry.parent == "thinking_config"):
                level = _level_of(entry.value)
                if level is None or level in target.thinking_levels:
                    continue
                lowest = target.thinking_levels[0]
                ctx.report(entry.key_node, f"thinking_level {level!r}: {target.claim('thinking_level')}: "
                           f"use {lowest!r} (review latency).{note}",
                           fix_for(located, f"thinking_level {lowest}",
                                   Replace(entry.value, _spelled_like(entry.value, lowest)),
                                   applicability=Applicability.UNSAFE))
