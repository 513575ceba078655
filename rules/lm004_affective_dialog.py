"""`enable_affective_dialog` in a Live config.

## What it does
Flags `enable_affective_dialog` / `enableAffectiveDialog` in Live configs: on
`LiveConnectConfig`, in dicts of both spellings, inside `generation_config`, in raw setup
frames (`setup.generationConfig.enableAffectiveDialog`), and in an ADK `RunConfig(...)` for a
Live run (`streaming_mode=StreamingMode.BIDI`, also in a dict it spreads, `RunConfig(**kwargs)`,
or a module that calls `run_live`), in a config another module connects with (a module-level
dict or what a builder function returns, read where it is written; no safe fix), and the
keyword of LiveKit's Gemini model (`google.beta.realtime.RealtimeModel(...)`) and of the
`InputParams(...)` a pipecat Gemini Live service takes as `params=`.

## Why is this bad?
Affective dialog is not supported by Gemini 3.1 Flash Live (docs: remove the configuration);
sending it to a model or API version that lacks it closed the session with 1007 on 2.5-era
servers, and reports for 3.1 describe a setup that never completes (THIRD-PARTY). The 3.8
target removed it from the Gemini API.

## Example
```python
config = {"response_modalities": ["AUDIO"], "enable_affective_dialog": True}
```

## Use instead
```python
config = {"response_modalities": ["AUDIO"]}
```

## Fix safety
Safe: the field is removed; the voice no longer adapts its tone to the user's. Unsafe when
the model the config is used with is not known in the module.
No fix for a session on a Vertex AI 2.x model: there is no confirmed 3.x id to move it to,
so its 2.5 settings stay valid for now.

## References
- ADK's `RunConfig` (its `proactivity` and `enable_affective_dialog` go to the Live session):
  https://github.com/google/adk-python/blob/main/src/google/adk/agents/run_config.py
- Gemini 3.1 Flash Live model page ("not yet supported … remove any configuration"):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Gemini 3.8 Live model page (affective dialog removed from the Gemini API):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
- 1007 when the field reaches a model or API version without it:
  https://github.com/googleapis/python-genai/issues/865
- Setup never completes with affective dialog on 3.1: https://github.com/PatterAI/Patter/pull/210
"""

from __future__ import annotations

from livemigrate.fixes import fix_for, live_entries, model_note, remove_entry
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext


class AffectiveDialog(Rule):
    id = "LM004"
    name = "affective-dialog"
    message = "enable_affective_dialog is not supported by the target Live model: remove it"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "from google.genai import types\nconfig = types.LiveConnectConfig(response_modalities=['AUDIO'])\n",
        "flags = {'enable_affective_dialog': True}\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types as gt\nMODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
            "config = gt.LiveConnectConfig(response_modalities=['AUDIO'], enable_affective_dialog=True)\n",
            fixed="from google.genai import types as gt\nMODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
            "config = gt.LiveConnectConfig(response_modalities=['AUDIO'])\n",
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    config = {\n        'responseModalities': ['AUDIO'],\n        'enableAffectiveDialog': True,\n    }\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    config = {\n        'responseModalities': ['AUDIO'],\n    }\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        pass\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.supports_affective_dialog:
            return
        for located in live_entries(ctx):
            entry = located.entry
            if entry.name != "enable_affective_dialog" or entry.parent not in (None, "generation_config"):
                continue
            ctx.report(entry.key_node,
                       f"{ctx.target.claim('affective_dialog')}: remove `{entry.key}`.{model_note(located, ctx.target)}",
                       fix_for(located, "remove enable_affective_dialog", remove_entry(entry)))
