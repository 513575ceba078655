"""`max_output_tokens=8192` in a Live config: 2.5's ceiling, now a cap well below the target's.

## What it does
Flags `max_output_tokens` / `maxOutputTokens` set to exactly 8192 (`8192`, `8_192`,
`8 * 1024`, `2 ** 13`) in a Live config, in every spelling: keyword, snake_case or camelCase
dict, `generation_config` nesting, a raw setup frame's `generationConfig`. Information only.

## Why is this bad?
8,192 output tokens was the ceiling of the 2.5 native-audio models; 2.5-era code often writes
it out to ask for "as much as allowed". Gemini 3.1 Flash Live (and 3.8) allow 65,536, so the
same line now silently cuts long answers (and their audio) short. Nothing errors.

Exactly 8192 is reported, not "any value of 8192 or more" nor smaller values: a smaller cap
is a deliberate budget that means the same on the target, and a larger one was never a 2.5
value, so it cannot have been copied from 2.5's ceiling. On Vertex AI the 2.5 native-audio
model already allowed 64K output tokens, so 8192 there is a choice and is not reported.

## Example
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"], max_output_tokens=8192)
```

## Use instead
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"])  # or a cap you chose
```

## Fix safety
No fix: whether the cap was deliberate is the author's call.

## References
- Gemini 3.1 Flash Live model page (output token limit 65,536):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Gemini 2.5 Flash native audio model page (output token limit 8,192):
  https://ai.google.dev/gemini-api/docs/models/gemini-2.5-flash-native-audio-preview-12-2025
- Gemini 3.8 Live model page: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import is_other_model
from livemigrate.fixes import int_literal, live_entries
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext

# The output token ceiling of the 2.5 native-audio models on the Gemini API.
_LEGACY_CEILING = 8192


def _value(node: cst.BaseExpression) -> int | None:
    """An integer literal, or a product / power of two literals (``8 * 1024``, ``2 ** 13``)."""
    literal = int_literal(node)
    if literal is not None:
        return literal
    if isinstance(node, cst.BinaryOperation):
        left, right = _value(node.left), _value(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.operator, cst.Multiply):
            return left * right
        if isinstance(node.operator, cst.Power) and 0 <= right < 64:
            return left ** right
    return None


class OutputCapFrom25(Rule):
    id = "LM403"
    name = "output-cap-from-2-5"
    message = "max_output_tokens=8192 is the older native-audio models' ceiling: on the target it is a cap"
    fix_availability = FixAvailability.NEVER
    advisory = True  # the same on the old model and the target: it does not hold the model back

    VALID = [
        "from google.genai import types\nconfig = types.LiveConnectConfig(max_output_tokens=1024)\n",
        # generate_content is not Live
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "r = client.models.generate_content(model='gemini-2.5-flash', contents='hi',\n"
        "    config=types.GenerateContentConfig(max_output_tokens=8192))\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\n"
            "MODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
            "config = types.LiveConnectConfig(response_modalities=['AUDIO'], max_output_tokens=8192)\n",
            line=3,
        ),
        Invalid(
            'import json\nURI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent"\n'
            "async def setup(ws):\n"
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '        "generationConfig": {"maxOutputTokens": 8 * 1024}}}))\n',
            line=5,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        for located in live_entries(ctx):
            entry = located.entry
            if entry.name != "max_output_tokens" or entry.parent not in (None, "generation_config"):
                continue
            if _value(entry.value) != _LEGACY_CEILING or ctx.live.on_vertex(entry.node) \
                    or is_other_model(located.model):
                continue
            ctx.report(entry.key_node,
                       f"max_output_tokens={_LEGACY_CEILING} was the ceiling of the older native-audio models: "
                       f"{ctx.target.claim('output_token_limit')}, so this now cuts longer replies short; "
                       f"drop it or choose a cap (information only)")
