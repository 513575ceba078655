"""`proactivity` (proactive audio) in a Live config.

## What it does
Flags `proactivity=types.ProactivityConfig(proactive_audio=...)`, `{"proactivity": ...}` and
raw `"proactivity"` setup fields in Live configs, in every spelling, and in an ADK
`RunConfig(...)` for a Live run (`streaming_mode=StreamingMode.BIDI`, also in a dict it spreads,
`RunConfig(**config_kwargs)`, or a module that calls `run_live`): ADK opens the session with the
fields it holds. In a run over the project, a config another module connects with is read where
it is written: a module-level dict, or what a builder function returns (`config =
build_live_connect_config(settings)` there), with no safe fix (its model is not known here). Also the `proactivity=` keyword of
LiveKit's Gemini model (`google.beta.realtime.RealtimeModel(...)`), which opens the session with
its keywords as the config, and of the `InputParams(...)` a pipecat Gemini Live service takes as
`params=` (its fields go into the session's config).

## Why is this bad?
Gemini 3.1 Flash Live does not support proactive audio and its docs say to remove the
configuration. Observed server reaction (THIRD-PARTY): the server never sends
`setupComplete`, so `connect()` hangs; older servers closed with 1007 "Unknown name". On the
3.8 target proactive audio is always on, `proactive_audio: false` is an error, and
`proactivity` is an unknown field outside `v1alpha`. The message gives the verdict of the
target being linted (`--target`), from its profile.

## Example
```python
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    proactivity=types.ProactivityConfig(proactive_audio=True),
)
```

## Use instead
```python
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
)
```

## Fix safety
Safe: the field is removed, with an import of `ProactivityConfig` left unused by it. The model
no longer decides by itself to stay silent on irrelevant input. Unsafe when the model the
config is used with is not known in the module (2.5 callers would lose the feature).
No fix for a session on a Vertex AI 2.x model: there is no confirmed 3.x id to move it to,
so its 2.5 settings stay valid for now.

## References
- ADK's `RunConfig` (its `proactivity` and `enable_affective_dialog` go to the Live session):
  https://github.com/google/adk-python/blob/main/src/google/adk/agents/run_config.py
- Gemini 3.1 Flash Live model page ("not yet supported … remove any configuration"):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Gemini 3.8 Live model page (proactive audio always on):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
- Setup never completes with proactivity / affective dialog on 3.1:
  https://github.com/PatterAI/Patter/pull/210
- `proactivity` only on v1alpha, also for 3.8: https://github.com/pydantic/pydantic-ai/pull/8394
- 1007 "Unknown name" for these fields on v1beta: https://github.com/google-gemini/cookbook/issues/775
"""

from __future__ import annotations

from livemigrate.fixes import fix_for, live_entries, model_note, remove_entry
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext


class ProactiveAudio(Rule):
    id = "LM003"
    name = "proactive-audio"
    message = "proactivity is not supported by the target Live model (setup hangs): remove it"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "from google.genai import types\nconfig = types.LiveConnectConfig(response_modalities=['AUDIO'])\n",
        # not a Live config
        "settings = {'proactivity': {'proactive_audio': True}}\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\nfrom google.genai.types import ProactivityConfig\n"
            "MODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
            "config = types.LiveConnectConfig(\n    response_modalities=['AUDIO'],\n"
            "    proactivity=ProactivityConfig(proactive_audio=True),\n)\n",
            fixed="from google.genai import types\n"
            "MODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
            "config = types.LiveConnectConfig(\n    response_modalities=['AUDIO'],\n)\n",
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "config = {'response_modalities': ['AUDIO']}\nconfig['proactivity'] = {'proactiveAudio': True}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "config = {'response_modalities': ['AUDIO']}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        pass\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.supports_proactivity:
            return
        for located in live_entries(ctx):
            entry = located.entry
            if entry.path != ("proactivity",):
                continue
            ctx.report(entry.key_node, f"{ctx.target.claim('proactivity')}: remove it.{model_note(located, ctx.target)}",
                       fix_for(located, "remove proactivity", remove_entry(entry)))
